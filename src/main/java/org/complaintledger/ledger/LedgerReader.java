package org.complaintledger.ledger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** Reads stored events back as the envelopes that were hashed, alone or with their place in the ledger. */
public final class LedgerReader {

    /**
     * The stored columns an envelope is rebuilt from, for a query whose events table is aliased {@code e}. Every
     * query here selects them first, in this order, so that rows are read by index: looking columns up by name was
     * a tenth of the verifier's time.
     */
    static final String ENVELOPE_COLUMNS = """
            e.stream_id, e.stream_version, e.event_id, e.type, e.schema_version, e.occurred_at, e.recorded_at,
            e.actor::text AS actor, e.data::text AS data, e.previous_hash, e.hash""";

    /** How many columns {@link #ENVELOPE_COLUMNS} is: the index of the first column after them. */
    static final int ENVELOPE_WIDTH = 11;

    private static final String STREAM =
            "SELECT " + ENVELOPE_COLUMNS + " FROM events e WHERE e.stream_id = $1 ORDER BY e.stream_version";

    private static final String STREAM_ENTRIES = "SELECT " + ENVELOPE_COLUMNS + """
            , c.ledger_seq, c.chain_hash
              FROM events e LEFT JOIN ledger_chain c ON c.position = e.position
             WHERE e.stream_id = $1 ORDER BY e.stream_version""";

    private static final String STREAM_PAGE = "SELECT " + ENVELOPE_COLUMNS + """
            , c.ledger_seq, c.chain_hash
              FROM events e LEFT JOIN ledger_chain c ON c.position = e.position
             WHERE e.stream_id = $1 AND e.stream_version > $2 ORDER BY e.stream_version LIMIT $3""";

    private static final String LEDGER_PAGE = "SELECT " + ENVELOPE_COLUMNS + """
            , c.ledger_seq, c.chain_hash
              FROM ledger_chain c JOIN events e ON e.position = c.position
             WHERE c.ledger_seq > $1 ORDER BY c.ledger_seq LIMIT $2""";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Pool pool;

    public LedgerReader(Pool pool) {
        this.pool = pool;
    }

    /** The stream's latest version (0 for a stream with no event): one index lookup. */
    public CompletableFuture<Long> headVersion(UUID streamId) {
        return pool.preparedQuery("SELECT coalesce(max(stream_version), 0) FROM events WHERE stream_id = $1")
                .execute(Tuple.of(streamId))
                .map(rows -> rows.iterator().next().getLong(0))
                .toCompletionStage()
                .toCompletableFuture();
    }

    /** How many events the ledger holds. */
    public CompletableFuture<Long> eventCount() {
        return pool.query("SELECT count(*) FROM events")
                .execute()
                .map(rows -> rows.iterator().next().getLong(0))
                .toCompletionStage()
                .toCompletableFuture();
    }

    /**
     * The streams, in the order they began, that hold an event of {@code type} whose payload's top-level text member
     * {@code member} equals {@code value}. For lookups the read side cannot answer yet (an event appended a moment ago).
     */
    public CompletableFuture<List<UUID>> streamsWith(String type, String member, String value) {
        return pool.preparedQuery("""
                        SELECT stream_id FROM events
                         WHERE type = $1 AND data ->> $2 = $3
                         ORDER BY position""")
                .execute(Tuple.of(type, member, value))
                .map(rows -> {
                    List<UUID> ids = new ArrayList<>();
                    rows.forEach(row -> ids.add(row.getUUID("stream_id")));
                    return ids;
                })
                .toCompletionStage()
                .toCompletableFuture();
    }

    public CompletableFuture<List<EventEnvelope>> stream(UUID streamId) {
        return pool.preparedQuery(STREAM)
                .execute(Tuple.of(streamId))
                .map(rows -> {
                    List<EventEnvelope> envelopes = new ArrayList<>(rows.size());
                    rows.forEach(row -> envelopes.add(envelope(row)));
                    return envelopes;
                })
                .toCompletionStage()
                .toCompletableFuture();
    }

    /** One complaint's events in version order, each with its ledger position once sequenced. */
    public CompletableFuture<List<LedgerEntry>> entries(UUID streamId) {
        return entries(STREAM_ENTRIES, Tuple.of(streamId));
    }

    /**
     * One page of a complaint's events, those after {@code afterVersion} in version order, each with its ledger position
     * once sequenced: what a reader is given a little at a time instead of the whole stream at once.
     */
    public CompletableFuture<List<LedgerEntry>> entries(UUID streamId, long afterVersion, int limit) {
        return entries(STREAM_PAGE, Tuple.of(streamId, afterVersion, limit));
    }

    /** Sequenced events in ledger order after {@code afterLedgerSeq}. */
    public CompletableFuture<List<LedgerEntry>> page(long afterLedgerSeq, int limit) {
        return entries(LEDGER_PAGE, Tuple.of(afterLedgerSeq, limit));
    }

    private CompletableFuture<List<LedgerEntry>> entries(String sql, Tuple parameters) {
        return pool.preparedQuery(sql)
                .execute(parameters)
                .map(rows -> {
                    List<LedgerEntry> entries = new ArrayList<>(rows.size());
                    rows.forEach(row -> entries.add(new LedgerEntry(
                            envelope(row), row.getLong(ENVELOPE_WIDTH), row.getString(ENVELOPE_WIDTH + 1))));
                    return entries;
                })
                .toCompletionStage()
                .toCompletableFuture();
    }

    /** The envelope in a row whose first eleven columns are those of {@code ENVELOPE_COLUMNS}, in that order. */
    public static EventEnvelope envelope(Row row) {
        try {
            ObjectNode actor = (ObjectNode) JSON.readTree(row.getString(7));
            return new EventEnvelope(
                    row.getUUID(0),
                    row.getInteger(1),
                    row.getUUID(2),
                    row.getString(3),
                    row.getInteger(4),
                    row.getOffsetDateTime(5).toInstant(),
                    row.getOffsetDateTime(6).toInstant(),
                    new EventEnvelope.EventActor(text(actor, "subject"), text(actor, "role"), text(actor, "agency")),
                    (ObjectNode) JSON.readTree(row.getString(8)),
                    row.getString(9),
                    row.getString(10));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(ObjectNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }
}
