package org.complaintledger.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.complaintledger.support.Api.as;
import static org.complaintledger.support.Api.post;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.complaintledger.notification.NotificationServers;
import org.complaintledger.notification.ProviderServer;
import org.complaintledger.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * A complaint from first message to completion in a WhatsApp chat, against Meta-signed webhook bodies and an HTTP
 * server standing in for the Cloud API (messages out, media in).
 */
@QuarkusTest
class WhatsAppIntakeTest {

    private static final String OFFICER = Tokens.officer("dinas-pupr");
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void a_whatsapp_chat_becomes_a_complaint_that_the_complainant_accepts_with_a_button() throws Exception {
        String number = Chats.number();
        String marker = "Jembatan kayu di Desa Senggoro patah " + number.substring(6);
        String mediaId = "1038" + number.substring(5);
        NotificationServers.http.media(mediaId, "image/png", png());

        // 1. the citizen writes, then sends a photo: one conversation in the operator's inbox
        Chats.whatsApp(Chats.text(number, Chats.messageId(), marker)).statusCode(200);
        Chats.whatsApp(Chats.image(number, Chats.messageId(), mediaId, "foto jembatan"))
                .statusCode(200);
        JsonPath inbox = as(Tokens.operator())
                .get("/api/intake")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<Map<String, Object>> items = inbox.getList("items");
        Map<String, Object> item = items.stream()
                .filter(i -> String.valueOf(i.get("messages")).contains(marker))
                .findFirst()
                .orElseThrow();
        assertThat(item.get("channel")).isEqualTo("WHATSAPP");
        assertThat(item.get("status")).isEqualTo("OPEN");
        assertThat((String) item.get("from"))
                .endsWith(number.substring(number.length() - 3))
                .doesNotContain(number);
        List<Map<String, Object>> messages = (List<Map<String, Object>>) item.get("messages");
        assertThat(messages).extracting(m -> m.get("text")).containsExactly(marker, "foto jembatan");
        assertThat(messages.get(1).get("mediaType")).isEqualTo("image/png");
        assertThat(messages.get(0).get("receivedAt")).isNotNull();
        String subject = (String) item.get("subject");
        assertThat(subject).startsWith("phone-").doesNotContain(number.substring(2));

        // 2. the operator files it: channel and number are the conversation's
        var filed = as(Tokens.operator())
                .body("""
                        {"title":"Jembatan patah di Senggoro","description":"%s","reportType":"COMPLAINT",
                         "category":"INFRASTRUCTURE","location":{"regency":"Bengkalis","village":"Senggoro"},
                         "complainant":{"name":"Pak Amir"}}""".formatted(marker))
                .post("/api/intake/" + item.get("id") + "/file")
                .then()
                .statusCode(201)
                .body("channel", equalTo("WHATSAPP"))
                .body("status", equalTo("SUBMITTED"))
                .body("complainant.phone", equalTo("+" + number))
                .extract();
        String id = filed.path("id");
        String tracking = filed.path("trackingNumber");
        assertThat(filed.header("Location")).endsWith("/api/complaints/" + id);
        // the photo from the chat is the complainant's attachment
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> as(Tokens.operator())
                        .get("/api/complaints/" + id + "/attachments")
                        .then()
                        .statusCode(200)
                        .body("items.size()", equalTo(1))
                        .body("items[0].mediaType", equalTo("image/png")));
        assertThat(as(Tokens.operator())
                        .get("/api/intake?status=FILED")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("items.complaintId"))
                .contains(id);

        // 3. dispatched and followed up: the follow-up reaches the chat through the Cloud API
        post(Tokens.operator(), "/api/complaints/" + id + "/dispatch", "{\"agencyId\":\"dinas-pupr\"}")
                .statusCode(200);
        post(OFFICER, "/api/complaints/" + id + "/acknowledge", "{}").statusCode(200);
        post(OFFICER, "/api/complaints/" + id + "/follow-ups", "{\"message\":\"Jembatan sudah diperbaiki\"}")
                .statusCode(200)
                .body("status", equalTo("RESPONDED"));
        JsonNode followUp = sentTemplate(number, "complaint_follow_up_posted");
        assertThat(followUp.path("template")
                        .path("components")
                        .get(0)
                        .path("parameters")
                        .get(0)
                        .path("text")
                        .asText())
                .isEqualTo(tracking);

        // 4. the complainant taps the template's "accept, five stars" button: Meta sends its payload back, and the
        // complaint is completed as the complainant's own step
        String accept = Chats.messageId();
        Chats.whatsApp(Chats.templateButton(number, accept, "TERIMA 5", "Puas ⭐⭐⭐⭐⭐"))
                .statusCode(200);
        as(Tokens.operator())
                .get("/api/complaints/" + id)
                .then()
                .statusCode(200)
                .body("status", equalTo("COMPLETED"))
                .body("rating", equalTo(5))
                .body("channel", equalTo("WHATSAPP"));
        JsonNode confirmed = sentTemplate(number, "complaint_reply_recorded");
        assertThat(confirmed.toString()).contains(tracking).contains("COMPLETED");

        // 5. every step in the history, with the right actor; the chat's steps carry the channel
        JsonPath history = as(Tokens.operator())
                .get("/api/complaints/" + id + "/history")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<Map<String, Object>> events = history.getList("events");
        assertThat(actor(events, "complaint.submitted")).containsEntry("role", "operator");
        assertThat(events.stream()
                        .filter(e -> e.get("type").equals("complaint.submitted"))
                        .findFirst()
                        .orElseThrow()
                        .get("channel"))
                .isEqualTo("WHATSAPP");
        assertThat(actor(events, "complaint.attachment-added"))
                .containsEntry("role", "citizen")
                .containsEntry("subject", subject);
        assertThat(actor(events, "complaint.dispatched")).containsEntry("role", "operator");
        assertThat(actor(events, "complaint.acknowledged")).containsEntry("role", "agency-officer");
        assertThat(actor(events, "complaint.follow-up-posted")).containsEntry("role", "agency-officer");
        Map<String, Object> accepted = events.stream()
                .filter(e -> e.get("type").equals("complaint.complainant-accepted"))
                .findFirst()
                .orElseThrow();
        assertThat((Map<String, Object>) accepted.get("actor"))
                .containsEntry("role", "citizen")
                .containsEntry("subject", subject);
        assertThat(accepted.get("channel")).isEqualTo("WHATSAPP");
        assertThat(((Map<String, Object>) accepted.get("data")).get("rating")).isEqualTo(5);
        assertThat(events).extracting(e -> e.get("type")).contains("complaint.completed");

        // 6. Meta delivering the button again changes nothing
        long before = events.size();
        Chats.whatsApp(Chats.templateButton(number, accept, "TERIMA 5", "Puas ⭐⭐⭐⭐⭐"))
                .statusCode(200);
        assertThat(as(Tokens.operator())
                        .get("/api/complaints/" + id + "/history")
                        .then()
                        .extract()
                        .jsonPath()
                        .getList("events"))
                .hasSize((int) before);
    }

    @Test
    void the_handshake_echoes_the_challenge_only_for_the_configured_token() {
        io.restassured.RestAssured.given()
                .queryParam("hub.mode", "subscribe")
                .queryParam("hub.verify_token", Chats.VERIFY_TOKEN)
                .queryParam("hub.challenge", "1158201444")
                .get("/webhooks/whatsapp")
                .then()
                .statusCode(200)
                .body(equalTo("1158201444"));
        io.restassured.RestAssured.given()
                .queryParam("hub.mode", "subscribe")
                .queryParam("hub.verify_token", "tebakan")
                .queryParam("hub.challenge", "1158201444")
                .get("/webhooks/whatsapp")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> actor(List<Map<String, Object>> events, String type) {
        return (Map<String, Object>) events.stream()
                .filter(e -> e.get("type").equals(type))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + type))
                .get("actor");
    }

    /** The Cloud API request that carried the template to the number, checked for the documented shape. */
    private JsonNode sentTemplate(String number, String template) throws Exception {
        ProviderServer.Received request = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> NotificationServers.http.receivedContaining("\"" + template + "\"").stream()
                                .filter(r -> r.body().contains("\"to\":\"" + number + "\""))
                                .findFirst()
                                .orElse(null),
                        r -> r != null);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path())
                .isEqualTo("/whatsapp/v21.0/" + NotificationServers.WHATSAPP_PHONE_NUMBER_ID + "/messages");
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + NotificationServers.WHATSAPP_TOKEN);
        JsonNode body = json.readTree(request.body());
        assertThat(body.path("messaging_product").asText()).isEqualTo("whatsapp");
        assertThat(body.path("type").asText()).isEqualTo("template");
        assertThat(body.path("template").path("language").path("code").asText()).isEqualTo("id");
        assertThat(body.path("template").path("components").get(0).path("type").asText())
                .isEqualTo("body");
        return body;
    }

    private static byte[] png() throws Exception {
        BufferedImage image = new BufferedImage(32, 24, BufferedImage.TYPE_INT_RGB);
        image.setRGB(3, 4, 0x3366cc);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
