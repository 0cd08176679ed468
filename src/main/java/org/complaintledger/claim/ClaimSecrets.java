package org.complaintledger.claim;

import jakarta.inject.Singleton;
import java.util.UUID;
import javax.crypto.SecretKey;
import org.complaintledger.privacy.DerivedKey;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The claim feature's two keys, derived from the key-encryption key (HMAC-SHA256 of a label), so that a deployment
 * configures no further secret: one keys the HMACs under which claim codes are stored, the other signs claim tokens
 * (HS256). Neither leaves the service; rotating the KEK voids outstanding codes and tokens, which is what a rotation
 * after a leak wants.
 */
@Singleton
public class ClaimSecrets {

    private final DerivedKey codeKey;
    private final SecretKey tokenKey;

    public ClaimSecrets(@ConfigProperty(name = "ledger.crypto.kek") String kek) {
        this.codeKey = DerivedKey.of(kek, "complaint-ledger/claim-code/v1");
        this.tokenKey = DerivedKey.of(kek, "complaint-ledger/claim-token/v1").secretKey();
    }

    /**
     * The stored form of a code for one complaint: the complaint's id is bound in, so a code never opens another
     * complaint, and two complaints' equal codes look unrelated.
     */
    String codeHmac(UUID complaintId, String normalisedCode) {
        return codeKey.hex(complaintId + ":" + normalisedCode);
    }

    SecretKey tokenKey() {
        return tokenKey;
    }
}
