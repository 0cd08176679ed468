package org.complaintledger.operations;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import org.complaintledger.support.Api;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** The three probes an orchestrator asks, answered by the running application. */
@QuarkusTest
class HealthApiTest {

    private static final String DATABASE_CHECK = "Reactive PostgreSQL connections health check";

    @Test
    void liveness_is_up_and_does_not_depend_on_the_database() {
        // restarting replicas would not bring a database back: its outage is readiness's business
        given().get("/q/health/live")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", not(hasItem(DATABASE_CHECK)));
    }

    @Test
    void the_instance_has_started_once_its_projections_are_registered_and_measured() {
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> given().get("/q/health/started")
                        .then()
                        .statusCode(200)
                        .body("status", equalTo("UP"))
                        .body("checks.find { it.name == 'projections-registered' }.status", equalTo("UP")));
    }

    @jakarta.inject.Inject
    org.complaintledger.support.TestClock clock;

    @Test
    void readiness_warns_and_a_gauge_says_how_many_days_are_left_before_the_holiday_calendar_runs_out() {
        // the configured calendar (ledger.calendar.holidays) ends with 1 January 2027; every admin's calendar adds to
        // it, so it is the one that runs out first
        long left = java.time.temporal.ChronoUnit.DAYS.between(
                java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneId.of("Asia/Jakarta")),
                java.time.LocalDate.of(2027, 1, 1));
        // read whatever the other checks say (a loaded machine's projections may lag): this check is UP either way
        var check = given().get("/q/health/ready")
                .then()
                .extract()
                .<java.util.Map<String, Object>>path("checks.find { it.name == 'holiday-calendar' }");
        org.assertj.core.api.Assertions.assertThat(check).containsEntry("status", "UP");
        @SuppressWarnings("unchecked")
        var data = (java.util.Map<String, Object>) check.get("data");
        org.assertj.core.api.Assertions.assertThat(((Number) data.get("daysRemaining")).longValue())
                .isEqualTo(left);
        if (left < 90) {
            org.assertj.core.api.Assertions.assertThat((String) data.get("warning"))
                    .contains("add next year's holidays");
        } else {
            org.assertj.core.api.Assertions.assertThat(data).doesNotContainKey("warning");
        }
        org.assertj.core.api.Assertions.assertThat(given().get("/q/metrics")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString())
                .containsPattern("(?m)^ledger_calendar_days_remaining\\S* " + left + "\\.0$");
    }

    @Test
    void readiness_checks_the_database_and_goes_down_while_a_long_open_transaction_holds_the_projections_back()
            throws Exception {
        // "Graceful Shutdown" goes down first thing on SIGTERM, while the replica still serves
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems(DATABASE_CHECK, "projections", "Graceful Shutdown"));

        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        try (Connection holder = DriverManager.getConnection(url, "postgres", "")) {
            holder.setAutoCommit(false);
            // a transaction id in flight holds the horizon: events committed after it are not handed to projections
            holder.createStatement().execute("SELECT pg_current_xact_id()");
            Api.file("warga-held-back");
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> given().get("/q/health/ready")
                            .then()
                            .statusCode(503)
                            .body("status", equalTo("DOWN"))
                            .body("checks.find { it.name == 'projections' }.status", equalTo("DOWN"))
                            .body("checks.find { it.name == '" + DATABASE_CHECK + "' }.status", equalTo("UP")));
            holder.rollback();
        }
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() ->
                        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP")));
    }
}
