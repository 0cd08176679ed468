package org.complaintledger.complaint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.complaintledger.complaint.ComplaintExamples.*;
import static org.complaintledger.complaint.DeciderSpecification.given;

import org.complaintledger.complaint.ComplaintCommand.LinkAsDuplicate;
import org.complaintledger.complaint.ComplaintCommand.RemoveDuplicateLink;
import org.complaintledger.complaint.ComplaintEvent.Archived;
import org.complaintledger.complaint.ComplaintEvent.DuplicateLinkRemoved;
import org.complaintledger.complaint.ComplaintEvent.LinkedAsDuplicate;
import org.complaintledger.deadline.DeadlineKind;
import org.junit.jupiter.api.Test;

class DuplicateTest {

    @Test
    void the_operator_links_a_duplicate_and_it_is_archived_as_such() {
        given(filed())
                .when(new LinkAsDuplicate(ID, OPERATOR, NOW, ORIGINAL_ID))
                .then(
                        new LinkedAsDuplicate(ID, NOW, OPERATOR, ORIGINAL_ID),
                        new Archived(ID, NOW, OPERATOR, ArchiveReason.DUPLICATE, null));
    }

    @Test
    void a_complaint_on_hold_can_be_linked_as_a_duplicate() {
        given(onHold())
                .when(new LinkAsDuplicate(ID, OPERATOR, NOW, ORIGINAL_ID))
                .then(
                        new LinkedAsDuplicate(ID, NOW, OPERATOR, ORIGINAL_ID),
                        new Archived(ID, NOW, OPERATOR, ArchiveReason.DUPLICATE, null));
    }

    @Test
    void a_complaint_is_not_a_duplicate_of_itself() {
        Rejection rejection = given(filed())
                .when(new LinkAsDuplicate(ID, OPERATOR, NOW, ID))
                .thenRejects("complaint.duplicate-of-itself");
        assertThat(rejection.kind()).isEqualTo(Rejection.Kind.INVALID);
    }

    @Test
    void a_dispatched_complaint_is_no_longer_linked_as_a_duplicate() {
        given(dispatched())
                .when(new LinkAsDuplicate(ID, OPERATOR, NOW, ORIGINAL_ID))
                .thenRejects("complaint.transition-not-allowed");
    }

    @Test
    void only_the_operator_links_duplicates() {
        given(filed())
                .when(new LinkAsDuplicate(ID, CITIZEN, NOW, ORIGINAL_ID))
                .thenRejects("complaint.role-not-allowed");
    }

    @Test
    void removing_the_link_returns_the_complaint_to_verification_with_its_original_resolution_clock() {
        given(archivedAsDuplicate())
                .when(new RemoveDuplicateLink(ID, OPERATOR, NOW))
                .then(
                        new DuplicateLinkRemoved(ID, NOW, OPERATOR, ORIGINAL_ID),
                        deadlineSet(NOW, OPERATOR, DeadlineKind.VERIFICATION, wib("2026-03-26T10:00"), "3wd"),
                        deadlineSet(NOW, OPERATOR, DeadlineKind.RESOLUTION, RESOLUTION_DUE, "P60D"));
    }

    @Test
    void an_unlinked_complaint_is_submitted_again_and_not_archived() {
        Complaint state = given(archivedAsDuplicate())
                .when(new RemoveDuplicateLink(ID, OPERATOR, NOW))
                .thenState();
        assertThat(state.status()).isEqualTo(Status.SUBMITTED);
        assertThat(state.duplicateOf()).isNull();
    }

    @Test
    void a_complaint_that_is_not_a_duplicate_has_no_link_to_remove() {
        Rejection rejection = given(archived())
                .when(new RemoveDuplicateLink(ID, OPERATOR, NOW))
                .thenRejects("complaint.not-a-duplicate");
        assertThat(rejection.kind()).isEqualTo(Rejection.Kind.CONFLICT);
    }

    @Test
    void only_the_operator_removes_a_duplicate_link() {
        given(archivedAsDuplicate())
                .when(new RemoveDuplicateLink(ID, CITIZEN, NOW))
                .thenRejects("complaint.role-not-allowed");
    }
}
