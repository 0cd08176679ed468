package org.complaintledger.support;

import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.complaintledger.complaint.handling.DeadlineScheduler;

/**
 * Fires every deadline that is due, until none is. A complaint a test files on a moved-back clock has all its
 * deadlines due once the clock is back; left alone, the service's scheduler fires them whenever its timer next runs,
 * in whichever later test that is, and that test sees events it did not cause.
 */
public final class Deadlines {

    /** Each pass fires what the last one made due (a re-armed follow-up, an escalation): a few passes settle any. */
    private static final int MAX_PASSES = 20;

    private Deadlines() {}

    public static void settle(Pool pool, DeadlineScheduler scheduler) {
        ReadSide.caughtUp(pool);
        for (int pass = 1; fire(scheduler) > 0; pass++) {
            ReadSide.caughtUp(pool);
            if (pass == MAX_PASSES) {
                throw new AssertionError("deadlines still due after " + MAX_PASSES + " passes: " + stillDue(pool));
            }
        }
        ReadSide.caughtUp(pool);
    }

    private static int fire(DeadlineScheduler scheduler) {
        return scheduler.fireDue(500).await().atMost(Duration.ofSeconds(60));
    }

    /** What keeps coming due, with each complaint's last events: what a scheduler that never settles fires on. */
    private static List<String> stillDue(Pool pool) {
        List<String> due = new ArrayList<>();
        for (Row row : pool.preparedQuery("""
                        SELECT d.complaint_id, d.kind, d.due_at, d.claim,
                               (SELECT string_agg(e.type || '@' || e.stream_version, ' ' ORDER BY e.stream_version DESC)
                                  FROM (SELECT type, stream_version FROM events WHERE stream_id = d.complaint_id
                                         ORDER BY stream_version DESC LIMIT 6) e) AS last_events
                          FROM complaint_deadlines d WHERE d.due_at <= now() ORDER BY d.due_at LIMIT 10""")
                .execute(Tuple.tuple())
                .toCompletionStage()
                .toCompletableFuture()
                .join()) {
            due.add(row.toJson().encode());
        }
        return due;
    }
}
