package org.complaintledger.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.complaintledger.complaint.Channel;
import org.complaintledger.web.ProblemException;

/**
 * A generic HTTP SMS gateway's inbound message: {@code from}, {@code text} and {@code id} (the gateway's message id),
 * as a form ({@code application/x-www-form-urlencoded}) or a JSON object. Read from the raw bytes that were signed.
 */
final class SmsPayload {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SmsPayload() {}

    static List<InboundMessage> parse(String contentType, byte[] body, Instant now) {
        Map<String, String> fields =
                contentType != null && contentType.toLowerCase().contains("json")
                        ? json(body)
                        : form(new String(body, StandardCharsets.UTF_8));
        // gateways write numbers as people do: "+62 813-1234-5678"
        String from = fields.get("from") == null ? null : fields.get("from").replaceAll("[\\s-]", "");
        String text = fields.get("text");
        String id = fields.get("id");
        if (from == null || !from.matches("\\+?\\d{6,15}")) {
            throw ProblemException.badRequest("from", "must be the sender's number");
        }
        if (id == null || id.isBlank() || id.length() > 200) {
            throw ProblemException.badRequest("id", "is required: the gateway's message id, at most 200 characters");
        }
        if (text == null || text.isBlank()) {
            throw ProblemException.badRequest("text", "is required");
        }
        if (text.length() > 4000) {
            throw ProblemException.badRequest("text", "at most 4000 characters");
        }
        return List.of(new InboundMessage(Channel.SMS_1708, id.strip(), from, now, text.strip(), null, null));
    }

    private static Map<String, String> json(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw ProblemException.badRequest("body", "is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw ProblemException.badRequest("body", "must be a JSON object with from, text and id");
        }
        Map<String, String> fields = new HashMap<>();
        for (String name : List.of("from", "text", "id")) {
            JsonNode value = root.get(name);
            if (value != null && (value.isTextual() || value.isNumber())) {
                fields.put(name, value.asText());
            }
        }
        return fields;
    }

    private static Map<String, String> form(String body) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                fields.putIfAbsent(name, value);
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("body", "is not a well-formed form");
            }
        }
        return fields;
    }
}
