package org.complaintledger.claim;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.BaseAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.json.JsonString;
import java.util.Set;
import org.complaintledger.complaint.Role;
import org.complaintledger.complaint.handling.Caller;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Bearer tokens that a claim issued ({@link ClaimTokens}) are checked here, ahead of smallrye-jwt's mechanism, which
 * sees every other token as before. The identity is the complainant's citizen subject, but in the citizen role only
 * on the claimed complaint's own resources ({@code /api/complaints/{id}} and below): anywhere else it holds no role,
 * so every endpoint that asks for one refuses it (403), and a token for one complaint opens no other.
 */
@Singleton
public class ClaimTokenMechanism implements HttpAuthenticationMechanism {

    private static final String BEARER = "bearer ";

    /** A claim token and the path it is presented on. */
    static final class ClaimTokenRequest extends BaseAuthenticationRequest {
        final String token;
        final String path;

        ClaimTokenRequest(String token, String path) {
            this.token = token;
            this.path = path;
        }
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String header = context.request().getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Uni.createFrom().nullItem();
        }
        String token = header.substring(BEARER.length()).trim();
        if (!ClaimTokens.isClaimToken(token)) {
            return Uni.createFrom().nullItem();
        }
        return identities.authenticate(new ClaimTokenRequest(token, context.normalizedPath()));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer"));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(ClaimTokenRequest.class);
    }

    @Override
    public int getPriority() {
        // before smallrye-jwt's mechanism (DEFAULT_PRIORITY), which would refuse a token it cannot verify
        return DEFAULT_PRIORITY + 100;
    }

    /** Verifies the claim token and scopes the citizen role to its complaint. */
    @Singleton
    public static class Provider implements IdentityProvider<ClaimTokenRequest> {

        @Inject
        ClaimTokens tokens;

        @Override
        public Class<ClaimTokenRequest> getRequestType() {
            return ClaimTokenRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(ClaimTokenRequest request, AuthenticationRequestContext context) {
            JsonWebToken token = tokens.verify(request.token)
                    .orElseThrow(() -> new AuthenticationFailedException("the claim token is invalid or expired"));
            Object complaint = token.getClaim(ClaimTokens.COMPLAINT_CLAIM);
            var identity = QuarkusSecurityIdentity.builder()
                    .setPrincipal(token)
                    .addCredential(new TokenCredential(request.token, "bearer"))
                    // the token names the complainant as the ledger records them: no pseudonym of a pseudonym
                    .addAttribute(Caller.LEDGER_SUBJECT, true);
            if (complaint != null && onComplaint(request.path, text(complaint))) {
                identity.addRole(Role.CITIZEN.wireName());
            }
            return Uni.createFrom().item(identity.build());
        }

        private static String text(Object claim) {
            return claim instanceof JsonString json ? json.getString() : claim.toString();
        }

        static boolean onComplaint(String path, String complaintId) {
            String own = "/api/complaints/" + complaintId;
            return path.equals(own) || path.startsWith(own + "/");
        }
    }
}
