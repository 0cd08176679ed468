package org.complaintledger.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.axonframework.common.infra.ComponentDescriptor;
import org.axonframework.eventsourcing.eventstore.AppendCondition;
import org.axonframework.eventsourcing.eventstore.AppendEventsTransactionRejectedException;
import org.axonframework.eventsourcing.eventstore.ConsistencyMarker;
import org.axonframework.eventsourcing.eventstore.EmptyAppendTransaction;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.SourcingCondition;
import org.axonframework.eventsourcing.eventstore.TaggedEventMessage;
import org.axonframework.messaging.core.Context;
import org.axonframework.messaging.core.MessageStream;
import org.axonframework.messaging.core.MessageType;
import org.axonframework.messaging.core.DelayedMessageStream;
import org.axonframework.messaging.core.unitofwork.ProcessingContext;
import org.axonframework.messaging.eventhandling.EventMessage;
import org.axonframework.messaging.eventhandling.GenericEventMessage;
import org.axonframework.messaging.eventhandling.TerminalEventMessage;
import org.axonframework.messaging.eventhandling.processing.streaming.token.TrackingToken;
import org.axonframework.messaging.eventstreaming.EventCriterion;
import org.axonframework.messaging.eventstreaming.StreamingCondition;
import org.axonframework.messaging.eventstreaming.Tag;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * Axon's storage engine on PostgreSQL through the Vert.x reactive client: nothing blocks, a command's events go in
 * with one statement in one short transaction, and a stale writer collides on the (stream_id, stream_version)
 * constraint rather than waiting on any lock. Every event is hash-chained to its stream's previous event.
 *
 * <p>Axon marks {@code EventStorageEngine} {@code @Internal}; this class is the one place an Axon upgrade touches.
 */
public final class PgEventStorageEngine implements EventStorageEngine {

    /** The tag that names a stream: one complaint. */
    public static final String STREAM_TAG = "complaintId";

    private static final String INSERT_EVENTS = """
            INSERT INTO events (stream_id, stream_version, event_id, type, schema_version, occurred_at, recorded_at,
                                actor, data, metadata, previous_hash, hash)
            SELECT s, v, e, t, sv, oa, ra, a::jsonb, d::jsonb, m::jsonb, ph, h
              FROM unnest($1::uuid[], $2::int[], $3::uuid[], $4::text[], $5::int[], $6::timestamptz[],
                          $7::timestamptz[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[])
                   AS u(s, v, e, t, sv, oa, ra, a, d, m, ph, h)""";

    private static final String INSERT_EVENTS_AND_IDEMPOTENCY_KEY = "WITH appended AS (" + INSERT_EVENTS + """
             RETURNING 1)
            INSERT INTO idempotency_keys (scope, key, request_hash, stream_id, stream_version, status)
            VALUES ($13, $14, $15, $16, $17, $18)""";

    private final Pool pool;
    private final EventCodec codec;
    private final Clock clock;
    private final LedgerReader reader;
    private final ObjectMapper json = new ObjectMapper();
    private final MeterRegistry metrics;
    private final Timer appended;
    private final Timer conflicted;
    private final Timer failed;

    public PgEventStorageEngine(Pool pool, EventCodec codec, Clock clock, MeterRegistry metrics) {
        this.pool = pool;
        this.codec = codec;
        this.clock = clock;
        this.reader = new LedgerReader(pool);
        this.metrics = metrics;
        this.appended = appendTimer("appended");
        // a writer that lost a race on a complaint (or on its idempotency key): Axon decides again on fresh state
        this.conflicted = appendTimer("conflict");
        this.failed = appendTimer("failed");
    }

    /**
     * One statement per command, so its latency is the write path's floor. Buckets rather than percentiles computed
     * here: the replicas' buckets add up in Prometheus, their percentiles would not.
     */
    private Timer appendTimer(String outcome) {
        return Timer.builder("ledger.appends")
                .description("Appends of one command's events, from the statement sent to its commit")
                .tag("outcome", outcome)
                .serviceLevelObjectives(Stream.of(1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 5000)
                        .map(Duration::ofMillis).toArray(Duration[]::new))
                .register(metrics);
    }

    @Override
    public CompletableFuture<AppendTransaction<?>> appendEvents(AppendCondition condition,
                                                                ProcessingContext context,
                                                                List<TaggedEventMessage<?>> events) {
        if (events.isEmpty()) {
            return CompletableFuture.completedFuture(EmptyAppendTransaction.INSTANCE);
        }
        try {
            StreamHead head = headOf(condition, events);
            List<EventEnvelope> envelopes = seal(head, events);
            Tuple parameters = parameters(envelopes, events);
            Map<String, String> metadata = events.getFirst().event().metadata();
            String idempotencyKey = metadata.get(AppendMetadata.IDEMPOTENCY_KEY);
            String sql = INSERT_EVENTS;
            EventEnvelope last = envelopes.getLast();
            if (idempotencyKey != null) {
                sql = INSERT_EVENTS_AND_IDEMPOTENCY_KEY;
                parameters.addString(metadata.get(AppendMetadata.IDEMPOTENCY_SCOPE))
                        .addString(idempotencyKey)
                        .addString(metadata.get(AppendMetadata.REQUEST_HASH))
                        .addUUID(last.complaintId())
                        .addInteger(last.version())
                        .addShort(Short.parseShort(metadata.getOrDefault(AppendMetadata.RESPONSE_STATUS, "200")));
            }
            return CompletableFuture.completedFuture(new Append(head, sql, parameters,
                    new StreamHead(head.streamId(), last.version(), last.hash()), envelopes));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private final class Append implements AppendTransaction<StreamHead> {
        private final StreamHead expected;
        private final String sql;
        private final Tuple parameters;
        private final StreamHead next;
        private final List<EventEnvelope> envelopes;
        private final AtomicBoolean finished = new AtomicBoolean();

        private Append(StreamHead expected, String sql, Tuple parameters, StreamHead next,
                       List<EventEnvelope> envelopes) {
            this.expected = expected;
            this.sql = sql;
            this.parameters = parameters;
            this.next = next;
            this.envelopes = envelopes;
        }

        @Override
        public CompletableFuture<StreamHead> commit(ProcessingContext context) {
            if (finished.getAndSet(true)) {
                return CompletableFuture.failedFuture(new IllegalStateException("already committed or rolled back"));
            }
            Timer.Sample sample = Timer.start(metrics);
            // a single statement outside an explicit transaction is one short transaction of its own
            return pool.preparedQuery(sql).execute(parameters)
                    .toCompletionStage().toCompletableFuture()
                    .handle((rows, failure) -> {
                        if (failure == null) {
                            sample.stop(appended);
                            envelopes.forEach(e -> eventsAppended(e.type()).increment());
                            return next;
                        }
                        RuntimeException translated = translate(failure, expected);
                        sample.stop(translated instanceof AppendEventsTransactionRejectedException
                                || translated instanceof IdempotencyKeyTakenException ? conflicted : failed);
                        throw translated;
                    });
        }

        @Override
        public void rollback(ProcessingContext context) {
            finished.set(true);
        }

        @Override
        public CompletableFuture<ConsistencyMarker> afterCommit(StreamHead head, ProcessingContext context) {
            return CompletableFuture.completedFuture(head);
        }
    }

    /** By wire type: a small fixed set, and the rate of filings, dispatches or missed deadlines comes for free. */
    private Counter eventsAppended(String type) {
        return Counter.builder("ledger.events.appended").description("Events committed to the ledger")
                .tag("type", type).register(metrics);
    }

    private static RuntimeException translate(Throwable failure, StreamHead expected) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException c && c.getCause() != null
                ? c.getCause() : failure;
        if (cause instanceof PgException pg && "23505".equals(pg.getSqlState())) {
            if ("idempotency_keys_pkey".equals(pg.getConstraint())) {
                return new IdempotencyKeyTakenException();
            }
            if ("events_stream_version_unique".equals(pg.getConstraint())) {
                AppendEventsTransactionRejectedException conflict =
                        AppendEventsTransactionRejectedException.conflictingEventsDetected(expected);
                conflict.addSuppressed(pg);
                return conflict;
            }
        }
        return cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
    }

    private StreamHead headOf(AppendCondition condition, List<TaggedEventMessage<?>> events) {
        UUID streamId = streamOf(events.getFirst().tags());
        for (TaggedEventMessage<?> event : events) {
            if (!streamId.equals(streamOf(event.tags()))) {
                throw new IllegalArgumentException("one command may write one complaint's stream only");
            }
        }
        if (condition.consistencyMarker() instanceof StreamHead head) {
            if (!head.streamId().equals(streamId)) {
                throw new IllegalArgumentException("the append condition names another stream");
            }
            return head;
        }
        // appending without sourcing first would chain to an unknown hash: refuse rather than guess
        throw new IllegalArgumentException("append to " + streamId + " without a sourced stream head: "
                + condition.consistencyMarker());
    }

    private List<EventEnvelope> seal(StreamHead head, List<TaggedEventMessage<?>> events) {
        Instant recordedAt = clock.instant();
        List<EventEnvelope> envelopes = new ArrayList<>(events.size());
        String previousHash = head.hash();
        int version = head.version();
        for (TaggedEventMessage<?> tagged : events) {
            EventMessage message = tagged.event();
            EventCodec.Encoded encoded = codec.encode(message.payload());
            EventEnvelope envelope = EventEnvelope.sealed(head.streamId(), ++version,
                    UUID.fromString(message.identifier()), encoded.type(), encoded.schemaVersion(),
                    encoded.occurredAt(), recordedAt, encoded.actor(), encoded.data(), previousHash);
            envelopes.add(envelope);
            previousHash = envelope.hash();
        }
        return envelopes;
    }

    private Tuple parameters(List<EventEnvelope> envelopes, List<TaggedEventMessage<?>> events) {
        int n = envelopes.size();
        UUID[] streams = new UUID[n];
        Integer[] versions = new Integer[n];
        UUID[] ids = new UUID[n];
        String[] types = new String[n];
        Integer[] schemaVersions = new Integer[n];
        OffsetDateTime[] occurred = new OffsetDateTime[n];
        OffsetDateTime[] recorded = new OffsetDateTime[n];
        String[] actors = new String[n];
        String[] data = new String[n];
        String[] metadata = new String[n];
        String[] previousHashes = new String[n];
        String[] hashes = new String[n];
        for (int i = 0; i < n; i++) {
            EventEnvelope e = envelopes.get(i);
            streams[i] = e.complaintId();
            versions[i] = e.version();
            ids[i] = e.eventId();
            types[i] = e.type();
            schemaVersions[i] = e.schemaVersion();
            occurred[i] = e.occurredAt().atOffset(ZoneOffset.UTC);
            recorded[i] = e.recordedAt().atOffset(ZoneOffset.UTC);
            actors[i] = write(e.hashedObject().get("actor"));
            data[i] = write(e.data());
            metadata[i] = write(AppendMetadata.stored(events.get(i).event().metadata()));
            previousHashes[i] = e.previousHash();
            hashes[i] = e.hash();
        }
        return Tuple.of(streams, versions, ids, types, schemaVersions, occurred)
                .addValue(recorded).addValue(actors).addValue(data).addValue(metadata)
                .addValue(previousHashes).addValue(hashes);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public MessageStream<EventMessage> source(SourcingCondition condition, ProcessingContext context) {
        Set<EventCriterion> criteria = condition.criteria().flatten();
        if (criteria.size() != 1) {
            return MessageStream.failed(new IllegalArgumentException("source exactly one complaint's stream"));
        }
        UUID streamId = streamOf(criteria.iterator().next().tags());
        CompletableFuture<MessageStream<EventMessage>> loaded = reader.stream(streamId).thenApply(envelopes -> {
            List<EventMessage> messages = envelopes.stream().map(this::toMessage).toList();
            StreamHead head = envelopes.isEmpty()
                    ? StreamHead.empty(streamId)
                    : new StreamHead(streamId, envelopes.getLast().version(), envelopes.getLast().hash());
            return MessageStream.fromIterable(messages)
                    .concatWith(MessageStream.just(TerminalEventMessage.INSTANCE,
                            terminal -> Context.with(ConsistencyMarker.RESOURCE_KEY, head)).cast());
        });
        return DelayedMessageStream.create(loaded);
    }

    private EventMessage toMessage(EventEnvelope envelope) {
        return new GenericEventMessage(envelope.eventId().toString(),
                new MessageType(envelope.type(), Integer.toString(envelope.schemaVersion())),
                codec.decode(envelope), Map.of(), envelope.occurredAt());
    }

    private static UUID streamOf(Set<Tag> tags) {
        return tags.stream()
                .filter(tag -> STREAM_TAG.equals(tag.key()))
                .map(tag -> UUID.fromString(tag.value()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no " + STREAM_TAG + " tag in " + tags));
    }

    // The read side's gap-free streaming (the xid8 horizon) and its tokens come with the projections.

    @Override
    public MessageStream<EventMessage> stream(StreamingCondition condition, ProcessingContext context) {
        throw new UnsupportedOperationException("streaming comes with the read side");
    }

    @Override
    public CompletableFuture<TrackingToken> firstToken(ProcessingContext context) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("tokens come with the read side"));
    }

    @Override
    public CompletableFuture<TrackingToken> latestToken(ProcessingContext context) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("tokens come with the read side"));
    }

    @Override
    public CompletableFuture<TrackingToken> tokenAt(Instant at, ProcessingContext context) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("tokens come with the read side"));
    }

    @Override
    public void describeTo(ComponentDescriptor descriptor) {
        descriptor.describeProperty("store", "PostgreSQL (Vert.x reactive client)");
    }
}
