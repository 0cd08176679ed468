package org.complaintledger.complaint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.complaintledger.complaint.ComplaintExamples.*;
import static org.complaintledger.complaint.DeciderSpecification.given;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import org.complaintledger.complaint.ComplaintCommand.Dispatch;
import org.complaintledger.complaint.ComplaintEvent.DeadlineSet;
import org.complaintledger.complaint.ComplaintEvent.Dispatched;
import org.complaintledger.complaint.ComplaintEvent.Verified;
import org.complaintledger.deadline.DeadlineKind;
import org.complaintledger.deadline.DeadlinePolicy;
import org.complaintledger.deadline.WorkingCalendar;
import org.junit.jupiter.api.Test;

/**
 * Holidays are part of the versioned deadline policy (DOMAIN.md): every deadline-set names the holiday calendar and
 * the calendar version its due time was counted with, a calendar change is a new version, and a deadline already
 * running keeps the due time it was set with.
 */
class DeadlineCalendarVersionTest {

    /** Version 5 of the test calendar: Thursday 5 March 2026 became a holiday (a regional cuti bersama). */
    static final DeadlinePolicy WITH_NEW_HOLIDAY = policyWithCalendarVersion(5, LocalDate.of(2026, 3, 5));

    static DeadlinePolicy policyWithCalendarVersion(int version, LocalDate added) {
        Set<LocalDate> holidays = new HashSet<>(CALENDAR.holidays());
        holidays.add(added);
        return new DeadlinePolicy(
                "lapor-default",
                2,
                POLICY.rules(),
                new WorkingCalendar(CALENDAR.id(), version, holidays, CALENDAR.zone()));
    }

    static Dispatch dispatch() {
        return new Dispatch(ID, OPERATOR, DISPATCHED_AT, AGENCY, "Road maintenance", null, null);
    }

    @Test
    void a_deadline_set_records_the_calendar_and_the_calendar_version_it_was_counted_with() {
        given(filed())
                .when(dispatch())
                .then(
                        new Verified(ID, DISPATCHED_AT, OPERATOR, "INFRASTRUCTURE", ReportType.COMPLAINT),
                        new Dispatched(ID, DISPATCHED_AT, OPERATOR, AGENCY, "Road maintenance"),
                        new DeadlineSet(
                                ID,
                                DISPATCHED_AT,
                                OPERATOR,
                                DeadlineKind.FOLLOW_UP,
                                FOLLOW_UP_DUE,
                                "lapor-default",
                                1,
                                "5wd",
                                WorkingCalendar.NATIONAL,
                                4));
    }

    @Test
    void under_a_new_calendar_version_a_new_deadline_counts_the_new_holiday_and_names_that_version() {
        given(filed())
                .withPolicy(WITH_NEW_HOLIDAY)
                .when(dispatch())
                .then(
                        new Verified(ID, DISPATCHED_AT, OPERATOR, "INFRASTRUCTURE", ReportType.COMPLAINT),
                        new Dispatched(ID, DISPATCHED_AT, OPERATOR, AGENCY, "Road maintenance"),
                        new DeadlineSet(
                                ID,
                                DISPATCHED_AT,
                                OPERATOR,
                                DeadlineKind.FOLLOW_UP,
                                // one working day later than FOLLOW_UP_DUE: Thursday 5 March no longer counts
                                wib("2026-03-12T11:00"),
                                "lapor-default",
                                2,
                                "5wd",
                                WorkingCalendar.NATIONAL,
                                5));
    }

    @Test
    void a_running_deadline_keeps_its_due_time_when_the_calendar_changes() {
        // the follow-up deadline of dispatched() was counted with version 4; under version 5 it would fall a day later
        Complaint acknowledged = given(dispatched())
                .withPolicy(WITH_NEW_HOLIDAY)
                .when(new ComplaintCommand.Acknowledge(ID, OFFICER, ACKNOWLEDGED_AT))
                .thenState();
        assertThat(acknowledged.deadlines().get(DeadlineKind.FOLLOW_UP).dueAt()).isEqualTo(FOLLOW_UP_DUE);
    }

    @Test
    void a_calendar_needs_an_id_and_a_version_from_zero() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new WorkingCalendar(" ", 0, Set.of(), CALENDAR.zone()))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new WorkingCalendar("national", -1, Set.of(), CALENDAR.zone()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
