package org.complaintledger.complaint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.complaintledger.complaint.ComplaintExamples.*;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.complaintledger.complaint.Complaint.ActiveDeadline;
import org.complaintledger.complaint.ComplaintEvent.*;
import org.complaintledger.deadline.DeadlineKind;
import org.junit.jupiter.api.Test;

class EvolveTest {

    static Complaint after(List<ComplaintEvent> history, ComplaintEvent event) {
        return Complaint.evolve(state(history), event);
    }

    @Test
    void the_initial_state_is_a_complaint_not_yet_filed() {
        Complaint initial = Complaint.initial(ID);
        assertThat(initial.exists()).isFalse();
        assertThat(initial.version()).isZero();
        assertThat(initial.status()).isNull();
        assertThat(initial.deadlines()).isEmpty();
    }

    @Test
    void submitted_files_the_complaint_with_what_later_decisions_read() {
        Complaint state = Complaint.evolve(Complaint.initial(ID), submitted());
        assertThat(state.exists()).isTrue();
        assertThat(state.version()).isEqualTo(1);
        assertThat(state.status()).isEqualTo(Status.SUBMITTED);
        assertThat(state.reportType()).isEqualTo(ReportType.COMPLAINT);
        assertThat(state.category()).isEqualTo("INFRASTRUCTURE");
        assertThat(state.anonymous()).isFalse();
        assertThat(state.confidential()).isFalse();
        assertThat(state.complainantId()).isEqualTo(CITIZEN.subject());
        assertThat(state.sealedComplainant()).isEqualTo(SEALED);
        assertThat(state.submittedAt()).isEqualTo(FILED_AT);
    }

    @Test
    void clarification_requested_puts_the_complaint_on_hold_and_stops_the_verification_clock() {
        Complaint state = after(filed(), new ClarificationRequested(ID, HELD_AT, OPERATOR, "Which road?"));
        assertThat(state.status()).isEqualTo(Status.ON_HOLD);
        assertThat(state.deadlines())
                .doesNotContainKey(DeadlineKind.VERIFICATION)
                .containsKey(DeadlineKind.RESOLUTION);
    }

    @Test
    void clarification_provided_returns_the_complaint_to_verification_and_stops_the_clarification_clock() {
        Complaint state = after(onHold(), new ClarificationProvided(ID, NOW, CITIZEN, "Jalan Bantan"));
        assertThat(state.status()).isEqualTo(Status.SUBMITTED);
        assertThat(state.deadlines()).doesNotContainKey(DeadlineKind.CLARIFICATION);
    }

    @Test
    void verified_sets_the_category_and_report_type_in_force_and_stops_the_verification_clock() {
        Complaint state = after(filed(), new Verified(ID, NOW, OPERATOR, "ENVIRONMENT", ReportType.ASPIRATION));
        assertThat(state.category()).isEqualTo("ENVIRONMENT");
        assertThat(state.reportType()).isEqualTo(ReportType.ASPIRATION);
        assertThat(state.deadlines()).doesNotContainKey(DeadlineKind.VERIFICATION);
        assertThat(state.status()).isEqualTo(Status.SUBMITTED);
    }

    @Test
    void visibility_changed_sets_both_flags() {
        Complaint state = after(filed(), new VisibilityChanged(ID, NOW, OPERATOR, true, true, "Names an official"));
        assertThat(state.anonymous()).isTrue();
        assertThat(state.confidential()).isTrue();
    }

    @Test
    void archived_ends_the_complaint_and_stops_every_clock() {
        Complaint state = after(onHold(), new Archived(ID, NOW, OPERATOR, ArchiveReason.INCOMPLETE, null));
        assertThat(state.status()).isEqualTo(Status.ARCHIVED);
        assertThat(state.deadlines()).isEmpty();
    }

    @Test
    void dispatched_assigns_the_agency_and_stops_the_verification_and_clarification_clocks() {
        Complaint state = after(onHold(), new Dispatched(ID, NOW, OPERATOR, AGENCY, null));
        assertThat(state.status()).isEqualTo(Status.DISPATCHED);
        assertThat(state.agencyId()).isEqualTo(AGENCY);
        assertThat(state.deadlines()).containsOnlyKeys(DeadlineKind.RESOLUTION);
    }

    @Test
    void acknowledged_puts_the_complaint_in_progress() {
        Complaint state = after(dispatched(), new Acknowledged(ID, NOW, OFFICER, AGENCY));
        assertThat(state.status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(state.deadlines()).containsKey(DeadlineKind.FOLLOW_UP);
    }

    @Test
    void declined_by_agency_takes_the_complaint_out_of_the_agency_queue() {
        Complaint state = after(inProgress(), new DeclinedByAgency(ID, NOW, OFFICER, AGENCY, "Not ours", null));
        assertThat(state.status()).isEqualTo(Status.AWAITING_REDISPATCH);
        assertThat(state.agencyId()).isNull();
        assertThat(state.deadlines()).doesNotContainKey(DeadlineKind.FOLLOW_UP);
    }

    @Test
    void redispatched_assigns_the_new_agency_and_stops_the_redispatch_clock() {
        Complaint state = after(awaitingRedispatch(), new Redispatched(ID, NOW, OPERATOR, OTHER_AGENCY, null));
        assertThat(state.status()).isEqualTo(Status.DISPATCHED);
        assertThat(state.agencyId()).isEqualTo(OTHER_AGENCY);
        assertThat(state.deadlines()).doesNotContainKey(DeadlineKind.REDISPATCH);
    }

    @Test
    void follow_up_posted_marks_the_complaint_responded_and_stops_the_follow_up_clock() {
        Complaint state =
                after(inProgress(), new FollowUpPosted(ID, NOW, OFFICER, AGENCY, "Patched", LocalDate.of(2026, 3, 13)));
        assertThat(state.status()).isEqualTo(Status.RESPONDED);
        assertThat(state.deadlines()).doesNotContainKey(DeadlineKind.FOLLOW_UP);
    }

    @Test
    void complainant_accepted_stops_the_response_clock() {
        Complaint state = after(responded(), new ComplainantAccepted(ID, NOW, CITIZEN, 3, "Slow"));
        assertThat(state.deadlines()).doesNotContainKey(DeadlineKind.COMPLAINANT_RESPONSE);
    }

    @Test
    void complainant_objected_reopens_the_complaint() {
        Complaint state = after(responded(), new ComplainantObjected(ID, NOW, CITIZEN, "Still broken"));
        assertThat(state.status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(state.deadlines()).doesNotContainKey(DeadlineKind.COMPLAINANT_RESPONSE);
    }

    @Test
    void completed_ends_the_complaint_at_its_time_and_stops_every_clock() {
        Complaint state = after(responded(), new Completed(ID, NOW, SYSTEM, CompletionOutcome.AUTO_CLOSED));
        assertThat(state.status()).isEqualTo(Status.COMPLETED);
        assertThat(state.completedAt()).isEqualTo(NOW);
        assertThat(state.deadlines()).isEmpty();
    }

    @Test
    void withdrawn_ends_the_complaint_and_stops_every_clock() {
        Complaint state = after(inProgress(), new Withdrawn(ID, NOW, CITIZEN, "Solved"));
        assertThat(state.status()).isEqualTo(Status.WITHDRAWN);
        assertThat(state.deadlines()).isEmpty();
    }

    @Test
    void closed_by_operator_completes_the_complaint_stops_every_clock_and_opens_the_appeal_window() {
        Complaint state = after(
                inProgress(), new ComplaintEvent.ClosedByOperator(ID, NOW, OPERATOR, ClosureOutcome.RESOLVED, "Done"));
        assertThat(state.status()).isEqualTo(Status.COMPLETED);
        assertThat(state.completedAt()).isEqualTo(NOW);
        assertThat(state.deadlines()).isEmpty();
    }

    @Test
    void deadline_set_starts_a_clock_and_replaces_one_of_the_same_kind() {
        Complaint state =
                after(dispatched(), deadlineSet(NOW, OPERATOR, DeadlineKind.FOLLOW_UP, wib("2026-03-30T10:00"), "5wd"));
        assertThat(state.deadlines())
                .containsEntry(DeadlineKind.FOLLOW_UP, new ActiveDeadline(wib("2026-03-30T10:00")));
        assertThat(state.deadlines()).containsEntry(DeadlineKind.RESOLUTION, new ActiveDeadline(RESOLUTION_DUE));
    }

    @Test
    void deadline_missed_stops_that_clock_and_counts_missed_follow_ups() {
        Complaint state =
                after(dispatched(), new DeadlineMissed(ID, NOW, SYSTEM, DeadlineKind.FOLLOW_UP, FOLLOW_UP_DUE));
        assertThat(state.deadlines()).doesNotContainKey(DeadlineKind.FOLLOW_UP);
        assertThat(state.missedFollowUps()).isEqualTo(1);
    }

    @Test
    void a_missed_deadline_of_another_kind_is_not_a_missed_follow_up() {
        Complaint state =
                after(filed(), new DeadlineMissed(ID, NOW, SYSTEM, DeadlineKind.VERIFICATION, VERIFICATION_DUE));
        assertThat(state.deadlines()).doesNotContainKey(DeadlineKind.VERIFICATION);
        assertThat(state.missedFollowUps()).isZero();
    }

    @Test
    void a_miss_of_an_older_due_time_leaves_the_newer_clock_running() {
        Complaint state = after(
                dispatched(), new DeadlineMissed(ID, NOW, SYSTEM, DeadlineKind.FOLLOW_UP, wib("2026-03-01T00:00")));
        assertThat(state.deadlines()).containsEntry(DeadlineKind.FOLLOW_UP, new ActiveDeadline(FOLLOW_UP_DUE));
    }

    @Test
    void escalated_hands_the_complaint_to_the_ombudsman_and_stops_the_agency_clocks_but_not_the_resolution_clock() {
        Complaint state =
                after(inProgress(), new Escalated(ID, NOW, CITIZEN, EscalationCause.COMPLAINANT_APPEAL, "Nothing"));
        assertThat(state.status()).isEqualTo(Status.ESCALATED);
        assertThat(state.deadlines()).containsOnlyKeys(DeadlineKind.RESOLUTION);
        assertThat(state.agencyId()).isEqualTo(AGENCY);
    }

    @Test
    void review_opened_starts_an_empty_review() {
        Complaint state = after(escalated(), new ReviewOpened(ID, NOW, OMBUDSMAN));
        assertThat(state.status()).isEqualTo(Status.UNDER_REVIEW);
        assertThat(state.review().openedAt()).isEqualTo(NOW);
        assertThat(state.review().reviewer()).isEqualTo(OMBUDSMAN.subject());
        assertThat(state.review().findings()).isEmpty();
        assertThat(state.review().outcome()).isNull();
    }

    @Test
    void finding_recorded_adds_a_finding_to_the_review() {
        Complaint state = after(withFinding(), new FindingRecorded(ID, NOW, OMBUDSMAN, false, List.of(), "None"));
        assertThat(state.review().findings()).hasSize(2);
        assertThat(state.review().findings().get(0).forms()).containsExactly(MaladministrationForm.UNDUE_DELAY);
        assertThat(state.review().findings().get(1).maladministration()).isFalse();
        assertThat(state.review().findings().get(1).recommendation()).isEqualTo("None");
        assertThat(state.review().findings().get(1).recordedAt()).isEqualTo(NOW);
    }

    @Test
    void review_closed_ends_the_complaint_as_reviewed_with_the_outcome() {
        Complaint state = after(withFinding(), new ReviewClosed(ID, NOW, OMBUDSMAN, "Recommendation sent"));
        assertThat(state.status()).isEqualTo(Status.REVIEWED);
        assertThat(state.review().outcome()).isEqualTo("Recommendation sent");
        assertThat(state.review().closedAt()).isEqualTo(NOW);
        assertThat(state.review().findings()).hasSize(1);
        assertThat(state.deadlines()).isEmpty();
    }

    @Test
    void linked_as_duplicate_remembers_the_original_and_stops_the_verification_clock() {
        Complaint state = after(filed(), new LinkedAsDuplicate(ID, NOW, OPERATOR, ORIGINAL_ID));
        assertThat(state.duplicateOf()).isEqualTo(ORIGINAL_ID);
        assertThat(state.deadlines()).doesNotContainKey(DeadlineKind.VERIFICATION);
    }

    @Test
    void duplicate_link_removed_forgets_the_original_and_returns_the_complaint_to_verification() {
        Complaint state = after(archivedAsDuplicate(), new DuplicateLinkRemoved(ID, NOW, OPERATOR, ORIGINAL_ID));
        assertThat(state.duplicateOf()).isNull();
        assertThat(state.status()).isEqualTo(Status.SUBMITTED);
    }

    @Test
    void personal_data_erased_drops_the_sealed_complainant_but_keeps_the_owner() {
        Complaint state =
                after(inProgress(), new PersonalDataErased(ID, NOW, CITIZEN, CITIZEN.subject(), "hak untuk dihapus"));
        assertThat(state.sealedComplainant()).isNull();
        assertThat(state.complainantId()).isEqualTo(CITIZEN.subject());
        assertThat(state.status()).isEqualTo(Status.IN_PROGRESS);
    }

    @Test
    void every_event_counts_one_version() {
        Complaint state = state(responded());
        assertThat(state.version()).isEqualTo(responded().size());
        assertThat(state.submittedAt()).isEqualTo(FILED_AT);
    }

    @Test
    void an_event_on_a_complaint_never_filed_is_impossible() {
        assertThatThrownBy(() -> Complaint.evolve(Complaint.initial(ID), new Acknowledged(ID, NOW, OFFICER, AGENCY)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("complaint.acknowledged")
                .hasMessageContaining("never submitted");
    }

    @Test
    void a_second_filing_of_the_same_complaint_is_impossible() {
        assertThatThrownBy(() -> Complaint.evolve(state(filed()), submitted()))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void an_event_of_another_complaint_is_impossible() {
        UUID other = UUID.fromString("0b9d3f4e-7c1a-4d5e-9f00-0000000000ff");
        assertThatThrownBy(() -> Complaint.evolve(state(filed()), new Acknowledged(other, NOW, OFFICER, AGENCY)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void a_finding_without_an_open_review_is_impossible() {
        assertThatThrownBy(() -> Complaint.evolve(
                        state(escalated()), new FindingRecorded(ID, NOW, OMBUDSMAN, false, List.of(), null)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void the_state_exposes_no_mutable_collections() {
        Complaint state = state(responded());
        assertThatThrownBy(() -> state.deadlines().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> state.attachments().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    // issue 14: the conversation, questions, interim replies and extensions

    @Test
    void message_posted_changes_nothing_but_the_version() {
        Complaint before = state(inProgress());
        Complaint state = after(inProgress(), new MessagePosted(ID, NOW, OPERATOR, "Note", Audience.INTERNAL, null));
        assertThat(state.version()).isEqualTo(before.version() + 1);
        assertThat(state.status()).isEqualTo(before.status());
        assertThat(state.deadlines()).isEqualTo(before.deadlines());
    }

    @Test
    void question_asked_leaves_a_question_pending() {
        Complaint state = after(inProgress(), new QuestionAsked(ID, NOW, OFFICER, AGENCY, "Which side?"));
        assertThat(state.questionPending()).isTrue();
        assertThat(state.status()).isEqualTo(Status.IN_PROGRESS);
    }

    @Test
    void question_answered_keeps_the_status_and_clears_the_question() {
        List<ComplaintEvent> asked = concat(
                inProgress(),
                new QuestionAsked(ID, NOW, OFFICER, AGENCY, "Which side?"),
                deadlineSet(NOW, OFFICER, DeadlineKind.COMPLAINANT_RESPONSE, RESOLUTION_DUE, "10wd"));
        Complaint state = after(asked, new QuestionAnswered(ID, NOW, CITIZEN, "North"));
        assertThat(state.status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(state.questionPending()).isFalse();
        assertThat(state.deadlines()).doesNotContainKey(DeadlineKind.COMPLAINANT_RESPONSE);
    }

    @Test
    void progress_posted_keeps_the_complaint_in_progress() {
        Complaint state = after(inProgress(), new ProgressPosted(ID, NOW, OFFICER, AGENCY, "Ordered"));
        assertThat(state.status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(state.deadlines()).containsKey(DeadlineKind.FOLLOW_UP);
    }

    @Test
    void extension_requested_is_pending_until_decided() {
        Complaint requested =
                after(inProgress(), new ExtensionRequested(ID, NOW, OFFICER, EXTENSION_ID, AGENCY, 5, "x"));
        assertThat(requested.pendingExtensions()).containsEntry(EXTENSION_ID, 5);
        Complaint decided =
                Complaint.evolve(requested, new ExtensionDecided(ID, NOW, OPERATOR, EXTENSION_ID, true, null));
        assertThat(decided.pendingExtensions()).isEmpty();
        assertThat(decided.decidedExtensions()).containsExactly(EXTENSION_ID);
    }

    /**
     * A step the operator recorded for the complainant folds exactly as the complainant's own: the principal says
     * whose decision it was, and nothing in the state depends on who pressed the button.
     */
    @Test
    void a_complainants_step_recorded_by_the_operator_evolves_like_the_complainants_own() {
        Principal byPhone = new Principal(CITIZEN.subject(), "by phone");
        List<ComplaintEvent> questioned =
                concat(inProgress(), new QuestionAsked(ID, ACKNOWLEDGED_AT, OFFICER, AGENCY, "Where?"));
        record Pair(List<ComplaintEvent> history, ComplaintEvent own, ComplaintEvent recorded) {}
        List<Pair> pairs = List.of(
                new Pair(
                        onHold(),
                        new ClarificationProvided(ID, NOW, CITIZEN, "Jalan Bantan"),
                        new ClarificationProvided(ID, NOW, OPERATOR, "Jalan Bantan", byPhone)),
                new Pair(
                        questioned,
                        new QuestionAnswered(ID, NOW, CITIZEN, "North"),
                        new QuestionAnswered(ID, NOW, OPERATOR, "North", byPhone)),
                new Pair(
                        responded(),
                        new ComplainantAccepted(ID, NOW, CITIZEN, 3, "Slow"),
                        new ComplainantAccepted(ID, NOW, OPERATOR, 3, "Slow", byPhone)),
                new Pair(
                        responded(),
                        new ComplainantObjected(ID, NOW, CITIZEN, "Still broken"),
                        new ComplainantObjected(ID, NOW, OPERATOR, "Still broken", byPhone)),
                new Pair(
                        inProgress(),
                        new Escalated(ID, NOW, CITIZEN, EscalationCause.COMPLAINANT_APPEAL, "Nothing"),
                        new Escalated(ID, NOW, OPERATOR, EscalationCause.COMPLAINANT_APPEAL, "Nothing", byPhone)),
                new Pair(
                        inProgress(),
                        new Withdrawn(ID, NOW, CITIZEN, "Solved"),
                        new Withdrawn(ID, NOW, OPERATOR, "Solved", byPhone)));
        for (Pair pair : pairs) {
            assertThat(after(pair.history(), pair.recorded()))
                    .as("%s", pair.recorded().eventType().wireName())
                    .isEqualTo(after(pair.history(), pair.own()));
            assertThat(pair.recorded().principal()).isEqualTo(byPhone);
            assertThat(pair.own().principal()).isNull();
        }
    }
}
