package org.complaintledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.axonframework.eventsourcing.eventstore.AppendEventsTransactionRejectedException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The storage engine's contract, against the real PostgreSQL of the test profile: run with each append alone
 * ({@link PgEventStorageEngineTest}) and with group commit ({@link GroupCommitEngineTest}).
 */
abstract class StorageEngineContract {

    @Inject
    Pool pool;

    @Inject
    Clock clock;

    EngineDriver driver;

    @BeforeEach
    void engine() {
        driver = new EngineDriver(newEngine());
    }

    abstract PgEventStorageEngine newEngine();

    @Test
    void thirty_two_writers_racing_on_one_complaint_get_distinct_dense_versions_or_a_conflict() throws Exception {
        UUID stream = UUID.randomUUID();
        driver.appendOne(stream, "filed").get();
        int writers = 32;
        ExecutorService threads = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        ConcurrentLinkedQueue<Integer> accepted = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Throwable> conflicts = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Throwable> otherFailures = new ConcurrentLinkedQueue<>();
        List<java.util.concurrent.Future<?>> done = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            String question = "writer " + i;
            done.add(threads.submit(() -> {
                start.await();
                // each writer keeps going until one of its appends lands or it has seen a conflict
                for (int attempt = 0; attempt < 3; attempt++) {
                    try {
                        accepted.add(driver.appendOne(stream, question)
                                .get(30, TimeUnit.SECONDS)
                                .version());
                    } catch (java.util.concurrent.ExecutionException e) {
                        Throwable cause = e.getCause() instanceof CompletionException c ? c.getCause() : e.getCause();
                        (cause instanceof AppendEventsTransactionRejectedException ? conflicts : otherFailures)
                                .add(cause);
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (var future : done) {
            future.get(2, TimeUnit.MINUTES);
        }
        threads.shutdown();

        assertThat(otherFailures).isEmpty();
        assertThat(conflicts).isNotEmpty();
        assertThat(accepted).doesNotHaveDuplicates();
        List<Integer> stored = versions(stream);
        assertThat(stored)
                .containsExactlyElementsOf(
                        IntStream.rangeClosed(1, stored.size()).boxed().toList());
        assertThat(stored.subList(1, stored.size())).containsExactlyInAnyOrderElementsOf(accepted);
        assertThat(accepted.size() + conflicts.size()).isEqualTo(writers * 3);
    }

    @Test
    void eight_threads_writing_a_thousand_complaints_each_store_every_event_once() throws Exception {
        int threads = 8;
        int perThread = 1000;
        ExecutorService pool8 = Executors.newFixedThreadPool(threads);
        List<UUID> streams = IntStream.range(0, threads * perThread)
                .mapToObj(i -> UUID.randomUUID())
                .toList();
        List<java.util.concurrent.Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            List<UUID> mine = streams.subList(t * perThread, (t + 1) * perThread);
            done.add(pool8.submit(() -> {
                // a few appends in flight per thread, as a loaded service has
                List<CompletableFuture<StreamHead>> inFlight = new ArrayList<>();
                for (UUID stream : mine) {
                    inFlight.add(driver.appendOne(stream, "first"));
                    if (inFlight.size() == 4) {
                        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new))
                                .join();
                        inFlight.clear();
                    }
                }
                CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new))
                        .join();
                return null;
            }));
        }
        for (var future : done) {
            future.get(5, TimeUnit.MINUTES);
        }
        pool8.shutdown();

        Row counts = query("""
                SELECT count(*) AS events, count(DISTINCT stream_id) AS streams, count(DISTINCT event_id) AS ids,
                       bool_and(stream_version = 1) AS all_first
                  FROM events WHERE stream_id = ANY($1)""", Tuple.of(streams.toArray(UUID[]::new)));
        assertThat(counts.getLong("events")).isEqualTo(threads * perThread);
        assertThat(counts.getLong("streams")).isEqualTo(threads * perThread);
        assertThat(counts.getLong("ids")).isEqualTo(threads * perThread);
        assertThat(counts.getBoolean("all_first")).isTrue();
    }

    @Test
    void a_command_retried_with_its_idempotency_key_appends_nothing() throws Exception {
        UUID stream = UUID.randomUUID();
        Map<String, String> metadata = Map.of(
                AppendMetadata.IDEMPOTENCY_SCOPE,
                "op-7",
                AppendMetadata.IDEMPOTENCY_KEY,
                "retry-" + stream,
                AppendMetadata.REQUEST_HASH,
                "a".repeat(64));
        StreamHead empty = driver.head(stream).get();
        driver.append(empty, List.of(EngineDriver.filed(stream, "first")), metadata)
                .get();
        // the retry lost its answer and comes again on a head that has since moved on
        StreamHead moved = driver.head(stream).get();

        assertThatThrownBy(() -> driver.append(moved, List.of(EngineDriver.event(stream, "again")), metadata)
                        .join())
                .hasCauseInstanceOf(IdempotencyKeyTakenException.class);
        assertThat(versions(stream)).containsExactly(1);
        Row key = query(
                "SELECT stream_version FROM idempotency_keys WHERE scope = 'op-7' AND key = $1",
                Tuple.of("retry-" + stream));
        assertThat(key.getInteger("stream_version")).isEqualTo(1);
    }

    @Test
    void a_stale_head_is_rejected_as_a_conflict_and_writes_nothing() throws Exception {
        UUID stream = UUID.randomUUID();
        StreamHead stale = driver.head(stream).get();
        driver.appendOne(stream, "winner").get();

        assertThatThrownBy(() -> driver.append(
                                stale,
                                List.of(EngineDriver.filed(stream, "loser"), EngineDriver.event(stream, "loser too")),
                                Map.of())
                        .join())
                .hasCauseInstanceOf(AppendEventsTransactionRejectedException.class);
        assertThat(versions(stream)).containsExactly(1);
    }

    @Test
    void updating_or_deleting_a_stored_event_fails_even_for_a_superuser() throws Exception {
        UUID stream = UUID.randomUUID();
        driver.appendOne(stream, "immutable").get();

        assertThatThrownBy(() -> execute("UPDATE events SET data = '{}' WHERE stream_id = $1", stream))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> execute("DELETE FROM events WHERE stream_id = $1", stream))
                .hasMessageContaining("append-only");
        assertThat(versions(stream)).containsExactly(1);
    }

    @Test
    void stored_hashes_match_an_independent_recomputation_of_the_documented_format() throws Exception {
        UUID stream = UUID.randomUUID();
        driver.appendOne(stream, "first").get();
        driver.appendOne(stream, "second with ünïcode, \"quotes\" and a\nnew line")
                .get();
        StreamHead head = driver.head(stream).get();
        driver.append(
                        head,
                        List.of(EngineDriver.event(stream, "third"), EngineDriver.event(stream, "fourth")),
                        Map.of())
                .get();

        List<Row> rows = new ArrayList<>();
        pool.preparedQuery("""
                        SELECT stream_id, stream_version, event_id, type, schema_version,
                               to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS occurred,
                               to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS recorded,
                               actor::text AS actor, data::text AS data, previous_hash, hash
                          FROM events WHERE stream_id = $1 ORDER BY stream_version""")
                .execute(Tuple.of(stream))
                .toCompletionStage()
                .toCompletableFuture()
                .get()
                .forEach(rows::add);
        assertThat(rows).hasSize(4);
        String previous = "0".repeat(64);
        for (Row row : rows) {
            ObjectNode envelope = SORTED.createObjectNode();
            envelope.put("complaintId", row.getUUID("stream_id").toString());
            envelope.put("version", row.getInteger("stream_version"));
            envelope.put("eventId", row.getUUID("event_id").toString());
            envelope.put("type", row.getString("type"));
            envelope.put("schemaVersion", row.getInteger("schema_version"));
            envelope.put("occurredAt", row.getString("occurred"));
            envelope.put("recordedAt", row.getString("recorded"));
            envelope.set("actor", SORTED.readTree(row.getString("actor")));
            envelope.set("data", SORTED.readTree(row.getString("data")));
            envelope.put("previousHash", previous);
            assertThat(row.getString("previous_hash")).isEqualTo(previous);
            String expected = sha256(SORTED.writeValueAsString(SORTED.treeToValue(envelope, Object.class)));
            assertThat(row.getString("hash"))
                    .as("hash of version %d", row.getInteger("stream_version"))
                    .isEqualTo(expected);
            previous = expected;
        }
    }

    /** Sorted keys and compact output: RFC 8785 for the strings, integers and objects these envelopes hold. */
    private static final ObjectMapper SORTED = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private static String sha256(String text) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    List<Integer> versions(UUID stream) throws Exception {
        List<Integer> versions = new ArrayList<>();
        pool.preparedQuery("SELECT stream_version FROM events WHERE stream_id = $1 ORDER BY stream_version")
                .execute(Tuple.of(stream))
                .toCompletionStage()
                .toCompletableFuture()
                .get()
                .forEach(row -> versions.add(row.getInteger(0)));
        return versions;
    }

    Row query(String sql, Tuple parameters) throws Exception {
        return pool.preparedQuery(sql)
                .execute(parameters)
                .toCompletionStage()
                .toCompletableFuture()
                .get()
                .iterator()
                .next();
    }

    /** As the superuser, not as the service's runtime role, which has no UPDATE or DELETE on events to begin with. */
    private void execute(String sql, UUID stream) throws Exception {
        String url = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("quarkus.datasource.jdbc.url", String.class);
        try (var connection = java.sql.DriverManager.getConnection(url, "postgres", "");
                var statement = connection.prepareStatement(sql.replace("$1", "?"))) {
            statement.setObject(1, stream);
            statement.executeUpdate();
        }
    }
}
