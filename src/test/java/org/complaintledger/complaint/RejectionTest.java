package org.complaintledger.complaint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.complaintledger.complaint.ComplaintExamples.*;
import static org.complaintledger.complaint.DeciderSpecification.given;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.complaintledger.complaint.ComplaintCommand.*;
import org.complaintledger.complaint.Rejection.Kind;
import org.complaintledger.deadline.DeadlineKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RejectionTest {

    static Stream<ComplaintCommand> everyCommandButSubmit() {
        return Stream.of(
                new RequestClarification(ID, OPERATOR, NOW, "?"),
                new ProvideClarification(ID, CITIZEN, NOW, "!"),
                new Dispatch(ID, OPERATOR, NOW, AGENCY, null, null, null),
                new Archive(ID, OPERATOR, NOW, ArchiveReason.OTHER, null),
                new ChangeVisibility(ID, OPERATOR, NOW, true, true, null),
                new Acknowledge(ID, OFFICER, NOW),
                new AssignToUnit(ID, OFFICER, NOW, "pupr-bina-marga", null, null),
                new Decline(ID, OFFICER, NOW, "no", null),
                new Redispatch(ID, OPERATOR, NOW, AGENCY, null),
                new PostFollowUp(ID, OFFICER, NOW, "done", null),
                new Accept(ID, CITIZEN, NOW, 5, null),
                new ObjectToResponse(ID, CITIZEN, NOW, "no"),
                new Appeal(ID, CITIZEN, NOW, "help"),
                new Escalate(ID, OPERATOR, NOW, "help"),
                new Withdraw(ID, CITIZEN, NOW, "bye"),
                new OpenReview(ID, OMBUDSMAN, NOW),
                new RecordFinding(ID, OMBUDSMAN, NOW, false, List.of(), null),
                new CloseReview(ID, OMBUDSMAN, NOW, "done"),
                new LinkAsDuplicate(ID, OPERATOR, NOW, ORIGINAL_ID),
                new RemoveDuplicateLink(ID, OPERATOR, NOW),
                new RecordDeadlineMissed(ID, SYSTEM, NOW, DeadlineKind.VERIFICATION, VERIFICATION_DUE),
                new ComplaintCommand.RecordDeadlinesMissed(
                        ID,
                        SYSTEM,
                        NOW,
                        List.of(new ComplaintCommand.RecordDeadlinesMissed.Due(
                                DeadlineKind.VERIFICATION, VERIFICATION_DUE))),
                new ComplaintCommand.ErasePersonalData(ID, CITIZEN, NOW, null),
                new ComplaintCommand.PostMessage(ID, CITIZEN, NOW, "hi", Audience.PUBLIC),
                new ComplaintCommand.AskQuestion(ID, OFFICER, NOW, "?"),
                new ComplaintCommand.PostProgress(ID, OFFICER, NOW, "soon"),
                new ComplaintCommand.RequestExtension(ID, OFFICER, NOW, EXTENSION_ID, 5, "more"),
                new ComplaintCommand.DecideExtension(ID, OPERATOR, NOW, EXTENSION_ID, true, null),
                new AddAttachment(ID, CITIZEN, NOW, ORIGINAL_ID, "0".repeat(64), 1, "image/png", null, null, 20),
                new RedactAttachment(ID, OPERATOR, NOW, ORIGINAL_ID, "face"),
                new Close(ID, OPERATOR, NOW, ClosureOutcome.RESOLVED, "done"),
                new ComplaintCommand.ReportImplementation(ID, OFFICER, NOW, "done"));
    }

    @ParameterizedTest
    @MethodSource("everyCommandButSubmit")
    void every_command_but_submit_on_an_unknown_complaint_is_not_found(ComplaintCommand command) {
        Rejection rejection = given().when(command).thenRejects("complaint.not-found");
        assertThat(rejection.kind()).isEqualTo(Kind.NOT_FOUND);
    }

    @Test
    void the_list_of_commands_above_covers_every_command_but_submit() {
        assertThat(everyCommandButSubmit().map(Object::getClass).distinct().count())
                .isEqualTo(ComplaintCommand.class.getPermittedSubclasses().length - 1);
    }

    @Test
    void every_code_is_a_dotted_complaint_code_with_the_kind_the_edge_answers_with() {
        Map<String, Kind> kinds = Arrays.stream(Rejection.Reason.values())
                .collect(Collectors.toMap(Rejection.Reason::code, Rejection.Reason::kind));
        assertThat(kinds).hasSize(Rejection.Reason.values().length);
        assertThat(kinds.keySet()).allMatch(code -> code.matches("complaint\\.[a-z]+(-[a-z]+)*"));
        assertThat(kinds)
                .containsAllEntriesOf(Map.ofEntries(
                        Map.entry("complaint.not-found", Kind.NOT_FOUND),
                        Map.entry("complaint.already-exists", Kind.CONFLICT),
                        Map.entry("complaint.transition-not-allowed", Kind.CONFLICT),
                        Map.entry("complaint.not-assigned-agency", Kind.FORBIDDEN),
                        Map.entry("complaint.not-owner", Kind.FORBIDDEN),
                        Map.entry("complaint.role-not-allowed", Kind.FORBIDDEN),
                        Map.entry("complaint.appeal-window-closed", Kind.CONFLICT),
                        Map.entry("complaint.visibility-unchanged", Kind.CONFLICT),
                        Map.entry("complaint.visibility-loosening-not-allowed", Kind.FORBIDDEN),
                        Map.entry("complaint.archive-reason-reserved", Kind.INVALID),
                        Map.entry("complaint.duplicate-of-itself", Kind.INVALID),
                        Map.entry("complaint.not-a-duplicate", Kind.CONFLICT),
                        Map.entry("complaint.finding-inconsistent", Kind.INVALID),
                        Map.entry("complaint.review-has-no-finding", Kind.CONFLICT),
                        Map.entry("complaint.invalid-rating", Kind.INVALID)));
    }

    @Test
    void a_rejection_carries_its_code_kind_and_plain_message() {
        Rejection rejection =
                new Rejection(Rejection.Reason.NOT_OWNER, "Only the complainant may withdraw this complaint");
        assertThat(rejection.code()).isEqualTo("complaint.not-owner");
        assertThat(rejection.kind()).isEqualTo(Kind.FORBIDDEN);
        assertThat(rejection.reason()).isEqualTo(Rejection.Reason.NOT_OWNER);
        assertThat(rejection).hasMessage("Only the complainant may withdraw this complaint");
    }
}
