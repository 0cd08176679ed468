package org.complaintledger.complaint.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.complaintledger.support.Api.as;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.complaintledger.complaint.Role;
import org.complaintledger.ledger.IdempotencyKeys;
import org.complaintledger.support.Api;
import org.complaintledger.support.Events;
import org.complaintledger.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * Idempotency-Keys that keep no personal data, expire, and answer a retry only to the principal that was answered
 * (issue 18, medium: "Idempotent replay checks read authorization again").
 */
@QuarkusTest
class IdempotencyHardeningApiTest {

    @Inject
    Pool pool;

    @Inject
    IdempotencyKeys keys;

    @Test
    void the_table_keeps_a_keyed_hash_of_the_subject_and_of_the_request_never_the_subject_itself() {
        String citizen = "warga-hmac-" + UUID.randomUUID().toString().substring(0, 8);
        String key = UUID.randomUUID().toString();
        file(citizen, key).statusCode(201);

        List<Row> rows = rows("SELECT scope, request_hash FROM idempotency_keys WHERE key = $1", key);
        assertThat(rows).hasSize(1);
        assertThat(rows.getFirst().getString("scope")).isNotEqualTo(citizen).matches("[0-9a-f]{64}");
        assertThat(rows.getFirst().getString("request_hash")).matches("[0-9a-f]{64}");
        // a retry still finds it, and a different body under the key is still refused
        file(citizen, key).statusCode(201);
        as(Tokens.citizen(citizen))
                .header("Idempotency-Key", key)
                .body(Api.complaint("Orang Lain", false, false))
                .post("/api/complaints")
                .then()
                .statusCode(409)
                .body("code", equalTo("request.idempotency-key-reused"));
    }

    @Test
    void a_retry_by_the_same_subject_now_of_another_agency_gets_no_answer() {
        String id = Api.dispatched("warga-petugas-pindah");
        String subject = "petugas-pindah-" + UUID.randomUUID().toString().substring(0, 8);
        String key = UUID.randomUUID().toString();
        String path = "/api/complaints/" + id + "/acknowledge";
        as(Tokens.issue(Role.AGENCY_OFFICER, subject, "dinas-pupr"))
                .header("Idempotency-Key", key)
                .body("{}")
                .post(path)
                .then()
                .statusCode(200);
        long events = Events.of(pool, id);

        as(Tokens.issue(Role.AGENCY_OFFICER, subject, "dinas-kesehatan"))
                .header("Idempotency-Key", key)
                .body("{}")
                .post(path)
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("code", equalTo("complaint.not-assigned-agency"));
        as(Tokens.issue(Role.AGENCY_OFFICER, subject, "dinas-pupr"))
                .header("Idempotency-Key", key)
                .body("{}")
                .post(path)
                .then()
                .statusCode(200)
                .body("status", equalTo("IN_PROGRESS"));
        assertThat(Events.of(pool, id)).isEqualTo(events);
    }

    @Test
    void a_key_older_than_the_retention_is_purged_and_its_reuse_is_a_new_request() {
        String citizen = "warga-kedaluwarsa-" + UUID.randomUUID().toString().substring(0, 8);
        String key = UUID.randomUUID().toString();
        String first = file(citizen, key).statusCode(201).extract().path("id");
        rows("UPDATE idempotency_keys SET created_at = now() - interval '2 days' WHERE key = $1 RETURNING 1", key);

        assertThat(keys.purge().await().indefinitely()).isPositive();
        assertThat(rows("SELECT 1 FROM idempotency_keys WHERE key = $1", key)).isEmpty();
        String second = file(citizen, key).statusCode(201).extract().path("id");
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void an_empty_complainant_subject_is_refused_with_a_400_that_names_it() {
        as(Tokens.operator())
                .body(Api.complaint("Budi", false, false)
                        .replace("\"channel\":\"WEB\"", "\"channel\":\"WALK_IN\",\"complainantSubject\":\"\""))
                .post("/api/complaints")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("complainantSubject"));
    }

    private io.restassured.response.ValidatableResponse file(String citizen, String key) {
        return as(Tokens.citizen(citizen))
                .header("Idempotency-Key", key)
                .body(Api.complaint("Siti Aminah", false, false))
                .post("/api/complaints")
                .then();
    }

    private List<Row> rows(String sql, String key) {
        List<Row> rows = new ArrayList<>();
        pool.preparedQuery(sql)
                .execute(Tuple.of(key))
                .toCompletionStage()
                .toCompletableFuture()
                .join()
                .forEach(rows::add);
        return rows;
    }
}
