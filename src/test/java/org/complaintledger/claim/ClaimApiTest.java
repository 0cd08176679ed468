package org.complaintledger.claim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.complaintledger.support.Api.as;
import static org.complaintledger.support.Api.post;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.vertx.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.complaintledger.support.TestClock;
import org.complaintledger.support.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A complainant filed at the walk-in desk has no account, yet answers the operator's question and accepts the
 * follow-up on the web, with the claim code printed on the receipt; wrong codes lock the tracking number, and the
 * answers never tell a tracking number that exists from one that does not.
 */
@QuarkusTest
class ClaimApiTest {

    private static final String OFFICER = Tokens.officer("dinas-pupr");

    @Inject
    TestClock clock;

    @Inject
    Pool pool;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static final String WALK_IN = """
            {"title":"Lampu jalan padam di Jalan Pramuka","description":"Sudah tiga minggu lampu jalan padam.",
             "reportType":"COMPLAINT","category":"INFRASTRUCTURE","channel":"WALK_IN",
             "location":{"regency":"Bengkalis","district":"Bengkalis","village":"Rimba Sekampung"},
             "complainant":{"name":"Pak Darman","phone":"+62 813 7000 1234","email":"darman@example.id"},
             "notify":"EMAIL","language":"id"}""";

    /** Files at the desk as the operator and prints the receipt's code: the complaint's id, tracking number, code. */
    static List<String> fileAtTheDesk() {
        JsonPath filed = post(Tokens.operator(), "/api/complaints", WALK_IN)
                .statusCode(201)
                .body("channel", equalTo("WALK_IN"))
                .extract()
                .jsonPath();
        String id = filed.getString("id");
        JsonPath receipt = as(Tokens.operator())
                .post("/api/complaints/" + id + "/claim-code")
                .then()
                .statusCode(201)
                .body("trackingNumber", equalTo(filed.getString("trackingNumber")))
                .body("claimCode", matchesPattern("[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}"))
                .extract()
                .jsonPath();
        return List.of(id, receipt.getString("trackingNumber"), receipt.getString("claimCode"));
    }

    static String start(String trackingNumber) {
        return RestAssured.given()
                .contentType("application/json")
                .body("{\"trackingNumber\":\"" + trackingNumber + "\"}")
                .post("/api/claims")
                .then()
                .statusCode(201)
                .body("method", equalTo("code"))
                .extract()
                .path("id");
    }

    static io.restassured.response.ValidatableResponse verify(String claimId, String code) {
        return RestAssured.given()
                .contentType("application/json")
                .body("{\"code\":\"" + code + "\"}")
                .post("/api/claims/" + claimId + "/verify")
                .then();
    }

    @Test
    void a_walk_in_complainant_claims_with_the_receipts_code_answers_a_clarification_and_accepts() {
        List<String> desk = fileAtTheDesk();
        String id = desk.get(0);
        String path = "/api/complaints/" + id;
        post(Tokens.operator(), path + "/clarification-requests", "{\"question\":\"Di depan rumah nomor berapa?\"}")
                .statusCode(200)
                .body("status", equalTo("ON_HOLD"));

        // typed from paper: lower case, without the dash
        String token = verify(start(desk.get(1)), desk.get(2).toLowerCase().replace("-", ""))
                .statusCode(200)
                .body("complaintId", equalTo(id))
                .body("trackingNumber", equalTo(desk.get(1)))
                .body("tokenType", equalTo("Bearer"))
                .body("expiresAt", notNullValue())
                .extract()
                .path("token");

        as(token).get(path).then().statusCode(200).body("status", equalTo("ON_HOLD"));
        post(token, path + "/clarifications", "{\"answer\":\"Depan rumah nomor 12, dekat masjid.\"}")
                .statusCode(200)
                .body("status", equalTo("SUBMITTED"));
        post(Tokens.operator(), path + "/dispatch", "{\"agencyId\":\"dinas-pupr\"}")
                .statusCode(200);
        post(OFFICER, path + "/acknowledge", "{}").statusCode(200);
        post(OFFICER, path + "/follow-ups", "{\"message\":\"Lampu sudah diganti.\",\"actionTakenOn\":null}")
                .statusCode(200)
                .body("status", equalTo("RESPONDED"));
        post(token, path + "/accept", "{\"rating\":5,\"comment\":\"Terima kasih\"}")
                .statusCode(200)
                .body("status", equalTo("COMPLETED"))
                .body("rating", equalTo(5));

        JsonPath history = as(Tokens.auditor())
                .get(path + "/history")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<String> types = history.getList("events.type");
        int accepted = types.indexOf("complaint.complainant-accepted");
        int answered = types.indexOf("complaint.clarification-provided");
        assertThat(history.getString("events[" + accepted + "].actor.role")).isEqualTo("citizen");
        assertThat(history.getString("events[" + answered + "].actor.role")).isEqualTo("citizen");
        String complainant = history.getString("events[" + accepted + "].actor.subject");
        assertThat(complainant).isEqualTo(history.getString("events[" + answered + "].actor.subject"));
        assertThat(complainant).startsWith("offline-");
    }

    @Test
    void the_claimed_token_opens_its_own_complaint_and_no_other() {
        List<String> mine = fileAtTheDesk();
        List<String> other = fileAtTheDesk();
        String token = verify(start(mine.get(1)), mine.get(2))
                .statusCode(200)
                .extract()
                .path("token");

        as(token).get("/api/complaints/" + other.get(0)).then().statusCode(403);
        post(token, "/api/complaints/" + other.get(0) + "/withdraw", "{\"reason\":\"bukan saya\"}")
                .statusCode(403);
        // nor a citizen's filing in its name, nor any other role's screen
        post(token, "/api/complaints", WALK_IN.replace("WALK_IN", "WEB")).statusCode(403);
        as(token).get("/api/operator/queue").then().statusCode(403);
        // a tampered token is no token
        as(token.substring(0, token.length() - 4) + "AAAA")
                .get("/api/complaints/" + mine.get(0))
                .then()
                .statusCode(401);

        post(token, "/api/complaints/" + mine.get(0) + "/withdraw", "{\"reason\":\"sudah diperbaiki sendiri\"}")
                .statusCode(200)
                .body("status", equalTo("WITHDRAWN"));
    }

    @Test
    void another_complaints_code_does_not_open_this_one_and_a_claim_is_used_once() {
        List<String> mine = fileAtTheDesk();
        List<String> other = fileAtTheDesk();

        verify(start(mine.get(1)), other.get(2))
                .statusCode(403)
                .contentType("application/problem+json")
                .body("code", equalTo("claim.wrong-code"));

        String claim = start(mine.get(1));
        verify(claim, mine.get(2)).statusCode(200);
        verify(claim, mine.get(2)).statusCode(404).body("code", equalTo("claim.not-found"));
    }

    @Test
    void a_new_code_replaces_the_old_one() {
        List<String> desk = fileAtTheDesk();
        String newer = as(Tokens.operator())
                .post("/api/complaints/" + desk.get(0) + "/claim-code")
                .then()
                .statusCode(201)
                .extract()
                .path("claimCode");
        verify(start(desk.get(1)), desk.get(2)).statusCode(403);
        verify(start(desk.get(1)), newer).statusCode(200);
    }

    @Test
    void five_wrong_codes_lock_the_tracking_number_for_a_while_even_the_right_code() {
        List<String> desk = fileAtTheDesk();
        for (int i = 1; i <= 4; i++) {
            verify(start(desk.get(1)), "WRONG-CODE" + i).statusCode(403).body("code", equalTo("claim.wrong-code"));
        }
        verify(start(desk.get(1)), "WRONG-CODE5")
                .statusCode(429)
                .header("Retry-After", notNullValue())
                .body("code", equalTo("claim.locked"));
        verify(start(desk.get(1)), desk.get(2)).statusCode(429).body("code", equalTo("claim.locked"));

        clock.advance(Duration.ofMinutes(16));
        verify(start(desk.get(1)), desk.get(2)).statusCode(200);
    }

    @Test
    void a_tracking_number_that_names_no_complaint_is_answered_exactly_like_one_that_does() {
        List<String> desk = fileAtTheDesk();
        String nobody = "LPR-ZZZZ-ZZZZ-"
                + UUID.randomUUID().toString().substring(0, 4).toUpperCase().replaceAll("[^A-Z0-9]", "Z");
        for (int i = 1; i <= 5; i++) {
            var real = verify(start(desk.get(1)), "WRONG-CODE" + i).extract();
            var none = verify(start(nobody), "WRONG-CODE" + i).extract();
            assertThat(none.statusCode()).isEqualTo(real.statusCode());
            assertThat(none.jsonPath().getString("code"))
                    .isEqualTo(real.jsonPath().getString("code"));
            assertThat(none.jsonPath().getString("detail"))
                    .isEqualTo(real.jsonPath().getString("detail"));
        }
        verify(start(nobody), "ANY-CODE").statusCode(429).body("code", equalTo("claim.locked"));
    }

    @Test
    void a_complaint_filed_from_a_citizens_own_account_has_no_claim_code() {
        String id = org.complaintledger.support.Api.file("warga-claim-" + UUID.randomUUID());
        as(Tokens.operator())
                .post("/api/complaints/" + id + "/claim-code")
                .then()
                .statusCode(409)
                .body("code", equalTo("claim.account-holder"));
        as(Tokens.citizen("someone"))
                .post("/api/complaints/" + id + "/claim-code")
                .then()
                .statusCode(403);
    }

    @Test
    void codes_are_stored_only_as_hmacs() throws Exception {
        List<String> desk = fileAtTheDesk();
        String stored = pool.preparedQuery("SELECT code_hmac FROM claim_codes WHERE complaint_id = $1")
                .execute(io.vertx.sqlclient.Tuple.of(UUID.fromString(desk.get(0))))
                .toCompletionStage()
                .toCompletableFuture()
                .get()
                .iterator()
                .next()
                .getString(0);
        assertThat(stored)
                .matches("[0-9a-f]{64}")
                .doesNotContain(desk.get(2))
                .doesNotContain(desk.get(2).replace("-", ""));
    }

    @Test
    void a_one_time_code_sent_to_the_email_on_file_claims_the_complaint_too() throws Exception {
        String email = "darman-" + UUID.randomUUID().toString().substring(0, 8) + "@example.id";
        String id = post(Tokens.operator(), "/api/complaints", WALK_IN.replace("darman@example.id", email))
                .statusCode(201)
                .extract()
                .path("id");
        String tracking = as(Tokens.operator())
                .get("/api/complaints/" + id)
                .then()
                .extract()
                .path("trackingNumber");
        String claim = RestAssured.given()
                .contentType("application/json")
                .body("{\"trackingNumber\":\"" + tracking + "\",\"method\":\"otp\"}")
                .post("/api/claims")
                .then()
                .statusCode(201)
                .body("method", equalTo("otp"))
                .extract()
                .path("id");
        String code = org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> oneTimeCodeMailedTo(email, tracking), java.util.Objects::nonNull);

        // the receipt's kind of code does not stand in for the one sent, nor the other way round
        verify(claim, "000000".equals(code) ? "111111" : "000000").statusCode(403);
        verify(claim, code).statusCode(200).body("complaintId", equalTo(id)).body("token", notNullValue());
    }

    @Test
    void a_one_time_code_for_a_tracking_number_that_names_no_complaint_is_started_alike_and_never_verifies() {
        RestAssured.given()
                .contentType("application/json")
                .body("{\"trackingNumber\":\"LPR-ZZZZ-ZZZZ-ZZQZ\",\"method\":\"otp\"}")
                .post("/api/claims")
                .then()
                .statusCode(201)
                .body("method", equalTo("otp"))
                .body("id", notNullValue())
                .body("expiresAt", notNullValue());
    }

    /** The six digits of the newest claim-code mail to this address about this complaint, or null. */
    private static String oneTimeCodeMailedTo(String email, String tracking) throws Exception {
        for (var message : org.complaintledger.notification.NotificationServers.smtp.getReceivedMessages()) {
            boolean toThem = java.util.Arrays.stream(message.getAllRecipients())
                    .anyMatch(a -> a.toString().contains(email));
            if (toThem
                    && message.getSubject().contains("Kode sekali pakai")
                    && message.getSubject().contains(tracking)) {
                var digits = java.util.regex.Pattern.compile(": (\\d{6})$").matcher(message.getSubject());
                if (digits.find()) {
                    return digits.group(1);
                }
            }
        }
        return null;
    }

    @Test
    void malformed_claims_are_refused_and_write_nothing() {
        RestAssured.given()
                .contentType("application/json")
                .body("{\"trackingNumber\":\"not-a-number\"}")
                .post("/api/claims")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        RestAssured.given()
                .contentType("application/json")
                .body("{\"trackingNumber\":\"LPR-AAAA-BBBB-CCCC\",\"extra\":1}")
                .post("/api/claims")
                .then()
                .statusCode(400);
        verify("not-a-uuid", "ABCDE-FGHJK").statusCode(400);
        verify(UUID.randomUUID().toString(), "ABCDE-FGHJK").statusCode(404).body("code", equalTo("claim.not-found"));
        verify(UUID.randomUUID().toString(), "<script>").statusCode(400);
    }
}
