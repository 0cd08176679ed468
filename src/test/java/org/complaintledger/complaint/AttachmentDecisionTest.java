package org.complaintledger.complaint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.complaintledger.complaint.ComplaintExamples.*;
import static org.complaintledger.complaint.DeciderSpecification.given;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.complaintledger.complaint.ComplaintCommand.AddAttachment;
import org.complaintledger.complaint.ComplaintCommand.RedactAttachment;
import org.complaintledger.complaint.ComplaintEvent.AttachmentAdded;
import org.complaintledger.complaint.ComplaintEvent.AttachmentRedacted;
import org.junit.jupiter.api.Test;

class AttachmentDecisionTest {

    private static final UUID FILE = UUID.fromString("0b9d3f4e-7c1a-4d5e-9f00-0000000000f1");
    private static final String SHA = "ab".repeat(32);

    private static AddAttachment add(Actor actor, AttachmentAudience audience) {
        return new AddAttachment(ID, actor, NOW, FILE, SHA, 1234, "image/jpeg", audience, "v1.sealed", 20);
    }

    private static AttachmentAdded added(Actor actor, AttachmentAudience audience) {
        return new AttachmentAdded(ID, NOW, actor, FILE, SHA, 1234, "image/jpeg", audience, "v1.sealed");
    }

    @Test
    void the_complainants_own_files_are_public_by_default() {
        given(filed()).when(add(CITIZEN, null)).then(added(CITIZEN, AttachmentAudience.PUBLIC));
    }

    @Test
    void staff_files_are_internal_by_default_and_may_be_made_public() {
        given(filed()).when(add(OPERATOR, null)).then(added(OPERATOR, AttachmentAudience.INTERNAL));
        given(inProgress()).when(add(OFFICER, null)).then(added(OFFICER, AttachmentAudience.INTERNAL));
        given(inProgress())
                .when(add(OFFICER, AttachmentAudience.PUBLIC))
                .then(added(OFFICER, AttachmentAudience.PUBLIC));
    }

    @Test
    void another_citizen_may_not_attach_to_someone_elses_complaint() {
        given(filed()).when(add(OTHER_CITIZEN, null)).thenRejects("complaint.not-owner");
    }

    @Test
    void the_complainant_may_not_attach_once_the_complaint_is_closed() {
        given(completed()).when(add(CITIZEN, null)).thenRejects("complaint.transition-not-allowed");
        given(withdrawn()).when(add(CITIZEN, null)).thenRejects("complaint.transition-not-allowed");
    }

    @Test
    void an_officer_cannot_attach_to_a_complaint_of_another_agency() {
        given(inProgress()).when(add(OTHER_OFFICER, null)).thenRejects("complaint.not-assigned-agency");
        given(filed()).when(add(OFFICER, null)).thenRejects("complaint.not-assigned-agency");
    }

    @Test
    void the_ombudsman_and_the_auditor_do_not_attach() {
        for (Actor actor : List.of(OMBUDSMAN, AUDITOR)) {
            given(inProgress()).when(add(actor, null)).thenRejects("complaint.role-not-allowed");
        }
    }

    @Test
    void a_complaint_holds_at_most_the_configured_number_of_files_redacted_ones_included() {
        List<ComplaintEvent> history = new ArrayList<>(filed());
        for (int i = 0; i < 3; i++) {
            UUID id = new UUID(7, i);
            history.add(
                    new AttachmentAdded(ID, NOW, CITIZEN, id, SHA, 1, "image/png", AttachmentAudience.PUBLIC, null));
        }
        history.add(new AttachmentRedacted(ID, NOW, OPERATOR, new UUID(7, 0), "face"));
        Rejection rejection = given(history)
                .when(new AddAttachment(ID, CITIZEN, NOW, FILE, SHA, 1, "image/png", null, null, 3))
                .thenRejects("complaint.attachment-limit-reached");
        assertThat(rejection.kind()).isEqualTo(Rejection.Kind.TOO_LARGE);
    }

    @Test
    void the_same_attachment_id_is_not_recorded_twice() {
        given(concat(filed(), added(CITIZEN, AttachmentAudience.PUBLIC)))
                .when(add(OPERATOR, null))
                .thenRejects("complaint.attachment-exists");
    }

    @Test
    void only_the_operator_redacts_a_file_and_only_once() {
        List<ComplaintEvent> withFile = concat(inProgress(), added(CITIZEN, AttachmentAudience.PUBLIC));
        given(withFile)
                .when(new RedactAttachment(ID, OPERATOR, NOW, FILE, "shows a face"))
                .then(new AttachmentRedacted(ID, NOW, OPERATOR, FILE, "shows a face"));
        for (Actor actor : List.of(CITIZEN, OFFICER, OMBUDSMAN, AUDITOR)) {
            given(withFile)
                    .when(new RedactAttachment(ID, actor, NOW, FILE, "x"))
                    .thenRejects("complaint.role-not-allowed");
        }
        given(concat(withFile, new AttachmentRedacted(ID, NOW, OPERATOR, FILE, "shows a face")))
                .when(new RedactAttachment(ID, OPERATOR, NOW, FILE, "again"))
                .thenRejects("complaint.attachment-already-redacted");
        given(inProgress())
                .when(new RedactAttachment(ID, OPERATOR, NOW, FILE, "x"))
                .thenRejects("complaint.attachment-not-found");
    }

    @Test
    void evolve_keeps_a_redacted_file_on_record_marked_redacted() {
        Complaint state = Complaint.replay(
                ID,
                concat(
                        filed(),
                        added(CITIZEN, AttachmentAudience.PUBLIC),
                        new AttachmentRedacted(ID, NOW, OPERATOR, FILE, "face")));
        assertThat(state.attachments()).containsOnlyKeys(FILE);
        Complaint.Attachment file = state.attachments().get(FILE);
        assertThat(file.redacted()).isTrue();
        assertThat(file.sha256()).isEqualTo(SHA);
        assertThat(file.addedBy()).isEqualTo(CITIZEN);
        assertThat(file.audience()).isEqualTo(AttachmentAudience.PUBLIC);
    }
}
