package org.complaintledger.complaint;

/**
 * How a complainant asked to be told, on filing; {@code NONE}: not at all. Part of the filing application (the
 * notification feature reads it through {@code complaint.handling.FilingStep}), not of any event.
 */
public enum NotifyChannel {
    EMAIL,
    WHATSAPP,
    SMS,
    NONE
}
