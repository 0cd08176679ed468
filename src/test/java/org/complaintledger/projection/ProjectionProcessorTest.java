package org.complaintledger.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.complaintledger.complaint.Actor;
import org.complaintledger.complaint.Channel;
import org.complaintledger.complaint.ComplaintEvent;
import org.complaintledger.complaint.ReportType;
import org.complaintledger.complaint.codec.ComplaintEventCodec;
import org.complaintledger.ledger.EventEnvelope;
import org.complaintledger.ledger.EventSchemas;
import org.complaintledger.ledger.HorizonFeed;
import org.complaintledger.support.Api;
import org.complaintledger.support.OnVertx;
import org.complaintledger.support.Tokens;
import org.eclipse.microprofile.config.ConfigProvider;
import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.Test;

/**
 * The processor's guarantees against the real database: nothing skipped behind a long-open transaction, nothing
 * half-written by a failing batch, nothing applied twice across instances or restarts.
 */
@QuarkusTest
class ProjectionProcessorTest {

    @Inject
    Pool pool;

    @Inject
    Mutiny.SessionFactory sessions;

    @Inject
    HorizonFeed feed;

    @Inject
    Projections projections;

    @Inject
    io.vertx.core.Vertx vertx;

    @Inject
    io.micrometer.core.instrument.MeterRegistry metrics;

    private <T> T run(java.util.function.Supplier<io.smallrye.mutiny.Uni<T>> work) {
        return org.complaintledger.support.OnVertx.await(vertx, work);
    }

    /** Enough batches of 50 for any segment of this suite's ledger in one turn. */
    private static final int BATCHES_PER_TURN = 1000;

    private ProjectionProcessor processor(CountingProjector projector, String owner) {
        return processor(projector, owner, 0);
    }

    private ProjectionProcessor processor(CountingProjector projector, String owner, long balanceEveryMs) {
        return new ProjectionProcessor(
                projector,
                owner,
                new ProjectionProcessor.Settings(4, 50, 10, balanceEveryMs),
                pool,
                feed,
                metrics,
                vertx);
    }

    /** A setting as a pooled connection of the application has it. */
    private String show(String setting) {
        return run(() -> pool.query("SHOW " + setting)
                .execute()
                .map(rows -> rows.iterator().next().getString(0)));
    }

    /** The projection's table made, the processor registered and drained: every event so far applied once. */
    private void startAndDrain(ProjectionProcessor processor, String projection) {
        run(() -> CountingProjector.createTable(sessions));
        run(processor::register);
        run(() -> drain(processor));
        assertExactlyOnce(projection);
    }

    /** Turns the processors until none applies anything more. */
    private static io.smallrye.mutiny.Uni<Integer> drain(ProjectionProcessor... processors) {
        io.smallrye.mutiny.Uni<Integer> turn =
                io.smallrye.mutiny.Uni.createFrom().item(0);
        for (ProjectionProcessor processor : processors) {
            turn = turn.flatMap(sum -> processor.turn(BATCHES_PER_TURN).map(n -> sum + n));
        }
        return turn.flatMap(applied -> applied == 0
                ? io.smallrye.mutiny.Uni.createFrom().item(0)
                : drain(processors).map(more -> applied + more));
    }

    private io.smallrye.mutiny.Uni<long[]> totals(String projection) {
        return pool.query("SELECT count(*) FROM events")
                .execute()
                .map(rows -> rows.iterator().next().getLong(0))
                .flatMap(events -> pool.preparedQuery("""
                                SELECT coalesce(sum(events), 0) AS applied, coalesce(sum(c.events), 0) AS counted,
                                       coalesce(bool_and(c.max_version = e.head AND c.events = e.head), true) AS exact
                                  FROM test_event_counts c
                                  JOIN (SELECT stream_id, max(stream_version) AS head FROM events GROUP BY stream_id) e
                                    USING (stream_id)
                                 WHERE c.projection = $1""")
                        .execute(Tuple.of(projection))
                        .map(rows -> {
                            var row = rows.iterator().next();
                            return new long[] {events, row.getLong("counted"), row.getBoolean("exact") ? 1 : 0};
                        }));
    }

    @Test
    void two_instances_apply_every_event_once_and_one_takes_over_when_the_other_stops() {
        Api.dispatched("warga-two-1");
        Api.dispatched("warga-two-2");
        CountingProjector projector = new CountingProjector("test-two-instances");
        ProjectionProcessor a = processor(projector, "instance-a");
        ProjectionProcessor b = processor(projector, "instance-b");
        run(() -> CountingProjector.createTable(sessions));
        run(a::register);
        run(() -> drain(a, b));
        run(() -> drain(a, b));
        assertExactlyOnce("test-two-instances");
        assertThat(a.ownedSegments()).hasSize(2);
        assertThat(b.ownedSegments()).hasSize(2).doesNotContainAnyElementsOf(a.ownedSegments());

        run(b::stop);
        Api.dispatched("warga-two-3");
        // a batch of the application's own projections that took its transaction id before the dispatch committed
        // holds the horizon below the new events until it commits: nothing is skipped, but a drain may come too early
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            run(() -> drain(a));
            assertExactlyOnce("test-two-instances");
        });
        assertThat(a.ownedSegments()).hasSize(4);
        run(a::stop);
    }

    @Test
    void a_batch_commits_without_waiting_for_the_disk_plans_for_the_tables_as_they_are_and_the_connection_goes_back() {
        Api.dispatched("warga-async-commit");
        CountingProjector projector = new CountingProjector("test-async-commit");
        ProjectionProcessor processor = processor(projector, "instance-async-commit");
        startAndDrain(processor, "test-async-commit");
        assertThat(projector.commitModes).containsExactly("off");
        // and plans its statements for the tables as they are (ProjectionProcessor.CURRENT_PLANS)
        assertThat(projector.planModes).containsExactly("force_custom_plan");
        // SET LOCAL ends with the batch's transaction: whatever uses the pooled connections next (the ledger's
        // appends among them) commits durably again, and keeps its cached plans
        for (int i = 0; i < 5; i++) {
            assertThat(show("synchronous_commit")).isEqualTo("on");
            assertThat(show("plan_cache_mode")).isEqualTo("auto");
            // and never compiles a plan (application.properties: a misestimated lookup took 1.7 s to compile)
            assertThat(show("jit")).isEqualTo("off");
        }
        run(processor::stop);
    }

    @Test
    void batches_the_database_lost_in_a_crash_are_applied_again_from_the_stored_checkpoint() {
        Api.dispatched("warga-lost-1");
        CountingProjector projector = new CountingProjector("test-lost-commits");
        ProjectionProcessor processor = processor(projector, "instance-lost-commits");
        startAndDrain(processor, "test-lost-commits");
        // the running instance's checkpoints in memory are now ahead of the stored ones
        loseEveryBatch("test-lost-commits");
        Api.dispatched("warga-lost-2");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            run(() -> drain(processor));
            assertExactlyOnce("test-lost-commits");
        });
        run(processor::stop);
    }

    @Test
    void a_batch_over_a_checkpoint_the_database_lost_rolls_back_instead_of_skipping_the_lost_events() {
        String complaint = Api.dispatched("warga-guard-1");
        CountingProjector projector = new CountingProjector("test-lost-guard");
        // balances at its first turn only: from then on it runs on the checkpoints it holds in memory, as an instance
        // does between two balances
        ProjectionProcessor first = processor(projector, "instance-lost-guard-1", 3_600_000);
        startAndDrain(first, "test-lost-guard");
        loseEveryBatch("test-lost-guard");
        projector.commitModes.clear();
        // a new event of a complaint whose earlier events were lost, so in the same segment as they are
        Api.post(Tokens.officer("dinas-pupr"), "/api/complaints/" + complaint + "/acknowledge", "{}")
                .statusCode(200);
        // until a batch of the new event has been tried over the lost checkpoint
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            run(() -> drain(first));
            assertThat(projector.commitModes).isNotEmpty();
        });
        run(first::stop);
        // had that batch committed, its checkpoint would lie past the lost events and no instance would apply them
        ProjectionProcessor second = processor(projector, "instance-lost-guard-2");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            run(() -> drain(second));
            assertExactlyOnce("test-lost-guard");
        });
        run(second::stop);
    }

    @Test
    void a_batch_failing_half_way_writes_neither_rows_nor_checkpoint_and_a_restart_continues_exactly() {
        Api.dispatched("warga-fail");
        CountingProjector projector = new CountingProjector("test-failing");
        projector.failMidBatch = true;
        ProjectionProcessor first = processor(projector, "instance-failing");
        run(() -> CountingProjector.createTable(sessions));
        run(first::register);
        run(() -> first.turn(BATCHES_PER_TURN));
        assertThat(run(() -> totals("test-failing"))[1]).isZero();
        long applied = run(() -> pool.preparedQuery(
                        "SELECT coalesce(sum(applied), 0) FROM projection_segments WHERE projection = $1")
                .execute(Tuple.of("test-failing"))
                .map(rows -> rows.iterator().next().getLong(0)));
        assertThat(applied).isZero();
        // the instance dies; another one starts and carries on from the untouched checkpoint
        run(first::stop);
        projector.failMidBatch = false;
        run(() -> drain(processor(projector, "instance-restarted")));
        assertExactlyOnce("test-failing");
    }

    @Test
    void an_event_in_a_transaction_held_open_while_others_commit_is_received_by_every_projection() {
        UUID late = UUID.randomUUID();
        CountingProjector projector = new CountingProjector("test-late-commit");
        ProjectionProcessor processor = processor(projector, "instance-late");
        run(() -> CountingProjector.createTable(sessions));
        run(processor::register);
        // a transaction takes its position first and commits last
        var connection = run(() -> pool.getConnection());
        var transaction = run(connection::begin);
        run(() -> connection.preparedQuery(INSERT).execute(submitted(late)));
        for (int i = 0; i < 5; i++) {
            Api.dispatched("warga-late-" + i);
        }
        run(() -> drain(processor));
        assertThat(run(() -> countFor(projector.name(), late))).isZero();

        run(() -> transaction.commit().eventually(connection::close));
        run(() -> drain(processor));
        assertThat(run(() -> countFor(projector.name(), late))).isEqualTo(1);
        assertExactlyOnce(projector.name());
        run(processor::stop);
        // and the application's own projections too
        org.complaintledger.support.ReadSide.caughtUp(pool.getDelegate());
        long viewRows = run(() -> pool.preparedQuery("SELECT count(*) FROM complaint_views WHERE id = $1")
                .execute(Tuple.of(late))
                .map(rows -> rows.iterator().next().getLong(0)));
        assertThat(viewRows).isEqualTo(1);
    }

    @Test
    void a_stopping_instance_lets_its_turn_in_flight_finish_before_giving_its_segments_back() throws Exception {
        CountingProjector projector = new CountingProjector("test-stop-in-flight");
        ProjectionProcessor stopping = processor(projector, "instance-stopping");
        run(() -> CountingProjector.createTable(sessions));
        run(stopping::register);
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        CompletableFuture<Integer> turn;
        Uni<Void> stop;
        try (var blocker = DriverManager.getConnection(url, "postgres", "")) {
            blocker.setAutoCommit(false);
            // the turn's first statement (announcing the instance) waits on this lock; the release does not
            blocker.createStatement().execute("LOCK TABLE projection_instances IN SHARE MODE");
            turn = OnVertx.start(vertx, () -> stopping.turn(BATCHES_PER_TURN));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> run(() -> pool.query("SELECT count(*) FROM pg_locks WHERE NOT granted")
                                    .execute()
                                    .map(rows -> rows.iterator().next().getLong(0)))
                            > 0);
            stop = stopping.stop().memoize().indefinitely();
            OnVertx.start(vertx, () -> stop);
            Thread.sleep(300); // long enough for a stop that did not wait to have released the segments
            blocker.commit();
        }
        turn.get(10, TimeUnit.SECONDS);
        run(() -> stop);
        // the turn claimed the segments after the stop began; the stop gave them back after the turn
        long stillOwned = run(() -> pool.preparedQuery(
                        "SELECT count(*) FROM projection_segments WHERE projection = $1 AND owner IS NOT NULL")
                .execute(Tuple.of(projector.name()))
                .map(rows -> rows.iterator().next().getLong(0)));
        assertThat(stillOwned).isZero();
    }

    /**
     * What a database crash that lost every one of a projection's asynchronously committed batches leaves behind: its
     * rows and its checkpoints as they were before them.
     */
    private void loseEveryBatch(String projection) {
        run(() -> pool.preparedQuery("DELETE FROM test_event_counts WHERE projection = $1")
                .execute(Tuple.of(projection))
                .chain(() -> pool.preparedQuery("""
                                UPDATE projection_segments SET last_tx = '0', last_position = 0, applied = 0
                                 WHERE projection = $1""").execute(Tuple.of(projection))));
    }

    private void assertExactlyOnce(String projection) {
        long[] totals = run(() -> totals(projection));
        assertThat(totals[1]).as("events applied").isEqualTo(totals[0]);
        assertThat(totals[2])
                .as("every complaint counted exactly up to its head version")
                .isEqualTo(1);
    }

    private io.smallrye.mutiny.Uni<Long> countFor(String projection, UUID stream) {
        return pool.preparedQuery(
                        "SELECT coalesce(sum(events), 0) FROM test_event_counts WHERE projection = $1 AND stream_id = $2")
                .execute(Tuple.of(projection, stream))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    private static final String INSERT = """
            INSERT INTO events (stream_id, stream_version, event_id, type, schema_version, occurred_at, recorded_at,
                                actor, data, previous_hash, hash)
            VALUES ($1, 1, $2, $3, $4, $5, $6, $7::text::jsonb, $8::text::jsonb, $9, $10)""";

    /** A complete, correctly hashed filing, written by hand so that the test controls its transaction. */
    private static Tuple submitted(UUID id) {
        Instant now = EventEnvelope.millis(Instant.now());
        var event = new ComplaintEvent.Submitted(
                id,
                now,
                Actor.citizen("warga-late"),
                "LPR-LATE-" + id.toString().substring(0, 4).toUpperCase().replaceAll("[^A-Z0-9]", "X"),
                ReportType.COMPLAINT,
                "OTHER",
                Channel.WEB,
                "Late",
                "Committed last",
                null,
                true,
                false,
                "warga-late",
                null,
                null);
        var encoded = new ComplaintEventCodec(new EventSchemas()).encode(event);
        var envelope = EventEnvelope.sealed(
                id,
                1,
                UUID.randomUUID(),
                encoded.type(),
                encoded.schemaVersion(),
                encoded.occurredAt(),
                now,
                encoded.actor(),
                encoded.data(),
                EventEnvelope.GENESIS_HASH);
        return Tuple.tuple(java.util.List.of(
                id,
                envelope.eventId(),
                envelope.type(),
                envelope.schemaVersion(),
                now.atOffset(ZoneOffset.UTC),
                now.atOffset(ZoneOffset.UTC),
                envelope.hashedObject().get("actor").toString(),
                envelope.data().toString(),
                envelope.previousHash(),
                envelope.hash()));
    }
}
