package org.complaintledger.notification.channel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.complaintledger.notification.DeliveryChannel;
import org.complaintledger.notification.Message;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * WhatsApp Business Cloud API: a pre-approved template message, {@code POST {base-url}/{phone-number-id}/messages}
 * with a bearer token. Outside the 24-hour customer-service window only templates may be sent, so every message is
 * one; the template's body parameters are the tracking number first, then the message's details. The delivery id
 * goes out as {@code biz_opaque_callback_data} (echoed in status webhooks) and as an {@code Idempotency-Key} header.
 */
@ApplicationScoped
public class WhatsAppChannel implements ChannelAdapter {

    /**
     * The quick-reply buttons of a template, in order, each with the keyword it sends back (intake/ reads a button's
     * payload as the keyword): the follow-up's template has three, to accept with five or three stars or to object.
     * The template approved at Meta must have that many quick-reply buttons, labelled as the regency likes.
     */
    static final Map<Message, List<String>> QUICK_REPLIES =
            Map.of(Message.FOLLOW_UP_POSTED, List.of("TERIMA 5", "TERIMA 3", "TOLAK"));

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
        List<String> replies = QUICK_REPLIES.getOrDefault(message.message(), List.of());
        for (int i = 0; i < replies.size(); i++) {
            components
                    .addObject()
                    .put("type", "button")
                    .put("sub_type", "quick_reply")
                    .put("index", String.valueOf(i))
                    .putArray("parameters")
                    .addObject()
                    .put("type", "payload")
                    .put("payload", replies.get(i));
        }
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

    /** WhatsApp wants the number with its country code and no plus: {@code 0812…} and {@code +62 812…} → {@code 62812…}. */
    static String internationalNumber(String phone) {
        String digits = phone.replaceAll("\\D", "");
        return digits.startsWith("0") ? "62" + digits.substring(1) : digits;
    }

    static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
