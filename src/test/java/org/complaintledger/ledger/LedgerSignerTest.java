package org.complaintledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.runtime.LaunchMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The signing key: where it comes from in each mode, and that a PKCS#8 file alone rebuilds the whole pair. */
class LedgerSignerTest {

    private static final Instant SIGNED_AT = Instant.parse("2026-11-27T10:15:30.123Z");

    @Test
    void a_pkcs8_private_key_file_alone_yields_the_public_key_that_verifies_its_checkpoints(@TempDir Path dir)
            throws Exception {
        KeyPair original = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Path file = dir.resolve("ledger-signing.pem");
        Files.writeString(
                file, LedgerSigner.pem("PRIVATE KEY", original.getPrivate().getEncoded()));

        LedgerSigner signer =
                new LedgerSigner(LedgerSigner.keyPair(Optional.of(file.toString()), "unused", LaunchMode.NORMAL));

        assertThat(LedgerSigner.publicKey(signer.publicKeyPem()).getEncoded())
                .isEqualTo(original.getPublic().getEncoded());
        String signature = signer.sign(41, "a".repeat(64), SIGNED_AT);
        assertThat(LedgerSigner.verifies(signer.publicKeyPem(), 41, "a".repeat(64), SIGNED_AT, signature))
                .isTrue();
        assertThat(LedgerSigner.verifies(signer.publicKeyPem(), 42, "a".repeat(64), SIGNED_AT, signature))
                .isFalse();
        assertThat(new String(LedgerSigner.message(41, "a".repeat(64), SIGNED_AT)))
                .isEqualTo("41:" + "a".repeat(64) + ":2026-11-27T10:15:30.123Z");
    }

    @Test
    void production_refuses_to_start_without_a_signing_key() {
        assertThatThrownBy(() -> LedgerSigner.keyPair(Optional.empty(), "unused", LaunchMode.NORMAL))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ledger.signing.private-key-location");
    }

    @Test
    void dev_mode_generates_a_key_once_and_keeps_it_across_restarts(@TempDir Path dir) {
        String file = dir.resolve(".ledger/ledger-signing-key.pem").toString();
        LedgerSigner first = new LedgerSigner(LedgerSigner.keyPair(Optional.empty(), file, LaunchMode.DEVELOPMENT));
        LedgerSigner second = new LedgerSigner(LedgerSigner.keyPair(Optional.empty(), file, LaunchMode.DEVELOPMENT));

        assertThat(second.keyId()).isEqualTo(first.keyId()).hasSize(16);
        assertThat(second.publicKeyPem()).isEqualTo(first.publicKeyPem()).startsWith("-----BEGIN PUBLIC KEY-----");
    }

    @Test
    void a_file_that_is_not_an_ed25519_key_is_refused_with_a_clear_message(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rsa.pem");
        Files.writeString(
                file,
                LedgerSigner.pem(
                        "PRIVATE KEY",
                        KeyPairGenerator.getInstance("RSA")
                                .generateKeyPair()
                                .getPrivate()
                                .getEncoded()));

        assertThatThrownBy(() -> LedgerSigner.keyPair(Optional.of(file.toString()), "unused", LaunchMode.NORMAL))
                .hasMessageContaining("not an Ed25519 PKCS#8 PEM private key");
    }
}
