package org.complaintledger.open311;

import static org.assertj.core.api.Assertions.assertThat;
import static org.complaintledger.open311.Open311Calls.BASE;
import static org.complaintledger.support.Api.as;
import static org.complaintledger.support.Api.post;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.complaintledger.support.Api;
import org.complaintledger.support.ReadSide;
import org.complaintledger.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * FixMyStreet's GET servicerequestupdates: one update per status-changing event of the period, taken from the
 * event stream (its id is the event's), in order, with our own words and never personal data or anyone's free text.
 */
@QuarkusTest
class Open311UpdatesTest {

    @Inject
    Pool pool;

    private static String since(Instant start) {
        return "?start_date=" + start + "&end_date=" + Instant.now().plus(1, ChronoUnit.MINUTES);
    }

    @Test
    void each_status_change_of_a_complaint_is_one_update_with_the_events_id_and_time_in_json_and_xml() {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(1);
        String id = Api.dispatched("warga-updates");
        String officer = Tokens.officer("dinas-pupr");
        post(officer, "/api/complaints/" + id + "/acknowledge", "{}").statusCode(200);
        post(officer, "/api/complaints/" + id + "/follow-ups", "{\"message\":\"Lubang sudah ditambal oleh tim\"}")
                .statusCode(200);
        post(
                        Tokens.citizen("warga-updates"),
                        "/api/complaints/" + id + "/accept",
                        "{\"rating\":4,\"comment\":\"Terima kasih Pak Joko\"}")
                .statusCode(200);
        ReadSide.caughtUp(pool);
        String trackingNumber = as(Tokens.operator())
                .get("/api/complaints/" + id)
                .then()
                .extract()
                .path("trackingNumber");
        List<Map<String, Object>> events = as(Tokens.auditor())
                .get("/api/complaints/" + id + "/history")
                .then()
                .statusCode(200)
                .extract()
                .path("events");
        List<Map<String, Object>> changes = events.stream()
                .filter(event -> List.of(
                                "complaint.dispatched",
                                "complaint.acknowledged",
                                "complaint.follow-up-posted",
                                "complaint.completed")
                        .contains(event.get("type")))
                .toList();

        var json = RestAssured.get(BASE + "servicerequestupdates.json" + since(start))
                .then()
                .statusCode(200)
                .contentType("application/json")
                .extract();
        List<Map<String, Object>> updates = json.<List<Map<String, Object>>>path("").stream()
                .filter(update -> trackingNumber.equals(update.get("service_request_id")))
                .toList();
        assertThat(updates)
                .extracting(update -> update.get("update_id"))
                .containsExactlyElementsOf(
                        changes.stream().map(event -> event.get("eventId")).toList());
        assertThat(updates)
                .extracting(update -> Instant.parse((String) update.get("updated_datetime")))
                .containsExactlyElementsOf(changes.stream()
                        .map(event -> Instant.parse((String) event.get("occurredAt")))
                        .toList());
        assertThat(updates)
                .extracting(update -> update.get("status"))
                .containsExactly("open", "open", "open", "closed");
        assertThat(updates)
                .extracting(update -> update.get("description"))
                .containsExactly(
                        "Verified and sent to the agency responsible.", "The agency responsible is working on it.",
                        "The agency has answered; the complainant may accept or object.", "Completed.");
        assertThat(json.asString())
                .doesNotContain("Siti Aminah", "pelapor@example.id", "ditambal", "Joko", "mohon ditindaklanjuti");
        List<String> times = json.path("updated_datetime");
        assertThat(times).isSortedAccordingTo((a, b) -> Instant.parse(a).compareTo(Instant.parse(b)));

        String completed = (String) changes.getLast().get("eventId");
        RestAssured.get(BASE + "servicerequestupdates.xml" + since(start))
                .then()
                .statusCode(200)
                .contentType("text/xml")
                .body(
                        "service_request_updates.request_update.find { it.update_id == '" + completed + "' }"
                                + ".service_request_id",
                        equalTo(trackingNumber))
                .body(
                        "service_request_updates.request_update.find { it.update_id == '" + completed + "' }.status",
                        equalTo("closed"))
                .body(
                        "service_request_updates.request_update.find { it.update_id == '" + completed + "' }"
                                + ".description",
                        equalTo("Completed."));
        // a period that ends before the complaint's story has none of it
        RestAssured.get(BASE + "servicerequestupdates.json?start_date=" + start.minus(2, ChronoUnit.DAYS) + "&end_date="
                        + start.minus(1, ChronoUnit.DAYS))
                .then()
                .statusCode(200)
                .body("service_request_id", not(hasItem(trackingNumber)));
    }

    @Test
    void a_complaint_made_confidential_has_none_of_its_updates_published() {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(1);
        String id = Api.dispatched("warga-updates-secret");
        ReadSide.caughtUp(pool);
        String trackingNumber = as(Tokens.operator())
                .get("/api/complaints/" + id)
                .then()
                .extract()
                .path("trackingNumber");
        RestAssured.get(BASE + "servicerequestupdates.json" + since(start))
                .then()
                .statusCode(200)
                .body("service_request_id", hasItem(trackingNumber));
        post(
                        Tokens.operator(),
                        "/api/complaints/" + id + "/visibility",
                        "{\"anonymous\":false,\"confidential\":true,\"reason\":\"melindungi pelapor\"}")
                .statusCode(200);
        ReadSide.caughtUp(pool);
        RestAssured.get(BASE + "servicerequestupdates.json" + since(start))
                .then()
                .statusCode(200)
                .body("service_request_id", not(hasItem(trackingNumber)));
    }

    @Test
    void a_complaint_filed_through_open311_gets_its_updates_after_filing_but_filing_is_not_one() {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(1);
        String trackingNumber = Open311Calls.file(Open311Calls.filing());
        ReadSide.caughtUp(pool);
        RestAssured.get(BASE + "servicerequestupdates.json" + since(start))
                .then()
                .statusCode(200)
                .body("service_request_id", not(hasItem(trackingNumber)));
        post(
                        Tokens.operator(),
                        "/api/complaints/" + Open311Calls.complaintId(trackingNumber) + "/dispatch",
                        "{\"agencyId\":\"dinas-pupr\"}")
                .statusCode(200);
        ReadSide.caughtUp(pool);
        RestAssured.get(BASE + "servicerequestupdates.json" + since(start))
                .then()
                .statusCode(200)
                .body("find { it.service_request_id == '" + trackingNumber + "' }.status", equalTo("open"))
                .body(
                        "find { it.service_request_id == '" + trackingNumber + "' }.description",
                        containsString("sent to the agency"));
    }

    @Test
    void bad_periods_are_400s_and_another_jurisdiction_a_404_in_the_specifications_format() {
        RestAssured.get(BASE + "servicerequestupdates.json?start_date=last-week")
                .then()
                .statusCode(400)
                .body("[0].code", equalTo(400))
                .body("[0].description", containsString("start_date"));
        RestAssured.get(BASE + "servicerequestupdates.xml?end_date=2026-11-27")
                .then()
                .statusCode(400)
                .body("errors.error.code", equalTo("400"))
                .body("errors.error.description", containsString("end_date"));
        RestAssured.get(BASE
                        + "servicerequestupdates.json?start_date=2026-01-01T00:00:00Z&end_date=2026-12-01T00:00:00Z")
                .then()
                .statusCode(400)
                .body("[0].description", containsString("90 days"));
        RestAssured.get(BASE + "servicerequestupdates.json?jurisdiction_id=sfgov.org")
                .then()
                .statusCode(404)
                .body("[0].code", equalTo(404));
        RestAssured.get(BASE + "servicerequestupdates.json").then().statusCode(200);
    }
}
