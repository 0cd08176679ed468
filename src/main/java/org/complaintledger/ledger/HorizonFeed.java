package org.complaintledger.ledger;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * The ledger as readers see it: only events of transactions below the horizon of those still in flight
 * ({@code tx < pg_snapshot_xmin(pg_current_snapshot())}), in {@code (tx, position)} order. A position taken by a
 * transaction that commits late is never skipped: until it commits, nothing after it is handed out.
 */
@Singleton
public class HorizonFeed {

    /** Where a reader starts: before every event. */
    public static final String ORIGIN_TX = "0";

    /**
     * The segment of an event {@code e} out of {@code n} is {@code SEGMENT_OF_EVENT % n}: its complaint's, so that all
     * of one complaint's events go to one reader, in order. Public for a check that a reader has caught up.
     */
    public static final String SEGMENT_OF_EVENT = "(hashtext(e.stream_id::text) & 2147483647)";

    // ORDER BY names e.tx, the xid8: the output column tx is its text, which would sort "10" before "9". The actor's
    // three members come as columns: parsing its JSON text took as long as parsing the data's (bench/rebuild.sh's
    // profile, BENCHMARKS.md session 9), and PostgreSQL no longer prints the object for it
    static final String SEGMENT_BATCH = """
            SELECT e.stream_id, e.stream_version, e.event_id, e.type, e.schema_version, e.occurred_at, e.recorded_at,
                   e.actor ->> 'subject', e.actor ->> 'role', e.actor ->> 'agency', e.data::text AS data,
                   e.previous_hash, e.hash, e.tx::text AS tx, e.position
              FROM events e
             WHERE e.tx < pg_snapshot_xmin(pg_current_snapshot())
               AND (e.tx, e.position) > ($1::xid8, $2)
               AND SEGMENT_OF_EVENT % $3 = $4
             ORDER BY e.tx, e.position
             LIMIT $5""".replace("SEGMENT_OF_EVENT", SEGMENT_OF_EVENT);

    // Every committed event of the segment past its checkpoint, above the horizon too: those are the ones a
    // long-open transaction holds back, and a reader misses them just the same. The next $4 events of every segment
    // are read in the index's order and this segment's counted among them: with the segment's filter inside the
    // limit, the planner (which cannot tell that a segment is a 1/n share of the events) sorted the whole ledger past
    // the checkpoint instead, half a second a query on a million events (BENCHMARKS.md, session 8)
    private static final String BEHIND = """
            SELECT count(*) FILTER (WHERE mine) AS events, min(recorded_at) FILTER (WHERE mine) AS oldest,
                   count(*) AS read
              FROM (SELECT e.recorded_at, SEGMENT_OF_EVENT % $3 = $5 AS mine FROM events e
                     WHERE (e.tx, e.position) > ($1::xid8, $2)
                     ORDER BY e.tx, e.position LIMIT $4) AS pending""".replace("SEGMENT_OF_EVENT", SEGMENT_OF_EVENT);

    @Inject
    Pool pool;

    public Uni<List<FeedEvent>> batch(int segment, int segmentCount, String afterTx, long afterPosition, int limit) {
        return pool.preparedQuery(SEGMENT_BATCH)
                .execute(Tuple.of(afterTx, afterPosition, segmentCount, segment, limit))
                .map(rows -> {
                    List<FeedEvent> events = new ArrayList<>(rows.size());
                    // by index: a name is looked up in the row's columns
                    rows.forEach(row ->
                            events.add(new FeedEvent(row.getString(13), row.getLong(14), envelope(row.getDelegate()))));
                    return events;
                });
    }

    /** The envelope in a row of {@link #SEGMENT_BATCH}, its columns read by index. */
    static EventEnvelope envelope(io.vertx.sqlclient.Row row) {
        return LedgerReader.envelope(
                row, new EventEnvelope.EventActor(row.getString(7), row.getString(8), row.getString(9)), 10);
    }

    /**
     * How far behind a segment's checkpoint is: its pending events and the oldest one's recording time. {@code
     * counted} is false when there may be more than {@code events}: the count stopped at its cap.
     */
    public record Behind(long events, java.time.Instant oldest, boolean counted) {}

    /**
     * How far behind a segment's checkpoint is, reading at most {@code cap} events of each segment so the question
     * stays cheap.
     */
    public Uni<Behind> behind(int segment, int segmentCount, String afterTx, long afterPosition, int cap) {
        long read = (long) cap * segmentCount;
        return pool.preparedQuery(BEHIND)
                .execute(Tuple.of(afterTx, afterPosition, segmentCount, read, segment))
                .map(rows -> {
                    var row = rows.iterator().next();
                    var oldest = row.getOffsetDateTime("oldest");
                    return new Behind(
                            row.getLong("events"),
                            oldest == null ? null : oldest.toInstant(),
                            row.getLong("read") < read);
                });
    }
}
