package org.complaintledger.complaint;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.complaintledger.deadline.DeadlineKind;

/**
 * A fact about one complaint, in the business's words. Events carry only facts (ids, values, the time it happened,
 * who did it); personal data appears only as ciphertext ({@code sealedComplainant}), so erasing a complainant's key
 * never touches a stored event or its hash. The stored type name and schema version come from
 * {@link ComplaintEventType}, never from the class name, so renaming a record cannot orphan stored data.
 *
 * <p>The complainant's own steps (an answer, acceptance, objection, appeal, withdrawal) carry a {@link Principal}
 * when the operator recorded them for the complainant: the actor is who recorded it, the principal whose step it is.
 * It is null when the complainant acted themselves, and in every event stored before schema version 2 of its type.
 */
public sealed interface ComplaintEvent {

    UUID complaintId();

    Instant occurredAt();

    Actor actor();

    /** The complainant the operator recorded this step for; null for everyone acting as themselves. */
    default Principal principal() {
        return null;
    }

    /** Named {@code eventType} rather than {@code type} so that serializers never mistake it for payload. */
    default ComplaintEventType eventType() {
        return ComplaintEventType.of(getClass());
    }

    record Submitted(
            UUID complaintId,
            Instant occurredAt,
            Actor actor,
            String trackingNumber,
            ReportType reportType,
            String category,
            Channel channel,
            String title,
            String description,
            Location location,
            boolean anonymous,
            boolean confidential,
            String complainantId,
            String sealedComplainant,
            LocalDate occurredOn)
            implements ComplaintEvent {
        public Submitted {
            requireCommon(complaintId, occurredAt, actor);
        }
    }

    record ClarificationRequested(UUID complaintId, Instant occurredAt, Actor actor, String question)
            implements ComplaintEvent {
        public ClarificationRequested {
            requireCommon(complaintId, occurredAt, actor);
        }
    }

    record ClarificationProvided(UUID complaintId, Instant occurredAt, Actor actor, String answer, Principal principal)
            implements ComplaintEvent {
        public ClarificationProvided {
            requireCommon(complaintId, occurredAt, actor);
        }

        public ClarificationProvided(UUID complaintId, Instant occurredAt, Actor actor, String answer) {
            this(complaintId, occurredAt, actor, answer, null);
        }
    }

    /** The category and report type in force after verification, whether or not the operator corrected them. */
    record Verified(UUID complaintId, Instant occurredAt, Actor actor, String category, ReportType reportType)
            implements ComplaintEvent {
        public Verified {
            requireCommon(complaintId, occurredAt, actor);
        }
    }

    record VisibilityChanged(
            UUID complaintId, Instant occurredAt, Actor actor, boolean anonymous, boolean confidential, String reason)
            implements ComplaintEvent {
        public VisibilityChanged {
            requireCommon(complaintId, occurredAt, actor);
        }
    }

    record Archived(UUID complaintId, Instant occurredAt, Actor actor, ArchiveReason reason, String note)
            implements ComplaintEvent {
        public Archived {
            requireCommon(complaintId, occurredAt, actor);
        }
    }

    record Dispatched(UUID complaintId, Instant occurredAt, Actor actor, String agencyId, String note)
            implements ComplaintEvent {
        public Dispatched {
            requireCommon(complaintId, occurredAt, actor);
        }
    }

    record AssignedToUnit(
            UUID complaintId,
            Instant occurredAt,
            Actor actor,
            String agencyId,
            String unitId,
            String note,
            String assignee)
            implements ComplaintEvent {
        public AssignedToUnit {
            requireCommon(complaintId, occurredAt, actor);
            Objects.requireNonNull(agencyId, "agencyId");
            Objects.requireNonNull(unitId, "unitId");
        }
    }

    record Acknowledged(UUID complaintId, Instant occurredAt, Actor actor, String agencyId) implements ComplaintEvent {
        public Acknowledged {
            requireCommon(complaintId, occurredAt, actor);
        }
    }

    record DeclinedByAgency(
            UUID complaintId, Instant occurredAt, Actor actor, String agencyId, String reason, String suggestedAgencyId)
            implements ComplaintEvent {
        public DeclinedByAgency {
            requireCommon(complaintId, occurredAt, actor);
        }
    }

    record Redispatched(UUID complaintId, Instant occurredAt, Actor actor, String agencyId, String note)
            implements ComplaintEvent {
        public Redispatched {
            requireCommon(complaintId, occurredAt, actor);
        }
    }

    /**
     * {@code actionTakenOn} is the day the agency says it acted (the road patched, the officer questioned), which may
     * be days before it answers; null when it did not say. Schema version 2: follow-ups of version 1 had no such
     * member and read with it null.
     */
    record FollowUpPosted(
            UUID complaintId, Instant occurredAt, Actor actor, String agencyId, String message, LocalDate actionTakenOn)
            implements ComplaintEvent {
        public FollowUpPosted {
            requireCommon(complaintId, occurredAt, actor);
        }
    }

    record ComplainantAccepted(
            UUID complaintId, Instant occurredAt, Actor actor, int rating, String comment, Principal principal)
            implements ComplaintEvent {
        public ComplainantAccepted {
            requireCommon(complaintId, occurredAt, actor);
        }

        public ComplainantAccepted(UUID complaintId, Instant occurredAt, Actor actor, int rating, String comment) {
            this(complaintId, occurredAt, actor, rating, comment, null);
        }
    }

    record ComplainantObjected(UUID complaintId, Instant occurredAt, Actor actor, String reason, Principal principal)
            implements ComplaintEvent {
        public ComplainantObjected {
            requireCommon(complaintId, occurredAt, actor);
        }

        public ComplainantObjected(UUID complaintId, Instant occurredAt, Actor actor, String reason) {
            this(complaintId, occurredAt, actor, reason, null);
        }
    }

    record Completed(UUID complaintId, Instant occurredAt, Actor actor, CompletionOutcome outcome)
            implements ComplaintEvent {
        public Completed {
            requireCommon(complaintId, occurredAt, actor);
        }
    }

    /**
     * The operator closed the complaint with an outcome: completed like an accepted one (the appeal window opens), but
     * the judgement and its note are the operator's, not the complainant's.
     */
    record ClosedByOperator(UUID complaintId, Instant occurredAt, Actor actor, ClosureOutcome outcome, String note)
            implements ComplaintEvent {
        public ClosedByOperator {
            requireCommon(complaintId, occurredAt, actor);
            Objects.requireNonNull(outcome, "outcome");
        }
    }

    record Withdrawn(UUID complaintId, Instant occurredAt, Actor actor, String reason, Principal principal)
            implements ComplaintEvent {
        public Withdrawn {
            requireCommon(complaintId, occurredAt, actor);
        }

        public Withdrawn(UUID complaintId, Instant occurredAt, Actor actor, String reason) {
            this(complaintId, occurredAt, actor, reason, null);
        }
    }

    /**
     * Records the policy id, version and rule text in force, and the holiday calendar and its version the due time was
     * counted with, so a replay years later shows which rule and which holidays applied. Schema version 2: a
     * deadline-set of version 1 did not record its calendar and reads with {@code calendarId} and
     * {@code calendarVersion} null (not recorded, which is not the same as "no holidays").
     */
    record DeadlineSet(
            UUID complaintId,
            Instant occurredAt,
            Actor actor,
            DeadlineKind kind,
            Instant dueAt,
            String policyId,
            int policyVersion,
            String rule,
            String calendarId,
            Integer calendarVersion)
            implements ComplaintEvent {
        public DeadlineSet {
            requireCommon(complaintId, occurredAt, actor);
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(dueAt, "dueAt");
        }
    }

    record DeadlineMissed(UUID complaintId, Instant occurredAt, Actor actor, DeadlineKind kind, Instant dueAt)
            implements ComplaintEvent {
        public DeadlineMissed {
            requireCommon(complaintId, occurredAt, actor);
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(dueAt, "dueAt");
        }
    }

    record Escalated(
            UUID complaintId,
            Instant occurredAt,
            Actor actor,
            EscalationCause cause,
            String reason,
            Principal principal)
            implements ComplaintEvent {
        public Escalated {
            requireCommon(complaintId, occurredAt, actor);
            Objects.requireNonNull(cause, "cause");
        }

        public Escalated(UUID complaintId, Instant occurredAt, Actor actor, EscalationCause cause, String reason) {
            this(complaintId, occurredAt, actor, cause, reason, null);
        }
    }

    record ReviewOpened(UUID complaintId, Instant occurredAt, Actor actor) implements ComplaintEvent {
        public ReviewOpened {
            requireCommon(complaintId, occurredAt, actor);
        }
    }

    record FindingRecorded(
            UUID complaintId,
            Instant occurredAt,
            Actor actor,
            boolean maladministration,
            List<MaladministrationForm> forms,
            String recommendation)
            implements ComplaintEvent {
        public FindingRecorded {
            requireCommon(complaintId, occurredAt, actor);
            forms = forms == null ? List.of() : List.copyOf(forms);
        }
    }

    record ReviewClosed(UUID complaintId, Instant occurredAt, Actor actor, String outcome) implements ComplaintEvent {
        public ReviewClosed {
            requireCommon(complaintId, occurredAt, actor);
        }
    }

    /**
     * The review closed with maladministration found: its recommendation goes back to the agency that had the
     * complaint, which must carry it out by {@code implementationDueAt} (thirty calendar days).
     */
    record RecommendationIssued(
            UUID complaintId,
            Instant occurredAt,
            Actor actor,
            String agencyId,
            String recommendation,
            Instant implementationDueAt)
            implements ComplaintEvent {
        public RecommendationIssued {
            requireCommon(complaintId, occurredAt, actor);
            Objects.requireNonNull(agencyId, "agencyId");
            Objects.requireNonNull(implementationDueAt, "implementationDueAt");
        }
    }

    /** The agency reported how it carried out the Ombudsman's recommendation. */
    record ImplementationReported(UUID complaintId, Instant occurredAt, Actor actor, String agencyId, String report)
            implements ComplaintEvent {
        public ImplementationReported {
            requireCommon(complaintId, occurredAt, actor);
        }
    }

    record LinkedAsDuplicate(UUID complaintId, Instant occurredAt, Actor actor, UUID originalId)
            implements ComplaintEvent {
        public LinkedAsDuplicate {
            requireCommon(complaintId, occurredAt, actor);
            Objects.requireNonNull(originalId, "originalId");
        }
    }

    record DuplicateLinkRemoved(UUID complaintId, Instant occurredAt, Actor actor, UUID originalId)
            implements ComplaintEvent {
        public DuplicateLinkRemoved {
            requireCommon(complaintId, occurredAt, actor);
            Objects.requireNonNull(originalId, "originalId");
        }
    }

    /** The complainant's data key was destroyed; the ciphertext in earlier events is now unreadable by design. */
    record PersonalDataErased(UUID complaintId, Instant occurredAt, Actor actor, String complainantId, String reason)
            implements ComplaintEvent {
        public PersonalDataErased {
            requireCommon(complaintId, occurredAt, actor);
        }
    }

    /**
     * A note in the complaint's conversation. {@code agencyId} is the officer's agency when an officer wrote it (so
     * that the complainant sees which agency spoke, never which person), null otherwise.
     */
    record MessagePosted(
            UUID complaintId, Instant occurredAt, Actor actor, String text, Audience audience, String agencyId)
            implements ComplaintEvent {
        public MessagePosted {
            requireCommon(complaintId, occurredAt, actor);
            Objects.requireNonNull(audience, "audience");
        }
    }

    /**
     * A file was attached. The bytes live outside the ledger, encrypted; the event holds what proves them: the sha256
     * and size of the stored bytes (after image metadata was stripped) and the media type read from those bytes.
     * {@code sealedDetails} is the file name and caption, sealed like personal data, never in clear.
     */
    record AttachmentAdded(
            UUID complaintId,
            Instant occurredAt,
            Actor actor,
            UUID attachmentId,
            String sha256,
            int size,
            String mediaType,
            AttachmentAudience audience,
            String sealedDetails)
            implements ComplaintEvent {
        public AttachmentAdded {
            requireCommon(complaintId, occurredAt, actor);
            Objects.requireNonNull(attachmentId, "attachmentId");
            Objects.requireNonNull(sha256, "sha256");
            Objects.requireNonNull(mediaType, "mediaType");
            Objects.requireNonNull(audience, "audience");
        }
    }

    /** The assigned agency asks the complainant; a complainant-response deadline runs until the answer comes. */
    record QuestionAsked(UUID complaintId, Instant occurredAt, Actor actor, String agencyId, String question)
            implements ComplaintEvent {
        public QuestionAsked {
            requireCommon(complaintId, occurredAt, actor);
        }
    }

    /** The complainant's answer to the agency's question; the complaint stays with the agency. */
    record QuestionAnswered(UUID complaintId, Instant occurredAt, Actor actor, String answer, Principal principal)
            implements ComplaintEvent {
        public QuestionAnswered {
            requireCommon(complaintId, occurredAt, actor);
        }

        public QuestionAnswered(UUID complaintId, Instant occurredAt, Actor actor, String answer) {
            this(complaintId, occurredAt, actor, answer, null);
        }
    }

    /** An interim reply: the agency tells the complainant where things stand without ending its turn. */
    record ProgressPosted(UUID complaintId, Instant occurredAt, Actor actor, String agencyId, String message)
            implements ComplaintEvent {
        public ProgressPosted {
            requireCommon(complaintId, occurredAt, actor);
        }
    }

    /** The agency asks the operator for more working days to follow up; a note internal to staff. */
    record ExtensionRequested(
            UUID complaintId, Instant occurredAt, Actor actor, UUID requestId, String agencyId, int days, String reason)
            implements ComplaintEvent {
        public ExtensionRequested {
            requireCommon(complaintId, occurredAt, actor);
            Objects.requireNonNull(requestId, "requestId");
        }
    }

    /** The operator's answer to an extension request; a grant comes with a new follow-up deadline-set. */
    record ExtensionDecided(
            UUID complaintId, Instant occurredAt, Actor actor, UUID requestId, boolean granted, String note)
            implements ComplaintEvent {
        public ExtensionDecided {
            requireCommon(complaintId, occurredAt, actor);
            Objects.requireNonNull(requestId, "requestId");
        }
    }

    /** The operator withdrew a file from view for good; its bytes are destroyed, its hash stays on record. */
    record AttachmentRedacted(UUID complaintId, Instant occurredAt, Actor actor, UUID attachmentId, String reason)
            implements ComplaintEvent {
        public AttachmentRedacted {
            requireCommon(complaintId, occurredAt, actor);
            Objects.requireNonNull(attachmentId, "attachmentId");
        }
    }

    private static void requireCommon(UUID complaintId, Instant occurredAt, Actor actor) {
        Objects.requireNonNull(complaintId, "complaintId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(actor, "actor");
    }
}
