package org.complaintledger.notification.outbox;

import java.time.Duration;
import java.time.Instant;

/**
 * When to try a failed delivery again: exponential from {@code initial}, each pause at most {@code maxPause}; a
 * delivery whose next try would fall after {@code giveUpAfter} from its decision is dead instead.
 */
public record Backoff(Duration initial, Duration maxPause, Duration giveUpAfter) {

    /** The pause after the {@code attempts}-th failed try (1 for the first). */
    public Duration pause(int attempts) {
        int doublings = Math.max(0, Math.min(attempts - 1, 30));
        Duration pause = initial.multipliedBy(1L << doublings);
        return pause.compareTo(maxPause) > 0 ? maxPause : pause;
    }

    /** The next try's time, or null when the delivery is to be given up. */
    public Instant nextTry(Instant decidedAt, Instant failedAt, int attempts) {
        Instant next = failedAt.plus(pause(attempts));
        return next.isAfter(decidedAt.plus(giveUpAfter)) ? null : next;
    }
}
