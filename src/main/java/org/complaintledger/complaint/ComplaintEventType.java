package org.complaintledger.complaint;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one registry of stored event type names and schema versions. A name here is a published contract: never
 * rename or reuse one. A new payload shape gets a new schema version (with an upcaster from the old one), and a
 * renamed record keeps its old wire name.
 */
public enum ComplaintEventType {
    SUBMITTED("complaint.submitted", 1, ComplaintEvent.Submitted.class),
    CLARIFICATION_REQUESTED("complaint.clarification-requested", 1, ComplaintEvent.ClarificationRequested.class),
    CLARIFICATION_PROVIDED("complaint.clarification-provided", 2, ComplaintEvent.ClarificationProvided.class),
    VERIFIED("complaint.verified", 1, ComplaintEvent.Verified.class),
    VISIBILITY_CHANGED("complaint.visibility-changed", 1, ComplaintEvent.VisibilityChanged.class),
    ARCHIVED("complaint.archived", 1, ComplaintEvent.Archived.class),
    DISPATCHED("complaint.dispatched", 1, ComplaintEvent.Dispatched.class),
    ACKNOWLEDGED("complaint.acknowledged", 1, ComplaintEvent.Acknowledged.class),
    DECLINED_BY_AGENCY("complaint.declined-by-agency", 1, ComplaintEvent.DeclinedByAgency.class),
    REDISPATCHED("complaint.redispatched", 1, ComplaintEvent.Redispatched.class),
    FOLLOW_UP_POSTED("complaint.follow-up-posted", 2, ComplaintEvent.FollowUpPosted.class),
    COMPLAINANT_ACCEPTED("complaint.complainant-accepted", 2, ComplaintEvent.ComplainantAccepted.class),
    COMPLAINANT_OBJECTED("complaint.complainant-objected", 2, ComplaintEvent.ComplainantObjected.class),
    COMPLETED("complaint.completed", 1, ComplaintEvent.Completed.class),
    WITHDRAWN("complaint.withdrawn", 2, ComplaintEvent.Withdrawn.class),
    DEADLINE_SET("complaint.deadline-set", 2, ComplaintEvent.DeadlineSet.class),
    DEADLINE_MISSED("complaint.deadline-missed", 2, ComplaintEvent.DeadlineMissed.class),
    ESCALATED("complaint.escalated", 2, ComplaintEvent.Escalated.class),
    REVIEW_OPENED("complaint.review-opened", 1, ComplaintEvent.ReviewOpened.class),
    FINDING_RECORDED("complaint.finding-recorded", 1, ComplaintEvent.FindingRecorded.class),
    REVIEW_CLOSED("complaint.review-closed", 1, ComplaintEvent.ReviewClosed.class),
    LINKED_AS_DUPLICATE("complaint.linked-as-duplicate", 1, ComplaintEvent.LinkedAsDuplicate.class),
    DUPLICATE_LINK_REMOVED("complaint.duplicate-link-removed", 1, ComplaintEvent.DuplicateLinkRemoved.class),
    PERSONAL_DATA_ERASED("complaint.personal-data-erased", 1, ComplaintEvent.PersonalDataErased.class),
    MESSAGE_POSTED("complaint.message-posted", 1, ComplaintEvent.MessagePosted.class),
    QUESTION_ASKED("complaint.question-asked", 1, ComplaintEvent.QuestionAsked.class),
    QUESTION_ANSWERED("complaint.question-answered", 2, ComplaintEvent.QuestionAnswered.class),
    PROGRESS_POSTED("complaint.progress-posted", 1, ComplaintEvent.ProgressPosted.class),
    EXTENSION_REQUESTED("complaint.extension-requested", 1, ComplaintEvent.ExtensionRequested.class),
    EXTENSION_DECIDED("complaint.extension-decided", 1, ComplaintEvent.ExtensionDecided.class),
    ASSIGNED_TO_UNIT("complaint.assigned-to-unit", 1, ComplaintEvent.AssignedToUnit.class),
    ATTACHMENT_ADDED("complaint.attachment-added", 1, ComplaintEvent.AttachmentAdded.class),
    ATTACHMENT_REDACTED("complaint.attachment-redacted", 1, ComplaintEvent.AttachmentRedacted.class),
    CLOSED_BY_OPERATOR("complaint.closed-by-operator", 1, ComplaintEvent.ClosedByOperator.class),
    RECOMMENDATION_ISSUED("complaint.recommendation-issued", 1, ComplaintEvent.RecommendationIssued.class),
    IMPLEMENTATION_REPORTED("complaint.implementation-reported", 1, ComplaintEvent.ImplementationReported.class);

    private static final Map<Class<?>, ComplaintEventType> BY_RECORD = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(ComplaintEventType::recordType, Function.identity()));
    private static final Map<String, ComplaintEventType> BY_WIRE_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(ComplaintEventType::wireName, Function.identity()));

    private final String wireName;
    private final int schemaVersion;
    private final Class<? extends ComplaintEvent> recordType;

    ComplaintEventType(String wireName, int schemaVersion, Class<? extends ComplaintEvent> recordType) {
        this.wireName = wireName;
        this.schemaVersion = schemaVersion;
        this.recordType = recordType;
    }

    /** The stored type name, e.g. {@code complaint.follow-up-posted}. */
    public String wireName() {
        return wireName;
    }

    /** The schema version that the current record writes. */
    public int schemaVersion() {
        return schemaVersion;
    }

    public Class<? extends ComplaintEvent> recordType() {
        return recordType;
    }

    public static ComplaintEventType of(Class<? extends ComplaintEvent> recordType) {
        ComplaintEventType type = BY_RECORD.get(recordType);
        if (type == null) {
            throw new IllegalStateException("No stored type name is registered for " + recordType.getName());
        }
        return type;
    }

    public static Optional<ComplaintEventType> fromWireName(String wireName) {
        return Optional.ofNullable(BY_WIRE_NAME.get(wireName));
    }
}
