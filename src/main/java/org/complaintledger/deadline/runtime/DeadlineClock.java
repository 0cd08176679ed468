package org.complaintledger.deadline.runtime;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import org.complaintledger.deadline.DeadlinePolicy;

/**
 * The clock the read side tells deadlines by: "now", and how a due time looks at that moment (the colour of a queue
 * row: on time, due soon, overdue). Named for what it is; it used to be called {@code Sla}.
 */
@Singleton
public class DeadlineClock {

    public enum State {
        ON_TIME,
        DUE_SOON,
        OVERDUE
    }

    @Inject
    DeadlinePolicy policy;

    @Inject
    Clock clock;

    /** DUE_SOON: within one working day of the due time. */
    public State of(Instant dueAt) {
        return of(dueAt, clock.instant());
    }

    /** The state the due time had at {@code now}: a replay shows what was overdue back then. */
    public State of(Instant dueAt, Instant now) {
        if (dueAt == null) {
            return null;
        }
        if (now.isAfter(dueAt)) {
            return State.OVERDUE;
        }
        return policy.calendar().addWorkingDays(now, 1).isBefore(dueAt) ? State.ON_TIME : State.DUE_SOON;
    }

    public Instant now() {
        return clock.instant();
    }
}
