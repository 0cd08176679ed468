package org.complaintledger.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.complaintledger.support.Api.as;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.vertx.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.complaintledger.complaint.handling.DeadlineScheduler;
import org.complaintledger.support.Api;
import org.complaintledger.support.Deadlines;
import org.complaintledger.support.TestClock;
import org.complaintledger.support.Tokens;
import org.junit.jupiter.api.Test;

/** The limits the rest of the suite runs without, small here so that a few requests spend them. */
@QuarkusTest
@TestProfile(RateLimitApiTest.SmallLimits.class)
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class RateLimitApiTest {

    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "ledger.rate-limit.enabled",
                    "true",
                    "ledger.rate-limit.public-per-minute",
                    "5",
                    "ledger.rate-limit.filing-per-minute",
                    "2",
                    "ledger.rate-limit.filing-per-minute-per-address",
                    "1000",
                    "ledger.rate-limit.open311-key-per-hour",
                    "2",
                    "ledger.public-cache.ttl",
                    "PT60S");
        }
    }

    @Inject
    TestClock clock;

    @Inject
    Pool pool;

    @Inject
    DeadlineScheduler scheduler;

    @Test
    @org.junit.jupiter.api.Order(2)
    void a_flood_of_anonymous_reads_from_one_address_is_answered_429_with_retry_after_whatever_it_forwards() {
        int answered = 0;
        int limited = 0;
        for (int i = 0; i < 8; i++) {
            // a client's own X-Forwarded-For is not believed: no proxy is trusted here
            var response = RestAssured.given()
                    .header("X-Forwarded-For", "198.51.100." + i)
                    .get("/api/statistics")
                    .then()
                    .extract();
            if (response.statusCode() == 429) {
                limited++;
                assertThat(response.contentType()).startsWith("application/problem+json");
                assertThat(response.jsonPath().getString("code")).isEqualTo("rate-limited");
                assertThat(Long.parseLong(response.header("Retry-After"))).isBetween(1L, 60L);
            } else {
                assertThat(response.statusCode()).isEqualTo(200);
                answered++;
            }
        }
        assertThat(answered).isLessThanOrEqualTo(5);
        assertThat(limited).isGreaterThanOrEqualTo(3);
        RestAssured.get("/open311/v2/services.json")
                .then()
                .statusCode(429)
                .header("Retry-After", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void a_citizen_who_has_spent_the_filing_quota_waits_while_another_still_files() {
        Api.file("warga-kuota-1");
        Api.file("warga-kuota-1");
        as(Tokens.citizen("warga-kuota-1"))
                .body(Api.complaint("Siti Aminah", false, false))
                .post("/api/complaints")
                .then()
                .statusCode(429)
                .contentType("application/problem+json")
                .body("code", equalTo("rate-limited"))
                .header("Retry-After", org.hamcrest.Matchers.notNullValue());
        Api.file("warga-kuota-2");
    }

    // first, before the flood spends this address's public quota: two of its five requests
    @Test
    @org.junit.jupiter.api.Order(1)
    void a_public_statistics_answer_is_kept_for_a_while() {
        Instant day = clock.instant().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(3000));
        String query = "/api/statistics?from=" + day + "&to=" + day.plus(Duration.ofDays(1));
        RestAssured.get(query).then().statusCode(200).body("total", equalTo(0));
        clock.advance(Duration.ofDays(-3000));
        try {
            Api.file("warga-cache");
        } finally {
            clock.reset();
        }
        // filed 3000 days back, its deadlines are all due: fired here, not in whichever test runs next
        Deadlines.settle(pool, scheduler);
        // the filing is in the read model, the answer kept from before it is not
        RestAssured.get(query).then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void an_open311_client_that_has_spent_its_quota_is_answered_429_in_the_specifications_format() {
        Map<String, String> filing = Map.of(
                "api_key",
                "dev-open311-key",
                "service_code",
                "INFRASTRUCTURE",
                "description",
                "Lampu jalan di depan sekolah mati sejak seminggu",
                "lat",
                "1.4705",
                "long",
                "102.1045");
        for (int i = 0; i < 2; i++) {
            RestAssured.given()
                    .contentType("application/x-www-form-urlencoded; charset=utf-8")
                    .formParams(filing)
                    .post("/open311/v2/requests.json")
                    .then()
                    .statusCode(201);
        }
        RestAssured.given()
                .contentType("application/x-www-form-urlencoded; charset=utf-8")
                .formParams(filing)
                .post("/open311/v2/requests.json")
                .then()
                .statusCode(429)
                .header("Retry-After", org.hamcrest.Matchers.notNullValue())
                .body("[0].description", org.hamcrest.Matchers.containsString("quota"));
    }
}
