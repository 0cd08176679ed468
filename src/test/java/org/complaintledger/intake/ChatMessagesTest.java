package org.complaintledger.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.complaintledger.complaint.Channel;
import org.complaintledger.web.ProblemException;
import org.junit.jupiter.api.Test;

/** The Cloud API's webhook shapes, the SMS gateway's, and the keywords, read without a server. */
class ChatMessagesTest {

    private static List<InboundMessage> parse(String body) {
        return WhatsAppPayload.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void a_text_an_interactive_reply_a_template_button_and_a_photo_are_read_from_the_documented_shape() {
        String number = "6281312345678";
        assertThat(parse(Chats.text(number, "wamid.1", "Jalan rusak")))
                .singleElement()
                .satisfies(m -> {
                    assertThat(m.channel()).isEqualTo(Channel.WHATSAPP);
                    assertThat(m.from()).isEqualTo(number);
                    assertThat(m.providerId()).isEqualTo("wamid.1");
                    assertThat(m.text()).isEqualTo("Jalan rusak");
                    assertThat(m.reply()).isNull();
                });
        assertThat(parse(Chats.button(number, "wamid.2", "TOLAK", "Tolak"))
                        .getFirst()
                        .reply())
                .isEqualTo("TOLAK");
        assertThat(parse(Chats.templateButton(number, "wamid.3", "TERIMA 5", "Puas"))
                        .getFirst()
                        .reply())
                .isEqualTo("TERIMA 5");
        InboundMessage photo =
                parse(Chats.image(number, "wamid.4", "1038", "foto")).getFirst();
        assertThat(photo.media()).isEqualTo(new InboundMessage.Media("1038", "image/png"));
        assertThat(photo.text()).isEqualTo("foto");
        assertThat(photo.toString()).doesNotContain(number).doesNotContain("foto");
    }

    @Test
    void a_body_with_one_bad_message_is_refused_whole() {
        String body = Chats.envelope(
                "6281312345678",
                "{\"from\":\"6281312345678\",\"id\":\"wamid.ok\",\"timestamp\":\"1767000000\",\"type\":\"text\","
                        + "\"text\":{\"body\":\"halo\"}},{\"from\":\"6281312345678\",\"id\":\"wamid.bad\","
                        + "\"timestamp\":\"kemarin\",\"type\":\"text\",\"text\":{\"body\":\"halo\"}}");
        assertThatThrownBy(() -> parse(body)).isInstanceOf(ProblemException.class);
    }

    @Test
    void keywords_are_read_in_any_case_and_anything_else_is_a_message() {
        assertThat(QuickReply.parse("terima 5")).contains(new QuickReply.Accept(5));
        assertThat(QuickReply.parse(" TERIMA 1 ")).contains(new QuickReply.Accept(1));
        assertThat(QuickReply.parse("TERIMA 6")).isEmpty();
        assertThat(QuickReply.parse("Tolak jalan belum diperbaiki"))
                .contains(new QuickReply.Object("jalan belum diperbaiki"));
        assertThat(QuickReply.parse("TOLAK")).contains(new QuickReply.Object(QuickReply.NO_REASON));
        assertThat(QuickReply.parse("banding\ntidak ada tindakan"))
                .contains(new QuickReply.Appeal("tidak ada tindakan"));
        assertThat(QuickReply.parse("status lpr-7kq2-m9xd")).contains(new QuickReply.Status("LPR-7KQ2-M9XD"));
        assertThat(QuickReply.parse("STATUS")).contains(new QuickReply.Status(null));
        assertThat(QuickReply.parse("Terima kasih atas bantuannya")).isEqualTo(Optional.empty());
        assertThat(QuickReply.parse("Tolak,")).isEmpty();
    }

    @Test
    void an_sms_is_read_from_a_form_or_json_and_a_number_in_any_form_is_one_subject() {
        InboundMessage form = SmsPayload.parse(
                        "application/x-www-form-urlencoded",
                        "from=%2B62+813-1234-5678&text=Air+keruh&id=gw-1".getBytes(StandardCharsets.UTF_8),
                        java.time.Instant.EPOCH)
                .getFirst();
        assertThat(form.channel()).isEqualTo(Channel.SMS_1708);
        assertThat(form.text()).isEqualTo("Air keruh");
        InboundMessage json = SmsPayload.parse(
                        "application/json",
                        "{\"from\":\"081312345678\",\"text\":\"STATUS\",\"id\":\"gw-2\"}"
                                .getBytes(StandardCharsets.UTF_8),
                        java.time.Instant.EPOCH)
                .getFirst();
        PhoneSubjects subjects = new PhoneSubjects("ZGV2LW9ubHkta2V5LWVuY3J5cHRpb24ta2V5LTMyYiE=");
        assertThat(subjects.subjectOf(json.from()))
                .isEqualTo(subjects.subjectOf("+62 813 1234 5678"))
                .isEqualTo(subjects.subjectOf("6281312345678"))
                .startsWith("phone-")
                .doesNotContain("1234");
        assertThat(PhoneSubjects.masked("6281312345678")).isEqualTo("+62 ••• ••• 678");
        assertThatThrownBy(() -> SmsPayload.parse(
                        "application/json",
                        "{\"from\":\"x\"}".getBytes(StandardCharsets.UTF_8),
                        java.time.Instant.EPOCH))
                .isInstanceOf(ProblemException.class);
    }

    @Test
    void a_signature_is_checked_over_the_exact_bytes_with_the_secret() {
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        String good = WebhookSignature.sign("rahasia", body);
        assertThat(good).startsWith("sha256=").hasSize(7 + 64);
        assertThat(WebhookSignature.valid(Optional.of("rahasia"), good, body)).isTrue();
        assertThat(WebhookSignature.valid(
                        Optional.of("rahasia"), good.toUpperCase().replace("SHA256=", "sha256="), body))
                .isTrue();
        assertThat(WebhookSignature.valid(Optional.of("lain"), good, body)).isFalse();
        assertThat(WebhookSignature.valid(Optional.of("rahasia"), good, "{\"a\":2}".getBytes(StandardCharsets.UTF_8)))
                .isFalse();
        assertThat(WebhookSignature.valid(Optional.of("rahasia"), null, body)).isFalse();
        assertThat(WebhookSignature.valid(Optional.empty(), good, body)).isFalse();
    }
}
