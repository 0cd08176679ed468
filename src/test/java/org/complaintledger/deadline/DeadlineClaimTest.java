package org.complaintledger.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import org.complaintledger.complaint.handling.DeadlineScheduler;
import org.complaintledger.support.Api;
import org.complaintledger.support.Deadlines;
import org.complaintledger.support.ReadSide;
import org.complaintledger.support.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The scheduler commits its claim before it acts: while its commands run it holds no row lock and no open
 * transaction, two claims never take the same deadline, and a crashed claimer's deadlines fire when its lease ends.
 * The service's own scheduler keeps running on its timer throughout, as another instance would.
 */
@QuarkusTest
class DeadlineClaimTest {

    @Inject
    DeadlineScheduler scheduler;

    @Inject
    TestClock clock;

    @Inject
    Pool pool;

    private static java.sql.Connection asTheOwner() throws java.sql.SQLException {
        var config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        return java.sql.DriverManager.getConnection(
                config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("ledger.migration.username", String.class),
                "");
    }

    @AfterEach
    void fireEverythingAndResetTheClock() {
        Deadlines.settle(pool, scheduler);
        clock.reset();
    }

    @Test
    void while_the_scheduler_runs_its_commands_it_holds_no_row_lock_and_no_open_transaction() {
        UUID id = UUID.fromString(Api.file("warga-claim-no-lock"));
        ReadSide.caughtUp(pool);
        // the append of the deadline-missed event waits behind this lock, so the scheduler is caught in the act
        // (as the migration owner: locking a table against inserts takes more than the runtime role may do with it)
        try (java.sql.Connection blocker = asTheOwner()) {
            blocker.setAutoCommit(false);
            blocker.createStatement().execute("LOCK TABLE events IN SHARE MODE");
            var pidRow = blocker.createStatement().executeQuery("SELECT pg_backend_pid()");
            pidRow.next();
            int blockerPid = pidRow.getInt(1);
            clock.advance(Duration.ofDays(8));
            CompletableFuture<Integer> pass = scheduler.fireDue(500).subscribeAsCompletionStage();
            await().atMost(Duration.ofSeconds(20)).until(() -> single("""
                    SELECT count(*) FROM pg_stat_activity
                     WHERE wait_event_type = 'Lock' AND query ILIKE '%INSERT INTO events%'""").getLong(0) > 0);

            assertThat(single(
                                    "SELECT claimed_until > now() FROM complaint_deadlines WHERE complaint_id = $1",
                                    Tuple.of(id))
                            .getBoolean(0))
                    .as("the deadline is claimed")
                    .isTrue();
            // a transaction with an xid that sits idle is what held the rows and the readers' horizon before
            assertThat(single("""
                    SELECT count(*) FROM pg_stat_activity
                     WHERE datname = current_database() AND pid <> $1
                       AND backend_xid IS NOT NULL AND state LIKE 'idle in transaction%'""", Tuple.of(blockerPid)).getLong(0))
                    .as("open transactions holding an xid")
                    .isZero();
            assertThat(lockableAtOnce(id))
                    .as("the claimed row can be locked by anyone")
                    .isTrue();

            blocker.rollback();
            pass.join();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(missed(id)).isEqualTo(1);
            assertThat(single(
                                    "SELECT count(*) FROM complaint_deadlines WHERE complaint_id = $1 AND kind = 'VERIFICATION'",
                                    Tuple.of(id))
                            .getLong(0))
                    .isZero();
        });
    }

    @Test
    void two_claims_at_once_never_take_the_same_deadline() throws Exception {
        Set<UUID> ours = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            ours.add(UUID.fromString(Api.file("warga-claim-race")));
        }
        ReadSide.caughtUp(pool);
        clock.advance(Duration.ofDays(8));
        var threads = Executors.newFixedThreadPool(2);
        List<UUID> claims = new ArrayList<>();
        try {
            CompletableFuture<List<DeadlineScheduler.Claimed>> first =
                    CompletableFuture.supplyAsync(this::claimAll, threads);
            CompletableFuture<List<DeadlineScheduler.Claimed>> second =
                    CompletableFuture.supplyAsync(this::claimAll, threads);
            List<String> taken = new ArrayList<>();
            for (var claimed : concat(first.get(), second.get())) {
                claims.add(claimed.id());
                claimed.due().forEach(d -> taken.add(d.complaintId() + "/" + d.kind()));
            }
            assertThat(taken).doesNotHaveDuplicates();
            // every one of ours was claimed, by one of the two or by the service's own timer, and none is left free
            assertThat(single("""
                    SELECT count(*) FROM complaint_deadlines
                     WHERE complaint_id = ANY($1) AND kind = 'VERIFICATION' AND claimed_until IS NULL""", Tuple.of(ours.toArray(UUID[]::new))).getLong(0))
                    .isZero();
        } finally {
            threads.shutdown();
            // nobody acts on the two test claims: give their deadlines back so that they fire now, not in a minute
            join(pool.preparedQuery(
                            "UPDATE complaint_deadlines SET claim = NULL, claimed_until = NULL WHERE claim = ANY($1)")
                    .execute(Tuple.of(claims.toArray(UUID[]::new))));
        }
        Deadlines.settle(pool, scheduler);
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(
                                single("""
                SELECT count(*) AS events, count(DISTINCT stream_id) AS complaints FROM events
                 WHERE type = 'complaint.deadline-missed' AND stream_id = ANY($1)""", Tuple.of(ours.toArray(UUID[]::new))).getLong("events"))
                        .isEqualTo(ours.size()));
    }

    @Test
    void the_deadlines_of_a_scheduler_that_died_after_claiming_fire_when_its_lease_runs_out() {
        UUID id = null;
        // the service's timer may claim between the move of the clock and ours: then try with another complaint
        for (int attempt = 0; attempt < 5 && id == null; attempt++) {
            UUID candidate = UUID.fromString(Api.file("warga-claim-crash"));
            ReadSide.caughtUp(pool);
            clock.advance(Duration.ofDays(8));
            var claimed = scheduler.claim(500, Duration.ofSeconds(3)).await().indefinitely();
            if (claimed.due().stream().anyMatch(d -> d.complaintId().equals(candidate))) {
                id = candidate;
            }
        }
        assertThat(id).as("a deadline claimed by the test's dying scheduler").isNotNull();
        UUID crashed = id;
        // the claimer is gone without acting: while its lease runs, no pass takes the deadline
        scheduler.fireDue(500).await().indefinitely();
        assertThat(missed(crashed)).isZero();
        assertThat(lockableAtOnce(crashed)).isTrue();

        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    scheduler.fireDue(500).await().indefinitely();
                    assertThat(missed(crashed)).isEqualTo(1);
                });
    }

    private List<DeadlineScheduler.Claimed> claimAll() {
        List<DeadlineScheduler.Claimed> all = new ArrayList<>();
        DeadlineScheduler.Claimed claimed;
        do {
            claimed = scheduler.claim(5, Duration.ofMinutes(1)).await().indefinitely();
            all.add(claimed);
        } while (!claimed.due().isEmpty());
        return all;
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        List<T> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private long missed(UUID id) {
        return single(
                        "SELECT count(*) FROM events WHERE stream_id = $1 AND type = 'complaint.deadline-missed'",
                        Tuple.of(id))
                .getLong(0);
    }

    /** Whether another session can lock the complaint's deadline rows without waiting. */
    private boolean lockableAtOnce(UUID id) {
        SqlConnection connection = join(pool.getConnection());
        try {
            join(connection.query("BEGIN").execute());
            join(connection
                    .preparedQuery("SELECT 1 FROM complaint_deadlines WHERE complaint_id = $1 FOR UPDATE NOWAIT")
                    .execute(Tuple.of(id)));
            return true;
        } catch (RuntimeException lockNotAvailable) {
            return false;
        } finally {
            join(connection.query("ROLLBACK").execute());
            connection.close();
        }
    }

    private Row single(String sql) {
        return join(pool.query(sql).execute()).iterator().next();
    }

    private Row single(String sql, Tuple arguments) {
        return join(pool.preparedQuery(sql).execute(arguments)).iterator().next();
    }

    private static <T> T join(io.vertx.core.Future<T> future) {
        return future.toCompletionStage().toCompletableFuture().join();
    }
}
