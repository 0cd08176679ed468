package org.complaintledger.complaint;

public enum Status {
    SUBMITTED,
    ON_HOLD,
    ARCHIVED,
    DISPATCHED,
    IN_PROGRESS,
    AWAITING_REDISPATCH,
    RESPONDED,
    COMPLETED,
    ESCALATED,
    UNDER_REVIEW,
    REVIEWED,
    WITHDRAWN;

    /** Nothing more happens in the agency flow; only an appeal of a recent completion reopens anything. */
    public boolean isTerminal() {
        return switch (this) {
            case ARCHIVED, COMPLETED, WITHDRAWN, REVIEWED -> true;
            case SUBMITTED, ON_HOLD, DISPATCHED, IN_PROGRESS, AWAITING_REDISPATCH, RESPONDED, ESCALATED, UNDER_REVIEW ->
                false;
        };
    }

    /** Still with the operator or an agency: the states that deadlines police and escalation takes away. */
    public boolean isOpen() {
        return switch (this) {
            case SUBMITTED, ON_HOLD, DISPATCHED, IN_PROGRESS, AWAITING_REDISPATCH, RESPONDED -> true;
            case ARCHIVED, COMPLETED, WITHDRAWN, REVIEWED, ESCALATED, UNDER_REVIEW -> false;
        };
    }
}
