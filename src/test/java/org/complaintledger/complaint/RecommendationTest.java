package org.complaintledger.complaint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.complaintledger.complaint.ComplaintExamples.*;
import static org.complaintledger.complaint.DeciderSpecification.given;

import java.util.List;
import org.complaintledger.complaint.ComplaintCommand.CloseReview;
import org.complaintledger.complaint.ComplaintCommand.ReportImplementation;
import org.complaintledger.complaint.ComplaintEvent.FindingRecorded;
import org.complaintledger.complaint.ComplaintEvent.ImplementationReported;
import org.complaintledger.complaint.ComplaintEvent.RecommendationIssued;
import org.complaintledger.complaint.ComplaintEvent.ReviewClosed;
import org.junit.jupiter.api.Test;

/** Issue 14: the Ombudsman's recommendation goes back to the agency, which reports how it carried it out. */
class RecommendationTest {

    static final ReviewClosed CLOSED = new ReviewClosed(ID, NOW, OMBUDSMAN, "Maladministration found");

    @Test
    void a_review_that_found_maladministration_sends_its_recommendation_to_the_agency_due_in_thirty_days() {
        given(withFinding())
                .when(new CloseReview(ID, OMBUDSMAN, NOW, "Maladministration found"))
                .then(
                        CLOSED,
                        new RecommendationIssued(
                                ID,
                                NOW,
                                OMBUDSMAN,
                                AGENCY,
                                "Answer within five working days",
                                wib("2026-04-15T10:00")));
    }

    @Test
    void the_latest_finding_of_maladministration_gives_the_recommendation() {
        List<ComplaintEvent> twoFindings = concat(
                withFinding(),
                new FindingRecorded(
                        ID, NOW, OMBUDSMAN, true, List.of(MaladministrationForm.INCOMPETENCE), "Train the desk staff"),
                new FindingRecorded(ID, NOW, OMBUDSMAN, false, List.of(), "No further remark"));
        assertThat(given(twoFindings)
                        .when(new CloseReview(ID, OMBUDSMAN, NOW, "done"))
                        .thenState()
                        .recommendation()
                        .text())
                .isEqualTo("Train the desk staff");
    }

    @Test
    void a_review_that_found_no_maladministration_sends_nothing_to_implement() {
        List<ComplaintEvent> cleared = concat(
                underReview(), new FindingRecorded(ID, FINDING_AT, OMBUDSMAN, false, List.of(), "Handled properly"));
        given(cleared)
                .when(new CloseReview(ID, OMBUDSMAN, NOW, "No maladministration"))
                .then(new ReviewClosed(ID, NOW, OMBUDSMAN, "No maladministration"));
    }

    @Test
    void the_agency_reports_the_implementation_once() {
        List<ComplaintEvent> recommended = concat(
                reviewed(),
                new RecommendationIssued(
                        ID, FINDING_AT, OMBUDSMAN, AGENCY, "Answer within five working days", wib("2026-04-15T10:00")));
        given(recommended)
                .when(new ReportImplementation(ID, OFFICER, NOW, "A duty roster answers within five days"))
                .then(new ImplementationReported(ID, NOW, OFFICER, AGENCY, "A duty roster answers within five days"));
        Complaint reported = given(recommended)
                .when(new ReportImplementation(ID, OFFICER, NOW, "Done"))
                .thenState();
        assertThat(reported.recommendation().reportedAt()).isEqualTo(NOW);
        assertThat(reported.status()).isEqualTo(Status.REVIEWED);
        given(concat(recommended, new ImplementationReported(ID, NOW, OFFICER, AGENCY, "Done")))
                .when(new ReportImplementation(ID, OFFICER, NOW, "Again"))
                .thenRejects("complaint.no-recommendation-pending");
    }

    @Test
    void only_an_officer_of_the_agency_the_recommendation_went_to_reports_it() {
        List<ComplaintEvent> recommended = concat(
                reviewed(),
                new RecommendationIssued(
                        ID, FINDING_AT, OMBUDSMAN, AGENCY, "Answer within five working days", wib("2026-04-15T10:00")));
        given(recommended)
                .when(new ReportImplementation(ID, OTHER_OFFICER, NOW, "Done"))
                .thenRejects("complaint.not-assigned-agency");
        given(recommended)
                .when(new ReportImplementation(ID, OPERATOR, NOW, "Done"))
                .thenRejects("complaint.role-not-allowed");
    }

    @Test
    void without_a_recommendation_there_is_nothing_to_report() {
        given(reviewed())
                .when(new ReportImplementation(ID, OFFICER, NOW, "Done"))
                .thenRejects("complaint.no-recommendation-pending");
    }

    @Test
    void recommendation_issued_and_implementation_reported_evolve_the_state() {
        Complaint issued = Complaint.evolve(
                state(reviewed()),
                new RecommendationIssued(ID, NOW, OMBUDSMAN, AGENCY, "Fix it", wib("2026-04-15T10:00")));
        assertThat(issued.recommendation())
                .isEqualTo(new Complaint.Recommendation(AGENCY, "Fix it", wib("2026-04-15T10:00"), null));
        Complaint reported = Complaint.evolve(issued, new ImplementationReported(ID, NOW, OFFICER, AGENCY, "Fixed"));
        assertThat(reported.recommendation().reportedAt()).isEqualTo(NOW);
    }

    @Test
    void the_read_model_shows_the_recommendation_and_its_implementation_as_public_notes() {
        ComplaintSummary issued = ComplaintSummary.evolve(
                ComplaintSummary.replay(ID, reviewed()),
                new RecommendationIssued(ID, NOW, OMBUDSMAN, AGENCY, "Fix it", wib("2026-04-15T10:00")));
        assertThat(issued.recommendation().dueAt()).isEqualTo(wib("2026-04-15T10:00"));
        assertThat(issued.notes().getLast().kind()).isEqualTo(ComplaintSummary.NoteKind.RECOMMENDATION);
        ComplaintSummary reported =
                ComplaintSummary.evolve(issued, new ImplementationReported(ID, NOW, OFFICER, AGENCY, "Fixed"));
        assertThat(reported.recommendation().reportedAt()).isEqualTo(NOW);
        assertThat(reported.notes().getLast().kind()).isEqualTo(ComplaintSummary.NoteKind.IMPLEMENTATION);
        assertThat(reported.notes().getLast().audience()).isEqualTo(Audience.PUBLIC);
    }
}
