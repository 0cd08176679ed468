package org.complaintledger.notification.channel;

import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Standard Webhooks: {@code webhook-id} (the delivery id, the same on every retry, so a receiver deduplicates),
 * {@code webhook-timestamp} (seconds, of this try) and {@code webhook-signature: v1,<base64 HMAC-SHA256 of
 * "id.timestamp.body">}. A {@code whsec_} secret is base64 after its prefix; any other is used as its UTF-8 bytes.
 */
@Singleton
public class WebhookChannel {

    @ConfigProperty(name = "ledger.notify.http-timeout", defaultValue = "PT10S")
    Duration timeout;

    public Uni<Void> send(String messageId, String url, String secret, String body, Instant now) {
        String timestamp = Long.toString(now.getEpochSecond());
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("webhook-id", messageId)
                .header("webhook-timestamp", timestamp)
                .header("webhook-signature", "v1," + sign(secret, messageId, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HttpSend.send(request);
    }

    public static String sign(String secret, String messageId, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(secret), "HmacSHA256"));
            byte[] signature = mac.doFinal((messageId + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] key(String secret) {
        return secret.startsWith("whsec_")
                ? Base64.getDecoder().decode(secret.substring("whsec_".length()))
                : secret.getBytes(StandardCharsets.UTF_8);
    }
}
