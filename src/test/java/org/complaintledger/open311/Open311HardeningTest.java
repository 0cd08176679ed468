package org.complaintledger.open311;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * A caller's Host header never becomes an address the service publishes (cache poisoning, phishing links), and dates
 * beyond what the database holds are the caller's mistake, not the service's 500.
 */
@QuarkusTest
class Open311HardeningTest {

    @Test
    void discovery_names_the_configured_address_whatever_host_the_caller_claims() {
        given().header("Host", "evil.example")
                .get("/open311/v2/discovery.json")
                .then()
                .statusCode(200)
                .body("endpoints[0].url", equalTo("http://localhost:8080/open311/v2"));
    }

    @Test
    void a_filing_s_location_is_on_the_configured_address() {
        Open311Calls.form(Open311Calls.filing())
                .header("Host", "evil.example")
                .post(Open311Calls.BASE + "requests.json")
                .then()
                .statusCode(201)
                .header("Location", startsWith("http://localhost:8080/open311/v2/requests/"));
    }

    @Test
    void dates_beyond_the_years_1_to_9999_are_a_400_in_the_specifications_format() {
        for (String query : new String[] {
            "start_date=+10000-01-01T00:00:00Z",
            "end_date=-0001-01-01T00:00:00Z",
            "start_date=+999999999-12-31T23:59:59Z&end_date=+999999999-12-31T23:59:59Z",
            "end_date=0001-01-02T00:00:00Z"
        }) {
            given().get(Open311Calls.BASE + "requests.json?" + query)
                    .then()
                    .statusCode(org.hamcrest.Matchers.oneOf(200, 400))
                    .statusCode(org.hamcrest.Matchers.not(500));
            given().get(Open311Calls.BASE + "servicerequestupdates.json?" + query)
                    .then()
                    .statusCode(org.hamcrest.Matchers.oneOf(200, 400));
        }
        given().get(Open311Calls.BASE + "requests.json?start_date=+10000-01-01T00:00:00Z")
                .then()
                .statusCode(400)
                .body("[0].description", org.hamcrest.Matchers.containsString("0001 to 9999"));
    }
}
