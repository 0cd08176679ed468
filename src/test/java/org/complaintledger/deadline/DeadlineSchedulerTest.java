package org.complaintledger.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.complaintledger.support.Api.as;
import static org.complaintledger.support.Api.post;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.complaintledger.complaint.handling.DeadlineScheduler;
import org.complaintledger.support.Api;
import org.complaintledger.support.ReadSide;
import org.complaintledger.support.TestClock;
import org.complaintledger.support.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Deadlines that act: scenarios with a moved clock, against the real database and the running projections. */
@QuarkusTest
class DeadlineSchedulerTest {

    @Inject
    DeadlineScheduler scheduler;

    @Inject
    TestClock clock;

    @Inject
    Pool pool;

    @AfterEach
    void resetClock() {
        fireAll();
        clock.reset();
    }

    /**
     * Fires every due deadline. The service's own scheduler runs beside the test's passes and may hold a claim on a
     * row while its command runs, so a pass that finds nothing left to claim is not yet the end: wait until no claim
     * is held, and pass again.
     */
    private void fireAll() {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
            ReadSide.caughtUp(pool);
            while (scheduler.fireDue(500).await().indefinitely() > 0) {
                ReadSide.caughtUp(pool);
            }
            ReadSide.caughtUp(pool);
            return claimsHeld() == 0;
        });
    }

    private long claimsHeld() {
        return pool.preparedQuery("SELECT count(*) FROM complaint_deadlines WHERE claimed_until > now()")
                .execute()
                .toCompletionStage()
                .toCompletableFuture()
                .join()
                .iterator()
                .next()
                .getLong(0);
    }

    private List<String> types(String id) {
        return as(Tokens.auditor())
                .get("/api/complaints/" + id + "/history")
                .then()
                .statusCode(200)
                .extract()
                .path("events.type");
    }

    private String status(String id) {
        return as(Tokens.operator())
                .get("/api/complaints/" + id)
                .then()
                .statusCode(200)
                .extract()
                .path("status");
    }

    @Test
    void a_follow_up_missed_once_is_recorded_and_missed_twice_escalates_to_the_ombudsman() {
        String id = Api.dispatched("warga-late-agency");
        String path = "/api/complaints/" + id;
        clock.advance(Duration.ofDays(10));
        fireAll();
        assertThat(types(id)).containsOnlyOnce("complaint.deadline-missed");
        assertThat(status(id)).isEqualTo("DISPATCHED");

        String officer = Tokens.officer("dinas-pupr");
        post(officer, path + "/acknowledge", "{}").statusCode(200);
        post(officer, path + "/follow-ups", "{\"message\":\"terlambat\"}").statusCode(200);
        post(Tokens.citizen("warga-late-agency"), path + "/object", "{\"reason\":\"belum beres\"}")
                .statusCode(200);
        // twenty days: five working days from the objection reach past the year-end holidays (cuti bersama)
        clock.advance(Duration.ofDays(20));
        fireAll();
        List<String> types = types(id);
        assertThat(types.stream().filter("complaint.deadline-missed"::equals)).hasSize(2);
        assertThat(types.getLast()).isEqualTo("complaint.escalated");
        assertThat(status(id)).isEqualTo("ESCALATED");
    }

    @Test
    void a_complaint_is_auto_closed_after_the_complainants_silence() {
        String id = Api.dispatched("warga-silent");
        String path = "/api/complaints/" + id;
        String officer = Tokens.officer("dinas-pupr");
        post(officer, path + "/acknowledge", "{}").statusCode(200);
        post(officer, path + "/follow-ups", "{\"message\":\"sudah\"}").statusCode(200);
        clock.advance(Duration.ofDays(20));
        fireAll();
        assertThat(status(id)).isEqualTo("COMPLETED");
        assertThat(types(id)).endsWith("complaint.deadline-missed", "complaint.completed");
        var outcome = pool.preparedQuery(
                        "SELECT data->>'outcome' FROM events WHERE stream_id = $1 AND type = 'complaint.completed'")
                .execute(Tuple.of(UUID.fromString(id)))
                .toCompletionStage()
                .toCompletableFuture()
                .join()
                .iterator()
                .next()
                .getString(0);
        assertThat(outcome).isEqualTo("AUTO_CLOSED");
    }

    @Test
    void a_clarification_that_never_came_archives_the_complaint() {
        String id = Api.file("warga-no-answer");
        post(Tokens.operator(), "/api/complaints/" + id + "/clarification-requests", "{\"question\":\"Di mana?\"}")
                .statusCode(200);
        clock.advance(Duration.ofDays(20));
        fireAll();
        assertThat(status(id)).isEqualTo("ARCHIVED");
        assertThat(types(id)).endsWith("complaint.deadline-missed", "complaint.archived");
    }

    @Test
    void a_deadline_whose_awaited_step_happened_is_cancelled_not_fired() {
        String id = Api.dispatched("warga-on-time");
        String path = "/api/complaints/" + id;
        String officer = Tokens.officer("dinas-pupr");
        post(officer, path + "/acknowledge", "{}").statusCode(200);
        post(officer, path + "/follow-ups", "{\"message\":\"tepat waktu\"}").statusCode(200);
        post(Tokens.citizen("warga-on-time"), path + "/accept", "{\"rating\":5}")
                .statusCode(200);
        clock.advance(Duration.ofDays(20));
        fireAll();
        assertThat(types(id)).doesNotContain("complaint.deadline-missed");
        assertThat(status(id)).isEqualTo("COMPLETED");
    }

    @Test
    void two_schedulers_on_one_database_fire_each_of_a_thousand_due_deadlines_exactly_once() throws Exception {
        List<String> ids = new ArrayList<>();
        String citizen = Tokens.citizen("warga-thousand");
        List<CompletableFuture<String>> filings = new ArrayList<>();
        var filers = java.util.concurrent.Executors.newFixedThreadPool(8);
        for (int i = 0; i < 1000; i++) {
            filings.add(CompletableFuture.supplyAsync(
                    () -> as(citizen)
                            .body(Api.complaint("Seribu", false, false))
                            .post("/api/complaints")
                            .then()
                            .statusCode(201)
                            .extract()
                            .<String>path("id"),
                    filers));
        }
        for (var filing : filings) {
            ids.add(filing.get());
        }
        filers.shutdown();
        ReadSide.caughtUp(pool);
        // the VERIFICATION deadlines (3 working days) fall due; RESOLUTION (60 days) does not
        clock.advance(Duration.ofDays(8));
        var threads = java.util.concurrent.Executors.newFixedThreadPool(2);
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(this::drain, threads);
        CompletableFuture<Integer> second = CompletableFuture.supplyAsync(this::drain, threads);
        first.join();
        second.join();
        threads.shutdown();
        // the service's own scheduler runs on its timer too: three instances race for the same rows
        System.out.printf("deadlines picked: %d and %d by the test's two schedulers%n", first.get(), second.get());
        // the service's scheduler may still be firing what it claimed when the test's two stop finding work: wait for
        // the thousand, then hold them a moment longer, so that a late double fire would still be seen
        UUID[] complaints = ids.stream().map(UUID::fromString).toArray(UUID[]::new);
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .until(() -> missedCount(complaints)[0] >= 1000);
        Thread.sleep(2_000);
        long[] missed = missedCount(complaints);
        assertThat(missed[0]).isEqualTo(1000);
        assertThat(missed[1]).isEqualTo(1000);
    }

    /** The deadline-missed events of these complaints, and how many complaints they belong to. */
    private long[] missedCount(UUID[] complaints) {
        var row = pool.preparedQuery("""
                        SELECT count(*) AS events, count(DISTINCT stream_id) AS complaints FROM events
                         WHERE type = 'complaint.deadline-missed' AND stream_id = ANY($1)""")
                .execute(Tuple.of(complaints))
                .toCompletionStage()
                .toCompletableFuture()
                .join()
                .iterator()
                .next();
        return new long[] {row.getLong("events"), row.getLong("complaints")};
    }

    /** One scheduler instance's loop: passes until nothing is due. */
    private int drain() {
        int total = 0;
        int picked;
        do {
            picked = scheduler.fireDue(20).await().indefinitely();
            total += picked;
        } while (picked > 0);
        return total;
    }
}
