package org.complaintledger.ledger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.complaintledger.ledger.EventEnvelope.EventActor;

/**
 * Appends one event to a stream inside the caller's transaction, for streams whose events must commit together with
 * rows of the caller's own tables (the reference data, issue 17), where the complaints' batched engine appends on its
 * own. The envelope, canonical form and hash chain are those of every stream, so the sequencer and the verifier treat
 * the event like any other. Such streams are written rarely: a per-stream advisory lock, held to the end of the
 * transaction, makes a second writer wait for the first instead of colliding on the stream version.
 */
public final class TransactionalAppender {

    private static final String HEAD = """
            SELECT stream_version, hash FROM events WHERE stream_id = $1 ORDER BY stream_version DESC LIMIT 1""";

    private static final String INSERT = """
            INSERT INTO events (stream_id, stream_version, event_id, type, schema_version, occurred_at, recorded_at,
                                actor, data, metadata, previous_hash, hash)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8::text::jsonb, $9::text::jsonb, '{}'::jsonb, $10, $11)""";

    private TransactionalAppender() {}

    /** Appends after the stream's head, within {@code tx}; answers the sealed envelope. */
    public static Uni<EventEnvelope> append(
            SqlConnection tx,
            UUID stream,
            String type,
            int schemaVersion,
            EventActor actor,
            Instant occurredAt,
            Instant recordedAt,
            ObjectNode data) {
        return tx.preparedQuery("SELECT pg_advisory_xact_lock(hashtextextended($1, 17))")
                .execute(Tuple.of(stream.toString()))
                .chain(() -> tx.preparedQuery(HEAD).execute(Tuple.of(stream)))
                .chain(rows -> {
                    int version = 0;
                    String previous = EventEnvelope.GENESIS_HASH;
                    if (rows.size() > 0) {
                        Row head = rows.iterator().next();
                        version = head.getInteger("stream_version");
                        previous = head.getString("hash");
                    }
                    EventEnvelope.Stored stored = EventEnvelope.sealedForStorage(
                            stream,
                            version + 1,
                            UUID.randomUUID(),
                            type,
                            schemaVersion,
                            occurredAt,
                            recordedAt,
                            actor,
                            data,
                            previous);
                    EventEnvelope envelope = stored.envelope();
                    return tx.preparedQuery(INSERT)
                            .execute(Tuple.tuple()
                                    .addUUID(envelope.complaintId())
                                    .addInteger(envelope.version())
                                    .addUUID(envelope.eventId())
                                    .addString(envelope.type())
                                    .addInteger(envelope.schemaVersion())
                                    .addOffsetDateTime(envelope.occurredAt().atOffset(ZoneOffset.UTC))
                                    .addOffsetDateTime(envelope.recordedAt().atOffset(ZoneOffset.UTC))
                                    .addString(stored.actorJson())
                                    .addString(stored.dataJson())
                                    .addString(envelope.previousHash())
                                    .addString(envelope.hash()))
                            .replaceWith(envelope);
                });
    }
}
