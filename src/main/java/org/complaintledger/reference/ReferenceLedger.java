package org.complaintledger.reference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.complaintledger.ledger.EventEnvelope;
import org.complaintledger.ledger.EventEnvelope.EventActor;
import org.complaintledger.ledger.EventSchemas;
import org.complaintledger.ledger.LedgerEntry;
import org.complaintledger.ledger.LedgerReader;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Appends reference-data events to the ledger's events table, inside the caller's transaction, so the event and the
 * current-state rows it stands for commit together or not at all. Each kind's stream is hash-chained exactly as a
 * complaint's (same envelope, same canonical form), so the sequencer gives its events a ledger position and the
 * verifier checks them with everything else. Admin changes are rare: a per-stream advisory lock, held to the end of
 * the transaction, keeps two admins from racing for the same stream version instead of failing one of them.
 */
@ApplicationScoped
public class ReferenceLedger {

    private static final String HEAD = """
            SELECT stream_version, hash FROM events WHERE stream_id = $1 ORDER BY stream_version DESC LIMIT 1""";

    private static final String INSERT = """
            INSERT INTO events (stream_id, stream_version, event_id, type, schema_version, occurred_at, recorded_at,
                                actor, data, metadata, previous_hash, hash)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8::text::jsonb, $9::text::jsonb, '{}'::jsonb, $10, $11)""";

    private final ObjectMapper json = new ObjectMapper();
    private final EventSchemas schemas;

    @Inject
    Clock clock;

    @Inject
    Pool pool;

    @Inject
    public ReferenceLedger(@ConfigProperty(name = "ledger.events.validate-schemas", defaultValue = "false")
                           boolean validateSchemas) {
        this.schemas = validateSchemas ? new EventSchemas() : null;
    }

    /** The admin (or the system, re-versioning a policy) who made a change. */
    public static EventActor admin(String subject) {
        return new EventActor(subject, "admin", null);
    }

    /** Appends one event to its kind's stream within {@code tx}; answers the sealed envelope. */
    public Uni<EventEnvelope> append(SqlConnection tx, ReferenceEventType type, EventActor actor, Instant occurredAt,
                                     ObjectNode data) {
        if (schemas != null) {
            schemas.check(type.wireName(), type.schemaVersion(), data);
        }
        UUID stream = type.kind().streamId();
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
                    EventEnvelope envelope = EventEnvelope.sealed(stream, version + 1, UUID.randomUUID(),
                            type.wireName(), type.schemaVersion(), occurredAt, clock.instant(), actor, data, previous);
                    return tx.preparedQuery(INSERT).execute(Tuple.tuple()
                                    .addUUID(envelope.complaintId()).addInteger(envelope.version())
                                    .addUUID(envelope.eventId()).addString(envelope.type())
                                    .addInteger(envelope.schemaVersion())
                                    .addOffsetDateTime(envelope.occurredAt().atOffset(ZoneOffset.UTC))
                                    .addOffsetDateTime(envelope.recordedAt().atOffset(ZoneOffset.UTC))
                                    .addString(write(envelope.hashedObject().get("actor")))
                                    .addString(write(envelope.data()))
                                    .addString(envelope.previousHash()).addString(envelope.hash()))
                            .replaceWith(envelope);
                });
    }

    /** One kind's history in stream order, each event with its ledger position once sequenced. */
    public Uni<List<LedgerEntry>> history(ReferenceKind kind) {
        return Uni.createFrom().completionStage(() -> new LedgerReader(pool.getDelegate()).entries(kind.streamId()));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
