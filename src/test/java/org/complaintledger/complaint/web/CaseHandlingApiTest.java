package org.complaintledger.complaint.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.complaintledger.support.Api.as;
import static org.complaintledger.support.Api.post;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.complaintledger.complaint.handling.DeadlineScheduler;
import org.complaintledger.support.Api;
import org.complaintledger.support.ReadSide;
import org.complaintledger.support.TestClock;
import org.complaintledger.support.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 through the API: deadlines that keep acting, the conversation and its audiences, questions, interim
 * replies and extensions, against the real database, the projections and the deadline scheduler with a moved clock.
 */
@QuarkusTest
class CaseHandlingApiTest {

    static final String AGENCY = "dinas-pupr";

    @Inject
    DeadlineScheduler scheduler;

    @Inject
    TestClock clock;

    @Inject
    Pool pool;

    @AfterEach
    void resetClock() {
        fireAll();
        clock.reset();
    }

    private void fireAll() {
        ReadSide.caughtUp(pool);
        while (scheduler.fireDue(500).await().indefinitely() > 0) {
            ReadSide.caughtUp(pool);
        }
        ReadSide.caughtUp(pool);
    }

    private static List<String> types(String id) {
        return as(Tokens.auditor())
                .get("/api/complaints/" + id + "/history")
                .then()
                .statusCode(200)
                .extract()
                .path("events.type");
    }

    private static Map<String, Object> queueItem(String agency, String id, String query) {
        String cursor = null;
        do {
            var page = as(Tokens.officer(agency))
                    .get("/api/agencies/" + agency + "/queue?limit=100" + query
                            + (cursor == null ? "" : "&cursor=" + cursor))
                    .then()
                    .statusCode(200)
                    .extract();
            List<Map<String, Object>> items = page.path("items");
            for (Map<String, Object> item : items) {
                if (id.equals(item.get("id"))) {
                    return item;
                }
            }
            cursor = page.path("nextCursor");
        } while (cursor != null);
        return null;
    }

    @Test
    void the_operator_closes_an_answered_complaint_with_an_outcome_its_complainant_reads_and_may_appeal() {
        String citizen = "warga-close-" + java.util.UUID.randomUUID();
        String id = Api.dispatched(citizen);
        String path = "/api/complaints/" + id;
        post(Tokens.officer(AGENCY), path + "/acknowledge", "{}").statusCode(200);
        post(Tokens.officer(AGENCY), path + "/follow-ups", "{\"message\":\"Sudah ditambal.\"}")
                .statusCode(200);

        post(Tokens.operator(), path + "/close", "{\"outcome\":\"DONE\",\"note\":\"x\"}")
                .statusCode(400)
                .contentType("application/problem+json");
        post(Tokens.operator(), path + "/close", "{\"outcome\":\"RESOLVED\"}")
                .statusCode(400)
                .contentType("application/problem+json");
        assertThat(types(id)).doesNotContain("complaint.closed-by-operator");

        var closed = post(
                        Tokens.operator(),
                        path + "/close",
                        "{\"outcome\":\"RESOLVED\",\"note\":\"Jalan sudah diaspal ulang; foto terlampir.\"}")
                .statusCode(200)
                .extract();
        assertThat(closed.<String>path("status")).isEqualTo("COMPLETED");
        assertThat(closed.<String>path("closureOutcome")).isEqualTo("RESOLVED");
        assertThat(closed.<List<Object>>path("deadlines")).isEmpty();

        // the note is public: the complainant reads why, from the operator, by role only
        var seen = as(Tokens.citizen(citizen)).get(path).then().statusCode(200).extract();
        assertThat(seen.<List<String>>path("conversation.findAll { it.kind == 'CLOSURE' }.text"))
                .containsExactly("Jalan sudah diaspal ulang; foto terlampir.");
        assertThat(seen.<List<String>>path("conversation.findAll { it.kind == 'CLOSURE' }.role"))
                .containsExactly("operator");

        post(Tokens.operator(), path + "/close", "{\"outcome\":\"RESOLVED\",\"note\":\"sekali lagi\"}")
                .statusCode(409)
                .body("code", org.hamcrest.Matchers.equalTo("complaint.transition-not-allowed"));
        post(Tokens.citizen(citizen), path + "/appeal", "{\"reason\":\"Aspalnya sudah retak lagi.\"}")
                .statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("ESCALATED"));
    }

    @Test
    void a_third_decline_sends_the_complaint_to_the_operator_with_a_flag_and_hand_offs_are_counted() {
        String id = Api.dispatched("warga-pingpong-" + java.util.UUID.randomUUID());
        String path = "/api/complaints/" + id;
        List<String> agencies = List.of(AGENCY, "dishub", "dinkes");
        for (int i = 0; i < agencies.size(); i++) {
            post(
                            Tokens.officer(agencies.get(i)),
                            path + "/decline",
                            "{\"reason\":\"Bukan kewenangan kami (" + (i + 1) + ")\"}")
                    .statusCode(200);
            if (i + 1 < agencies.size()) {
                post(Tokens.operator(), path + "/redispatch", "{\"agencyId\":\"" + agencies.get(i + 1) + "\"}")
                        .statusCode(200);
            }
        }
        var view = as(Tokens.operator()).get(path).then().statusCode(200).extract();
        assertThat(view.<String>path("status")).isEqualTo("AWAITING_REDISPATCH");
        assertThat(view.<Integer>path("declines")).isEqualTo(3);
        assertThat(view.<Integer>path("handOffs")).isEqualTo(2);
        assertThat(view.<Boolean>path("repeatedlyDeclined")).isTrue();

        ReadSide.caughtUp(pool);
        String today =
                java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1).toString();
        Map<String, Object> item = null;
        String cursor = null;
        do {
            var page = as(Tokens.operator())
                    .get("/api/operator/queue?limit=100&status=AWAITING_REDISPATCH&from=" + today
                            + (cursor == null ? "" : "&cursor=" + cursor))
                    .then()
                    .statusCode(200)
                    .extract();
            List<Map<String, Object>> items = page.path("items");
            item = items.stream()
                    .filter(x -> id.equals(x.get("id")))
                    .findFirst()
                    .orElse(null);
            cursor = page.path("nextCursor");
        } while (item == null && cursor != null);
        assertThat(item).as("the complaint on the operator's queue").isNotNull();
        assertThat(item.get("repeatedlyDeclined")).isEqualTo(true);
    }

    @Test
    void a_complaint_missed_twice_escalates_and_stays_overdue_in_the_queue_between_the_misses() {
        String id = Api.dispatched("warga-missed-twice");
        String path = "/api/complaints/" + id;
        post(Tokens.officer(AGENCY), path + "/acknowledge", "{}").statusCode(200);

        clock.advance(Duration.ofDays(10));
        fireAll();
        List<String> afterFirst = types(id);
        assertThat(afterFirst.stream().filter("complaint.deadline-missed"::equals))
                .hasSize(1);
        assertThat(afterFirst.getLast()).as("a new follow-up deadline is armed").isEqualTo("complaint.deadline-set");
        var view = as(Tokens.operator()).get(path).then().statusCode(200).extract();
        assertThat(view.<String>path("status")).isEqualTo("IN_PROGRESS");
        assertThat(view.<Boolean>path("overdue")).isTrue();
        List<String> followUpStates = view.path("deadlines.findAll { it.kind == 'FOLLOW_UP' }.state");
        assertThat(followUpStates).containsExactly("OVERDUE", "ON_TIME");
        Map<String, Object> item = queueItem(AGENCY, id, "&overdue=true");
        assertThat(item)
                .as("still in the overdue queue after the new deadline is armed")
                .isNotNull();
        assertThat(item.get("slaState")).isEqualTo("OVERDUE");

        // twenty days: the re-armed five working days may have to reach past the year-end holidays (cuti bersama)
        clock.advance(Duration.ofDays(20));
        fireAll();
        List<String> afterSecond = types(id);
        assertThat(afterSecond.stream().filter("complaint.deadline-missed"::equals))
                .hasSize(2);
        assertThat(afterSecond.getLast()).isEqualTo("complaint.escalated");
        assertThat(as(Tokens.operator()).get(path).then().extract().<String>path("status"))
                .isEqualTo("ESCALATED");
    }

    @Test
    void a_recommendation_waits_on_the_agency_queue_turns_overdue_when_its_deadline_passes_and_leaves_when_reported() {
        String id = Api.dispatched("warga-rekomendasi-" + java.util.UUID.randomUUID());
        String path = "/api/complaints/" + id;
        String ombudsman = Tokens.ombudsman();
        post(Tokens.operator(), path + "/escalate", "{\"reason\":\"Tidak ada tanggapan\"}")
                .statusCode(200);
        post(ombudsman, path + "/review/open", "{}").statusCode(200);
        post(
                        ombudsman,
                        path + "/review/findings",
                        "{\"maladministration\":true,\"forms\":[\"UNDUE_DELAY\"],\"recommendation\":\"Jawab dalam 5 hari kerja\"}")
                .statusCode(200);
        var closed = post(ombudsman, path + "/review/close", "{\"outcome\":\"Rekomendasi diterbitkan\"}")
                .statusCode(200)
                .extract();
        assertThat(closed.<String>path("status")).isEqualTo("REVIEWED");
        Instant due = Instant.parse(closed.path("recommendation.dueAt"));
        assertThat(closed.<List<String>>path("deadlines.kind")).containsExactly("IMPLEMENTATION");
        assertThat(types(id))
                .endsWith("complaint.review-closed", "complaint.recommendation-issued", "complaint.deadline-set");

        ReadSide.caughtUp(pool);
        Map<String, Object> item = queueItem(AGENCY, id, "");
        assertThat(item)
                .as("the reviewed complaint is back on the agency's queue")
                .isNotNull();
        assertThat(item.get("status")).isEqualTo("REVIEWED");
        assertThat(item.get("awaitsImplementation")).isEqualTo(true);
        assertThat(Instant.parse((String) item.get("dueAt"))).isEqualTo(due);
        assertThat(item.get("slaState")).isEqualTo("ON_TIME");

        // thirty calendar days and a little: the scheduler records the missed implementation deadline
        clock.advance(Duration.between(Instant.now(), due).plusHours(1));
        fireAll();
        List<String> late = types(id);
        assertThat(late.getLast()).isEqualTo("complaint.deadline-missed");
        var view = as(Tokens.operator()).get(path).then().statusCode(200).extract();
        assertThat(view.<String>path("status")).isEqualTo("REVIEWED");
        assertThat(view.<Boolean>path("overdue")).isTrue();
        assertThat(view.<List<String>>path("deadlines.findAll { it.kind == 'IMPLEMENTATION' }.state"))
                .containsExactly("OVERDUE");
        assertThat(view.<String>path("recommendation.state")).isEqualTo("OVERDUE");
        Map<String, Object> overdue = queueItem(AGENCY, id, "&overdue=true");
        assertThat(overdue).as("in the overdue queue until the agency reports").isNotNull();
        assertThat(overdue.get("slaState")).isEqualTo("OVERDUE");
        assertThat(overdue.get("awaitsImplementation")).isEqualTo(true);

        post(Tokens.officer(AGENCY), path + "/implementation", "{\"report\":\"Piket harian dibentuk\"}")
                .statusCode(200)
                .body("overdue", org.hamcrest.Matchers.equalTo(false));
        ReadSide.caughtUp(pool);
        assertThat(queueItem(AGENCY, id, "")).as("off the queue once reported").isNull();
        assertThat(as(Tokens.operator()).get(path).then().extract().<Boolean>path("overdue"))
                .isFalse();
    }

    @Test
    void a_posted_follow_up_ends_the_overdue_state() {
        String id = Api.dispatched("warga-late-then-answered");
        String path = "/api/complaints/" + id;
        String officer = Tokens.officer(AGENCY);
        post(officer, path + "/acknowledge", "{}").statusCode(200);
        clock.advance(Duration.ofDays(10));
        fireAll();
        assertThat(as(Tokens.operator()).get(path).then().extract().<Boolean>path("overdue"))
                .isTrue();
        post(officer, path + "/follow-ups", "{\"message\":\"Sudah ditambal\"}").statusCode(200);
        ReadSide.caughtUp(pool);
        assertThat(as(Tokens.operator()).get(path).then().extract().<Boolean>path("overdue"))
                .isFalse();
        assertThat(queueItem(AGENCY, id, "&overdue=true")).isNull();
    }

    @Test
    void an_internal_note_is_absent_from_every_read_path_the_complainant_and_the_public_have() {
        String citizen = "warga-internal-notes";
        String id = Api.dispatched(citizen);
        String path = "/api/complaints/" + id;
        String officer = Tokens.officer(AGENCY);
        post(officer, path + "/acknowledge", "{}").statusCode(200);
        post(
                        Tokens.operator(),
                        path + "/messages",
                        "{\"text\":\"RAHASIA-OPERATOR cek kontraktor\",\"audience\":\"internal\"}")
                .statusCode(200);
        post(officer, path + "/messages", "{\"text\":\"RAHASIA-DINAS anggaran habis\"}")
                .statusCode(200);
        post(officer, path + "/extension-requests", "{\"days\":5,\"reason\":\"RAHASIA-PERPANJANGAN\"}")
                .statusCode(200);
        post(officer, path + "/progress", "{\"message\":\"Aspal sudah dipesan\"}")
                .statusCode(200);
        post(Tokens.citizen(citizen), path + "/messages", "{\"text\":\"Terima kasih\"}")
                .statusCode(200);
        post(Tokens.citizen(citizen), path + "/messages", "{\"text\":\"x\",\"audience\":\"internal\"}")
                .statusCode(403);
        ReadSide.caughtUp(pool);

        // staff see the whole conversation, the assigned agency the operator's dispatch note included
        String staffView =
                as(officer).get(path).then().statusCode(200).extract().asString();
        assertThat(staffView)
                .contains(
                        "RAHASIA-OPERATOR",
                        "RAHASIA-DINAS",
                        "RAHASIA-PERPANJANGAN",
                        "mohon ditindaklanjuti",
                        "Aspal sudah dipesan",
                        "Terima kasih");

        String ownView = as(Tokens.citizen(citizen))
                .get(path)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        String history = as(Tokens.citizen(citizen))
                .get(path + "/history")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        String trackingNumber =
                as(Tokens.citizen(citizen)).get(path).then().extract().path("trackingNumber");
        String tracking = RestAssured.get("/api/track/" + trackingNumber)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        String open311 = RestAssured.get("/open311/v2/requests/" + trackingNumber + ".json")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        String updates = RestAssured.get("/open311/v2/servicerequestupdates.json")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        for (String seen : List.of(ownView, history, tracking, open311, updates)) {
            assertThat(seen).doesNotContain("RAHASIA", "mohon ditindaklanjuti", "op-test", "officer-dinas-pupr");
        }
        assertThat(ownView).contains("Aspal sudah dipesan", "Terima kasih");
        assertThat(history)
                .contains("complaint.progress-posted", "complaint.dispatched")
                .doesNotContain("complaint.extension-requested");
        List<String> roles = as(Tokens.citizen(citizen))
                .get(path + "/history")
                .then()
                .extract()
                .path("events.findAll { it.type == 'complaint.progress-posted' }.actor.role");
        assertThat(roles).containsExactly("agency-officer");
    }

    @Test
    void a_question_an_answer_a_progress_update_and_a_granted_extension_move_the_deadlines_as_specified() {
        String citizen = "warga-question";
        String id = Api.dispatched(citizen);
        String path = "/api/complaints/" + id;
        String officer = Tokens.officer(AGENCY);
        post(officer, path + "/acknowledge", "{}").statusCode(200);
        String followUpDue = as(Tokens.operator())
                .get(path)
                .then()
                .extract()
                .path("deadlines.find { it.kind == 'FOLLOW_UP' }.dueAt");

        var asked = post(officer, path + "/questions", "{\"question\":\"Sisi jalan yang mana?\"}")
                .statusCode(200)
                .extract();
        assertThat(asked.<String>path("status")).isEqualTo("IN_PROGRESS");
        assertThat(asked.<String>path("deadlines.find { it.kind == 'COMPLAINANT_RESPONSE' }.dueAt"))
                .isNotNull();
        assertThat(asked.<String>path("deadlines.find { it.kind == 'FOLLOW_UP' }.dueAt"))
                .isEqualTo(followUpDue);

        var answered = post(Tokens.citizen(citizen), path + "/clarifications", "{\"answer\":\"Sisi utara\"}")
                .statusCode(200)
                .extract();
        assertThat(answered.<String>path("status")).isEqualTo("IN_PROGRESS");
        assertThat(answered.<List<String>>path("deadlines.kind")).doesNotContain("COMPLAINANT_RESPONSE");

        post(officer, path + "/questions", "{\"question\":\"Ada foto?\"}").statusCode(200);
        var byMessage = post(Tokens.citizen(citizen), path + "/messages", "{\"text\":\"Sudah saya kirim lewat WA\"}")
                .statusCode(200)
                .extract();
        assertThat(byMessage.<List<String>>path("deadlines.kind"))
                .as("a message answers the open question")
                .doesNotContain("COMPLAINANT_RESPONSE");

        var progressed = post(officer, path + "/progress", "{\"message\":\"Aspal sudah dipesan\"}")
                .statusCode(200)
                .extract();
        assertThat(progressed.<String>path("status")).isEqualTo("IN_PROGRESS");
        assertThat(progressed.<String>path("deadlines.find { it.kind == 'FOLLOW_UP' }.dueAt"))
                .isEqualTo(followUpDue);
        assertThat(progressed.<List<String>>path("deadlines.kind")).doesNotContain("COMPLAINANT_RESPONSE");

        String absolute = post(officer, path + "/extension-requests", "{\"days\":5,\"reason\":\"Menunggu aspal\"}")
                .statusCode(200)
                .extract()
                .header("Location");
        assertThat(absolute).contains(path + "/extension-requests/");
        String location = java.net.URI.create(absolute).getPath();
        var granted = post(Tokens.operator(), location + "/decision", "{\"granted\":true,\"note\":\"Sekali saja\"}")
                .statusCode(200)
                .extract();
        Instant newDue = Instant.parse(granted.path("deadlines.find { it.kind == 'FOLLOW_UP' }.dueAt"));
        // five working days after the old due time: at least a week later in calendar time
        assertThat(newDue).isAfterOrEqualTo(Instant.parse(followUpDue).plus(Duration.ofDays(7)));
        post(Tokens.operator(), location + "/decision", "{\"granted\":false}").statusCode(409);
        List<String> types = types(id);
        assertThat(types)
                .containsSubsequence(
                        "complaint.extension-requested", "complaint.extension-decided", "complaint.deadline-set");
    }

    @Test
    void bad_input_on_the_new_commands_is_a_problem_and_writes_nothing() {
        String id = Api.dispatched("warga-bad-input-14");
        String path = "/api/complaints/" + id;
        String officer = Tokens.officer(AGENCY);
        post(officer, path + "/acknowledge", "{}").statusCode(200);
        int before = types(id).size();
        expectInvalid(
                post(Tokens.operator(), path + "/messages", "{\"text\":\"x\",\"audience\":\"everyone\"}"), "audience");
        expectInvalid(post(Tokens.operator(), path + "/messages", "{\"text\":\"\"}"), "text");
        expectInvalid(post(officer, path + "/questions", "{}"), "question");
        expectInvalid(post(officer, path + "/progress", "{\"message\":\"" + "x".repeat(4001) + "\"}"), "message");
        expectInvalid(post(officer, path + "/extension-requests", "{\"days\":0,\"reason\":\"x\"}"), "days");
        expectInvalid(post(officer, path + "/extension-requests", "{\"days\":\"lima\",\"reason\":\"x\"}"), null);
        expectInvalid(
                post(Tokens.operator(), path + "/extension-requests/not-a-uuid/decision", "{\"granted\":true}"),
                "requestId");
        expectInvalid(
                post(
                        Tokens.operator(),
                        path + "/extension-requests/" + java.util.UUID.randomUUID() + "/decision",
                        "{}"),
                "granted");
        post(
                        Tokens.operator(),
                        path + "/extension-requests/" + java.util.UUID.randomUUID() + "/decision",
                        "{\"granted\":true}")
                .statusCode(404)
                .contentType("application/problem+json")
                .body("code", org.hamcrest.Matchers.equalTo("complaint.extension-not-found"));
        assertThat(types(id)).hasSize(before);
    }

    private static void expectInvalid(io.restassured.response.ValidatableResponse response, String field) {
        response.statusCode(400).contentType("application/problem+json");
        if (field != null) {
            response.body("errors.field", org.hamcrest.Matchers.hasItem(org.hamcrest.Matchers.containsString(field)));
        }
    }
}
