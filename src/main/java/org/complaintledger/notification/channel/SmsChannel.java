package org.complaintledger.notification.channel;

import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.complaintledger.notification.DeliveryChannel;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * An HTTP SMS gateway the way Indonesian providers offer one: a POST to a URL with the credentials, the number and
 * the text in a body whose shape each provider defines, hence a body template with {@code {username}},
 * {@code {password}}, {@code {to}}, {@code {text}} and {@code {id}} (the delivery id, for gateways that deduplicate
 * on a reference), each URL-encoded for a form body or JSON-escaped for a JSON one.
 */
@Singleton
public class SmsChannel implements ChannelAdapter {

    @ConfigProperty(name = "ledger.sms.url")
    Optional<String> url;

    @ConfigProperty(name = "ledger.sms.username")
    Optional<String> username;

    @ConfigProperty(name = "ledger.sms.password")
    Optional<String> password;

    @ConfigProperty(
            name = "ledger.sms.body-template",
            defaultValue = "username={username}&password={password}&to={to}&text={text}&ref={id}")
    String bodyTemplate;

    @ConfigProperty(name = "ledger.sms.content-type", defaultValue = "application/x-www-form-urlencoded")
    String contentType;

    @ConfigProperty(name = "ledger.notify.http-timeout", defaultValue = "PT10S")
    Duration timeout;

    @Override
    public DeliveryChannel channel() {
        return DeliveryChannel.SMS;
    }

    @Override
    public boolean enabled() {
        return url.isPresent();
    }

    @Override
    public String status() {
        return enabled() ? "on, gateway " + URI.create(url.get()).getHost() : "off: set ledger.sms.url";
    }

    @Override
    public Uni<Void> send(OutgoingMessage message) {
        boolean jsonBody = contentType.contains("json");
        Map<String, String> values = Map.of(
                "username", username.orElse(""),
                "password", password.orElse(""),
                "to", WhatsAppChannel.internationalNumber(message.address()),
                "text", message.body(),
                "id", message.deliveryId().toString());
        String body = bodyTemplate;
        for (var entry : values.entrySet()) {
            String value = jsonBody
                    ? jsonEscape(entry.getValue())
                    : URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8);
            body = body.replace("{" + entry.getKey() + "}", value);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(url.orElseThrow()))
                .timeout(timeout)
                .header("Content-Type", contentType)
                .header("Idempotency-Key", message.deliveryId().toString())
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HttpSend.send(request);
    }

    private static String jsonEscape(String value) {
        String quoted = new com.fasterxml.jackson.databind.node.TextNode(value).toString();
        return quoted.substring(1, quoted.length() - 1);
    }
}
