package org.complaintledger.complaint;

/** Pengaduan, aspirasi, permintaan informasi. */
public enum ReportType {
    COMPLAINT,
    ASPIRATION,
    INFORMATION_REQUEST
}
