package org.complaintledger.notification;

import java.util.Locale;

/**
 * What a recipient is told; each has a Qute template per language under {@code templates/notification/} and, for
 * WhatsApp, a pre-approved template name in configuration. Complainants' messages first, then staff alerts.
 */
public enum Message {
    FILED,
    CLARIFICATION_REQUESTED,
    DISPATCHED,
    FOLLOW_UP_POSTED,
    MESSAGE_POSTED,
    QUESTION_ASKED,
    COMPLETED,
    AUTO_CLOSED,
    ARCHIVED,
    ESCALATED,
    REVIEW_CLOSED,
    /** The operator closed the complaint with an outcome; the complainant may still appeal. */
    CLOSED_BY_OPERATOR,
    /** The Ombudsman's review found maladministration and recommended remedies to the agency. */
    RECOMMENDATION_ISSUED,
    // a claim's one-time code, sent at once and never from the outbox (DirectMessages)
    CLAIM_CODE,
    // answers in the chat the complainant wrote from (intake/): a message taken in, a step recorded or refused, a
    // status asked for
    INTAKE_RECEIVED,
    REPLY_RECORDED,
    REPLY_REFUSED,
    STATUS_REPORTED,
    // staff alerts
    AGENCY_ASSIGNED,
    DECLINED_BY_AGENCY,
    CLARIFICATION_ANSWERED,
    COMPLAINANT_OBJECTED,
    COMPLAINANT_APPEALED,
    ESCALATION_RECEIVED,
    /** To the agency the Ombudsman's recommendation went to, with the date by which it reports its implementation. */
    RECOMMENDATION_RECEIVED,
    /** To the assigned agency, one working day before one of its due dates (StaffReminders). */
    DEADLINE_DUE_SOON,
    /** An agency's held alerts in one mail a day, when it asked for a digest. */
    AGENCY_DIGEST;

    /** The stable name in the outbox, template file names and configuration: {@code follow-up-posted}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Message ofKey(String key) {
        return valueOf(key.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
