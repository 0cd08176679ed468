package org.complaintledger.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The production profile's refusals, checked against the repository's own key files. */
class ProductionReadinessTest {

    private static final String DEV_KEK = "ZGV2LW9ubHkta2V5LWVuY3J5cHRpb24ta2V5LTMyYiE=";

    private static String read(String file) throws IOException {
        return Files.readString(Path.of(file));
    }

    private static String freshPublicKey(String algorithm) throws Exception {
        var generator = KeyPairGenerator.getInstance(algorithm);
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder()
                        .encodeToString(generator.generateKeyPair().getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    private static String freshKek() {
        byte[] bytes = new byte[32];
        new java.security.SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static ProductionReadiness.Settings good() throws Exception {
        return new ProductionReadiness.Settings(
                Optional.of("https://sso.example.go.id/realms/lapor"),
                List.of("complaint-ledger"),
                Optional.of(freshKek()),
                Optional.of(freshPublicKey("RSA")),
                Optional.empty(),
                freshPublicKey("Ed25519"));
    }

    @Test
    void fresh_keys_an_issuer_and_an_audience_may_start() throws Exception {
        assertThat(ProductionReadiness.problems(good())).isEmpty();
    }

    @Test
    void the_repository_s_jwt_public_key_is_refused() throws Exception {
        var good = good();
        var settings = new ProductionReadiness.Settings(
                good.issuer(),
                good.audiences(),
                good.kek(),
                Optional.of(read("src/dev/jwt-public.pem")),
                Optional.empty(),
                good.ledgerSigningPublicKeyPem());
        assertThat(ProductionReadiness.problems(settings))
                .singleElement()
                .asString()
                .contains("token verification key")
                .contains("src/dev/jwt-public.pem");
    }

    @Test
    void the_repository_s_jwt_private_key_is_refused_as_a_signing_key() throws Exception {
        var good = good();
        var settings = new ProductionReadiness.Settings(
                good.issuer(),
                good.audiences(),
                good.kek(),
                good.jwtVerificationKeyPem(),
                Optional.of(read("src/dev/jwt-private.pem")),
                good.ledgerSigningPublicKeyPem());
        assertThat(ProductionReadiness.problems(settings))
                .singleElement()
                .asString()
                .contains("token signing key");
    }

    @Test
    void the_demo_ledger_signing_key_compose_and_the_dev_overlay_shipped_is_refused() throws Exception {
        var good = good();
        // the demo key docker/compose.yaml and the k8s dev overlay once shipped, kept here to prove it stays refused
        String demoPublic = org.complaintledger.ledger.LedgerSigner.publicKeyPemOf(
                read("src/test/resources/repository-keys/ledger-signing-demo.pem"));
        var settings = new ProductionReadiness.Settings(
                good.issuer(),
                good.audiences(),
                good.kek(),
                good.jwtVerificationKeyPem(),
                Optional.empty(),
                demoPublic);
        assertThat(ProductionReadiness.problems(settings))
                .singleElement()
                .asString()
                .contains("ledger signing key")
                .contains("docker/ledger-signing-demo.pem");
    }

    @Test
    void the_dev_kek_a_missing_kek_and_a_short_one_are_refused() throws Exception {
        var good = good();
        for (Optional<String> kek : List.of(Optional.of(DEV_KEK), Optional.<String>empty(), Optional.of("c2hvcnQ="))) {
            var settings = new ProductionReadiness.Settings(
                    good.issuer(),
                    good.audiences(),
                    kek,
                    good.jwtVerificationKeyPem(),
                    Optional.empty(),
                    good.ledgerSigningPublicKeyPem());
            assertThat(ProductionReadiness.problems(settings))
                    .as(kek.toString())
                    .singleElement()
                    .asString()
                    .contains("ledger.crypto.kek");
        }
    }

    @Test
    void no_issuer_or_no_audience_is_refused() throws Exception {
        var good = good();
        var settings = new ProductionReadiness.Settings(
                Optional.empty(),
                List.of(),
                good.kek(),
                good.jwtVerificationKeyPem(),
                Optional.empty(),
                good.ledgerSigningPublicKeyPem());
        assertThat(ProductionReadiness.problems(settings))
                .hasSize(2)
                .anySatisfy(problem -> assertThat(problem).contains("mp.jwt.verify.issuer"))
                .anySatisfy(problem -> assertThat(problem).contains("mp.jwt.verify.audiences"));
    }

    @Test
    void a_jwks_address_is_left_to_the_identity_provider() {
        assertThat(ProductionGuard.readLocal("https://sso.example.go.id/realms/lapor/protocol/openid-connect/certs"))
                .isEmpty();
    }
}
