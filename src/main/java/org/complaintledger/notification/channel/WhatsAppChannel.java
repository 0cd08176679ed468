package org.complaintledger.notification.channel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.complaintledger.notification.DeliveryChannel;
import org.complaintledger.notification.Language;
import org.complaintledger.notification.Message;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * WhatsApp Business Cloud API, {@code POST {base-url}/{phone-number-id}/messages} with a bearer token. Outside the
 * 24-hour customer-service window (a day after the person last wrote to us) Meta accepts only pre-approved templates,
 * so a message is a template unless the recipient is inside it; the template's body parameters are the tracking
 * number first, then the message's details. A message that asks for an answer (the follow-up: accept or object) goes
 * to a recipient inside the window as an interactive message with reply buttons instead, which need no template
 * approved for them and show the rendered text in full; outside it, the follow-up's template carries the same choices
 * as quick-reply buttons. Either way a tapped button sends back the keyword intake reads as that command
 * ({@code TERIMA 5}, {@code TOLAK}): the reply button's id, the quick-reply button's payload. The delivery id goes out
 * as {@code biz_opaque_callback_data} (echoed in status webhooks) and as an {@code Idempotency-Key} header.
 */
@Singleton
public class WhatsAppChannel implements ChannelAdapter {

    /**
     * The choices of a message that asks for an answer, in order, each with the keyword it sends back: the
     * follow-up's are to accept with five or three stars or to object. Inside the window they are reply buttons;
     * outside it, the template approved at Meta must have that many quick-reply buttons, labelled as the regency likes.
     */
    static final Map<Message, List<ReplyButton>> REPLY_BUTTONS = Map.of(
            Message.FOLLOW_UP_POSTED,
            List.of(
                    new ReplyButton("TERIMA 5", "Terima, nilai 5", "Accept, rating 5"),
                    new ReplyButton("TERIMA 3", "Terima, nilai 3", "Accept, rating 3"),
                    new ReplyButton("TOLAK", "Tolak", "Object")));

    /**
     * One choice of a message that asks for an answer: the keyword it sends back and its label in each language
     * (Meta allows at most three reply buttons, each titled in at most 20 characters).
     */
    record ReplyButton(String keyword, String titleId, String titleEn) {
        ReplyButton {
            if (titleId.length() > 20 || titleEn.length() > 20) {
                throw new IllegalArgumentException("a reply button's title has at most 20 characters: " + keyword);
            }
        }

        String title(Language language) {
            return language == Language.EN ? titleEn : titleId;
        }
    }

    /** Meta's limit on an interactive message's body text. */
    static final int BODY_LIMIT = 1024;

    private final ObjectMapper json = new ObjectMapper();

    @ConfigProperty(name = "ledger.whatsapp.base-url", defaultValue = "https://graph.facebook.com/v21.0")
    String baseUrl;

    @ConfigProperty(name = "ledger.whatsapp.phone-number-id")
    Optional<String> phoneNumberId;

    @ConfigProperty(name = "ledger.whatsapp.access-token")
    Optional<String> accessToken;

    @ConfigProperty(name = "ledger.notify.http-timeout", defaultValue = "PT10S")
    Duration timeout;

    @Override
    public DeliveryChannel channel() {
        return DeliveryChannel.WHATSAPP;
    }

    @Override
    public boolean enabled() {
        return phoneNumberId.isPresent() && accessToken.isPresent();
    }

    @Override
    public String status() {
        return enabled()
                ? "on, phone number id " + phoneNumberId.get()
                : "off: set ledger.whatsapp.phone-number-id and ledger.whatsapp.access-token";
    }

    /** The template's name for a message: {@code ledger.whatsapp.templates.<message>}, else {@code complaint_<message>}. */
    String templateName(OutgoingMessage message) {
        String key = message.message().key();
        return ConfigProvider.getConfig()
                .getOptionalValue("ledger.whatsapp.templates." + key, String.class)
                .orElse("complaint_" + key.replace('-', '_'));
    }

    @Override
    public Uni<Void> send(OutgoingMessage message) {
        List<ReplyButton> buttons = REPLY_BUTTONS.getOrDefault(message.message(), List.of());
        ObjectNode body =
                message.inSession() && !buttons.isEmpty() ? interactive(message, buttons) : template(message, buttons);
        body.put("biz_opaque_callback_data", message.deliveryId().toString());
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(stripSlash(baseUrl) + "/" + phoneNumberId.orElseThrow() + "/messages"))
                .timeout(timeout)
                .header("Authorization", "Bearer " + accessToken.orElseThrow())
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", message.deliveryId().toString())
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        return HttpSend.send(request);
    }

    /** The documented interactive message with reply buttons: the rendered text, then at most three choices. */
    private ObjectNode interactive(OutgoingMessage message, List<ReplyButton> buttons) {
        ObjectNode body = json.createObjectNode();
        body.put("messaging_product", "whatsapp");
        body.put("recipient_type", "individual");
        body.put("to", internationalNumber(message.address()));
        body.put("type", "interactive");
        ObjectNode interactive = body.putObject("interactive");
        interactive.put("type", "button");
        interactive.putObject("body").put("text", bodyText(message.subject() + "\n\n" + message.body()));
        ArrayNode replies = interactive.putObject("action").putArray("buttons");
        for (ReplyButton button : buttons.subList(0, Math.min(3, buttons.size()))) {
            ObjectNode reply = replies.addObject().put("type", "reply").putObject("reply");
            reply.put("id", button.keyword());
            reply.put("title", button.title(message.language()));
        }
        return body;
    }

    static String bodyText(String text) {
        return text.length() <= BODY_LIMIT ? text : text.substring(0, BODY_LIMIT - 1) + "…";
    }

    private ObjectNode template(OutgoingMessage message, List<ReplyButton> buttons) {
        ObjectNode body = json.createObjectNode();
        body.put("messaging_product", "whatsapp");
        body.put("recipient_type", "individual");
        body.put("to", internationalNumber(message.address()));
        body.put("type", "template");
        ObjectNode template = body.putObject("template");
        template.put("name", templateName(message));
        template.putObject("language").put("code", message.language().code());
        ArrayNode components = template.putArray("components");
        ArrayNode parameters = components.addObject().put("type", "body").putArray("parameters");
        message.parameters()
                .forEach(p -> parameters.addObject().put("type", "text").put("text", p));
        for (int i = 0; i < buttons.size(); i++) {
            components
                    .addObject()
                    .put("type", "button")
                    .put("sub_type", "quick_reply")
                    .put("index", String.valueOf(i))
                    .putArray("parameters")
                    .addObject()
                    .put("type", "payload")
                    .put("payload", buttons.get(i).keyword());
        }
        return body;
    }

    /** WhatsApp wants the number with its country code and no plus: {@code 0812…} and {@code +62 812…} → {@code 62812…}. */
    static String internationalNumber(String phone) {
        String digits = phone.replaceAll("\\D", "");
        return digits.startsWith("0") ? "62" + digits.substring(1) : digits;
    }

    static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
