package org.complaintledger.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.ZoneId;
import org.complaintledger.web.ProblemException;
import org.junit.jupiter.api.Test;

class IcsHolidaysTest {

    private static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");

    private static String calendar(String... events) {
        return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//uji//ID\r\n" + String.join("", events)
                + "END:VCALENDAR\r\n";
    }

    private static String event(String uid, String dates, String summary) {
        return "BEGIN:VEVENT\r\nUID:" + uid + "\r\nDTSTAMP:20261201T000000Z\r\n" + dates + "SUMMARY:" + summary
                + "\r\nEND:VEVENT\r\n";
    }

    @Test
    void an_all_day_event_without_an_end_is_one_holiday_named_by_its_summary() {
        assertThat(IcsHolidays.parse(
                        calendar(event("a", "DTSTART;VALUE=DATE:20270817\r\n", "Hari Kemerdekaan")), JAKARTA))
                .containsExactly(new AdminRequests.Holiday(LocalDate.of(2027, 8, 17), "Hari Kemerdekaan"));
    }

    @Test
    void a_cuti_bersama_spanning_days_is_every_date_before_its_exclusive_end() {
        var holidays = IcsHolidays.parse(
                calendar(event(
                        "b",
                        "DTSTART;VALUE=DATE:20270310\r\nDTEND;VALUE=DATE:20270313\r\n",
                        "Cuti bersama Idul Fitri")),
                JAKARTA);
        assertThat(holidays)
                .extracting(AdminRequests.Holiday::date)
                .containsExactly(LocalDate.of(2027, 3, 10), LocalDate.of(2027, 3, 11), LocalDate.of(2027, 3, 12));
    }

    @Test
    void a_timed_event_counts_by_its_date_in_the_regency() {
        // 18:00 UTC on 16 August is 01:00 on 17 August in Jakarta
        assertThat(IcsHolidays.parse(calendar(event("c", "DTSTART:20270816T180000Z\r\n", "Upacara")), JAKARTA))
                .extracting(AdminRequests.Holiday::date)
                .containsExactly(LocalDate.of(2027, 8, 17));
    }

    @Test
    void a_file_that_is_not_a_calendar_or_has_no_event_is_refused_as_bad_input() {
        assertThatThrownBy(() -> IcsHolidays.parse("bukan kalender", JAKARTA)).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> IcsHolidays.parse(calendar(), JAKARTA)).isInstanceOf(ProblemException.class);
    }
}
