package org.complaintledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.complaintledger.ledger.LedgerProbe.awaitSequenced;
import static org.complaintledger.ledger.LedgerProbe.ledgerSeqs;
import static org.complaintledger.ledger.LedgerProbe.row;
import static org.complaintledger.ledger.LedgerProbe.rows;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.complaintledger.complaint.codec.ComplaintEventCodec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sequencer against the real PostgreSQL, with the background sequencer of the test instance running too. */
@QuarkusTest
class LedgerSequencerTest {

    @Inject
    Pool pool;

    @Inject
    io.vertx.mutiny.sqlclient.Pool mutinyPool;

    @Inject
    io.vertx.mutiny.core.Vertx vertx;

    @Inject
    LedgerCheckpoints checkpoints;

    @Inject
    LedgerSequencer sequencer;

    @Inject
    Clock clock;

    private EngineDriver driver;

    @BeforeEach
    void engine() {
        driver = new EngineDriver(new PgEventStorageEngine(
                pool, new ComplaintEventCodec(new EventSchemas()), clock, new SimpleMeterRegistry()));
    }

    @Test
    void every_committed_event_gets_a_dense_ledger_seq_and_the_documented_chain_hash() throws Exception {
        List<UUID> streams =
                IntStream.range(0, 5).mapToObj(i -> UUID.randomUUID()).toList();
        for (UUID stream : streams) {
            driver.appendOne(stream, "first").get();
            driver.appendOne(stream, "second").get();
        }
        streams.forEach(stream -> awaitSequenced(pool, stream));

        Row shape = row(
                pool,
                "SELECT count(*) AS n, min(ledger_seq) AS lo, max(ledger_seq) AS hi, "
                        + "count(DISTINCT position) AS positions FROM ledger_chain");
        assertThat(shape.getLong("lo")).isEqualTo(1);
        assertThat(shape.getLong("hi")).isEqualTo(shape.getLong("n"));
        assertThat(shape.getLong("positions")).isEqualTo(shape.getLong("n"));
        // recomputed here from the stored event hashes with nothing but SHA-256, as the README tells an auditor
        String previous = "0".repeat(64);
        for (Row link : rows(
                pool,
                "SELECT c.chain_hash, e.hash FROM ledger_chain c JOIN events e ON e.position = c.position "
                        + "ORDER BY c.ledger_seq",
                Tuple.tuple())) {
            previous = sha256(previous + link.getString("hash"));
            assertThat(link.getString("chain_hash")).isEqualTo(previous);
        }
    }

    @Test
    void an_open_transaction_holds_the_sequencer_back_until_it_commits_and_its_event_is_then_sequenced()
            throws Exception {
        UUID early = UUID.randomUUID();
        UUID late = UUID.randomUUID();
        SqlConnection held =
                pool.getConnection().toCompletionStage().toCompletableFuture().get();
        try {
            var transaction =
                    held.begin().toCompletionStage().toCompletableFuture().get();
            insertRaw(held, early);
            // begun and written first, committed last: a "highest position seen" reader would skip it forever
            driver.appendOne(late, "committed while the other is open").get();
            sequencer.drain().await().atMost(Duration.ofSeconds(10));
            Thread.sleep(300);
            assertThat(ledgerSeqs(pool, late)).containsExactly((Long) null);

            transaction.commit().toCompletionStage().toCompletableFuture().get();
        } finally {
            held.close();
        }
        long earlySeq = awaitSequenced(pool, early).getFirst();
        long lateSeq = awaitSequenced(pool, late).getFirst();
        assertThat(earlySeq).isLessThan(lateSeq);
        Row shape = row(pool, "SELECT count(*) AS n, max(ledger_seq) AS hi FROM ledger_chain");
        assertThat(shape.getLong("hi")).isEqualTo(shape.getLong("n"));
    }

    @Test
    void sequencers_racing_while_writers_append_never_assign_a_ledger_seq_twice_nor_skip_an_event() throws Exception {
        // four instances' sequencers, with small batches so that they contend for the lock many times
        List<LedgerSequencer> instances = IntStream.range(0, 4)
                .mapToObj(i -> new LedgerSequencer(mutinyPool, vertx, checkpoints, Duration.ofMillis(50), 7))
                .toList();
        AtomicBoolean writing = new AtomicBoolean(true);
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        List<CompletableFuture<Void>> racers = new ArrayList<>();
        for (LedgerSequencer instance : instances) {
            racers.add(CompletableFuture.runAsync(() -> {
                while (writing.get()) {
                    try {
                        instance.drain().await().atMost(Duration.ofSeconds(20));
                    } catch (RuntimeException e) {
                        failures.add(e);
                    }
                }
            }));
        }
        List<UUID> streams = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            UUID stream = UUID.randomUUID();
            streams.add(stream);
            driver.appendOne(stream, "one").get();
            driver.appendOne(stream, "two").get();
        }
        writing.set(false);
        CompletableFuture.allOf(racers.toArray(CompletableFuture[]::new)).get(1, TimeUnit.MINUTES);

        assertThat(failures).isEmpty();
        List<Long> seqs = new ArrayList<>();
        streams.forEach(stream -> seqs.addAll(awaitSequenced(pool, stream)));
        assertThat(seqs).hasSize(120).doesNotHaveDuplicates();
        Row shape = row(
                pool,
                "SELECT count(*) AS n, max(ledger_seq) AS hi, count(DISTINCT position) AS positions "
                        + "FROM ledger_chain");
        assertThat(shape.getLong("hi")).isEqualTo(shape.getLong("n"));
        assertThat(shape.getLong("positions")).isEqualTo(shape.getLong("n"));
    }

    private static void insertRaw(SqlConnection connection, UUID stream) throws Exception {
        EventCodec.Encoded encoded =
                new ComplaintEventCodec(new EventSchemas()).encode(EngineDriver.filed(stream, "held open"));
        EventEnvelope envelope = EventEnvelope.sealed(
                stream,
                1,
                UUID.randomUUID(),
                encoded.type(),
                encoded.schemaVersion(),
                encoded.occurredAt(),
                Instant.now(),
                encoded.actor(),
                encoded.data(),
                EventEnvelope.GENESIS_HASH);
        connection
                .preparedQuery(RawEvents.INSERT)
                .execute(RawEvents.parameters(envelope))
                .toCompletionStage()
                .toCompletableFuture()
                .get();
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
