package org.complaintledger.notification;

/** The channels a delivery goes out on. */
public enum DeliveryChannel {
    EMAIL,
    WHATSAPP,
    SMS
}
