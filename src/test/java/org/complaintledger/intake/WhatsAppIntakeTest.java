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

    @jakarta.inject.Inject
    io.vertx.mutiny.sqlclient.Pool pool;

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
        // the complainant wrote minutes ago, inside WhatsApp's 24-hour window: reply buttons, no template
        JsonNode followUp = sentInteractive(number, tracking);
        JsonNode acceptButton =
                followUp.path("interactive").path("action").path("buttons").get(0);

        // 4. the complainant taps "accept, five stars": Meta sends the button's id back, and the complaint is
        // completed as the complainant's own step
        String accept = Chats.messageId();
        Chats.whatsApp(Chats.button(
                        number,
                        accept,
                        acceptButton.path("reply").path("id").asText(),
                        acceptButton.path("reply").path("title").asText()))
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
        Chats.whatsApp(Chats.button(number, accept, "TERIMA 5", "Terima, nilai 5"))
                .statusCode(200);
        assertThat(as(Tokens.operator())
                        .get("/api/complaints/" + id + "/history")
                        .then()
                        .extract()
                        .jsonPath()
                        .getList("events"))
                .hasSize((int) before);
    }

    /**
     * A complainant who last wrote more than a day ago is outside the window in which Meta accepts a free-form
     * message: the follow-up goes as its approved template, with the same choices as quick-reply buttons whose
     * payload comes back as the same command.
     */
    @Test
    void outside_the_24_hour_window_the_follow_up_is_a_template_whose_quick_reply_completes_the_complaint()
            throws Exception {
        String number = Chats.number();
        String marker = "Drainase tersumbat di Jalan Ahmad Yani " + number.substring(6);
        Chats.whatsApp(Chats.text(number, Chats.messageId(), marker)).statusCode(200);
        Map<String, Object> item = SmsIntakeTest.inboxItem(marker);
        String id = as(Tokens.operator())
                .body("""
                        {"title":"Drainase tersumbat","description":"%s","reportType":"COMPLAINT",
                         "category":"INFRASTRUCTURE"}""".formatted(marker))
                .post("/api/intake/" + item.get("id") + "/file")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        // a day and more has passed since the complainant wrote
        pool.preparedQuery(
                        "UPDATE whatsapp_windows SET last_inbound_at = now() - interval '25 hours' WHERE subject = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(item.get("subject")))
                .await()
                .indefinitely();
        post(Tokens.operator(), "/api/complaints/" + id + "/dispatch", "{\"agencyId\":\"dinas-pupr\"}")
                .statusCode(200);
        post(OFFICER, "/api/complaints/" + id + "/acknowledge", "{}").statusCode(200);
        String tracking = post(OFFICER, "/api/complaints/" + id + "/follow-ups", "{\"message\":\"Sudah dibersihkan\"}")
                .statusCode(200)
                .extract()
                .path("trackingNumber");

        JsonNode followUp = sentTemplate(number, "complaint_follow_up_posted");
        JsonNode components = followUp.path("template").path("components");
        assertThat(components.get(0).path("parameters").get(0).path("text").asText())
                .isEqualTo(tracking);
        List<String> payloads = new java.util.ArrayList<>();
        for (int i = 1; i < components.size(); i++) {
            assertThat(components.get(i).path("sub_type").asText()).isEqualTo("quick_reply");
            payloads.add(
                    components.get(i).path("parameters").get(0).path("payload").asText());
        }
        assertThat(payloads).containsExactly("TERIMA 5", "TERIMA 3", "TOLAK");
        assertThat(NotificationServers.http.receivedContaining("\"interactive\"").stream()
                        .filter(r -> r.body().contains("\"to\":\"" + number + "\"")))
                .as("no interactive message outside the window")
                .isEmpty();

        Chats.whatsApp(Chats.templateButton(number, Chats.messageId(), payloads.get(1), "Terima, nilai 3"))
                .statusCode(200);
        as(Tokens.operator())
                .get("/api/complaints/" + id)
                .then()
                .statusCode(200)
                .body("status", equalTo("COMPLETED"))
                .body("rating", equalTo(3));

        // when the complainant last wrote is theirs too: erasure takes it with their key
        post(
                        Tokens.operator(),
                        "/api/complainants/" + item.get("subject") + "/erasure",
                        "{\"reason\":\"Permintaan pelapor\"}")
                .statusCode(200);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> pool.preparedQuery("SELECT count(*) FROM whatsapp_windows WHERE subject = $1")
                                .execute(io.vertx.mutiny.sqlclient.Tuple.of(item.get("subject")))
                                .await()
                                .indefinitely()
                                .iterator()
                                .next()
                                .getLong(0)
                        == 0L);
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

    /**
     * The Cloud API request that carried the follow-up to the number as an interactive message with reply buttons,
     * checked for the documented shape: type button, the text, at most three buttons of type reply, each titled in
     * at most 20 characters, their ids the chat's quick replies.
     */
    private JsonNode sentInteractive(String number, String tracking) throws Exception {
        ProviderServer.Received request = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> NotificationServers.http.receivedContaining("\"interactive\"").stream()
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
        assertThat(body.path("to").asText()).isEqualTo(number);
        assertThat(body.path("type").asText()).isEqualTo("interactive");
        assertThat(body.has("template")).isFalse();
        JsonNode interactive = body.path("interactive");
        assertThat(interactive.path("type").asText()).isEqualTo("button");
        assertThat(interactive.path("body").path("text").asText())
                .contains(tracking)
                .hasSizeLessThanOrEqualTo(1024);
        JsonNode buttons = interactive.path("action").path("buttons");
        assertThat(buttons.size()).isBetween(1, 3);
        List<String> ids = new java.util.ArrayList<>();
        for (JsonNode button : buttons) {
            assertThat(button.path("type").asText()).isEqualTo("reply");
            assertThat(button.path("reply").path("title").asText()).isNotBlank().hasSizeLessThanOrEqualTo(20);
            ids.add(button.path("reply").path("id").asText());
        }
        assertThat(ids).containsExactly("TERIMA 5", "TERIMA 3", "TOLAK");
        // each id is a command the chat understands
        ids.forEach(buttonId -> assertThat(QuickReply.parse(buttonId)).isPresent());
        return body;
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
