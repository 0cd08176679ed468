package org.complaintledger.complaint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.complaintledger.complaint.ComplaintExamples.*;
import static org.complaintledger.complaint.DeciderSpecification.given;

import java.time.Instant;
import java.time.Period;
import java.util.EnumMap;
import java.util.List;
import org.complaintledger.complaint.ComplaintCommand.CloseReview;
import org.complaintledger.complaint.ComplaintCommand.RecordDeadlineMissed;
import org.complaintledger.complaint.ComplaintCommand.ReportImplementation;
import org.complaintledger.complaint.ComplaintEvent.DeadlineMissed;
import org.complaintledger.complaint.ComplaintEvent.FindingRecorded;
import org.complaintledger.complaint.ComplaintEvent.ImplementationReported;
import org.complaintledger.complaint.ComplaintEvent.RecommendationIssued;
import org.complaintledger.complaint.ComplaintEvent.ReviewClosed;
import org.complaintledger.deadline.DeadlineKind;
import org.complaintledger.deadline.DeadlinePolicy;
import org.complaintledger.deadline.DeadlineRule;
import org.junit.jupiter.api.Test;

/** Issue 14: the Ombudsman's recommendation goes back to the agency, which reports how it carried it out. */
class RecommendationTest {

    static final ReviewClosed CLOSED = new ReviewClosed(ID, NOW, OMBUDSMAN, "Maladministration found");

    /** Thirty calendar days after NOW, in Bengkalis. */
    static final Instant IMPLEMENTATION_DUE = wib("2026-04-15T10:00");

    static final RecommendationIssued ISSUED =
            new RecommendationIssued(ID, NOW, OMBUDSMAN, AGENCY, "Answer within five working days", IMPLEMENTATION_DUE);

    /** The review closed with a recommendation, and its implementation deadline running. */
    static List<ComplaintEvent> recommended() {
        return concat(
                withFinding(),
                CLOSED,
                ISSUED,
                deadlineSet(NOW, OMBUDSMAN, DeadlineKind.IMPLEMENTATION, IMPLEMENTATION_DUE, "P30D"));
    }

    static List<ComplaintEvent> implementationMissed() {
        return concat(
                recommended(),
                new DeadlineMissed(ID, IMPLEMENTATION_DUE, SYSTEM, DeadlineKind.IMPLEMENTATION, IMPLEMENTATION_DUE));
    }

    @Test
    void
            a_review_that_found_maladministration_sends_its_recommendation_to_the_agency_with_an_implementation_deadline() {
        given(withFinding())
                .when(new CloseReview(ID, OMBUDSMAN, NOW, "Maladministration found"))
                .then(
                        CLOSED,
                        ISSUED,
                        deadlineSet(NOW, OMBUDSMAN, DeadlineKind.IMPLEMENTATION, IMPLEMENTATION_DUE, "P30D"));
    }

    @Test
    void the_implementation_period_is_the_policys_rule() {
        EnumMap<DeadlineKind, DeadlineRule> rules = new EnumMap<>(POLICY.rules());
        rules.put(DeadlineKind.IMPLEMENTATION, new DeadlineRule.Elapsed(Period.ofDays(14)));
        DeadlinePolicy shorter = new DeadlinePolicy("lapor-default", 1, rules, CALENDAR);
        List<ComplaintEvent> decided = given(withFinding())
                .withPolicy(shorter)
                .when(new CloseReview(ID, OMBUDSMAN, NOW, "Maladministration found"))
                .thenEvents();
        assertThat(((RecommendationIssued) decided.get(1)).implementationDueAt())
                .isEqualTo(wib("2026-03-30T10:00"));
        assertThat(decided.get(2))
                .isEqualTo(deadlineSet(NOW, OMBUDSMAN, DeadlineKind.IMPLEMENTATION, wib("2026-03-30T10:00"), "P14D"));
    }

    @Test
    void a_missed_implementation_deadline_is_recorded_and_the_complaint_stays_reviewed() {
        given(recommended())
                .when(new RecordDeadlineMissed(
                        ID, SYSTEM, IMPLEMENTATION_DUE.plusSeconds(1), DeadlineKind.IMPLEMENTATION, IMPLEMENTATION_DUE))
                .then(new DeadlineMissed(
                        ID,
                        IMPLEMENTATION_DUE.plusSeconds(1),
                        SYSTEM,
                        DeadlineKind.IMPLEMENTATION,
                        IMPLEMENTATION_DUE));
        Complaint late = Complaint.replay(ID, implementationMissed());
        assertThat(late.status()).isEqualTo(Status.REVIEWED);
        assertThat(late.deadlines()).doesNotContainKey(DeadlineKind.IMPLEMENTATION);
    }

    @Test
    void a_missed_implementation_deadline_is_recorded_once() {
        given(implementationMissed())
                .when(new RecordDeadlineMissed(
                        ID, SYSTEM, IMPLEMENTATION_DUE.plusSeconds(5), DeadlineKind.IMPLEMENTATION, IMPLEMENTATION_DUE))
                .thenNothing();
    }

    @Test
    void a_late_report_is_taken_and_ends_the_overdue_state() {
        given(implementationMissed())
                .when(new ReportImplementation(ID, OFFICER, IMPLEMENTATION_DUE.plusSeconds(60), "Done, late"))
                .then(new ImplementationReported(
                        ID, IMPLEMENTATION_DUE.plusSeconds(60), OFFICER, AGENCY, "Done, late"));
        ComplaintSummary late = ComplaintSummary.replay(ID, implementationMissed());
        assertThat(late.overdue()).containsKey(DeadlineKind.IMPLEMENTATION);
        assertThat(late.awaitsImplementation()).isTrue();
        ComplaintSummary reported = ComplaintSummary.evolve(
                late, new ImplementationReported(ID, IMPLEMENTATION_DUE.plusSeconds(60), OFFICER, AGENCY, "Done"));
        assertThat(reported.hasOverdueDeadline()).isFalse();
        assertThat(reported.awaitsImplementation()).isFalse();
    }

    @Test
    void a_report_in_time_stops_the_implementation_deadline() {
        Complaint reported = given(recommended())
                .when(new ReportImplementation(ID, OFFICER, NOW.plusSeconds(3600), "Done"))
                .thenState();
        assertThat(reported.deadlines()).doesNotContainKey(DeadlineKind.IMPLEMENTATION);
        ComplaintSummary summary = given(recommended())
                .when(new ReportImplementation(ID, OFFICER, NOW.plusSeconds(3600), "Done"))
                .thenSummary();
        assertThat(summary.deadlines()).doesNotContainKey(DeadlineKind.IMPLEMENTATION);
        assertThat(org.complaintledger.view.ComplaintViewProjector.dueAt(summary))
                .as("off the agency's queue")
                .isNull();
    }

    @Test
    void the_read_model_keeps_a_reviewed_complaint_on_the_agency_queue_by_its_implementation_deadline() {
        ComplaintSummary awaiting = ComplaintSummary.replay(ID, recommended());
        assertThat(awaiting.status()).isEqualTo(Status.REVIEWED);
        assertThat(awaiting.awaitsImplementation()).isTrue();
        assertThat(awaiting.deadlines()).containsKey(DeadlineKind.IMPLEMENTATION);
        assertThat(org.complaintledger.view.ComplaintViewProjector.dueAt(awaiting))
                .isEqualTo(IMPLEMENTATION_DUE);
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
