package org.complaintledger.complaint.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.complaintledger.support.Api.as;
import static org.complaintledger.support.Api.post;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.complaintledger.support.Api;
import org.complaintledger.support.Events;
import org.complaintledger.support.Tokens;
import org.junit.jupiter.api.Test;

/** Idempotent retries, If-Match, and writers racing on one complaint, over HTTP. */
@QuarkusTest
class RetriesAndRacesApiTest {

    @Inject
    Pool pool;

    @Test
    void a_filing_retried_with_the_same_idempotency_key_returns_the_first_answer_and_appends_nothing() {
        String citizen = Tokens.citizen("warga-retry");
        String body = Api.complaint("Siti", false, false);
        Response first =
                as(citizen).header("Idempotency-Key", "file-once-1").body(body).post("/api/complaints");
        long after = Events.total(pool);
        Response retry =
                as(citizen).header("Idempotency-Key", "file-once-1").body(body).post("/api/complaints");

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.asString()).isEqualTo(first.asString());
        assertThat(retry.header("ETag")).isEqualTo(first.header("ETag"));
        assertThat(Events.total(pool)).isEqualTo(after);
    }

    @Test
    void the_same_key_with_another_body_is_409() {
        String citizen = Tokens.citizen("warga-reuse");
        as(citizen)
                .header("Idempotency-Key", "reuse-1")
                .body(Api.complaint("Siti", false, false))
                .post("/api/complaints")
                .then()
                .statusCode(201);
        long after = Events.total(pool);
        as(citizen)
                .header("Idempotency-Key", "reuse-1")
                .body(Api.complaint("Someone Else", false, false))
                .post("/api/complaints")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("code", equalTo("request.idempotency-key-reused"));
        assertThat(Events.total(pool)).isEqualTo(after);
    }

    @Test
    void concurrent_retries_with_one_key_have_exactly_one_effect() throws Exception {
        String id = Api.dispatched("warga-retry-race");
        String officer = Tokens.officer("dinas-pupr");
        long before = Events.of(pool, id);
        List<Response> answers = race(
                8,
                () -> as(officer)
                        .header("Idempotency-Key", "ack-" + id)
                        .body("{}")
                        .post("/api/complaints/" + id + "/acknowledge"));
        assertThat(answers).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
        assertThat(answers.stream().map(Response::asString).distinct()).hasSize(1);
        assertThat(Events.of(pool, id)).isEqualTo(before + 1);
    }

    @Test
    void if_match_on_a_stale_version_is_412_and_writes_nothing() {
        String id = Api.dispatched("warga-ifmatch");
        String path = "/api/complaints/" + id;
        String etag = as(Tokens.operator()).get(path).header("ETag");
        post(Tokens.officer("dinas-pupr"), path + "/acknowledge", "{}").statusCode(200);
        long before = Events.of(pool, id);
        as(Tokens.operator())
                .header("If-Match", etag)
                .body("{\"reason\":\"lama\"}")
                .post(path + "/escalate")
                .then()
                .statusCode(412)
                .contentType("application/problem+json")
                .body("code", equalTo("request.version-conflict"));
        assertThat(Events.of(pool, id)).isEqualTo(before);
        String fresh = as(Tokens.operator()).get(path).header("ETag");
        as(Tokens.operator())
                .header("If-Match", fresh)
                .body("{\"reason\":\"baru\"}")
                .post(path + "/escalate")
                .then()
                .statusCode(200);
    }

    @Test
    void dispatch_racing_archive_lets_exactly_one_win_and_the_other_get_409_never_5xx() throws Exception {
        for (int round = 0; round < 5; round++) {
            String id = Api.file("warga-race-" + round);
            String path = "/api/complaints/" + id;
            String operator = Tokens.operator();
            List<Response> answers = race(
                    2,
                    List.of(
                            () -> as(operator)
                                    .body("{\"agencyId\":\"dinas-pupr\"}")
                                    .post(path + "/dispatch"),
                            () -> as(operator)
                                    .body("{\"reason\":\"OTHER\",\"note\":\"ganda\"}")
                                    .post(path + "/archive")));
            assertThat(answers).extracting(Response::statusCode).containsExactlyInAnyOrder(200, 409);
            assertVersionsDense(id);
        }
    }

    @Test
    void many_follow_ups_racing_leave_one_follow_up_and_dense_versions() throws Exception {
        String id = Api.dispatched("warga-many");
        String path = "/api/complaints/" + id;
        String officer = Tokens.officer("dinas-pupr");
        post(officer, path + "/acknowledge", "{}").statusCode(200);
        List<Response> answers = race(
                16, () -> as(officer).body("{\"message\":\"sudah ditangani\"}").post(path + "/follow-ups"));
        assertThat(answers).extracting(Response::statusCode).containsOnly(200, 409);
        assertThat(answers).filteredOn(r -> r.statusCode() == 200).hasSize(1);
        assertVersionsDense(id);
    }

    private void assertVersionsDense(String id) {
        var row = pool.preparedQuery("SELECT count(*), max(stream_version) FROM events WHERE stream_id = $1")
                .execute(io.vertx.sqlclient.Tuple.of(java.util.UUID.fromString(id)))
                .toCompletionStage()
                .toCompletableFuture()
                .join()
                .iterator()
                .next();
        assertThat(row.getLong(0)).isEqualTo(row.getInteger(1).longValue());
    }

    private static List<Response> race(int n, Callable<Response> call) throws Exception {
        List<Callable<Response>> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            calls.add(call);
        }
        return race(n, calls);
    }

    private static List<Response> race(int n, List<Callable<Response>> calls) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> futures = new ArrayList<>();
        for (Callable<Response> call : calls) {
            futures.add(threads.submit(() -> {
                start.await();
                return call.call();
            }));
        }
        start.countDown();
        List<Response> responses = new ArrayList<>();
        for (Future<Response> future : futures) {
            responses.add(future.get());
        }
        threads.shutdown();
        return responses;
    }
}
