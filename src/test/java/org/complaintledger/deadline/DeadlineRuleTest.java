package org.complaintledger.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.complaintledger.deadline.WorkingCalendarTest.CALENDAR;
import static org.complaintledger.deadline.WorkingCalendarTest.wib;

import java.time.Duration;
import java.time.Period;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeadlineRuleTest {

    @Test
    void working_days_are_written_with_wd() {
        assertThat(DeadlineRule.parse("3wd")).isEqualTo(new DeadlineRule.WorkingDays(3));
        assertThat(DeadlineRule.parse(" 10WD ")).isEqualTo(new DeadlineRule.WorkingDays(10));
    }

    @Test
    void an_iso_duration_with_a_time_part_is_exact_elapsed_time() {
        assertThat(DeadlineRule.parse("PT30S")).isEqualTo(new DeadlineRule.Elapsed(Duration.ofSeconds(30)));
        assertThat(DeadlineRule.parse("P1DT2H")).isEqualTo(new DeadlineRule.Elapsed(Duration.ofHours(26)));
    }

    @Test
    void an_iso_period_is_calendar_days() {
        assertThat(DeadlineRule.parse("P60D")).isEqualTo(new DeadlineRule.Elapsed(Period.ofDays(60)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"3wd", "1wd", "PT30S", "PT5M", "P60D", "P2W"})
    void the_text_form_reads_back_to_the_same_rule(String text) {
        DeadlineRule rule = DeadlineRule.parse(text);
        assertThat(DeadlineRule.parse(rule.toString())).isEqualTo(rule);
    }

    @Test
    void to_string_gives_the_configuration_text() {
        assertThat(new DeadlineRule.WorkingDays(5)).hasToString("5wd");
        assertThat(DeadlineRule.parse("P60D")).hasToString("P60D");
        assertThat(DeadlineRule.parse("PT30S")).hasToString("PT30S");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "  ",
                "3",
                "wd",
                "3 days",
                "-3wd",
                "0wd",
                "P-5D",
                "PT0S",
                "P0D",
                "60D",
                "PT-1S",
                "99999999999wd"
            })
    void text_that_is_neither_working_days_nor_a_positive_iso_duration_is_refused(String text) {
        assertThatThrownBy(() -> DeadlineRule.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Deadline rule");
    }

    @Test
    void the_refusal_names_the_bad_text_and_the_accepted_forms() {
        assertThatThrownBy(() -> DeadlineRule.parse("soon"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'soon'")
                .hasMessageContaining("3wd")
                .hasMessageContaining("PT30S");
    }

    @Test
    void a_null_rule_text_is_refused_with_a_message() {
        assertThatThrownBy(() -> DeadlineRule.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void working_days_count_on_the_calendar() {
        assertThat(DeadlineRule.parse("3wd").dueAt(wib("2025-05-09T10:00"), CALENDAR))
                .isEqualTo(wib("2025-05-14T10:00"));
    }

    @Test
    void calendar_days_count_holidays_and_weekends_too() {
        assertThat(DeadlineRule.parse("P60D").dueAt(wib("2025-03-27T10:00"), CALENDAR))
                .isEqualTo(wib("2025-05-26T10:00"));
    }

    @Test
    void an_exact_duration_ignores_the_calendar() {
        assertThat(DeadlineRule.parse("PT30S").dueAt(wib("2025-03-28T10:00"), CALENDAR))
                .isEqualTo(wib("2025-03-28T10:00:30"));
    }
}
