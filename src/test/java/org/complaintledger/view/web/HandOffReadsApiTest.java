package org.complaintledger.view.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.complaintledger.support.Api.as;
import static org.complaintledger.support.Api.post;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.complaintledger.support.Api;
import org.complaintledger.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * Issue 21's reads through the API: the officer of the assigned agency reads the notes the operator and the
 * complainant left for it without learning who the complainant is, and a citizen's own complaints come from the
 * service, so another device lists them too.
 */
@QuarkusTest
class HandOffReadsApiTest {

    @Test
    void the_assigned_officer_reads_the_dispatch_note_and_the_objection_but_nothing_that_names_the_complainant() {
        String citizen = "warga-handoff-" + UUID.randomUUID();
        String id = Api.dispatched(citizen);
        String path = "/api/complaints/" + id;
        String officer = Tokens.officer("dinas-pupr");
        post(officer, path + "/acknowledge", "{}").statusCode(200);
        post(officer, path + "/follow-ups", "{\"message\":\"Sudah ditambal.\"}").statusCode(200);
        post(Tokens.citizen(citizen), path + "/object", "{\"reason\":\"Lubangnya masih ada.\"}")
                .statusCode(200);

        var history = as(officer).get(path + "/history").then().statusCode(200).extract();
        List<Map<String, Object>> events = history.path("events");
        Map<String, Object> dispatched = event(events, "complaint.dispatched");
        assertThat(((Map<?, ?>) dispatched.get("data")).get("note")).isEqualTo("mohon ditindaklanjuti");
        Map<String, Object> objected = event(events, "complaint.complainant-objected");
        assertThat(((Map<?, ?>) objected.get("data")).get("reason")).isEqualTo("Lubangnya masih ada.");
        assertThat(((Map<?, ?>) objected.get("actor")).get("subject")).isNull();
        assertThat(((Map<?, ?>) objected.get("actor")).get("role")).isEqualTo("citizen");
        Map<?, ?> submitted = (Map<?, ?>) event(events, "complaint.submitted").get("data");
        assertThat(submitted.containsKey("complainantId")).isFalse();
        assertThat(submitted.containsKey("sealedComplainant")).isFalse();
        assertThat(history.asString()).doesNotContain(citizen);

        // another agency's officer reads nothing of it
        as(Tokens.officer("dinkes")).get(path + "/history").then().statusCode(403);
    }

    @Test
    void a_citizen_lists_their_own_complaints_newest_first_and_never_anyone_elses() {
        String citizen = "warga-mine-" + UUID.randomUUID();
        String first = Api.file(citizen);
        String second = Api.dispatched(citizen);
        String someoneElses = Api.file("warga-mine-other-" + UUID.randomUUID());

        var mine = as(Tokens.citizen(citizen))
                .get("/api/complaints/mine")
                .then()
                .statusCode(200)
                .extract();
        assertThat(mine.<List<String>>path("items.id")).containsExactly(second, first);
        assertThat(mine.<List<String>>path("items.status")).containsExactly("DISPATCHED", "SUBMITTED");
        assertThat(mine.<List<String>>path("items.trackingNumber")).allMatch(n -> n.startsWith("LPR-"));
        assertThat(mine.asString()).doesNotContain(someoneElses).doesNotContain("mohon ditindaklanjuti");

        assertThat(as(Tokens.citizen(citizen))
                        .get("/api/complaints/mine?limit=1")
                        .then()
                        .statusCode(200)
                        .extract()
                        .<List<String>>path("items.id"))
                .containsExactly(second);
        assertThat(as(Tokens.citizen("warga-mine-nobody-" + UUID.randomUUID()))
                        .get("/api/complaints/mine")
                        .then()
                        .statusCode(200)
                        .extract()
                        .<List<String>>path("items"))
                .isEmpty();
        as(Tokens.citizen(citizen))
                .get("/api/complaints/mine?limit=lots")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        as(Tokens.operator()).get("/api/complaints/mine").then().statusCode(403);
    }

    private static Map<String, Object> event(List<Map<String, Object>> events, String type) {
        return events.stream()
                .filter(e -> type.equals(e.get("type")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " in " + events));
    }
}
