package org.complaintledger.complaint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.complaintledger.complaint.ComplaintExamples.*;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.complaintledger.complaint.ComplaintEvent.*;
import org.complaintledger.complaint.ComplaintSummary.FollowUp;
import org.complaintledger.complaint.ComplaintSummary.ReviewSummary;
import org.complaintledger.complaint.ComplaintSummary.RunningDeadline;
import org.complaintledger.deadline.DeadlineKind;
import org.junit.jupiter.api.Test;

/**
 * The read side's own fold ({@link ComplaintSummary#evolve}), one event type at a time, over the decider's example
 * histories. It lives beside them; what it tests is in {@code view/}.
 */
class ReadModelEvolveTest {

    static ComplaintSummary summary(List<ComplaintEvent> history) {
        return ComplaintSummary.replay(ID, history);
    }

    static ComplaintSummary after(List<ComplaintEvent> history, ComplaintEvent event) {
        return ComplaintSummary.evolve(summary(history), event);
    }

    @Test
    void the_initial_summary_is_a_complaint_not_yet_filed() {
        ComplaintSummary initial = ComplaintSummary.initial(ID);
        assertThat(initial.exists()).isFalse();
        assertThat(initial.version()).isZero();
        assertThat(initial.deadlines()).isEmpty();
        assertThat(initial.followUps()).isEmpty();
        assertThat(initial.review()).isNull();
    }

    @Test
    void submitted_shows_everything_the_complainant_gave() {
        ComplaintSummary s = ComplaintSummary.evolve(ComplaintSummary.initial(ID), submitted());
        assertThat(s.exists()).isTrue();
        assertThat(s.version()).isEqualTo(1);
        assertThat(s.status()).isEqualTo(Status.SUBMITTED);
        assertThat(s.trackingNumber()).isEqualTo("LPR-7KQ2-M9XD");
        assertThat(s.reportType()).isEqualTo(ReportType.COMPLAINT);
        assertThat(s.category()).isEqualTo("INFRASTRUCTURE");
        assertThat(s.channel()).isEqualTo(Channel.WHATSAPP);
        assertThat(s.title()).isEqualTo("Jalan berlubang");
        assertThat(s.description()).isEqualTo("The road to the harbour has a deep pothole");
        assertThat(s.location()).isEqualTo(LOCATION);
        assertThat(s.anonymous()).isFalse();
        assertThat(s.confidential()).isFalse();
        assertThat(s.complainantId()).isEqualTo(CITIZEN.subject());
        assertThat(s.sealedComplainant()).isEqualTo(SEALED);
        assertThat(s.submittedAt()).isEqualTo(FILED_AT);
        assertThat(s.updatedAt()).isEqualTo(FILED_AT);
    }

    @Test
    void clarification_requested_holds_the_complaint_and_stops_the_verification_clock() {
        ComplaintSummary s = after(filed(), new ClarificationRequested(ID, HELD_AT, OPERATOR, "Which road?"));
        assertThat(s.status()).isEqualTo(Status.ON_HOLD);
        assertThat(s.deadlines()).doesNotContainKey(DeadlineKind.VERIFICATION).containsKey(DeadlineKind.RESOLUTION);
    }

    @Test
    void clarification_provided_returns_the_complaint_to_verification_and_stops_the_clarification_clock() {
        ComplaintSummary s = after(onHold(), new ClarificationProvided(ID, NOW, CITIZEN, "Jalan Bantan"));
        assertThat(s.status()).isEqualTo(Status.SUBMITTED);
        assertThat(s.deadlines()).doesNotContainKey(DeadlineKind.CLARIFICATION);
    }

    @Test
    void verified_shows_the_category_and_report_type_in_force() {
        ComplaintSummary s = after(filed(), new Verified(ID, NOW, OPERATOR, "ENVIRONMENT", ReportType.ASPIRATION));
        assertThat(s.category()).isEqualTo("ENVIRONMENT");
        assertThat(s.reportType()).isEqualTo(ReportType.ASPIRATION);
        assertThat(s.deadlines()).doesNotContainKey(DeadlineKind.VERIFICATION);
    }

    @Test
    void visibility_changed_sets_both_flags() {
        ComplaintSummary s = after(filed(), new VisibilityChanged(ID, NOW, OPERATOR, true, true, "Names an official"));
        assertThat(s.anonymous()).isTrue();
        assertThat(s.confidential()).isTrue();
    }

    @Test
    void archived_shows_the_reason_and_no_running_clock() {
        ComplaintSummary s = after(onHold(), new Archived(ID, NOW, OPERATOR, ArchiveReason.INCOMPLETE, null));
        assertThat(s.status()).isEqualTo(Status.ARCHIVED);
        assertThat(s.archiveReason()).isEqualTo(ArchiveReason.INCOMPLETE);
        assertThat(s.deadlines()).isEmpty();
    }

    @Test
    void dispatched_shows_the_agency_and_stops_the_verification_and_clarification_clocks() {
        ComplaintSummary s = after(onHold(), new Dispatched(ID, NOW, OPERATOR, AGENCY, null));
        assertThat(s.status()).isEqualTo(Status.DISPATCHED);
        assertThat(s.agencyId()).isEqualTo(AGENCY);
        assertThat(s.deadlines()).doesNotContainKeys(DeadlineKind.VERIFICATION, DeadlineKind.CLARIFICATION);
    }

    @Test
    void assigned_to_unit_shows_the_unit_and_the_officer_and_a_new_agency_starts_without_them() {
        ComplaintSummary s = after(
                inProgress(),
                new AssignedToUnit(ID, NOW, OFFICER, AGENCY, "bidang-jalan", "Road maintenance", "officer-7"));
        assertThat(s.unitId()).isEqualTo("bidang-jalan");
        assertThat(s.assignee()).isEqualTo("officer-7");
        assertThat(s.agencyId()).isEqualTo(AGENCY);
        ComplaintSummary declined =
                ComplaintSummary.evolve(s, new DeclinedByAgency(ID, NOW, OFFICER, AGENCY, "Not ours", null));
        assertThat(declined.unitId()).isNull();
        assertThat(declined.assignee()).isNull();
    }

    @Test
    void acknowledged_puts_the_complaint_in_progress() {
        assertThat(after(dispatched(), new Acknowledged(ID, NOW, OFFICER, AGENCY))
                        .status())
                .isEqualTo(Status.IN_PROGRESS);
    }

    @Test
    void declined_by_agency_takes_the_complaint_out_of_the_agency_queue() {
        ComplaintSummary s = after(inProgress(), new DeclinedByAgency(ID, NOW, OFFICER, AGENCY, "Not ours", null));
        assertThat(s.status()).isEqualTo(Status.AWAITING_REDISPATCH);
        assertThat(s.agencyId()).isNull();
        assertThat(s.deadlines()).doesNotContainKey(DeadlineKind.FOLLOW_UP);
    }

    @Test
    void redispatched_shows_the_new_agency_and_stops_the_redispatch_clock() {
        ComplaintSummary s = after(awaitingRedispatch(), new Redispatched(ID, NOW, OPERATOR, OTHER_AGENCY, null));
        assertThat(s.status()).isEqualTo(Status.DISPATCHED);
        assertThat(s.agencyId()).isEqualTo(OTHER_AGENCY);
        assertThat(s.deadlines()).doesNotContainKey(DeadlineKind.REDISPATCH);
    }

    @Test
    void follow_up_posted_shows_the_answer_and_stops_the_follow_up_clock() {
        ComplaintSummary s =
                after(inProgress(), new FollowUpPosted(ID, NOW, OFFICER, AGENCY, "Patched", LocalDate.of(2026, 3, 13)));
        assertThat(s.status()).isEqualTo(Status.RESPONDED);
        assertThat(s.followUps()).containsExactly(new FollowUp("Patched", NOW, AGENCY, LocalDate.of(2026, 3, 13)));
        assertThat(s.deadlines()).doesNotContainKey(DeadlineKind.FOLLOW_UP);
    }

    @Test
    void complainant_accepted_shows_the_rating_and_stops_the_response_clock() {
        ComplaintSummary s = after(responded(), new ComplainantAccepted(ID, NOW, CITIZEN, 3, "Slow"));
        assertThat(s.rating()).isEqualTo(3);
        assertThat(s.deadlines()).doesNotContainKey(DeadlineKind.COMPLAINANT_RESPONSE);
    }

    @Test
    void complainant_objected_reopens_the_complaint_and_counts_it() {
        ComplaintSummary s = after(responded(), new ComplainantObjected(ID, NOW, CITIZEN, "Still broken"));
        assertThat(s.status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(s.reopenCount()).isEqualTo(1);
        assertThat(s.deadlines()).doesNotContainKey(DeadlineKind.COMPLAINANT_RESPONSE);
    }

    @Test
    void completed_ends_the_complaint_with_no_running_clock() {
        ComplaintSummary s = after(responded(), new Completed(ID, NOW, SYSTEM, CompletionOutcome.AUTO_CLOSED));
        assertThat(s.status()).isEqualTo(Status.COMPLETED);
        assertThat(s.deadlines()).isEmpty();
    }

    @Test
    void closed_by_operator_shows_the_outcome_and_its_note_to_everyone_and_no_running_clock() {
        ComplaintSummary s = after(
                inProgress(),
                new ClosedByOperator(ID, NOW, OPERATOR, ClosureOutcome.PARTIALLY_RESOLVED, "Half the road is done"));
        assertThat(s.status()).isEqualTo(Status.COMPLETED);
        assertThat(s.closureOutcome()).isEqualTo(ClosureOutcome.PARTIALLY_RESOLVED);
        assertThat(s.deadlines()).isEmpty();
        assertThat(s.notes().getLast().kind()).isEqualTo(ComplaintSummary.NoteKind.CLOSURE);
        assertThat(s.notes().getLast().audience()).isEqualTo(Audience.PUBLIC);
        assertThat(s.notes().getLast().text()).isEqualTo("Half the road is done");
    }

    @Test
    void the_objection_is_a_public_note_the_agency_now_answers() {
        ComplaintSummary s = after(responded(), new ComplainantObjected(ID, NOW, CITIZEN, "Still broken"));
        assertThat(s.notes().getLast().kind()).isEqualTo(ComplaintSummary.NoteKind.OBJECTION);
        assertThat(s.notes().getLast().audience()).isEqualTo(Audience.PUBLIC);
        assertThat(s.notes().getLast().role()).isEqualTo(Role.CITIZEN);
    }

    @Test
    void hand_offs_and_declines_are_counted_and_the_third_decline_flags_the_complaint_for_the_operator() {
        List<ComplaintEvent> history = new java.util.ArrayList<>(dispatched());
        for (int i = 1; i <= 3; i++) {
            history.add(new DeclinedByAgency(ID, NOW, OFFICER, AGENCY, "Not ours " + i, null));
            ComplaintSummary declined = summary(history);
            assertThat(declined.declines()).isEqualTo(i);
            assertThat(declined.repeatedlyDeclined()).as("after decline %d", i).isEqualTo(i == 3);
            history.add(new Redispatched(ID, NOW, OPERATOR, AGENCY, "Try again"));
            assertThat(summary(history).handOffs()).isEqualTo(i);
        }
        // the flag stays: the ping-pong happened, whoever has the complaint now
        assertThat(summary(history).repeatedlyDeclined()).isTrue();
    }

    @Test
    void withdrawn_ends_the_complaint_with_no_running_clock() {
        ComplaintSummary s = after(inProgress(), new Withdrawn(ID, NOW, CITIZEN, "Solved"));
        assertThat(s.status()).isEqualTo(Status.WITHDRAWN);
        assertThat(s.deadlines()).isEmpty();
    }

    @Test
    void deadline_set_shows_a_running_clock_and_replaces_one_of_the_same_kind() {
        Instant later = wib("2026-03-30T10:00");
        ComplaintSummary s = after(dispatched(), deadlineSet(NOW, OPERATOR, DeadlineKind.FOLLOW_UP, later, "5wd"));
        assertThat(s.deadlines()).containsEntry(DeadlineKind.FOLLOW_UP, new RunningDeadline(later));
    }

    @Test
    void deadline_missed_stops_that_clock_but_not_a_newer_one_of_the_same_kind() {
        assertThat(after(dispatched(), new DeadlineMissed(ID, NOW, SYSTEM, DeadlineKind.FOLLOW_UP, FOLLOW_UP_DUE))
                        .deadlines())
                .doesNotContainKey(DeadlineKind.FOLLOW_UP);
        assertThat(after(
                                dispatched(),
                                new DeadlineMissed(ID, NOW, SYSTEM, DeadlineKind.FOLLOW_UP, wib("2026-03-01T00:00")))
                        .deadlines())
                .containsKey(DeadlineKind.FOLLOW_UP);
    }

    @Test
    void escalated_shows_the_cause_and_keeps_only_the_resolution_clock() {
        ComplaintSummary s =
                after(inProgress(), new Escalated(ID, NOW, CITIZEN, EscalationCause.COMPLAINANT_APPEAL, "Nothing"));
        assertThat(s.status()).isEqualTo(Status.ESCALATED);
        assertThat(s.escalated()).isTrue();
        assertThat(s.escalationCause()).isEqualTo(EscalationCause.COMPLAINANT_APPEAL);
        assertThat(s.deadlines()).containsOnlyKeys(DeadlineKind.RESOLUTION);
    }

    @Test
    void review_opened_shows_an_empty_review_by_its_reviewer() {
        ComplaintSummary s = after(escalated(), new ReviewOpened(ID, NOW, OMBUDSMAN));
        assertThat(s.status()).isEqualTo(Status.UNDER_REVIEW);
        assertThat(s.review()).isEqualTo(new ReviewSummary(NOW, OMBUDSMAN.subject(), 0, false, null, null));
    }

    @Test
    void finding_recorded_counts_the_finding_and_remembers_any_maladministration() {
        ComplaintSummary s = after(withFinding(), new FindingRecorded(ID, NOW, OMBUDSMAN, false, List.of(), "None"));
        assertThat(s.review().findings()).isEqualTo(2);
        assertThat(s.review().maladministrationFound()).isTrue();
    }

    @Test
    void review_closed_shows_the_outcome_and_no_running_clock() {
        ComplaintSummary s = after(withFinding(), new ReviewClosed(ID, NOW, OMBUDSMAN, "Recommendation sent"));
        assertThat(s.status()).isEqualTo(Status.REVIEWED);
        assertThat(s.review().outcome()).isEqualTo("Recommendation sent");
        assertThat(s.review().closedAt()).isEqualTo(NOW);
        assertThat(s.review().findings()).isEqualTo(1);
        assertThat(s.deadlines()).isEmpty();
    }

    @Test
    void linked_as_duplicate_shows_the_original_and_stops_the_verification_clock() {
        ComplaintSummary s = after(filed(), new LinkedAsDuplicate(ID, NOW, OPERATOR, ORIGINAL_ID));
        assertThat(s.duplicateOf()).isEqualTo(ORIGINAL_ID);
        assertThat(s.deadlines()).doesNotContainKey(DeadlineKind.VERIFICATION);
    }

    @Test
    void duplicate_link_removed_forgets_the_original_and_the_archive_reason() {
        ComplaintSummary s = after(archivedAsDuplicate(), new DuplicateLinkRemoved(ID, NOW, OPERATOR, ORIGINAL_ID));
        assertThat(s.status()).isEqualTo(Status.SUBMITTED);
        assertThat(s.duplicateOf()).isNull();
        assertThat(s.archiveReason()).isNull();
    }

    @Test
    void personal_data_erased_drops_the_sealed_complainant_but_keeps_the_owner() {
        ComplaintSummary s =
                after(inProgress(), new PersonalDataErased(ID, NOW, CITIZEN, CITIZEN.subject(), "hak untuk dihapus"));
        assertThat(s.sealedComplainant()).isNull();
        assertThat(s.complainantId()).isEqualTo(CITIZEN.subject());
    }

    @Test
    void every_event_counts_one_version_and_moves_updated_at() {
        ComplaintSummary s = after(dispatched(), new Acknowledged(ID, NOW, OFFICER, AGENCY));
        assertThat(s.version()).isEqualTo(dispatched().size() + 1);
        assertThat(s.updatedAt()).isEqualTo(NOW);
    }

    @Test
    void an_event_of_another_complaint_is_refused() {
        assertThatThrownBy(() -> ComplaintSummary.evolve(
                        summary(filed()), new Acknowledged(UUID.randomUUID(), NOW, OFFICER, AGENCY)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void every_event_type_has_its_case_in_the_read_fold() {
        // a new event type must be folded here too: the switch is exhaustive, so this just proves none throws
        EventSamples.oneOfEach().values().forEach(event -> {
            List<ComplaintEvent> history = event instanceof Submitted ? List.of() : filed();
            ComplaintSummary before = event instanceof FindingRecorded || event instanceof ReviewClosed
                    ? summary(underReview())
                    : event instanceof ImplementationReported
                            ? summary(concat(
                                    reviewed(),
                                    new RecommendationIssued(
                                            ID, FINDING_AT, OMBUDSMAN, AGENCY, "Fix it", wib("2026-04-15T10:00"))))
                            : summary(history);
            assertThat(ComplaintSummary.evolve(before, event).version()).isEqualTo(before.version() + 1);
        });
    }

    /**
     * Where both folds keep the same fact they agree, over every example history: the read model shows what the
     * decider decided on.
     */
    @Test
    void the_read_fold_agrees_with_the_decider_on_every_example_history() {
        for (List<ComplaintEvent> history : List.of(
                filed(),
                onHold(),
                dispatched(),
                inProgress(),
                awaitingRedispatch(),
                responded(),
                completed(),
                escalated(),
                underReview(),
                withFinding(),
                reviewed(),
                archived(),
                archivedAsDuplicate(),
                withdrawn())) {
            Complaint decided = state(history);
            ComplaintSummary shown = summary(history);
            assertThat(shown.version()).isEqualTo(decided.version());
            assertThat(shown.status()).isEqualTo(decided.status());
            assertThat(shown.category()).isEqualTo(decided.category());
            assertThat(shown.reportType()).isEqualTo(decided.reportType());
            assertThat(shown.agencyId()).isEqualTo(decided.agencyId());
            assertThat(shown.anonymous()).isEqualTo(decided.anonymous());
            assertThat(shown.confidential()).isEqualTo(decided.confidential());
            assertThat(shown.complainantId()).isEqualTo(decided.complainantId());
            assertThat(shown.sealedComplainant()).isEqualTo(decided.sealedComplainant());
            assertThat(shown.duplicateOf()).isEqualTo(decided.duplicateOf());
            assertThat(shown.unitId()).isEqualTo(decided.unitId());
            assertThat(shown.assignee()).isEqualTo(decided.assignee());
            assertThat(shown.submittedAt()).isEqualTo(decided.submittedAt());
            Map<DeadlineKind, Instant> running = new EnumMap<>(DeadlineKind.class);
            decided.deadlines().forEach((kind, deadline) -> running.put(kind, deadline.dueAt()));
            assertThat(shown.deadlines().entrySet().stream()
                            .collect(Collectors.toMap(
                                    Map.Entry::getKey, e -> e.getValue().dueAt())))
                    .isEqualTo(running);
        }
    }

    // issue 14: overdue that stays overdue, and the conversation with its audiences

    @Test
    void a_missed_follow_up_stays_overdue_after_a_new_one_is_armed_until_the_follow_up_is_posted() {
        Instant reArmed = wib("2026-03-25T11:01");
        List<ComplaintEvent> missed = concat(
                inProgress(),
                new DeadlineMissed(ID, FOLLOW_UP_DUE.plusSeconds(60), SYSTEM, DeadlineKind.FOLLOW_UP, FOLLOW_UP_DUE),
                new DeadlineSet(
                        ID,
                        FOLLOW_UP_DUE.plusSeconds(60),
                        SYSTEM,
                        DeadlineKind.FOLLOW_UP,
                        reArmed,
                        "lapor-default",
                        1,
                        "5wd",
                        "national",
                        4));
        ComplaintSummary late = summary(missed);
        assertThat(late.hasOverdueDeadline()).isTrue();
        assertThat(late.overdue()).containsEntry(DeadlineKind.FOLLOW_UP, new RunningDeadline(FOLLOW_UP_DUE));
        assertThat(late.deadlines()).containsEntry(DeadlineKind.FOLLOW_UP, new RunningDeadline(reArmed));
        ComplaintSummary answered = after(missed, new FollowUpPosted(ID, NOW, OFFICER, AGENCY, "Patched", null));
        assertThat(answered.hasOverdueDeadline()).isFalse();
    }

    @Test
    void a_missed_verification_stays_overdue_until_dispatch() {
        List<ComplaintEvent> missed = concat(
                filed(), new DeadlineMissed(ID, VERIFICATION_DUE, SYSTEM, DeadlineKind.VERIFICATION, VERIFICATION_DUE));
        assertThat(summary(missed).overdue()).containsKey(DeadlineKind.VERIFICATION);
        assertThat(after(missed, new Dispatched(ID, NOW, OPERATOR, AGENCY, null))
                        .hasOverdueDeadline())
                .isFalse();
    }

    @Test
    void an_unanswered_question_does_not_make_the_complaint_late() {
        List<ComplaintEvent> asked = concat(
                inProgress(),
                new QuestionAsked(ID, NOW, OFFICER, AGENCY, "Which side?"),
                new DeadlineSet(
                        ID,
                        NOW,
                        OFFICER,
                        DeadlineKind.COMPLAINANT_RESPONSE,
                        RESOLUTION_DUE.minusSeconds(1),
                        "lapor-default",
                        1,
                        "10wd",
                        "national",
                        4));
        ComplaintSummary s = after(
                asked,
                new DeadlineMissed(
                        ID, RESOLUTION_DUE, SYSTEM, DeadlineKind.COMPLAINANT_RESPONSE, RESOLUTION_DUE.minusSeconds(1)));
        assertThat(s.hasOverdueDeadline()).isFalse();
    }

    @Test
    void a_granted_extension_ends_the_lateness_of_a_missed_follow_up() {
        List<ComplaintEvent> missed = concat(
                inProgress(),
                new DeadlineMissed(ID, FOLLOW_UP_DUE, SYSTEM, DeadlineKind.FOLLOW_UP, FOLLOW_UP_DUE),
                new ExtensionRequested(ID, NOW, OFFICER, EXTENSION_ID, AGENCY, 5, "Asphalt"));
        assertThat(summary(missed).hasOverdueDeadline()).isTrue();
        assertThat(after(missed, new ExtensionDecided(ID, NOW, OPERATOR, EXTENSION_ID, false, null))
                        .hasOverdueDeadline())
                .isTrue();
        assertThat(after(missed, new ExtensionDecided(ID, NOW, OPERATOR, EXTENSION_ID, true, null))
                        .hasOverdueDeadline())
                .isFalse();
    }

    @Test
    void escalation_ends_the_agency_flow_lateness_but_not_the_resolution_one() {
        List<ComplaintEvent> late = concat(
                inProgress(),
                new DeadlineMissed(ID, FOLLOW_UP_DUE, SYSTEM, DeadlineKind.FOLLOW_UP, FOLLOW_UP_DUE),
                new DeadlineMissed(ID, RESOLUTION_DUE, SYSTEM, DeadlineKind.RESOLUTION, RESOLUTION_DUE));
        ComplaintSummary s =
                after(late, new Escalated(ID, RESOLUTION_DUE, SYSTEM, EscalationCause.RESOLUTION_OVERDUE, "late"));
        assertThat(s.overdue()).containsOnlyKeys(DeadlineKind.RESOLUTION);
    }

    @Test
    void every_free_text_note_is_kept_with_its_audience_and_no_staff_subject() {
        List<ComplaintEvent> history = concat(
                awaitingRedispatch(),
                new Redispatched(ID, NOW, OPERATOR, OTHER_AGENCY, "Provincial road after all"),
                new MessagePosted(ID, NOW, OPERATOR, "Internal one", Audience.INTERNAL, null),
                new MessagePosted(ID, NOW, CITIZEN, "Any news?", Audience.PUBLIC, null),
                new QuestionAsked(ID, NOW, OTHER_OFFICER, OTHER_AGENCY, "Which side?"),
                new ProgressPosted(ID, NOW, OTHER_OFFICER, OTHER_AGENCY, "Ordered"),
                new ExtensionRequested(ID, NOW, OTHER_OFFICER, EXTENSION_ID, OTHER_AGENCY, 5, "Asphalt"),
                new ExtensionDecided(ID, NOW, OPERATOR, EXTENSION_ID, true, "Once"));
        List<ComplaintSummary.Note> notes = summary(history).notes();
        assertThat(notes)
                .extracting(ComplaintSummary.Note::kind, ComplaintSummary.Note::audience)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(ComplaintSummary.NoteKind.DISPATCH_NOTE, Audience.INTERNAL),
                        org.assertj.core.groups.Tuple.tuple(
                                ComplaintSummary.NoteKind.DECLINE_REASON, Audience.INTERNAL),
                        org.assertj.core.groups.Tuple.tuple(
                                ComplaintSummary.NoteKind.REDISPATCH_NOTE, Audience.INTERNAL),
                        org.assertj.core.groups.Tuple.tuple(ComplaintSummary.NoteKind.MESSAGE, Audience.INTERNAL),
                        org.assertj.core.groups.Tuple.tuple(ComplaintSummary.NoteKind.MESSAGE, Audience.PUBLIC),
                        org.assertj.core.groups.Tuple.tuple(ComplaintSummary.NoteKind.QUESTION, Audience.PUBLIC),
                        org.assertj.core.groups.Tuple.tuple(ComplaintSummary.NoteKind.PROGRESS, Audience.PUBLIC),
                        org.assertj.core.groups.Tuple.tuple(
                                ComplaintSummary.NoteKind.EXTENSION_REQUEST, Audience.INTERNAL),
                        org.assertj.core.groups.Tuple.tuple(
                                ComplaintSummary.NoteKind.EXTENSION_DECISION, Audience.INTERNAL));
        assertThat(notes.get(5).role()).isEqualTo(Role.AGENCY_OFFICER);
        assertThat(notes.get(5).agencyId()).isEqualTo(OTHER_AGENCY);
        assertThat(notes.get(7).ref()).isEqualTo(EXTENSION_ID);
    }
}
