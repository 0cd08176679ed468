package org.complaintledger.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.complaintledger.support.Api.as;
import static org.complaintledger.support.Api.post;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.complaintledger.complaint.handling.ComplainantPseudonyms;
import org.complaintledger.ledger.LedgerProbe;
import org.complaintledger.support.Events;
import org.complaintledger.support.ReadSide;
import org.complaintledger.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * Crypto-shredding end to end: after erasure the personal data is gone from every response and was never in the
 * database in plain text, while the history stays whole and every hash still verifies.
 */
@QuarkusTest
class ErasureApiTest {

    private static final String NAME = "Ratna Hapusdata";
    private static final String NIK = "3174019876543210";
    private static final String PHONE = "+62 813 9876 5432";
    private static final String EMAIL = "ratna.hapus@example.id";
    private static final List<String> PERSONAL = List.of(NAME, NIK, PHONE, EMAIL);

    @Inject
    Pool pool;

    @Inject
    ComplainantPseudonyms pseudonyms;

    @Inject
    SubjectPseudonyms keys;

    /** The other tests file as someone else, so that the search for Ratna's data finds only Ratna's complaints. */
    private static final List<String> SOMEONE =
            List.of("Budi Lainnya", "3174010000000001", "+62 811 0000 0001", "budi@example.id");

    private static String body(boolean anonymous, List<String> personal) {
        String complainant = anonymous ? "" : """
                ,"complainant":{"name":"%s","nationalId":"%s","phone":"%s","email":"%s","address":"Jl. Melati 7"}""".formatted(personal.toArray());
        return """
                {"title":"Pungli di kantor kelurahan","description":"Diminta uang untuk surat pengantar.",
                 "reportType":"COMPLAINT","category":"INFRASTRUCTURE","channel":"WEB","anonymous":%s%s}""".formatted(anonymous, complainant);
    }

    private static String file(String citizen, boolean anonymous, List<String> personal) {
        return post(Tokens.citizen(citizen), "/api/complaints", body(anonymous, personal))
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static String file(String citizen) {
        return file(citizen, false, SOMEONE);
    }

    @Test
    void after_erasure_no_response_and_no_table_holds_the_personal_data_and_the_ledger_still_verifies() {
        String citizen = "warga-erasure";
        String dispatched = file(citizen, false, PERSONAL);
        post(Tokens.operator(), "/api/complaints/" + dispatched + "/dispatch", "{\"agencyId\":\"dinas-pupr\"}")
                .statusCode(200);
        String other = file(citizen, false, PERSONAL);
        String anonymous = file(citizen, true, PERSONAL);
        as(Tokens.operator())
                .get("/api/complaints/" + dispatched)
                .then()
                .statusCode(200)
                .body("complainant.name", equalTo(NAME));
        assertThat(tablesContaining(NAME))
                .as("personal data is ciphertext from the first event")
                .isEmpty();
        assertThat(tablesContaining(citizen))
                .as("the complainant's account id: every table holds its pseudonym")
                .isEmpty();
        long before = Events.of(pool, dispatched);
        String pseudonym = pseudonymOf(citizen);

        post(Tokens.citizen(citizen), "/api/complainants/" + citizen + "/erasure", "{\"reason\":\"UU PDP\"}")
                .statusCode(200)
                .body("subject", equalTo(pseudonym))
                .body("keyDestroyed", equalTo(true))
                .body("erased", containsInAnyOrder(dispatched, other))
                .body("nothingToErase", contains(anonymous));

        assertThat(Events.of(pool, dispatched))
                .as("one personal-data-erased, nothing removed")
                .isEqualTo(before + 1);
        as(Tokens.auditor())
                .get("/api/complaints/" + dispatched + "/history")
                .then()
                .statusCode(200)
                .body("events[-1].type", equalTo("complaint.personal-data-erased"))
                .body("events[-1].data.reason", equalTo("UU PDP"))
                .body("events[0].type", equalTo("complaint.submitted"));
        ReadSide.caughtUp(pool);

        for (String response : everyResponseAbout(dispatched, other)) {
            for (String personal : PERSONAL) {
                assertThat(response).doesNotContain(personal);
            }
            // auditors' history, export and ledger events name the complainant by pseudonym only
            assertThat(response).doesNotContain("\"" + citizen + "\"");
        }
        as(Tokens.operator()).get("/api/complaints/" + dispatched).then().body("complainant", nullValue());
        for (String personal : PERSONAL) {
            assertThat(tablesContaining(personal)).as(personal).isEmpty();
        }
        assertThat(dataKeys(pseudonym)).isZero();
        assertThat(tablesContaining(citizen)).as("the account id").isEmpty();
        assertThat(tablesContaining(keys.accountHash(citizen)))
                .as("the mapping from the account to its pseudonym is deleted")
                .isEmpty();
        // the account is no one to the ledger now: its old complaints are not its own any more
        as(Tokens.citizen(citizen))
                .get("/api/complaints/" + dispatched)
                .then()
                .statusCode(org.hamcrest.Matchers.oneOf(403, 404));

        for (String id : List.of(dispatched, other)) {
            LedgerProbe.awaitSequenced(pool, UUID.fromString(id));
            as(Tokens.auditor())
                    .queryParam("complaintId", id)
                    .get("/api/ledger/verify")
                    .then()
                    .statusCode(200)
                    .body("valid", equalTo(true))
                    .body("firstInvalid", nullValue());
        }
        as(Tokens.auditor()).get("/api/ledger/verify").then().statusCode(200).body("valid", equalTo(true));
    }

    @Test
    void after_erasure_the_account_is_no_one_a_second_erasure_finds_nothing_and_a_later_filing_starts_afresh() {
        String citizen = "warga-erasure-twice";
        String id = file(citizen);
        String pseudonym = pseudonymOf(citizen);
        String path = "/api/complainants/" + citizen + "/erasure";
        post(Tokens.citizen(citizen), path, "{}").statusCode(200).body("erased", contains(id));
        long events = Events.total(pool);

        post(Tokens.citizen(citizen), path, "{}")
                .statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("complainant.not-found"));
        assertThat(Events.total(pool)).isEqualTo(events);

        String later = file(citizen);
        assertThat(pseudonymOf(citizen)).isNotEqualTo(pseudonym);
        assertThat(dataKeys(pseudonymOf(citizen))).isOne();
        as(Tokens.citizen(citizen))
                .get("/api/complaints/" + later)
                .then()
                .statusCode(200)
                .body("complainant.email", equalTo(SOMEONE.get(3)));
        as(Tokens.citizen(citizen))
                .get("/api/complaints/mine")
                .then()
                .statusCode(200)
                .body("items.id", contains(later));
        // an operator naming the old pseudonym finds the erased complaint, and nothing left to erase
        post(Tokens.operator(), "/api/complainants/" + pseudonym + "/erasure", "{\"reason\":\"surat\"}")
                .statusCode(200)
                .body("nothingToErase", contains(id));
        assertThat(pseudonymOf(citizen))
                .as("erasing the old pseudonym leaves the new one")
                .isNotEqualTo(pseudonym);
    }

    @Test
    void an_operator_erases_on_request_with_a_reason() {
        String citizen = "warga-erasure-letter";
        String id = file(citizen);
        String path = "/api/complainants/" + citizen + "/erasure";
        post(Tokens.operator(), path, "{}")
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("reason"));
        String pseudonym = pseudonymOf(citizen);
        assertThat(dataKeys(pseudonym)).isOne();
        post(Tokens.operator(), path, "{\"reason\":\"Surat permohonan 2026/11/27\"}")
                .statusCode(200)
                .body("subject", equalTo(pseudonym))
                .body("erased", contains(id));
        assertThat(tablesContaining(keys.accountHash(citizen)))
                .as("an operator's erasure deletes the mapping too")
                .isEmpty();
        as(Tokens.auditor())
                .get("/api/complaints/" + id + "/history")
                .then()
                .body("events[-1].actor.role", equalTo("operator"));
    }

    @Test
    void only_the_complainant_and_operators_may_erase_and_nothing_is_touched_otherwise() {
        String citizen = "warga-erasure-guarded";
        file(citizen);
        String path = "/api/complainants/" + citizen + "/erasure";
        long events = Events.total(pool);
        post(Tokens.citizen("warga-someone-else"), path, "{}").statusCode(403).contentType("application/problem+json");
        for (String token : List.of(Tokens.officer("dinas-pupr"), Tokens.ombudsman(), Tokens.auditor())) {
            post(token, path, "{\"reason\":\"x\"}").statusCode(403);
        }
        io.restassured.RestAssured.given()
                .contentType("application/json")
                .body("{}")
                .post(path)
                .then()
                .statusCode(401);
        assertThat(dataKeys(pseudonymOf(citizen))).isOne();
        assertThat(Events.total(pool)).isEqualTo(events);
    }

    @Test
    void an_unknown_or_malformed_subject_is_a_clear_error() {
        post(Tokens.operator(), "/api/complainants/nobody-" + UUID.randomUUID() + "/erasure", "{\"reason\":\"x\"}")
                .statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("complainant.not-found"));
        post(Tokens.operator(), "/api/complainants/%20drop%20table/erasure", "{\"reason\":\"x\"}")
                .statusCode(400)
                .contentType("application/problem+json");
        post(Tokens.citizen("warga-x"), "/api/complainants/warga-x/erasure", "{\"reason\":\"a\\u0000b\"}")
                .statusCode(400);
    }

    /** Every read path a complaint's data could travel, for every role that may read it. */
    private List<String> everyResponseAbout(String dispatched, String other) {
        List<String> bodies = new ArrayList<>();
        for (String token :
                List.of(Tokens.operator(), Tokens.ombudsman(), Tokens.auditor(), Tokens.officer("dinas-pupr"))) {
            bodies.add(ok(as(token).get("/api/complaints/" + dispatched)));
        }
        for (String token : List.of(Tokens.operator(), Tokens.auditor())) {
            bodies.add(ok(as(token).get("/api/complaints/" + dispatched + "/history")));
        }
        bodies.add(ok(as(Tokens.operator())
                .queryParam("asOf", Instant.now().toString())
                .get("/api/complaints/" + dispatched)));
        bodies.add(ok(as(Tokens.auditor()).get("/api/complaints/" + dispatched + "/export")));
        bodies.add(ok(as(Tokens.auditor()).get("/api/complaints/" + other + "/export")));
        bodies.add(ok(as(Tokens.operator()).queryParam("limit", "100").get("/api/complaints")));
        bodies.add(ok(as(Tokens.operator()).get("/api/operator/queue")));
        bodies.add(ok(as(Tokens.officer("dinas-pupr")).get("/api/agencies/dinas-pupr/queue")));
        bodies.add(ok(as(Tokens.auditor()).queryParam("limit", "1000").get("/api/ledger/events")));
        return bodies;
    }

    private static String ok(Response response) {
        response.then().statusCode(200);
        return response.asString();
    }

    /** The tables whose rows, read as text, contain the value: a plain-text search of the whole schema. */
    private List<String> tablesContaining(String value) {
        var tables = pool.query("""
                        SELECT quote_ident(table_name) AS name FROM information_schema.tables
                         WHERE table_schema = 'public' AND table_type = 'BASE TABLE'""")
                .execute()
                .toCompletionStage()
                .toCompletableFuture()
                .join();
        List<String> found = new ArrayList<>();
        for (var table : tables) {
            String name = table.getString("name");
            var hits = pool.preparedQuery("SELECT count(*) FROM " + name + " t WHERE strpos(t::text, $1) > 0")
                    .execute(Tuple.of(value))
                    .toCompletionStage()
                    .toCompletableFuture()
                    .join();
            if (hits.iterator().next().getLong(0) > 0) {
                found.add(name);
            }
        }
        return found;
    }

    /** The account's pseudonym as the service stores it (made if it has none). */
    private String pseudonymOf(String citizen) {
        return pseudonyms.of(citizen).await().indefinitely();
    }

    private long dataKeys(String subject) {
        return pool.preparedQuery("SELECT count(*) FROM data_keys WHERE subject = $1")
                .execute(Tuple.of(subject))
                .toCompletionStage()
                .toCompletableFuture()
                .join()
                .iterator()
                .next()
                .getLong(0);
    }
}
