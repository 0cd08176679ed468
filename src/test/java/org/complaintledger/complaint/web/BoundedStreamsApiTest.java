package org.complaintledger.complaint.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.complaintledger.support.Api.as;
import static org.complaintledger.support.Api.post;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.complaintledger.support.Api;
import org.complaintledger.support.Events;
import org.complaintledger.support.Tokens;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A complaint's stream has a bound, and what reads it takes it a page at a time (issue 18, High 1): the cap is small
 * here so that one complaint reaches it, and larger than the export's page so that the export streams several.
 */
@QuarkusTest
@TestProfile(BoundedStreamsApiTest.SmallCap.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BoundedStreamsApiTest {

    static final int CAP = 130;

    public static class SmallCap implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ledger.complaints.max-events", Integer.toString(CAP));
        }
    }

    @Inject
    Pool pool;

    private final ObjectMapper json = new ObjectMapper();

    private static String citizen;
    private static String full;

    /**
     * One complaint filled to the cap by its complainant's messages, which each append one event; made by the first
     * test that needs it (Quarkus's HTTP port is not yet known to REST Assured in a {@code BeforeAll}).
     */
    private String full() {
        if (full == null) {
            citizen = "warga-penuh-" + UUID.randomUUID().toString().substring(0, 8);
            String id = Api.file(citizen);
            while (Events.of(pool, id) < CAP) {
                post(Tokens.citizen(citizen), "/api/complaints/" + id + "/messages", "{\"text\":\"Mohon kabarnya\"}")
                        .statusCode(200);
            }
            full = id;
        }
        return full;
    }

    @Test
    void a_complaint_at_its_cap_refuses_another_command_with_409_and_writes_nothing() {
        full(); // and its citizen
        post(Tokens.citizen(citizen), "/api/complaints/" + full() + "/messages", "{\"text\":\"Satu lagi\"}")
                .statusCode(409)
                .contentType("application/problem+json")
                .body("code", equalTo("complaint.too-many-events"));
        post(Tokens.operator(), "/api/complaints/" + full() + "/dispatch", "{\"agencyId\":\"dinas-pupr\"}")
                .statusCode(409)
                .body("code", equalTo("complaint.too-many-events"));
        assertThat(Events.of(pool, full())).isEqualTo(CAP);
    }

    @Test
    void the_history_comes_in_pages_that_add_up_to_the_whole_stream() throws Exception {
        List<Integer> versions = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            var page = as(Tokens.auditor())
                    .queryParam("limit", 50)
                    .queryParams(after == null ? Map.of() : Map.of("after", after))
                    .get("/api/complaints/" + full() + "/history")
                    .then()
                    .statusCode(200)
                    .extract();
            JsonNode body = json.readTree(page.asString());
            assertThat(body.get("events").size()).isLessThanOrEqualTo(50);
            body.get("events")
                    .forEach(event -> versions.add(event.get("version").asInt()));
            after = body.get("nextCursor").isNull()
                    ? null
                    : body.get("nextCursor").asText();
            pages++;
        } while (after != null);
        assertThat(pages).isEqualTo(3);
        assertThat(versions).hasSize(CAP);
        for (int i = 0; i < CAP; i++) {
            assertThat(versions.get(i)).isEqualTo(i + 1);
        }
    }

    @Test
    void a_history_page_larger_than_the_cap_or_a_bad_cursor_is_a_400_that_names_it() {
        as(Tokens.auditor())
                .queryParam("limit", 1001)
                .get("/api/complaints/" + full() + "/history")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("limit"));
        as(Tokens.auditor())
                .queryParam("after", "-1")
                .get("/api/complaints/" + full() + "/history")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("after"));
    }

    @Test
    void another_citizen_is_refused_the_history_before_any_of_it_is_read() {
        as(Tokens.citizen("warga-lain"))
                .get("/api/complaints/" + full() + "/history")
                .then()
                .statusCode(403)
                .body("code", equalTo("complaint.not-owner"));
        as(Tokens.auditor())
                .get("/api/complaints/" + UUID.randomUUID() + "/history")
                .then()
                .statusCode(404)
                .body("code", equalTo("complaint.not-found"));
    }

    @Test
    void the_export_streams_every_event_over_several_pages_in_version_order() throws Exception {
        String export = as(Tokens.auditor())
                .get("/api/complaints/" + full() + "/export")
                .then()
                .statusCode(200)
                .contentType("application/x-ndjson")
                .extract()
                .asString();
        List<String> lines = export.lines().toList();
        assertThat(lines).hasSize(CAP);
        String previous = "0".repeat(64);
        for (int i = 0; i < CAP; i++) {
            JsonNode line = json.readTree(lines.get(i));
            assertThat(line.get("version").asInt()).isEqualTo(i + 1);
            assertThat(line.get("previousHash").asText()).isEqualTo(previous);
            previous = line.get("hash").asText();
        }
    }

    @Test
    void the_export_of_an_unknown_complaint_is_a_404_problem() {
        as(Tokens.auditor())
                .get("/api/complaints/" + UUID.randomUUID() + "/export")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("complaint.not-found"));
    }

    @Test
    void the_complainant_may_tighten_their_own_complaint_but_never_loosen_it() {
        full(); // and its citizen
        String own = Api.file(citizen);
        String path = "/api/complaints/" + own + "/visibility";
        post(Tokens.citizen(citizen), path, "{\"anonymous\":true,\"confidential\":false,\"reason\":\"takut\"}")
                .statusCode(200);
        long before = Events.of(pool, own);
        post(Tokens.citizen(citizen), path, "{\"anonymous\":false,\"confidential\":false,\"reason\":\"lagi\"}")
                .statusCode(403)
                .body("code", equalTo("complaint.visibility-loosening-not-allowed"));
        assertThat(Events.of(pool, own)).isEqualTo(before);
    }

    /** Last: it adds the one event the cap lets past, which the other tests do not count on. */
    @Test
    @Order(Integer.MAX_VALUE)
    void erasure_is_not_refused_at_the_cap() {
        full(); // and its citizen
        assertThat(Events.of(pool, full())).isEqualTo(CAP);
        post(Tokens.citizen(citizen), "/api/complainants/" + citizen + "/erasure", "{\"reason\":\"UU PDP\"}")
                .statusCode(200);
        assertThat(Events.of(pool, full())).isEqualTo(CAP + 1);
    }
}
