package org.complaintledger.complaint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.complaintledger.complaint.ComplaintExamples.*;
import static org.complaintledger.complaint.DeciderSpecification.given;

import java.util.List;
import org.complaintledger.complaint.ComplaintCommand.Accept;
import org.complaintledger.complaint.ComplaintCommand.Appeal;
import org.complaintledger.complaint.ComplaintCommand.ObjectToResponse;
import org.complaintledger.complaint.ComplaintCommand.Withdraw;
import org.complaintledger.complaint.ComplaintEvent.ComplainantAccepted;
import org.complaintledger.complaint.ComplaintEvent.ComplainantObjected;
import org.complaintledger.complaint.ComplaintEvent.Completed;
import org.complaintledger.complaint.ComplaintEvent.Escalated;
import org.complaintledger.complaint.ComplaintEvent.Withdrawn;
import org.complaintledger.deadline.DeadlineKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ComplainantResponseTest {

    // --- accept

    @Test
    void the_complainant_accepts_the_follow_up_with_a_rating_and_the_complaint_is_completed() {
        given(responded())
                .when(new Accept(ID, CITIZEN, NOW, 4, "Fixed, a bit slow"))
                .then(
                        new ComplainantAccepted(ID, NOW, CITIZEN, 4, "Fixed, a bit slow"),
                        new Completed(ID, NOW, CITIZEN, CompletionOutcome.ACCEPTED));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 6, -1})
    void a_rating_outside_one_to_five_is_invalid(int rating) {
        Rejection rejection = given(responded())
                .when(new Accept(ID, CITIZEN, NOW, rating, null))
                .thenRejects("complaint.invalid-rating");
        assertThat(rejection.kind()).isEqualTo(Rejection.Kind.INVALID);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 5})
    void ratings_one_and_five_are_accepted(int rating) {
        assertThat(given(responded())
                        .when(new Accept(ID, CITIZEN, NOW, rating, null))
                        .thenSummary()
                        .rating())
                .isEqualTo(rating);
    }

    @Test
    void only_the_complainant_accepts() {
        Rejection rejection = given(responded())
                .when(new Accept(ID, OTHER_CITIZEN, NOW, 5, null))
                .thenRejects("complaint.not-owner");
        assertThat(rejection.kind()).isEqualTo(Rejection.Kind.FORBIDDEN);
    }

    @Test
    void an_operator_cannot_accept_for_the_complainant() {
        given(responded()).when(new Accept(ID, OPERATOR, NOW, 5, null)).thenRejects("complaint.role-not-allowed");
    }

    @Test
    void nothing_can_be_accepted_before_a_follow_up() {
        given(inProgress()).when(new Accept(ID, CITIZEN, NOW, 5, null)).thenRejects("complaint.transition-not-allowed");
    }

    // --- object

    @Test
    void the_complainant_objects_and_the_agency_gets_a_new_follow_up_deadline() {
        given(responded())
                .when(new ObjectToResponse(ID, CITIZEN, NOW, "Still a hole"))
                .then(
                        new ComplainantObjected(ID, NOW, CITIZEN, "Still a hole"),
                        deadlineSet(NOW, CITIZEN, DeadlineKind.FOLLOW_UP, wib("2026-03-30T10:00"), "5wd"));
    }

    @Test
    void an_objection_reopens_the_complaint_and_counts_the_reopening() {
        var objection = given(responded()).when(new ObjectToResponse(ID, CITIZEN, NOW, "Still a hole"));
        assertThat(objection.thenState().status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(objection.thenSummary().reopenCount()).isEqualTo(1);
    }

    @Test
    void only_the_complainant_objects() {
        given(responded())
                .when(new ObjectToResponse(ID, OTHER_CITIZEN, NOW, "no"))
                .thenRejects("complaint.not-owner");
    }

    @Test
    void a_completed_complaint_cannot_be_objected_to() {
        given(completed())
                .when(new ObjectToResponse(ID, CITIZEN, NOW, "no"))
                .thenRejects("complaint.transition-not-allowed");
    }

    // --- appeal

    @Test
    void the_complainant_appeals_an_open_complaint_to_the_ombudsman() {
        given(inProgress())
                .when(new Appeal(ID, CITIZEN, NOW, "Nothing happens"))
                .then(new Escalated(ID, NOW, CITIZEN, EscalationCause.COMPLAINANT_APPEAL, "Nothing happens"));
    }

    @Test
    void a_completed_complaint_can_be_appealed_within_thirty_days() {
        // Completed on 10 March at 10:00: the thirtieth day ends on 9 April at 10:00.
        given(completed())
                .when(new Appeal(ID, CITIZEN, wib("2026-04-09T10:00"), "Broken again"))
                .then(new Escalated(
                        ID, wib("2026-04-09T10:00"), CITIZEN, EscalationCause.COMPLAINANT_APPEAL, "Broken again"));
    }

    @Test
    void an_appeal_after_thirty_days_is_too_late() {
        Rejection rejection = given(completed())
                .when(new Appeal(ID, CITIZEN, wib("2026-04-09T10:01"), "Broken again"))
                .thenRejects("complaint.appeal-window-closed");
        assertThat(rejection.kind()).isEqualTo(Rejection.Kind.CONFLICT);
    }

    @Test
    void an_archived_complaint_cannot_be_appealed() {
        given(archived()).when(new Appeal(ID, CITIZEN, NOW, "Please")).thenRejects("complaint.transition-not-allowed");
    }

    @Test
    void an_escalated_complaint_cannot_be_appealed_again() {
        given(escalated()).when(new Appeal(ID, CITIZEN, NOW, "Again")).thenRejects("complaint.transition-not-allowed");
    }

    @Test
    void only_the_complainant_appeals() {
        given(inProgress()).when(new Appeal(ID, OTHER_CITIZEN, NOW, "me too")).thenRejects("complaint.not-owner");
        given(inProgress()).when(new Appeal(ID, OPERATOR, NOW, "me too")).thenRejects("complaint.role-not-allowed");
    }

    // --- withdraw

    @Test
    void the_complainant_withdraws_a_complaint_in_progress() {
        given(inProgress())
                .when(new Withdraw(ID, CITIZEN, NOW, "Sorted out"))
                .then(new Withdrawn(ID, NOW, CITIZEN, "Sorted out"));
    }

    @Test
    void a_complaint_under_review_can_still_be_withdrawn() {
        given(underReview())
                .when(new Withdraw(ID, CITIZEN, NOW, "Sorted out"))
                .then(new Withdrawn(ID, NOW, CITIZEN, "Sorted out"));
    }

    @Test
    void a_complaint_in_a_terminal_status_cannot_be_withdrawn() {
        for (List<ComplaintEvent> terminal : List.of(completed(), archived(), withdrawn(), reviewed())) {
            given(terminal)
                    .when(new Withdraw(ID, CITIZEN, NOW, "late"))
                    .thenRejects("complaint.transition-not-allowed");
        }
    }

    @Test
    void only_the_complainant_withdraws() {
        given(filed()).when(new Withdraw(ID, OTHER_CITIZEN, NOW, "no")).thenRejects("complaint.not-owner");
        given(filed()).when(new Withdraw(ID, OPERATOR, NOW, "no")).thenRejects("complaint.role-not-allowed");
    }

    @Test
    void a_complaint_filed_for_someone_without_an_account_has_no_citizen_owner() {
        List<ComplaintEvent> walkIn = List.of(new ComplaintEvent.Submitted(
                ID,
                FILED_AT,
                OPERATOR,
                "LPR-WALK",
                ReportType.COMPLAINT,
                "HEALTH",
                Channel.WALK_IN,
                "t",
                "d",
                null,
                false,
                false,
                null,
                null,
                null));
        given(walkIn).when(new Withdraw(ID, CITIZEN, NOW, "mine?")).thenRejects("complaint.not-owner");
    }
}
