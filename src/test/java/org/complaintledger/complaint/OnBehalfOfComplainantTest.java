package org.complaintledger.complaint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.complaintledger.complaint.ComplaintExamples.*;
import static org.complaintledger.complaint.DeciderSpecification.given;

import org.complaintledger.complaint.ComplaintCommand.Accept;
import org.complaintledger.complaint.ComplaintCommand.Appeal;
import org.complaintledger.complaint.ComplaintCommand.ObjectToResponse;
import org.complaintledger.complaint.ComplaintCommand.OnBehalf;
import org.complaintledger.complaint.ComplaintCommand.ProvideClarification;
import org.complaintledger.complaint.ComplaintCommand.Withdraw;
import org.complaintledger.complaint.ComplaintEvent.ComplainantAccepted;
import org.complaintledger.complaint.ComplaintEvent.ComplainantObjected;
import org.complaintledger.complaint.ComplaintEvent.Completed;
import org.complaintledger.complaint.ComplaintEvent.Escalated;
import org.complaintledger.complaint.ComplaintEvent.QuestionAnswered;
import org.complaintledger.complaint.ComplaintEvent.Withdrawn;
import org.complaintledger.deadline.DeadlineKind;
import org.junit.jupiter.api.Test;

/**
 * The operator records a complainant's own step for them (a complainant without an account who phones, writes or
 * comes to the desk): the operator is the actor, the complainant the principal, and the step is held to the
 * complainant's rules, not the operator's.
 */
class OnBehalfOfComplainantTest {

    static final OnBehalf BY_PHONE = new OnBehalf("by phone");
    static final Principal COMPLAINANT = new Principal(CITIZEN.subject(), "by phone");

    @Test
    void the_operator_records_the_complainants_acceptance_with_the_complainant_as_principal() {
        given(responded())
                .when(new Accept(ID, OPERATOR, NOW, 4, "Fixed", BY_PHONE))
                .then(
                        new ComplainantAccepted(ID, NOW, OPERATOR, 4, "Fixed", COMPLAINANT),
                        new Completed(ID, NOW, OPERATOR, CompletionOutcome.ACCEPTED));
    }

    @Test
    void the_operator_records_the_complainants_objection_and_the_agency_gets_a_new_follow_up_deadline() {
        given(responded())
                .when(new ObjectToResponse(ID, OPERATOR, NOW, "Still a hole", BY_PHONE))
                .then(
                        new ComplainantObjected(ID, NOW, OPERATOR, "Still a hole", COMPLAINANT),
                        deadlineSet(NOW, OPERATOR, DeadlineKind.FOLLOW_UP, wib("2026-03-30T10:00"), "5wd"));
    }

    @Test
    void the_operator_records_the_complainants_appeal_as_the_complainants_not_as_an_operator_escalation() {
        given(inProgress())
                .when(new Appeal(ID, OPERATOR, NOW, "Nothing happens", BY_PHONE))
                .then(new Escalated(
                        ID, NOW, OPERATOR, EscalationCause.COMPLAINANT_APPEAL, "Nothing happens", COMPLAINANT));
    }

    @Test
    void the_operator_records_the_complainants_withdrawal() {
        given(dispatched())
                .when(new Withdraw(ID, OPERATOR, NOW, "Solved by neighbours", new OnBehalf("at the desk")))
                .then(new Withdrawn(
                        ID, NOW, OPERATOR, "Solved by neighbours", new Principal(CITIZEN.subject(), "at the desk")));
    }

    @Test
    void the_operator_records_the_complainants_answer_to_the_operators_question() {
        var answer = given(onHold()).when(new ProvideClarification(ID, OPERATOR, NOW, "Near the harbour", BY_PHONE));
        Complaint state = answer.thenState();
        assertThat(state.status()).isEqualTo(Status.SUBMITTED);
        assertThat(state.deadlines()).containsKey(DeadlineKind.VERIFICATION);
        assertThat(answer.thenSummary().notes()).last().satisfies(note -> {
            assertThat(note.kind()).isEqualTo(ComplaintSummary.NoteKind.CLARIFICATION);
            assertThat(note.role())
                    .as("the answer is the complainant's words in the conversation")
                    .isEqualTo(Role.CITIZEN);
        });
    }

    @Test
    void the_operator_records_the_complainants_answer_to_the_agencys_question() {
        given(concat(inProgress(), new ComplaintEvent.QuestionAsked(ID, ACKNOWLEDGED_AT, OFFICER, AGENCY, "Where?")))
                .when(new ProvideClarification(ID, OPERATOR, NOW, "The north side", BY_PHONE))
                .then(new QuestionAnswered(ID, NOW, OPERATOR, "The north side", COMPLAINANT));
    }

    @Test
    void the_decided_events_are_the_complainants_own_but_for_who_recorded_them() {
        var own = given(responded()).when(new Accept(ID, CITIZEN, NOW, 5, null)).thenState();
        var recorded = given(responded())
                .when(new Accept(ID, OPERATOR, NOW, 5, null, BY_PHONE))
                .thenState();
        assertThat(recorded).isEqualTo(own);
    }

    // --- the complainant's rules hold for the step, whoever records it

    @Test
    void the_operator_cannot_accept_for_the_complainant_before_a_follow_up() {
        given(inProgress())
                .when(new Accept(ID, OPERATOR, NOW, 5, null, BY_PHONE))
                .thenRejects("complaint.transition-not-allowed");
    }

    @Test
    void a_rating_recorded_for_the_complainant_is_still_one_to_five() {
        given(responded())
                .when(new Accept(ID, OPERATOR, NOW, 6, null, BY_PHONE))
                .thenRejects("complaint.invalid-rating");
    }

    @Test
    void an_appeal_recorded_for_the_complainant_keeps_the_thirty_day_window() {
        given(completed())
                .when(new Appeal(ID, OPERATOR, wib("2026-04-09T10:01"), "Broken again", BY_PHONE))
                .thenRejects("complaint.appeal-window-closed");
    }

    @Test
    void a_withdrawn_complaint_cannot_be_withdrawn_for_the_complainant_again() {
        given(withdrawn())
                .when(new Withdraw(ID, OPERATOR, NOW, "Again", BY_PHONE))
                .thenRejects("complaint.transition-not-allowed");
    }

    // --- only the operator records for the complainant

    @Test
    void the_complainant_themselves_cannot_claim_to_act_on_their_own_behalf() {
        Rejection rejection = given(responded())
                .when(new Accept(ID, CITIZEN, NOW, 5, null, BY_PHONE))
                .thenRejects("complaint.role-not-allowed");
        assertThat(rejection.kind()).isEqualTo(Rejection.Kind.FORBIDDEN);
    }

    @Test
    void an_officer_cannot_object_on_the_complainants_behalf() {
        given(responded())
                .when(new ObjectToResponse(ID, OFFICER, NOW, "no", BY_PHONE))
                .thenRejects("complaint.role-not-allowed");
    }

    @Test
    void the_ombudsman_cannot_appeal_on_the_complainants_behalf() {
        given(inProgress())
                .when(new Appeal(ID, OMBUDSMAN, NOW, "no", BY_PHONE))
                .thenRejects("complaint.role-not-allowed");
    }

    @Test
    void an_auditor_cannot_withdraw_on_the_complainants_behalf() {
        given(dispatched())
                .when(new Withdraw(ID, AUDITOR, NOW, "no", BY_PHONE))
                .thenRejects("complaint.role-not-allowed");
    }

    @Test
    void without_on_behalf_the_operator_still_cannot_take_the_complainants_step() {
        given(responded()).when(new Accept(ID, OPERATOR, NOW, 5, null)).thenRejects("complaint.role-not-allowed");
    }
}
