package org.complaintledger.security;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the production profile refuses to start with (issue 18, "demo keys in deployable configurations"): a key this
 * repository publishes (anyone holding the repository could mint an operator's token, read personal data or sign a
 * checkpoint with it), a token check without an issuer or an audience, no key-encryption key, or the console's sign-in
 * switched on without what the authorization code flow needs. Pure: the startup guard ({@link ProductionGuard}) hands
 * it the configured values and refuses to start with every problem listed.
 */
public final class ProductionReadiness {

    /**
     * SHA-256 of the DER SubjectPublicKeyInfo of each public key the repository holds, or of the KEK's bytes:
     * {@code openssl pkey -pubin -outform DER | sha256sum}.
     */
    static final Map<String, String> REPOSITORY_KEYS = Map.of(
            "1d7b9ce023118c34979b3821f7eda9228e8857ee9c947d0f1893ec42644b2aca",
            "the dev JWT key pair (src/dev/jwt-public.pem, jwt-private.pem; k8s/overlays/dev)",
            "b0b78160822f69c28065c871636f753803b1ed845eec53f4a37cce5a4f01087e",
            "the demo ledger signing key (docker/ledger-signing-demo.pem, k8s/overlays/dev)",
            "e64cc7a14038255c916e6fb76cfcb31d7a3182e01fef20baf2d09df7214969d7",
            "the dev key-encryption key (application.properties' %dev.ledger.crypto.kek)");

    private static final Pattern PEM =
            Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    /** What the service was configured with; a PEM text may hold a public key, a private key, or be absent. */
    public record Settings(
            Optional<String> issuer,
            List<String> audiences,
            Optional<String> kek,
            Optional<String> jwtVerificationKeyPem,
            Optional<String> jwtSigningKeyPem,
            String ledgerSigningPublicKeyPem,
            ConsoleSignIn consoleSignIn) {}

    /**
     * The console's sign-in through the identity provider ({@code quarkus.oidc.*}): whether it is on, the realm's
     * address, the console's client id and its secret. Without the secret the provider refuses the code exchange, so
     * every sign-in would fail after the login page; and Quarkus OIDC derives the session cookie's encryption key from
     * it, so without one each replica would make up its own and a session would not survive the next replica.
     */
    public record ConsoleSignIn(
            boolean enabled, Optional<String> authServerUrl, Optional<String> clientId, Optional<String> clientSecret) {

        static final ConsoleSignIn OFF = new ConsoleSignIn(false, Optional.empty(), Optional.empty(), Optional.empty());
    }

    private ProductionReadiness() {}

    /** Every reason not to start, each a sentence saying what to set; empty when production may start. */
    public static List<String> problems(Settings settings) {
        List<String> problems = new ArrayList<>();
        if (settings.issuer().filter(issuer -> !issuer.isBlank()).isEmpty()) {
            problems.add("mp.jwt.verify.issuer (LEDGER_JWT_ISSUER) must name the identity provider's issuer");
        }
        if (settings.audiences().stream().noneMatch(audience -> !audience.isBlank())) {
            problems.add("mp.jwt.verify.audiences (LEDGER_JWT_AUDIENCES) must name this service's audience, so that "
                    + "a token the identity provider issued to another application is refused");
        }
        Optional<String> kek = settings.kek().filter(value -> !value.isBlank());
        if (kek.isEmpty()) {
            problems.add("ledger.crypto.kek (LEDGER_CRYPTO_KEK) is required: the base64 of 32 random bytes "
                    + "(openssl rand -base64 32), kept in the secret manager");
        } else {
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(kek.get().trim());
            } catch (IllegalArgumentException e) {
                bytes = new byte[0];
            }
            if (bytes.length != 32) {
                problems.add("ledger.crypto.kek (LEDGER_CRYPTO_KEK) must be the base64 of 32 bytes");
            } else {
                repositoryKey(sha256(bytes))
                        .ifPresent(name -> problems.add("ledger.crypto.kek (LEDGER_CRYPTO_KEK) is " + name
                                + ", published with the source code: " + "generate one (openssl rand -base64 32)"));
            }
        }
        settings.jwtVerificationKeyPem()
                .flatMap(ProductionReadiness::publicKeyFingerprint)
                .flatMap(ProductionReadiness::repositoryKey)
                .ifPresent(name -> problems.add("the token verification key (MP_JWT_VERIFY_PUBLICKEY_LOCATION) is "
                        + name + ", whose private half anyone can read: use the identity provider's keys"));
        settings.jwtSigningKeyPem()
                .flatMap(ProductionReadiness::publicKeyFingerprint)
                .flatMap(ProductionReadiness::repositoryKey)
                .ifPresent(name -> problems.add("the token signing key (SMALLRYE_JWT_SIGN_KEY_LOCATION) is " + name));
        publicKeyFingerprint(settings.ledgerSigningPublicKeyPem())
                .flatMap(ProductionReadiness::repositoryKey)
                .ifPresent(name -> problems.add("the ledger signing key (LEDGER_SIGNING_PRIVATE_KEY_LOCATION) is "
                        + name + ": create one with openssl genpkey -algorithm ed25519"));
        signInProblem(settings.consoleSignIn()).ifPresent(problems::add);
        return problems;
    }

    /** One line naming every setting the switched-on sign-in lacks, so that one restart is enough. */
    private static Optional<String> signInProblem(ConsoleSignIn signIn) {
        if (!signIn.enabled()) {
            return Optional.empty();
        }
        List<String> missing = new ArrayList<>();
        // Quarkus OIDC itself stops a packaged service whose enabled web-app tenant has no address or no client id,
        // before this guard runs ("'quarkus.oidc.auth-server-url' property must be configured", faults/packaged.py);
        // named here as well, so that the line is complete whichever check comes first
        if (blank(signIn.authServerUrl())) {
            missing.add("LEDGER_OIDC_AUTH_SERVER_URL (quarkus.oidc.auth-server-url: the realm's address, "
                    + "e.g. https://sso.example.go.id/realms/bengkalis)");
        }
        if (blank(signIn.clientId())) {
            missing.add(
                    "LEDGER_OIDC_CLIENT_ID (quarkus.oidc.client-id: the console's client, complaint-ledger-console)");
        }
        if (blank(signIn.clientSecret())) {
            missing.add("LEDGER_OIDC_CLIENT_SECRET (quarkus.oidc.credentials.secret: that client's secret, "
                    + "from the secret manager)");
        }
        return missing.isEmpty()
                ? Optional.empty()
                : Optional.of("the console's sign-in is on (LEDGER_OIDC_ENABLED=true) but lacks "
                        + String.join(", ", missing) + "; set them, or LEDGER_OIDC_ENABLED=false to take bearer "
                        + "tokens only");
    }

    private static boolean blank(Optional<String> value) {
        return value.filter(text -> !text.isBlank()).isEmpty();
    }

    private static Optional<String> repositoryKey(String fingerprint) {
        return Optional.ofNullable(REPOSITORY_KEYS.get(fingerprint));
    }

    /**
     * SHA-256 of the public key's DER, for a PEM public key or an RSA private key (whose public half is derived); empty for what is not PEM (a JWKS document or its URL, checked by whoever publishes it).
     */
    static Optional<String> publicKeyFingerprint(String text) {
        var matcher = PEM.matcher(text);
        if (!matcher.find()) {
            return Optional.empty();
        }
        byte[] der = Base64.getMimeDecoder().decode(matcher.group(2).replaceAll("\\s", ""));
        return switch (matcher.group(1)) {
            case "PUBLIC KEY" -> Optional.of(sha256(der));
            case "PRIVATE KEY" -> publicHalf(der).map(ProductionReadiness::sha256);
            default -> Optional.empty();
        };
    }

    /** The public half of an RSA private key (a token signing key); empty for any other. */
    private static Optional<byte[]> publicHalf(byte[] pkcs8) {
        try {
            var factory = KeyFactory.getInstance("RSA");
            if (factory.generatePrivate(new PKCS8EncodedKeySpec(pkcs8)) instanceof RSAPrivateCrtKey rsa) {
                return Optional.of(
                        factory.generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()))
                                .getEncoded());
            }
        } catch (GeneralSecurityException e) {
            // not an RSA key
        }
        return Optional.empty();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
