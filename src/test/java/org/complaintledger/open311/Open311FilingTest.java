package org.complaintledger.open311;

import static org.assertj.core.api.Assertions.assertThat;
import static org.complaintledger.open311.Open311Calls.BASE;
import static org.complaintledger.open311.Open311Calls.filing;
import static org.complaintledger.open311.Open311Calls.form;
import static org.complaintledger.support.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.complaintledger.support.ReadSide;
import org.complaintledger.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * POST Service Request from the specification's table: form-encoded, api_key required, the complaint filed through
 * the ledger's own command path with channel OPEN311 and its complainant sealed. Bad input writes nothing.
 */
@QuarkusTest
class Open311FilingTest {

    private static final String TRACKING_NUMBER = "LPR-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}";

    @Inject
    Pool pool;

    private long events() {
        return pool.query("SELECT count(*) FROM events")
                .execute()
                .toCompletionStage()
                .toCompletableFuture()
                .join()
                .iterator()
                .next()
                .getLong(0);
    }

    private long dataKeys() {
        return pool.query("SELECT count(*) FROM data_keys")
                .execute()
                .toCompletionStage()
                .toCompletableFuture()
                .join()
                .iterator()
                .next()
                .getLong(0);
    }

    @Test
    void a_filing_answers_its_service_request_id_and_becomes_an_open311_complaint_with_the_complainant_sealed() {
        String trackingNumber = form(filing())
                .post(BASE + "requests.json")
                .then()
                .statusCode(201)
                .contentType("application/json")
                .header("Location", matchesPattern(".*/open311/v2/requests/" + TRACKING_NUMBER + "\\.json"))
                .body("", hasSize(1))
                .body("[0].service_request_id", matchesPattern(TRACKING_NUMBER))
                .body("[0].service_notice", containsString("verifies it by"))
                .body("[0].token", nullValue())
                .extract()
                .path("[0].service_request_id");
        ReadSide.caughtUp(pool);
        String id = Open311Calls.complaintId(trackingNumber);
        as(Tokens.operator())
                .get("/api/complaints/" + id)
                .then()
                .statusCode(200)
                .body("channel", equalTo("OPEN311"))
                .body("status", equalTo("SUBMITTED"))
                .body("category", equalTo("INFRASTRUCTURE"))
                .body("title", equalTo("Lampu jalan padam di depan SDN 3 Bengkalis"))
                .body("location.latitude", equalTo(1.465f))
                .body("anonymous", equalTo(false))
                .body("complainant.name", equalTo("Budi Santoso"))
                .body("complainant.email", equalTo("budi.santoso@example.id"))
                .body("complainant.phone", equalTo("+62 812 3333 4444"));
        // the same decider, the same events as any filing; the person only as ciphertext
        var stored = pool.preparedQuery("SELECT type, actor::text AS actor, data::text AS data FROM events "
                        + "WHERE stream_id = $1 ORDER BY stream_version")
                .execute(Tuple.of(UUID.fromString(id)))
                .toCompletionStage()
                .toCompletableFuture()
                .join();
        java.util.List<String> types = new java.util.ArrayList<>();
        stored.forEach(row -> {
            types.add(row.getString("type"));
            assertThat(row.getString("data")).doesNotContain("Budi", "Santoso", "budi.santoso@example.id", "3333 4444");
        });
        assertThat(types).containsExactly("complaint.submitted", "complaint.deadline-set", "complaint.deadline-set");
        assertThat(stored.iterator().next().getString("actor")).contains("\"role\": \"citizen\"", "open311:dev:");
    }

    @Test
    void a_filing_answers_in_xml_when_asked_and_keeps_the_address_and_media_with_the_description() {
        Map<String, String> parameters = filing();
        parameters.remove("lat");
        parameters.remove("long");
        parameters.remove("first_name");
        parameters.remove("last_name");
        parameters.remove("email");
        parameters.remove("phone");
        parameters.put("address_string", "Jl. Ahmad Yani 12, Bengkalis");
        parameters.put("media_url", "https://example.id/foto/lampu.jpg");
        parameters.put("device_id", "tt222111");
        parameters.put("jurisdiction_id", "bengkaliskab.go.id");
        String trackingNumber = form(parameters)
                .post(BASE + "requests.xml")
                .then()
                .statusCode(201)
                .contentType("text/xml")
                .body("service_requests.request.service_request_id", matchesPattern(TRACKING_NUMBER))
                .body("service_requests.request.service_notice", containsString("verifies it by"))
                .extract()
                .path("service_requests.request.service_request_id");
        ReadSide.caughtUp(pool);
        String id = Open311Calls.complaintId(trackingNumber);
        String view = as(Tokens.operator())
                .get("/api/complaints/" + id)
                .then()
                .statusCode(200)
                .body("channel", equalTo("OPEN311"))
                .body("anonymous", equalTo(true))
                .body("complainant", nullValue())
                .body("location", nullValue())
                .body("description", containsString("Address: Jl. Ahmad Yani 12, Bengkalis"))
                .body("description", containsString("Media: https://example.id/foto/lampu.jpg"))
                .extract()
                .asString();
        assertThat(view).doesNotContain("tt222111");
    }

    @Test
    void without_an_api_key_or_with_a_wrong_one_filing_is_a_403_in_the_specifications_format_and_writes_nothing() {
        long before = events();
        Map<String, String> parameters = filing();
        parameters.remove("api_key");
        form(parameters)
                .post(BASE + "requests.json")
                .then()
                .statusCode(403)
                .contentType("application/json")
                .body("[0].code", equalTo(403))
                .body("[0].description", containsString("api_key"));
        form(parameters)
                .post(BASE + "requests.xml")
                .then()
                .statusCode(403)
                .contentType("text/xml")
                .body("errors.error.code", equalTo("403"));
        parameters.put("api_key", "guessed-key");
        form(parameters)
                .post(BASE + "requests.json")
                .then()
                .statusCode(403)
                .body("[0].description", containsString("Invalid api_key"));
        // the key is checked before anything else: a bad form without a key is still a 403
        form(Map.of("service_code", "")).post(BASE + "requests.json").then().statusCode(403);
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void missing_and_malformed_parameters_are_400s_naming_every_one_and_write_nothing() {
        long before = events();
        long keys = dataKeys();
        form(Map.of(
                        "api_key",
                        Open311Calls.API_KEY,
                        "email",
                        "bukan-email",
                        "lat",
                        "north",
                        "phone",
                        "call me",
                        "media_url",
                        "javascript:alert(1)",
                        "colour",
                        "red"))
                .post(BASE + "requests.json")
                .then()
                .statusCode(400)
                .contentType("application/json")
                .body("code", org.hamcrest.Matchers.everyItem(equalTo(400)))
                .body(
                        "description",
                        hasItems(
                                containsString("service_code"),
                                containsString("description"),
                                containsString("email"),
                                containsString("lat must be a decimal"),
                                containsString("phone"),
                                containsString("media_url"),
                                containsString("colour is not a parameter")));
        Map<String, String> parameters = filing();
        parameters.remove("long");
        form(parameters)
                .post(BASE + "requests.json")
                .then()
                .statusCode(400)
                .body("description", hasItem(containsString("lat and long are given together")));
        parameters = filing();
        parameters.put("lat", "91");
        form(parameters)
                .post(BASE + "requests.xml")
                .then()
                .statusCode(400)
                .contentType("text/xml")
                .body("errors.error.description", containsString("lat"));
        parameters = filing();
        parameters.remove("lat");
        parameters.remove("long");
        form(parameters)
                .post(BASE + "requests.json")
                .then()
                .statusCode(400)
                .body("description", hasItem(containsString("a location is required")));
        parameters.put("address_id", "545483");
        form(parameters)
                .post(BASE + "requests.json")
                .then()
                .statusCode(400)
                .body("description", hasItem(containsString("address_id is not supported")));
        parameters = filing();
        parameters.put("description", "x".repeat(4001));
        form(parameters)
                .post(BASE + "requests.json")
                .then()
                .statusCode(400)
                .body("description", hasItem(containsString("description")));
        parameters = filing();
        parameters.put("attribute[WHISPAWN]", "123456");
        form(parameters)
                .post(BASE + "requests.json")
                .then()
                .statusCode(400)
                .body("description", hasItem(containsString("no service here has attributes")));
        assertThat(events()).isEqualTo(before);
        assertThat(dataKeys()).isEqualTo(keys);
    }

    @Test
    void an_unknown_service_code_or_jurisdiction_is_a_404_and_writes_nothing() {
        long before = events();
        Map<String, String> parameters = filing();
        parameters.put("service_code", "POTHOLES");
        form(parameters)
                .post(BASE + "requests.json")
                .then()
                .statusCode(404)
                .body("[0].code", equalTo(404))
                .body("[0].description", containsString("POTHOLES"));
        parameters = filing();
        parameters.put("jurisdiction_id", "sfgov.org");
        form(parameters)
                .post(BASE + "requests.xml")
                .then()
                .statusCode(404)
                .body("errors.error.description", containsString("sfgov.org"));
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void a_body_that_is_not_a_form_or_a_method_that_is_not_geo_reports_is_refused_in_the_specifications_format() {
        long before = events();
        io.restassured.RestAssured.given()
                .contentType("application/json")
                .body("{\"service_code\":\"HEALTH\"}")
                .post(BASE + "requests.json")
                .then()
                .statusCode(415)
                .contentType("application/json")
                .body("[0].code", equalTo(415));
        io.restassured.RestAssured.given()
                .contentType("application/json")
                .body("{}")
                .post(BASE + "requests.xml")
                .then()
                .statusCode(415)
                .contentType("text/xml")
                .body("errors.error.code", equalTo("415"));
        form(filing())
                .put(BASE + "requests.json")
                .then()
                .statusCode(405)
                .contentType("application/json")
                .body("[0].code", equalTo(405));
        assertThat(events()).isEqualTo(before);
    }
}
