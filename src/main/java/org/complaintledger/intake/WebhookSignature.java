package org.complaintledger.intake;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code sha256=} and the hex HMAC-SHA256 of the raw body, the way Meta signs WhatsApp webhooks
 * ({@code X-Hub-Signature-256}, keyed with the app secret) and the way the SMS gateway is asked to sign
 * ({@code X-Signature}). Compared in constant time, on the bytes as they arrived: re-serialized JSON would differ.
 */
final class WebhookSignature {

    private static final String PREFIX = "sha256=";

    private WebhookSignature() {}

    static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** False for a missing header, another scheme, or a wrong signature; never throws on what the client sent. */
    static boolean valid(Optional<String> secret, String header, byte[] body) {
        if (secret.isEmpty() || secret.get().isBlank() || header == null) {
            return false;
        }
        byte[] expected = sign(secret.get(), body).getBytes(StandardCharsets.US_ASCII);
        byte[] given = header.strip().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given);
    }
}
