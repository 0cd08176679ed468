package org.complaintledger.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.complaintledger.support.Api.as;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.complaintledger.support.Api;
import org.complaintledger.support.Tokens;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Expensive privileged operations run one at a time (issue 18, medium): a second full ledger verification or a second
 * rebuild while one runs is answered 503 {@code operation.busy} with Retry-After, and the first one finishes.
 */
@QuarkusTest
class OneAtATimeApiTest {

    @jakarta.inject.Inject
    io.vertx.sqlclient.Pool pool;

    @Test
    void a_second_full_verification_while_one_runs_is_refused_and_the_first_completes() throws Exception {
        Api.file("warga-verifikasi-ganda");
        try (var owner = DriverManager.getConnection(
                ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class), "postgres", "")) {
            owner.setAutoCommit(false);
            // the first verification waits on this lock, so it is still running when the second arrives
            owner.createStatement().execute("LOCK TABLE ledger_chain IN ACCESS EXCLUSIVE MODE");
            CompletableFuture<ExtractableResponse<Response>> first = CompletableFuture.supplyAsync(
                    () -> as(Tokens.auditor()).get("/api/ledger/verify").then().extract());
            awaitWaitingOnLock(owner);

            as(Tokens.auditor())
                    .get("/api/ledger/verify")
                    .then()
                    .statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", equalTo("2"))
                    .body("code", equalTo("operation.busy"));
            owner.commit();
            assertThat(first.get().statusCode()).isEqualTo(200);
        }
        as(Tokens.auditor()).get("/api/ledger/verify").then().statusCode(200).body("valid", equalTo(true));
    }

    @Test
    void a_second_rebuild_while_one_runs_is_refused_and_public_statistics_stay_up_marked_stale() {
        Api.dispatched("warga-bangun-ulang");
        org.complaintledger.support.ReadSide.caughtUp(pool);
        long total = ((Number) io.restassured.RestAssured.get("/api/statistics")
                        .then()
                        .statusCode(200)
                        .body("stale", org.hamcrest.Matchers.nullValue())
                        .extract()
                        .path("total"))
                .longValue();
        as(Tokens.operator())
                .post("/api/projections/complaint-views/rebuild")
                .then()
                .statusCode(202)
                .body("rebuilding", equalTo(true));
        // the last good answer, said to be stale, instead of a 503 to the public
        io.restassured.RestAssured.get("/api/statistics")
                .then()
                .statusCode(200)
                .body("stale", equalTo(true))
                .body("total", equalTo((int) total));
        // a question never answered before has no last good answer
        io.restassured.RestAssured.get("/api/statistics?from=2020-01-01&to=2020-02-01")
                .then()
                .statusCode(503)
                .body("code", equalTo("projection.rebuilding"));
        as(Tokens.operator())
                .post("/api/projections/agency-assignments/rebuild")
                .then()
                .statusCode(503)
                .body("code", equalTo("operation.busy"));
        Awaitility.await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            List<Boolean> rebuilding = as(Tokens.operator())
                    .get("/api/projections")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getList("rebuilding", Boolean.class);
            assertThat(rebuilding).doesNotContain(true);
        });
        as(Tokens.operator())
                .post("/api/projections/agency-assignments/rebuild")
                .then()
                .statusCode(202);
        Awaitility.await()
                .atMost(Duration.ofSeconds(120))
                .untilAsserted(() -> assertThat(as(Tokens.operator())
                                .get("/api/projections")
                                .then()
                                .extract()
                                .jsonPath()
                                .getList("rebuilding", Boolean.class))
                        .doesNotContain(true));
    }

    private static void awaitWaitingOnLock(java.sql.Connection owner) throws Exception {
        Instant deadline = Instant.now().plusSeconds(20);
        try (var probe = DriverManager.getConnection(
                ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class), "postgres", "")) {
            while (Instant.now().isBefore(deadline)) {
                var rows = probe.createStatement()
                        .executeQuery("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                                + "AND query ILIKE '%ledger_chain%' AND pid <> pg_backend_pid()");
                rows.next();
                // the sequencer's own query waits there too: the verification is the second
                if (rows.getLong(1) >= 2) {
                    return;
                }
                Thread.sleep(100);
            }
        }
        throw new AssertionError("the verification never waited on the lock");
    }
}
