package org.complaintledger.support;

import static org.awaitility.Awaitility.await;

import io.vertx.sqlclient.Pool;
import java.time.Duration;

/** Waits until every projection has applied every event in the ledger (a rebuild on a loaded machine takes a while). */
public final class ReadSide {

    private ReadSide() {}

    public static void caughtUp(Pool pool) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    var rows = pool.query("""
                            SELECT (SELECT count(*) FROM events) AS events,
                                   coalesce(min(applied), 0) AS slowest,
                                   count(*) AS projections
                              FROM (SELECT projection, sum(applied) AS applied FROM projection_segments
                                     WHERE projection IN ('complaint-views', 'agency-assignments')
                                     GROUP BY projection) AS p""")
                            .execute()
                            .toCompletionStage()
                            .toCompletableFuture()
                            .join();
                    var row = rows.iterator().next();
                    return row.getLong("projections") >= 2 && row.getLong("slowest") >= row.getLong("events");
                });
    }
}
