package org.complaintledger.complaint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.complaintledger.complaint.ComplaintExamples.*;
import static org.complaintledger.complaint.DeciderSpecification.given;

import java.time.Instant;
import java.time.LocalDate;
import java.util.stream.Stream;
import org.complaintledger.complaint.ComplaintCommand.Archive;
import org.complaintledger.complaint.ComplaintCommand.Dispatch;
import org.complaintledger.complaint.ComplaintCommand.ProvideClarification;
import org.complaintledger.complaint.ComplaintCommand.RequestClarification;
import org.complaintledger.complaint.ComplaintCommand.Submit;
import org.complaintledger.complaint.ComplaintEvent.Archived;
import org.complaintledger.complaint.ComplaintEvent.ClarificationProvided;
import org.complaintledger.complaint.ComplaintEvent.ClarificationRequested;
import org.complaintledger.complaint.ComplaintEvent.Dispatched;
import org.complaintledger.complaint.ComplaintEvent.Submitted;
import org.complaintledger.complaint.ComplaintEvent.Verified;
import org.complaintledger.deadline.DeadlineKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class FilingAndVerificationTest {

    static Submit submit(Actor actor, String complainantId) {
        return new Submit(
                ID,
                actor,
                FILED_AT,
                "LPR-7KQ2-M9XD",
                ReportType.COMPLAINT,
                "INFRASTRUCTURE",
                Channel.WHATSAPP,
                "Jalan berlubang",
                "The road to the harbour has a deep pothole",
                LOCATION,
                false,
                false,
                complainantId,
                SEALED,
                LocalDate.of(2026, 2, 28));
    }

    // --- filing

    @Test
    void a_citizen_files_a_complaint_and_the_verification_and_resolution_clocks_start() {
        given().when(submit(CITIZEN, CITIZEN.subject()))
                .then(
                        submitted(),
                        deadlineSet(FILED_AT, CITIZEN, DeadlineKind.VERIFICATION, wib("2026-03-05T10:00"), "3wd"),
                        deadlineSet(FILED_AT, CITIZEN, DeadlineKind.RESOLUTION, wib("2026-05-01T10:00"), "P60D"));
    }

    @Test
    void an_operator_files_on_behalf_of_a_walk_in_complainant() {
        Submit walkIn = new Submit(
                ID,
                OPERATOR,
                FILED_AT,
                "LPR-WALK-0001",
                ReportType.ASPIRATION,
                "EDUCATION",
                Channel.WALK_IN,
                "Sekolah",
                "More teachers please",
                LOCATION,
                true,
                true,
                "citizen-77",
                null,
                null);
        given().when(walkIn)
                .then(
                        new Submitted(
                                ID,
                                FILED_AT,
                                OPERATOR,
                                "LPR-WALK-0001",
                                ReportType.ASPIRATION,
                                "EDUCATION",
                                Channel.WALK_IN,
                                "Sekolah",
                                "More teachers please",
                                LOCATION,
                                true,
                                true,
                                "citizen-77",
                                null,
                                null),
                        deadlineSet(FILED_AT, OPERATOR, DeadlineKind.VERIFICATION, VERIFICATION_DUE, "3wd"),
                        deadlineSet(FILED_AT, OPERATOR, DeadlineKind.RESOLUTION, RESOLUTION_DUE, "P60D"));
    }

    @Test
    void a_complaint_filed_on_friday_afternoon_is_due_for_verification_after_the_weekend() {
        Submit friday = new Submit(
                ID,
                CITIZEN,
                wib("2026-03-06T16:00"),
                "LPR-FRI",
                ReportType.COMPLAINT,
                "HEALTH",
                Channel.SMS_1708,
                "Puskesmas",
                "Closed at noon",
                null,
                false,
                false,
                CITIZEN.subject(),
                null,
                null);
        assertThat(given().when(friday)
                        .thenState()
                        .deadlines()
                        .get(DeadlineKind.VERIFICATION)
                        .dueAt())
                .isEqualTo(wib("2026-03-11T16:00"));
    }

    @Test
    void a_citizen_cannot_file_in_someone_elses_name() {
        given().when(submit(CITIZEN, OTHER_CITIZEN.subject())).thenRejects("complaint.not-owner");
    }

    @ParameterizedTest
    @MethodSource("nonFilers")
    void only_citizens_and_operators_file_complaints(Actor actor) {
        given().when(submit(actor, CITIZEN.subject())).thenRejects("complaint.role-not-allowed");
    }

    static Stream<Actor> nonFilers() {
        return Stream.of(OFFICER, OMBUDSMAN, AUDITOR, SYSTEM);
    }

    @Test
    void filing_twice_under_the_same_id_is_a_conflict() {
        Rejection rejection =
                given(filed()).when(submit(CITIZEN, CITIZEN.subject())).thenRejects("complaint.already-exists");
        assertThat(rejection.kind()).isEqualTo(Rejection.Kind.CONFLICT);
    }

    // --- clarification

    @Test
    void the_operator_holds_a_submitted_complaint_for_clarification() {
        given(filed())
                .when(new RequestClarification(ID, OPERATOR, HELD_AT, "Which stretch of the road?"))
                .then(
                        new ClarificationRequested(ID, HELD_AT, OPERATOR, "Which stretch of the road?"),
                        deadlineSet(HELD_AT, OPERATOR, DeadlineKind.CLARIFICATION, wib("2026-03-17T09:00"), "10wd"));
    }

    @Test
    void only_the_operator_requests_clarification() {
        given(filed())
                .when(new RequestClarification(ID, CITIZEN, HELD_AT, "?"))
                .thenRejects("complaint.role-not-allowed");
    }

    @Test
    void a_dispatched_complaint_cannot_be_held_for_clarification() {
        Rejection rejection = given(dispatched())
                .when(new RequestClarification(ID, OPERATOR, NOW, "?"))
                .thenRejects("complaint.transition-not-allowed");
        assertThat(rejection).hasMessage("A complaint in status DISPATCHED cannot be held for clarification");
    }

    @Test
    void the_complainant_answers_and_the_verification_clock_restarts() {
        given(onHold())
                .when(new ProvideClarification(ID, CITIZEN, wib("2026-03-05T13:00"), "Near the harbour gate"))
                .then(
                        new ClarificationProvided(ID, wib("2026-03-05T13:00"), CITIZEN, "Near the harbour gate"),
                        deadlineSet(
                                wib("2026-03-05T13:00"),
                                CITIZEN,
                                DeadlineKind.VERIFICATION,
                                wib("2026-03-10T13:00"),
                                "3wd"));
    }

    @Test
    void only_the_complainant_answers_a_clarification_request() {
        given(onHold())
                .when(new ProvideClarification(ID, OTHER_CITIZEN, NOW, "me too"))
                .thenRejects("complaint.not-owner");
    }

    @Test
    void an_operator_cannot_answer_for_the_complainant() {
        given(onHold())
                .when(new ProvideClarification(ID, OPERATOR, NOW, "guess"))
                .thenRejects("complaint.role-not-allowed");
    }

    @Test
    void a_clarification_nobody_asked_for_is_not_allowed() {
        given(filed())
                .when(new ProvideClarification(ID, CITIZEN, NOW, "more"))
                .thenRejects("complaint.transition-not-allowed");
    }

    // --- verification and dispatch

    @Test
    void the_operator_verifies_and_dispatches_keeping_the_complainants_category() {
        given(filed())
                .when(new Dispatch(ID, OPERATOR, DISPATCHED_AT, AGENCY, "Road maintenance", null, null))
                .then(
                        new Verified(ID, DISPATCHED_AT, OPERATOR, "INFRASTRUCTURE", ReportType.COMPLAINT),
                        new Dispatched(ID, DISPATCHED_AT, OPERATOR, AGENCY, "Road maintenance"),
                        deadlineSet(DISPATCHED_AT, OPERATOR, DeadlineKind.FOLLOW_UP, wib("2026-03-11T11:00"), "5wd"));
    }

    @Test
    void a_corrected_category_and_report_type_are_what_verification_records() {
        given(filed())
                .when(new Dispatch(ID, OPERATOR, DISPATCHED_AT, "dinas-lh", null, "ENVIRONMENT", ReportType.ASPIRATION))
                .then(
                        new Verified(ID, DISPATCHED_AT, OPERATOR, "ENVIRONMENT", ReportType.ASPIRATION),
                        new Dispatched(ID, DISPATCHED_AT, OPERATOR, "dinas-lh", null),
                        deadlineSet(DISPATCHED_AT, OPERATOR, DeadlineKind.FOLLOW_UP, wib("2026-03-11T11:00"), "5wd"));
    }

    @Test
    void a_complaint_on_hold_can_be_dispatched_once_the_operator_knows_enough() {
        given(onHold())
                .when(new Dispatch(ID, OPERATOR, DISPATCHED_AT, AGENCY, null, null, null))
                .then(
                        new Verified(ID, DISPATCHED_AT, OPERATOR, "INFRASTRUCTURE", ReportType.COMPLAINT),
                        new Dispatched(ID, DISPATCHED_AT, OPERATOR, AGENCY, null),
                        deadlineSet(DISPATCHED_AT, OPERATOR, DeadlineKind.FOLLOW_UP, wib("2026-03-11T11:00"), "5wd"));
    }

    @Test
    void the_follow_up_deadline_steps_over_nyepi_idul_fitri_and_cuti_bersama() {
        Instant mondayBefore = wib("2026-03-16T10:00");
        given(filed())
                .when(new Dispatch(ID, OPERATOR, mondayBefore, AGENCY, null, null, null))
                .then(
                        new Verified(ID, mondayBefore, OPERATOR, "INFRASTRUCTURE", ReportType.COMPLAINT),
                        new Dispatched(ID, mondayBefore, OPERATOR, AGENCY, null),
                        deadlineSet(mondayBefore, OPERATOR, DeadlineKind.FOLLOW_UP, wib("2026-03-30T10:00"), "5wd"));
    }

    @Test
    void an_agency_officer_cannot_dispatch() {
        given(filed())
                .when(new Dispatch(ID, OFFICER, NOW, AGENCY, null, null, null))
                .thenRejects("complaint.role-not-allowed");
    }

    @Test
    void a_complaint_already_in_progress_cannot_be_dispatched() {
        given(inProgress())
                .when(new Dispatch(ID, OPERATOR, NOW, AGENCY, null, null, null))
                .thenRejects("complaint.transition-not-allowed");
    }

    // --- archive

    @Test
    void the_operator_archives_a_complaint_outside_public_service() {
        given(filed())
                .when(new Archive(ID, OPERATOR, NOW, ArchiveReason.NOT_PUBLIC_SERVICE, "A dispute between neighbours"))
                .then(new Archived(
                        ID, NOW, OPERATOR, ArchiveReason.NOT_PUBLIC_SERVICE, "A dispute between neighbours"));
    }

    @Test
    void a_complaint_on_hold_can_be_archived() {
        given(onHold())
                .when(new Archive(ID, OPERATOR, NOW, ArchiveReason.UNINTELLIGIBLE, null))
                .then(new Archived(ID, NOW, OPERATOR, ArchiveReason.UNINTELLIGIBLE, null));
    }

    @ParameterizedTest
    @EnumSource(
            value = ArchiveReason.class,
            names = {"DUPLICATE", "NO_CLARIFICATION"})
    void the_reasons_that_other_steps_record_cannot_be_given_by_hand(ArchiveReason reserved) {
        Rejection rejection = given(filed())
                .when(new Archive(ID, OPERATOR, NOW, reserved, null))
                .thenRejects("complaint.archive-reason-reserved");
        assertThat(rejection.kind()).isEqualTo(Rejection.Kind.INVALID);
    }

    @Test
    void a_citizen_cannot_archive_a_complaint() {
        given(filed())
                .when(new Archive(ID, CITIZEN, NOW, ArchiveReason.OTHER, null))
                .thenRejects("complaint.role-not-allowed");
    }

    @Test
    void a_dispatched_complaint_cannot_be_archived() {
        given(dispatched())
                .when(new Archive(ID, OPERATOR, NOW, ArchiveReason.OTHER, null))
                .thenRejects("complaint.transition-not-allowed");
    }
}
