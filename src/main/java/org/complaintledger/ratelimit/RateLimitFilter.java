package org.complaintledger.ratelimit;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Which requests are limited, and by what: the anonymous reads by the caller's address, filing by address and, once
 * the token is verified, by subject. Chosen by path rather than by the absence of a token, which a flood would
 * simply add.
 */
@ApplicationScoped
public class RateLimitFilter {

    @Inject
    RateLimiter limiter;

    @Inject
    CurrentIdentityAssociation identities;

    @ServerRequestFilter(preMatching = true)
    public Uni<Response> limit(ContainerRequestContext request, HttpServerRequest http) {
        String path = request.getUriInfo().getPath();
        String method = request.getMethod();
        String address = address(http);
        if (isPublicRead(method, path)) {
            return Uni.createFrom().item(refusal(RateLimiter.Kind.PUBLIC, address));
        }
        if (method.equals(HttpMethod.POST) && path.startsWith("/api/claims")) {
            return Uni.createFrom().item(refusal(RateLimiter.Kind.CLAIM_ADDRESS, address));
        }
        if (method.equals(HttpMethod.POST) && path.startsWith("/open311/v2/requests")) {
            return Uni.createFrom().item(refusal(RateLimiter.Kind.FILING_ADDRESS, address));
        }
        if (method.equals(HttpMethod.POST) && (path.equals("/api/complaints") || path.equals("/api/complaints/"))) {
            Response byAddress = refusal(RateLimiter.Kind.FILING_ADDRESS, address);
            if (byAddress != null) {
                return Uni.createFrom().item(byAddress);
            }
            // an unverifiable token is the resource's 401 to give, not a quota to spend
            return identities
                    .getDeferredIdentity()
                    .onFailure()
                    .recoverWithNull()
                    .map(identity -> identity == null || identity.isAnonymous()
                            ? null
                            : refusal(RateLimiter.Kind.FILING_SUBJECT, subject(identity)));
        }
        return Uni.createFrom().nullItem();
    }

    static boolean isPublicRead(String method, String path) {
        if (!method.equals(HttpMethod.GET) && !method.equals(HttpMethod.HEAD)) {
            return false;
        }
        return path.startsWith("/api/statistics")
                || path.startsWith("/api/track/")
                || path.startsWith("/open311/")
                || path.equals("/api/agencies");
    }

    private Response refusal(RateLimiter.Kind kind, String client) {
        Optional<java.time.Duration> wait = limiter.take(kind, client);
        return wait.map(w -> TooManyRequests.of(kind, w)).orElse(null);
    }

    /** The connection's address, which Quarkus replaces with the forwarded one only for a trusted proxy. */
    private static String address(HttpServerRequest http) {
        var remote = http.remoteAddress();
        return remote == null ? "unknown" : remote.hostAddress();
    }

    private static String subject(SecurityIdentity identity) {
        return identity.getPrincipal().getName();
    }
}
