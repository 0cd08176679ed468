package org.complaintledger.open311;

import static io.restassured.RestAssured.given;
import static org.complaintledger.support.Api.as;

import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.complaintledger.support.Tokens;

/** GeoReport calls as a civic-reporting app makes them, against the running service. */
final class Open311Calls {

    /** The key the test profile registers for the client {@code dev} (ledger.open311.dev-api-key). */
    static final String API_KEY = "dev-open311-key";

    static final String BASE = "/open311/v2/";
    static final String FORM = "application/x-www-form-urlencoded; charset=utf-8";

    private Open311Calls() {}

    /** A complete, valid filing; tests change or drop what they look at. */
    static Map<String, String> filing() {
        return new java.util.LinkedHashMap<>(Map.of(
                "api_key", API_KEY,
                "service_code", "INFRASTRUCTURE",
                "description", "Lampu jalan padam di depan SDN 3 Bengkalis\nSudah seminggu gelap.",
                "lat", "1.4650",
                "long", "102.1073",
                "first_name", "Budi",
                "last_name", "Santoso",
                "email", "budi.santoso@example.id",
                "phone", "+62 812 3333 4444"));
    }

    static RequestSpecification form(Map<String, String> parameters) {
        return given().contentType(FORM).formParams(parameters);
    }

    /** Files through POST requests.json and answers the service_request_id (the tracking number). */
    static String file(Map<String, String> parameters) {
        return form(parameters)
                .post(BASE + "requests.json")
                .then()
                .statusCode(201)
                .extract()
                .path("[0].service_request_id");
    }

    /**
     * The ledger's complaint id of a tracking number, as the operator finds it by that number. The complaint view is a
     * projection, so the lookup waits (briefly) for it to catch up with the filing.
     */
    static String complaintId(String trackingNumber) {
        return Awaitility.await("complaint " + trackingNumber + " in the operator's view")
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> {
                            var response =
                                    as(Tokens.operator()).get("/api/complaints/by-tracking/{number}", trackingNumber);
                            return response.statusCode() == 200 ? (String) response.path("id") : null;
                        },
                        id -> id != null);
    }
}
