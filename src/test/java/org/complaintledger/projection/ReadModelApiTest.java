package org.complaintledger.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.complaintledger.support.Api.as;
import static org.complaintledger.support.Api.post;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.List;
import org.complaintledger.support.Api;
import org.complaintledger.support.ReadSide;
import org.complaintledger.support.Tokens;
import org.junit.jupiter.api.Test;

/** The queries of the API, answered from the projections. */
@QuarkusTest
class ReadModelApiTest {

    @Inject
    Pool pool;

    @Test
    void the_agency_queue_lists_its_open_complaints_by_due_date_with_sla_state_and_pages_with_a_cursor() {
        String first = Api.dispatched("warga-queue-1");
        String second = Api.dispatched("warga-queue-2");
        String third = Api.dispatched("warga-queue-3");
        ReadSide.caughtUp(pool);
        String officer = Tokens.officer("dinas-pupr");
        var page1 = as(officer)
                .get("/api/agencies/dinas-pupr/queue?limit=2")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(2))
                .body("nextCursor", notNullValue())
                .body("items[0].slaState", equalTo("ON_TIME"))
                .extract();
        List<String> seen = new java.util.ArrayList<>(page1.path("items.id"));
        String cursor = page1.path("nextCursor");
        while (cursor != null) {
            var next = as(officer)
                    .get("/api/agencies/dinas-pupr/queue?limit=2&cursor=" + cursor)
                    .then()
                    .statusCode(200)
                    .extract();
            seen.addAll(next.path("items.id"));
            cursor = next.path("nextCursor");
        }
        assertThat(seen).contains(first, second, third).doesNotHaveDuplicates();
        List<String> dueDates =
                as(officer).get("/api/agencies/dinas-pupr/queue?limit=200").path("items.dueAt");
        // as instants: "…:53Z" sorts after "…:53.171Z" as text
        assertThat(dueDates).isSortedAccordingTo(java.util.Comparator.comparing(java.time.Instant::parse));
    }

    @Test
    void an_officer_cannot_read_another_agencys_queue_and_bad_filters_are_400() {
        as(Tokens.officer("dinkes"))
                .get("/api/agencies/dinas-pupr/queue")
                .then()
                .statusCode(403);
        as(Tokens.operator()).get("/api/agencies/dinas-hantu/queue").then().statusCode(404);
        as(Tokens.operator())
                .get("/api/agencies/dinas-pupr/queue?status=LOST")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("status"));
        as(Tokens.operator())
                .get("/api/agencies/dinas-pupr/queue?cursor=garbage")
                .then()
                .statusCode(400);
        as(Tokens.operator())
                .get("/api/agencies/dinas-pupr/queue?limit=0")
                .then()
                .statusCode(400);
        as(Tokens.operator())
                .get("/api/agencies/dinas-pupr/queue?overdue=maybe")
                .then()
                .statusCode(400);
    }

    @Test
    void the_operator_queue_holds_submitted_held_and_declined_complaints() {
        String submitted = Api.file("warga-opq");
        String declined = Api.dispatched("warga-opq");
        post(Tokens.officer("dinas-pupr"), "/api/complaints/" + declined + "/decline", "{\"reason\":\"bukan kami\"}")
                .statusCode(200);
        String dispatched = Api.dispatched("warga-opq");
        ReadSide.caughtUp(pool);
        // the suite's complaints share the queue: look only at those filed from this test's first one on
        String since = as(Tokens.operator()).get("/api/complaints/" + submitted).path("submittedAt");
        List<String> ids = as(Tokens.operator())
                .get("/api/operator/queue?limit=200&from=" + since)
                .then()
                .statusCode(200)
                .extract()
                .path("items.id");
        assertThat(ids).contains(submitted, declined).doesNotContain(dispatched);
    }

    @Test
    void tracking_shows_a_public_complaint_and_only_the_status_of_a_confidential_one() {
        String open = as(Tokens.citizen("warga-track"))
                .body(Api.complaint("Siti Terbuka", false, false))
                .post("/api/complaints")
                .then()
                .statusCode(201)
                .extract()
                .path("trackingNumber");
        String secret = as(Tokens.citizen("warga-track"))
                .body(Api.complaint("Siti Rahasia", false, true))
                .post("/api/complaints")
                .then()
                .statusCode(201)
                .extract()
                .path("trackingNumber");
        ReadSide.caughtUp(pool);
        String openBody = RestAssured.get("/api/track/" + open)
                .then()
                .statusCode(200)
                .body("status", equalTo("SUBMITTED"))
                .body("category", equalTo("INFRASTRUCTURE"))
                .extract()
                .asString();
        assertThat(openBody).doesNotContain("Siti", "pelapor@example.id", "Jalan berlubang");
        RestAssured.get("/api/track/" + secret)
                .then()
                .statusCode(200)
                .body("status", equalTo("SUBMITTED"))
                .body("category", nullValue())
                .body("submittedAt", nullValue());
        RestAssured.get("/api/track/LPR-ZZZZ-ZZZZ").then().statusCode(404);
        RestAssured.get("/api/track/not-a-number").then().statusCode(400);
    }

    @Test
    void public_statistics_count_by_status_category_agency_and_channel_without_personal_data() {
        Api.dispatched("warga-stats");
        ReadSide.caughtUp(pool);
        String body = RestAssured.get("/api/statistics")
                .then()
                .statusCode(200)
                .body("total", greaterThanOrEqualTo(1))
                .body("byStatus.DISPATCHED", greaterThanOrEqualTo(1))
                .body("byAgency.dinas-pupr", greaterThanOrEqualTo(1))
                .body("byChannel.WEB", greaterThanOrEqualTo(1))
                .extract()
                .asString();
        assertThat(body).doesNotContain("Siti", "@example.id");
        RestAssured.get("/api/statistics?from=2026-13-45").then().statusCode(400);
        RestAssured.get("/api/statistics?from=2026-11-27&to=2026-11-01").then().statusCode(400);
    }

    @Test
    void public_statistics_cover_whole_days_of_at_most_a_year() {
        RestAssured.get("/api/statistics?from=2025-11-27&to=2026-11-28").then().statusCode(200);
        RestAssured.get("/api/statistics?from=2025-11-27&to=2026-11-29")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("366 days"));
        RestAssured.get("/api/statistics?from=0001-01-01&to=9999-12-31")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        RestAssured.get("/api/statistics?to=2026-11-27T10:15:30Z")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("whole day"));
        RestAssured.get("/api/statistics?from=2026-11-27T00:00:00Z&to=2026-11-28T00:00:00Z")
                .then()
                .statusCode(200);
    }

    @Test
    void the_ombudsman_sees_escalations_with_their_review_and_agency_performance() {
        String id = Api.dispatched("warga-ombud");
        String path = "/api/complaints/" + id;
        post(Tokens.officer("dinas-pupr"), path + "/acknowledge", "{}").statusCode(200);
        post(Tokens.officer("dinas-pupr"), path + "/follow-ups", "{\"message\":\"selesai\"}")
                .statusCode(200);
        post(Tokens.citizen("warga-ombud"), path + "/appeal", "{\"reason\":\"tidak puas\"}")
                .statusCode(200);
        post(Tokens.ombudsman(), path + "/review/open", "{}").statusCode(200);
        ReadSide.caughtUp(pool);
        int version = as(Tokens.ombudsman())
                .get(path)
                .then()
                .statusCode(200)
                .extract()
                .path("version");
        as(Tokens.ombudsman())
                .get("/api/review/escalations?limit=200")
                .then()
                .statusCode(200)
                .body("items.find { it.id == '" + id + "' }.cause", equalTo("COMPLAINANT_APPEAL"))
                .body("items.find { it.id == '" + id + "' }.review.openedAt", notNullValue())
                // the version a console compares with its own last step, as on the other queues
                .body("items.find { it.id == '" + id + "' }.version", equalTo(version));
        as(Tokens.ombudsman())
                .get("/api/review/agency-performance")
                .then()
                .statusCode(200)
                .body("agencies.find { it.agencyId == 'dinas-pupr' }.received", greaterThanOrEqualTo(1))
                .body("agencies.find { it.agencyId == 'dinas-pupr' }.followedUpOnTime", greaterThanOrEqualTo(1))
                .body("agencies.find { it.agencyId == 'dinas-pupr' }.medianWorkingDaysToFollowUp", equalTo(0.0f));
        as(Tokens.operator()).get("/api/review/escalations").then().statusCode(403);
    }

    @Test
    void the_complaint_list_filters_and_pages_newest_first_and_redacts_per_role() {
        String id = as(Tokens.citizen("warga-list"))
                .body(Api.complaint("Anonim List", true, false))
                .post("/api/complaints")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        ReadSide.caughtUp(pool);
        as(Tokens.auditor())
                .get("/api/complaints?status=SUBMITTED&limit=200")
                .then()
                .statusCode(200)
                .body("items.id", hasItem(id))
                .body("items.find { it.id == '" + id + "' }.complainant", nullValue());
        as(Tokens.operator())
                .get("/api/complaints?status=SUBMITTED&limit=200")
                .then()
                .statusCode(200)
                .body("items.find { it.id == '" + id + "' }.complainant.name", equalTo("Anonim List"));
        as(Tokens.auditor())
                .get("/api/complaints?status=DISPATCHED&limit=200")
                .then()
                .statusCode(200)
                .body("items.id", not(hasItem(id)));
        as(Tokens.officer("dinas-pupr")).get("/api/complaints").then().statusCode(403);
    }

    @Test
    void a_complaint_read_right_after_a_command_shows_that_command() {
        String id = Api.dispatched("warga-fresh");
        post(Tokens.officer("dinas-pupr"), "/api/complaints/" + id + "/acknowledge", "{}")
                .statusCode(200);
        as(Tokens.operator())
                .get("/api/complaints/" + id)
                .then()
                .statusCode(200)
                .body("status", equalTo("IN_PROGRESS"))
                .body("version", equalTo(7));
    }

    @Test
    void projections_report_their_lag_and_a_rebuild_catches_up_while_reads_keep_answering() {
        Api.dispatched("warga-rebuild");
        ReadSide.caughtUp(pool);
        as(Tokens.auditor())
                .get("/api/projections")
                .then()
                .statusCode(200)
                .body("projection", hasItem("complaint-views"));
        as(Tokens.auditor())
                .post("/api/projections/complaint-views/rebuild")
                .then()
                .statusCode(403);
        as(Tokens.operator()).post("/api/projections/nothing/rebuild").then().statusCode(404);
        as(Tokens.operator())
                .post("/api/projections/complaint-views/rebuild")
                .then()
                .statusCode(202)
                .body("rebuilding", equalTo(true));
        String id = Api.dispatched("warga-rebuild");
        as(Tokens.operator())
                .get("/api/complaints/" + id)
                .then()
                .statusCode(200)
                .body("status", equalTo("DISPATCHED"));
        ReadSide.caughtUp(pool);
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(20))
                .untilAsserted(() ->
                        as(Tokens.operator()).get("/api/operator/queue").then().statusCode(200));
        var count = pool.query(
                        "SELECT (SELECT count(*) FROM complaint_views) = (SELECT count(DISTINCT stream_id) FROM events)")
                .execute()
                .toCompletionStage()
                .toCompletableFuture()
                .join()
                .iterator()
                .next()
                .getBoolean(0);
        assertThat(count).isTrue();
    }
}
