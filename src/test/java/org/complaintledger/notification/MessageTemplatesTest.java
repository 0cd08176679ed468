package org.complaintledger.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.complaintledger.support.Api.as;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.complaintledger.notification.channel.DevSinkChannel;
import org.complaintledger.notification.channel.OutgoingMessage;
import org.complaintledger.support.Tokens;
import org.junit.jupiter.api.Test;

/** Every message reads in both languages, and the dev sink shows what would have been sent. */
@QuarkusTest
class MessageTemplatesTest {

    @Inject
    Messages messages;

    @Inject
    DevSinkChannel devSink;

    @Test
    void every_message_has_a_subject_and_a_body_naming_the_tracking_number_in_bahasa_indonesia_and_english() {
        Map<String, String> params = Map.of(
                "trackingNumber",
                "LPR-7KQ2-M9XD",
                "agencyId",
                "dinas-pupr",
                "reason",
                "OUT_OF_SCOPE",
                "cause",
                "COMPLAINANT_APPEAL",
                "outcome",
                "RESOLVED",
                "deadline",
                "follow-up",
                "dueAt",
                "2026-12-08 10:00",
                "count",
                "1",
                // a digest names its complaints in the alerts it gathers
                "items",
                "- Pengaduan baru untuk dinas-pupr: LPR-7KQ2-M9XD");
        for (Message message : Message.values()) {
            for (Language language : Language.values()) {
                Messages.Rendered rendered = messages.render(message, language, params);
                assertThat(rendered.subject())
                        .as("%s %s", message, language)
                        .isNotBlank()
                        .doesNotContain("{");
                assertThat(rendered.body()).as("%s %s", message, language).doesNotContain("{");
                if (message != Message.INTAKE_RECEIVED) {
                    // the chat's first answer comes before there is a complaint, so before its tracking number
                    assertThat(rendered.body()).as("%s %s", message, language).contains("LPR-7KQ2-M9XD");
                }
                assertThat(rendered.parameters().getFirst()).isEqualTo("LPR-7KQ2-M9XD");
            }
        }
        assertThat(messages.render(Message.ARCHIVED, Language.EN, params).body())
                .contains("OUT_OF_SCOPE");
    }

    @Test
    void the_dev_sink_keeps_the_message_with_the_masked_address_for_the_operator_to_read() {
        UUID id = UUID.randomUUID();
        devSink.send(new OutgoingMessage(
                        id,
                        DeliveryChannel.WHATSAPP,
                        "+62 812 0000 1111",
                        "•••1111",
                        Message.FILED,
                        Language.ID,
                        List.of("LPR-DEV0-SINK"),
                        "Pengaduan Anda diterima: LPR-DEV0-SINK",
                        "badan pesan"))
                .await()
                .indefinitely();
        as(Tokens.operator())
                .get("/api/notifications/dev-sink")
                .then()
                .statusCode(200)
                .body("items.find { it.deliveryId == '" + id + "' }.maskedAddress", equalTo("•••1111"))
                .body(
                        "items.find { it.deliveryId == '" + id + "' }.subject",
                        equalTo("Pengaduan Anda diterima: LPR-DEV0-SINK"));
    }
}
