package org.complaintledger.complaint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.complaintledger.complaint.ComplaintExamples.*;
import static org.complaintledger.complaint.DeciderSpecification.given;

import java.util.List;
import org.complaintledger.complaint.ComplaintCommand.Appeal;
import org.complaintledger.complaint.ComplaintCommand.Close;
import org.complaintledger.complaint.ComplaintEvent.ClosedByOperator;
import org.complaintledger.complaint.ComplaintEvent.Escalated;
import org.junit.jupiter.api.Test;

/** DOMAIN.md's "close": the operator ends the agency flow with an outcome, once an agency has the complaint. */
class OperatorCloseTest {

    @Test
    void the_operator_closes_a_complaint_in_progress_with_an_outcome() {
        given(inProgress())
                .when(new Close(ID, OPERATOR, NOW, ClosureOutcome.RESOLVED, "Patched; photos attached"))
                .then(new ClosedByOperator(ID, NOW, OPERATOR, ClosureOutcome.RESOLVED, "Patched; photos attached"));
    }

    @Test
    void the_operator_closes_a_dispatched_an_answered_or_a_declined_complaint_too() {
        for (List<ComplaintEvent> history : List.of(dispatched(), responded(), awaitingRedispatch())) {
            Complaint closed = given(history)
                    .when(new Close(ID, OPERATOR, NOW, ClosureOutcome.NOT_RESOLVED, "Outside any agency's power"))
                    .thenState();
            assertThat(closed.status()).isEqualTo(Status.COMPLETED);
            assertThat(closed.deadlines()).isEmpty();
        }
    }

    @Test
    void a_complaint_no_agency_has_had_is_archived_not_closed() {
        given(filed())
                .when(new Close(ID, OPERATOR, NOW, ClosureOutcome.RESOLVED, "Done"))
                .thenRejects("complaint.transition-not-allowed");
        given(onHold())
                .when(new Close(ID, OPERATOR, NOW, ClosureOutcome.RESOLVED, "Done"))
                .thenRejects("complaint.transition-not-allowed");
    }

    @Test
    void a_complaint_with_the_ombudsman_or_already_ended_cannot_be_closed_by_the_operator() {
        for (List<ComplaintEvent> history : List.of(escalated(), underReview(), completed(), withdrawn())) {
            given(history)
                    .when(new Close(ID, OPERATOR, NOW, ClosureOutcome.RESOLVED, "Done"))
                    .thenRejects("complaint.transition-not-allowed");
        }
    }

    @Test
    void only_the_operator_closes() {
        for (Actor actor : List.of(CITIZEN, OFFICER, OMBUDSMAN, AUDITOR)) {
            given(inProgress())
                    .when(new Close(ID, actor, NOW, ClosureOutcome.RESOLVED, "Done"))
                    .thenRejects("complaint.role-not-allowed");
        }
    }

    @Test
    void the_complainant_may_appeal_a_closed_complaint_within_thirty_days() {
        List<ComplaintEvent> closed =
                concat(inProgress(), new ClosedByOperator(ID, COMPLETED_AT, OPERATOR, ClosureOutcome.RESOLVED, "Done"));
        given(closed)
                .when(new Appeal(ID, CITIZEN, NOW, "It is not done"))
                .then(new Escalated(ID, NOW, CITIZEN, EscalationCause.COMPLAINANT_APPEAL, "It is not done"));
        given(closed)
                .when(new Appeal(ID, CITIZEN, COMPLETED_AT.plus(java.time.Duration.ofDays(31)), "Late"))
                .thenRejects("complaint.appeal-window-closed");
    }
}
