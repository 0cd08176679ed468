package org.complaintledger.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.sqlclient.Pool;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.complaintledger.support.Events;
import org.junit.jupiter.api.Test;

/**
 * What the webhooks refuse, and that a refusal writes nothing: no receipt, no conversation, no message, no reply in
 * the outbox, no event.
 */
@QuarkusTest
class WebhookBadInputTest {

    @Inject
    Pool pool;

    /** Everything a webhook call can write. */
    private List<Long> written() {
        return List.of(
                count("SELECT count(*) FROM intake_receipts"),
                count("SELECT count(*) FROM intake_conversations"),
                count("SELECT count(*) FROM intake_messages"),
                count("SELECT count(*) FROM deliveries WHERE event_type = 'intake.reply'"),
                Events.total(pool));
    }

    private long count(String sql) {
        return pool.query(sql)
                .execute()
                .toCompletionStage()
                .toCompletableFuture()
                .join()
                .iterator()
                .next()
                .getLong(0);
    }

    @Test
    void a_forged_or_missing_signature_is_401_and_writes_nothing() {
        String body = Chats.text(Chats.number(), Chats.messageId(), "Lampu jalan mati");
        List<Long> before = written();
        given().contentType("application/json")
                .header("X-Hub-Signature-256", Chats.sign("bukan-rahasia-kami", body))
                .body(body)
                .post("/webhooks/whatsapp")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("code", equalTo("webhook.signature-invalid"));
        given().contentType("application/json")
                .body(body)
                .post("/webhooks/whatsapp")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        // the right signature over another body: one changed byte is enough
        given().contentType("application/json")
                .header("X-Hub-Signature-256", Chats.sign(Chats.APP_SECRET, body))
                .body(body.replace("mati", "mat1"))
                .post("/webhooks/whatsapp")
                .then()
                .statusCode(401);
        given().contentType("application/x-www-form-urlencoded")
                .header("X-Signature", Chats.sign("tebakan", "from=628111&text=halo&id=1"))
                .body("from=628111&text=halo&id=1")
                .post("/webhooks/sms")
                .then()
                .statusCode(401);
        assertThat(written()).isEqualTo(before);
    }

    @Test
    void a_replayed_message_id_answers_200_and_changes_nothing() {
        String number = Chats.number();
        String body = Chats.text(number, Chats.messageId(), "Sampah menumpuk di pasar");
        Chats.whatsApp(body).statusCode(200);
        List<Long> before = written();
        Chats.whatsApp(body).statusCode(200);
        Chats.whatsApp(body).statusCode(200);
        assertThat(written()).isEqualTo(before);
        // the same for the SMS gateway's id
        String sms = "sms-" + number;
        Chats.sms("+" + number, sms, "Sampah juga di terminal").statusCode(200);
        List<Long> afterSms = written();
        Chats.sms("+" + number, sms, "Sampah juga di terminal").statusCode(200);
        assertThat(written()).isEqualTo(afterSms);
    }

    @Test
    void a_body_of_two_megabytes_is_413_and_writes_nothing() {
        String number = Chats.number();
        String body = Chats.text(number, Chats.messageId(), "x".repeat(2 * 1024 * 1024));
        List<Long> before = written();
        given().contentType("application/json")
                .header("X-Hub-Signature-256", Chats.sign(Chats.APP_SECRET, body))
                .body(body.getBytes(StandardCharsets.UTF_8))
                .post("/webhooks/whatsapp")
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("code", equalTo("request.too-large"));
        assertThat(written()).isEqualTo(before);
    }

    @Test
    void a_malformed_body_is_400_and_writes_nothing() {
        String number = Chats.number();
        List<Long> before = written();
        for (String body : List.of(
                "{\"object\":\"whatsapp_business_account\",\"entry\":[",
                "[1,2,3]",
                "{\"object\":\"page\",\"entry\":[]}",
                "{\"object\":\"whatsapp_business_account\",\"entry\":{}}",
                // a message without its id, after a good one: the whole body is refused, the good one too
                Chats.envelope(
                        number,
                        "{\"from\":\"" + number + "\",\"id\":\"wamid.ok\",\"timestamp\":\"1767000000\","
                                + "\"type\":\"text\",\"text\":{\"body\":\"halo\"}},"
                                + "{\"from\":\"" + number + "\",\"timestamp\":\"1767000000\",\"type\":\"text\","
                                + "\"text\":{\"body\":\"halo\"}}"),
                Chats.envelope(
                        number,
                        "{\"from\":\"not-a-number\",\"id\":\"wamid.x\",\"timestamp\":\"1767000000\","
                                + "\"type\":\"text\",\"text\":{\"body\":\"halo\"}}"))) {
            given().contentType("application/json")
                    .header("X-Hub-Signature-256", Chats.sign(Chats.APP_SECRET, body))
                    .body(body.getBytes(StandardCharsets.UTF_8))
                    .post("/webhooks/whatsapp")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json");
        }
        String sms = "from=" + number + "&id=tanpa-teks";
        given().contentType("application/x-www-form-urlencoded")
                .header("X-Signature", Chats.sign(Chats.SMS_SECRET, sms))
                .body(sms)
                .post("/webhooks/sms")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        assertThat(written()).isEqualTo(before);
    }

    @Test
    void delivery_receipts_of_what_we_sent_are_taken_and_change_nothing() {
        String body = """
                {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages",
                 "value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"628117081708",
                 "phone_number_id":"106540352242922"},"statuses":[{"id":"wamid.sent","status":"delivered",
                 "timestamp":"1767000000","recipient_id":"6281300000000"}]}}]}]}""";
        List<Long> before = written();
        Chats.whatsApp(body).statusCode(200);
        assertThat(written()).isEqualTo(before);
    }
}
