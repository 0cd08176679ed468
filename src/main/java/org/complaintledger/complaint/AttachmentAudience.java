package org.complaintledger.complaint;

/**
 * Who may see an attached file besides the staff who handle the complaint: {@code PUBLIC} also the complainant (and,
 * on a complaint that is not confidential, anyone), {@code INTERNAL} only the operator, the assigned agency, the
 * Ombudsman and the auditor.
 */
public enum AttachmentAudience {
    PUBLIC,
    INTERNAL
}
