package org.complaintledger.complaint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.complaintledger.complaint.ComplaintExamples.*;
import static org.complaintledger.complaint.DeciderSpecification.given;

import java.time.LocalDate;
import org.complaintledger.complaint.ComplaintCommand.Acknowledge;
import org.complaintledger.complaint.ComplaintCommand.Decline;
import org.complaintledger.complaint.ComplaintCommand.PostFollowUp;
import org.complaintledger.complaint.ComplaintCommand.Redispatch;
import org.complaintledger.complaint.ComplaintEvent.Acknowledged;
import org.complaintledger.complaint.ComplaintEvent.DeclinedByAgency;
import org.complaintledger.complaint.ComplaintEvent.FollowUpPosted;
import org.complaintledger.complaint.ComplaintEvent.Redispatched;
import org.complaintledger.deadline.DeadlineKind;
import org.junit.jupiter.api.Test;

class AgencyFlowTest {

    // --- acknowledge

    @Test
    void the_officer_of_the_assigned_agency_acknowledges_a_dispatched_complaint() {
        given(dispatched()).when(new Acknowledge(ID, OFFICER, NOW)).then(new Acknowledged(ID, NOW, OFFICER, AGENCY));
    }

    @Test
    void an_officer_cannot_acknowledge_a_complaint_of_another_agency() {
        Rejection rejection = given(dispatched())
                .when(new Acknowledge(ID, OTHER_OFFICER, NOW))
                .thenRejects("complaint.not-assigned-agency");
        assertThat(rejection.kind()).isEqualTo(Rejection.Kind.FORBIDDEN);
    }

    @Test
    void an_operator_cannot_acknowledge_for_the_agency() {
        given(dispatched()).when(new Acknowledge(ID, OPERATOR, NOW)).thenRejects("complaint.role-not-allowed");
    }

    @Test
    void a_responded_complaint_cannot_be_acknowledged_again() {
        Rejection rejection = given(responded())
                .when(new Acknowledge(ID, OFFICER, NOW))
                .thenRejects("complaint.transition-not-allowed");
        assertThat(rejection).hasMessage("A complaint in status RESPONDED cannot be acknowledged");
        assertThat(rejection.kind()).isEqualTo(Rejection.Kind.CONFLICT);
    }

    @Test
    void no_officer_may_act_on_a_complaint_not_yet_dispatched() {
        given(filed()).when(new Acknowledge(ID, OFFICER, NOW)).thenRejects("complaint.not-assigned-agency");
    }

    // --- decline

    @Test
    void the_assigned_agency_declines_a_dispatched_complaint_and_the_redispatch_clock_starts() {
        given(dispatched())
                .when(new Decline(ID, OFFICER, NOW, "A provincial road", "dinas-pupr-provinsi"))
                .then(
                        new DeclinedByAgency(ID, NOW, OFFICER, AGENCY, "A provincial road", "dinas-pupr-provinsi"),
                        deadlineSet(NOW, OFFICER, DeadlineKind.REDISPATCH, wib("2026-03-17T10:00"), "1wd"));
    }

    @Test
    void the_assigned_agency_may_decline_after_acknowledging() {
        given(inProgress())
                .when(new Decline(ID, OFFICER, NOW, "Not ours after all", null))
                .then(
                        new DeclinedByAgency(ID, NOW, OFFICER, AGENCY, "Not ours after all", null),
                        deadlineSet(NOW, OFFICER, DeadlineKind.REDISPATCH, wib("2026-03-17T10:00"), "1wd"));
    }

    @Test
    void an_officer_cannot_decline_for_another_agency() {
        given(dispatched())
                .when(new Decline(ID, OTHER_OFFICER, NOW, "no", null))
                .thenRejects("complaint.not-assigned-agency");
    }

    @Test
    void a_declining_agency_no_longer_holds_the_complaint() {
        given(awaitingRedispatch())
                .when(new Acknowledge(ID, OFFICER, NOW))
                .thenRejects("complaint.not-assigned-agency");
    }

    @Test
    void a_complaint_already_answered_cannot_be_declined() {
        given(responded())
                .when(new Decline(ID, OFFICER, NOW, "no", null))
                .thenRejects("complaint.transition-not-allowed");
    }

    @Test
    void a_citizen_cannot_decline() {
        given(dispatched()).when(new Decline(ID, CITIZEN, NOW, "no", null)).thenRejects("complaint.role-not-allowed");
    }

    // --- re-dispatch

    @Test
    void the_operator_redispatches_a_declined_complaint_and_the_follow_up_clock_restarts() {
        given(awaitingRedispatch())
                .when(new Redispatch(ID, OPERATOR, NOW, "dinas-pupr-provinsi", "Provincial road"))
                .then(
                        new Redispatched(ID, NOW, OPERATOR, "dinas-pupr-provinsi", "Provincial road"),
                        deadlineSet(NOW, OPERATOR, DeadlineKind.FOLLOW_UP, wib("2026-03-30T10:00"), "5wd"));
    }

    @Test
    void the_operator_may_correct_a_dispatch_before_the_agency_declines() {
        given(dispatched())
                .when(new Redispatch(ID, OPERATOR, NOW, OTHER_AGENCY, "Wrong agency"))
                .then(
                        new Redispatched(ID, NOW, OPERATOR, OTHER_AGENCY, "Wrong agency"),
                        deadlineSet(NOW, OPERATOR, DeadlineKind.FOLLOW_UP, wib("2026-03-30T10:00"), "5wd"));
    }

    @Test
    void the_new_agency_acts_after_a_redispatch_and_the_old_one_does_not() {
        var redispatched = given(awaitingRedispatch())
                .when(new Redispatch(ID, OPERATOR, NOW, OTHER_AGENCY, null))
                .thenState();
        assertThat(redispatched.agencyId()).isEqualTo(OTHER_AGENCY);
        given(concat(awaitingRedispatch(), new Redispatched(ID, NOW, OPERATOR, OTHER_AGENCY, null)))
                .when(new Acknowledge(ID, OTHER_OFFICER, NOW))
                .then(new Acknowledged(ID, NOW, OTHER_OFFICER, OTHER_AGENCY));
        given(concat(awaitingRedispatch(), new Redispatched(ID, NOW, OPERATOR, OTHER_AGENCY, null)))
                .when(new Acknowledge(ID, OFFICER, NOW))
                .thenRejects("complaint.not-assigned-agency");
    }

    @Test
    void an_officer_cannot_redispatch() {
        given(awaitingRedispatch())
                .when(new Redispatch(ID, OFFICER, NOW, OTHER_AGENCY, null))
                .thenRejects("complaint.role-not-allowed");
    }

    @Test
    void a_complaint_in_progress_cannot_be_redispatched() {
        given(inProgress())
                .when(new Redispatch(ID, OPERATOR, NOW, OTHER_AGENCY, null))
                .thenRejects("complaint.transition-not-allowed");
    }

    // --- follow-up

    @Test
    void the_assigned_agency_posts_a_follow_up_and_the_complainant_response_clock_starts() {
        given(inProgress())
                .when(new PostFollowUp(ID, OFFICER, NOW, "Patched on 13 March", LocalDate.of(2026, 3, 13)))
                .then(
                        new FollowUpPosted(ID, NOW, OFFICER, AGENCY, "Patched on 13 March", LocalDate.of(2026, 3, 13)),
                        deadlineSet(NOW, OFFICER, DeadlineKind.COMPLAINANT_RESPONSE, wib("2026-04-06T10:00"), "10wd"));
    }

    @Test
    void an_officer_cannot_post_a_follow_up_for_another_agency() {
        given(inProgress())
                .when(new PostFollowUp(ID, OTHER_OFFICER, NOW, "Not our road", null))
                .thenRejects("complaint.not-assigned-agency");
    }

    @Test
    void a_follow_up_comes_after_the_acknowledgement() {
        given(dispatched())
                .when(new PostFollowUp(ID, OFFICER, NOW, "Done", null))
                .thenRejects("complaint.transition-not-allowed");
    }

    @Test
    void a_citizen_cannot_post_a_follow_up() {
        given(inProgress())
                .when(new PostFollowUp(ID, CITIZEN, NOW, "Done", null))
                .thenRejects("complaint.role-not-allowed");
    }
}
