package org.complaintledger.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.smallrye.jwt.KeyProvider;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.KeyLocationResolver;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.crypto.SecretKey;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.keys.resolvers.VerificationKeyResolver;
import org.jose4j.lang.JoseException;
import org.jose4j.lang.UnresolvableKeyException;

/**
 * The bearer token parser smallrye-jwt's authentication uses, remembering what it verified: a citizen's app sends the
 * same token with every request, and verifying its RS256 signature and parsing its claims again was a fifth of the
 * service's CPU per filing (BENCHMARKS.md, "Filing beside the peer").
 *
 * <p>A verified token is kept under the SHA-256 of its raw text (a lookup compares 32 bytes and the keys are no
 * credentials; the parsed token, like every request's, carries its raw text), bounded in number, until its {@code exp}
 * (or the end of {@code smallrye.jwt.verify.token-age}), never longer: after that it is verified again from scratch,
 * so the configured clock skew and every claim check decide as they always did. Each entry also remembers the key
 * that verified it, and a hit is served only while the token's header ({@code kid}, {@code alg}) still resolves to
 * that same key: when the identity provider's JWKS drops a key (a rotation, a revocation) and the key set is
 * refreshed, tokens signed with it are refused although they were cached. Every verification, first or repeated,
 * resolves its key here, so the cache and the verifier never disagree on the key set.
 *
 * <p>Configurations this does not cover (secret or decryption keys, certificate thumbprints, AWS ALB keys) are passed
 * to smallrye-jwt's own parser untouched, uncached.
 */
@Singleton
@Alternative
@Priority(1)
public class VerifiedTokenCache implements JWTParser {

    private static final Logger LOG = Logger.getLogger(VerifiedTokenCache.class);

    /** What a verification established about one token. */
    private record Verified(JsonWebToken token, JsonWebSignature header, Key key, long usableUntilEpochSecond) {}

    private final DefaultJWTParser verifier;
    private final JWTAuthContextInfo context;
    private final VerificationKeyResolver keys;
    private final Clock clock;
    private final Cache<ByteBuffer, Verified> verified;

    @Inject
    public VerifiedTokenCache(
            DefaultJWTParser verifier,
            JWTAuthContextInfo context,
            @ConfigProperty(name = "ledger.security.token-cache.size", defaultValue = "10000") long size) {
        this(verifier, context, size, Clock.systemUTC());
    }

    VerifiedTokenCache(DefaultJWTParser verifier, JWTAuthContextInfo context, long size, Clock clock) {
        this.verifier = verifier;
        this.context = context;
        this.clock = clock;
        this.keys = size > 0 ? keyResolver(context) : null;
        this.verified = Caffeine.newBuilder()
                .maximumSize(Math.max(size, 0))
                .expireAfter(Expiry.<ByteBuffer, Verified>creating((hash, entry) -> Duration.ofSeconds(Math.max(
                        0, entry.usableUntilEpochSecond() - clock.instant().getEpochSecond()))))
                .build();
    }

    /** The key resolver smallrye-jwt would use for this configuration, or null where the cache stands aside. */
    private static VerificationKeyResolver keyResolver(JWTAuthContextInfo context) {
        if (context.getSecretVerificationKey() != null
                || context.getSecretKeyContent() != null
                || context.getDecryptionKeyLocation() != null
                || context.getDecryptionKeyContent() != null
                || context.getPrivateDecryptionKey() != null
                || context.getSecretDecryptionKey() != null
                || context.isVerifyCertificateThumbprint()
                || context.getKeyProvider() == KeyProvider.AWS_ALB) {
            return null;
        }
        PublicKey fixed = context.getPublicVerificationKey();
        if (fixed != null) {
            return (jws, nesting) -> fixed;
        }
        if (context.getPublicKeyLocation() == null && context.getPublicKeyContent() == null) {
            return null;
        }
        try {
            return new KeyLocationResolver(context);
        } catch (UnresolvableKeyException e) {
            LOG.warnf("bearer tokens are verified without a cache: %s", e.getMessage());
            return null;
        }
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        if (keys == null) {
            return verifier.parse(token);
        }
        ByteBuffer hash = sha256(token);
        Verified hit = verified.getIfPresent(hash);
        if (hit != null) {
            if (clock.instant().getEpochSecond() < hit.usableUntilEpochSecond() && stillVerifiedBy(hit)) {
                return hit.token();
            }
            verified.invalidate(hash);
        }
        return verify(token, hash);
    }

    /** Whether the token's header still resolves to the key that verified it (the key set may have changed since). */
    private boolean stillVerifiedBy(Verified hit) {
        try {
            return hit.key().equals(keys.resolveKey(hit.header(), List.of()));
        } catch (UnresolvableKeyException e) {
            return false;
        }
    }

    private JsonWebToken verify(String token, ByteBuffer hash) throws ParseException {
        JsonWebSignature header = new JsonWebSignature();
        try {
            header.setCompactSerialization(token);
        } catch (JoseException notASignedToken) {
            // not a JWS (malformed, or encrypted): smallrye-jwt refuses it with its own message
            return verifier.parse(token);
        }
        Key key;
        try {
            key = keys.resolveKey(header, List.of());
        } catch (UnresolvableKeyException e) {
            throw new ParseException("no verification key for the token", e);
        }
        if (!(key instanceof PublicKey publicKey)) {
            throw new ParseException("the token's verification key is not a public key");
        }
        JsonWebToken parsed = verifier.verify(token, publicKey);
        long until = parsed.getExpirationTime();
        Long maxAge = context.getTokenAge();
        if (maxAge != null) {
            until = Math.min(until, parsed.getIssuedAtTime() + maxAge);
        }
        if (clock.instant().getEpochSecond() < until) {
            verified.put(hash, new Verified(parsed, header, key, until));
        }
        return parsed;
    }

    private static ByteBuffer sha256(String token) {
        try {
            return ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }

    /** How many verified tokens are held (tests). */
    long size() {
        verified.cleanUp();
        return verified.estimatedSize();
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo otherContext) throws ParseException {
        return verifier.parse(token, otherContext);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return verifier.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return verifier.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return verifier.parseOnly(token);
    }
}
