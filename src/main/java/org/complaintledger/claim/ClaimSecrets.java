package org.complaintledger.claim;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The claim feature's two keys, derived from the key-encryption key (HMAC-SHA256 of a label), so that a deployment
 * configures no further secret: one keys the HMACs under which claim codes are stored, the other signs claim tokens
 * (HS256). Neither leaves the service; rotating the KEK voids outstanding codes and tokens, which is what a rotation
 * after a leak wants.
 */
@ApplicationScoped
public class ClaimSecrets {

    private final SecretKey codeKey;
    private final SecretKey tokenKey;

    public ClaimSecrets(@ConfigProperty(name = "ledger.crypto.kek") String kek) {
        byte[] master = Base64.getDecoder().decode(kek.trim());
        this.codeKey = new SecretKeySpec(hmac(master, "complaint-ledger/claim-code/v1"), "HmacSHA256");
        this.tokenKey = new SecretKeySpec(hmac(master, "complaint-ledger/claim-token/v1"), "HmacSHA256");
    }

    /**
     * The stored form of a code for one complaint: the complaint's id is bound in, so a code never opens another
     * complaint, and two complaints' equal codes look unrelated.
     */
    String codeHmac(UUID complaintId, String normalisedCode) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(codeKey);
            return HexFormat.of()
                    .formatHex(mac.doFinal((complaintId + ":" + normalisedCode).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }

    SecretKey tokenKey() {
        return tokenKey;
    }

    private static byte[] hmac(byte[] key, String label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(label.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }
}
