package org.complaintledger.ledger;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Startup;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The ledger's Ed25519 signing key. Production must bring its own ({@code ledger.signing.private-key-location},
 * PKCS#8 PEM) and the service refuses to start without one: a checkpoint signed by a key nobody keeps proves nothing.
 * Dev mode generates one once and keeps it under {@code .ledger/}, so that its checkpoints stay verifiable across
 * restarts; tests get a fresh one per run.
 */
@Startup
@Singleton
public class LedgerSigner {

    public static final String ALGORITHM = "Ed25519";
    private static final Logger LOG = Logger.getLogger(LedgerSigner.class);

    private final PrivateKey privateKey;
    private final String publicKeyPem;
    private final String keyId;

    @Inject
    public LedgerSigner(
            @ConfigProperty(name = "ledger.signing.private-key-location") Optional<String> location,
            @ConfigProperty(name = "ledger.signing.dev-key-file", defaultValue = ".ledger/ledger-signing-key.pem")
                    String devKeyFile) {
        this(keyPair(location, devKeyFile, LaunchMode.current()));
    }

    LedgerSigner(KeyPair keys) {
        this.privateKey = keys.getPrivate();
        this.publicKeyPem = pem("PUBLIC KEY", keys.getPublic().getEncoded());
        this.keyId = keyIdOf(keys.getPublic());
    }

    /** Identifies the public key that verifies this signer's checkpoints, across rotations. */
    public String keyId() {
        return keyId;
    }

    public String publicKeyPem() {
        return publicKeyPem;
    }

    /** The exact bytes a checkpoint signs (README, "Hash chain format"). */
    public static byte[] message(long ledgerSeq, String chainHash, Instant signedAt) {
        return (ledgerSeq + ":" + chainHash + ":" + EventEnvelope.format(signedAt)).getBytes(StandardCharsets.UTF_8);
    }

    /** Base64 of the Ed25519 signature of the checkpoint. */
    public String sign(long ledgerSeq, String chainHash, Instant signedAt) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(privateKey);
            signature.update(message(ledgerSeq, chainHash, signedAt));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a checkpoint", e);
        }
    }

    /** Whether the signature is the given key's over that checkpoint; a malformed key or signature is simply false. */
    public static boolean verifies(
            String publicKeyPem, long ledgerSeq, String chainHash, Instant signedAt, String signatureBase64) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initVerify(publicKey(publicKeyPem));
            signature.update(message(ledgerSeq, chainHash, signedAt));
            return signature.verify(Base64.getDecoder().decode(signatureBase64));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** The PEM public key of an Ed25519 PKCS#8 PEM private key. */
    public static String publicKeyPemOf(String privateKeyPem) {
        return pem("PUBLIC KEY", fromPem(privateKeyPem).getPublic().getEncoded());
    }

    public static PublicKey publicKey(String pem) throws GeneralSecurityException {
        return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der(pem)));
    }

    static KeyPair keyPair(Optional<String> location, String devKeyFile, LaunchMode mode) {
        if (location.isPresent()) {
            return fromPem(read(Path.of(location.get())));
        }
        return switch (mode) {
            case TEST -> generate();
            case DEVELOPMENT -> devKey(Path.of(devKeyFile));
            default ->
                throw new IllegalStateException("ledger.signing.private-key-location "
                        + "(LEDGER_SIGNING_PRIVATE_KEY_LOCATION) must name the ledger's Ed25519 key (PKCS#8 PEM); "
                        + "create one with: openssl genpkey -algorithm ed25519 -out ledger-signing.pem");
        };
    }

    private static KeyPair devKey(Path file) {
        if (Files.exists(file)) {
            return fromPem(read(file));
        }
        KeyPair generated = generate();
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, pem("PRIVATE KEY", generated.getPrivate().getEncoded()));
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the dev signing key in " + file, e);
        }
        LOG.warnf("Generated a dev ledger signing key in %s (dev mode only)", file.toAbsolutePath());
        return generated;
    }

    private static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK 15+ has Ed25519", e);
        }
    }

    /**
     * The JDK cannot derive an Ed25519 public key from a private one, and OpenSSL's PKCS#8 files carry only the
     * private seed. An Ed25519 private key is its 32-byte seed and the JDK's generator draws exactly that seed from
     * its random source, so generating from a source that yields the seed rebuilds the pair; the probe signature
     * below fails loudly should a JDK ever draw differently.
     */
    static KeyPair fromPem(String pem) {
        try {
            PrivateKey key = KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der(pem)));
            byte[] seed = ((EdECPrivateKey) key)
                    .getBytes()
                    .orElseThrow(() -> new IllegalStateException("the signing key has no extractable seed"));
            KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
            generator.initialize(NamedParameterSpec.ED25519, new SeedSource(seed));
            KeyPair pair = new KeyPair(generator.generateKeyPair().getPublic(), key);
            byte[] probe = "ledger-signing-key-probe".getBytes(StandardCharsets.UTF_8);
            Signature signer = Signature.getInstance(ALGORITHM);
            signer.initSign(key);
            signer.update(probe);
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(pair.getPublic());
            verifier.update(probe);
            if (!verifier.verify(signer.sign())) {
                throw new IllegalStateException("could not derive the public key of the ledger signing key");
            }
            return pair;
        } catch (GeneralSecurityException | ClassCastException | IllegalArgumentException e) {
            throw new IllegalStateException("the ledger signing key is not an Ed25519 PKCS#8 PEM private key", e);
        }
    }

    private static final class SeedSource extends SecureRandom {
        private final byte[] seed;

        private SeedSource(byte[] seed) {
            this.seed = seed;
        }

        @Override
        public void nextBytes(byte[] bytes) {
            System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the ledger signing key " + file, e);
        }
    }

    private static byte[] der(String pem) {
        String body = pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** The first 16 hex digits of SHA-256 of the DER public key: {@code openssl pkey -pubin -outform DER | sha256sum}. */
    static String keyIdOf(PublicKey key) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()))
                    .substring(0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
