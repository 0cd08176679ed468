package org.complaintledger.complaint.handling;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Looks up a citizen's pseudonym before the endpoint runs, without blocking, and hands it to the request's
 * {@link Caller}: the mapping is stored ({@link ComplainantPseudonyms}), and a cached one costs no query. Any other
 * caller passes through; a token that fails verification is left to the endpoint's own 401.
 */
@ApplicationScoped
public class CallerPseudonymFilter {

    @Inject
    CurrentIdentityAssociation identities;

    @Inject
    ComplainantPseudonyms pseudonyms;

    @Inject
    Caller caller;

    @ServerRequestFilter
    public Uni<Void> resolve() {
        return identities
                .getDeferredIdentity()
                .onFailure()
                .recoverWithNull()
                .flatMap(identity -> identity == null || identity.isAnonymous() || !Caller.needsPseudonym(identity)
                        ? Uni.createFrom().voidItem()
                        : pseudonyms
                                .of(((JsonWebToken) identity.getPrincipal()).getSubject())
                                .invoke(caller::resolved)
                                .replaceWithVoid());
    }
}
