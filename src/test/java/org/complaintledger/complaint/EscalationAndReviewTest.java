package org.complaintledger.complaint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.complaintledger.complaint.ComplaintExamples.*;
import static org.complaintledger.complaint.DeciderSpecification.given;

import java.util.List;
import org.complaintledger.complaint.ComplaintCommand.CloseReview;
import org.complaintledger.complaint.ComplaintCommand.Escalate;
import org.complaintledger.complaint.ComplaintCommand.OpenReview;
import org.complaintledger.complaint.ComplaintCommand.RecordFinding;
import org.complaintledger.complaint.ComplaintEvent.Escalated;
import org.complaintledger.complaint.ComplaintEvent.FindingRecorded;
import org.complaintledger.complaint.ComplaintEvent.ReviewClosed;
import org.complaintledger.complaint.ComplaintEvent.ReviewOpened;
import org.complaintledger.deadline.DeadlineKind;
import org.junit.jupiter.api.Test;

class EscalationAndReviewTest {

    // --- escalate

    @Test
    void the_operator_escalates_an_open_complaint_to_the_ombudsman() {
        given(inProgress())
                .when(new Escalate(ID, OPERATOR, NOW, "Agency unresponsive"))
                .then(new Escalated(ID, NOW, OPERATOR, EscalationCause.OPERATOR, "Agency unresponsive"));
    }

    @Test
    void even_a_complaint_awaiting_verification_can_be_escalated() {
        given(onHold())
                .when(new Escalate(ID, OPERATOR, NOW, "Serious"))
                .then(new Escalated(ID, NOW, OPERATOR, EscalationCause.OPERATOR, "Serious"));
    }

    @Test
    void a_completed_complaint_is_not_escalated_by_the_operator() {
        given(completed())
                .when(new Escalate(ID, OPERATOR, NOW, "late"))
                .thenRejects("complaint.transition-not-allowed");
    }

    @Test
    void an_escalated_complaint_is_not_escalated_twice() {
        given(escalated())
                .when(new Escalate(ID, OPERATOR, NOW, "again"))
                .thenRejects("complaint.transition-not-allowed");
    }

    @Test
    void a_citizen_escalates_by_appeal_not_by_escalation() {
        given(inProgress()).when(new Escalate(ID, CITIZEN, NOW, "hurry")).thenRejects("complaint.role-not-allowed");
    }

    // --- review

    @Test
    void the_ombudsman_opens_a_review_of_an_escalated_complaint() {
        given(escalated()).when(new OpenReview(ID, OMBUDSMAN, NOW)).then(new ReviewOpened(ID, NOW, OMBUDSMAN));
    }

    @Test
    void a_review_is_opened_only_on_escalation() {
        given(inProgress()).when(new OpenReview(ID, OMBUDSMAN, NOW)).thenRejects("complaint.transition-not-allowed");
    }

    @Test
    void only_the_ombudsman_opens_a_review() {
        given(escalated()).when(new OpenReview(ID, OPERATOR, NOW)).thenRejects("complaint.role-not-allowed");
        given(escalated()).when(new OpenReview(ID, AUDITOR, NOW)).thenRejects("complaint.role-not-allowed");
    }

    @Test
    void the_ombudsman_records_a_finding_of_maladministration_with_its_forms() {
        List<MaladministrationForm> forms =
                List.of(MaladministrationForm.UNDUE_DELAY, MaladministrationForm.FAILURE_TO_SERVE);
        given(underReview())
                .when(new RecordFinding(ID, OMBUDSMAN, NOW, true, forms, "Repair within a week"))
                .then(new FindingRecorded(ID, NOW, OMBUDSMAN, true, forms, "Repair within a week"));
    }

    @Test
    void the_ombudsman_records_that_there_was_no_maladministration() {
        given(underReview())
                .when(new RecordFinding(ID, OMBUDSMAN, NOW, false, List.of(), null))
                .then(new FindingRecorded(ID, NOW, OMBUDSMAN, false, List.of(), null));
    }

    @Test
    void maladministration_without_a_form_is_inconsistent() {
        Rejection rejection = given(underReview())
                .when(new RecordFinding(ID, OMBUDSMAN, NOW, true, List.of(), "?"))
                .thenRejects("complaint.finding-inconsistent");
        assertThat(rejection.kind()).isEqualTo(Rejection.Kind.INVALID);
    }

    @Test
    void no_maladministration_with_a_form_is_inconsistent() {
        given(underReview())
                .when(new RecordFinding(ID, OMBUDSMAN, NOW, false, List.of(MaladministrationForm.PARTIALITY), "?"))
                .thenRejects("complaint.finding-inconsistent");
    }

    @Test
    void a_finding_needs_an_open_review() {
        given(escalated())
                .when(new RecordFinding(ID, OMBUDSMAN, NOW, false, List.of(), null))
                .thenRejects("complaint.transition-not-allowed");
    }

    @Test
    void only_the_ombudsman_records_findings() {
        given(underReview())
                .when(new RecordFinding(ID, OPERATOR, NOW, false, List.of(), null))
                .thenRejects("complaint.role-not-allowed");
    }

    @Test
    void the_ombudsman_closes_a_review_that_has_a_finding() {
        given(withFinding())
                .when(new CloseReview(ID, OMBUDSMAN, NOW, "Recommendation sent to the regent"))
                .then(
                        new ReviewClosed(ID, NOW, OMBUDSMAN, "Recommendation sent to the regent"),
                        // the finding found maladministration: its recommendation goes back to the agency
                        new ComplaintEvent.RecommendationIssued(
                                ID, NOW, OMBUDSMAN, AGENCY, "Answer within five working days", wib("2026-04-15T10:00")),
                        deadlineSet(NOW, OMBUDSMAN, DeadlineKind.IMPLEMENTATION, wib("2026-04-15T10:00"), "P30D"));
    }

    @Test
    void a_review_without_a_finding_cannot_be_closed() {
        Rejection rejection = given(underReview())
                .when(new CloseReview(ID, OMBUDSMAN, NOW, "done"))
                .thenRejects("complaint.review-has-no-finding");
        assertThat(rejection.kind()).isEqualTo(Rejection.Kind.CONFLICT);
    }

    @Test
    void a_closed_review_cannot_be_closed_again() {
        given(reviewed())
                .when(new CloseReview(ID, OMBUDSMAN, NOW, "again"))
                .thenRejects("complaint.transition-not-allowed");
    }

    @Test
    void only_the_ombudsman_closes_a_review() {
        given(withFinding()).when(new CloseReview(ID, OPERATOR, NOW, "done")).thenRejects("complaint.role-not-allowed");
    }
}
