package org.complaintledger.support;

import io.vertx.sqlclient.Pool;
import org.complaintledger.complaint.handling.DeadlineScheduler;

/**
 * Fires every deadline that is due, until none is. A complaint a test files on a moved-back clock has all its
 * deadlines due once the clock is back; left alone, the service's scheduler fires them whenever its timer next runs,
 * in whichever later test that is, and that test sees events it did not cause.
 */
public final class Deadlines {

    private Deadlines() {}

    public static void settle(Pool pool, DeadlineScheduler scheduler) {
        ReadSide.caughtUp(pool);
        while (scheduler.fireDue(500).await().indefinitely() > 0) {
            ReadSide.caughtUp(pool);
        }
        ReadSide.caughtUp(pool);
    }
}
