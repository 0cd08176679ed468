package org.complaintledger.ledger;

import io.vertx.sqlclient.Tuple;
import java.time.ZoneOffset;

/** Writes an event row with plain SQL, bypassing the engine: an open transaction, or a forger with database access. */
final class RawEvents {

    /** {@code $12} is the writing transaction's xid8 as text; null takes the column default, the current one. */
    static final String INSERT = """
            INSERT INTO events (stream_id, stream_version, event_id, type, schema_version, occurred_at, recorded_at,
                                actor, data, previous_hash, hash, tx)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8::text::jsonb, $9::text::jsonb, $10, $11,
                    coalesce($12::text::xid8, pg_current_xact_id()))
            RETURNING position""";

    private RawEvents() {}

    static Tuple parameters(EventEnvelope envelope) {
        return parameters(envelope, null);
    }

    static Tuple parameters(EventEnvelope envelope, Long tx) {
        return Tuple.of(
                        envelope.complaintId(),
                        envelope.version(),
                        envelope.eventId(),
                        envelope.type(),
                        envelope.schemaVersion(),
                        envelope.occurredAt().atOffset(ZoneOffset.UTC))
                .addValue(envelope.recordedAt().atOffset(ZoneOffset.UTC))
                .addString(envelope.hashedObject().get("actor").toString())
                .addString(envelope.data().toString())
                .addString(envelope.previousHash())
                .addString(envelope.hash())
                .addString(tx == null ? null : tx.toString());
    }
}
