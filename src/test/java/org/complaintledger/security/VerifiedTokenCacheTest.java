package org.complaintledger.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The verified-token cache against smallrye-jwt's own verifier and a real JWKS endpoint served over HTTP, keys rotated
 * as an identity provider rotates them. Clock skew is zero here, so the verifier itself refuses a token the moment it
 * expires and any token the cache served past that would show.
 */
class VerifiedTokenCacheTest {

    private static final String ISSUER = "https://idp.test/realms/lapor";

    private final AtomicReference<String> jwks = new AtomicReference<>();
    private HttpServer idp;
    private RsaJsonWebKey first;
    private RsaJsonWebKey second;
    private VerifiedTokenCache parser;

    @BeforeEach
    void identityProvider() throws Exception {
        first = key("first");
        second = key("second");
        publish(first);
        idp = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        idp.createContext("/certs", exchange -> {
            byte[] body = jwks.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        idp.start();
        parser = parser(10_000);
    }

    @AfterEach
    void stop() {
        idp.stop(0);
    }

    private VerifiedTokenCache parser(long size) {
        return parser(size, null);
    }

    private VerifiedTokenCache parser(long size, String audience) {
        JWTAuthContextInfo context = new JWTAuthContextInfo();
        if (audience != null) {
            context.setExpectedAudience(Set.of(audience));
        }
        context.setPublicKeyLocation("http://127.0.0.1:" + idp.getAddress().getPort() + "/certs");
        context.setIssuedBy(ISSUER);
        context.setClockSkew(0);
        // a token naming an unknown kid makes smallrye-jwt fetch the key set again at once, as after a rotation
        context.setForcedJwksRefreshInterval(0);
        return new VerifiedTokenCache(new DefaultJWTParser(context), context, size, Clock.systemUTC());
    }

    @Test
    void a_verified_token_is_served_from_the_cache_on_its_next_request() throws Exception {
        String token = sign(first, "citizen-1", 3600);

        JsonWebToken once = parser.parse(token);
        JsonWebToken again = parser.parse(token);

        assertThat(again).isSameAs(once);
        assertThat(again.getSubject()).isEqualTo("citizen-1");
        assertThat(again.getGroups()).containsExactly("citizen");
        assertThat(parser.size()).isEqualTo(1);
    }

    @Test
    void an_expired_token_is_refused_even_though_it_was_cached_before_it_expired() throws Exception {
        long expires = System.currentTimeMillis() / 1000 + 2;
        String token = sign(first, "citizen-1", claims -> claims.setExpirationTime(NumericDate.fromSeconds(expires)));
        assertThat(parser.parse(token).getSubject()).isEqualTo("citizen-1");
        assertThat(parser.parse(token).getSubject()).isEqualTo("citizen-1");

        Thread.sleep(expires * 1000 + 300 - System.currentTimeMillis());

        assertThatThrownBy(() -> parser.parse(token)).isInstanceOf(ParseException.class);
        assertThat(parser.size()).isZero();
    }

    @Test
    void a_token_with_an_altered_signature_or_payload_is_refused_while_the_original_is_cached() throws Exception {
        String token = sign(first, "citizen-1", 3600);
        parser.parse(token);
        String[] parts = token.split("\\.");

        byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
        signature[signature.length / 2] ^= 1;
        String alteredSignature = parts[0] + "." + parts[1] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        String alteredPayload = parts[0] + "."
                + Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                                .replace("\"citizen\"", "\"operator\"")
                                .getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];

        assertThatThrownBy(() -> parser.parse(alteredSignature)).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> parser.parse(alteredPayload)).isInstanceOf(ParseException.class);
        assertThat(parser.parse(token).getGroups()).containsExactly("citizen");
        assertThat(parser.size()).isEqualTo(1);
    }

    @Test
    void a_cached_token_is_refused_once_its_key_has_left_the_identity_providers_key_set() throws Exception {
        String before = sign(first, "citizen-1", 3600);
        assertThat(parser.parse(before).getSubject()).isEqualTo("citizen-1");

        // the identity provider rotates: the first key is withdrawn, tokens are signed with the second. (jose4j
        // fetches the key set at most once per 300 ms, however often asked; rotations are further apart than that.)
        Thread.sleep(400);
        publish(second);
        String after = sign(second, "citizen-2", 3600);
        assertThat(parser.parse(after).getSubject()).isEqualTo("citizen-2");

        assertThatThrownBy(() -> parser.parse(before)).isInstanceOf(ParseException.class);
        assertThat(parser.parse(after).getSubject()).isEqualTo("citizen-2");
    }

    @Test
    void a_token_from_another_issuer_is_refused_and_not_cached() throws Exception {
        String token = sign(first, "citizen-1", claims -> claims.setIssuer("https://elsewhere.test"));

        assertThatThrownBy(() -> parser.parse(token)).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> parser.parse(token)).isInstanceOf(ParseException.class);
        assertThat(parser.size()).isZero();
    }

    @Test
    void with_an_audience_configured_only_tokens_for_it_are_accepted_on_first_and_repeated_requests() throws Exception {
        VerifiedTokenCache ledgerOnly = parser(10_000, "complaint-ledger");
        String forUs = sign(first, "citizen-1", claims -> claims.setAudience("complaint-ledger"));
        String forAnother = sign(first, "citizen-1", claims -> claims.setAudience("another-application"));
        String forNobody = sign(first, "citizen-1", 3600);

        assertThat(ledgerOnly.parse(forUs)).isSameAs(ledgerOnly.parse(forUs));
        for (String refused : List.of(forAnother, forNobody)) {
            assertThatThrownBy(() -> ledgerOnly.parse(refused)).isInstanceOf(ParseException.class);
            assertThatThrownBy(() -> ledgerOnly.parse(refused)).isInstanceOf(ParseException.class);
        }
        assertThat(ledgerOnly.size()).isEqualTo(1);
    }

    @Test
    void the_cache_holds_no_more_tokens_than_its_bound() throws Exception {
        VerifiedTokenCache small = parser(3);
        for (int i = 0; i < 20; i++) {
            assertThat(small.parse(sign(first, "citizen-" + i, 3600)).getSubject())
                    .isEqualTo("citizen-" + i);
        }
        assertThat(small.size()).isLessThanOrEqualTo(3);
    }

    private void publish(RsaJsonWebKey key) {
        jwks.set(new JsonWebKeySet(List.of(key)).toJson());
    }

    private static RsaJsonWebKey key(String kid) throws Exception {
        RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
        key.setKeyId(kid);
        key.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
        return key;
    }

    private static String sign(RsaJsonWebKey key, String subject, long lifetimeSeconds) throws Exception {
        return sign(key, subject, claims -> claims.setExpirationTimeMinutesInTheFuture(lifetimeSeconds / 60f));
    }

    private interface Customisation {
        void apply(JwtClaims claims) throws Exception;
    }

    private static String sign(RsaJsonWebKey key, String subject, Customisation customisation) throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setSubject(subject);
        claims.setClaim("upn", subject);
        claims.setStringListClaim("groups", "citizen");
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(60);
        customisation.apply(claims);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }
}
