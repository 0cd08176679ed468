package org.complaintledger.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * A key derived from the key-encryption key ({@code ledger.crypto.kek}) for one purpose, as HMAC-SHA256 of the KEK
 * over the purpose's label, and the keyed hashes made with it: how the service recognises a value again (a phone
 * number, a claim code, a complainant's subject) without keeping the value. A deployment configures no secret beyond
 * the KEK; each purpose has its own key, so that one use can never reveal another's; rotating the KEK changes them
 * all. A label, once used for stored hashes, never changes: the hashes would no longer match.
 */
public final class DerivedKey {

    private static final String HMAC = "HmacSHA256";

    private final SecretKeySpec key;

    private DerivedKey(SecretKeySpec key) {
        this.key = key;
    }

    /** The key for {@code label} under the KEK as configured (base64 of its bytes). */
    public static DerivedKey of(String kek, String label) {
        byte[] master = Base64.getDecoder().decode(kek.trim());
        return new DerivedKey(new SecretKeySpec(hmac(new SecretKeySpec(master, HMAC), label), HMAC));
    }

    /** HMAC-SHA256 of the text's UTF-8 under this key. */
    public byte[] hash(String text) {
        return hmac(key, text);
    }

    /** {@link #hash} in lowercase hex. */
    public String hex(String text) {
        return HexFormat.of().formatHex(hash(text));
    }

    /** The key itself, for a purpose that signs with it (an HS256 token). */
    public SecretKey secretKey() {
        return key;
    }

    private static byte[] hmac(SecretKeySpec key, String text) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }
}
