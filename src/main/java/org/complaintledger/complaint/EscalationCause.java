package org.complaintledger.complaint;

public enum EscalationCause {
    OPERATOR,
    COMPLAINANT_APPEAL,
    FOLLOW_UP_MISSED_TWICE,
    RESOLUTION_OVERDUE
}
