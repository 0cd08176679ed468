package org.complaintledger.notification;

/** How a complainant asked to be told, on filing; {@code NONE}: not at all. */
public enum NotifyChannel {
    EMAIL,
    WHATSAPP,
    SMS,
    NONE
}
