package org.complaintledger.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorkingCalendarTest {

    static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");

    /** Nyepi, Idul Fitri 1446 H and their cuti bersama in 2025, Christmas and its cuti bersama, New Year 2026. */
    static final WorkingCalendar CALENDAR = new WorkingCalendar(
            WorkingCalendar.NATIONAL,
            0,
            Set.of(
                    LocalDate.of(2025, 3, 28),
                    LocalDate.of(2025, 3, 29),
                    LocalDate.of(2025, 3, 31),
                    LocalDate.of(2025, 4, 1),
                    LocalDate.of(2025, 4, 2),
                    LocalDate.of(2025, 4, 3),
                    LocalDate.of(2025, 4, 4),
                    LocalDate.of(2025, 4, 7),
                    LocalDate.of(2025, 12, 25),
                    LocalDate.of(2025, 12, 26),
                    LocalDate.of(2026, 1, 1)),
            JAKARTA);

    static Instant wib(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(JAKARTA).toInstant();
    }

    @Test
    void weekdays_are_working_days_and_weekends_and_holidays_are_not() {
        assertThat(CALENDAR.isWorkingDay(LocalDate.of(2025, 3, 27)))
                .as("Thursday")
                .isTrue();
        assertThat(CALENDAR.isWorkingDay(LocalDate.of(2025, 3, 28)))
                .as("Friday, cuti bersama")
                .isFalse();
        assertThat(CALENDAR.isWorkingDay(LocalDate.of(2025, 5, 3)))
                .as("Saturday")
                .isFalse();
        assertThat(CALENDAR.isWorkingDay(LocalDate.of(2025, 5, 4))).as("Sunday").isFalse();
        assertThat(CALENDAR.isWorkingDay(LocalDate.of(2025, 5, 5))).as("Monday").isTrue();
    }

    @Test
    void saturday_plus_one_working_day_is_monday_at_the_same_time() {
        assertThat(CALENDAR.addWorkingDays(wib("2025-05-03T10:00"), 1)).isEqualTo(wib("2025-05-05T10:00"));
    }

    @Test
    void sunday_plus_one_working_day_is_monday() {
        assertThat(CALENDAR.addWorkingDays(wib("2025-05-04T23:30"), 1)).isEqualTo(wib("2025-05-05T23:30"));
    }

    @Test
    void friday_plus_three_working_days_is_wednesday_at_the_same_time() {
        assertThat(CALENDAR.addWorkingDays(wib("2025-05-09T10:00"), 3)).isEqualTo(wib("2025-05-14T10:00"));
    }

    @Test
    void monday_plus_five_working_days_is_the_next_monday() {
        assertThat(CALENDAR.addWorkingDays(wib("2025-05-05T08:15"), 5)).isEqualTo(wib("2025-05-12T08:15"));
    }

    @Test
    void the_idul_fitri_holidays_and_cuti_bersama_are_skipped_as_one_run() {
        // Thursday 27 March 2025; the office reopens on Tuesday 8 April after eleven days off.
        assertThat(CALENDAR.addWorkingDays(wib("2025-03-27T10:00"), 1)).isEqualTo(wib("2025-04-08T10:00"));
        assertThat(CALENDAR.addWorkingDays(wib("2025-03-26T10:00"), 3)).isEqualTo(wib("2025-04-09T10:00"));
    }

    @Test
    void a_count_starting_inside_a_holiday_run_starts_after_it() {
        assertThat(CALENDAR.addWorkingDays(wib("2025-04-01T09:00"), 1)).isEqualTo(wib("2025-04-08T09:00"));
    }

    @Test
    void the_year_end_holidays_are_skipped_and_the_count_runs_into_the_new_year() {
        // Wednesday 24 December 2025: Christmas and its cuti bersama, a weekend, then Monday to Wednesday.
        assertThat(CALENDAR.addWorkingDays(wib("2025-12-24T10:00"), 3)).isEqualTo(wib("2025-12-31T10:00"));
        // New Year's Day is a holiday too, so the fourth working day is Friday 2 January.
        assertThat(CALENDAR.addWorkingDays(wib("2025-12-24T10:00"), 4)).isEqualTo(wib("2026-01-02T10:00"));
    }

    @Test
    void the_local_time_of_day_is_kept_in_the_calendar_zone_not_in_utc() {
        // 23:00 UTC on a Friday is already Saturday 06:00 in Jakarta, so the next working day is Monday.
        Instant fridayLateUtc = Instant.parse("2025-05-09T23:00:00Z");
        assertThat(CALENDAR.addWorkingDays(fridayLateUtc, 1)).isEqualTo(wib("2025-05-12T06:00"));
    }

    @Test
    void zero_working_days_is_the_start_itself() {
        assertThat(CALENDAR.addWorkingDays(wib("2025-05-03T10:00"), 0)).isEqualTo(wib("2025-05-03T10:00"));
    }

    @Test
    void a_negative_count_is_refused() {
        assertThatThrownBy(() -> CALENDAR.addWorkingDays(wib("2025-05-05T10:00"), -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative");
    }

    @Test
    void the_holiday_set_cannot_be_changed_behind_the_calendars_back() {
        var holidays = new java.util.HashSet<LocalDate>();
        WorkingCalendar calendar = new WorkingCalendar(WorkingCalendar.NATIONAL, 0, holidays, JAKARTA);
        holidays.add(LocalDate.of(2025, 5, 5));
        assertThat(calendar.isWorkingDay(LocalDate.of(2025, 5, 5))).isTrue();
    }
}
