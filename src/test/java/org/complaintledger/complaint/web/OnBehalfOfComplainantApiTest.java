package org.complaintledger.complaint.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.complaintledger.support.Api.as;
import static org.complaintledger.support.Api.post;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.complaintledger.support.Api;
import org.complaintledger.support.Events;
import org.complaintledger.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * The operator records a complainant's own step for them ({@code onBehalfOf: "complainant"} and how they asked):
 * the ledger names the operator as actor and the complainant as principal, every timeline says so, and nobody but
 * the operator may do it.
 */
@QuarkusTest
class OnBehalfOfComplainantApiTest {

    private static final String OFFICER = Tokens.officer("dinas-pupr");

    @Inject
    Pool pool;

    /** The ledger knows a citizen by the pseudonym of their account, never by its id. */
    @Inject
    org.complaintledger.complaint.handling.ComplainantPseudonyms pseudonyms;

    @Test
    void the_operator_records_a_walk_in_complainants_acceptance_given_by_phone() {
        String id = as(Tokens.operator())
                .body(Api.complaint("Rahmat Hidayat", false, false).replace("\"WEB\"", "\"WALK_IN\""))
                .post("/api/complaints")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String path = "/api/complaints/" + id;
        responded(path);

        post(
                        Tokens.operator(),
                        path + "/accept",
                        "{\"rating\":4,\"comment\":\"Sudah baik\",\"onBehalfOf\":\"complainant\",\"via\":\"by phone\"}")
                .statusCode(200)
                .body("status", equalTo("COMPLETED"))
                .body("rating", equalTo(4));

        JsonPath accepted = acceptedEvent(Tokens.auditor(), path);
        String complainant = as(Tokens.auditor())
                .get(path + "/history")
                .then()
                .extract()
                .path("events.find { it.type == 'complaint.submitted' }.data.complainantId");
        assertThat(accepted.getString("actor.role")).isEqualTo("operator");
        assertThat(accepted.getInt("schemaVersion")).isEqualTo(2);
        assertThat(accepted.getMap("data.principal")).isEqualTo(Map.of("subject", complainant, "via", "by phone"));
        assertThat(accepted.getMap("onBehalf.principal")).containsEntry("subject", complainant);
        assertThat(accepted.getString("onBehalf.via")).isEqualTo("by phone");
    }

    @Test
    void the_complainant_reads_the_step_as_their_own_with_who_recorded_it_and_the_agency_without_who_they_are() {
        String owner = "warga-atas-nama-1";
        String path = "/api/complaints/" + Api.dispatched(owner);
        post(
                        Tokens.operator(),
                        path + "/withdraw",
                        "{\"reason\":\"Sudah beres\",\"onBehalfOf\":\"complainant\",\"via\":\"at the desk\"}")
                .statusCode(200)
                .body("status", equalTo("WITHDRAWN"));

        JsonPath own = event(Tokens.citizen(owner), path, "complaint.withdrawn");
        assertThat(own.getString("actor.subject"))
                .isEqualTo(pseudonyms.of(owner).await().indefinitely());
        assertThat(own.getString("actor.role")).isEqualTo("citizen");
        assertThat(own.getString("onBehalf.recordedBy.role")).isEqualTo("operator");
        assertThat(own.getString("onBehalf.recordedBy.subject"))
                .as("staff by role only")
                .isNull();
        assertThat(own.getString("onBehalf.via")).isEqualTo("at the desk");
        assertThat(own.getMap("data")).doesNotContainKey("principal");

        JsonPath agency = event(OFFICER, path, "complaint.withdrawn");
        assertThat(agency.getString("actor.role")).isEqualTo("operator");
        assertThat(agency.getString("onBehalf.principal.role")).isEqualTo("citizen");
        assertThat(agency.getString("onBehalf.principal.subject"))
                .as("the agency never reads who the complainant is")
                .isNull();
        assertThat(agency.getMap("data")).doesNotContainKey("principal");
        as(OFFICER)
                .get(path + "/history")
                .then()
                .body(not(org.hamcrest.Matchers.containsString(
                        pseudonyms.of(owner).await().indefinitely())));
    }

    @Test
    void the_operator_records_the_answer_objection_and_appeal_of_a_complainant_each_as_the_complainants() {
        String owner = "warga-atas-nama-2";
        String path = "/api/complaints/" + Api.file(owner);
        post(Tokens.operator(), path + "/clarification-requests", "{\"question\":\"Di RT berapa?\"}")
                .statusCode(200);
        post(
                        Tokens.operator(),
                        path + "/clarifications",
                        "{\"answer\":\"RT 03\",\"onBehalfOf\":\"complainant\",\"via\":\"lewat telepon\"}")
                .statusCode(200)
                .body("status", equalTo("SUBMITTED"))
                .body("conversation.find { it.kind == 'CLARIFICATION' }.role", equalTo("citizen"));
        post(Tokens.operator(), path + "/dispatch", "{\"agencyId\":\"dinas-pupr\"}")
                .statusCode(200);
        post(OFFICER, path + "/acknowledge", "{}").statusCode(200);
        post(OFFICER, path + "/follow-ups", "{\"message\":\"Sudah ditambal.\"}").statusCode(200);
        post(
                        Tokens.operator(),
                        path + "/object",
                        "{\"reason\":\"Masih berlubang\",\"onBehalfOf\":\"complainant\",\"via\":\"lewat surat\"}")
                .statusCode(200)
                .body("status", equalTo("IN_PROGRESS"));
        post(
                        Tokens.operator(),
                        path + "/appeal",
                        "{\"reason\":\"Tidak ada perbaikan\",\"onBehalfOf\":\"complainant\",\"via\":\"lewat surat\"}")
                .statusCode(200)
                .body("status", equalTo("ESCALATED"));

        List<Map<String, Object>> recorded = as(Tokens.auditor())
                .get(path + "/history")
                .then()
                .statusCode(200)
                .extract()
                .path("events.findAll { it.onBehalf != null }");
        assertThat(recorded)
                .extracting(e -> e.get("type"))
                .containsExactly(
                        "complaint.clarification-provided", "complaint.complainant-objected", "complaint.escalated");
        assertThat(recorded).allSatisfy(e -> {
            assertThat(((Map<?, ?>) e.get("actor")).get("role")).isEqualTo("operator");
            assertThat(((Map<?, ?>) ((Map<?, ?>) e.get("onBehalf")).get("principal")).get("subject"))
                    .isEqualTo(pseudonyms.of(owner).await().indefinitely());
        });
        as(Tokens.auditor())
                .get(path + "/history")
                .then()
                .body("events.find { it.type == 'complaint.escalated' }.data.cause", equalTo("COMPLAINANT_APPEAL"));
    }

    @Test
    void only_the_operator_records_for_the_complainant_and_a_refusal_writes_nothing() {
        String owner = "warga-atas-nama-3";
        String path = "/api/complaints/" + Api.dispatched(owner);
        String id = path.substring(path.lastIndexOf('/') + 1);
        responded(path, false);
        long before = Events.of(pool, id);
        String onBehalf = "{\"rating\":5,\"onBehalfOf\":\"complainant\",\"via\":\"by phone\"}";

        for (String token : List.of(
                Tokens.citizen(owner), Tokens.citizen("warga-lain"), OFFICER, Tokens.ombudsman(), Tokens.auditor())) {
            post(token, path + "/accept", onBehalf)
                    .statusCode(403)
                    .contentType("application/problem+json")
                    .body("status", equalTo(403));
        }
        post(
                        Tokens.citizen(owner),
                        path + "/withdraw",
                        "{\"reason\":\"x\",\"onBehalfOf\":\"complainant\",\"via\":\"x\"}")
                .statusCode(403)
                .contentType("application/problem+json")
                .body("code", equalTo("complaint.role-not-allowed"));
        assertThat(Events.of(pool, id)).as("nothing written").isEqualTo(before);

        as(Tokens.citizen(owner))
                .get(path)
                .then()
                .statusCode(200)
                .body("status", equalTo("RESPONDED"))
                .body("rating", nullValue());
    }

    @Test
    void on_behalf_needs_how_the_complainant_asked_in_a_few_words_and_nothing_else() {
        String path = "/api/complaints/" + Api.dispatched("warga-atas-nama-4");
        String id = path.substring(path.lastIndexOf('/') + 1);
        long before = Events.of(pool, id);
        for (String body : List.of(
                "{\"reason\":\"x\",\"onBehalfOf\":\"complainant\"}",
                "{\"reason\":\"x\",\"onBehalfOf\":\"complainant\",\"via\":\"  \"}",
                "{\"reason\":\"x\",\"onBehalfOf\":\"complainant\",\"via\":\"" + "a".repeat(101) + "\"}",
                "{\"reason\":\"x\",\"onBehalfOf\":\"complainant\",\"via\":\"by\\nphone\"}",
                "{\"reason\":\"x\",\"onBehalfOf\":\"officer\",\"via\":\"by phone\"}",
                "{\"reason\":\"x\",\"via\":\"by phone\"}")) {
            post(Tokens.operator(), path + "/withdraw", body).statusCode(400).contentType("application/problem+json");
        }
        assertThat(Events.of(pool, id)).isEqualTo(before);
        // without onBehalfOf the step is not the operator's at all
        post(Tokens.operator(), path + "/withdraw", "{\"reason\":\"x\"}").statusCode(403);
        assertThat(Events.of(pool, id)).isEqualTo(before);
    }

    private static void responded(String path) {
        responded(path, true);
    }

    private static void responded(String path, boolean dispatch) {
        if (dispatch) {
            post(Tokens.operator(), path + "/dispatch", "{\"agencyId\":\"dinas-pupr\"}")
                    .statusCode(200);
        }
        post(OFFICER, path + "/acknowledge", "{}").statusCode(200);
        post(OFFICER, path + "/follow-ups", "{\"message\":\"Sudah ditambal.\"}")
                .statusCode(200)
                .body("status", equalTo("RESPONDED"));
    }

    private static JsonPath acceptedEvent(String token, String path) {
        return event(token, path, "complaint.complainant-accepted");
    }

    private static JsonPath event(String token, String path, String type) {
        Map<String, Object> event = as(token)
                .get(path + "/history")
                .then()
                .statusCode(200)
                .body("events.type", hasItem(type))
                .extract()
                .path("events.find { it.type == '" + type + "' }");
        return new JsonPath(new com.fasterxml.jackson.databind.ObjectMapper()
                .valueToTree(event)
                .toString());
    }
}
