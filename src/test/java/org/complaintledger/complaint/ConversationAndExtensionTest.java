package org.complaintledger.complaint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.complaintledger.complaint.ComplaintExamples.*;
import static org.complaintledger.complaint.DeciderSpecification.given;

import java.time.Instant;
import java.util.List;
import org.complaintledger.complaint.ComplaintCommand.AskQuestion;
import org.complaintledger.complaint.ComplaintCommand.DecideExtension;
import org.complaintledger.complaint.ComplaintCommand.PostMessage;
import org.complaintledger.complaint.ComplaintCommand.PostProgress;
import org.complaintledger.complaint.ComplaintCommand.ProvideClarification;
import org.complaintledger.complaint.ComplaintCommand.RequestExtension;
import org.complaintledger.complaint.ComplaintEvent.DeadlineSet;
import org.complaintledger.complaint.ComplaintEvent.ExtensionDecided;
import org.complaintledger.complaint.ComplaintEvent.ExtensionRequested;
import org.complaintledger.complaint.ComplaintEvent.MessagePosted;
import org.complaintledger.complaint.ComplaintEvent.ProgressPosted;
import org.complaintledger.complaint.ComplaintEvent.QuestionAsked;
import org.complaintledger.deadline.DeadlineKind;
import org.junit.jupiter.api.Test;

/** The conversation with its audiences, the agency's questions and interim replies, and extensions (issue 14). */
class ConversationAndExtensionTest {

    static final Instant ASKED_AT = wib("2026-03-06T09:00");
    /** Ten working days after Friday 6 March 09:00, stepping over 18 to 24 March. */
    static final Instant ANSWER_DUE = wib("2026-03-27T09:00");

    static final Instant EXTENSION_ASKED_AT = wib("2026-03-06T10:00");
    static final Instant EXTENSION_DECIDED_AT = wib("2026-03-09T09:00");

    static List<ComplaintEvent> questionOpen() {
        return concat(
                inProgress(),
                new QuestionAsked(ID, ASKED_AT, OFFICER, AGENCY, "Which side of the road?"),
                deadlineSet(ASKED_AT, OFFICER, DeadlineKind.COMPLAINANT_RESPONSE, ANSWER_DUE, "10wd"));
    }

    static List<ComplaintEvent> extensionPending() {
        return concat(
                inProgress(),
                new ExtensionRequested(
                        ID, EXTENSION_ASKED_AT, OFFICER, EXTENSION_ID, AGENCY, 5, "Waiting for asphalt"));
    }

    // messages

    @Test
    void the_complainant_writes_a_public_message_at_any_open_status() {
        given(dispatched())
                .when(new PostMessage(ID, CITIZEN, NOW, "Any news?", Audience.PUBLIC))
                .then(new MessagePosted(ID, NOW, CITIZEN, "Any news?", Audience.PUBLIC, null));
    }

    @Test
    void the_complainant_cannot_write_an_internal_note() {
        given(dispatched())
                .when(new PostMessage(ID, CITIZEN, NOW, "Psst", Audience.INTERNAL))
                .thenRejects("complaint.audience-not-allowed");
    }

    @Test
    void another_citizen_cannot_write_to_the_conversation() {
        given(dispatched())
                .when(new PostMessage(ID, OTHER_CITIZEN, NOW, "Hi", Audience.PUBLIC))
                .thenRejects("complaint.not-owner");
    }

    @Test
    void the_assigned_officer_writes_an_internal_note_signed_with_its_agency() {
        given(inProgress())
                .when(new PostMessage(ID, OFFICER, NOW, "Crew booked", Audience.INTERNAL))
                .then(new MessagePosted(ID, NOW, OFFICER, "Crew booked", Audience.INTERNAL, AGENCY));
    }

    @Test
    void an_officer_of_another_agency_cannot_write_to_the_conversation() {
        given(inProgress())
                .when(new PostMessage(ID, OTHER_OFFICER, NOW, "Hi", Audience.INTERNAL))
                .thenRejects("complaint.not-assigned-agency");
    }

    @Test
    void the_operator_and_the_ombudsman_write_internal_notes_but_an_auditor_never_writes() {
        given(awaitingRedispatch())
                .when(new PostMessage(ID, OPERATOR, NOW, "Province?", Audience.INTERNAL))
                .then(new MessagePosted(ID, NOW, OPERATOR, "Province?", Audience.INTERNAL, null));
        given(escalated())
                .when(new PostMessage(ID, OMBUDSMAN, NOW, "Reviewing", Audience.PUBLIC))
                .then(new MessagePosted(ID, NOW, OMBUDSMAN, "Reviewing", Audience.PUBLIC, null));
        given(dispatched())
                .when(new PostMessage(ID, AUDITOR, NOW, "x", Audience.INTERNAL))
                .thenRejects("complaint.role-not-allowed");
    }

    @Test
    void nobody_writes_to_a_closed_complaint() {
        given(completed())
                .when(new PostMessage(ID, CITIZEN, NOW, "Thanks again", Audience.PUBLIC))
                .thenRejects("complaint.transition-not-allowed");
    }

    // questions

    @Test
    void the_assigned_agency_asks_the_complainant_and_a_complainant_response_deadline_runs() {
        given(inProgress())
                .when(new AskQuestion(ID, OFFICER, ASKED_AT, "Which side of the road?"))
                .then(
                        new QuestionAsked(ID, ASKED_AT, OFFICER, AGENCY, "Which side of the road?"),
                        deadlineSet(ASKED_AT, OFFICER, DeadlineKind.COMPLAINANT_RESPONSE, ANSWER_DUE, "10wd"));
    }

    @Test
    void asking_keeps_the_complaint_with_the_agency_and_its_follow_up_clock_running() {
        Complaint state = given(inProgress())
                .when(new AskQuestion(ID, OFFICER, ASKED_AT, "Which side?"))
                .thenState();
        assertThat(state.status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(state.questionPending()).isTrue();
        assertThat(state.deadlines().get(DeadlineKind.FOLLOW_UP).dueAt()).isEqualTo(FOLLOW_UP_DUE);
    }

    @Test
    void only_the_assigned_agency_asks_and_only_while_the_complaint_is_with_it() {
        given(inProgress())
                .when(new AskQuestion(ID, OTHER_OFFICER, ASKED_AT, "?"))
                .thenRejects("complaint.not-assigned-agency");
        given(inProgress())
                .when(new AskQuestion(ID, OPERATOR, ASKED_AT, "?"))
                .thenRejects("complaint.role-not-allowed");
        given(responded()).when(new AskQuestion(ID, OFFICER, NOW, "?")).thenRejects("complaint.transition-not-allowed");
    }

    @Test
    void the_answer_through_clarifications_stops_the_complainant_response_deadline_and_nothing_else() {
        Complaint state = given(questionOpen())
                .when(new ProvideClarification(ID, CITIZEN, NOW, "The north side"))
                .thenState();
        given(questionOpen())
                .when(new ProvideClarification(ID, CITIZEN, NOW, "The north side"))
                .then(new ComplaintEvent.QuestionAnswered(ID, NOW, CITIZEN, "The north side"));
        assertThat(state.status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(state.questionPending()).isFalse();
        assertThat(state.deadlines())
                .doesNotContainKey(DeadlineKind.COMPLAINANT_RESPONSE)
                .containsKey(DeadlineKind.FOLLOW_UP);
    }

    @Test
    void the_complainants_message_while_a_question_is_open_is_the_answer() {
        given(questionOpen())
                .when(new PostMessage(ID, CITIZEN, NOW, "The north side", Audience.PUBLIC))
                .then(new ComplaintEvent.QuestionAnswered(ID, NOW, CITIZEN, "The north side"));
    }

    @Test
    void a_clarification_with_no_question_open_is_refused() {
        given(inProgress())
                .when(new ProvideClarification(ID, CITIZEN, NOW, "Unasked"))
                .thenRejects("complaint.transition-not-allowed");
    }

    @Test
    void an_unanswered_question_is_recorded_as_missed_without_closing_the_complaint() {
        given(questionOpen())
                .when(new ComplaintCommand.RecordDeadlineMissed(
                        ID, SYSTEM, ANSWER_DUE.plusSeconds(60), DeadlineKind.COMPLAINANT_RESPONSE, ANSWER_DUE))
                .then(new ComplaintEvent.DeadlineMissed(
                        ID, ANSWER_DUE.plusSeconds(60), SYSTEM, DeadlineKind.COMPLAINANT_RESPONSE, ANSWER_DUE));
    }

    // progress

    @Test
    void the_assigned_agency_posts_an_interim_reply_and_the_complaint_stays_in_progress() {
        given(inProgress())
                .when(new PostProgress(ID, OFFICER, NOW, "Asphalt ordered"))
                .then(new ProgressPosted(ID, NOW, OFFICER, AGENCY, "Asphalt ordered"));
        Complaint state = given(inProgress())
                .when(new PostProgress(ID, OFFICER, NOW, "Asphalt ordered"))
                .thenState();
        assertThat(state.status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(state.deadlines().get(DeadlineKind.FOLLOW_UP).dueAt()).isEqualTo(FOLLOW_UP_DUE);
        assertThat(state.deadlines()).doesNotContainKey(DeadlineKind.COMPLAINANT_RESPONSE);
    }

    @Test
    void an_interim_reply_needs_the_complaint_acknowledged_and_the_assigned_agency() {
        given(dispatched())
                .when(new PostProgress(ID, OFFICER, NOW, "x"))
                .thenRejects("complaint.transition-not-allowed");
        given(inProgress())
                .when(new PostProgress(ID, OTHER_OFFICER, NOW, "x"))
                .thenRejects("complaint.not-assigned-agency");
    }

    // extensions

    @Test
    void the_assigned_agency_requests_an_extension() {
        given(inProgress())
                .when(new RequestExtension(ID, OFFICER, EXTENSION_ASKED_AT, EXTENSION_ID, 5, "Waiting for asphalt"))
                .then(new ExtensionRequested(
                        ID, EXTENSION_ASKED_AT, OFFICER, EXTENSION_ID, AGENCY, 5, "Waiting for asphalt"));
    }

    @Test
    void an_extension_is_from_one_to_thirty_working_days() {
        given(inProgress())
                .when(new RequestExtension(ID, OFFICER, NOW, EXTENSION_ID, 0, "x"))
                .thenRejects("complaint.invalid-extension");
        given(inProgress())
                .when(new RequestExtension(ID, OFFICER, NOW, EXTENSION_ID, 31, "x"))
                .thenRejects("complaint.invalid-extension");
    }

    @Test
    void one_extension_request_waits_at_a_time() {
        given(extensionPending())
                .when(new RequestExtension(ID, OFFICER, NOW, ORIGINAL_ID, 3, "More"))
                .thenRejects("complaint.extension-pending");
    }

    @Test
    void another_agency_and_a_closed_complaint_get_no_extension() {
        given(inProgress())
                .when(new RequestExtension(ID, OTHER_OFFICER, NOW, EXTENSION_ID, 5, "x"))
                .thenRejects("complaint.not-assigned-agency");
        given(responded())
                .when(new RequestExtension(ID, OFFICER, NOW, EXTENSION_ID, 5, "x"))
                .thenRejects("complaint.transition-not-allowed");
    }

    @Test
    void a_granted_extension_adds_its_working_days_to_the_follow_up_deadline_the_agency_had() {
        // five working days after Wednesday 11 March 11:00, stepping over 18 to 24 March
        given(extensionPending())
                .when(new DecideExtension(ID, OPERATOR, EXTENSION_DECIDED_AT, EXTENSION_ID, true, "Once"))
                .then(
                        new ExtensionDecided(ID, EXTENSION_DECIDED_AT, OPERATOR, EXTENSION_ID, true, "Once"),
                        new DeadlineSet(
                                ID,
                                EXTENSION_DECIDED_AT,
                                OPERATOR,
                                DeadlineKind.FOLLOW_UP,
                                wib("2026-03-25T11:00"),
                                "lapor-default",
                                1,
                                "5wd extended by 5wd",
                                "national",
                                4));
    }

    @Test
    void an_extension_granted_after_the_follow_up_deadline_was_missed_counts_from_the_grant() {
        List<ComplaintEvent> missed = concat(
                extensionPending(),
                new ComplaintEvent.DeadlineMissed(ID, FOLLOW_UP_DUE, SYSTEM, DeadlineKind.FOLLOW_UP, FOLLOW_UP_DUE));
        // five working days after Monday 16 March 10:00
        given(missed)
                .when(new DecideExtension(ID, OPERATOR, NOW, EXTENSION_ID, true, null))
                .then(
                        new ExtensionDecided(ID, NOW, OPERATOR, EXTENSION_ID, true, null),
                        new DeadlineSet(
                                ID,
                                NOW,
                                OPERATOR,
                                DeadlineKind.FOLLOW_UP,
                                wib("2026-03-30T10:00"),
                                "lapor-default",
                                1,
                                "5wd extended by 5wd",
                                "national",
                                4));
    }

    @Test
    void a_refused_extension_changes_no_deadline() {
        given(extensionPending())
                .when(new DecideExtension(ID, OPERATOR, EXTENSION_DECIDED_AT, EXTENSION_ID, false, "No"))
                .then(new ExtensionDecided(ID, EXTENSION_DECIDED_AT, OPERATOR, EXTENSION_ID, false, "No"));
    }

    @Test
    void only_the_operator_decides_a_pending_extension_and_only_once() {
        given(extensionPending())
                .when(new DecideExtension(ID, OFFICER, NOW, EXTENSION_ID, true, null))
                .thenRejects("complaint.role-not-allowed");
        given(inProgress())
                .when(new DecideExtension(ID, OPERATOR, NOW, EXTENSION_ID, true, null))
                .thenRejects("complaint.extension-not-found");
        given(concat(
                        extensionPending(),
                        new ExtensionDecided(ID, EXTENSION_DECIDED_AT, OPERATOR, EXTENSION_ID, false, null)))
                .when(new DecideExtension(ID, OPERATOR, NOW, EXTENSION_ID, true, null))
                .thenRejects("complaint.extension-already-decided");
    }
}
