package org.complaintledger.support;

import static org.awaitility.Awaitility.await;

import io.vertx.sqlclient.Pool;
import java.time.Duration;
import org.complaintledger.ledger.HorizonFeed;

/**
 * Waits until every projection has applied every event in the ledger (a rebuild on a loaded machine takes a while):
 * each segment's checkpoint is past every event of its segment, as the feed assigns them. Exact where a count of
 * applied events is not: an event a test removes from the ledger after a projection applied it would leave the count
 * ahead for good, and every later wait would end early.
 */
public final class ReadSide {

    /** An event {@code e} of the segment of the projection_segments row {@code s}, past that segment's checkpoint. */
    public static final String PAST_CHECKPOINT = """
            (e.tx, e.position) > (s.last_tx, s.last_position)
            AND SEGMENT_OF_EVENT % s.segment_count = s.segment""".replace("SEGMENT_OF_EVENT", HorizonFeed.SEGMENT_OF_EVENT);

    /** Over the rows {@code s} of projection_segments: true when every one of them has applied its whole segment. */
    public static final String ALL_SEGMENTS_CAUGHT_UP =
            "coalesce(bool_and(NOT EXISTS (SELECT 1 FROM events e WHERE " + PAST_CHECKPOINT + ")), false)";

    private ReadSide() {}

    public static void caughtUp(Pool pool) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    var rows = pool.query("SELECT count(DISTINCT s.projection) AS projections, "
                                    + ALL_SEGMENTS_CAUGHT_UP + " AS caught_up FROM projection_segments s"
                                    + " WHERE s.projection IN ('complaint-views', 'agency-assignments')")
                            .execute()
                            .toCompletionStage()
                            .toCompletableFuture()
                            .join();
                    var row = rows.iterator().next();
                    return row.getLong("projections") >= 2 && row.getBoolean("caught_up");
                });
    }
}
