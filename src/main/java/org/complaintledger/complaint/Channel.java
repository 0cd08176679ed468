package org.complaintledger.complaint;

/** Where a complaint came in; {@code LAPOR_SYNC} is an import from the national LAPOR! instance. */
public enum Channel {
    WEB,
    MOBILE_APP,
    SMS_1708,
    WHATSAPP,
    SOCIAL_MEDIA,
    WALK_IN,
    LETTER,
    PHONE,
    EMAIL,
    LAPOR_SYNC,
    OPEN311
}
