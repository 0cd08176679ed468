package org.complaintledger.open311;

import java.util.Optional;
import org.complaintledger.complaint.ArchiveReason;
import org.complaintledger.complaint.ComplaintEventType;
import org.complaintledger.complaint.Status;

/**
 * Our lifecycle in GeoReport's two words. {@code closed} is the end of the agency flow ({@link Status#isTerminal}:
 * archived, completed, withdrawn, reviewed); everything else is {@code open}, including a response the complainant
 * may still object to and an escalation the Ombudsman is still handling. A completed complaint appealed within its
 * thirty days opens again, and the update feed says so. {@code status_notes} carries the precise status, in words
 * we write ourselves: no free text typed by an operator, an officer or a complainant is published here.
 */
final class PublicStatus {

    static final String OPEN = "open";
    static final String CLOSED = "closed";

    private PublicStatus() {}

    static String of(Status status) {
        return status.isTerminal() ? CLOSED : OPEN;
    }

    /** The status_notes of a request, and the description of the update that brought it to this status. */
    static String notes(Status status) {
        return switch (status) {
            case SUBMITTED -> "Received; the SP4N-LAPOR! operator verifies it before sending it to an agency.";
            case ON_HOLD -> "On hold: the operator asked the complainant for more information.";
            case ARCHIVED -> "Archived without being sent to an agency.";
            case DISPATCHED -> "Verified and sent to the agency responsible.";
            case IN_PROGRESS -> "The agency responsible is working on it.";
            case AWAITING_REDISPATCH -> "The agency said it is not responsible; the operator is sending it to another.";
            case RESPONDED -> "The agency has answered; the complainant may accept or object.";
            case COMPLETED -> "Completed.";
            case ESCALATED -> "Escalated to the Ombudsman.";
            case UNDER_REVIEW -> "Under review by the Ombudsman.";
            case REVIEWED -> "Reviewed by the Ombudsman.";
            case WITHDRAWN -> "Withdrawn by the complainant.";
        };
    }

    /** The notes of an archived request say why, from the fixed list of reasons: "Duplicate request." is public. */
    static String notes(Status status, ArchiveReason reason) {
        if (status != Status.ARCHIVED || reason == null) {
            return notes(status);
        }
        return notes(status) + " "
                + switch (reason) {
                    case OUT_OF_SCOPE -> "It is outside the regency's services.";
                    case UNINTELLIGIBLE -> "It could not be understood.";
                    case INCOMPLETE -> "It lacked the information needed to act on it.";
                    case NOT_PUBLIC_SERVICE -> "It is not about a public service.";
                    case OTHER -> "The operator gave another reason.";
                    case DUPLICATE -> "Duplicate request.";
                    case NO_CLARIFICATION -> "The information asked for did not come in time.";
                };
    }

    /**
     * The status a complaint is in after an event of this type, for the events that change it; empty for the rest.
     * Filing is not an update: it creates the request. An exhaustive switch, so a new event type must be placed.
     */
    static Optional<Status> after(ComplaintEventType type) {
        return Optional.ofNullable(
                switch (type) {
                    case CLARIFICATION_REQUESTED -> Status.ON_HOLD;
                    case CLARIFICATION_PROVIDED, DUPLICATE_LINK_REMOVED -> Status.SUBMITTED;
                    case ARCHIVED -> Status.ARCHIVED;
                    case DISPATCHED, REDISPATCHED -> Status.DISPATCHED;
                    case ACKNOWLEDGED, COMPLAINANT_OBJECTED -> Status.IN_PROGRESS;
                    case DECLINED_BY_AGENCY -> Status.AWAITING_REDISPATCH;
                    case FOLLOW_UP_POSTED -> Status.RESPONDED;
                    case COMPLETED, CLOSED_BY_OPERATOR -> Status.COMPLETED;
                    case WITHDRAWN -> Status.WITHDRAWN;
                    case ESCALATED -> Status.ESCALATED;
                    case REVIEW_OPENED -> Status.UNDER_REVIEW;
                    case REVIEW_CLOSED -> Status.REVIEWED;
                    case SUBMITTED,
                            VERIFIED,
                            VISIBILITY_CHANGED,
                            COMPLAINANT_ACCEPTED,
                            DEADLINE_SET,
                            DEADLINE_MISSED,
                            FINDING_RECORDED,
                            LINKED_AS_DUPLICATE,
                            PERSONAL_DATA_ERASED,
                            MESSAGE_POSTED,
                            QUESTION_ASKED,
                            QUESTION_ANSWERED,
                            PROGRESS_POSTED,
                            EXTENSION_REQUESTED,
                            EXTENSION_DECIDED,
                            ASSIGNED_TO_UNIT,
                            ATTACHMENT_ADDED,
                            ATTACHMENT_REDACTED,
                            RECOMMENDATION_ISSUED,
                            IMPLEMENTATION_REPORTED -> null;
                });
    }
}
