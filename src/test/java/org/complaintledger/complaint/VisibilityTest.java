package org.complaintledger.complaint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.complaintledger.complaint.ComplaintExamples.*;
import static org.complaintledger.complaint.DeciderSpecification.given;

import java.util.List;
import org.complaintledger.complaint.ComplaintCommand.ChangeVisibility;
import org.complaintledger.complaint.ComplaintEvent.VisibilityChanged;
import org.junit.jupiter.api.Test;

class VisibilityTest {

    static List<ComplaintEvent> anonymousAndConfidential() {
        return concat(filed(), new VisibilityChanged(ID, HELD_AT, OPERATOR, true, true, "Names a staff member"));
    }

    @Test
    void the_operator_makes_a_complaint_anonymous_during_verification() {
        given(filed())
                .when(new ChangeVisibility(ID, OPERATOR, NOW, true, false, "Names a neighbour"))
                .then(new VisibilityChanged(ID, NOW, OPERATOR, true, false, "Names a neighbour"));
    }

    @Test
    void the_operator_tightens_one_flag_and_keeps_the_other() {
        List<ComplaintEvent> anonymous =
                concat(filed(), new VisibilityChanged(ID, HELD_AT, CITIZEN, true, false, null));
        given(anonymous)
                .when(new ChangeVisibility(ID, OPERATOR, NOW, true, true, "Extortion report"))
                .then(new VisibilityChanged(ID, NOW, OPERATOR, true, true, "Extortion report"));
    }

    @Test
    void the_operator_cannot_make_a_complaint_less_private() {
        Rejection rejection = given(anonymousAndConfidential())
                .when(new ChangeVisibility(ID, OPERATOR, NOW, true, false, "oops"))
                .thenRejects("complaint.visibility-loosening-not-allowed");
        assertThat(rejection.kind()).isEqualTo(Rejection.Kind.FORBIDDEN);
    }

    @Test
    void the_operator_cannot_swap_one_flag_for_the_other() {
        List<ComplaintEvent> anonymous =
                concat(filed(), new VisibilityChanged(ID, HELD_AT, CITIZEN, true, false, null));
        given(anonymous)
                .when(new ChangeVisibility(ID, OPERATOR, NOW, false, true, "swap"))
                .thenRejects("complaint.visibility-loosening-not-allowed");
    }

    @Test
    void a_change_that_changes_nothing_is_refused() {
        Rejection rejection = given(filed())
                .when(new ChangeVisibility(ID, OPERATOR, NOW, false, false, "no-op"))
                .thenRejects("complaint.visibility-unchanged");
        assertThat(rejection.kind()).isEqualTo(Rejection.Kind.CONFLICT);
    }

    @Test
    void the_complainant_cannot_make_their_own_complaint_public_again() {
        Rejection rejection = given(anonymousAndConfidential())
                .when(new ChangeVisibility(ID, CITIZEN, NOW, false, false, "I want it seen"))
                .thenRejects("complaint.visibility-loosening-not-allowed");
        assertThat(rejection.kind()).isEqualTo(Rejection.Kind.FORBIDDEN);
    }

    @Test
    void the_complainant_cannot_loosen_one_flag_while_tightening_the_other() {
        List<ComplaintEvent> anonymous =
                concat(filed(), new VisibilityChanged(ID, HELD_AT, CITIZEN, true, false, null));
        given(anonymous)
                .when(new ChangeVisibility(ID, CITIZEN, NOW, false, true, "swap"))
                .thenRejects("complaint.visibility-loosening-not-allowed");
    }

    @Test
    void once_both_flags_are_set_no_one_can_change_the_visibility_again() {
        for (Actor actor : List.of(CITIZEN, OPERATOR)) {
            given(anonymousAndConfidential())
                    .when(new ChangeVisibility(ID, actor, NOW, true, true, "again"))
                    .thenRejects("complaint.visibility-unchanged");
        }
    }

    @Test
    void the_complainant_may_make_their_own_complaint_more_private() {
        given(filed())
                .when(new ChangeVisibility(ID, CITIZEN, NOW, false, true, "Afraid"))
                .then(new VisibilityChanged(ID, NOW, CITIZEN, false, true, "Afraid"));
    }

    @Test
    void another_citizen_cannot_change_the_visibility() {
        given(filed())
                .when(new ChangeVisibility(ID, OTHER_CITIZEN, NOW, true, true, "hide"))
                .thenRejects("complaint.not-owner");
    }

    @Test
    void an_agency_officer_cannot_change_the_visibility() {
        given(dispatched())
                .when(new ChangeVisibility(ID, OFFICER, NOW, true, true, "hide"))
                .thenRejects("complaint.role-not-allowed");
    }

    @Test
    void visibility_can_be_tightened_even_after_completion_because_exposure_harms_whenever_it_happens() {
        given(completed())
                .when(new ChangeVisibility(ID, OPERATOR, NOW, true, false, "Late catch"))
                .then(new VisibilityChanged(ID, NOW, OPERATOR, true, false, "Late catch"));
    }
}
