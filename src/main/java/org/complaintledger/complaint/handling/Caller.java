package org.complaintledger.complaint.handling;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.Optional;
import org.complaintledger.complaint.Actor;
import org.complaintledger.complaint.Role;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling, as the domain sees it: the bearer token's subject, the role it acts in and, for an officer, its
 * agency. A citizen is known by the pseudonym of their account ({@link ComplainantPseudonyms}), never by its id, so no
 * event, table or answer holds a complainant's account id; staff are named by their own ids, for accountability. The
 * pseudonym is stored, so it is looked up before the endpoint runs ({@link CallerPseudonymFilter}), and {@link #as}
 * stays synchronous.
 * Endpoints gate roles with {@code @RolesAllowed}; the rules on ownership and agency live in the decider.
 */
@RequestScoped
public class Caller {

    public static final String AGENCY_CLAIM = "agency";

    /** An officer scoped to a unit inside its agency (issue 17) sees that unit's part of the agency's queue. */
    public static final String UNIT_CLAIM = "unit";

    /**
     * An identity attribute (true) for a token whose subject already is the complainant's subject as the ledger holds
     * it (a claim token, which this service issues for a complaint's complainant): it is not pseudonymised again.
     */
    public static final String LEDGER_SUBJECT = "ledger.subject-as-recorded";

    @Inject
    SecurityIdentity identity;

    /** The citizen's pseudonym, resolved for this request by {@link CallerPseudonymFilter}. */
    private String pseudonym;

    /** The caller acting in the first of {@code roles} that its token grants. */
    public Actor as(Role... roles) {
        Role role = Arrays.stream(roles)
                .filter(r -> identity.hasRole(r.wireName()))
                .findFirst()
                .orElseThrow(() -> new ForbiddenException("role not granted"));
        JsonWebToken token = token(identity);
        String agency = null;
        if (role == Role.AGENCY_OFFICER) {
            agency = Optional.ofNullable(token.<Object>getClaim(AGENCY_CLAIM))
                    .map(Object::toString)
                    .filter(a -> !a.isBlank())
                    .orElseThrow(() -> new ForbiddenException("an officer's token names no agency"));
        }
        return new Actor(subject(role, token), role, agency);
    }

    private String subject(Role role, JsonWebToken token) {
        if (role != Role.CITIZEN || !needsPseudonym(identity)) {
            return token.getSubject();
        }
        if (pseudonym == null) {
            throw new IllegalStateException("the citizen's pseudonym was not resolved before the endpoint ran");
        }
        return pseudonym;
    }

    /** A citizen's token names their account, which the ledger knows by a pseudonym; a claim token already names it. */
    static boolean needsPseudonym(SecurityIdentity identity) {
        return identity.hasRole(Role.CITIZEN.wireName())
                && identity.getPrincipal() instanceof JsonWebToken
                && !Boolean.TRUE.equals(identity.getAttribute(LEDGER_SUBJECT));
    }

    void resolved(String pseudonym) {
        this.pseudonym = pseudonym;
    }

    /** Whether {@code subject} is the caller's own account id, as their token names it. */
    public boolean isOwnAccount(String subject) {
        return subject.equals(token(identity).getSubject());
    }

    /** Whether the token grants {@code role}, whichever else it grants. */
    public boolean holds(Role role) {
        return identity.hasRole(role.wireName());
    }

    /** The officer's unit claim; null for an officer of the whole agency and for every other role. */
    public String unit() {
        return Optional.ofNullable(token(identity).<Object>getClaim(UNIT_CLAIM))
                .map(Object::toString)
                .filter(u -> !u.isBlank())
                .orElse(null);
    }

    /**
     * The verified bearer token: the identity's principal, as smallrye-jwt makes it. Read from the identity rather than
     * injected, because Quarkus OIDC (the console's sign-in) brings a JsonWebToken producer of its own that knows only
     * its own tokens and would hand the API a token without claims.
     */
    public static JsonWebToken token(SecurityIdentity identity) {
        if (identity.getPrincipal() instanceof JsonWebToken token) {
            return token;
        }
        throw new ForbiddenException("the caller holds no bearer token");
    }
}
