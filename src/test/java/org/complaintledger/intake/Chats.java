package org.complaintledger.intake;

import static io.restassured.RestAssured.given;

import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What Meta and the SMS gateway send: Cloud API webhook bodies in the documented shape, signed as Meta signs them
 * (X-Hub-Signature-256 with the app secret), and the gateway's signed form bodies.
 */
public final class Chats {

    static final String APP_SECRET = "test-whatsapp-app-secret";
    static final String SMS_SECRET = "test-sms-webhook-secret";
    static final String VERIFY_TOKEN = "test-verify-token";

    private Chats() {}

    /** A WhatsApp number (country code, no plus) no other test uses. */
    static String number() {
        return "62813" + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999));
    }

    static String messageId() {
        return "wamid.HBgM"
                + Long.toHexString(ThreadLocalRandom.current().nextLong()).toUpperCase();
    }

    /** The envelope every Cloud API message webhook has, around one message object. */
    static String envelope(String from, String message) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages",
                 "value":{"messaging_product":"whatsapp",
                  "metadata":{"display_phone_number":"628117081708","phone_number_id":"106540352242922"},
                  "contacts":[{"profile":{"name":"Warga Bengkalis"},"wa_id":"%s"}],
                  "messages":[%s]}}]}]}""".formatted(from, message);
    }

    static String text(String from, String id, String body) {
        return envelope(from, """
                {"from":"%s","id":"%s","timestamp":"%d","type":"text","text":{"body":"%s"}}""".formatted(from, id, System.currentTimeMillis() / 1000, body));
    }

    static String image(String from, String id, String mediaId, String caption) {
        return envelope(from, """
                {"from":"%s","id":"%s","timestamp":"%d","type":"image",
                 "image":{"caption":"%s","mime_type":"image/png","sha256":"ignored","id":"%s"}}""".formatted(from, id, System.currentTimeMillis() / 1000, caption, mediaId));
    }

    /** A tapped reply button of an interactive message: its id is the command. */
    static String button(String from, String id, String buttonId, String title) {
        return envelope(from, """
                {"context":{"from":"628117081708","id":"wamid.previous"},"from":"%s","id":"%s","timestamp":"%d",
                 "type":"interactive","interactive":{"type":"button_reply","button_reply":{"id":"%s","title":"%s"}}}""".formatted(from, id, System.currentTimeMillis() / 1000, buttonId, title));
    }

    /** A tapped quick-reply button of a template message: Meta sends back the payload the template was sent with. */
    static String templateButton(String from, String id, String payload, String label) {
        return envelope(from, """
                {"context":{"from":"628117081708","id":"wamid.followup"},"from":"%s","id":"%s","timestamp":"%d",
                 "type":"button","button":{"payload":"%s","text":"%s"}}""".formatted(from, id, System.currentTimeMillis() / 1000, payload, label));
    }

    static String sign(String secret, String body) {
        return WebhookSignature.sign(secret, body.getBytes(StandardCharsets.UTF_8));
    }

    /** POSTs the body as Meta does, signed with the app secret. */
    static ValidatableResponse whatsApp(String body) {
        return given().contentType("application/json")
                .header("X-Hub-Signature-256", sign(APP_SECRET, body))
                .body(body.getBytes(StandardCharsets.UTF_8))
                .post("/webhooks/whatsapp")
                .then();
    }

    /** A new conversation in the operator's inbox, from a fresh number; answers its id. */
    public static String openConversation() {
        String number = number();
        String marker = "Lampu jalan mati di gang " + number.substring(5);
        whatsApp(text(number, messageId(), marker)).statusCode(200);
        return SmsIntakeTest.inboxItem(marker).get("id").toString();
    }

    static ValidatableResponse sms(String from, String id, String text) {
        String body = "from=" + java.net.URLEncoder.encode(from, StandardCharsets.UTF_8) + "&text="
                + java.net.URLEncoder.encode(text, StandardCharsets.UTF_8) + "&id=" + id;
        // a String body: REST Assured sends an URL-encoded form as it is (all ASCII), the bytes that were signed
        return given().contentType("application/x-www-form-urlencoded")
                .header("X-Signature", sign(SMS_SECRET, body))
                .body(body)
                .post("/webhooks/sms")
                .then();
    }
}
