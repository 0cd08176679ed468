package org.complaintledger.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.complaintledger.notification.outbox.Backoff;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(10), Duration.ofHours(1), Duration.ofHours(24));
    private final Instant decided = Instant.parse("2026-11-27T03:00:00Z");

    @Test
    void each_failed_try_doubles_the_pause_up_to_the_longest_pause() {
        assertThat(backoff.pause(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(backoff.pause(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(backoff.pause(5)).isEqualTo(Duration.ofSeconds(160));
        assertThat(backoff.pause(10)).isEqualTo(Duration.ofHours(1));
        assertThat(backoff.pause(400)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void a_delivery_is_given_up_when_its_next_try_would_fall_past_a_day_after_the_decision() {
        assertThat(backoff.nextTry(decided, decided.plus(Duration.ofHours(22)), 30))
                .isEqualTo(decided.plus(Duration.ofHours(23)));
        assertThat(backoff.nextTry(decided, decided.plus(Duration.ofMinutes(23 * 60 + 30)), 30))
                .isNull();
    }
}
