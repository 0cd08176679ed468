package org.complaintledger.complaint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.complaintledger.complaint.ComplaintExamples.*;
import static org.complaintledger.complaint.DeciderSpecification.given;

import org.complaintledger.complaint.ComplaintCommand.AssignToUnit;
import org.complaintledger.complaint.ComplaintEvent.AssignedToUnit;
import org.complaintledger.complaint.ComplaintEvent.Redispatched;
import org.junit.jupiter.api.Test;

/** Disposition inside the agency: an officer of the assigned agency hands the complaint to one of its units. */
class AssignmentTest {

    private static final String UNIT = "pupr-bina-marga";

    @Test
    void the_officer_of_the_assigned_agency_assigns_a_dispatched_complaint_to_a_unit_and_an_officer() {
        given(dispatched())
                .when(new AssignToUnit(ID, OFFICER, NOW, UNIT, "Mohon dicek", "officer-7"))
                .then(new AssignedToUnit(ID, NOW, OFFICER, AGENCY, UNIT, "Mohon dicek", "officer-7"));
    }

    @Test
    void a_complaint_in_progress_may_be_handed_to_another_unit() {
        given(concat(inProgress(), new AssignedToUnit(ID, NOW, OFFICER, AGENCY, UNIT, null, null)))
                .when(new AssignToUnit(ID, OFFICER, NOW, "pupr-cipta-karya", null, null))
                .then(new AssignedToUnit(ID, NOW, OFFICER, AGENCY, "pupr-cipta-karya", null, null));
    }

    @Test
    void an_officer_cannot_assign_a_complaint_of_another_agency() {
        Rejection rejection = given(dispatched())
                .when(new AssignToUnit(ID, OTHER_OFFICER, NOW, UNIT, null, null))
                .thenRejects("complaint.not-assigned-agency");
        assertThat(rejection.kind()).isEqualTo(Rejection.Kind.FORBIDDEN);
    }

    @Test
    void an_operator_cannot_assign_inside_an_agency() {
        given(dispatched())
                .when(new AssignToUnit(ID, OPERATOR, NOW, UNIT, null, null))
                .thenRejects("complaint.role-not-allowed");
    }

    @Test
    void a_complaint_the_agency_has_answered_cannot_be_assigned() {
        Rejection rejection = given(responded())
                .when(new AssignToUnit(ID, OFFICER, NOW, UNIT, null, null))
                .thenRejects("complaint.transition-not-allowed");
        assertThat(rejection.kind()).isEqualTo(Rejection.Kind.CONFLICT);
    }

    @Test
    void the_same_assignment_twice_is_refused_rather_than_recorded_again() {
        given(concat(dispatched(), new AssignedToUnit(ID, NOW, OFFICER, AGENCY, UNIT, null, "officer-7")))
                .when(new AssignToUnit(ID, OFFICER, NOW, UNIT, "lagi", "officer-7"))
                .thenRejects("complaint.already-assigned-to-unit");
    }

    @Test
    void an_assignment_names_the_unit_in_the_state_and_a_redispatch_to_another_agency_clears_it() {
        Complaint assigned =
                state(concat(dispatched(), new AssignedToUnit(ID, NOW, OFFICER, AGENCY, UNIT, null, "officer-7")));
        assertThat(assigned.unitId()).isEqualTo(UNIT);
        assertThat(assigned.assignee()).isEqualTo("officer-7");
        Complaint moved = Complaint.evolve(assigned, new Redispatched(ID, NOW, OPERATOR, OTHER_AGENCY, "salah alamat"));
        assertThat(moved.unitId()).isNull();
        assertThat(moved.assignee()).isNull();
    }
}
