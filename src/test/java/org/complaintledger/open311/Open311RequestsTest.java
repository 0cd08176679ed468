package org.complaintledger.open311;

import static org.assertj.core.api.Assertions.assertThat;
import static org.complaintledger.open311.Open311Calls.BASE;
import static org.complaintledger.open311.Open311Calls.filing;
import static org.complaintledger.support.Api.as;
import static org.complaintledger.support.Api.post;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import org.complaintledger.complaint.handling.DeadlineScheduler;
import org.complaintledger.support.Api;
import org.complaintledger.support.Deadlines;
import org.complaintledger.support.ReadSide;
import org.complaintledger.support.TestClock;
import org.complaintledger.support.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * GET Service Requests, GET Service Request and the token lookup, from the specification's tables: the fields, the
 * open/closed mapping of the lifecycle, the filters, the 90-day and 1,000-request limits, and the ledger's
 * visibility rules (no personal data ever, nothing of a confidential complaint but its status).
 */
@QuarkusTest
class Open311RequestsTest {

    @Inject
    Pool pool;

    @Inject
    TestClock clock;

    @Inject
    DeadlineScheduler scheduler;

    /**
     * Complaints filed in the past have every deadline due: fire them all, so that they leave the operator's queue
     * (escalated) before another test reads it, and put the clock back.
     */
    @AfterEach
    void settle() {
        clock.reset();
        Deadlines.settle(pool, scheduler);
    }

    private static String fileAnonymously(String description) {
        Map<String, String> parameters = filing();
        parameters.keySet().removeAll(List.of("first_name", "last_name", "email", "phone"));
        parameters.put("description", description);
        return Open311Calls.file(parameters);
    }

    @Test
    void a_request_lists_with_the_specifications_fields_in_json_and_xml_and_never_its_complainant() {
        String id = Open311Calls.file(filing());
        ReadSide.caughtUp(pool);
        // before an operator has looked at it: its id, status and service, nothing of what the complainant wrote
        RestAssured.get(BASE + "requests.json")
                .then()
                .statusCode(200)
                .body("find { it.service_request_id == '" + id + "' }.status", equalTo("open"))
                .body("find { it.service_request_id == '" + id + "' }.service_code", equalTo("INFRASTRUCTURE"))
                .body("find { it.service_request_id == '" + id + "' }.description", nullValue())
                .body("find { it.service_request_id == '" + id + "' }.address", nullValue())
                .body("find { it.service_request_id == '" + id + "' }.lat", nullValue())
                .body("find { it.service_request_id == '" + id + "' }.long", nullValue());
        RestAssured.get(BASE + "requests/" + id + ".json")
                .then()
                .statusCode(200)
                .body("[0].description", nullValue());
        post(
                        Tokens.operator(),
                        "/api/complaints/" + Open311Calls.complaintId(id) + "/dispatch",
                        "{\"agencyId\":\"dinas-pupr\"}")
                .statusCode(200);
        ReadSide.caughtUp(pool);
        String json = RestAssured.get(BASE + "requests.json")
                .then()
                .statusCode(200)
                .contentType("application/json")
                .body("find { it.service_request_id == '" + id + "' }.status", equalTo("open"))
                .body(
                        "find { it.service_request_id == '" + id + "' }.status_notes",
                        containsString("sent to the agency responsible"))
                .body("find { it.service_request_id == '" + id + "' }.service_code", equalTo("INFRASTRUCTURE"))
                .body(
                        "find { it.service_request_id == '" + id + "' }.service_name",
                        equalTo("Roads, bridges and public works"))
                .body("find { it.service_request_id == '" + id + "' }.description", containsString("Lampu jalan padam"))
                .body("find { it.service_request_id == '" + id + "' }.requested_datetime", notNullValue())
                .body("find { it.service_request_id == '" + id + "' }.updated_datetime", notNullValue())
                // rounded to about 100 m: 1.4650, 102.1073 filed
                .body("find { it.service_request_id == '" + id + "' }.lat", equalTo(1.465f))
                .body("find { it.service_request_id == '" + id + "' }.long", equalTo(102.107f))
                .extract()
                .asString();
        assertThat(json).doesNotContain("Budi", "Santoso", "budi.santoso@example.id", "3333 4444", "open311:dev");
        RestAssured.get(BASE + "requests.xml")
                .then()
                .statusCode(200)
                .contentType("text/xml")
                .body("service_requests.request.find { it.service_request_id == '" + id + "' }.status", equalTo("open"))
                .body(
                        "service_requests.request.find { it.service_request_id == '" + id + "' }.service_code",
                        equalTo("INFRASTRUCTURE"))
                .body(
                        "service_requests.request.find { it.service_request_id == '" + id + "' }.long",
                        equalTo("102.107"));
        RestAssured.get(BASE + "requests/" + id + ".json")
                .then()
                .statusCode(200)
                .body("", hasSize(1))
                .body("[0].service_request_id", equalTo(id))
                .body("[0].requested_datetime", org.hamcrest.Matchers.matchesPattern("\\d{4}-\\d\\d-\\d\\dT.*Z"));
        String xml = RestAssured.get(BASE + "requests/" + id + ".xml")
                .then()
                .statusCode(200)
                .contentType("text/xml")
                .body("service_requests.request.service_request_id", equalTo(id))
                .body("service_requests.request.service_name", equalTo("Roads, bridges and public works"))
                .extract()
                .asString();
        assertThat(xml).startsWith("<?xml").doesNotContain("Budi", "budi.santoso@example.id");
    }

    @Test
    void a_verified_anonymous_complaint_is_published_without_its_text() {
        String id = fileAnonymously("Rumah saya yang di pojok, dekat warung Bu Ani, kebanjiran");
        ReadSide.caughtUp(pool);
        post(
                        Tokens.operator(),
                        "/api/complaints/" + Open311Calls.complaintId(id) + "/dispatch",
                        "{\"agencyId\":\"dinas-pupr\"}")
                .statusCode(200);
        ReadSide.caughtUp(pool);
        String json = RestAssured.get(BASE + "requests/" + id + ".json")
                .then()
                .statusCode(200)
                .body("[0].status", equalTo("open"))
                .body("[0].service_code", equalTo("INFRASTRUCTURE"))
                .body("[0].description", nullValue())
                .extract()
                .asString();
        assertThat(json).doesNotContain("Bu Ani", "pojok");
    }

    @Test
    void an_unknown_request_or_token_is_a_404_in_both_formats() {
        RestAssured.get(BASE + "requests/LPR-ZZZZ-ZZZZ-ZZZZ.json")
                .then()
                .statusCode(404)
                .body("[0].code", equalTo(404))
                .body("[0].description", containsString("LPR-ZZZZ-ZZZZ-ZZZZ"));
        RestAssured.get(BASE + "requests/LPR-ZZZZ-ZZZZ-ZZZZ.xml")
                .then()
                .statusCode(404)
                .body("errors.error.code", equalTo("404"));
        RestAssured.get(BASE + "requests/not-an-id.json").then().statusCode(404);
        RestAssured.get(BASE + "tokens/0b9d3f4e-7c1a-4d5e-9f00-000000000000.json")
                .then()
                .statusCode(404)
                .body("[0].code", equalTo(404));
        RestAssured.get(BASE + "tokens/garbage.xml").then().statusCode(404).body("errors.error.code", equalTo("404"));
    }

    @Test
    void a_token_is_the_ledgers_complaint_id_and_resolves_to_the_service_request_id() {
        String id = Api.file("warga-token");
        ReadSide.caughtUp(pool);
        String trackingNumber = as(Tokens.operator())
                .get("/api/complaints/" + id)
                .then()
                .extract()
                .path("trackingNumber");
        RestAssured.get(BASE + "tokens/" + id + ".json")
                .then()
                .statusCode(200)
                .body("", hasSize(1))
                .body("[0].service_request_id", equalTo(trackingNumber))
                .body("[0].token", equalTo(id));
        RestAssured.get(BASE + "tokens/" + id + ".xml")
                .then()
                .statusCode(200)
                .body("service_requests.request.service_request_id", equalTo(trackingNumber))
                .body("service_requests.request.token", equalTo(id));
    }

    @Test
    void status_is_open_through_dispatch_with_the_agency_and_follow_up_deadline_and_closed_on_completion() {
        String id = Api.dispatched("warga-o311-status");
        ReadSide.caughtUp(pool);
        var view = as(Tokens.operator()).get("/api/complaints/" + id).then().extract();
        String trackingNumber = view.path("trackingNumber");
        String followUpDue = view.path("deadlines.find { it.kind == 'FOLLOW_UP' }.dueAt");
        var dispatched = RestAssured.get(BASE + "requests/" + trackingNumber + ".json")
                .then()
                .statusCode(200)
                .body("[0].status", equalTo("open"))
                .body("[0].status_notes", containsString("sent to the agency responsible"))
                .body("[0].agency_responsible", equalTo("Dinas Pekerjaan Umum dan Penataan Ruang"))
                .body("[0].address", equalTo("Senggoro, Bengkalis, Bengkalis"))
                .extract();
        assertThat(Instant.parse(dispatched.<String>path("[0].expected_datetime")))
                .isEqualTo(Instant.parse(followUpDue));
        String officer = Tokens.officer("dinas-pupr");
        post(officer, "/api/complaints/" + id + "/acknowledge", "{}").statusCode(200);
        post(officer, "/api/complaints/" + id + "/follow-ups", "{\"message\":\"Sudah ditambal\"}")
                .statusCode(200);
        ReadSide.caughtUp(pool);
        RestAssured.get(BASE + "requests/" + trackingNumber + ".json")
                .then()
                .body("[0].status", equalTo("open"))
                .body("[0].status_notes", containsString("has answered"));
        post(Tokens.citizen("warga-o311-status"), "/api/complaints/" + id + "/accept", "{\"rating\":5}")
                .statusCode(200);
        ReadSide.caughtUp(pool);
        RestAssured.get(BASE + "requests/" + trackingNumber + ".xml")
                .then()
                .body("service_requests.request.status", equalTo("closed"))
                .body("service_requests.request.status_notes", equalTo("Completed."));
        RestAssured.get(BASE + "requests/" + trackingNumber + ".json")
                .then()
                .body("[0].status", equalTo("closed"))
                .body("[0].expected_datetime", nullValue());
        RestAssured.get(BASE + "requests.json?status=closed")
                .then()
                .statusCode(200)
                .body("service_request_id", hasItem(trackingNumber))
                .body("status", everyItem(equalTo("closed")));
        RestAssured.get(BASE + "requests.json?status=open")
                .then()
                .statusCode(200)
                .body("service_request_id", not(hasItem(trackingNumber)))
                .body("status", everyItem(equalTo("open")));
        RestAssured.get(BASE + "requests.json?status=open,closed")
                .then()
                .statusCode(200)
                .body("service_request_id", hasItem(trackingNumber));
    }

    @Test
    void an_archived_request_is_closed_and_says_why() {
        String id = Open311Calls.file(filing());
        ReadSide.caughtUp(pool);
        post(
                        Tokens.operator(),
                        "/api/complaints/" + Open311Calls.complaintId(id) + "/archive",
                        "{\"reason\":\"OUT_OF_SCOPE\",\"note\":\"jalan provinsi\"}")
                .statusCode(200);
        ReadSide.caughtUp(pool);
        RestAssured.get(BASE + "requests/" + id + ".json")
                .then()
                .statusCode(200)
                .body("[0].status", equalTo("closed"))
                .body("[0].status_notes", containsString("outside the regency's services"))
                .body("[0].status_notes", not(containsString("jalan provinsi")));
    }

    @Test
    void a_confidential_complaint_is_left_out_of_lists_and_shows_only_its_status_when_asked_for() {
        String trackingNumber = as(Tokens.citizen("warga-o311-secret"))
                .body(Api.complaint("Siti Rahasia", false, true))
                .post("/api/complaints")
                .then()
                .statusCode(201)
                .extract()
                .path("trackingNumber");
        ReadSide.caughtUp(pool);
        RestAssured.get(BASE + "requests.json")
                .then()
                .statusCode(200)
                .body("service_request_id", not(hasItem(trackingNumber)));
        RestAssured.get(BASE + "requests.json?service_request_id=" + trackingNumber)
                .then()
                .statusCode(200)
                .body("", hasSize(0));
        String body = RestAssured.get(BASE + "requests/" + trackingNumber + ".json")
                .then()
                .statusCode(200)
                .body("[0].service_request_id", equalTo(trackingNumber))
                .body("[0].status", equalTo("open"))
                .body("[0].description", nullValue())
                .body("[0].service_code", nullValue())
                .body("[0].lat", nullValue())
                .body("[0].requested_datetime", nullValue())
                .extract()
                .asString();
        assertThat(body).doesNotContain("Siti", "Jalan berlubang", "INFRASTRUCTURE", "pelapor@example.id");
        String xml = RestAssured.get(BASE + "requests/" + trackingNumber + ".xml")
                .then()
                .statusCode(200)
                .body("service_requests.request.status", equalTo("open"))
                .extract()
                .asString();
        assertThat(xml).doesNotContain("Jalan berlubang", "description");
    }

    @Test
    void service_request_ids_override_the_other_filters_and_service_codes_and_statuses_filter() {
        String lamp = Open311Calls.file(filing());
        Map<String, String> health = filing();
        health.put("service_code", "HEALTH");
        health.put("description", "Puskesmas tutup di jam buka");
        String clinic = Open311Calls.file(health);
        ReadSide.caughtUp(pool);
        RestAssured.get(BASE + "requests.json?service_code=HEALTH")
                .then()
                .statusCode(200)
                .body("service_request_id", hasItem(clinic))
                .body("service_request_id", not(hasItem(lamp)))
                .body("service_code", everyItem(equalTo("HEALTH")));
        RestAssured.get(BASE + "requests.json?service_code=HEALTH,INFRASTRUCTURE")
                .then()
                .statusCode(200)
                .body("service_request_id", org.hamcrest.Matchers.hasItems(clinic, lamp));
        RestAssured.get(BASE + "requests.json?service_request_id=" + lamp + "," + clinic
                        + "&service_code=OTHER&status=closed")
                .then()
                .statusCode(200)
                .body("service_request_id", org.hamcrest.Matchers.containsInAnyOrder(lamp, clinic));
        RestAssured.get(BASE + "requests.xml?service_request_id=" + lamp)
                .then()
                .statusCode(200)
                .body("service_requests.request.service_request_id", equalTo(lamp));
    }

    @Test
    void bad_filters_and_dates_are_400s_in_the_specifications_format() {
        RestAssured.get(BASE + "requests.json?start_date=yesterday")
                .then()
                .statusCode(400)
                .body("[0].code", equalTo(400))
                .body("[0].description", containsString("start_date"));
        RestAssured.get(BASE + "requests.xml?end_date=2026-13-45T00:00:00Z")
                .then()
                .statusCode(400)
                .body("errors.error.code", equalTo("400"))
                .body("errors.error.description", containsString("end_date"));
        RestAssured.get(BASE + "requests.json?start_date=2026-11-01T00:00:00Z")
                .then()
                .statusCode(200);
        RestAssured.get(BASE + "requests.json?start_date=2026-11-27T00:00:00Z&end_date=2026-11-01T00:00:00Z")
                .then()
                .statusCode(400)
                .body("[0].description", containsString("before start_date"));
        RestAssured.get(BASE + "requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z")
                .then()
                .statusCode(400)
                .body("[0].description", containsString("90 days"));
        RestAssured.get(BASE + "requests.json?status=pending")
                .then()
                .statusCode(400)
                .body("[0].description", containsString("pending"));
        RestAssured.get(BASE + "requests.json?service_request_id=42").then().statusCode(400);
        RestAssured.get(BASE + "requests.json?jurisdiction_id=sfgov.org").then().statusCode(404);
    }

    @Test
    void by_default_a_list_covers_the_last_90_days_and_older_requests_need_their_dates() {
        clock.advance(Duration.ofDays(-100));
        String old = fileAnonymously("Drainase tersumbat sejak musim hujan lalu");
        Instant filedAt = clock.instant();
        clock.reset();
        String recent = fileAnonymously("Drainase tersumbat lagi");
        ReadSide.caughtUp(pool);
        RestAssured.get(BASE + "requests.json")
                .then()
                .statusCode(200)
                .body("service_request_id", hasItem(recent))
                .body("service_request_id", not(hasItem(old)));
        RestAssured.get(BASE + "requests.json?start_date=" + filedAt.minus(Duration.ofDays(1)) + "&end_date="
                        + filedAt.plus(Duration.ofDays(1)))
                .then()
                .statusCode(200)
                .body("service_request_id", hasItem(old))
                .body("service_request_id", not(hasItem(recent)));
        // one end alone reaches 90 days from it
        RestAssured.get(BASE + "requests.json?end_date=" + filedAt.plus(Duration.ofDays(1)))
                .then()
                .statusCode(200)
                .body("service_request_id", hasItem(old))
                .body("service_request_id", not(hasItem(recent)));
        // a request asked for by id is found whenever it was filed
        RestAssured.get(BASE + "requests.json?service_request_id=" + old)
                .then()
                .statusCode(200)
                .body("service_request_id", hasItem(old));
    }

    @Test
    void a_list_holds_at_most_1000_requests_the_newest_first() throws Exception {
        ReadSide.caughtUp(pool);
        long visible = pool.query("SELECT count(*) FROM complaint_views WHERE NOT confidential "
                        + "AND submitted_at >= now() - interval '89 days' AND submitted_at <= now()")
                .execute()
                .toCompletionStage()
                .toCompletableFuture()
                .join()
                .iterator()
                .next()
                .getLong(0);
        // older than every other test's complaints, still inside the window
        clock.advance(Duration.ofDays(-80));
        Instant oldFiledAt = clock.instant();
        String oldest = fileAnonymously("Yang paling lama");
        var filers = Executors.newFixedThreadPool(8);
        List<CompletableFuture<String>> filings = new ArrayList<>();
        // with the newest, one more than a list holds; within an hour of the oldest, no more than a list holds
        for (long i = visible; i < 999; i++) {
            filings.add(CompletableFuture.supplyAsync(() -> fileAnonymously("Salah satu dari seribu"), filers));
        }
        for (var filed : filings) {
            filed.get();
        }
        filers.shutdown();
        clock.reset();
        String newest = fileAnonymously("Yang paling baru");
        ReadSide.caughtUp(pool);
        List<String> requested = RestAssured.get(BASE + "requests.json")
                .then()
                .statusCode(200)
                .body("", hasSize(1000))
                .body("[0].service_request_id", equalTo(newest))
                .body("service_request_id", not(hasItem(oldest)))
                .extract()
                .path("requested_datetime");
        assertThat(requested).isSortedAccordingTo((a, b) -> Instant.parse(b).compareTo(Instant.parse(a)));
        RestAssured.get(BASE + "requests.xml")
                .then()
                .statusCode(200)
                .body("service_requests.request.size()", equalTo(1000));
        RestAssured.get(BASE + "requests.json?start_date=" + oldFiledAt.minus(Duration.ofHours(1)) + "&end_date="
                        + oldFiledAt.plus(Duration.ofHours(1)))
                .then()
                .statusCode(200)
                .body("service_request_id", hasItem(oldest));
    }
}
