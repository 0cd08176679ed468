package org.complaintledger.security;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.complaintledger.ledger.LedgerSigner;
import org.eclipse.microprofile.config.Config;

/**
 * The packaged application's first act: it refuses to start with the repository's keys, without an issuer and an
 * audience to check tokens against, without a KEK, or with the console's sign-in on but not configured
 * ({@link ProductionReadiness}). Dev and test builds have no such
 * bean, since they run on the repository's keys on purpose.
 */
@Singleton
@IfBuildProfile("prod")
public class ProductionGuard {

    void check(
            @Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE - 100) StartupEvent startup,
            Config config,
            LedgerSigner signer) {
        var settings = new ProductionReadiness.Settings(
                config.getOptionalValue("mp.jwt.verify.issuer", String.class),
                config.getOptionalValues("mp.jwt.verify.audiences", String.class)
                        .orElse(List.of()),
                config.getOptionalValue("ledger.crypto.kek", String.class),
                config.getOptionalValue("mp.jwt.verify.publickey", String.class)
                        .or(() -> config.getOptionalValue("mp.jwt.verify.publickey.location", String.class)
                                .flatMap(ProductionGuard::readLocal)),
                config.getOptionalValue("smallrye.jwt.sign.key", String.class)
                        .or(() -> config.getOptionalValue("smallrye.jwt.sign.key.location", String.class)
                                .flatMap(ProductionGuard::readLocal)),
                signer.publicKeyPem(),
                new ProductionReadiness.ConsoleSignIn(
                        config.getOptionalValue("quarkus.oidc.tenant-enabled", Boolean.class)
                                .orElse(true),
                        config.getOptionalValue("quarkus.oidc.auth-server-url", String.class),
                        config.getOptionalValue("quarkus.oidc.client-id", String.class),
                        config.getOptionalValue("quarkus.oidc.credentials.secret", String.class)
                                .or(() -> config.getOptionalValue(
                                        "quarkus.oidc.credentials.client-secret.value", String.class))));
        List<String> problems = ProductionReadiness.problems(settings);
        if (!problems.isEmpty()) {
            throw new IllegalStateException(
                    "The production profile refuses to start:\n  - " + String.join("\n  - ", problems));
        }
    }

    /** A file or class-path resource's text; a URL (a JWKS endpoint) is the identity provider's, not read here. */
    static Optional<String> readLocal(String location) {
        try {
            if (location.startsWith("classpath:")) {
                try (InputStream in = ProductionGuard.class
                        .getClassLoader()
                        .getResourceAsStream(location.substring("classpath:".length()))) {
                    return in == null
                            ? Optional.empty()
                            : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
            if (location.contains("://") && !location.startsWith("file:")) {
                return Optional.empty();
            }
            Path path = Path.of(location.startsWith("file:") ? location.substring("file:".length()) : location);
            return Files.isReadable(path) ? Optional.of(Files.readString(path)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + location, e);
        }
    }
}
