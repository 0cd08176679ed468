package org.complaintledger.complaint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.complaintledger.complaint.ComplaintExamples.*;
import static org.complaintledger.complaint.DeciderSpecification.given;

import java.time.Instant;
import java.util.List;
import org.complaintledger.complaint.ComplaintCommand.RecordDeadlineMissed;
import org.complaintledger.complaint.ComplaintEvent.Archived;
import org.complaintledger.complaint.ComplaintEvent.ClarificationProvided;
import org.complaintledger.complaint.ComplaintEvent.Completed;
import org.complaintledger.complaint.ComplaintEvent.DeadlineMissed;
import org.complaintledger.complaint.ComplaintEvent.Escalated;
import org.complaintledger.complaint.ComplaintEvent.Redispatched;
import org.complaintledger.deadline.DeadlineKind;
import org.complaintledger.deadline.WorkingCalendar;
import org.junit.jupiter.api.Test;

class DeadlineMissedTest {

    /** The scheduler fires a minute after the due time. */
    static RecordDeadlineMissed missed(DeadlineKind kind, Instant dueAt) {
        return new RecordDeadlineMissed(ID, SYSTEM, dueAt.plusSeconds(60), kind, dueAt);
    }

    static DeadlineMissed deadlineMissed(DeadlineKind kind, Instant dueAt) {
        return new DeadlineMissed(ID, dueAt.plusSeconds(60), SYSTEM, kind, dueAt);
    }

    @Test
    void a_missed_verification_is_recorded_for_the_operator_queue_and_nothing_else() {
        given(filed())
                .when(missed(DeadlineKind.VERIFICATION, VERIFICATION_DUE))
                .then(deadlineMissed(DeadlineKind.VERIFICATION, VERIFICATION_DUE));
    }

    @Test
    void a_missed_redispatch_is_only_recorded() {
        given(awaitingRedispatch())
                .when(missed(DeadlineKind.REDISPATCH, REDISPATCH_DUE))
                .then(deadlineMissed(DeadlineKind.REDISPATCH, REDISPATCH_DUE));
    }

    @Test
    void a_first_missed_follow_up_re_arms_a_new_follow_up_deadline_on_the_same_policy() {
        // five working days from Wednesday 11 March 11:01, stepping over 18 to 24 March
        given(dispatched())
                .when(missed(DeadlineKind.FOLLOW_UP, FOLLOW_UP_DUE))
                .then(
                        deadlineMissed(DeadlineKind.FOLLOW_UP, FOLLOW_UP_DUE),
                        new ComplaintEvent.DeadlineSet(
                                ID,
                                FOLLOW_UP_DUE.plusSeconds(60),
                                SYSTEM,
                                DeadlineKind.FOLLOW_UP,
                                wib("2026-03-25T11:01"),
                                "lapor-default",
                                1,
                                "5wd",
                                WorkingCalendar.NATIONAL,
                                4));
    }

    @Test
    void the_re_armed_follow_up_missed_too_escalates_to_the_ombudsman() {
        Instant reArmed = wib("2026-03-25T11:01");
        List<ComplaintEvent> missedOnce = concat(
                inProgress(),
                deadlineMissed(DeadlineKind.FOLLOW_UP, FOLLOW_UP_DUE),
                new ComplaintEvent.DeadlineSet(
                        ID,
                        FOLLOW_UP_DUE.plusSeconds(60),
                        SYSTEM,
                        DeadlineKind.FOLLOW_UP,
                        reArmed,
                        "lapor-default",
                        1,
                        "5wd",
                        WorkingCalendar.NATIONAL,
                        4));
        given(missedOnce)
                .when(missed(DeadlineKind.FOLLOW_UP, reArmed))
                .then(
                        deadlineMissed(DeadlineKind.FOLLOW_UP, reArmed),
                        new Escalated(
                                ID,
                                reArmed.plusSeconds(60),
                                SYSTEM,
                                EscalationCause.FOLLOW_UP_MISSED_TWICE,
                                "The follow-up deadline was missed twice"));
    }

    @Test
    void a_second_missed_follow_up_on_the_same_complaint_escalates_to_the_ombudsman() {
        Instant secondDue = wib("2026-03-30T10:00");
        List<ComplaintEvent> missedOnceThenRedispatched = concat(
                dispatched(),
                deadlineMissed(DeadlineKind.FOLLOW_UP, FOLLOW_UP_DUE),
                new Redispatched(ID, NOW, OPERATOR, OTHER_AGENCY, null),
                deadlineSet(NOW, OPERATOR, DeadlineKind.FOLLOW_UP, secondDue, "5wd"));
        given(missedOnceThenRedispatched)
                .when(missed(DeadlineKind.FOLLOW_UP, secondDue))
                .then(
                        deadlineMissed(DeadlineKind.FOLLOW_UP, secondDue),
                        new Escalated(
                                ID,
                                secondDue.plusSeconds(60),
                                SYSTEM,
                                EscalationCause.FOLLOW_UP_MISSED_TWICE,
                                "The follow-up deadline was missed twice"));
    }

    @Test
    void an_unanswered_clarification_request_archives_the_complaint() {
        given(onHold())
                .when(missed(DeadlineKind.CLARIFICATION, CLARIFICATION_DUE))
                .then(
                        deadlineMissed(DeadlineKind.CLARIFICATION, CLARIFICATION_DUE),
                        new Archived(
                                ID, CLARIFICATION_DUE.plusSeconds(60), SYSTEM, ArchiveReason.NO_CLARIFICATION, null));
    }

    @Test
    void a_complainant_silent_for_the_whole_response_period_has_the_complaint_auto_closed() {
        given(responded())
                .when(missed(DeadlineKind.COMPLAINANT_RESPONSE, COMPLAINANT_RESPONSE_DUE))
                .then(
                        deadlineMissed(DeadlineKind.COMPLAINANT_RESPONSE, COMPLAINANT_RESPONSE_DUE),
                        new Completed(
                                ID, COMPLAINANT_RESPONSE_DUE.plusSeconds(60), SYSTEM, CompletionOutcome.AUTO_CLOSED));
    }

    @Test
    void an_open_complaint_past_its_sixty_days_is_escalated() {
        given(inProgress())
                .when(missed(DeadlineKind.RESOLUTION, RESOLUTION_DUE))
                .then(
                        deadlineMissed(DeadlineKind.RESOLUTION, RESOLUTION_DUE),
                        new Escalated(
                                ID,
                                RESOLUTION_DUE.plusSeconds(60),
                                SYSTEM,
                                EscalationCause.RESOLUTION_OVERDUE,
                                "The resolution deadline of P60D passed"));
    }

    @Test
    void an_escalated_complaint_past_its_sixty_days_records_the_miss_without_escalating_again() {
        given(escalated())
                .when(missed(DeadlineKind.RESOLUTION, RESOLUTION_DUE))
                .then(deadlineMissed(DeadlineKind.RESOLUTION, RESOLUTION_DUE));
    }

    @Test
    void deadlines_due_together_are_decided_in_order_in_one_command() {
        Instant firedAt = RESOLUTION_DUE.plusSeconds(60);
        var both = new ComplaintCommand.RecordDeadlinesMissed(
                ID,
                SYSTEM,
                firedAt,
                List.of(
                        new ComplaintCommand.RecordDeadlinesMissed.Due(DeadlineKind.FOLLOW_UP, FOLLOW_UP_DUE),
                        new ComplaintCommand.RecordDeadlinesMissed.Due(DeadlineKind.RESOLUTION, RESOLUTION_DUE)));
        // the missed follow-up re-arms (five working days after Friday 1 May) before the resolution miss escalates
        ComplaintEvent reArmed = new ComplaintEvent.DeadlineSet(
                ID,
                firedAt,
                SYSTEM,
                DeadlineKind.FOLLOW_UP,
                wib("2026-05-08T10:01"),
                "lapor-default",
                1,
                "5wd",
                WorkingCalendar.NATIONAL,
                4);
        given(dispatched())
                .when(both)
                .then(
                        new DeadlineMissed(ID, firedAt, SYSTEM, DeadlineKind.FOLLOW_UP, FOLLOW_UP_DUE),
                        reArmed,
                        new DeadlineMissed(ID, firedAt, SYSTEM, DeadlineKind.RESOLUTION, RESOLUTION_DUE),
                        new Escalated(
                                ID,
                                firedAt,
                                SYSTEM,
                                EscalationCause.RESOLUTION_OVERDUE,
                                "The resolution deadline of P60D passed"));
        given(concat(
                        dispatched(),
                        new DeadlineMissed(ID, firedAt, SYSTEM, DeadlineKind.FOLLOW_UP, FOLLOW_UP_DUE),
                        reArmed,
                        new DeadlineMissed(ID, firedAt, SYSTEM, DeadlineKind.RESOLUTION, RESOLUTION_DUE),
                        new Escalated(
                                ID,
                                firedAt,
                                SYSTEM,
                                EscalationCause.RESOLUTION_OVERDUE,
                                "The resolution deadline of P60D passed")))
                .when(both)
                .thenNothing();
    }

    @Test
    void a_deadline_fired_twice_decides_nothing_the_second_time() {
        given(concat(filed(), deadlineMissed(DeadlineKind.VERIFICATION, VERIFICATION_DUE)))
                .when(missed(DeadlineKind.VERIFICATION, VERIFICATION_DUE))
                .thenNothing();
    }

    @Test
    void a_deadline_already_satisfied_decides_nothing() {
        given(dispatched())
                .when(missed(DeadlineKind.VERIFICATION, VERIFICATION_DUE))
                .thenNothing();
    }

    @Test
    void a_deadline_replaced_by_a_later_one_decides_nothing_for_the_old_due_time() {
        Instant answeredAt = wib("2026-03-05T13:00");
        List<ComplaintEvent> answered = concat(
                onHold(),
                new ClarificationProvided(ID, answeredAt, CITIZEN, "Near the gate"),
                deadlineSet(answeredAt, CITIZEN, DeadlineKind.VERIFICATION, wib("2026-03-10T13:00"), "3wd"));
        given(answered)
                .when(missed(DeadlineKind.VERIFICATION, VERIFICATION_DUE))
                .thenNothing();
    }

    @Test
    void a_completed_complaint_has_no_deadlines_left_to_miss() {
        given(completed()).when(missed(DeadlineKind.RESOLUTION, RESOLUTION_DUE)).thenNothing();
    }

    @Test
    void a_deadline_can_be_recorded_as_missed_at_its_exact_due_time() {
        given(filed())
                .when(new RecordDeadlineMissed(
                        ID, SYSTEM, VERIFICATION_DUE, DeadlineKind.VERIFICATION, VERIFICATION_DUE))
                .then(new DeadlineMissed(ID, VERIFICATION_DUE, SYSTEM, DeadlineKind.VERIFICATION, VERIFICATION_DUE));
    }

    @Test
    void a_deadline_is_not_missed_before_it_is_due() {
        Rejection rejection = given(filed())
                .when(new RecordDeadlineMissed(
                        ID, SYSTEM, VERIFICATION_DUE.minusSeconds(1), DeadlineKind.VERIFICATION, VERIFICATION_DUE))
                .thenRejects("complaint.deadline-not-due");
        assertThat(rejection.kind()).isEqualTo(Rejection.Kind.CONFLICT);
    }

    @Test
    void only_the_system_records_a_missed_deadline() {
        given(filed())
                .when(new RecordDeadlineMissed(ID, OPERATOR, NOW, DeadlineKind.VERIFICATION, VERIFICATION_DUE))
                .thenRejects("complaint.role-not-allowed");
    }
}
