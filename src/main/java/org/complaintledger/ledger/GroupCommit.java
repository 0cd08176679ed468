package org.complaintledger.ledger;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Group commit: the appends of concurrent commands share one statement, so one transaction and one WAL flush carry
 * many commands. Each command was decided on its own and is acknowledged on its own.
 *
 * <p>The batch forms by itself: an append that finds a free flush slot goes out at once (no added latency when the
 * service is quiet), and appends arriving while every slot is busy wait for the next flush and go out together, as
 * many as {@code maxBatch}. A {@code window} above zero also holds a first append back that long to gather company.
 *
 * <p>A batch is all or nothing in PostgreSQL, but a command must fail alone: when the batch is refused by the
 * database (a stale writer on the stream-version constraint, an Idempotency-Key taken, any other SQL error), every
 * append of it is retried on its own, and each gets its own answer. Concurrency control, idempotency and the hash
 * chains are the single append's, unchanged: the same constraints decide, and hashes were sealed before queueing.
 */
final class GroupCommit {

    /** {@code maxBatch} 1 turns group commit off: every append is its own statement, as soon as it comes. */
    record Settings(int maxBatch, int maxInFlight, Duration window) {

        static final Settings OFF = new Settings(1, Integer.MAX_VALUE, Duration.ZERO);

        Settings {
            if (maxBatch < 1 || maxInFlight < 1 || window.isNegative()) {
                throw new IllegalArgumentException("group commit needs maxBatch >= 1, maxInFlight >= 1, window >= 0");
            }
        }

        boolean enabled() {
            return maxBatch > 1;
        }
    }

    /** One command's rows, sealed and ready; {@code key} is null without an Idempotency-Key. */
    record Rows(
            List<EventEnvelope> envelopes,
            List<String> actors,
            List<String> data,
            List<String> metadata,
            IdempotencyRow key) {}

    record IdempotencyRow(String scope, String key, String requestHash, UUID streamId, int version, String outcome) {}

    private static final String INSERT_EVENTS = """
            INSERT INTO events (stream_id, stream_version, event_id, type, schema_version, occurred_at, recorded_at,
                                actor, data, metadata, previous_hash, hash)
            SELECT s, v, e, t, sv, oa, ra, a::jsonb, d::jsonb, m::jsonb, ph, h
              FROM unnest($1::uuid[], $2::int[], $3::uuid[], $4::text[], $5::int[], $6::timestamptz[],
                          $7::timestamptz[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[])
                   AS u(s, v, e, t, sv, oa, ra, a, d, m, ph, h)""";

    // the keys go in with the events in one statement, so a key exists exactly when its command's events do
    private static final String INSERT_EVENTS_AND_IDEMPOTENCY_KEYS = "WITH appended AS (" + INSERT_EVENTS + """
             RETURNING 1)
            INSERT INTO idempotency_keys (scope, key, request_hash, stream_id, stream_version, outcome)
            SELECT * FROM unnest($13::text[], $14::text[], $15::text[], $16::uuid[], $17::int[], $18::text[])""";

    private record Pending(Rows rows, Waiter waiter) {}

    private final Pool pool;
    private final Settings settings;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private int inFlight;

    GroupCommit(Pool pool, Settings settings) {
        this.pool = pool;
        this.settings = settings;
    }

    /** Completes when the rows are committed; fails with the database's refusal of this append alone. */
    CompletableFuture<Void> append(Rows rows) {
        Pending pending = new Pending(rows, Waiter.onCurrentContext());
        boolean startFlush;
        synchronized (this) {
            queue.add(pending);
            startFlush = inFlight < settings.maxInFlight();
            if (startFlush) {
                inFlight++;
            }
        }
        if (startFlush) {
            if (settings.window().isZero()) {
                flushNext();
            } else {
                CompletableFuture.runAsync(
                        this::flushNext,
                        CompletableFuture.delayedExecutor(settings.window().toNanos(), TimeUnit.NANOSECONDS));
            }
        }
        return pending.waiter().done();
    }

    /** Runs in a held slot: flushes what is queued, then the next batch, until the queue is empty. */
    private void flushNext() {
        List<Pending> batch = new ArrayList<>();
        synchronized (this) {
            while (batch.size() < settings.maxBatch() && !queue.isEmpty()) {
                batch.add(queue.poll());
            }
            if (batch.isEmpty()) {
                inFlight--;
                return;
            }
        }
        execute(batch).whenComplete((ignored, failure) -> flushNext());
    }

    private CompletableFuture<Void> execute(List<Pending> batch) {
        return run(batch)
                .handle((ok, failure) -> {
                    if (failure == null) {
                        batch.forEach(p -> p.waiter().succeed());
                        return CompletableFuture.<Void>completedFuture(null);
                    }
                    Throwable cause =
                            failure instanceof CompletionException c && c.getCause() != null ? c.getCause() : failure;
                    if (batch.size() > 1 && cause instanceof PgException) {
                        // one refused append must not sink the others: each goes again on its own
                        return CompletableFuture.allOf(batch.stream()
                                .map(p -> run(List.of(p))
                                        .whenComplete((done, alone) -> {
                                            if (alone == null) {
                                                p.waiter().succeed();
                                            } else {
                                                p.waiter().fail(alone);
                                            }
                                        })
                                        .exceptionally(alone -> null))
                                .toArray(CompletableFuture[]::new));
                    }
                    batch.forEach(p -> p.waiter().fail(cause));
                    return CompletableFuture.<Void>completedFuture(null);
                })
                .thenCompose(Function.identity());
    }

    private CompletableFuture<Void> run(List<Pending> batch) {
        List<Rows> rows = batch.stream().map(Pending::rows).toList();
        boolean withKeys = rows.stream().anyMatch(r -> r.key() != null);
        return pool.preparedQuery(withKeys ? INSERT_EVENTS_AND_IDEMPOTENCY_KEYS : INSERT_EVENTS)
                .execute(parameters(rows, withKeys))
                .toCompletionStage()
                .toCompletableFuture()
                .thenApply(result -> null);
    }

    private static Tuple parameters(List<Rows> appends, boolean withKeys) {
        int n = appends.stream().mapToInt(r -> r.envelopes().size()).sum();
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
        int i = 0;
        for (Rows rows : appends) {
            for (int j = 0; j < rows.envelopes().size(); j++, i++) {
                EventEnvelope e = rows.envelopes().get(j);
                streams[i] = e.complaintId();
                versions[i] = e.version();
                ids[i] = e.eventId();
                types[i] = e.type();
                schemaVersions[i] = e.schemaVersion();
                occurred[i] = e.occurredAt().atOffset(ZoneOffset.UTC);
                recorded[i] = e.recordedAt().atOffset(ZoneOffset.UTC);
                actors[i] = rows.actors().get(j);
                data[i] = rows.data().get(j);
                metadata[i] = rows.metadata().get(j);
                previousHashes[i] = e.previousHash();
                hashes[i] = e.hash();
            }
        }
        Tuple tuple = Tuple.of(streams, versions, ids, types, schemaVersions, occurred)
                .addValue(recorded)
                .addValue(actors)
                .addValue(data)
                .addValue(metadata)
                .addValue(previousHashes)
                .addValue(hashes);
        if (withKeys) {
            List<IdempotencyRow> keys =
                    appends.stream().map(Rows::key).filter(k -> k != null).toList();
            tuple.addValue(keys.stream().map(IdempotencyRow::scope).toArray(String[]::new))
                    .addValue(keys.stream().map(IdempotencyRow::key).toArray(String[]::new))
                    .addValue(keys.stream().map(IdempotencyRow::requestHash).toArray(String[]::new))
                    .addValue(keys.stream().map(IdempotencyRow::streamId).toArray(UUID[]::new))
                    .addValue(keys.stream().map(IdempotencyRow::version).toArray(Integer[]::new))
                    .addValue(keys.stream().map(IdempotencyRow::outcome).toArray(String[]::new));
        }
        return tuple;
    }
}
