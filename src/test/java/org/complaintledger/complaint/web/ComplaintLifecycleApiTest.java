package org.complaintledger.complaint.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.complaintledger.support.Api.as;
import static org.complaintledger.support.Api.post;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.complaintledger.support.Api;
import org.complaintledger.support.Events;
import org.complaintledger.support.Tokens;
import org.junit.jupiter.api.Test;

/** A complaint walks its lifecycle through the REST API, against the real database. */
@QuarkusTest
class ComplaintLifecycleApiTest {

    private static final String OFFICER = Tokens.officer("dinas-pupr");

    @Inject
    Pool pool;

    @Test
    void a_complaint_walks_the_happy_path_from_filing_to_acceptance() {
        String citizen = Tokens.citizen("warga-happy");
        String id = as(citizen)
                .body(Api.complaint("Budi Santoso", false, false))
                .post("/api/complaints")
                .then()
                .statusCode(201)
                .header("ETag", "\"3\"")
                .body("status", equalTo("SUBMITTED"))
                .body("trackingNumber", matchesPattern("LPR-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}"))
                .body("complainant.name", equalTo("Budi Santoso"))
                .body("deadlines.kind", equalTo(List.of("VERIFICATION", "RESOLUTION")))
                .extract()
                .path("id");
        String path = "/api/complaints/" + id;

        post(Tokens.operator(), path + "/dispatch", "{\"agencyId\":\"dinas-pupr\",\"note\":\"segera\"}")
                .statusCode(200)
                .body("status", equalTo("DISPATCHED"))
                .body("agencyId", equalTo("dinas-pupr"));
        post(OFFICER, path + "/acknowledge", "{}").statusCode(200).body("status", equalTo("IN_PROGRESS"));
        post(
                        OFFICER,
                        path + "/follow-ups",
                        "{\"message\":\"Lubang sudah ditambal pada 20 November.\",\"actionTakenOn\":\"2026-11-20\"}")
                .statusCode(200)
                .body("status", equalTo("RESPONDED"))
                .body("followUps[0].agencyId", equalTo("dinas-pupr"))
                .body("followUps[0].actionTakenOn", equalTo("2026-11-20"))
                .body("deadlines.find { it.kind == 'COMPLAINANT_RESPONSE' }.state", equalTo("ON_TIME"));
        post(citizen, path + "/accept", "{\"rating\":5,\"comment\":\"Terima kasih\"}")
                .statusCode(200)
                .body("status", equalTo("COMPLETED"))
                .body("rating", equalTo(5));

        as(Tokens.auditor())
                .get(path + "/history")
                .then()
                .statusCode(200)
                .body(
                        "events.type",
                        equalTo(List.of(
                                "complaint.submitted",
                                "complaint.deadline-set",
                                "complaint.deadline-set",
                                "complaint.verified",
                                "complaint.dispatched",
                                "complaint.deadline-set",
                                "complaint.acknowledged",
                                "complaint.follow-up-posted",
                                "complaint.deadline-set",
                                "complaint.complainant-accepted",
                                "complaint.completed")))
                .body("events[0].previousHash", equalTo("0".repeat(64)))
                .body(
                        "events[1].previousHash",
                        equalTo(as(Tokens.auditor()).get(path + "/history").path("events[0].hash")))
                .body("events[4].actor.role", equalTo("operator"))
                .body("events[7].actor.agency", equalTo("dinas-pupr"))
                .body("events[7].schemaVersion", equalTo(2))
                .body("events[7].data.actionTakenOn", equalTo("2026-11-20"));
        as(citizen).get(path).then().statusCode(200).header("ETag", "\"11\"").body("version", equalTo(11));
    }

    @Test
    void a_follow_up_cannot_say_the_agency_acted_on_a_day_still_to_come() {
        String id = Api.dispatched("warga-tomorrow");
        String path = "/api/complaints/" + id;
        post(OFFICER, path + "/acknowledge", "{}").statusCode(200);
        long before = Events.of(pool, id);
        String later = LocalDate.now(ZoneOffset.UTC).plusDays(2).toString();
        post(OFFICER, path + "/follow-ups", "{\"message\":\"Akan ditambal\",\"actionTakenOn\":\"" + later + "\"}")
                .statusCode(400)
                .body("errors.field", hasItem("actionTakenOn"));
        assertThat(Events.of(pool, id)).isEqualTo(before);
        post(OFFICER, path + "/follow-ups", "{\"message\":\"Sudah ditambal\"}")
                .statusCode(200)
                .body("followUps[0].actionTakenOn", nullValue());
    }

    @Test
    void filing_answers_201_with_the_location_of_the_new_complaint() {
        var response = as(Tokens.citizen("warga-location"))
                .body(Api.complaint("Rina", false, false))
                .post("/api/complaints");
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.header("Location")).endsWith("/api/complaints/" + response.path("id"));
    }

    @Test
    void a_held_complaint_is_clarified_by_its_complainant_and_then_dispatched() {
        String citizen = Tokens.citizen("warga-hold");
        String id = Api.file("warga-hold");
        String path = "/api/complaints/" + id;
        post(Tokens.operator(), path + "/clarification-requests", "{\"question\":\"Di RT berapa?\"}")
                .statusCode(200)
                .body("status", equalTo("ON_HOLD"))
                .body("deadlines[0].kind", equalTo("CLARIFICATION"));
        post(citizen, path + "/clarifications", "{\"answer\":\"RT 03 RW 02\"}")
                .statusCode(200)
                .body("status", equalTo("SUBMITTED"));
        post(
                        Tokens.operator(),
                        path + "/dispatch",
                        "{\"agencyId\":\"dlh\",\"category\":\"ENVIRONMENT\",\"reportType\":\"ASPIRATION\"}")
                .statusCode(200)
                .body("category", equalTo("ENVIRONMENT"))
                .body("reportType", equalTo("ASPIRATION"));
    }

    @Test
    void a_declined_complaint_is_redispatched_and_an_objection_reopens_it() {
        String citizen = Tokens.citizen("warga-decline");
        String id = Api.dispatched("warga-decline");
        String path = "/api/complaints/" + id;
        post(OFFICER, path + "/decline", "{\"reason\":\"Bukan kewenangan kami\",\"suggestedAgencyId\":\"dishub\"}")
                .statusCode(200)
                .body("status", equalTo("AWAITING_REDISPATCH"))
                .body("agencyId", nullValue());
        post(Tokens.operator(), path + "/redispatch", "{\"agencyId\":\"dishub\",\"note\":\"ke Dishub\"}")
                .statusCode(200)
                .body("status", equalTo("DISPATCHED"))
                .body("agencyId", equalTo("dishub"));
        String dishub = Tokens.officer("dishub");
        post(dishub, path + "/acknowledge", "{}").statusCode(200);
        post(dishub, path + "/follow-ups", "{\"message\":\"Rambu dipasang\"}").statusCode(200);
        post(citizen, path + "/object", "{\"reason\":\"Rambu belum ada\"}")
                .statusCode(200)
                .body("status", equalTo("IN_PROGRESS"))
                .body("reopenCount", equalTo(1));
    }

    @Test
    void an_appeal_escalates_and_the_ombudsman_reviews_it_to_the_end() {
        String citizen = Tokens.citizen("warga-appeal");
        String id = Api.dispatched("warga-appeal");
        String path = "/api/complaints/" + id;
        post(citizen, path + "/appeal", "{\"reason\":\"Tidak ada tanggapan\"}")
                .statusCode(200)
                .body("status", equalTo("ESCALATED"))
                .body("escalated", equalTo(true));
        String ombudsman = Tokens.ombudsman();
        post(ombudsman, path + "/review/open", "{}").statusCode(200).body("status", equalTo("UNDER_REVIEW"));
        post(ombudsman, path + "/review/close", "{\"outcome\":\"selesai\"}")
                .statusCode(409)
                .body("code", equalTo("complaint.review-has-no-finding"));
        post(
                        ombudsman,
                        path + "/review/findings",
                        "{\"maladministration\":true,\"forms\":[\"UNDUE_DELAY\"],\"recommendation\":\"Tindak lanjuti dalam 14 hari\"}")
                .statusCode(200);
        // maladministration was found: the recommendation goes back to the agency, due in thirty days
        post(ombudsman, path + "/review/close", "{\"outcome\":\"Rekomendasi diterbitkan\"}")
                .statusCode(200)
                .body("status", equalTo("REVIEWED"))
                .body("recommendation.agencyId", equalTo("dinas-pupr"))
                .body("recommendation.text", equalTo("Tindak lanjuti dalam 14 hari"))
                .body("recommendation.state", equalTo("ON_TIME"))
                .body("recommendation.reportedAt", nullValue());
        String report = "{\"report\":\"Petugas piket kini menjawab setiap aduan dalam lima hari kerja\"}";
        post(Tokens.officer("dinkes"), path + "/implementation", report).statusCode(403);
        post(Tokens.officer("dinas-pupr"), path + "/implementation", report)
                .statusCode(200)
                .body("recommendation.reportedAt", org.hamcrest.Matchers.notNullValue())
                .body("recommendation.state", nullValue());
        post(Tokens.officer("dinas-pupr"), path + "/implementation", report)
                .statusCode(409)
                .body("code", equalTo("complaint.no-recommendation-pending"));
        as(citizen)
                .get(path)
                .then()
                .statusCode(200)
                .body(
                        "conversation.findAll { it.kind == 'IMPLEMENTATION' }.text",
                        org.hamcrest.Matchers.contains(
                                "Petugas piket kini menjawab setiap aduan dalam lima hari kerja"));
    }

    @Test
    void archive_duplicate_link_and_its_removal_and_withdrawal_are_recorded() {
        String original = Api.file("warga-dup");
        String duplicate = Api.file("warga-dup");
        String operator = Tokens.operator();
        post(operator, "/api/complaints/" + duplicate + "/duplicate-of", "{\"originalId\":\"" + original + "\"}")
                .statusCode(200)
                .body("status", equalTo("ARCHIVED"))
                .body("duplicateOf", equalTo(original));
        as(operator)
                .delete("/api/complaints/" + duplicate + "/duplicate-of")
                .then()
                .statusCode(200)
                .body("status", equalTo("SUBMITTED"))
                .body("duplicateOf", nullValue());
        post(
                        operator,
                        "/api/complaints/" + duplicate + "/archive",
                        "{\"reason\":\"OUT_OF_SCOPE\",\"note\":\"bukan layanan publik daerah\"}")
                .statusCode(200)
                .body("status", equalTo("ARCHIVED"));
        post(
                        Tokens.citizen("warga-dup"),
                        "/api/complaints/" + original + "/withdraw",
                        "{\"reason\":\"Sudah selesai sendiri\"}")
                .statusCode(200)
                .body("status", equalTo("WITHDRAWN"));
        post(operator, "/api/complaints/" + original + "/escalate", "{\"reason\":\"coba\"}")
                .statusCode(409)
                .body("code", equalTo("complaint.transition-not-allowed"));
    }

    @Test
    void the_operator_tightens_visibility_and_may_not_loosen_it() {
        String id = Api.file("warga-vis");
        String path = "/api/complaints/" + id + "/visibility";
        post(Tokens.operator(), path, "{\"anonymous\":true,\"confidential\":true,\"reason\":\"menyangkut pungli\"}")
                .statusCode(200)
                .body("anonymous", equalTo(true))
                .body("confidential", equalTo(true));
        post(Tokens.operator(), path, "{\"anonymous\":false,\"confidential\":true,\"reason\":\"keliru\"}")
                .statusCode(403)
                .body("code", equalTo("complaint.visibility-loosening-not-allowed"));
    }

    @Test
    void an_anonymous_complainant_is_hidden_from_the_officer_but_shown_to_the_operator() {
        String id = as(Tokens.citizen("warga-anon"))
                .body(Api.complaint("Rahasia Sekali", true, false))
                .post("/api/complaints")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        post(Tokens.operator(), "/api/complaints/" + id + "/dispatch", "{\"agencyId\":\"dinas-pupr\"}")
                .statusCode(200)
                .body("complainant.name", equalTo("Rahasia Sekali"));
        String officerView = as(OFFICER)
                .get("/api/complaints/" + id)
                .then()
                .statusCode(200)
                .body("complainant", nullValue())
                .extract()
                .asString();
        assertThat(officerView).doesNotContain("Rahasia Sekali", "pelapor@example.id", "1111 2222");
        as(Tokens.auditor()).get("/api/complaints/" + id).then().statusCode(200).body("complainant", nullValue());
    }

    @Test
    void personal_data_is_stored_only_as_ciphertext() {
        String id = as(Tokens.citizen("warga-cipher"))
                .body(Api.complaint("Nama Yang Dicari", false, false))
                .post("/api/complaints")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        var rows = pool.preparedQuery("SELECT data::text FROM events WHERE stream_id = $1")
                .execute(io.vertx.sqlclient.Tuple.of(java.util.UUID.fromString(id)))
                .toCompletionStage()
                .toCompletableFuture()
                .join();
        rows.forEach(row -> assertThat(row.getString(0))
                .doesNotContain("Nama Yang Dicari", "1403012345678901", "pelapor@example.id", "1111 2222"));
        assertThat(Events.of(pool, id)).isEqualTo(3);
    }

    @Test
    void an_operator_files_on_behalf_of_a_walk_in_complainant() {
        String body = Api.complaint("Pak Darto", false, false).replace("\"WEB\"", "\"WALK_IN\"");
        as(Tokens.operator())
                .body(body)
                .post("/api/complaints")
                .then()
                .statusCode(201)
                .body("channel", equalTo("WALK_IN"))
                .body("complainant.name", equalTo("Pak Darto"))
                .body("id", notNullValue());
    }

    @Test
    void agencies_are_listed_for_anyone() {
        io.restassured.RestAssured.get("/api/agencies")
                .then()
                .statusCode(200)
                .body("find { it.id == 'dinas-pupr' }.regency", equalTo("Bengkalis"))
                .body("$", hasSize(org.hamcrest.Matchers.greaterThan(10)));
    }
}
