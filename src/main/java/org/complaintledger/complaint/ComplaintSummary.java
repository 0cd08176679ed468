package org.complaintledger.complaint;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
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
import org.complaintledger.deadline.DeadlineKind;

/**
 * One complaint as the read side keeps it: what the complaint views, queues, Open311, reviews, tracking and
 * statistics show, folded from the events by its own {@link #evolve}. It is stored as JSON in
 * {@code complaint_views.state}, so its shape is a stored format: the decider's state may change freely, this one
 * only with {@link #READ_MODEL_VERSION} raised, which makes every instance that starts with the new version rebuild
 * the rows that an older one wrote.
 *
 * <p>{@code status} is null until the complaint is filed. {@code version} counts the events applied, the stream
 * version a projector compares against so that a replayed batch applies nothing twice.
 */
public record ComplaintSummary(
        UUID id,
        long version,
        Status status,
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
        String agencyId,
        // the unit inside the agency it is assigned to (a unit-scoped officer's queue), and the officer if named
        String unitId,
        String assignee,
        Instant submittedAt,
        Instant updatedAt,
        Map<DeadlineKind, RunningDeadline> deadlines,
        List<FollowUp> followUps,
        Integer rating,
        int reopenCount,
        UUID duplicateOf,
        boolean escalated,
        EscalationCause escalationCause,
        ArchiveReason archiveReason,
        ReviewSummary review,
        Map<DeadlineKind, RunningDeadline> overdue,
        List<Note> notes,
        // the operator's judgement when it closed the complaint; null otherwise
        ClosureOutcome closureOutcome,
        // how often an agency declined it, and how often it was handed from one agency to another (re-dispatched)
        int declines,
        int handOffs,
        // the Ombudsman's recommendation to the agency after a review; null when none went to an agency
        RecommendationSummary recommendation) {

    /**
     * The shape of the stored document. Raise it with any change to this record or its nested records (a field
     * added, removed, renamed or folded differently); {@code ComplaintSummaryShapeTest} fails until you do.
     */
    public static final int READ_MODEL_VERSION = 6;

    public record RunningDeadline(Instant dueAt) {
        public RunningDeadline {
            Objects.requireNonNull(dueAt, "dueAt");
        }
    }

    public record FollowUp(String message, Instant postedAt, String agencyId, LocalDate actionTakenOn) {}

    /**
     * One free-text note of the complaint's conversation with its audience. Notes written before audiences existed
     * take the audience of their kind: the operator's dispatch and re-dispatch notes and an agency's decline reason
     * are internal (staff talking to staff), a clarification question and answer, a follow-up and a progress update
     * public. {@code ref} is the extension request a note is about, null for others. {@code role} and {@code agencyId} say who wrote it; the person (a staff subject id) is never kept here.
     */
    public record Note(
            NoteKind kind, String text, Audience audience, Instant at, Role role, String agencyId, UUID ref) {}

    public enum NoteKind {
        DISPATCH_NOTE,
        REDISPATCH_NOTE,
        DECLINE_REASON,
        CLARIFICATION_QUESTION,
        CLARIFICATION,
        FOLLOW_UP,
        MESSAGE,
        QUESTION,
        ANSWER,
        PROGRESS,
        EXTENSION_REQUEST,
        EXTENSION_DECISION,
        OBJECTION,
        CLOSURE,
        RECOMMENDATION,
        IMPLEMENTATION
    }

    /** {@code reportedAt} is null until the agency reports how it carried the recommendation out. */
    public record RecommendationSummary(String agencyId, String text, Instant dueAt, Instant reportedAt) {}

    /**
     * The Ombudsman's recommendation went to the agency and the agency has not reported carrying it out: the reviewed
     * complaint is back on the agency's queue, by its implementation deadline, until it does.
     */
    public boolean awaitsImplementation() {
        return recommendation != null && recommendation.reportedAt() == null;
    }

    /** The decline after which the operator's queue flags the complaint: no agency will take it. */
    public static final int DECLINES_FLAGGED = 3;

    /**
     * Declined by agencies {@link #DECLINES_FLAGGED} times or more: the ping-pong has to stop with the operator, who
     * sees the flag on the queue and the complaint (issue 14: a third decline goes to the operator with a flag).
     */
    public boolean repeatedlyDeclined() {
        return declines >= DECLINES_FLAGGED;
    }

    /** An Ombudsman review as the escalation list shows it; null outcome and closedAt while it is open. */
    public record ReviewSummary(
            Instant openedAt,
            String reviewer,
            int findings,
            boolean maladministrationFound,
            String outcome,
            Instant closedAt) {}

    public ComplaintSummary {
        Objects.requireNonNull(id, "id");
        EnumMap<DeadlineKind, RunningDeadline> copy = new EnumMap<>(DeadlineKind.class);
        if (deadlines != null) {
            copy.putAll(deadlines);
        }
        deadlines = Collections.unmodifiableMap(copy);
        followUps = followUps == null ? List.of() : List.copyOf(followUps);
        EnumMap<DeadlineKind, RunningDeadline> late = new EnumMap<>(DeadlineKind.class);
        if (overdue != null) {
            late.putAll(overdue);
        }
        overdue = Collections.unmodifiableMap(late);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /**
     * Whether a deadline was missed and the step it awaited has not happened yet: the complaint stays OVERDUE (view,
     * queues, SLA colour) even after a new deadline of the same kind is armed.
     */
    public boolean hasOverdueDeadline() {
        return !overdue.isEmpty();
    }

    public static ComplaintSummary initial(UUID id) {
        return new ComplaintSummary(
                id, 0, null, null, null, null, null, null, null, null, false, false, null, null, null, null, null, null,
                null, Map.of(), List.of(), null, 0, null, false, null, null, null, Map.of(), List.of(), null, 0, 0,
                null);
    }

    public static ComplaintSummary replay(UUID id, Iterable<? extends ComplaintEvent> events) {
        ComplaintSummary summary = initial(id);
        for (ComplaintEvent event : events) {
            summary = evolve(summary, event);
        }
        return summary;
    }

    public boolean exists() {
        return status != null;
    }

    /** Applies one recorded fact; the decider already judged it, so only another stream's event is refused. */
    public static ComplaintSummary evolve(ComplaintSummary s, ComplaintEvent event) {
        Objects.requireNonNull(s, "summary");
        Objects.requireNonNull(event, "event");
        if (!event.complaintId().equals(s.id())) {
            throw new IllegalStateException("Event " + event.eventType().wireName() + " of complaint "
                    + event.complaintId() + " applied to the summary of complaint " + s.id());
        }
        Builder next = new Builder(s);
        next.version = s.version() + 1;
        next.updatedAt = event.occurredAt();
        switch (event) {
            case Submitted e -> {
                next.status = Status.SUBMITTED;
                next.trackingNumber = e.trackingNumber();
                next.reportType = e.reportType();
                next.category = e.category();
                next.channel = e.channel();
                next.title = e.title();
                next.description = e.description();
                next.location = e.location();
                next.anonymous = e.anonymous();
                next.confidential = e.confidential();
                next.complainantId = e.complainantId();
                next.sealedComplainant = e.sealedComplainant();
                next.submittedAt = e.occurredAt();
            }
            case ClarificationRequested e -> {
                next.status = Status.ON_HOLD;
                next.satisfy(DeadlineKind.VERIFICATION);
                next.note(NoteKind.CLARIFICATION_QUESTION, e.question(), Audience.PUBLIC, e);
            }
            case ClarificationProvided e -> {
                next.status = Status.SUBMITTED;
                next.satisfy(DeadlineKind.CLARIFICATION);
                next.note(NoteKind.CLARIFICATION, e.answer(), Audience.PUBLIC, e);
            }
            case Verified e -> {
                next.category = e.category();
                next.reportType = e.reportType();
                next.satisfy(DeadlineKind.VERIFICATION);
            }
            case VisibilityChanged e -> {
                next.anonymous = e.anonymous();
                next.confidential = e.confidential();
            }
            case Archived e -> {
                next.status = Status.ARCHIVED;
                next.archiveReason = e.reason();
                next.deadlines.clear();
                next.overdue.clear();
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
                next.satisfy(DeadlineKind.VERIFICATION);
                next.satisfy(DeadlineKind.CLARIFICATION);
                next.note(NoteKind.DISPATCH_NOTE, e.note(), Audience.INTERNAL, e);
            }
            case Acknowledged e -> next.status = Status.IN_PROGRESS;
            case DeclinedByAgency e -> {
                next.status = Status.AWAITING_REDISPATCH;
                next.agencyId = null;
                next.unitId = null;
                next.assignee = null;
                next.satisfy(DeadlineKind.FOLLOW_UP);
                if (s.status() == Status.DISPATCHED || s.status() == Status.IN_PROGRESS) {
                    // the declining agency's open question leaves with it
                    next.deadlines.remove(DeadlineKind.COMPLAINANT_RESPONSE);
                }
                next.note(NoteKind.DECLINE_REASON, e.reason(), Audience.INTERNAL, e);
                next.declines = s.declines() + 1;
            }
            case Redispatched e -> {
                next.status = Status.DISPATCHED;
                next.agencyId = e.agencyId();
                next.unitId = null;
                next.assignee = null;
                next.satisfy(DeadlineKind.REDISPATCH);
                next.note(NoteKind.REDISPATCH_NOTE, e.note(), Audience.INTERNAL, e);
                next.handOffs = s.handOffs() + 1;
            }
            case FollowUpPosted e -> {
                next.status = Status.RESPONDED;
                next.followUps.add(new FollowUp(e.message(), e.occurredAt(), e.agencyId(), e.actionTakenOn()));
                next.satisfy(DeadlineKind.FOLLOW_UP);
                next.note(NoteKind.FOLLOW_UP, e.message(), Audience.PUBLIC, e);
            }
            case ComplainantAccepted e -> {
                next.rating = e.rating();
                next.deadlines.remove(DeadlineKind.COMPLAINANT_RESPONSE);
            }
            case ComplainantObjected e -> {
                next.status = Status.IN_PROGRESS;
                next.reopenCount = s.reopenCount() + 1;
                next.deadlines.remove(DeadlineKind.COMPLAINANT_RESPONSE);
                // the complainant's reason is what the agency must now answer
                next.note(NoteKind.OBJECTION, e.reason(), Audience.PUBLIC, e);
            }
            case Completed e -> {
                next.status = Status.COMPLETED;
                next.deadlines.clear();
                next.overdue.clear();
            }
            case Withdrawn e -> {
                next.status = Status.WITHDRAWN;
                next.deadlines.clear();
                next.overdue.clear();
            }
            case ClosedByOperator e -> {
                next.status = Status.COMPLETED;
                next.closureOutcome = e.outcome();
                next.deadlines.clear();
                next.overdue.clear();
                next.note(NoteKind.CLOSURE, e.note(), Audience.PUBLIC, e);
            }
            case DeadlineSet e -> next.deadlines.put(e.kind(), new RunningDeadline(e.dueAt()));
            // only the timer that fired leaves; a later one of the same kind set in between stays
            case DeadlineMissed e -> {
                next.deadlines.remove(e.kind(), new RunningDeadline(e.dueAt()));
                // late until the awaited step happens; a complainant slow to answer does not make the case late
                if (e.kind() != DeadlineKind.COMPLAINANT_RESPONSE) {
                    next.overdue.putIfAbsent(e.kind(), new RunningDeadline(e.dueAt()));
                }
            }
            case Escalated e -> {
                next.status = Status.ESCALATED;
                next.escalated = true;
                next.escalationCause = e.cause();
                // the resolution deadline keeps running under review
                next.deadlines.keySet().retainAll(List.of(DeadlineKind.RESOLUTION));
                next.overdue.keySet().retainAll(List.of(DeadlineKind.RESOLUTION));
            }
            case ReviewOpened e -> {
                next.status = Status.UNDER_REVIEW;
                next.review = new ReviewSummary(e.occurredAt(), e.actor().subject(), 0, false, null, null);
            }
            case FindingRecorded e -> {
                ReviewSummary r = requireReview(s, e);
                next.review = new ReviewSummary(
                        r.openedAt(),
                        r.reviewer(),
                        r.findings() + 1,
                        r.maladministrationFound() || e.maladministration(),
                        null,
                        null);
            }
            case ReviewClosed e -> {
                ReviewSummary r = requireReview(s, e);
                next.status = Status.REVIEWED;
                next.review = new ReviewSummary(
                        r.openedAt(),
                        r.reviewer(),
                        r.findings(),
                        r.maladministrationFound(),
                        e.outcome(),
                        e.occurredAt());
                next.deadlines.clear();
                next.overdue.clear();
            }
            case LinkedAsDuplicate e -> {
                next.duplicateOf = e.originalId();
                next.satisfy(DeadlineKind.VERIFICATION);
            }
            case DuplicateLinkRemoved e -> {
                next.status = Status.SUBMITTED;
                next.duplicateOf = null;
                next.archiveReason = null;
            }
            case PersonalDataErased e -> next.sealedComplainant = null;
            case MessagePosted e -> next.note(NoteKind.MESSAGE, e.text(), e.audience(), e);
            case QuestionAsked e -> next.note(NoteKind.QUESTION, e.question(), Audience.PUBLIC, e);
            case QuestionAnswered e -> {
                next.deadlines.remove(DeadlineKind.COMPLAINANT_RESPONSE);
                next.note(NoteKind.ANSWER, e.answer(), Audience.PUBLIC, e);
            }
            case ProgressPosted e -> next.note(NoteKind.PROGRESS, e.message(), Audience.PUBLIC, e);
            // the complainant is owed the outcome of the review: the recommendation and its implementation are public
            case RecommendationIssued e -> {
                next.recommendation =
                        new RecommendationSummary(e.agencyId(), e.recommendation(), e.implementationDueAt(), null);
                next.note(NoteKind.RECOMMENDATION, e.recommendation(), Audience.PUBLIC, e);
            }
            case ImplementationReported e -> {
                RecommendationSummary r = s.recommendation();
                if (r == null) {
                    throw new IllegalStateException("Implementation reported on the summary of complaint " + s.id()
                            + " that has no recommendation");
                }
                next.recommendation = new RecommendationSummary(r.agencyId(), r.text(), r.dueAt(), e.occurredAt());
                next.satisfy(DeadlineKind.IMPLEMENTATION);
                next.note(NoteKind.IMPLEMENTATION, e.report(), Audience.PUBLIC, e);
            }
            case ExtensionRequested e ->
                next.note(
                        NoteKind.EXTENSION_REQUEST,
                        e.days() + " working days: " + (e.reason() == null ? "" : e.reason()),
                        Audience.INTERNAL,
                        e,
                        e.requestId());
            case ExtensionDecided e -> {
                if (e.granted()) {
                    // a new follow-up deadline was agreed: the agency is no longer late
                    next.overdue.remove(DeadlineKind.FOLLOW_UP);
                }
                next.note(
                        NoteKind.EXTENSION_DECISION,
                        (e.granted() ? "Granted" : "Refused") + (e.note() == null ? "" : ": " + e.note()),
                        Audience.INTERNAL,
                        e,
                        e.requestId());
            }
            // files are served from the write side's record (attachment feature); the views show none of them, so
            // adding or redacting one only moves the version, which is the complaint's ETag
            case AttachmentAdded e -> {}
            case AttachmentRedacted e -> {}
        }
        return next.build();
    }

    private static ReviewSummary requireReview(ComplaintSummary s, ComplaintEvent event) {
        if (s.review() == null) {
            throw new IllegalStateException("Event " + event.eventType().wireName() + " applied to complaint " + s.id()
                    + " that has no open review");
        }
        return s.review();
    }

    /** Mutable only inside {@link #evolve}, so that each case states just the fields that its event changes. */
    private static final class Builder {
        private final UUID id;
        private long version;
        private Status status;
        private String trackingNumber;
        private ReportType reportType;
        private String category;
        private Channel channel;
        private String title;
        private String description;
        private Location location;
        private boolean anonymous;
        private boolean confidential;
        private String complainantId;
        private String sealedComplainant;
        private String agencyId;
        private String unitId;
        private String assignee;
        private Instant submittedAt;
        private Instant updatedAt;
        private final Map<DeadlineKind, RunningDeadline> deadlines = new EnumMap<>(DeadlineKind.class);
        private final List<FollowUp> followUps;
        private Integer rating;
        private int reopenCount;
        private UUID duplicateOf;
        private boolean escalated;
        private EscalationCause escalationCause;
        private ArchiveReason archiveReason;
        private ReviewSummary review;
        private final Map<DeadlineKind, RunningDeadline> overdue = new EnumMap<>(DeadlineKind.class);
        private final List<Note> notes;
        private ClosureOutcome closureOutcome;
        private int declines;
        private int handOffs;
        private RecommendationSummary recommendation;

        private Builder(ComplaintSummary s) {
            id = s.id();
            version = s.version();
            status = s.status();
            trackingNumber = s.trackingNumber();
            reportType = s.reportType();
            category = s.category();
            channel = s.channel();
            title = s.title();
            description = s.description();
            location = s.location();
            anonymous = s.anonymous();
            confidential = s.confidential();
            complainantId = s.complainantId();
            sealedComplainant = s.sealedComplainant();
            agencyId = s.agencyId();
            unitId = s.unitId();
            assignee = s.assignee();
            submittedAt = s.submittedAt();
            updatedAt = s.updatedAt();
            deadlines.putAll(s.deadlines());
            followUps = new ArrayList<>(s.followUps());
            rating = s.rating();
            reopenCount = s.reopenCount();
            duplicateOf = s.duplicateOf();
            escalated = s.escalated();
            escalationCause = s.escalationCause();
            archiveReason = s.archiveReason();
            review = s.review();
            overdue.putAll(s.overdue());
            notes = new ArrayList<>(s.notes());
            closureOutcome = s.closureOutcome();
            declines = s.declines();
            handOffs = s.handOffs();
            recommendation = s.recommendation();
        }

        /** The step a deadline awaited happened: it stops running, and the complaint is no longer late for it. */
        private void satisfy(DeadlineKind kind) {
            deadlines.remove(kind);
            overdue.remove(kind);
        }

        private void note(NoteKind kind, String text, Audience audience, ComplaintEvent event) {
            note(kind, text, audience, event, null);
        }

        private void note(NoteKind kind, String text, Audience audience, ComplaintEvent event, UUID ref) {
            if (text != null && !text.isBlank()) {
                notes.add(new Note(
                        kind,
                        text,
                        audience,
                        event.occurredAt(),
                        // the complainant's words recorded by the operator are still the complainant's
                        event.principal() != null ? Role.CITIZEN : event.actor().role(),
                        event.principal() != null ? null : event.actor().agency(),
                        ref));
            }
        }

        private ComplaintSummary build() {
            return new ComplaintSummary(
                    id,
                    version,
                    status,
                    trackingNumber,
                    reportType,
                    category,
                    channel,
                    title,
                    description,
                    location,
                    anonymous,
                    confidential,
                    complainantId,
                    sealedComplainant,
                    agencyId,
                    unitId,
                    assignee,
                    submittedAt,
                    updatedAt,
                    deadlines,
                    followUps,
                    rating,
                    reopenCount,
                    duplicateOf,
                    escalated,
                    escalationCause,
                    archiveReason,
                    review,
                    overdue,
                    notes,
                    closureOutcome,
                    declines,
                    handOffs,
                    recommendation);
        }
    }
}
