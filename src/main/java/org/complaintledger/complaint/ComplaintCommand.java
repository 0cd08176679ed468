package org.complaintledger.complaint;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.complaintledger.deadline.DeadlineKind;

/**
 * What someone asks the ledger to do to one complaint. The time, the actor and any generated value (the complaint
 * id, the tracking number) come in with the command, so that deciding is repeatable and testable without a clock.
 * Free-text fields are checked for presence and length at the edge; the records only refuse what would make a
 * decision meaningless (no complaint, no actor, no time).
 */
public sealed interface ComplaintCommand {

    UUID complaintId();

    Actor actor();

    Instant issuedAt();

    /**
     * A step that is the complainant's to take: answering, accepting, objecting, appealing, withdrawing. The
     * complainant takes it themselves ({@code onBehalf} null), or the operator records it for them, saying how they
     * asked; the decider then holds the step to the complainant's rules and names them as its principal.
     */
    sealed interface ComplainantStep permits ProvideClarification, Accept, ObjectToResponse, Appeal, Withdraw {
        Actor actor();

        OnBehalf onBehalf();
    }

    /** The operator records the complainant's own step for them; {@code via} is how the complainant asked. */
    record OnBehalf(String via) {
        public OnBehalf {
            Objects.requireNonNull(via, "via");
        }
    }

    /**
     * Files a complaint. {@code complainantId} is the subject that owns it (for a citizen, the token subject; for an
     * operator filing on behalf of a walk-in, phone or letter complainant, that person's subject, or null when they
     * have no account). {@code sealedComplainant} is the personal data already encrypted, never plain text.
     */
    record Submit(
            UUID complaintId,
            Actor actor,
            Instant issuedAt,
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
            implements ComplaintCommand {
        public Submit {
            requireCommon(complaintId, actor, issuedAt);
            Objects.requireNonNull(trackingNumber, "trackingNumber");
            Objects.requireNonNull(reportType, "reportType");
            Objects.requireNonNull(channel, "channel");
        }
    }

    record RequestClarification(UUID complaintId, Actor actor, Instant issuedAt, String question)
            implements ComplaintCommand {
        public RequestClarification {
            requireCommon(complaintId, actor, issuedAt);
        }
    }

    record ProvideClarification(UUID complaintId, Actor actor, Instant issuedAt, String answer, OnBehalf onBehalf)
            implements ComplaintCommand, ComplainantStep {
        public ProvideClarification {
            requireCommon(complaintId, actor, issuedAt);
        }

        public ProvideClarification(UUID complaintId, Actor actor, Instant issuedAt, String answer) {
            this(complaintId, actor, issuedAt, answer, null);
        }
    }

    /** Verifies and dispatches in one step; a null correction keeps what the complainant chose. */
    record Dispatch(
            UUID complaintId,
            Actor actor,
            Instant issuedAt,
            String agencyId,
            String note,
            String correctedCategory,
            ReportType correctedReportType)
            implements ComplaintCommand {
        public Dispatch {
            requireCommon(complaintId, actor, issuedAt);
            Objects.requireNonNull(agencyId, "agencyId");
        }
    }

    record Archive(UUID complaintId, Actor actor, Instant issuedAt, ArchiveReason reason, String note)
            implements ComplaintCommand {
        public Archive {
            requireCommon(complaintId, actor, issuedAt);
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The flags wanted after the change, both of them, so that a request cannot half-apply. */
    record ChangeVisibility(
            UUID complaintId, Actor actor, Instant issuedAt, boolean anonymous, boolean confidential, String reason)
            implements ComplaintCommand {
        public ChangeVisibility {
            requireCommon(complaintId, actor, issuedAt);
        }
    }

    /** Disposition inside the agency: one of its units (and optionally a named officer) takes the complaint on. */
    record AssignToUnit(UUID complaintId, Actor actor, Instant issuedAt, String unitId, String note, String assignee)
            implements ComplaintCommand {
        public AssignToUnit {
            requireCommon(complaintId, actor, issuedAt);
            Objects.requireNonNull(unitId, "unitId");
        }
    }

    record Acknowledge(UUID complaintId, Actor actor, Instant issuedAt) implements ComplaintCommand {
        public Acknowledge {
            requireCommon(complaintId, actor, issuedAt);
        }
    }

    record Decline(UUID complaintId, Actor actor, Instant issuedAt, String reason, String suggestedAgencyId)
            implements ComplaintCommand {
        public Decline {
            requireCommon(complaintId, actor, issuedAt);
        }
    }

    record Redispatch(UUID complaintId, Actor actor, Instant issuedAt, String agencyId, String note)
            implements ComplaintCommand {
        public Redispatch {
            requireCommon(complaintId, actor, issuedAt);
            Objects.requireNonNull(agencyId, "agencyId");
        }
    }

    /** {@code actionTakenOn}: the day the agency acted on the complaint, if it says; null otherwise. */
    record PostFollowUp(UUID complaintId, Actor actor, Instant issuedAt, String message, LocalDate actionTakenOn)
            implements ComplaintCommand {
        public PostFollowUp {
            requireCommon(complaintId, actor, issuedAt);
        }
    }

    /** The rating is checked by the decider (1 to 5) so that a bad one is a typed rejection, not a crash. */
    record Accept(UUID complaintId, Actor actor, Instant issuedAt, int rating, String comment, OnBehalf onBehalf)
            implements ComplaintCommand, ComplainantStep {
        public Accept {
            requireCommon(complaintId, actor, issuedAt);
        }

        public Accept(UUID complaintId, Actor actor, Instant issuedAt, int rating, String comment) {
            this(complaintId, actor, issuedAt, rating, comment, null);
        }
    }

    /** The complainant objects to the follow-up ("Object" would shadow java.lang.Object). */
    record ObjectToResponse(UUID complaintId, Actor actor, Instant issuedAt, String reason, OnBehalf onBehalf)
            implements ComplaintCommand, ComplainantStep {
        public ObjectToResponse {
            requireCommon(complaintId, actor, issuedAt);
        }

        public ObjectToResponse(UUID complaintId, Actor actor, Instant issuedAt, String reason) {
            this(complaintId, actor, issuedAt, reason, null);
        }
    }

    record Appeal(UUID complaintId, Actor actor, Instant issuedAt, String reason, OnBehalf onBehalf)
            implements ComplaintCommand, ComplainantStep {
        public Appeal {
            requireCommon(complaintId, actor, issuedAt);
        }

        public Appeal(UUID complaintId, Actor actor, Instant issuedAt, String reason) {
            this(complaintId, actor, issuedAt, reason, null);
        }
    }

    record Escalate(UUID complaintId, Actor actor, Instant issuedAt, String reason) implements ComplaintCommand {
        public Escalate {
            requireCommon(complaintId, actor, issuedAt);
        }
    }

    record Withdraw(UUID complaintId, Actor actor, Instant issuedAt, String reason, OnBehalf onBehalf)
            implements ComplaintCommand, ComplainantStep {
        public Withdraw {
            requireCommon(complaintId, actor, issuedAt);
        }

        public Withdraw(UUID complaintId, Actor actor, Instant issuedAt, String reason) {
            this(complaintId, actor, issuedAt, reason, null);
        }
    }

    record OpenReview(UUID complaintId, Actor actor, Instant issuedAt) implements ComplaintCommand {
        public OpenReview {
            requireCommon(complaintId, actor, issuedAt);
        }
    }

    record RecordFinding(
            UUID complaintId,
            Actor actor,
            Instant issuedAt,
            boolean maladministration,
            List<MaladministrationForm> forms,
            String recommendation)
            implements ComplaintCommand {
        public RecordFinding {
            requireCommon(complaintId, actor, issuedAt);
            forms = forms == null ? List.of() : List.copyOf(forms);
        }
    }

    record CloseReview(UUID complaintId, Actor actor, Instant issuedAt, String outcome) implements ComplaintCommand {
        public CloseReview {
            requireCommon(complaintId, actor, issuedAt);
        }
    }

    /** The operator ends the agency flow with its judgement of the outcome; the note is for the complainant too. */
    record Close(UUID complaintId, Actor actor, Instant issuedAt, ClosureOutcome outcome, String note)
            implements ComplaintCommand {
        public Close {
            requireCommon(complaintId, actor, issuedAt);
            Objects.requireNonNull(outcome, "outcome");
        }
    }

    /** The agency says how it carried out the Ombudsman's recommendation. */
    record ReportImplementation(UUID complaintId, Actor actor, Instant issuedAt, String report)
            implements ComplaintCommand {
        public ReportImplementation {
            requireCommon(complaintId, actor, issuedAt);
        }
    }

    /** Whether the original exists is checked at the edge: a decider sees one stream only. */
    record LinkAsDuplicate(UUID complaintId, Actor actor, Instant issuedAt, UUID originalId)
            implements ComplaintCommand {
        public LinkAsDuplicate {
            requireCommon(complaintId, actor, issuedAt);
            Objects.requireNonNull(originalId, "originalId");
        }
    }

    record RemoveDuplicateLink(UUID complaintId, Actor actor, Instant issuedAt) implements ComplaintCommand {
        public RemoveDuplicateLink {
            requireCommon(complaintId, actor, issuedAt);
        }
    }

    /**
     * Crypto-shredding for one complaint: the complainant's data key is already destroyed; this records, in the
     * complaint's own history, that its sealed personal data is gone for good and why.
     */
    record ErasePersonalData(UUID complaintId, Actor actor, Instant issuedAt, String reason)
            implements ComplaintCommand {
        public ErasePersonalData {
            requireCommon(complaintId, actor, issuedAt);
        }
    }

    /**
     * Sent by the deadline scheduler. It names the deadline it fired for, so that a repeat (a crash between pick and
     * commit, two instances) or a deadline already satisfied decides nothing instead of failing.
     */
    record RecordDeadlineMissed(UUID complaintId, Actor actor, Instant issuedAt, DeadlineKind kind, Instant dueAt)
            implements ComplaintCommand {
        public RecordDeadlineMissed {
            requireCommon(complaintId, actor, issuedAt);
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(dueAt, "dueAt");
        }
    }

    /**
     * Every deadline of one complaint that the scheduler found due in one pass, decided in order as so many
     * {@link RecordDeadlineMissed}: one load and one append for the complaint instead of one per deadline.
     */
    record RecordDeadlinesMissed(UUID complaintId, Actor actor, Instant issuedAt, List<Due> deadlines)
            implements ComplaintCommand {
        public RecordDeadlinesMissed {
            requireCommon(complaintId, actor, issuedAt);
            deadlines = List.copyOf(deadlines);
            if (deadlines.isEmpty()) {
                throw new IllegalArgumentException("No deadlines to record for " + complaintId);
            }
        }

        public record Due(DeadlineKind kind, Instant dueAt) {
            public Due {
                Objects.requireNonNull(kind, "kind");
                Objects.requireNonNull(dueAt, "dueAt");
            }
        }
    }

    /** A note to the conversation; the decider refuses an internal note from the complainant. */
    record PostMessage(UUID complaintId, Actor actor, Instant issuedAt, String text, Audience audience)
            implements ComplaintCommand {
        public PostMessage {
            requireCommon(complaintId, actor, issuedAt);
            Objects.requireNonNull(audience, "audience");
        }
    }

    record AskQuestion(UUID complaintId, Actor actor, Instant issuedAt, String question) implements ComplaintCommand {
        public AskQuestion {
            requireCommon(complaintId, actor, issuedAt);
        }
    }

    record PostProgress(UUID complaintId, Actor actor, Instant issuedAt, String message) implements ComplaintCommand {
        public PostProgress {
            requireCommon(complaintId, actor, issuedAt);
        }
    }

    /** {@code requestId} is made at the edge, like every generated value. */
    record RequestExtension(UUID complaintId, Actor actor, Instant issuedAt, UUID requestId, int days, String reason)
            implements ComplaintCommand {
        public RequestExtension {
            requireCommon(complaintId, actor, issuedAt);
            Objects.requireNonNull(requestId, "requestId");
        }
    }

    record DecideExtension(
            UUID complaintId, Actor actor, Instant issuedAt, UUID requestId, boolean granted, String note)
            implements ComplaintCommand {
        public DecideExtension {
            requireCommon(complaintId, actor, issuedAt);
            Objects.requireNonNull(requestId, "requestId");
        }
    }

    /**
     * Records a file already checked, stripped and stored. {@code audience} null means the default for the uploader
     * (public for the complainant's own files, internal for staff). {@code limit} is the configured number of files
     * a complaint may hold, passed in so that the decider stays free of configuration.
     */
    record AddAttachment(
            UUID complaintId,
            Actor actor,
            Instant issuedAt,
            UUID attachmentId,
            String sha256,
            int size,
            String mediaType,
            AttachmentAudience audience,
            String sealedDetails,
            int limit)
            implements ComplaintCommand {
        public AddAttachment {
            requireCommon(complaintId, actor, issuedAt);
            Objects.requireNonNull(attachmentId, "attachmentId");
            Objects.requireNonNull(sha256, "sha256");
            Objects.requireNonNull(mediaType, "mediaType");
        }
    }

    record RedactAttachment(UUID complaintId, Actor actor, Instant issuedAt, UUID attachmentId, String reason)
            implements ComplaintCommand {
        public RedactAttachment {
            requireCommon(complaintId, actor, issuedAt);
            Objects.requireNonNull(attachmentId, "attachmentId");
        }
    }

    private static void requireCommon(UUID complaintId, Actor actor, Instant issuedAt) {
        Objects.requireNonNull(complaintId, "complaintId");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(issuedAt, "issuedAt");
    }
}
