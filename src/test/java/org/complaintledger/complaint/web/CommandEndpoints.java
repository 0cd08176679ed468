package org.complaintledger.complaint.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Function;
import org.complaintledger.support.Api;
import org.complaintledger.support.Tokens;

/**
 * Every command endpoint of {@link ComplaintCommandResource} with the role that may call it, a body it accepts, its text
 * fields with the limits the contract sets and its required fields: the bad-input and fuzz tests spoil these.
 */
final class CommandEndpoints {

    private CommandEndpoints() {}

    /** A text field: where it sits in the body, its longest accepted length, whether it must stay on one line. */
    record TextField(String path, int max, boolean singleLine) {}

    /** The caller's tokens and the complaints the endpoints act on. */
    record Callers(
            String citizen, String operator, String officer, String ombudsman, String complaintId, String originalId) {

        static Callers on(String citizenSubject, String complaintId, String originalId) {
            return new Callers(
                    Tokens.citizen(citizenSubject),
                    Tokens.operator(),
                    Tokens.officer("dinas-pupr"),
                    Tokens.ombudsman(),
                    complaintId,
                    originalId);
        }
    }

    /** A command endpoint; {@code required} names the fields whose absence or null the endpoint refuses. */
    record Endpoint(
            String name,
            String method,
            String suffix,
            Function<Callers, String> token,
            Function<Callers, String> body,
            List<TextField> texts,
            List<String> required) {

        /** The request path on this complaint id; filing has none. */
        String path(String complaintId) {
            return suffix == null ? "/api/complaints" : "/api/complaints/" + complaintId + "/" + suffix;
        }

        boolean hasBody() {
            return body != null;
        }

        @Override
        public String toString() {
            return method + " " + (suffix == null ? "/api/complaints" : "{id}/" + suffix);
        }
    }

    private static TextField line(String path, int max) {
        return new TextField(path, max, true);
    }

    private static TextField text(String path, int max) {
        return new TextField(path, max, false);
    }

    static final String FILING = """
            {"title":"Jalan berlubang di Jalan Sudirman","description":"Lubang besar dekat pasar,\\nsudah dua minggu.",
             "reportType":"COMPLAINT","category":"INFRASTRUCTURE","channel":"WEB","occurredOn":"2026-01-05",
             "location":{"regency":"Bengkalis","district":"Bengkalis","village":"Senggoro","latitude":1.4650,"longitude":102.1073},
             "anonymous":false,"confidential":false,
             "complainant":{"name":"Siti Aminah","nationalId":"1403012345678901","phone":"+62 812 1111 2222",
                            "email":"pelapor@example.id","address":"Jl. Pasar 3\\nRT 02 RW 01"}}""";

    static final List<Endpoint> ALL = List.of(
            new Endpoint(
                    "file",
                    "POST",
                    null,
                    c -> c.citizen(),
                    c -> FILING,
                    List.of(
                            line("title", 200),
                            text("description", 4000),
                            line("location.regency", 100),
                            line("location.district", 100),
                            line("location.village", 100),
                            line("complainant.name", 200),
                            text("complainant.address", 500)),
                    List.of(
                            "title",
                            "description",
                            "reportType",
                            "category",
                            "channel",
                            "complainant",
                            "complainant.name")),
            new Endpoint(
                    "clarification-requests",
                    "POST",
                    "clarification-requests",
                    c -> c.operator(),
                    c -> "{\"question\":\"Di RT berapa lubangnya?\"}",
                    List.of(text("question", 2000)),
                    List.of("question")),
            new Endpoint(
                    "clarifications",
                    "POST",
                    "clarifications",
                    c -> c.citizen(),
                    c -> "{\"answer\":\"RT 03 RW 02\"}",
                    List.of(text("answer", 4000)),
                    List.of("answer")),
            new Endpoint(
                    "dispatch",
                    "POST",
                    "dispatch",
                    c -> c.operator(),
                    c ->
                            "{\"agencyId\":\"dinas-pupr\",\"note\":\"segera\",\"category\":\"INFRASTRUCTURE\",\"reportType\":\"COMPLAINT\"}",
                    // agencyId may be left out: the category's default agency (issue 17)
                    List.of(text("note", 2000)),
                    List.of()),
            new Endpoint(
                    "archive",
                    "POST",
                    "archive",
                    c -> c.operator(),
                    c -> "{\"reason\":\"OUT_OF_SCOPE\",\"note\":\"bukan layanan publik daerah\"}",
                    List.of(text("note", 2000)),
                    List.of("reason")),
            new Endpoint(
                    "visibility",
                    "POST",
                    "visibility",
                    c -> c.operator(),
                    c -> "{\"anonymous\":true,\"confidential\":true,\"reason\":\"menyangkut pungli\"}",
                    List.of(text("reason", 2000)),
                    List.of("anonymous", "confidential", "reason")),
            new Endpoint("acknowledge", "POST", "acknowledge", c -> c.officer(), c -> "{}", List.of(), List.of()),
            new Endpoint(
                    "decline",
                    "POST",
                    "decline",
                    c -> c.officer(),
                    c -> "{\"reason\":\"Bukan kewenangan kami\",\"suggestedAgencyId\":\"dishub\"}",
                    List.of(text("reason", 2000)),
                    List.of("reason")),
            new Endpoint(
                    "redispatch",
                    "POST",
                    "redispatch",
                    c -> c.operator(),
                    c -> "{\"agencyId\":\"dishub\",\"note\":\"ke Dishub\"}",
                    List.of(text("note", 2000)),
                    List.of("agencyId")),
            new Endpoint(
                    "follow-ups",
                    "POST",
                    "follow-ups",
                    c -> c.officer(),
                    c -> "{\"message\":\"Lubang sudah ditambal.\"}",
                    List.of(text("message", 4000)),
                    List.of("message")),
            new Endpoint(
                    "accept",
                    "POST",
                    "accept",
                    c -> c.citizen(),
                    c -> "{\"rating\":5,\"comment\":\"Terima kasih\"}",
                    List.of(text("comment", 2000)),
                    List.of("rating")),
            new Endpoint(
                    "object",
                    "POST",
                    "object",
                    c -> c.citizen(),
                    c -> "{\"reason\":\"Lubang belum ditambal\"}",
                    List.of(text("reason", 2000)),
                    List.of("reason")),
            new Endpoint(
                    "appeal",
                    "POST",
                    "appeal",
                    c -> c.citizen(),
                    c -> "{\"reason\":\"Tidak ada tanggapan\"}",
                    List.of(text("reason", 2000)),
                    List.of("reason")),
            new Endpoint(
                    "withdraw",
                    "POST",
                    "withdraw",
                    c -> c.citizen(),
                    c -> "{\"reason\":\"Sudah selesai sendiri\"}",
                    List.of(text("reason", 2000)),
                    List.of("reason")),
            new Endpoint(
                    "escalate",
                    "POST",
                    "escalate",
                    c -> c.operator(),
                    c -> "{\"reason\":\"Tidak ditindaklanjuti\"}",
                    List.of(text("reason", 2000)),
                    List.of("reason")),
            new Endpoint(
                    "close",
                    "POST",
                    "close",
                    c -> c.operator(),
                    c -> "{\"outcome\":\"RESOLVED\",\"note\":\"Jalan sudah diaspal ulang\"}",
                    List.of(text("note", 2000)),
                    List.of("outcome", "note")),
            new Endpoint(
                    "implementation",
                    "POST",
                    "implementation",
                    c -> c.officer(),
                    c -> "{\"report\":\"Petugas piket menjawab dalam lima hari\"}",
                    List.of(text("report", 4000)),
                    List.of("report")),
            new Endpoint("review/open", "POST", "review/open", c -> c.ombudsman(), c -> "{}", List.of(), List.of()),
            new Endpoint(
                    "review/findings",
                    "POST",
                    "review/findings",
                    c -> c.ombudsman(),
                    c ->
                            "{\"maladministration\":true,\"forms\":[\"UNDUE_DELAY\"],\"recommendation\":\"Tambal dalam 7 hari\"}",
                    List.of(text("recommendation", 4000)),
                    List.of("maladministration", "forms", "recommendation")),
            new Endpoint(
                    "review/close",
                    "POST",
                    "review/close",
                    c -> c.ombudsman(),
                    c -> "{\"outcome\":\"Rekomendasi diterbitkan\"}",
                    List.of(text("outcome", 2000)),
                    List.of("outcome")),
            new Endpoint(
                    "duplicate-of",
                    "POST",
                    "duplicate-of",
                    c -> c.operator(),
                    c -> "{\"originalId\":\"" + c.originalId() + "\"}",
                    List.of(),
                    List.of("originalId")),
            new Endpoint(
                    "duplicate-of (remove)", "DELETE", "duplicate-of", c -> c.operator(), null, List.of(), List.of()));

    static List<Endpoint> withBody() {
        return ALL.stream().filter(Endpoint::hasBody).toList();
    }

    /** Writes every non-ASCII character as \\uXXXX, so that a lone surrogate reaches the server as one. */
    private static final ObjectMapper JSON =
            JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    /** The body with the field at this dotted path set to the value. */
    static String with(String body, String path, JsonNode value) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(body);
            ObjectNode parent = root;
            String[] steps = path.split("\\.");
            for (int i = 0; i < steps.length - 1; i++) {
                parent = (ObjectNode) parent.get(steps[i]);
            }
            parent.set(steps[steps.length - 1], value);
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static String withText(String body, String path, String text) {
        return with(body, path, JSON.getNodeFactory().textNode(text));
    }

    /** A dispatched complaint of this citizen and another one to point duplicate links at. */
    static Callers realComplaint(String citizenSubject) {
        return Callers.on(citizenSubject, Api.dispatched(citizenSubject), Api.file(citizenSubject));
    }
}
