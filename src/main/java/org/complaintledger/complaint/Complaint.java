package org.complaintledger.complaint;

import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.complaintledger.complaint.ComplaintCommand.Accept;
import org.complaintledger.complaint.ComplaintCommand.Acknowledge;
import org.complaintledger.complaint.ComplaintCommand.AddAttachment;
import org.complaintledger.complaint.ComplaintCommand.Appeal;
import org.complaintledger.complaint.ComplaintCommand.Archive;
import org.complaintledger.complaint.ComplaintCommand.AskQuestion;
import org.complaintledger.complaint.ComplaintCommand.AssignToUnit;
import org.complaintledger.complaint.ComplaintCommand.ChangeVisibility;
import org.complaintledger.complaint.ComplaintCommand.Close;
import org.complaintledger.complaint.ComplaintCommand.CloseReview;
import org.complaintledger.complaint.ComplaintCommand.DecideExtension;
import org.complaintledger.complaint.ComplaintCommand.Decline;
import org.complaintledger.complaint.ComplaintCommand.Dispatch;
import org.complaintledger.complaint.ComplaintCommand.ErasePersonalData;
import org.complaintledger.complaint.ComplaintCommand.Escalate;
import org.complaintledger.complaint.ComplaintCommand.LinkAsDuplicate;
import org.complaintledger.complaint.ComplaintCommand.ObjectToResponse;
import org.complaintledger.complaint.ComplaintCommand.OpenReview;
import org.complaintledger.complaint.ComplaintCommand.PostFollowUp;
import org.complaintledger.complaint.ComplaintCommand.PostMessage;
import org.complaintledger.complaint.ComplaintCommand.PostProgress;
import org.complaintledger.complaint.ComplaintCommand.ProvideClarification;
import org.complaintledger.complaint.ComplaintCommand.RecordDeadlineMissed;
import org.complaintledger.complaint.ComplaintCommand.RecordDeadlinesMissed;
import org.complaintledger.complaint.ComplaintCommand.RecordFinding;
import org.complaintledger.complaint.ComplaintCommand.RedactAttachment;
import org.complaintledger.complaint.ComplaintCommand.Redispatch;
import org.complaintledger.complaint.ComplaintCommand.RemoveDuplicateLink;
import org.complaintledger.complaint.ComplaintCommand.ReportImplementation;
import org.complaintledger.complaint.ComplaintCommand.RequestClarification;
import org.complaintledger.complaint.ComplaintCommand.RequestExtension;
import org.complaintledger.complaint.ComplaintCommand.Submit;
import org.complaintledger.complaint.ComplaintCommand.Withdraw;
import org.complaintledger.complaint.ComplaintEvent.Acknowledged;
import org.complaintledger.complaint.ComplaintEvent.Archived;
import org.complaintledger.complaint.ComplaintEvent.AssignedToUnit;
import org.complaintledger.complaint.ComplaintEvent.AttachmentAdded;
import org.complaintledger.complaint.ComplaintEvent.AttachmentRedacted;
import org.complaintledger.complaint.ComplaintEvent.ClarificationProvided;
import org.complaintledger.complaint.ComplaintEvent.ClarificationRequested;
import org.complaintledger.complaint.ComplaintEvent.ClosedByOperator;
import org.complaintledger.complaint.ComplaintEvent.ComplainantAccepted;
import org.complaintledger.complaint.ComplaintEvent.ComplainantObjected;
import org.complaintledger.complaint.ComplaintEvent.Completed;
import org.complaintledger.complaint.ComplaintEvent.DeadlineMissed;
import org.complaintledger.complaint.ComplaintEvent.DeadlineSet;
import org.complaintledger.complaint.ComplaintEvent.DeclinedByAgency;
import org.complaintledger.complaint.ComplaintEvent.Dispatched;
import org.complaintledger.complaint.ComplaintEvent.DuplicateLinkRemoved;
import org.complaintledger.complaint.ComplaintEvent.Escalated;
import org.complaintledger.complaint.ComplaintEvent.ExtensionDecided;
import org.complaintledger.complaint.ComplaintEvent.ExtensionRequested;
import org.complaintledger.complaint.ComplaintEvent.FindingRecorded;
import org.complaintledger.complaint.ComplaintEvent.FollowUpPosted;
import org.complaintledger.complaint.ComplaintEvent.ImplementationReported;
import org.complaintledger.complaint.ComplaintEvent.LinkedAsDuplicate;
import org.complaintledger.complaint.ComplaintEvent.MessagePosted;
import org.complaintledger.complaint.ComplaintEvent.PersonalDataErased;
import org.complaintledger.complaint.ComplaintEvent.ProgressPosted;
import org.complaintledger.complaint.ComplaintEvent.QuestionAnswered;
import org.complaintledger.complaint.ComplaintEvent.QuestionAsked;
import org.complaintledger.complaint.ComplaintEvent.RecommendationIssued;
import org.complaintledger.complaint.ComplaintEvent.Redispatched;
import org.complaintledger.complaint.ComplaintEvent.ReviewClosed;
import org.complaintledger.complaint.ComplaintEvent.ReviewOpened;
import org.complaintledger.complaint.ComplaintEvent.Submitted;
import org.complaintledger.complaint.ComplaintEvent.Verified;
import org.complaintledger.complaint.ComplaintEvent.VisibilityChanged;
import org.complaintledger.complaint.ComplaintEvent.Withdrawn;
import org.complaintledger.complaint.Rejection.Reason;
import org.complaintledger.deadline.DeadlineKind;
import org.complaintledger.deadline.DeadlinePolicy;

/**
 * The state of one complaint, folded from its events, and the pure decider over it.
 *
 * <p>{@code status} is null until the complaint is filed ({@link #exists()}). {@code version} counts the events applied,
 * which is the stream version the write side checks for optimistic concurrency. {@code deadlines} holds the timers
 * still running; a timer leaves the map when the awaited step happens, when it is missed, or when the complaint
 * leaves the flow that it polices.
 */
public record Complaint(
        UUID id,
        long version,
        Status status,
        ReportType reportType,
        String category,
        boolean anonymous,
        boolean confidential,
        String complainantId,
        String sealedComplainant,
        String agencyId,
        Instant submittedAt,
        Instant completedAt,
        Map<DeadlineKind, ActiveDeadline> deadlines,
        UUID duplicateOf,
        int missedFollowUps,
        Review review,
        // the unit inside the agency (and the officer, if named) it is assigned to: assigning twice is refused
        String unitId,
        String assignee,
        Map<UUID, Attachment> attachments,
        boolean questionPending,
        Map<UUID, Integer> pendingExtensions,
        Set<UUID> decidedExtensions,
        // the Ombudsman's recommendation to the agency after a review, until and after the agency reports on it
        Recommendation recommendation) {

    /** The complainant may appeal a completed complaint for thirty calendar days after completion. */
    public static final Period APPEAL_WINDOW = Period.ofDays(30);

    /** {@code reportedAt} is null until the agency reports its implementation. */
    public record Recommendation(String agencyId, String text, Instant dueAt, Instant reportedAt) {}

    /** A second missed follow-up deadline on the same complaint takes it to the Ombudsman. */
    static final int FOLLOW_UP_MISSES_BEFORE_ESCALATION = 2;

    private static final Set<DeadlineKind> AGENCY_FLOW_DEADLINES =
            EnumSet.complementOf(EnumSet.of(DeadlineKind.RESOLUTION));
    private static final Set<DeadlineKind> ALL_DEADLINES = EnumSet.allOf(DeadlineKind.class);

    public record ActiveDeadline(Instant dueAt) {
        public ActiveDeadline {
            Objects.requireNonNull(dueAt, "dueAt");
        }
    }

    /** A file on record, in the order attached; a redacted one stays, so that its hash stays on record too. */
    public record Attachment(
            UUID id,
            String sha256,
            int size,
            String mediaType,
            AttachmentAudience audience,
            String sealedDetails,
            Instant addedAt,
            Actor addedBy,
            boolean redacted) {
        public Attachment {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(addedBy, "addedBy");
        }
    }

    public record Finding(
            boolean maladministration,
            List<MaladministrationForm> forms,
            String recommendation,
            Instant recordedAt,
            String reviewer) {
        public Finding {
            forms = List.copyOf(forms);
        }
    }

    /** Null outcome and closedAt while the review is open. */
    public record Review(Instant openedAt, String reviewer, List<Finding> findings, String outcome, Instant closedAt) {
        public Review {
            findings = List.copyOf(findings);
        }
    }

    public Complaint {
        Objects.requireNonNull(id, "id");
        EnumMap<DeadlineKind, ActiveDeadline> copy = new EnumMap<>(DeadlineKind.class);
        copy.putAll(deadlines);
        deadlines = Collections.unmodifiableMap(copy);
        attachments = attachments == null
                ? Map.of()
                : Collections.unmodifiableMap(new java.util.LinkedHashMap<>(attachments));
        pendingExtensions = Map.copyOf(pendingExtensions);
        decidedExtensions = Set.copyOf(decidedExtensions);
    }

    public static Complaint initial(UUID id) {
        return new Complaint(
                id, 0, null, null, null, false, false, null, null, null, null, null, Map.of(), null, 0, null, null,
                null, Map.of(), false, Map.of(), Set.of(), null);
    }

    /** Folds a stream from the start; the way the write side and the point-in-time view rebuild a complaint. */
    public static Complaint replay(UUID id, Iterable<? extends ComplaintEvent> events) {
        Complaint state = initial(id);
        for (ComplaintEvent event : events) {
            state = evolve(state, event);
        }
        return state;
    }

    public boolean exists() {
        return status != null;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // decide

    /**
     * The events that a command produces on this state, or a {@link Rejection}. An empty list means the command was
     * already satisfied (only a repeated or stale deadline miss does that).
     */
    public static List<ComplaintEvent> decide(ComplaintCommand command, Complaint state, DeadlinePolicy policy) {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(policy, "policy");
        if (!command.complaintId().equals(state.id())) {
            throw new IllegalArgumentException(
                    "Command for complaint " + command.complaintId() + " decided on the state of " + state.id());
        }
        return switch (command) {
            case Submit c -> submit(c, state, policy);
            case RequestClarification c -> requestClarification(c, existing(state), policy);
            case ProvideClarification c -> provideClarification(c, existing(state), policy);
            case Dispatch c -> dispatch(c, existing(state), policy);
            case Archive c -> archive(c, existing(state));
            case ChangeVisibility c -> changeVisibility(c, existing(state));
            case AssignToUnit c -> assignToUnit(c, existing(state));
            case Acknowledge c -> acknowledge(c, existing(state));
            case Decline c -> decline(c, existing(state), policy);
            case Redispatch c -> redispatch(c, existing(state), policy);
            case PostFollowUp c -> postFollowUp(c, existing(state), policy);
            case Accept c -> accept(c, existing(state));
            case ObjectToResponse c -> objectToResponse(c, existing(state), policy);
            case Appeal c -> appeal(c, existing(state), policy);
            case Escalate c -> escalate(c, existing(state));
            case Withdraw c -> withdraw(c, existing(state));
            case Close c -> close(c, existing(state));
            case OpenReview c -> openReview(c, existing(state));
            case RecordFinding c -> recordFinding(c, existing(state));
            case CloseReview c -> closeReview(c, existing(state), policy);
            case ReportImplementation c -> reportImplementation(c, existing(state));
            case LinkAsDuplicate c -> linkAsDuplicate(c, existing(state));
            case RemoveDuplicateLink c -> removeDuplicateLink(c, existing(state), policy);
            case RecordDeadlineMissed c -> recordDeadlineMissed(c, existing(state), policy);
            case RecordDeadlinesMissed c -> recordDeadlinesMissed(c, existing(state), policy);
            case ErasePersonalData c -> erasePersonalData(c, existing(state));
            case PostMessage c -> postMessage(c, existing(state));
            case AskQuestion c -> askQuestion(c, existing(state), policy);
            case PostProgress c -> postProgress(c, existing(state));
            case RequestExtension c -> requestExtension(c, existing(state));
            case DecideExtension c -> decideExtension(c, existing(state), policy);
            case AddAttachment c -> addAttachment(c, existing(state));
            case RedactAttachment c -> redactAttachment(c, existing(state));
        };
    }

    /** Each due deadline as its own RecordDeadlineMissed, on the state the previous ones left. */
    private static List<ComplaintEvent> recordDeadlinesMissed(
            RecordDeadlinesMissed c, Complaint state, DeadlinePolicy policy) {
        List<ComplaintEvent> events = new java.util.ArrayList<>();
        Complaint current = state;
        for (RecordDeadlinesMissed.Due due : c.deadlines()) {
            List<ComplaintEvent> missed = recordDeadlineMissed(
                    new RecordDeadlineMissed(c.complaintId(), c.actor(), c.issuedAt(), due.kind(), due.dueAt()),
                    current,
                    policy);
            for (ComplaintEvent event : missed) {
                current = evolve(current, event);
            }
            events.addAll(missed);
        }
        return List.copyOf(events);
    }

    private static List<ComplaintEvent> submit(Submit c, Complaint state, DeadlinePolicy policy) {
        if (state.exists()) {
            throw new Rejection(Reason.ALREADY_EXISTS, "Complaint " + c.complaintId() + " already exists");
        }
        switch (c.actor().role()) {
            case CITIZEN -> {
                if (!c.actor().subject().equals(c.complainantId())) {
                    throw new Rejection(Reason.NOT_OWNER, "A citizen may file a complaint only as its own complainant");
                }
            }
            // Walk-in, phone and letter complainants are filed by the operator on their behalf.
            case OPERATOR -> {}
            case AGENCY_OFFICER, OMBUDSMAN, AUDITOR, SYSTEM -> throw roleNotAllowed(c.actor(), Step.SUBMIT);
        }
        return List.of(
                new Submitted(
                        c.complaintId(),
                        c.issuedAt(),
                        c.actor(),
                        c.trackingNumber(),
                        c.reportType(),
                        c.category(),
                        c.channel(),
                        c.title(),
                        c.description(),
                        c.location(),
                        c.anonymous(),
                        c.confidential(),
                        c.complainantId(),
                        c.sealedComplainant(),
                        c.occurredOn()),
                deadlineSet(c, policy, DeadlineKind.VERIFICATION, c.issuedAt()),
                deadlineSet(c, policy, DeadlineKind.RESOLUTION, c.issuedAt()));
    }

    private static List<ComplaintEvent> requestClarification(
            RequestClarification c, Complaint state, DeadlinePolicy policy) {
        requireRole(c.actor(), Step.REQUEST_CLARIFICATION, Role.OPERATOR);
        requireStatus(state, Step.REQUEST_CLARIFICATION, Status.SUBMITTED);
        return List.of(
                new ClarificationRequested(c.complaintId(), c.issuedAt(), c.actor(), c.question()),
                deadlineSet(c, policy, DeadlineKind.CLARIFICATION, c.issuedAt()));
    }

    private static List<ComplaintEvent> provideClarification(
            ProvideClarification c, Complaint state, DeadlinePolicy policy) {
        Principal principal = requireComplainant(state, c, Step.PROVIDE_CLARIFICATION);
        if (state.questionPending() && (state.status() == Status.DISPATCHED || state.status() == Status.IN_PROGRESS)) {
            // the answer to the agency's question: the complaint stays with the agency, its follow-up clock running
            return List.of(new QuestionAnswered(c.complaintId(), c.issuedAt(), c.actor(), c.answer(), principal));
        }
        requireStatus(state, Step.PROVIDE_CLARIFICATION, Status.ON_HOLD);
        return List.of(
                new ClarificationProvided(c.complaintId(), c.issuedAt(), c.actor(), c.answer(), principal),
                deadlineSet(c, policy, DeadlineKind.VERIFICATION, c.issuedAt()));
    }

    private static List<ComplaintEvent> dispatch(Dispatch c, Complaint state, DeadlinePolicy policy) {
        requireRole(c.actor(), Step.DISPATCH, Role.OPERATOR);
        requireStatus(state, Step.DISPATCH, Status.SUBMITTED, Status.ON_HOLD);
        String category = c.correctedCategory() != null ? c.correctedCategory() : state.category();
        ReportType reportType = c.correctedReportType() != null ? c.correctedReportType() : state.reportType();
        return List.of(
                new Verified(c.complaintId(), c.issuedAt(), c.actor(), category, reportType),
                new Dispatched(c.complaintId(), c.issuedAt(), c.actor(), c.agencyId(), c.note()),
                deadlineSet(c, policy, DeadlineKind.FOLLOW_UP, c.issuedAt()));
    }

    private static List<ComplaintEvent> archive(Archive c, Complaint state) {
        requireRole(c.actor(), Step.ARCHIVE, Role.OPERATOR);
        if (c.reason().isReserved()) {
            throw new Rejection(
                    Reason.ARCHIVE_REASON_RESERVED,
                    "Archive reason " + c.reason()
                            + " is recorded only by linking a duplicate or by a missed clarification deadline");
        }
        requireStatus(state, Step.ARCHIVE, Status.SUBMITTED, Status.ON_HOLD);
        return List.of(new Archived(c.complaintId(), c.issuedAt(), c.actor(), c.reason(), c.note()));
    }

    /**
     * Allowed in any status, because exposure is a harm whenever it happens. Nobody loosens: the operator may only
     * tighten (LAPOR!'s incident: a complainant exposed by a forgotten flag), and the complainant may only ask for more
     * privacy on their own complaint (API.md gives the endpoint to the operator). Since each flag can only be set,
     * a complaint holds at most two visibility changes, so no one can grow a stream by toggling them.
     */
    private static List<ComplaintEvent> changeVisibility(ChangeVisibility c, Complaint state) {
        switch (c.actor().role()) {
            case CITIZEN -> requireOwner(state, c.actor(), Step.CHANGE_VISIBILITY);
            case OPERATOR -> {}
            case AGENCY_OFFICER, OMBUDSMAN, AUDITOR, SYSTEM -> throw roleNotAllowed(c.actor(), Step.CHANGE_VISIBILITY);
        }
        if (c.anonymous() == state.anonymous() && c.confidential() == state.confidential()) {
            throw new Rejection(
                    Reason.VISIBILITY_UNCHANGED,
                    "The complaint is already anonymous=" + state.anonymous() + " and confidential="
                            + state.confidential());
        }
        boolean loosens = (state.anonymous() && !c.anonymous()) || (state.confidential() && !c.confidential());
        if (loosens) {
            throw new Rejection(
                    Reason.VISIBILITY_LOOSENING_NOT_ALLOWED, "A complaint may be made more private, never less");
        }
        return List.of(new VisibilityChanged(
                c.complaintId(), c.issuedAt(), c.actor(), c.anonymous(), c.confidential(), c.reason()));
    }

    /**
     * An officer of the assigned agency hands the complaint to one of its units (the edge checks that the unit is the
     * agency's), while the agency still owes its answer. Assigning it again to the same unit and officer is refused
     * rather than recorded twice.
     */
    private static List<ComplaintEvent> assignToUnit(AssignToUnit c, Complaint state) {
        requireAssignedOfficer(state, c.actor(), Step.ASSIGN_TO_UNIT);
        requireStatus(state, Step.ASSIGN_TO_UNIT, Status.DISPATCHED, Status.IN_PROGRESS);
        if (c.unitId().equals(state.unitId()) && Objects.equals(c.assignee(), state.assignee())) {
            throw new Rejection(
                    Reason.ALREADY_ASSIGNED_TO_UNIT,
                    "The complaint is already assigned to unit " + c.unitId()
                            + (c.assignee() == null ? "" : " and officer " + c.assignee()));
        }
        return List.of(new AssignedToUnit(
                c.complaintId(), c.issuedAt(), c.actor(), state.agencyId(), c.unitId(), c.note(), c.assignee()));
    }

    private static List<ComplaintEvent> acknowledge(Acknowledge c, Complaint state) {
        requireAssignedOfficer(state, c.actor(), Step.ACKNOWLEDGE);
        requireStatus(state, Step.ACKNOWLEDGE, Status.DISPATCHED);
        return List.of(new Acknowledged(c.complaintId(), c.issuedAt(), c.actor(), state.agencyId()));
    }

    private static List<ComplaintEvent> decline(Decline c, Complaint state, DeadlinePolicy policy) {
        requireAssignedOfficer(state, c.actor(), Step.DECLINE);
        requireStatus(state, Step.DECLINE, Status.DISPATCHED, Status.IN_PROGRESS);
        return List.of(
                new DeclinedByAgency(
                        c.complaintId(), c.issuedAt(), c.actor(), state.agencyId(), c.reason(), c.suggestedAgencyId()),
                deadlineSet(c, policy, DeadlineKind.REDISPATCH, c.issuedAt()));
    }

    /** From DISPATCHED too, so that an operator can correct a wrong dispatch before the agency has to decline it. */
    private static List<ComplaintEvent> redispatch(Redispatch c, Complaint state, DeadlinePolicy policy) {
        requireRole(c.actor(), Step.REDISPATCH, Role.OPERATOR);
        requireStatus(state, Step.REDISPATCH, Status.AWAITING_REDISPATCH, Status.DISPATCHED);
        return List.of(
                new Redispatched(c.complaintId(), c.issuedAt(), c.actor(), c.agencyId(), c.note()),
                deadlineSet(c, policy, DeadlineKind.FOLLOW_UP, c.issuedAt()));
    }

    private static List<ComplaintEvent> postFollowUp(PostFollowUp c, Complaint state, DeadlinePolicy policy) {
        requireAssignedOfficer(state, c.actor(), Step.POST_FOLLOW_UP);
        requireStatus(state, Step.POST_FOLLOW_UP, Status.IN_PROGRESS);
        return List.of(
                new FollowUpPosted(
                        c.complaintId(), c.issuedAt(), c.actor(), state.agencyId(), c.message(), c.actionTakenOn()),
                deadlineSet(c, policy, DeadlineKind.COMPLAINANT_RESPONSE, c.issuedAt()));
    }

    private static List<ComplaintEvent> accept(Accept c, Complaint state) {
        Principal principal = requireComplainant(state, c, Step.ACCEPT);
        if (c.rating() < 1 || c.rating() > 5) {
            throw new Rejection(Reason.INVALID_RATING, "A rating is from 1 to 5, not " + c.rating());
        }
        requireStatus(state, Step.ACCEPT, Status.RESPONDED);
        return List.of(
                new ComplainantAccepted(c.complaintId(), c.issuedAt(), c.actor(), c.rating(), c.comment(), principal),
                new Completed(c.complaintId(), c.issuedAt(), c.actor(), CompletionOutcome.ACCEPTED));
    }

    private static List<ComplaintEvent> objectToResponse(ObjectToResponse c, Complaint state, DeadlinePolicy policy) {
        Principal principal = requireComplainant(state, c, Step.OBJECT);
        requireStatus(state, Step.OBJECT, Status.RESPONDED);
        return List.of(
                new ComplainantObjected(c.complaintId(), c.issuedAt(), c.actor(), c.reason(), principal),
                deadlineSet(c, policy, DeadlineKind.FOLLOW_UP, c.issuedAt()));
    }

    private static List<ComplaintEvent> appeal(Appeal c, Complaint state, DeadlinePolicy policy) {
        Principal principal = requireComplainant(state, c, Step.APPEAL);
        if (state.status() == Status.COMPLETED) {
            // Calendar days in the regency's zone, like the other calendar-day rules.
            Instant windowEnd = state.completedAt()
                    .atZone(policy.calendar().zone())
                    .plus(APPEAL_WINDOW)
                    .toInstant();
            if (c.issuedAt().isAfter(windowEnd)) {
                throw new Rejection(
                        Reason.APPEAL_WINDOW_CLOSED,
                        "A completed complaint may be appealed for " + APPEAL_WINDOW.getDays()
                                + " days after completion; that window closed at " + windowEnd);
            }
        } else if (!state.status().isOpen()) {
            throw transitionNotAllowed(state, Step.APPEAL);
        }
        return List.of(new Escalated(
                c.complaintId(), c.issuedAt(), c.actor(), EscalationCause.COMPLAINANT_APPEAL, c.reason(), principal));
    }

    private static List<ComplaintEvent> escalate(Escalate c, Complaint state) {
        requireRole(c.actor(), Step.ESCALATE, Role.OPERATOR);
        if (!state.status().isOpen()) {
            throw transitionNotAllowed(state, Step.ESCALATE);
        }
        return List.of(new Escalated(c.complaintId(), c.issuedAt(), c.actor(), EscalationCause.OPERATOR, c.reason()));
    }

    /**
     * Once an agency has it and before the Ombudsman does: a complaint not yet dispatched is archived instead, and one
     * under review is the Ombudsman's to close.
     */
    private static List<ComplaintEvent> close(Close c, Complaint state) {
        requireRole(c.actor(), Step.CLOSE, Role.OPERATOR);
        requireStatus(
                state, Step.CLOSE, Status.DISPATCHED, Status.IN_PROGRESS, Status.RESPONDED, Status.AWAITING_REDISPATCH);
        return List.of(new ClosedByOperator(c.complaintId(), c.issuedAt(), c.actor(), c.outcome(), c.note()));
    }

    private static List<ComplaintEvent> withdraw(Withdraw c, Complaint state) {
        Principal principal = requireComplainant(state, c, Step.WITHDRAW);
        if (state.status().isTerminal()) {
            throw transitionNotAllowed(state, Step.WITHDRAW);
        }
        return List.of(new Withdrawn(c.complaintId(), c.issuedAt(), c.actor(), c.reason(), principal));
    }

    /**
     * In any status: a complainant's right to erasure does not wait for the case to close. The complaint itself, its
     * handling and its hashes stay; only the sealed personal data becomes unreadable.
     */
    private static List<ComplaintEvent> erasePersonalData(ErasePersonalData c, Complaint state) {
        switch (c.actor().role()) {
            case CITIZEN -> requireOwner(state, c.actor(), Step.ERASE_PERSONAL_DATA);
            case OPERATOR -> {}
            case AGENCY_OFFICER, OMBUDSMAN, AUDITOR, SYSTEM ->
                throw roleNotAllowed(c.actor(), Step.ERASE_PERSONAL_DATA);
        }
        if (state.sealedComplainant() == null) {
            throw new Rejection(
                    Reason.NO_PERSONAL_DATA,
                    "Complaint " + state.id() + " holds no personal data: anonymous, or erased already");
        }
        return List.of(
                new PersonalDataErased(c.complaintId(), c.issuedAt(), c.actor(), state.complainantId(), c.reason()));
    }

    /**
     * Evidence comes from the complainant while the complaint is still theirs to pursue (not once it is closed), from
     * the operator at any time, and from the agency it is dispatched to (its answer, a signed letter).
     */
    private static List<ComplaintEvent> addAttachment(AddAttachment c, Complaint state) {
        switch (c.actor().role()) {
            case CITIZEN -> {
                requireOwner(state, c.actor(), Step.ADD_ATTACHMENT);
                if (state.status().isTerminal()) {
                    throw transitionNotAllowed(state, Step.ADD_ATTACHMENT);
                }
            }
            case OPERATOR -> {}
            case AGENCY_OFFICER -> requireAssignedOfficer(state, c.actor(), Step.ADD_ATTACHMENT);
            case OMBUDSMAN, AUDITOR, SYSTEM -> throw roleNotAllowed(c.actor(), Step.ADD_ATTACHMENT);
        }
        if (state.attachments().containsKey(c.attachmentId())) {
            throw new Rejection(Reason.ATTACHMENT_EXISTS, "Attachment " + c.attachmentId() + " is already on record");
        }
        // redacted files count too: redaction is the operator's remedy, not a way to make room for more
        if (state.attachments().size() >= c.limit()) {
            throw new Rejection(
                    Reason.ATTACHMENT_LIMIT_REACHED,
                    "A complaint holds at most " + c.limit() + " files, and this one has "
                            + state.attachments().size());
        }
        AttachmentAudience audience = c.audience() != null
                ? c.audience()
                : c.actor().role() == Role.CITIZEN ? AttachmentAudience.PUBLIC : AttachmentAudience.INTERNAL;
        return List.of(new AttachmentAdded(
                c.complaintId(),
                c.issuedAt(),
                c.actor(),
                c.attachmentId(),
                c.sha256(),
                c.size(),
                c.mediaType(),
                audience,
                c.sealedDetails()));
    }

    private static List<ComplaintEvent> redactAttachment(RedactAttachment c, Complaint state) {
        requireRole(c.actor(), Step.REDACT_ATTACHMENT, Role.OPERATOR);
        Attachment attachment = state.attachments().get(c.attachmentId());
        if (attachment == null) {
            throw new Rejection(
                    Reason.ATTACHMENT_NOT_FOUND, "No attachment " + c.attachmentId() + " on this complaint");
        }
        if (attachment.redacted()) {
            throw new Rejection(
                    Reason.ATTACHMENT_ALREADY_REDACTED, "Attachment " + c.attachmentId() + " is already redacted");
        }
        return List.of(new AttachmentRedacted(c.complaintId(), c.issuedAt(), c.actor(), c.attachmentId(), c.reason()));
    }

    private static List<ComplaintEvent> openReview(OpenReview c, Complaint state) {
        requireRole(c.actor(), Step.OPEN_REVIEW, Role.OMBUDSMAN);
        requireStatus(state, Step.OPEN_REVIEW, Status.ESCALATED);
        return List.of(new ReviewOpened(c.complaintId(), c.issuedAt(), c.actor()));
    }

    private static List<ComplaintEvent> recordFinding(RecordFinding c, Complaint state) {
        requireRole(c.actor(), Step.RECORD_FINDING, Role.OMBUDSMAN);
        if (c.maladministration() == c.forms().isEmpty()) {
            throw new Rejection(
                    Reason.FINDING_INCONSISTENT,
                    c.maladministration()
                            ? "A finding of maladministration names at least one of its forms"
                            : "A finding of no maladministration names none of its forms");
        }
        requireStatus(state, Step.RECORD_FINDING, Status.UNDER_REVIEW);
        return List.of(new FindingRecorded(
                c.complaintId(), c.issuedAt(), c.actor(), c.maladministration(), c.forms(), c.recommendation()));
    }

    /**
     * When the review found maladministration, the recommendation of its latest such finding goes back to the agency
     * that had the complaint, with an implementation deadline of the policy in force (thirty calendar days by
     * default), which the scheduler polices like any other. A complaint no agency had when it was escalated has no
     * one to send it to: the recommendation stays in the finding.
     */
    private static List<ComplaintEvent> closeReview(CloseReview c, Complaint state, DeadlinePolicy policy) {
        requireRole(c.actor(), Step.CLOSE_REVIEW, Role.OMBUDSMAN);
        requireStatus(state, Step.CLOSE_REVIEW, Status.UNDER_REVIEW);
        if (state.review() == null || state.review().findings().isEmpty()) {
            throw new Rejection(
                    Reason.REVIEW_HAS_NO_FINDING, "A review is closed only after at least one finding is recorded");
        }
        ReviewClosed closed = new ReviewClosed(c.complaintId(), c.issuedAt(), c.actor(), c.outcome());
        var recommended = state.review().findings().stream()
                .filter(f -> f.maladministration()
                        && f.recommendation() != null
                        && !f.recommendation().isBlank())
                .reduce((earlier, later) -> later);
        if (recommended.isEmpty() || state.agencyId() == null) {
            return List.of(closed);
        }
        DeadlineSet implementation = deadlineSet(c, policy, DeadlineKind.IMPLEMENTATION, c.issuedAt());
        return List.of(
                closed,
                new RecommendationIssued(
                        c.complaintId(),
                        c.issuedAt(),
                        c.actor(),
                        state.agencyId(),
                        recommended.get().recommendation(),
                        implementation.dueAt()),
                implementation);
    }

    /** Once, by an officer of the agency the recommendation went to; late reports are taken and show as late. */
    private static List<ComplaintEvent> reportImplementation(ReportImplementation c, Complaint state) {
        requireRole(c.actor(), Step.REPORT_IMPLEMENTATION, Role.AGENCY_OFFICER);
        Recommendation pending = state.recommendation();
        if (pending == null || pending.reportedAt() != null) {
            throw new Rejection(
                    Reason.NO_RECOMMENDATION_PENDING,
                    pending == null
                            ? "The Ombudsman sent no recommendation on this complaint"
                            : "The implementation of the recommendation was already reported");
        }
        if (!c.actor().agency().equals(pending.agencyId())) {
            throw new Rejection(
                    Reason.NOT_ASSIGNED_AGENCY,
                    "Only an officer of the agency the recommendation went to may report its implementation");
        }
        return List.of(
                new ImplementationReported(c.complaintId(), c.issuedAt(), c.actor(), pending.agencyId(), c.report()));
    }

    private static List<ComplaintEvent> linkAsDuplicate(LinkAsDuplicate c, Complaint state) {
        requireRole(c.actor(), Step.LINK_AS_DUPLICATE, Role.OPERATOR);
        if (c.originalId().equals(state.id())) {
            throw new Rejection(Reason.DUPLICATE_OF_ITSELF, "A complaint cannot be a duplicate of itself");
        }
        requireStatus(state, Step.LINK_AS_DUPLICATE, Status.SUBMITTED, Status.ON_HOLD);
        return List.of(
                new LinkedAsDuplicate(c.complaintId(), c.issuedAt(), c.actor(), c.originalId()),
                new Archived(c.complaintId(), c.issuedAt(), c.actor(), ArchiveReason.DUPLICATE, null));
    }

    /**
     * Deviation from the first brief: besides a fresh verification deadline, the resolution deadline is set again,
     * counted from the original filing, because Perpres 76/2013's sixty days run from submission and a complaint
     * wrongly archived as a duplicate must not lose its resolution clock for good.
     */
    private static List<ComplaintEvent> removeDuplicateLink(
            RemoveDuplicateLink c, Complaint state, DeadlinePolicy policy) {
        requireRole(c.actor(), Step.REMOVE_DUPLICATE_LINK, Role.OPERATOR);
        if (state.duplicateOf() == null) {
            throw new Rejection(Reason.NOT_A_DUPLICATE, "The complaint is not linked as a duplicate");
        }
        return List.of(
                new DuplicateLinkRemoved(c.complaintId(), c.issuedAt(), c.actor(), state.duplicateOf()),
                deadlineSet(c, policy, DeadlineKind.VERIFICATION, c.issuedAt()),
                deadlineSet(c, policy, DeadlineKind.RESOLUTION, state.submittedAt()));
    }

    private static List<ComplaintEvent> recordDeadlineMissed(
            RecordDeadlineMissed c, Complaint state, DeadlinePolicy policy) {
        requireRole(c.actor(), Step.RECORD_DEADLINE_MISSED, Role.SYSTEM);
        ActiveDeadline active = state.deadlines().get(c.kind());
        if (active == null || !active.dueAt().equals(c.dueAt())) {
            return List.of();
        }
        // Beyond the first brief: a scheduler that fires early (a skewed clock) is a bug to surface, not a miss to
        // record.
        if (c.issuedAt().isBefore(c.dueAt())) {
            throw new Rejection(
                    Reason.DEADLINE_NOT_DUE,
                    "The " + c.kind() + " deadline is due at " + c.dueAt() + ", not yet missed at " + c.issuedAt());
        }
        List<ComplaintEvent> events = new ArrayList<>();
        events.add(new DeadlineMissed(c.complaintId(), c.issuedAt(), c.actor(), c.kind(), c.dueAt()));
        switch (c.kind()) {
            case FOLLOW_UP -> {
                if (state.missedFollowUps() + 1 >= FOLLOW_UP_MISSES_BEFORE_ESCALATION
                        && state.status().isOpen()) {
                    events.add(new Escalated(
                            c.complaintId(),
                            c.issuedAt(),
                            c.actor(),
                            EscalationCause.FOLLOW_UP_MISSED_TWICE,
                            "The follow-up deadline was missed twice"));
                } else if (state.status() == Status.DISPATCHED || state.status() == Status.IN_PROGRESS) {
                    // DOMAIN.md: a missed follow-up re-arms a new one on the policy in force, so that the second
                    // miss can escalate; counted from the miss, so a scheduler that was down does not make it late
                    events.add(deadlineSet(c, policy, DeadlineKind.FOLLOW_UP, c.issuedAt()));
                }
            }
            case CLARIFICATION -> {
                if (state.status() == Status.ON_HOLD) {
                    events.add(new Archived(
                            c.complaintId(), c.issuedAt(), c.actor(), ArchiveReason.NO_CLARIFICATION, null));
                }
            }
            case COMPLAINANT_RESPONSE -> {
                if (state.status() == Status.RESPONDED) {
                    events.add(new Completed(c.complaintId(), c.issuedAt(), c.actor(), CompletionOutcome.AUTO_CLOSED));
                }
            }
            case RESOLUTION -> {
                if (state.status().isOpen()) {
                    events.add(new Escalated(
                            c.complaintId(),
                            c.issuedAt(),
                            c.actor(),
                            EscalationCause.RESOLUTION_OVERDUE,
                            "The resolution deadline of " + policy.rule(DeadlineKind.RESOLUTION) + " passed"));
                }
            }
            // the complaint stays REVIEWED and on the agency's queue, overdue, until the agency reports
            case VERIFICATION, REDISPATCH, IMPLEMENTATION -> {}
        }
        return List.copyOf(events);
    }

    /** The longest extension an agency may ask for at once, in working days. */
    static final int MAX_EXTENSION_DAYS = 30;

    /**
     * Any status but a terminal one: the conversation goes on under review too. The complainant writes only to
     * everyone; while the agency's question is open, the complainant's message is the answer to it.
     */
    private static List<ComplaintEvent> postMessage(PostMessage c, Complaint state) {
        String agencyId = null;
        switch (c.actor().role()) {
            case CITIZEN -> {
                requireOwner(state, c.actor(), Step.POST_MESSAGE);
                if (c.audience() != Audience.PUBLIC) {
                    throw new Rejection(
                            Reason.AUDIENCE_NOT_ALLOWED,
                            "The complainant's messages are public; an internal note is for staff only");
                }
            }
            case AGENCY_OFFICER -> {
                requireAssignedOfficer(state, c.actor(), Step.POST_MESSAGE);
                agencyId = state.agencyId();
            }
            case OPERATOR, OMBUDSMAN -> {}
            case AUDITOR, SYSTEM -> throw roleNotAllowed(c.actor(), Step.POST_MESSAGE);
        }
        if (state.status().isTerminal()) {
            throw transitionNotAllowed(state, Step.POST_MESSAGE);
        }
        if (c.actor().role() == Role.CITIZEN
                && state.questionPending()
                && (state.status() == Status.DISPATCHED || state.status() == Status.IN_PROGRESS)) {
            return List.of(new QuestionAnswered(c.complaintId(), c.issuedAt(), c.actor(), c.text()));
        }
        return List.of(new MessagePosted(c.complaintId(), c.issuedAt(), c.actor(), c.text(), c.audience(), agencyId));
    }

    private static List<ComplaintEvent> askQuestion(AskQuestion c, Complaint state, DeadlinePolicy policy) {
        requireAssignedOfficer(state, c.actor(), Step.ASK_QUESTION);
        requireStatus(state, Step.ASK_QUESTION, Status.DISPATCHED, Status.IN_PROGRESS);
        return List.of(
                new QuestionAsked(c.complaintId(), c.issuedAt(), c.actor(), state.agencyId(), c.question()),
                deadlineSet(c, policy, DeadlineKind.COMPLAINANT_RESPONSE, c.issuedAt()));
    }

    /** An interim reply ends nothing: the complaint stays IN_PROGRESS and the follow-up clock keeps running. */
    private static List<ComplaintEvent> postProgress(PostProgress c, Complaint state) {
        requireAssignedOfficer(state, c.actor(), Step.POST_PROGRESS);
        requireStatus(state, Step.POST_PROGRESS, Status.IN_PROGRESS);
        return List.of(new ProgressPosted(c.complaintId(), c.issuedAt(), c.actor(), state.agencyId(), c.message()));
    }

    private static List<ComplaintEvent> requestExtension(RequestExtension c, Complaint state) {
        requireAssignedOfficer(state, c.actor(), Step.REQUEST_EXTENSION);
        if (c.days() < 1 || c.days() > MAX_EXTENSION_DAYS) {
            throw new Rejection(
                    Reason.INVALID_EXTENSION,
                    "An extension is from 1 to " + MAX_EXTENSION_DAYS + " working days, not " + c.days());
        }
        requireStatus(state, Step.REQUEST_EXTENSION, Status.DISPATCHED, Status.IN_PROGRESS);
        if (!state.pendingExtensions().isEmpty()) {
            throw new Rejection(Reason.EXTENSION_PENDING, "An extension request is already waiting for the operator");
        }
        if (state.pendingExtensions().containsKey(c.requestId())
                || state.decidedExtensions().contains(c.requestId())) {
            throw new Rejection(Reason.ALREADY_EXISTS, "Extension request " + c.requestId() + " already exists");
        }
        return List.of(new ExtensionRequested(
                c.complaintId(), c.issuedAt(), c.actor(), c.requestId(), state.agencyId(), c.days(), c.reason()));
    }

    /**
     * A grant adds the days to the follow-up deadline the agency had (or to now, when that one was already missed),
     * recorded as a new follow-up deadline-set with the policy in force.
     */
    private static List<ComplaintEvent> decideExtension(DecideExtension c, Complaint state, DeadlinePolicy policy) {
        requireRole(c.actor(), Step.DECIDE_EXTENSION, Role.OPERATOR);
        if (state.decidedExtensions().contains(c.requestId())) {
            throw new Rejection(
                    Reason.EXTENSION_ALREADY_DECIDED, "Extension request " + c.requestId() + " is already decided");
        }
        Integer days = state.pendingExtensions().get(c.requestId());
        if (days == null) {
            throw new Rejection(Reason.EXTENSION_NOT_FOUND, "No pending extension request " + c.requestId());
        }
        requireStatus(state, Step.DECIDE_EXTENSION, Status.DISPATCHED, Status.IN_PROGRESS);
        ExtensionDecided decided =
                new ExtensionDecided(c.complaintId(), c.issuedAt(), c.actor(), c.requestId(), c.granted(), c.note());
        if (!c.granted()) {
            return List.of(decided);
        }
        ActiveDeadline running = state.deadlines().get(DeadlineKind.FOLLOW_UP);
        Instant from = running != null && running.dueAt().isAfter(c.issuedAt()) ? running.dueAt() : c.issuedAt();
        return List.of(
                decided,
                new DeadlineSet(
                        c.complaintId(),
                        c.issuedAt(),
                        c.actor(),
                        DeadlineKind.FOLLOW_UP,
                        policy.calendar().addWorkingDays(from, days),
                        policy.id(),
                        policy.version(),
                        policy.rule(DeadlineKind.FOLLOW_UP) + " extended by " + days + "wd",
                        policy.calendar().id(),
                        policy.calendar().version()));
    }

    private static DeadlineSet deadlineSet(ComplaintCommand c, DeadlinePolicy policy, DeadlineKind kind, Instant from) {
        return new DeadlineSet(
                c.complaintId(),
                c.issuedAt(),
                c.actor(),
                kind,
                policy.dueAt(kind, from),
                policy.id(),
                policy.version(),
                policy.rule(kind).toString(),
                policy.calendar().id(),
                policy.calendar().version());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // the rules every step shares

    /** How a step reads in a refusal: "may not acknowledge a complaint", "cannot be acknowledged". */
    private enum Step {
        SUBMIT("file", "filed"),
        REQUEST_CLARIFICATION("request clarification of", "held for clarification"),
        PROVIDE_CLARIFICATION("clarify", "clarified"),
        DISPATCH("dispatch", "dispatched"),
        ARCHIVE("archive", "archived"),
        CHANGE_VISIBILITY("change the visibility of", "changed in visibility"),
        ACKNOWLEDGE("acknowledge", "acknowledged"),
        ASSIGN_TO_UNIT("assign to a unit", "assigned to a unit"),
        DECLINE("decline", "declined"),
        REDISPATCH("re-dispatch", "re-dispatched"),
        POST_FOLLOW_UP("post a follow-up on", "followed up"),
        ACCEPT("accept the follow-up of", "accepted"),
        OBJECT("object to the follow-up of", "objected to"),
        APPEAL("appeal", "appealed"),
        ESCALATE("escalate", "escalated"),
        WITHDRAW("withdraw", "withdrawn"),
        CLOSE("close", "closed by the operator"),
        REPORT_IMPLEMENTATION("report the implementation of a recommendation on", "reported on"),
        OPEN_REVIEW("open a review of", "taken under review"),
        RECORD_FINDING("record a finding on", "given a finding"),
        CLOSE_REVIEW("close the review of", "closed as reviewed"),
        LINK_AS_DUPLICATE("link as a duplicate", "linked as a duplicate"),
        REMOVE_DUPLICATE_LINK("unlink", "unlinked"),
        RECORD_DEADLINE_MISSED("record a missed deadline on", "recorded as late"),
        ERASE_PERSONAL_DATA("erase the personal data of", "erased"),
        POST_MESSAGE("write to the conversation of", "written to"),
        ASK_QUESTION("ask the complainant about", "asked about"),
        POST_PROGRESS("post a progress update on", "updated on"),
        REQUEST_EXTENSION("request an extension for", "extended"),
        DECIDE_EXTENSION("decide an extension for", "extended"),
        ADD_ATTACHMENT("attach a file to", "given more files"),
        REDACT_ATTACHMENT("redact a file of", "redacted");

        private final String action;
        private final String passive;

        Step(String action, String passive) {
            this.action = action;
            this.passive = passive;
        }
    }

    /** Existence comes before who asks: every step but filing needs a complaint to act on. */
    private static Complaint existing(Complaint state) {
        if (!state.exists()) {
            throw new Rejection(Reason.NOT_FOUND, "Complaint " + state.id() + " does not exist");
        }
        return state;
    }

    private static void requireRole(Actor actor, Step step, Role allowed) {
        if (actor.role() != allowed) {
            throw roleNotAllowed(actor, step);
        }
    }

    private static Rejection roleNotAllowed(Actor actor, Step step) {
        return new Rejection(
                Reason.ROLE_NOT_ALLOWED,
                "The role '" + actor.role().wireName() + "' may not " + step.action + " a complaint");
    }

    /** A complaint filed for someone without an account has no owner, so no citizen can act on it. */
    private static void requireOwner(Complaint state, Actor actor, Step step) {
        requireRole(actor, step, Role.CITIZEN);
        if (!actor.subject().equals(state.complainantId())) {
            throw new Rejection(Reason.NOT_OWNER, "Only the complainant may " + step.action + " this complaint");
        }
    }

    /**
     * The complainant's own step, taken by the complainant (no principal: the actor is the complainant) or recorded
     * for them by the operator (the complainant is the principal). Either way it is the complainant's step: the same
     * status rules follow. Only the operator records for someone else, and only for the complaint's own complainant.
     */
    private static Principal requireComplainant(Complaint state, ComplaintCommand.ComplainantStep c, Step step) {
        if (c.onBehalf() == null) {
            requireOwner(state, c.actor(), step);
            return null;
        }
        if (c.actor().role() != Role.OPERATOR) {
            throw new Rejection(
                    Reason.ROLE_NOT_ALLOWED,
                    "Only the operator may " + step.action + " a complaint on the complainant's behalf, not the role '"
                            + c.actor().role().wireName() + "'");
        }
        if (state.complainantId() == null) {
            throw new Rejection(Reason.NOT_OWNER, "Complaint " + state.id() + " has no complainant to act for");
        }
        return new Principal(state.complainantId(), c.onBehalf().via());
    }

    /** An officer acts only on its own agency's queue; a complaint with no agency assigned is in nobody's queue. */
    private static void requireAssignedOfficer(Complaint state, Actor actor, Step step) {
        requireRole(actor, step, Role.AGENCY_OFFICER);
        if (!actor.agency().equals(state.agencyId())) {
            throw new Rejection(
                    Reason.NOT_ASSIGNED_AGENCY,
                    "Only an officer of the agency the complaint is dispatched to may " + step.action + " it");
        }
    }

    private static void requireStatus(Complaint state, Step step, Status... allowed) {
        if (!Arrays.asList(allowed).contains(state.status())) {
            throw transitionNotAllowed(state, step);
        }
    }

    private static Rejection transitionNotAllowed(Complaint state, Step step) {
        return new Rejection(
                Reason.TRANSITION_NOT_ALLOWED,
                "A complaint in status " + state.status() + " cannot be " + step.passive);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // evolve

    /**
     * Applies one recorded fact. It does not re-check business rules (the fact happened), only what would make the
     * fold meaningless: an event of another stream, a second filing, or a step on a complaint never filed.
     */
    public static Complaint evolve(Complaint state, ComplaintEvent event) {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(event, "event");
        if (!event.complaintId().equals(state.id())) {
            throw new IllegalStateException("Event " + event.eventType().wireName() + " of complaint "
                    + event.complaintId() + " applied to complaint " + state.id());
        }
        boolean filing = event instanceof Submitted;
        if (filing == state.exists()) {
            throw new IllegalStateException(
                    filing
                            ? "Complaint " + state.id() + " was already submitted"
                            : "Event " + event.eventType().wireName() + " applied to complaint " + state.id()
                                    + " that was never submitted");
        }
        Builder next = new Builder(state);
        next.version = state.version() + 1;
        switch (event) {
            case Submitted e -> {
                next.status = Status.SUBMITTED;
                next.reportType = e.reportType();
                next.category = e.category();
                next.anonymous = e.anonymous();
                next.confidential = e.confidential();
                next.complainantId = e.complainantId();
                next.sealedComplainant = e.sealedComplainant();
                next.submittedAt = e.occurredAt();
            }
            case ClarificationRequested e -> {
                next.status = Status.ON_HOLD;
                next.deadlines.remove(DeadlineKind.VERIFICATION);
            }
            case ClarificationProvided e -> {
                next.status = Status.SUBMITTED;
                next.deadlines.remove(DeadlineKind.CLARIFICATION);
            }
            case Verified e -> {
                next.category = e.category();
                next.reportType = e.reportType();
                next.deadlines.remove(DeadlineKind.VERIFICATION);
            }
            case VisibilityChanged e -> {
                next.anonymous = e.anonymous();
                next.confidential = e.confidential();
            }
            case Archived e -> {
                next.status = Status.ARCHIVED;
                next.deadlines.keySet().removeAll(ALL_DEADLINES);
            }
            case AssignedToUnit e -> {
                next.unitId = e.unitId();
                next.assignee = e.assignee();
            }
            case Dispatched e -> {
                next.status = Status.DISPATCHED;
                next.agencyId = e.agencyId();
                next.unitId = null;
                next.assignee = null;
                next.deadlines.remove(DeadlineKind.VERIFICATION);
                next.deadlines.remove(DeadlineKind.CLARIFICATION);
            }
            case Acknowledged e -> next.status = Status.IN_PROGRESS;
            case DeclinedByAgency e -> {
                next.status = Status.AWAITING_REDISPATCH;
                next.agencyId = null;
                next.unitId = null;
                next.assignee = null;
                next.deadlines.remove(DeadlineKind.FOLLOW_UP);
                // the declining agency's question and extension request leave with it
                if (state.questionPending()) {
                    next.deadlines.remove(DeadlineKind.COMPLAINANT_RESPONSE);
                }
                next.questionPending = false;
                next.pendingExtensions.clear();
            }
            case Redispatched e -> {
                next.status = Status.DISPATCHED;
                next.agencyId = e.agencyId();
                next.unitId = null;
                next.assignee = null;
                next.deadlines.remove(DeadlineKind.REDISPATCH);
            }
            case FollowUpPosted e -> {
                next.status = Status.RESPONDED;
                next.deadlines.remove(DeadlineKind.FOLLOW_UP);
                next.questionPending = false;
                next.pendingExtensions.clear();
            }
            case ComplainantAccepted e -> {
                next.deadlines.remove(DeadlineKind.COMPLAINANT_RESPONSE);
            }
            case ComplainantObjected e -> {
                next.status = Status.IN_PROGRESS;
                next.deadlines.remove(DeadlineKind.COMPLAINANT_RESPONSE);
            }
            case Completed e -> {
                next.status = Status.COMPLETED;
                next.completedAt = e.occurredAt();
                next.deadlines.keySet().removeAll(ALL_DEADLINES);
            }
            case Withdrawn e -> {
                next.status = Status.WITHDRAWN;
                next.deadlines.keySet().removeAll(ALL_DEADLINES);
            }
            case ClosedByOperator e -> {
                next.status = Status.COMPLETED;
                next.completedAt = e.occurredAt();
                next.deadlines.keySet().removeAll(ALL_DEADLINES);
                next.questionPending = false;
                next.pendingExtensions.clear();
            }
            case DeadlineSet e -> next.deadlines.put(e.kind(), new ActiveDeadline(e.dueAt()));
            case DeadlineMissed e -> {
                // Only the timer that fired leaves; a later one of the same kind set in between stays.
                next.deadlines.remove(e.kind(), new ActiveDeadline(e.dueAt()));
                if (e.kind() == DeadlineKind.FOLLOW_UP) {
                    next.missedFollowUps = state.missedFollowUps() + 1;
                }
            }
            case Escalated e -> {
                next.status = Status.ESCALATED;
                // The resolution clock keeps running under review: the Perpres deadline still tells how late it is.
                next.deadlines.keySet().removeAll(AGENCY_FLOW_DEADLINES);
                next.questionPending = false;
                next.pendingExtensions.clear();
            }
            case ReviewOpened e -> {
                next.status = Status.UNDER_REVIEW;
                next.review = new Review(e.occurredAt(), e.actor().subject(), List.of(), null, null);
            }
            case FindingRecorded e -> {
                Review review = requireReview(state, e);
                List<Finding> findings = new ArrayList<>(review.findings());
                findings.add(new Finding(
                        e.maladministration(),
                        e.forms(),
                        e.recommendation(),
                        e.occurredAt(),
                        e.actor().subject()));
                next.review = new Review(review.openedAt(), review.reviewer(), findings, null, null);
            }
            case ReviewClosed e -> {
                Review review = requireReview(state, e);
                next.status = Status.REVIEWED;
                next.review = new Review(
                        review.openedAt(), review.reviewer(), review.findings(), e.outcome(), e.occurredAt());
                next.deadlines.keySet().removeAll(ALL_DEADLINES);
            }
            case LinkedAsDuplicate e -> {
                next.duplicateOf = e.originalId();
                next.deadlines.remove(DeadlineKind.VERIFICATION);
            }
            case DuplicateLinkRemoved e -> {
                next.status = Status.SUBMITTED;
                next.duplicateOf = null;
            }
            case PersonalDataErased e -> next.sealedComplainant = null;
            case MessagePosted e -> {}
            case QuestionAsked e -> next.questionPending = true;
            case QuestionAnswered e -> {
                next.questionPending = false;
                next.deadlines.remove(DeadlineKind.COMPLAINANT_RESPONSE);
            }
            case ProgressPosted e -> {}
            case RecommendationIssued e ->
                next.recommendation =
                        new Recommendation(e.agencyId(), e.recommendation(), e.implementationDueAt(), null);
            case ImplementationReported e -> {
                Recommendation r = state.recommendation();
                if (r == null) {
                    throw new IllegalStateException(
                            "Implementation reported on complaint " + state.id() + " that has no recommendation");
                }
                next.recommendation = new Recommendation(r.agencyId(), r.text(), r.dueAt(), e.occurredAt());
                next.deadlines.remove(DeadlineKind.IMPLEMENTATION);
            }
            case ExtensionRequested e -> next.pendingExtensions.put(e.requestId(), e.days());
            case ExtensionDecided e -> {
                next.pendingExtensions.remove(e.requestId());
                next.decidedExtensions.add(e.requestId());
            }
            case AttachmentAdded e ->
                next.attachments.put(
                        e.attachmentId(),
                        new Attachment(
                                e.attachmentId(),
                                e.sha256(),
                                e.size(),
                                e.mediaType(),
                                e.audience(),
                                e.sealedDetails(),
                                e.occurredAt(),
                                e.actor(),
                                false));
            case AttachmentRedacted e -> {
                Attachment a = next.attachments.get(e.attachmentId());
                if (a == null) {
                    throw new IllegalStateException("Attachment " + e.attachmentId() + " redacted on complaint "
                            + state.id() + " that never had it");
                }
                next.attachments.put(
                        a.id(),
                        new Attachment(
                                a.id(),
                                a.sha256(),
                                a.size(),
                                a.mediaType(),
                                a.audience(),
                                a.sealedDetails(),
                                a.addedAt(),
                                a.addedBy(),
                                true));
            }
        }
        return next.build();
    }

    private static Review requireReview(Complaint state, ComplaintEvent event) {
        if (state.review() == null) {
            throw new IllegalStateException("Event " + event.eventType().wireName() + " applied to complaint "
                    + state.id() + " that has no open review");
        }
        return state.review();
    }

    /** Mutable only inside {@link #evolve}, so that each case states just the fields that its event changes. */
    private static final class Builder {
        private final UUID id;
        private long version;
        private Status status;
        private ReportType reportType;
        private String category;
        private boolean anonymous;
        private boolean confidential;
        private String complainantId;
        private String sealedComplainant;
        private String agencyId;
        private Instant submittedAt;
        private Instant completedAt;
        private final Map<DeadlineKind, ActiveDeadline> deadlines;
        private UUID duplicateOf;
        private int missedFollowUps;
        private Review review;
        private String unitId;
        private String assignee;
        private final Map<UUID, Attachment> attachments;
        private boolean questionPending;
        private final Map<UUID, Integer> pendingExtensions;
        private final Set<UUID> decidedExtensions;
        private Recommendation recommendation;

        private Builder(Complaint c) {
            id = c.id();
            version = c.version();
            status = c.status();
            reportType = c.reportType();
            category = c.category();
            anonymous = c.anonymous();
            confidential = c.confidential();
            complainantId = c.complainantId();
            sealedComplainant = c.sealedComplainant();
            agencyId = c.agencyId();
            submittedAt = c.submittedAt();
            completedAt = c.completedAt();
            deadlines = new EnumMap<>(DeadlineKind.class);
            deadlines.putAll(c.deadlines());
            duplicateOf = c.duplicateOf();
            missedFollowUps = c.missedFollowUps();
            review = c.review();
            unitId = c.unitId();
            assignee = c.assignee();
            attachments = new java.util.LinkedHashMap<>(c.attachments());
            questionPending = c.questionPending();
            pendingExtensions = new java.util.HashMap<>(c.pendingExtensions());
            decidedExtensions = new java.util.HashSet<>(c.decidedExtensions());
            recommendation = c.recommendation();
        }

        private Complaint build() {
            return new Complaint(
                    id,
                    version,
                    status,
                    reportType,
                    category,
                    anonymous,
                    confidential,
                    complainantId,
                    sealedComplainant,
                    agencyId,
                    submittedAt,
                    completedAt,
                    deadlines,
                    duplicateOf,
                    missedFollowUps,
                    review,
                    unitId,
                    assignee,
                    attachments,
                    questionPending,
                    pendingExtensions,
                    decidedExtensions,
                    recommendation);
        }
    }
}
