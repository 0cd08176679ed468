package org.complaintledger.complaint.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.complaintledger.support.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;
import io.vertx.sqlclient.Pool;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.stream.Stream;
import org.complaintledger.support.Api;
import org.complaintledger.support.Events;
import org.complaintledger.support.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every client mistake is a 4xx problem+json that says what to fix, and nothing is written. */
@QuarkusTest
class BadInputApiTest {

    @Inject
    Pool pool;

    static Stream<Arguments> bad_filings() {
        String good = Api.complaint("Siti", false, false);
        return Stream.of(
                Arguments.of("malformed JSON", "{\"title\": ", 400, "request.malformed-json", null),
                Arguments.of("not an object", "[1,2,3]", 400, "request.malformed-json", null),
                Arguments.of(
                        "missing title",
                        good.replace("\"title\":\"Jalan berlubang di Jalan Sudirman\",", ""),
                        400,
                        "request.invalid",
                        "title"),
                Arguments.of(
                        "over-long title",
                        good.replace("Jalan berlubang di Jalan Sudirman", "x".repeat(201)),
                        400,
                        "request.invalid",
                        "title"),
                Arguments.of(
                        "over-long description",
                        good.replace("Lubang besar dekat pasar, sudah dua minggu.", "y".repeat(4001)),
                        400,
                        "request.invalid",
                        "description"),
                Arguments.of(
                        "control character in title",
                        good.replace("Jalan Sudirman", "Jalan\\u0007Sudirman"),
                        400,
                        "request.invalid",
                        "title"),
                Arguments.of(
                        "bad enum",
                        good.replace("\"COMPLAINT\"", "\"GRIEVANCE\""),
                        400,
                        "request.invalid",
                        "reportType"),
                Arguments.of(
                        "enum as number", good.replace("\"COMPLAINT\"", "1"), 400, "request.invalid", "reportType"),
                Arguments.of(
                        "unknown field",
                        good.replace("{\"title\"", "{\"priority\":\"HIGH\",\"title\""),
                        400,
                        "request.invalid",
                        "priority"),
                Arguments.of(
                        "wrong type",
                        good.replace("\"anonymous\":false", "\"anonymous\":\"no\""),
                        400,
                        "request.invalid",
                        "anonymous"),
                Arguments.of(
                        "unknown category",
                        good.replace("INFRASTRUCTURE", "ALIENS"),
                        400,
                        "request.invalid",
                        "category"),
                Arguments.of(
                        "bad email",
                        good.replace("pelapor@example.id", "not-an-email"),
                        400,
                        "request.invalid",
                        "complainant.email"),
                Arguments.of(
                        "email without a dot in its domain",
                        good.replace("pelapor@example.id", "budi.santoso@example"),
                        400,
                        "request.invalid",
                        "complainant.email"),
                Arguments.of(
                        "phone of separators only",
                        good.replace("+62 812 1111 2222", "------"),
                        400,
                        "request.invalid",
                        "complainant.phone"),
                Arguments.of(
                        "bad national id",
                        good.replace("1403012345678901", "12AB"),
                        400,
                        "request.invalid",
                        "complainant.nationalId"),
                Arguments.of(
                        "latitude out of range",
                        good.replace("1.4650", "91.0"),
                        400,
                        "request.invalid",
                        "location.latitude"),
                Arguments.of(
                        "no complainant on a named complaint",
                        good.replaceAll(",\\s*\"complainant\":\\{[^}]*}", ""),
                        400,
                        "request.invalid",
                        "complainant"),
                Arguments.of(
                        "a citizen filing as a walk-in",
                        good.replace("\"WEB\"", "\"WALK_IN\""),
                        400,
                        "request.invalid",
                        "channel"),
                Arguments.of(
                        "occurred in the future",
                        good.replace("{\"title\"", "{\"occurredOn\":\"2999-01-01\",\"title\""),
                        400,
                        "request.invalid",
                        "occurredOn"),
                Arguments.of(
                        "occurred before 1900",
                        good.replace("{\"title\"", "{\"occurredOn\":\"1899-12-31\",\"title\""),
                        400,
                        "request.invalid",
                        "occurredOn"),
                Arguments.of(
                        "occurred in the year -999999999",
                        good.replace("{\"title\"", "{\"occurredOn\":\"-999999999-01-01\",\"title\""),
                        400,
                        "request.invalid",
                        "occurredOn"),
                Arguments.of(
                        "not a date",
                        good.replace("{\"title\"", "{\"occurredOn\":\"2026-02-30\",\"title\""),
                        400,
                        "request.invalid",
                        "occurredOn"),
                Arguments.of("empty body", "", 400, null, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void bad_filings(String name, String body, int status, String code, String field) {
        long before = Events.total(pool);
        var response = as(Tokens.citizen("warga-bad"))
                .body(body)
                .post("/api/complaints")
                .then()
                .statusCode(status)
                .contentType("application/problem+json")
                .body("status", equalTo(status))
                .body(not(containsString("Exception")))
                .body(not(containsString("org.complaintledger")));
        if (code != null) {
            response.body("code", equalTo(code));
        }
        if (field != null) {
            response.body("errors.field", hasItem(field));
        }
        assertThat(Events.total(pool)).isEqualTo(before);
    }

    private static CommandEndpoints.Callers callers;

    /** One dispatched complaint for the per-endpoint cases: each case is refused before the state matters. */
    private static CommandEndpoints.Callers callers() {
        if (callers == null) {
            callers = CommandEndpoints.realComplaint("warga-edge");
        }
        return callers;
    }

    static Stream<CommandEndpoints.Endpoint> every_command_with_a_body() {
        return CommandEndpoints.withBody().stream();
    }

    private ValidatableResponse send(CommandEndpoints.Endpoint endpoint, String body) {
        var request = as(endpoint.token().apply(callers()));
        if (body != null) {
            request.body(body);
        }
        return request.request(endpoint.method(), endpoint.path(callers().complaintId()))
                .then();
    }

    /** The event count when a test's first request went out; checked again after the test. */
    private Long eventsBefore;

    private void watchForWrites() {
        callers();
        if (eventsBefore == null) {
            eventsBefore = Events.total(pool);
        }
    }

    @AfterEach
    void nothing_was_written() {
        if (eventsBefore != null) {
            assertThat(Events.total(pool)).as("events after refused requests").isEqualTo(eventsBefore);
        }
    }

    /** A 4xx problem that names no internals; the test then checks that not one event was written. */
    private ValidatableResponse refused(CommandEndpoints.Endpoint endpoint, String body, int status) {
        watchForWrites();
        return send(endpoint, body)
                .statusCode(status)
                .contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("code", notNullValue())
                .body(not(containsString("Exception")))
                .body(not(containsString("org.complaintledger")))
                .body(not(containsString("com.fasterxml")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("every_command_with_a_body")
    void every_command_refuses_a_field_given_twice(CommandEndpoints.Endpoint endpoint) throws Exception {
        String body = endpoint.body().apply(callers());
        var first = new ObjectMapper().readTree(body).properties().stream().findFirst();
        if (first.isEmpty()) {
            refused(endpoint, "{\"x\":1,\"x\":1}", 400);
            return;
        }
        String twice = "{\"" + first.get().getKey() + "\":" + first.get().getValue() + ","
                + body.strip().substring(1);
        refused(endpoint, twice, 400).body("code", equalTo("request.malformed-json"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("every_command_with_a_body")
    void every_command_refuses_an_unknown_field(CommandEndpoints.Endpoint endpoint) {
        String body = endpoint.body().apply(callers());
        refused(endpoint, CommandEndpoints.with(body, "priority", TextNode.valueOf("HIGH")), 400)
                .body("code", equalTo("request.invalid"))
                .body("errors.field", hasItem("priority"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("every_command_with_a_body")
    void every_command_refuses_a_body_that_is_not_an_object(CommandEndpoints.Endpoint endpoint) {
        for (String body : new String[] {"[]", "[{}]", "\"{}\"", "42", "true"}) {
            refused(endpoint, body, 400).body("code", equalTo("request.malformed-json"));
        }
    }

    /** Text fields take strings only: 123, true and 1.5 are not silently turned into "123", "true" and "1.5". */
    @ParameterizedTest(name = "{0}")
    @MethodSource("every_command_with_a_body")
    void every_text_field_refuses_other_types(CommandEndpoints.Endpoint endpoint) {
        String body = endpoint.body().apply(callers());
        for (CommandEndpoints.TextField field : endpoint.texts()) {
            for (JsonNode value : new JsonNode[] {
                IntNode.valueOf(123),
                BooleanNode.TRUE,
                JsonNodeFactory.instance.objectNode(),
                JsonNodeFactory.instance.arrayNode().add("x")
            }) {
                refused(endpoint, CommandEndpoints.with(body, field.path(), value), 400)
                        .body("code", equalTo("request.invalid"))
                        .body("errors.field", hasItem(field.path()));
            }
        }
    }

    /** Proof that a body passed every check at the edge: a stale If-Match is the first thing that stops it. */
    private void passes_the_edge(CommandEndpoints.Endpoint endpoint, String body) {
        watchForWrites();
        as(endpoint.token().apply(callers()))
                .header("If-Match", "\"999999\"")
                .body(body)
                .request(endpoint.method(), endpoint.path(callers().complaintId()))
                .then()
                .statusCode(412)
                .body("code", equalTo("request.version-conflict"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("every_command_with_a_body")
    void every_text_field_takes_its_limit_and_not_one_character_more(CommandEndpoints.Endpoint endpoint) {
        String body = endpoint.body().apply(callers());
        passes_the_edge(endpoint, body);
        for (CommandEndpoints.TextField field : endpoint.texts()) {
            passes_the_edge(endpoint, CommandEndpoints.withText(body, field.path(), "é".repeat(field.max())));
            refused(endpoint, CommandEndpoints.withText(body, field.path(), "é".repeat(field.max() + 1)), 400)
                    .body("errors.field", hasItem(field.path()));
        }
    }

    /** One of each kind, to show every field is checked; PlainTextTest goes through the kinds one by one. */
    static final String[] NEVER_TEXT = {"\u0000", "\u0085", "\uDC00\uD800", "\uD83F\uDFFE"};

    @ParameterizedTest(name = "{0}")
    @MethodSource("every_command_with_a_body")
    void every_text_field_refuses_control_characters_and_invalid_unicode(CommandEndpoints.Endpoint endpoint) {
        String body = endpoint.body().apply(callers());
        for (CommandEndpoints.TextField field : endpoint.texts()) {
            for (String junk : NEVER_TEXT) {
                refused(endpoint, CommandEndpoints.withText(body, field.path(), "ada" + junk + "apa"), 400)
                        .body("errors.field", hasItem(field.path()));
            }
            // what people do type: other scripts, combining marks, emoji (a surrogate pair), a zero-width joiner
            passes_the_edge(
                    endpoint,
                    CommandEndpoints.withText(
                            body,
                            field.path(),
                            "Jalan Ṣudirman \u062C\u0627\u0648\u064A e\u0301 \uD83D\uDE00 \uD83D\uDC69\u200D\uD83D\uDCBB"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("every_command_with_a_body")
    void single_line_fields_refuse_line_breaks_and_multi_line_fields_keep_them(CommandEndpoints.Endpoint endpoint) {
        String body = endpoint.body().apply(callers());
        for (CommandEndpoints.TextField field : endpoint.texts()) {
            for (String lineBreak : new String[] {"\n", "\r\n", "\t", "\u2028"}) {
                String text = "baris satu" + lineBreak + "baris dua";
                if (field.singleLine()) {
                    refused(endpoint, CommandEndpoints.withText(body, field.path(), text), 400)
                            .body("errors.field", hasItem(field.path()));
                } else {
                    passes_the_edge(endpoint, CommandEndpoints.withText(body, field.path(), text));
                }
            }
        }
    }

    /** An overlong form, an encoded surrogate, a code point past U+10FFFF, a byte UTF-8 never uses. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("every_command_with_a_body")
    void every_command_refuses_a_body_that_is_not_utf8(CommandEndpoints.Endpoint endpoint) {
        // into a string value, or into a field name where the body has no string (the check comes before parsing)
        String body = endpoint.body().apply(callers());
        if (!body.contains("\":\"")) {
            body = "{\"\":1}";
        }
        int at = body.contains("\":\"") ? body.indexOf("\":\"") + 3 : 2;
        for (byte[] junk : new byte[][] {
            {(byte) 0xC0, (byte) 0xAF},
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
            {(byte) 0xFF}
        }) {
            byte[] head = body.substring(0, at).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            byte[] tail = body.substring(at).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            byte[] spoiled = new byte[head.length + junk.length + tail.length];
            System.arraycopy(head, 0, spoiled, 0, head.length);
            System.arraycopy(junk, 0, spoiled, head.length, junk.length);
            System.arraycopy(tail, 0, spoiled, head.length + junk.length, tail.length);
            watchForWrites();
            as(endpoint.token().apply(callers()))
                    .body(spoiled)
                    .request(endpoint.method(), endpoint.path(callers().complaintId()))
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("code", equalTo("request.malformed-json"));
        }
    }

    @Test
    void a_rating_is_a_whole_number_not_one_rounded_down() {
        var accept = CommandEndpoints.ALL.stream()
                .filter(e -> e.name().equals("accept"))
                .findFirst()
                .orElseThrow();
        for (String rating : new String[] {"4.5", "4.0", "1e0", "\"4\"", "true"}) {
            refused(accept, "{\"rating\":" + rating + "}", 400).body("errors.field", hasItem("rating"));
        }
    }

    static Stream<CommandEndpoints.Endpoint> every_command() {
        return CommandEndpoints.ALL.stream();
    }

    /** The contract's If-Match is one version ETag; an Idempotency-Key is 1 to 100 visible ASCII characters. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("every_command")
    void every_command_refuses_a_malformed_if_match_or_idempotency_key(CommandEndpoints.Endpoint endpoint) {
        watchForWrites();
        String body = endpoint.hasBody() ? endpoint.body().apply(callers()) : null;
        for (String ifMatch : new String[] {"4", "*", "\"1\", \"2\"", "\"99999999999999999999\""}) {
            var request = as(endpoint.token().apply(callers())).header("If-Match", ifMatch);
            (body == null ? request : request.body(body))
                    .request(endpoint.method(), endpoint.path(callers().complaintId()))
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors.field", hasItem("If-Match"));
        }
        for (String key : new String[] {"", "x".repeat(101), "kunci-\u00e9"}) {
            var request = as(endpoint.token().apply(callers())).header("Idempotency-Key", key);
            (body == null ? request : request.body(body))
                    .request(endpoint.method(), endpoint.path(callers().complaintId()))
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors.field", hasItem("Idempotency-Key"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("every_command")
    void every_command_answers_a_wrong_content_type_415_and_a_wrong_accept_406(CommandEndpoints.Endpoint endpoint) {
        watchForWrites();
        String body = endpoint.hasBody() ? endpoint.body().apply(callers()) : "{}";
        String path = endpoint.path(callers().complaintId());
        if (endpoint.hasBody()) {
            for (String type :
                    new String[] {"text/plain", "multipart/form-data; boundary=x", "application/problem+json"}) {
                io.restassured.RestAssured.given()
                        .auth()
                        .oauth2(endpoint.token().apply(callers()))
                        .contentType(type)
                        .body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .request(endpoint.method(), path)
                        .then()
                        .statusCode(415)
                        .contentType("application/problem+json")
                        .body("code", equalTo("request.unsupported-media-type"));
            }
        }
        for (String accept : new String[] {"text/html", "application/xml"}) {
            var request = as(endpoint.token().apply(callers())).accept(accept);
            (endpoint.hasBody() ? request.body(body) : request)
                    .request(endpoint.method(), path)
                    .then()
                    .statusCode(406)
                    .contentType("application/problem+json")
                    .body("code", equalTo("request.not-acceptable"));
        }
    }

    @Test
    void a_wrong_content_type_is_415() {
        long before = Events.total(pool);
        io.restassured.RestAssured.given()
                .auth()
                .oauth2(Tokens.citizen("warga-bad"))
                .contentType("text/plain")
                .body("hello")
                .post("/api/complaints")
                .then()
                .statusCode(415)
                .contentType("application/problem+json")
                .body("code", equalTo("request.unsupported-media-type"));
        assertThat(Events.total(pool)).isEqualTo(before);
    }

    @Test
    void an_invalid_complaint_id_in_the_path_is_400_not_404_or_500() {
        as(Tokens.operator())
                .body("{\"agencyId\":\"dinas-pupr\"}")
                .post("/api/complaints/not-a-uuid/dispatch")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("id"));
        as(Tokens.operator()).get("/api/complaints/12345").then().statusCode(400);
    }

    @Test
    void an_unknown_complaint_is_404() {
        as(Tokens.operator())
                .get("/api/complaints/" + java.util.UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("complaint.not-found"));
        as(Tokens.operator())
                .body("{\"agencyId\":\"dinas-pupr\"}")
                .post("/api/complaints/" + java.util.UUID.randomUUID() + "/dispatch")
                .then()
                .statusCode(404)
                .body("code", equalTo("complaint.not-found"));
    }

    @Test
    void an_unknown_agency_and_a_bad_rating_and_a_bad_if_match_are_400_and_write_nothing() {
        String id = Api.dispatched("warga-bad-2");
        long before = Events.of(pool, id);
        as(Tokens.operator())
                .body("{\"agencyId\":\"dinas-hantu\"}")
                .post("/api/complaints/" + id + "/redispatch")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("agencyId"));
        as(Tokens.citizen("warga-bad-2"))
                .body("{\"rating\":9}")
                .post("/api/complaints/" + id + "/accept")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("rating"));
        as(Tokens.citizen("warga-bad-2"))
                .body("{\"rating\":\"5\"}")
                .post("/api/complaints/" + id + "/accept")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("rating"));
        as(Tokens.officer("dinas-pupr"))
                .header("If-Match", "version four")
                .body("{}")
                .post("/api/complaints/" + id + "/acknowledge")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("If-Match"));
        as(Tokens.officer("dinas-pupr"))
                .header("Idempotency-Key", "x".repeat(101))
                .body("{}")
                .post("/api/complaints/" + id + "/acknowledge")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("Idempotency-Key"));
        assertThat(Events.of(pool, id)).isEqualTo(before);
    }

    @Test
    void a_transition_the_state_does_not_allow_is_409_and_writes_nothing() {
        String id = Api.file("warga-bad-3");
        long before = Events.of(pool, id);
        as(Tokens.citizen("warga-bad-3"))
                .body("{\"rating\":4}")
                .post("/api/complaints/" + id + "/accept")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("code", equalTo("complaint.transition-not-allowed"))
                .body("detail", containsString("SUBMITTED"));
        assertThat(Events.of(pool, id)).isEqualTo(before);
    }

    @Test
    void an_oversized_body_is_413_problem_json_that_a_frontend_can_read() {
        long before = Events.total(pool);
        String huge = Api.complaint("Siti", false, false).replace("Lubang besar", "z".repeat(70_000));
        as(Tokens.citizen("warga-big"))
                .header("Origin", "http://localhost:5173")
                .body(huge)
                .post("/api/complaints")
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .header("Access-Control-Allow-Origin", "http://localhost:5173")
                .body("status", equalTo(413))
                .body("code", equalTo("request.too-large"));
        assertThat(Events.total(pool)).isEqualTo(before);
    }

    /** Quarkus cuts it off while reading, with an empty 413 (see BodyLimit): refused all the same. */
    @Test
    void an_oversized_chunked_body_is_413_too() throws Exception {
        long before = Events.total(pool);
        byte[] huge = Api.complaint("Siti", false, false)
                .replace("Lubang besar", "z".repeat(70_000))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        var client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        // a body from a stream has no Content-Length: it is sent in chunks, and only reading it finds it too large
        var response = client.send(
                HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/api/complaints"))
                        .header("Authorization", "Bearer " + Tokens.citizen("warga-big"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(Events.total(pool)).isEqualTo(before);
    }

    @Test
    void a_body_just_under_the_limit_reaches_validation() {
        String body = Api.complaint("Siti", false, false).replace("Jalan berlubang di Jalan Sudirman", "x".repeat(201));
        String padded = body.replace("{\"title\"", "{" + " ".repeat(64 * 1024 - body.length()) + "\"title\"");
        assertThat(padded.getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSize(64 * 1024);
        as(Tokens.citizen("warga-big"))
                .body(padded)
                .post("/api/complaints")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("title"));
    }
}
