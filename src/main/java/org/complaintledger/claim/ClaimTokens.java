package org.complaintledger.claim;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.complaintledger.complaint.Role;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The citizen token a claim hands out: a JWT like the identity provider's (subject, {@code groups}), built and checked
 * with smallrye-jwt, but signed by this service (HS256, {@link ClaimSecrets}) with its own issuer and audience, and
 * carrying the one complaint it is good for in {@code complaint}. Its {@code kid} tells {@link ClaimTokenMechanism}
 * that the token is ours to check; the identity provider's tokens never reach that key.
 */
@Singleton
public class ClaimTokens {

    static final String KEY_ID = "ledger-claim";
    public static final String COMPLAINT_CLAIM = "complaint";

    @Inject
    ClaimSecrets secrets;

    @Inject
    ClaimConfig config;

    @Inject
    DefaultJWTParser parser;

    record Issued(String token, Instant expiresAt) {}

    Issued issue(String complainantSubject, UUID complaintId, Instant now) {
        Instant expiresAt = now.plus(config.tokenLifespan());
        String token = Jwt.issuer(config.tokenIssuer())
                .audience(config.tokenIssuer())
                .subject(complainantSubject)
                .upn(complainantSubject)
                .groups(Role.CITIZEN.wireName())
                .claim(COMPLAINT_CLAIM, complaintId.toString())
                .issuedAt(now)
                .expiresAt(expiresAt)
                .jws()
                .algorithm(SignatureAlgorithm.HS256)
                .keyId(KEY_ID)
                .sign(secrets.tokenKey());
        return new Issued(token, expiresAt);
    }

    /** Whether the token's header names this service's claim key (read without verifying: it only routes). */
    static boolean isClaimToken(String token) {
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return false;
        }
        try {
            String header = new String(Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.UTF_8);
            return header.replace(" ", "").contains("\"kid\":\"" + KEY_ID + "\"");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The verified token, or empty when its signature, issuer, audience or expiry fails. */
    Optional<JsonWebToken> verify(String token) {
        JWTAuthContextInfo context = new JWTAuthContextInfo(secrets.tokenKey(), config.tokenIssuer());
        context.setExpectedAudience(Set.of(config.tokenIssuer()));
        context.setSignatureAlgorithm(Set.of(SignatureAlgorithm.HS256));
        try {
            return Optional.of(parser.parse(token, context));
        } catch (ParseException e) {
            return Optional.empty();
        }
    }
}
