package org.complaintledger.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.axonframework.common.infra.ComponentDescriptor;
import org.axonframework.eventsourcing.eventstore.AppendCondition;
import org.axonframework.eventsourcing.eventstore.AppendEventsTransactionRejectedException;
import org.axonframework.eventsourcing.eventstore.ConsistencyMarker;
import org.axonframework.eventsourcing.eventstore.EmptyAppendTransaction;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.SourcingCondition;
import org.axonframework.eventsourcing.eventstore.TaggedEventMessage;
import org.axonframework.messaging.core.Context;
import org.axonframework.messaging.core.DelayedMessageStream;
import org.axonframework.messaging.core.MessageStream;
import org.axonframework.messaging.core.MessageType;
import org.axonframework.messaging.core.QualifiedName;
import org.axonframework.messaging.core.unitofwork.ProcessingContext;
import org.axonframework.messaging.eventhandling.EventMessage;
import org.axonframework.messaging.eventhandling.GenericEventMessage;
import org.axonframework.messaging.eventhandling.TerminalEventMessage;
import org.axonframework.messaging.eventhandling.processing.streaming.token.TrackingToken;
import org.axonframework.messaging.eventstreaming.EventCriteria;
import org.axonframework.messaging.eventstreaming.EventCriterion;
import org.axonframework.messaging.eventstreaming.StreamingCondition;
import org.axonframework.messaging.eventstreaming.Tag;

/**
 * Axon's storage engine on PostgreSQL through the Vert.x reactive client: nothing blocks, a command's events go in
 * with one statement in one short transaction (shared with concurrent commands' under {@link GroupCommit}), and a stale writer collides on the (stream_id, stream_version)
 * constraint rather than waiting on any lock. Every event is hash-chained to its stream's previous event.
 *
 * <p>Axon marks {@code EventStorageEngine} {@code @Internal}; this class is the one place an Axon upgrade touches.
 */
public final class PgEventStorageEngine implements EventStorageEngine {

    /** The tag that names a stream: one complaint. */
    public static final String STREAM_TAG = "complaintId";

    /** Events per {@link #stream} call. */
    static final int STREAM_PAGE = 1000;

    private final Pool pool;
    private final EventCodec codec;
    private final Clock clock;
    private final LedgerReader reader;
    private final GroupCommit groupCommit;
    private final ObjectMapper json = new ObjectMapper();
    private final MeterRegistry metrics;
    private final Timer appended;
    private final Timer conflicted;
    private final Timer failed;
    // one lookup per event on the append path: the counters are built once per type, not once per event
    private final Map<String, Counter> appendedByType = new ConcurrentHashMap<>();

    /** Every append its own statement, as soon as it comes. */
    public PgEventStorageEngine(Pool pool, EventCodec codec, Clock clock, MeterRegistry metrics) {
        this(pool, codec, clock, metrics, 1, 1, Duration.ZERO);
    }

    /** With group commit when {@code maxBatch} is above 1: see {@link GroupCommit}. */
    public PgEventStorageEngine(
            Pool pool,
            EventCodec codec,
            Clock clock,
            MeterRegistry metrics,
            int maxBatch,
            int maxInFlight,
            Duration window) {
        this.pool = pool;
        this.codec = codec;
        this.clock = clock;
        this.reader = new LedgerReader(pool);
        this.groupCommit = new GroupCommit(
                pool,
                maxBatch > 1 ? new GroupCommit.Settings(maxBatch, maxInFlight, window) : GroupCommit.Settings.OFF);
        this.metrics = metrics;
        this.appended = appendTimer("appended");
        // a writer that lost a race on a complaint (or on its idempotency key): Axon decides again on fresh state
        this.conflicted = appendTimer("conflict");
        this.failed = appendTimer("failed");
    }

    /**
     * One command's append, from queueing to its commit (with group commit, the wait for its batch included), so
     * its latency is the write path's floor. Buckets rather than percentiles computed here: the replicas' buckets add
     * up in Prometheus, their percentiles would not.
     */
    private Timer appendTimer(String outcome) {
        return Timer.builder("ledger.appends")
                .description("Appends of one command's events, from queueing to their commit")
                .tag("outcome", outcome)
                .serviceLevelObjectives(Stream.of(1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 5000)
                        .map(Duration::ofMillis)
                        .toArray(Duration[]::new))
                .register(metrics);
    }

    @Override
    public CompletableFuture<AppendTransaction<?>> appendEvents(
            AppendCondition condition, ProcessingContext context, List<TaggedEventMessage<?>> events) {
        if (events.isEmpty()) {
            return CompletableFuture.completedFuture(EmptyAppendTransaction.INSTANCE);
        }
        try {
            StreamHead head = headOf(condition, events);
            List<EventEnvelope.Stored> sealed = seal(head, events);
            Map<String, String> metadata = events.getFirst().event().metadata();
            String idempotencyKey = metadata.get(AppendMetadata.IDEMPOTENCY_KEY);
            EventEnvelope last = sealed.getLast().envelope();
            GroupCommit.IdempotencyRow key = idempotencyKey == null
                    ? null
                    : new GroupCommit.IdempotencyRow(
                            metadata.get(AppendMetadata.IDEMPOTENCY_SCOPE),
                            idempotencyKey,
                            metadata.get(AppendMetadata.REQUEST_HASH),
                            last.complaintId(),
                            last.version(),
                            metadata.getOrDefault(AppendMetadata.OUTCOME, "CHANGED"));
            GroupCommit.Rows rows = rows(sealed, events, key);
            return CompletableFuture.completedFuture(new Append(
                    head, rows, new StreamHead(head.streamId(), last.version(), last.hash()), rows.envelopes()));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private final class Append implements AppendTransaction<StreamHead> {
        private final StreamHead expected;
        private final GroupCommit.Rows rows;
        private final StreamHead next;
        private final List<EventEnvelope> envelopes;
        private final AtomicBoolean finished = new AtomicBoolean();

        private Append(StreamHead expected, GroupCommit.Rows rows, StreamHead next, List<EventEnvelope> envelopes) {
            this.expected = expected;
            this.rows = rows;
            this.next = next;
            this.envelopes = envelopes;
        }

        @Override
        public CompletableFuture<StreamHead> commit(ProcessingContext context) {
            if (finished.getAndSet(true)) {
                return CompletableFuture.failedFuture(new IllegalStateException("already committed or rolled back"));
            }
            Timer.Sample sample = Timer.start(metrics);
            // one statement outside an explicit transaction, alone or with other commands' appends
            return groupCommit.append(rows).handle((committed, failure) -> {
                if (failure == null) {
                    sample.stop(appended);
                    envelopes.forEach(e -> appendedByType
                            .computeIfAbsent(e.type(), PgEventStorageEngine.this::eventsAppended)
                            .increment());
                    return next;
                }
                RuntimeException translated = translate(failure, expected);
                sample.stop(
                        translated instanceof AppendEventsTransactionRejectedException
                                        || translated instanceof IdempotencyKeyTakenException
                                ? conflicted
                                : failed);
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
        return Counter.builder("ledger.events.appended")
                .description("Events committed to the ledger")
                .tag("type", type)
                .register(metrics);
    }

    private static RuntimeException translate(Throwable failure, StreamHead expected) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException c && c.getCause() != null
                ? c.getCause()
                : failure;
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
        // nothing sourced: the append starts a new stream, chained from the genesis hash at version 1, and the
        // stream's unique (stream, version) key refuses it, as a conflict, if the stream exists after all
        if (AppendCondition.none().equals(condition)) {
            return StreamHead.empty(streamId);
        }
        // a condition without our marker would chain to an unknown hash: refuse rather than guess
        throw new IllegalArgumentException(
                "append to " + streamId + " without a sourced stream head: " + condition.consistencyMarker());
    }

    private List<EventEnvelope.Stored> seal(StreamHead head, List<TaggedEventMessage<?>> events) {
        Instant recordedAt = clock.instant();
        List<EventEnvelope.Stored> sealed = new ArrayList<>(events.size());
        String previousHash = head.hash();
        int version = head.version();
        for (TaggedEventMessage<?> tagged : events) {
            EventMessage message = tagged.event();
            EventCodec.Encoded encoded = codec.encode(message.payload());
            EventEnvelope.Stored stored = EventEnvelope.sealedForStorage(
                    head.streamId(),
                    ++version,
                    UUID.fromString(message.identifier()),
                    encoded.type(),
                    encoded.schemaVersion(),
                    encoded.occurredAt(),
                    recordedAt,
                    encoded.actor(),
                    encoded.data(),
                    previousHash);
            sealed.add(stored);
            previousHash = stored.envelope().hash();
        }
        return sealed;
    }

    private GroupCommit.Rows rows(
            List<EventEnvelope.Stored> sealed, List<TaggedEventMessage<?>> events, GroupCommit.IdempotencyRow key) {
        List<EventEnvelope> envelopes = new ArrayList<>(sealed.size());
        List<String> actors = new ArrayList<>(sealed.size());
        List<String> data = new ArrayList<>(sealed.size());
        List<String> metadata = new ArrayList<>(sealed.size());
        for (int i = 0; i < sealed.size(); i++) {
            EventEnvelope.Stored stored = sealed.get(i);
            envelopes.add(stored.envelope());
            actors.add(stored.actorJson());
            data.add(stored.dataJson());
            metadata.add(write(AppendMetadata.stored(events.get(i).event().metadata())));
        }
        return new GroupCommit.Rows(envelopes, actors, data, metadata, key);
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
        CompletableFuture<MessageStream<EventMessage>> loaded = reader.stream(streamId)
                .thenApply(envelopes -> {
                    List<EventMessage> messages =
                            envelopes.stream().map(this::toMessage).toList();
                    StreamHead head = envelopes.isEmpty()
                            ? StreamHead.empty(streamId)
                            : new StreamHead(
                                    streamId,
                                    envelopes.getLast().version(),
                                    envelopes.getLast().hash());
                    return MessageStream.fromIterable(messages)
                            .concatWith(MessageStream.just(
                                            TerminalEventMessage.INSTANCE,
                                            terminal -> Context.with(ConsistencyMarker.RESOURCE_KEY, head))
                                    .cast());
                });
        return DelayedMessageStream.create(loaded);
    }

    private EventMessage toMessage(EventEnvelope envelope) {
        return new GenericEventMessage(
                envelope.eventId().toString(),
                new MessageType(envelope.type(), Integer.toString(envelope.schemaVersion())),
                codec.decode(envelope),
                Map.of(),
                envelope.occurredAt());
    }

    private static UUID streamOf(Set<Tag> tags) {
        return tags.stream()
                .filter(tag -> STREAM_TAG.equals(tag.key()))
                .map(tag -> UUID.fromString(tag.value()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no " + STREAM_TAG + " tag in " + tags));
    }

    // The read side's gap-free streaming (the xid8 horizon) and its tokens come with the projections.

    /**
     * A page of the ledger's matching events in gap-free order after the condition's position: the events of
     * transactions below the horizon of those still in flight, so nothing committed later can ever land behind a
     * token handed out here. The stream ends with the page; a reader streams again from its last entry's
     * {@link HorizonToken}. The service's
     * own projections read the same order through {@link HorizonFeed}, segment by segment (README, "Projections").
     */
    @Override
    public MessageStream<EventMessage> stream(StreamingCondition condition, ProcessingContext context) {
        CompletableFuture<HorizonToken> from = switch (condition.position()) {
            case HorizonToken token -> CompletableFuture.completedFuture(token);
            case null -> CompletableFuture.completedFuture(HorizonToken.ORIGIN);
            case TrackingToken token
            when token == TrackingToken.FIRST -> CompletableFuture.completedFuture(HorizonToken.ORIGIN);
            case TrackingToken token
            when token == TrackingToken.LATEST -> latestToken(context).thenApply(HorizonToken.class::cast);
            case TrackingToken token ->
                CompletableFuture.failedFuture(new IllegalArgumentException("not a token of this ledger: " + token));
        };
        return DelayedMessageStream.create(from.thenCompose(token -> matching(token, condition.criteria())));
    }

    /**
     * The events after {@code token} that match, one page of the ledger at a time, reading on past pages where
     * nothing matches: a reader of one complaint's events gets them, or the end, never an empty page it cannot
     * move past (its position is the token of the last event it was given).
     */
    private CompletableFuture<MessageStream<EventMessage>> matching(HorizonToken token, EventCriteria criteria) {
        return pool.preparedQuery(HorizonFeed.SEGMENT_BATCH)
                .execute(Tuple.of(Long.toString(token.tx()), token.eventPosition(), 1, 0, STREAM_PAGE))
                .toCompletionStage()
                .toCompletableFuture()
                .thenCompose(rows -> {
                    Map<EventMessage, HorizonToken> tokens = new IdentityHashMap<>();
                    List<EventMessage> messages = new ArrayList<>(rows.size());
                    HorizonToken last = token;
                    for (Row row : rows) {
                        EventEnvelope envelope = HorizonFeed.envelope(row);
                        last = new HorizonToken(Long.parseLong(row.getString("tx")), row.getLong("position"));
                        Set<Tag> tags =
                                Set.of(Tag.of(STREAM_TAG, envelope.complaintId().toString()));
                        if (criteria.matches(new QualifiedName(envelope.type()), tags)) {
                            EventMessage message = toMessage(envelope);
                            messages.add(message);
                            tokens.put(message, last);
                        }
                    }
                    if (messages.isEmpty() && rows.size() == STREAM_PAGE) {
                        return matching(last, criteria);
                    }
                    return CompletableFuture.completedFuture(MessageStream.fromIterable(
                            messages, message -> Context.with(TrackingToken.RESOURCE_KEY, tokens.get(message))));
                });
    }

    @Override
    public CompletableFuture<TrackingToken> firstToken(ProcessingContext context) {
        return CompletableFuture.completedFuture(HorizonToken.ORIGIN);
    }

    /** After the last event below the horizon: everything a reader could have seen by now. */
    @Override
    public CompletableFuture<TrackingToken> latestToken(ProcessingContext context) {
        return token("""
                SELECT e.tx::text AS tx, e.position FROM events e
                 WHERE e.tx < pg_snapshot_xmin(pg_current_snapshot())
                 ORDER BY e.tx DESC, e.position DESC LIMIT 1""", Tuple.tuple(), HorizonToken.ORIGIN);
    }

    /** Just before the first event, in gap-free order, recorded at or after {@code at}; the latest when none is. */
    @Override
    public CompletableFuture<TrackingToken> tokenAt(Instant at, ProcessingContext context) {
        return token("""
                        SELECT e.tx::text AS tx, e.position - 1 AS position FROM events e
                         WHERE e.recorded_at >= $1 AND e.tx < pg_snapshot_xmin(pg_current_snapshot())
                         ORDER BY e.tx, e.position LIMIT 1""", Tuple.of(at.atOffset(java.time.ZoneOffset.UTC)), null)
                .thenCompose(token -> token != null ? CompletableFuture.completedFuture(token) : latestToken(context));
    }

    private CompletableFuture<TrackingToken> token(String sql, Tuple parameters, HorizonToken none) {
        return pool.preparedQuery(sql)
                .execute(parameters)
                .toCompletionStage()
                .toCompletableFuture()
                .thenApply(rows -> {
                    if (rows.size() == 0) {
                        return none;
                    }
                    Row row = rows.iterator().next();
                    return new HorizonToken(Long.parseLong(row.getString("tx")), row.getLong("position"));
                });
    }

    @Override
    public void describeTo(ComponentDescriptor descriptor) {
        descriptor.describeProperty("store", "PostgreSQL (Vert.x reactive client)");
    }
}
