package org.complaintledger.ledger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** Reads stored events back as the envelopes that were hashed. */
public final class LedgerReader {

    private static final String STREAM = """
            SELECT stream_id, stream_version, event_id, type, schema_version, occurred_at, recorded_at,
                   actor::text AS actor, data::text AS data, previous_hash, hash
              FROM events WHERE stream_id = $1 ORDER BY stream_version""";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Pool pool;

    public LedgerReader(Pool pool) {
        this.pool = pool;
    }

    public CompletableFuture<List<EventEnvelope>> stream(UUID streamId) {
        return pool.preparedQuery(STREAM).execute(Tuple.of(streamId))
                .map(rows -> {
                    List<EventEnvelope> envelopes = new ArrayList<>(rows.size());
                    rows.forEach(row -> envelopes.add(envelope(row)));
                    return envelopes;
                })
                .toCompletionStage().toCompletableFuture();
    }

    public static EventEnvelope envelope(Row row) {
        try {
            ObjectNode actor = (ObjectNode) JSON.readTree(row.getString("actor"));
            return new EventEnvelope(row.getUUID("stream_id"), row.getInteger("stream_version"),
                    row.getUUID("event_id"), row.getString("type"), row.getInteger("schema_version"),
                    row.getOffsetDateTime("occurred_at").toInstant(), row.getOffsetDateTime("recorded_at").toInstant(),
                    new EventEnvelope.EventActor(text(actor, "subject"), text(actor, "role"), text(actor, "agency")),
                    (ObjectNode) JSON.readTree(row.getString("data")),
                    row.getString("previous_hash"), row.getString("hash"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(ObjectNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }
}
