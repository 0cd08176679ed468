package org.complaintledger.ledger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
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
            , c.ledger_seq, c.chain_hash, e.metadata ->> 'channel'
              FROM events e LEFT JOIN ledger_chain c ON c.position = e.position
             WHERE e.stream_id = $1 ORDER BY e.stream_version""";

    private static final String STREAM_PAGE = "SELECT " + ENVELOPE_COLUMNS + """
            , c.ledger_seq, c.chain_hash, e.metadata ->> 'channel'
              FROM events e LEFT JOIN ledger_chain c ON c.position = e.position
             WHERE e.stream_id = $1 AND e.stream_version > $2 ORDER BY e.stream_version LIMIT $3""";

    private static final String LEDGER_PAGE = "SELECT " + ENVELOPE_COLUMNS + """
            , c.ledger_seq, c.chain_hash, e.metadata ->> 'channel'
              FROM ledger_chain c JOIN events e ON e.position = c.position
             WHERE c.ledger_seq > $1 ORDER BY c.ledger_seq LIMIT $2""";

    // events_occurred_at_position (V13) serves the period in its order, from where the last page stopped
    static final String OCCURRED_BETWEEN = """
            SELECT event_id, stream_id, type, occurred_at, position FROM events
             WHERE occurred_at >= $1 AND occurred_at <= $2 AND type = ANY($3)
               AND (occurred_at, position) > ($4, $5)
             ORDER BY occurred_at, position
             LIMIT $6""";

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

    /**
     * The stream filed under this tracking number, or null: the ledger answers the moment the filing is committed,
     * before any read model has it. The member is written out, not a parameter, so that the partial expression index
     * of V22 serves it.
     */
    public CompletableFuture<UUID> streamFiledAs(String trackingNumber) {
        return pool.preparedQuery("""
                        SELECT stream_id FROM events
                         WHERE type = 'complaint.submitted' AND data ->> 'trackingNumber' = $1
                         LIMIT 1""")
                .execute(Tuple.of(trackingNumber))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getUUID("stream_id"))
                .toCompletionStage()
                .toCompletableFuture();
    }

    /** How many events the ledger holds. */
    public CompletableFuture<Long> eventCount() {
        return pool.query(COUNT_EVENTS)
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

    /**
     * An event's place and kind without its payload: what a reader that lists events (an Open311 update) needs.
     * {@code position} is the append order, for paging by {@code (occurredAt, position)}.
     */
    public record EventMark(UUID eventId, UUID streamId, String type, Instant occurredAt, long position) {}

    /**
     * Events of the given types that occurred in {@code [from, to]}, in the order they occurred (append order
     * among equal instants), after {@code after} (null from the start), at most {@code limit}. Served by the index on
     * {@code (occurred_at, position)}.
     */
    public CompletableFuture<List<EventMark>> occurredBetween(
            Instant from, Instant to, List<String> types, EventMark after, int limit) {
        return pool.preparedQuery(OCCURRED_BETWEEN)
                .execute(Tuple.of(
                        from.atOffset(ZoneOffset.UTC),
                        to.atOffset(ZoneOffset.UTC),
                        types.toArray(String[]::new),
                        (after == null ? from : after.occurredAt()).atOffset(ZoneOffset.UTC),
                        after == null ? -1L : after.position(),
                        limit))
                .map(rows -> {
                    List<EventMark> marks = new ArrayList<>(rows.size());
                    rows.forEach(row -> marks.add(new EventMark(
                            row.getUUID(0),
                            row.getUUID(1),
                            row.getString(2),
                            row.getOffsetDateTime(3).toInstant(),
                            row.getLong(4))));
                    return marks;
                })
                .toCompletionStage()
                .toCompletableFuture();
    }

    /**
     * The payload member {@code member} of every event of {@code type} that an actor of {@code role} with
     * {@code subject} recorded: what that person left in the ledger (the attachments a complainant added, for one).
     */
    public CompletableFuture<List<String>> recordedBy(String type, String role, String subject, String member) {
        return pool.preparedQuery("""
                        SELECT data ->> $4 FROM events
                         WHERE type = $1 AND actor ->> 'role' = $2 AND actor ->> 'subject' = $3
                         ORDER BY position""")
                .execute(Tuple.of(type, role, subject, member))
                .map(rows -> {
                    List<String> values = new ArrayList<>(rows.size());
                    rows.forEach(row -> values.add(row.getString(0)));
                    return values;
                })
                .toCompletionStage()
                .toCompletableFuture();
    }

    /**
     * The streams as they stood at {@code asOf}, by the events recorded by then: begun by an event of {@code begun},
     * not ended by one of {@code ending}, and whose last event of the {@code handOvers} types is one of
     * {@code lastHandOvers} (or, when {@code noneYet}, absent) and, when {@code member} is given, carried
     * {@code member = value}. At most {@code limit}, in no particular order. Set-based, for a question about the
     * past that the read side, holding only the present, cannot answer.
     */
    public CompletableFuture<List<UUID>> streamsAsOf(StreamsAsOf question, Instant asOf, int limit) {
        String sql = """
                SELECT stream_id FROM (
                  SELECT s.stream_id, last.type AS last_type, last.data ->> $6 AS last_member
                    FROM events s
                    LEFT JOIN LATERAL (
                      SELECT hand.type, hand.data FROM events hand
                       WHERE hand.stream_id = s.stream_id AND hand.recorded_at <= $1 AND hand.type = ANY($3)
                       ORDER BY hand.stream_version DESC LIMIT 1) last ON true
                   WHERE s.type = $2 AND s.recorded_at <= $1) h
                 WHERE (last_type = ANY($4) OR ($5 AND last_type IS NULL))
                   AND ($6::text IS NULL OR last_member = $7)
                   AND NOT EXISTS (SELECT 1 FROM events ended WHERE ended.stream_id = h.stream_id
                                     AND ended.recorded_at <= $1 AND ended.type = ANY($8))
                 LIMIT $9""";
        return pool.preparedQuery(sql)
                .execute(Tuple.from(new Object[] {
                    asOf.atOffset(ZoneOffset.UTC),
                    question.begun(),
                    question.handOvers().toArray(String[]::new),
                    question.lastHandOvers().toArray(String[]::new),
                    question.noneYet(),
                    question.member(),
                    question.value(),
                    question.ending().toArray(String[]::new),
                    limit
                }))
                .map(rows -> {
                    List<UUID> ids = new ArrayList<>(rows.size());
                    rows.forEach(row -> ids.add(row.getUUID(0)));
                    return ids;
                })
                .toCompletionStage()
                .toCompletableFuture();
    }

    /** The question {@link #streamsAsOf} answers; every type is a stored type name. */
    public record StreamsAsOf(
            String begun,
            List<String> handOvers,
            List<String> lastHandOvers,
            boolean noneYet,
            String member,
            String value,
            List<String> ending) {}

    private static final String COUNT_EVENTS = "SELECT count(*) FROM events";

    /**
     * SQL that counts the events the ledger holds, for a statement that must count them in its own transaction (a
     * rebuild's target): a method, not a constant the compiler would copy into the caller.
     */
    public static String countEventsSql() {
        return COUNT_EVENTS;
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

    private static final String OF_TYPES = "SELECT " + ENVELOPE_COLUMNS
            + " FROM events e WHERE e.stream_id = ANY($1) AND e.type = ANY($2) ORDER BY e.stream_id, e.stream_version";

    /** The events of these types in these streams, stream by stream in version order. */
    public CompletableFuture<List<EventEnvelope>> ofTypes(java.util.Collection<UUID> streamIds, List<String> types) {
        return pool.preparedQuery(OF_TYPES)
                .execute(Tuple.tuple()
                        .addArrayOfUUID(streamIds.toArray(UUID[]::new))
                        .addArrayOfString(types.toArray(String[]::new)))
                .map(rows -> {
                    List<EventEnvelope> envelopes = new ArrayList<>(rows.size());
                    rows.forEach(row -> envelopes.add(envelope(row)));
                    return envelopes;
                })
                .toCompletionStage()
                .toCompletableFuture();
    }

    private static final String WITH_MEMBER = "SELECT " + ENVELOPE_COLUMNS
            + " FROM events e WHERE e.type = ANY($1) AND e.data ->> $2 = ANY($3) ORDER BY e.position";

    /** The events of these types whose data member {@code member} is one of {@code values}, in ledger order. */
    public CompletableFuture<List<EventEnvelope>> withMember(List<String> types, String member, List<String> values) {
        return pool.preparedQuery(WITH_MEMBER)
                .execute(Tuple.tuple()
                        .addArrayOfString(types.toArray(String[]::new))
                        .addString(member)
                        .addArrayOfString(values.toArray(String[]::new)))
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
                            envelope(row),
                            row.getLong(ENVELOPE_WIDTH),
                            row.getString(ENVELOPE_WIDTH + 1),
                            row.getString(ENVELOPE_WIDTH + 2))));
                    return entries;
                })
                .toCompletionStage()
                .toCompletableFuture();
    }

    /** The envelope in a row whose first eleven columns are those of {@code ENVELOPE_COLUMNS}, in that order. */
    public static EventEnvelope envelope(Row row) {
        return envelope(row, actor(row.getString(7)), 8);
    }

    /**
     * The envelope in a row whose first seven columns are those of {@code ENVELOPE_COLUMNS}, in that order, with the
     * data's JSON text at {@code data} and the previous hash and the hash after it, and the actor as the caller read it.
     */
    static EventEnvelope envelope(Row row, EventEnvelope.EventActor actor, int data) {
        return new EventEnvelope(
                row.getUUID(0),
                row.getInteger(1),
                row.getUUID(2),
                row.getString(3),
                row.getInteger(4),
                row.getOffsetDateTime(5).toInstant(),
                row.getOffsetDateTime(6).toInstant(),
                actor,
                data(row.getString(data)),
                row.getString(data + 1),
                row.getString(data + 2));
    }

    /**
     * The envelope from its stored columns, the actor and the data as their JSON text: the one reading of them that
     * every hash is checked against ({@link StoredEventHasher} is held to it).
     */
    static EventEnvelope envelope(
            UUID streamId,
            int version,
            UUID eventId,
            String type,
            int schemaVersion,
            Instant occurredAt,
            Instant recordedAt,
            String actorJson,
            String dataJson,
            String previousHash,
            String hash) {
        return new EventEnvelope(
                streamId,
                version,
                eventId,
                type,
                schemaVersion,
                occurredAt,
                recordedAt,
                actor(actorJson),
                data(dataJson),
                previousHash,
                hash);
    }

    /** An event's actor from its stored JSON text. */
    private static EventEnvelope.EventActor actor(String actorJson) {
        try {
            ObjectNode actor = (ObjectNode) JSON.readTree(actorJson);
            return new EventEnvelope.EventActor(text(actor, "subject"), text(actor, "role"), text(actor, "agency"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An event's data from its stored JSON text. */
    static ObjectNode data(String dataJson) {
        try {
            return (ObjectNode) JSON.readTree(dataJson);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(ObjectNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }
}
