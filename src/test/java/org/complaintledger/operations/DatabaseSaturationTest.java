package org.complaintledger.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.complaintledger.support.Api;
import org.complaintledger.support.Tokens;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * With every pooled connection stuck on a database that does not answer (a table lock held elsewhere), requests are
 * answered 503 problem+json with Retry-After, at once when the wait queue is full and after the acquisition timeout
 * otherwise; none hangs, none is a 500, and the service serves again as soon as the database does.
 */
@QuarkusTest
@TestProfile(DatabaseSaturationTest.TinyPool.class)
class DatabaseSaturationTest {

    public static class TinyPool implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.datasource.reactive.max-size",
                    "4",
                    "ledger.datasource.max-wait-queue-size",
                    "4",
                    "ledger.datasource.acquisition-timeout",
                    "PT1S");
        }
    }

    private record Answer(int status, String retryAfter, String contentType, String code, long millis) {}

    @Test
    void a_stalled_database_gets_503_with_retry_after_never_a_hang_or_a_500() throws Exception {
        String citizen = "warga-saturation";
        // four connections are busy for a moment after start (projections, sequencer, witness): file once they are not
        String id = await().atMost(Duration.ofSeconds(30))
                .ignoreExceptions()
                .until(() -> Api.file(citizen), java.util.Objects::nonNull);
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        ExecutorService clients = Executors.newFixedThreadPool(16);
        List<CompletableFuture<Answer>> answers = new ArrayList<>();
        try (Connection holder = DriverManager.getConnection(url, "postgres", "")) {
            holder.setAutoCommit(false);
            // every read of a complaint's events now waits on the lock, holding its pooled connection
            holder.createStatement().execute("LOCK TABLE events IN ACCESS EXCLUSIVE MODE");
            for (int i = 0; i < 16; i++) {
                answers.add(CompletableFuture.supplyAsync(() -> history(citizen, id), clients));
            }
            // the waiters beyond the wait queue are refused at once, the queued ones after the acquisition timeout
            Thread.sleep(3_000);
            holder.rollback();
        }
        List<Answer> all = CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
                .thenApply(x -> answers.stream().map(CompletableFuture::join).toList())
                .get(30, TimeUnit.SECONDS);
        clients.shutdown();

        assertThat(all).extracting(Answer::status).allMatch(s -> s == 200 || s == 503, "200 or 503, never 500");
        List<Answer> refused = all.stream().filter(a -> a.status() == 503).toList();
        assertThat(refused).as("some requests found no connection").isNotEmpty();
        assertThat(refused).allSatisfy(a -> {
            assertThat(a.retryAfter()).isEqualTo("2");
            assertThat(a.contentType()).startsWith("application/problem+json");
            assertThat(a.code()).isEqualTo("server.unavailable");
            // refused within the acquisition timeout (plus scheduling), not held until the lock went away
            assertThat(a.millis()).isLessThan(2_900);
        });
        // and once the database answers, so does the service
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(history(citizen, id).status()).isEqualTo(200));
    }

    @Test
    void open311_answers_a_stalled_database_with_503_and_retry_after_in_its_own_format_never_a_500() throws Exception {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        ExecutorService clients = Executors.newFixedThreadPool(16);
        List<CompletableFuture<Response>> answers = new ArrayList<>();
        try (Connection holder = DriverManager.getConnection(url, "postgres", "")) {
            holder.setAutoCommit(false);
            holder.createStatement().execute("LOCK TABLE complaint_views IN ACCESS EXCLUSIVE MODE");
            for (int i = 0; i < 16; i++) {
                answers.add(CompletableFuture.supplyAsync(
                        () -> io.restassured.RestAssured.get("/open311/v2/requests.json"), clients));
            }
            Thread.sleep(3_000);
            holder.rollback();
        }
        List<Response> all = CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
                .thenApply(x -> answers.stream().map(CompletableFuture::join).toList())
                .get(30, TimeUnit.SECONDS);
        clients.shutdown();

        assertThat(all).extracting(Response::statusCode).allMatch(s -> s == 200 || s == 503, "200 or 503, never 500");
        List<Response> refused = all.stream().filter(r -> r.statusCode() == 503).toList();
        assertThat(refused).as("some requests found no connection").isNotEmpty();
        assertThat(refused).allSatisfy(r -> {
            assertThat(r.header("Retry-After")).isEqualTo("2");
            assertThat(r.jsonPath().getInt("[0].code")).isEqualTo(503);
        });
    }

    private static Answer history(String citizen, String id) {
        long started = System.nanoTime();
        Response response = Api.as(Tokens.citizen(citizen)).get("/api/complaints/" + id + "/history");
        long millis = (System.nanoTime() - started) / 1_000_000;
        String code = response.statusCode() == 200 ? null : response.jsonPath().getString("code");
        return new Answer(response.statusCode(), response.header("Retry-After"), response.contentType(), code, millis);
    }
}
