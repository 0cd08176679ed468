package org.complaintledger.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.complaintledger.deadline.WorkingCalendarTest.CALENDAR;
import static org.complaintledger.deadline.WorkingCalendarTest.wib;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeadlinePolicyTest {

    static final DeadlinePolicy DEFAULTS = DeadlinePolicy.defaults(CALENDAR);

    /** Friday 9 May 2025, 10:00 in Jakarta: no holiday of the test calendar in the next fortnight. */
    static final Instant FRIDAY = wib("2025-05-09T10:00");

    @Test
    void the_default_policy_is_lapor_default_version_one() {
        assertThat(DEFAULTS.id()).isEqualTo("lapor-default");
        assertThat(DEFAULTS.version()).isEqualTo(1);
        assertThat(DEFAULTS.calendar()).isEqualTo(CALENDAR);
    }

    @Test
    void the_default_rules_are_the_published_lapor_workflow() {
        Map<DeadlineKind, String> texts = new EnumMap<>(DeadlineKind.class);
        DEFAULTS.rules().forEach((kind, rule) -> texts.put(kind, rule.toString()));
        assertThat(texts)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        DeadlineKind.IMPLEMENTATION, "P30D",
                        DeadlineKind.VERIFICATION, "3wd",
                        DeadlineKind.CLARIFICATION, "10wd",
                        DeadlineKind.FOLLOW_UP, "5wd",
                        DeadlineKind.REDISPATCH, "1wd",
                        DeadlineKind.COMPLAINANT_RESPONSE, "10wd",
                        DeadlineKind.RESOLUTION, "P60D"));
    }

    @Test
    void verification_is_due_three_working_days_later() {
        assertThat(DEFAULTS.dueAt(DeadlineKind.VERIFICATION, FRIDAY)).isEqualTo(wib("2025-05-14T10:00"));
    }

    @Test
    void clarification_is_due_ten_working_days_later() {
        assertThat(DEFAULTS.dueAt(DeadlineKind.CLARIFICATION, FRIDAY)).isEqualTo(wib("2025-05-23T10:00"));
    }

    @Test
    void follow_up_is_due_five_working_days_later() {
        assertThat(DEFAULTS.dueAt(DeadlineKind.FOLLOW_UP, FRIDAY)).isEqualTo(wib("2025-05-16T10:00"));
    }

    @Test
    void redispatch_is_due_the_next_working_day() {
        assertThat(DEFAULTS.dueAt(DeadlineKind.REDISPATCH, FRIDAY)).isEqualTo(wib("2025-05-12T10:00"));
    }

    @Test
    void the_complainant_response_is_due_ten_working_days_later() {
        assertThat(DEFAULTS.dueAt(DeadlineKind.COMPLAINANT_RESPONSE, FRIDAY)).isEqualTo(wib("2025-05-23T10:00"));
    }

    @Test
    void resolution_is_due_sixty_calendar_days_later() {
        assertThat(DEFAULTS.dueAt(DeadlineKind.RESOLUTION, FRIDAY)).isEqualTo(wib("2025-07-08T10:00"));
    }

    @Test
    void a_policy_missing_a_kind_is_refused_and_names_the_kind() {
        Map<DeadlineKind, DeadlineRule> rules = new EnumMap<>(DEFAULTS.rules());
        rules.remove(DeadlineKind.REDISPATCH);
        assertThatThrownBy(() -> new DeadlinePolicy("short", 2, rules, CALENDAR))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("REDISPATCH");
    }

    @Test
    void a_policy_needs_an_id_and_a_positive_version() {
        assertThatThrownBy(() -> new DeadlinePolicy(" ", 1, DEFAULTS.rules(), CALENDAR))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DeadlinePolicy("demo", 0, DEFAULTS.rules(), CALENDAR))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_configured_policy_applies_its_own_rules() {
        Map<DeadlineKind, DeadlineRule> rules = new EnumMap<>(DEFAULTS.rules());
        rules.put(DeadlineKind.FOLLOW_UP, DeadlineRule.parse("PT30S"));
        DeadlinePolicy demo = new DeadlinePolicy("demo", 3, rules, CALENDAR);
        assertThat(demo.dueAt(DeadlineKind.FOLLOW_UP, FRIDAY)).isEqualTo(wib("2025-05-09T10:00:30"));
        assertThat(demo.rule(DeadlineKind.FOLLOW_UP)).hasToString("PT30S");
    }

    @Test
    void the_rules_cannot_be_changed_after_the_policy_is_made() {
        Map<DeadlineKind, DeadlineRule> rules = new EnumMap<>(DEFAULTS.rules());
        DeadlinePolicy policy = new DeadlinePolicy("demo", 1, rules, CALENDAR);
        rules.put(DeadlineKind.FOLLOW_UP, DeadlineRule.parse("PT30S"));
        assertThat(policy.rule(DeadlineKind.FOLLOW_UP)).hasToString("5wd");
        assertThatThrownBy(() -> policy.rules().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
