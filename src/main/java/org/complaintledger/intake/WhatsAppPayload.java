package org.complaintledger.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.complaintledger.complaint.Channel;
import org.complaintledger.web.ProblemException;

/**
 * The Cloud API's webhook body, as Meta documents it: {@code object: "whatsapp_business_account"},
 * {@code entry[].changes[]} with {@code field: "messages"} and a {@code value} holding {@code messages[]} (each with
 * {@code from}, {@code id}, {@code timestamp} in epoch seconds and a {@code type}: {@code text}, {@code interactive}
 * for a tapped reply button or list row, {@code button} for a template's quick reply, {@code image},
 * {@code document}, {@code audio}, {@code video}, {@code sticker}, {@code location} …), {@code contacts[]} and, for
 * delivery receipts of what we sent, {@code statuses[]}, which are taken and ignored. A body that is not this shape
 * is refused whole, before anything is stored.
 */
final class WhatsAppPayload {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> MEDIA = Set.of("image", "document", "audio", "video", "sticker");
    private static final int MAX_TEXT = 4000;

    private WhatsAppPayload() {}

    static List<InboundMessage> parse(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw ProblemException.badRequest("body", "is not JSON");
        }
        if (root == null || !root.isObject() || !"whatsapp_business_account".equals(text(root, "object"))) {
            throw ProblemException.badRequest("object", "must be whatsapp_business_account");
        }
        JsonNode entries = root.get("entry");
        if (entries == null || !entries.isArray()) {
            throw ProblemException.badRequest("entry", "must be an array");
        }
        List<InboundMessage> messages = new ArrayList<>();
        for (JsonNode entry : entries) {
            JsonNode changes = entry.get("changes");
            if (changes == null || !changes.isArray()) {
                throw ProblemException.badRequest("entry[].changes", "must be an array");
            }
            for (JsonNode change : changes) {
                JsonNode value = change.get("value");
                if (!"messages".equals(text(change, "field")) || value == null || !value.isObject()) {
                    // another subscription's field (account updates, templates): nothing for the intake
                    continue;
                }
                JsonNode list = value.get("messages");
                if (list == null) {
                    continue;
                }
                if (!list.isArray()) {
                    throw ProblemException.badRequest("messages", "must be an array");
                }
                for (JsonNode message : list) {
                    messages.add(message(message));
                }
            }
        }
        return messages;
    }

    private static InboundMessage message(JsonNode m) {
        String from = text(m, "from");
        String id = text(m, "id");
        String type = text(m, "type");
        String timestamp = text(m, "timestamp");
        if (from == null || !from.matches("\\d{6,15}")) {
            throw ProblemException.badRequest("messages[].from", "must be the sender's number, digits only");
        }
        if (id == null || id.isBlank() || id.length() > 200) {
            throw ProblemException.badRequest("messages[].id", "is required");
        }
        if (type == null) {
            throw ProblemException.badRequest("messages[].type", "is required");
        }
        Instant receivedAt;
        try {
            receivedAt = Instant.ofEpochSecond(Long.parseLong(timestamp));
        } catch (NumberFormatException | NullPointerException e) {
            throw ProblemException.badRequest("messages[].timestamp", "must be epoch seconds");
        }
        String text = null;
        String reply = null;
        InboundMessage.Media media = null;
        switch (type) {
            case "text" -> text = required(m.path("text"), "body", "messages[].text.body");
            case "interactive" -> {
                JsonNode interactive = m.path("interactive");
                JsonNode chosen = interactive.has("button_reply")
                        ? interactive.get("button_reply")
                        : interactive.get("list_reply");
                if (chosen == null) {
                    throw ProblemException.badRequest(
                            "messages[].interactive", "must hold a button_reply or a list_reply");
                }
                reply = required(chosen, "id", "messages[].interactive.button_reply.id");
                text = text(chosen, "title");
            }
            case "button" -> {
                reply = required(m.path("button"), "payload", "messages[].button.payload");
                text = text(m.path("button"), "text");
            }
            case "location" -> {
                JsonNode at = m.path("location");
                text = "[lokasi] " + at.path("latitude").asText() + ", "
                        + at.path("longitude").asText()
                        + (at.has("name") ? " " + at.path("name").asText() : "");
            }
            default -> {
                if (MEDIA.contains(type)) {
                    JsonNode file = m.path(type);
                    media = new InboundMessage.Media(
                            required(file, "id", "messages[]." + type + ".id"), text(file, "mime_type"));
                    text = text(file, "caption");
                } else {
                    // reactions, contacts cards, unsupported types: kept as a note so the operator sees something came
                    text = "[" + type + "]";
                }
            }
        }
        if (text != null && text.length() > MAX_TEXT) {
            text = text.substring(0, MAX_TEXT);
        }
        return new InboundMessage(Channel.WHATSAPP, id, from, receivedAt, text, reply, media);
    }

    private static String required(JsonNode node, String field, String path) {
        String value = text(node, field);
        if (value == null || value.isBlank()) {
            throw ProblemException.badRequest(path, "is required");
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }
}
