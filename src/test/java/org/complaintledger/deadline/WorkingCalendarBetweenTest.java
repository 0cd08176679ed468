package org.complaintledger.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorkingCalendarBetweenTest {

    private final WorkingCalendar calendar = new WorkingCalendar(
            WorkingCalendar.NATIONAL, 0, Set.of(LocalDate.parse("2026-12-25")), ZoneId.of("Asia/Jakarta"));

    @Test
    void counts_the_working_days_that_adding_working_days_would_count() {
        Instant friday = Instant.parse("2026-12-18T03:00:00Z");
        for (int days = 0; days <= 12; days++) {
            assertThat(calendar.workingDaysBetween(friday, calendar.addWorkingDays(friday, days)))
                    .isEqualTo(days);
        }
    }

    @Test
    void a_weekend_and_a_holiday_are_not_counted() {
        assertThat(calendar.workingDaysBetween(
                        Instant.parse("2026-12-24T03:00:00Z"), Instant.parse("2026-12-28T03:00:00Z")))
                .isEqualTo(1);
    }
}
