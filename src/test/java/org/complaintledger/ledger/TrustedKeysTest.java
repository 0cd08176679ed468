package org.complaintledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code ledger.signing.trusted-keys} accepts: PEM files and base64 DER, and nothing malformed. */
class TrustedKeysTest {

    @Test
    void the_own_key_a_pem_file_and_a_base64_key_are_trusted_and_nothing_else(@TempDir Path dir) throws Exception {
        LedgerSigner own =
                new LedgerSigner(KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
        LedgerSigner rotated =
                new LedgerSigner(KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
        LedgerSigner other =
                new LedgerSigner(KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
        LedgerSigner stranger =
                new LedgerSigner(KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
        Path file = dir.resolve("rotated.pub.pem");
        Files.writeString(file, rotated.publicKeyPem());
        String base64 = other.publicKeyPem().replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");

        TrustedKeys keys = new TrustedKeys(own.keyId(), own.publicKeyPem(), List.of(file.toString(), base64));

        assertThat(keys.trusts(own.keyId())).isTrue();
        assertThat(keys.trusts(rotated.keyId())).isTrue();
        assertThat(keys.trusts(other.keyId())).isTrue();
        assertThat(keys.trusts(stranger.keyId())).isFalse();
        assertThat(keys.byKeyId().get(rotated.keyId())).isEqualTo(rotated.publicKeyPem());
    }

    @Test
    void a_malformed_trusted_key_stops_the_start() throws Exception {
        LedgerSigner own =
                new LedgerSigner(KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
        assertThatThrownBy(() -> new TrustedKeys(own.keyId(), own.publicKeyPem(), List.of("bm90LWEta2V5")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ledger.signing.trusted-keys");
    }
}
