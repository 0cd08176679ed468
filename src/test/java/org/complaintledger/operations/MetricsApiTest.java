package org.complaintledger.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.complaintledger.support.Api.as;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.complaintledger.deadline.DeadlineKind;
import org.complaintledger.support.Api;
import org.complaintledger.support.Scrape;
import org.complaintledger.support.Tokens;
import org.junit.jupiter.api.Test;

/** What Prometheus scrapes from /q/metrics after real requests: the series an operator's dashboards and alerts use. */
@QuarkusTest
class MetricsApiTest {

    @Test
    void an_accepted_command_and_refused_ones_are_timed_by_command_and_outcome_and_refusals_counted_by_code() {
        Scrape before = Scrape.now();
        String id = Api.file("warga-metrics");
        as(Tokens.citizen("warga-metrics"))
                .body("{\"rating\":4}")
                .post("/api/complaints/" + id + "/accept")
                .then()
                .statusCode(409)
                .body("code", equalTo("complaint.transition-not-allowed"));
        as(Tokens.citizen("warga-metrics"))
                .header("If-Match", "\"7\"")
                .body("{\"reason\":\"sudah beres\"}")
                .post("/api/complaints/" + id + "/withdraw")
                .then()
                .statusCode(412);
        Scrape after = Scrape.now();

        String[] filed = {"command", "submit", "outcome", "accepted"};
        assertThat(delta(before, after, "ledger_commands_seconds_count", filed)).isEqualTo(1);
        assertThat(delta(before, after, "ledger_commands_seconds_sum", filed)).isPositive();
        // a histogram, so that the replicas' latencies can be added up: every command falls in the +Inf bucket
        assertThat(after.value(
                        "ledger_commands_seconds_bucket", "command", "submit", "outcome", "accepted", "le", "+Inf"))
                .isEqualTo(after.value("ledger_commands_seconds_count", filed));

        assertThat(delta(before, after, "ledger_commands_seconds_count", "command", "accept", "outcome", "rejected"))
                .isEqualTo(1);
        assertThat(delta(
                        before,
                        after,
                        "ledger_commands_rejected_total",
                        "command",
                        "accept",
                        "code",
                        "complaint.transition-not-allowed"))
                .isEqualTo(1);
        assertThat(delta(
                        before,
                        after,
                        "ledger_commands_rejected_total",
                        "command",
                        "withdraw",
                        "code",
                        "request.version-conflict"))
                .isEqualTo(1);
        assertThat(delta(before, after, "ledger_commands_seconds_count", "command", "accept", "outcome", "accepted"))
                .isZero();
    }

    @Test
    void appended_events_are_counted_by_type_and_each_append_is_timed() {
        Scrape before = Scrape.now();
        Api.dispatched("warga-metrics-append");
        Scrape after = Scrape.now();

        assertThat(delta(before, after, "ledger_events_appended_total", "type", "complaint.submitted"))
                .isEqualTo(1);
        assertThat(delta(before, after, "ledger_events_appended_total", "type", "complaint.dispatched"))
                .isEqualTo(1);
        // filing and dispatching are two commands, so at least two appends (the deadline scheduler may add its own)
        assertThat(delta(before, after, "ledger_appends_seconds_count", "outcome", "appended"))
                .isGreaterThanOrEqualTo(2);
        assertThat(delta(before, after, "ledger_appends_seconds_sum", "outcome", "appended"))
                .isPositive();
    }

    @Test
    void projection_lag_and_fired_deadlines_of_every_kind_are_exported_from_the_start() {
        Scrape scrape = Scrape.now();
        for (String unit : new String[] {"ledger_projection_lag_events", "ledger_projection_lag_ms"}) {
            assertThat(scrape.value(unit, "projection", "complaint-views")).isGreaterThanOrEqualTo(0);
        }
        for (DeadlineKind kind : DeadlineKind.values()) {
            assertThat(scrape.value("ledger_deadlines_fired_total", "kind", kind.configKey()))
                    .isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void a_verification_is_timed_by_scope_and_outcome_and_counts_the_events_it_checked() {
        String id = Api.dispatched("warga-metrics-verify");
        Scrape before = Scrape.now();
        int checked = as(Tokens.auditor())
                .queryParam("complaintId", id)
                .get("/api/ledger/verify")
                .then()
                .statusCode(200)
                .body("valid", equalTo(true))
                .extract()
                .path("checkedEvents");
        // an unknown complaint is a 404, not a verification
        as(Tokens.auditor())
                .queryParam("complaintId", UUID.randomUUID().toString())
                .get("/api/ledger/verify")
                .then()
                .statusCode(404);
        Scrape after = Scrape.now();

        assertThat(checked).isPositive();
        assertThat(delta(before, after, "ledger_verification_seconds_count", "scope", "complaint", "outcome", "valid"))
                .isEqualTo(1);
        assertThat(delta(before, after, "ledger_verification_events_total", "scope", "complaint"))
                .isEqualTo(checked);
        assertThat(delta(before, after, "ledger_verification_seconds_count", "scope", "complaint", "outcome", "error"))
                .isZero();
    }

    private static double delta(Scrape before, Scrape after, String name, String... labels) {
        return after.valueOrZero(name, labels) - before.valueOrZero(name, labels);
    }
}
