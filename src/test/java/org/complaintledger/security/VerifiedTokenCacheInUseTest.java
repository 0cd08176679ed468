package org.complaintledger.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.arc.ClientProxy;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The service's bearer authentication parses tokens through the cache, configured from mp.jwt.verify.*. */
@QuarkusTest
class VerifiedTokenCacheInUseTest {

    @Inject
    JWTParser parser;

    @ConfigProperty(name = "mp.jwt.verify.issuer")
    String issuer;

    @Test
    void the_services_token_parser_is_the_cache_and_verifies_with_the_configured_key_issuer_and_audience()
            throws Exception {
        assertThat(ClientProxy.unwrap(parser)).isInstanceOf(VerifiedTokenCache.class);

        String token = Jwt.issuer(issuer)
                .subject("citizen-7")
                .upn("citizen-7")
                .groups("citizen")
                .expiresIn(Duration.ofMinutes(5))
                .sign();
        assertThat(parser.parse(token)).isSameAs(parser.parse(token));

        String foreign = Jwt.issuer("https://elsewhere.test")
                .subject("citizen-7")
                .groups("citizen")
                .expiresIn(Duration.ofMinutes(5))
                .sign();
        assertThatThrownBy(() -> parser.parse(foreign)).isInstanceOf(ParseException.class);

        // issued to another application: refused however often it is sent, whether or not a token was cached before
        String forAnotherApplication = Jwt.issuer(issuer)
                .subject("citizen-7")
                .groups("citizen")
                .audience("another-application")
                .expiresIn(Duration.ofMinutes(5))
                .sign();
        assertThatThrownBy(() -> parser.parse(forAnotherApplication)).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> parser.parse(forAnotherApplication)).isInstanceOf(ParseException.class);

        // expired beyond smallrye-jwt's clock skew (60 s): refused, and never cached
        String expired = Jwt.issuer(issuer)
                .subject("citizen-7")
                .groups("citizen")
                .issuedAt(Instant.now().minusSeconds(600))
                .expiresAt(Instant.now().minusSeconds(120))
                .sign();
        assertThatThrownBy(() -> parser.parse(expired)).isInstanceOf(ParseException.class);
    }
}
