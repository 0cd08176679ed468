package org.complaintledger.ledger;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The public keys whose checkpoints prove something: the service's own signing key and those pinned in configuration
 * ({@code ledger.signing.trusted-keys}: keys that signed before a rotation, or another instance's). Never the
 * {@code ledger_signing_keys} table: whoever can write the database could add a key of their own there and sign a
 * rewritten history with it. Each entry is a PEM file's path or the base64 DER of the public key (the PEM's body on
 * one line); a malformed one stops the start, since a verifier that trusts less than it was told would cry forgery.
 */
@Singleton
public class TrustedKeys {

    private final Map<String, String> byKeyId;

    @Inject
    public TrustedKeys(
            LedgerSigner signer,
            @ConfigProperty(name = "ledger.signing.trusted-keys") Optional<List<String>> configured) {
        this(signer.keyId(), signer.publicKeyPem(), configured.orElse(List.of()));
    }

    TrustedKeys(String ownKeyId, String ownPublicKeyPem, List<String> configured) {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put(ownKeyId, ownPublicKeyPem);
        for (String entry : configured) {
            if (entry.isBlank()) {
                continue;
            }
            String pem = pem(entry.strip());
            try {
                keys.put(LedgerSigner.keyIdOf(LedgerSigner.publicKey(pem)), pem);
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                throw new IllegalStateException(
                        "ledger.signing.trusted-keys: not an Ed25519 public key (a PEM file or its base64 body): "
                                + entry,
                        e);
            }
        }
        this.byKeyId = Collections.unmodifiableMap(keys);
    }

    /** Key id to PEM public key, the service's own first. */
    public Map<String, String> byKeyId() {
        return byKeyId;
    }

    public boolean trusts(String keyId) {
        return byKeyId.containsKey(keyId);
    }

    private static String pem(String entry) {
        if (entry.startsWith("-----BEGIN")) {
            return entry;
        }
        Path file = Path.of(entry);
        if (entry.endsWith(".pem") || Files.isRegularFile(file)) {
            try {
                return Files.readString(file);
            } catch (IOException e) {
                throw new UncheckedIOException("ledger.signing.trusted-keys: cannot read " + entry, e);
            }
        }
        return "-----BEGIN PUBLIC KEY-----\n" + entry + "\n-----END PUBLIC KEY-----\n";
    }
}
