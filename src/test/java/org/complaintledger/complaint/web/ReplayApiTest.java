package org.complaintledger.complaint.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.complaintledger.support.Api.as;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.complaintledger.ledger.LedgerProbe;
import org.complaintledger.support.Api;
import org.complaintledger.support.Events;
import org.complaintledger.support.Tokens;
import org.junit.jupiter.api.Test;

/** A complaint as it stood at an instant, and its history with each event's place in the ledger. */
@QuarkusTest
class ReplayApiTest {

    @Inject
    Pool pool;

    @Test
    void a_complaint_as_of_an_instant_shows_the_state_it_had_then() {
        String id = Api.dispatched("warga-replay");
        String path = "/api/complaints/" + id;
        List<String> recorded = as(Tokens.auditor())
                .get(path + "/history")
                .then()
                .statusCode(200)
                .extract()
                .path("events.recordedAt");
        Instant filed = Instant.parse(recorded.get(2));
        Instant dispatched = Instant.parse(recorded.get(5));

        as(Tokens.auditor())
                .queryParam("asOf", filed.toString())
                .get(path)
                .then()
                .statusCode(200)
                .body("status", equalTo("SUBMITTED"))
                .body("version", equalTo(3))
                .body("agencyId", equalTo(null));
        // the same instant written in Jakarta time
        as(Tokens.operator())
                .queryParam("asOf", filed.atOffset(ZoneOffset.ofHours(7)).toString())
                .get(path)
                .then()
                .statusCode(200)
                .body("version", equalTo(3));
        as(Tokens.ombudsman())
                .queryParam("asOf", dispatched.toString())
                .get(path)
                .then()
                .statusCode(200)
                .body("status", equalTo("DISPATCHED"))
                .body("version", equalTo(6))
                .body("agencyId", equalTo("dinas-pupr"));
        as(Tokens.auditor())
                .queryParam("asOf", dispatched.toString())
                .get(path)
                .then()
                .statusCode(200)
                .body("complainant", equalTo(null));
    }

    @Test
    void a_complaint_as_of_before_it_was_filed_is_not_found() {
        String id = Api.file("warga-replay-early");
        as(Tokens.auditor())
                .queryParam("asOf", "2000-01-01T00:00:00Z")
                .get("/api/complaints/" + id)
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("complaint.not-found"));
    }

    @Test
    void an_instant_that_is_not_one_is_a_400_problem_never_a_500() {
        String id = Api.file("warga-replay-bad");
        for (String bad : List.of("yesterday", "2026-13-01T00:00:00Z", "2026-11-27T10:15:30", "1764238530")) {
            as(Tokens.auditor())
                    .queryParam("asOf", bad)
                    .get("/api/complaints/" + id)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("code", equalTo("request.invalid"))
                    .body("errors[0].field", equalTo("asOf"));
        }
    }

    @Test
    void a_past_state_is_for_operators_the_ombudsman_and_auditors_only() {
        String id = Api.dispatched("warga-replay-owner");
        String asOf = Instant.now().toString();
        as(Tokens.citizen("warga-replay-owner"))
                .queryParam("asOf", asOf)
                .get("/api/complaints/" + id)
                .then()
                .statusCode(403);
        as(Tokens.officer("dinas-pupr"))
                .queryParam("asOf", asOf)
                .get("/api/complaints/" + id)
                .then()
                .statusCode(403);
    }

    @Test
    void the_history_shows_each_events_ledger_seq_once_sequenced() {
        String id = Api.dispatched("warga-replay-seq");
        List<Long> seqs = LedgerProbe.awaitSequenced(pool, UUID.fromString(id));

        List<Number> shown = as(Tokens.auditor())
                .get("/api/complaints/" + id + "/history")
                .then()
                .statusCode(200)
                .extract()
                .path("events.ledgerSeq");
        assertThat(shown.stream().map(Number::longValue).toList())
                .containsExactlyElementsOf(seqs)
                .isSorted();
    }

    @Test
    void an_auditor_changes_nothing_anywhere() {
        String id = Api.dispatched("warga-replay-auditor");
        String path = "/api/complaints/" + id;
        long before = Events.of(pool, id);
        for (String command : List.of(
                "/clarification-requests",
                "/dispatch",
                "/archive",
                "/visibility",
                "/acknowledge",
                "/decline",
                "/redispatch",
                "/follow-ups",
                "/accept",
                "/object",
                "/appeal",
                "/escalate",
                "/withdraw",
                "/review/open",
                "/review/findings",
                "/review/close",
                "/duplicate-of")) {
            Api.post(Tokens.auditor(), path + command, "{}").statusCode(403);
        }
        as(Tokens.auditor()).delete(path + "/duplicate-of").then().statusCode(403);
        assertThat(Events.of(pool, id)).isEqualTo(before);
    }
}
