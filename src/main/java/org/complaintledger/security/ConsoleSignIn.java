package org.complaintledger.security;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;
import org.complaintledger.web.Problem;
import org.complaintledger.web.ProblemException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The console's side of signing in through the identity provider. Quarkus OIDC runs the authorization code flow
 * with PKCE on {@code /console/signin}, {@code /console/session} and {@code /console/signout} (the HTTP permission
 * {@code console-signin} in application.properties selects its mechanism there, and only there), keeps the tokens in
 * its encrypted session cookie, refreshes them, and signs out at the provider. What this class adds is the hand-over:
 * the console page, a client of the REST API like any other, takes the session's access token from
 * {@code /console/session} and sends it as a bearer token, which the API verifies as it verifies every token. So the
 * API keeps taking no cookie, and a page of another site cannot make a signed-in browser act on it; the session
 * cookie travels to the console's sign-in paths only.
 *
 * <p>Not part of the API: hidden from the OpenAPI document.
 */
@Path("/console")
@PermitAll
public class ConsoleSignIn {

    /**
     * How the console may sign in here: through the identity provider, and with the dev profile's demo tokens; and
     * where the provider's own administration of users and roles is, for the administrator's screen to link to.
     */
    public record SignInOptions(boolean identityProvider, boolean demoTokens, String usersAdministration) {}

    /** The session's access token, for the console to send as its bearer token. */
    public record ConsoleSession(String token) {}

    @Inject
    SecurityIdentity identity;

    @ConfigProperty(name = "quarkus.oidc.tenant-enabled")
    boolean identityProvider;

    @ConfigProperty(name = "ledger.console.users-url")
    Optional<String> usersAdministration;

    @GET
    @Path("/sign-in-options")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public SignInOptions options() {
        // the demo token issuer (DevTokenResource) is built into dev and test only
        return new SignInOptions(
                identityProvider, LaunchMode.current() != LaunchMode.NORMAL, usersAdministration.orElse(null));
    }

    /** Reached once the provider's login has come back: the console takes over, and fetches the token. */
    @GET
    @Path("/signin")
    @Operation(hidden = true)
    public Response signedIn() {
        return Response.seeOther(URI.create("/console/#/signed-in")).build();
    }

    @GET
    @Path("/session")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Response session() {
        AccessTokenCredential token = identity.getCredential(AccessTokenCredential.class);
        if (token == null) {
            // a session the code flow did not make (cannot happen on this path, guarded by it): nothing to hand over
            throw new ProblemException(
                    Problem.of(401, "auth.unauthenticated", "Sign in through the identity provider first"));
        }
        // a credential: no browser or proxy cache may keep it
        return Response.ok(new ConsoleSession(token.getToken()))
                .header("Cache-Control", "no-store")
                .build();
    }

    /** Reached only when the flow found no session to end (Quarkus OIDC ends a live one before this). */
    @GET
    @Path("/signout")
    @Operation(hidden = true)
    public Response signedOut() {
        return Response.seeOther(URI.create("/console/")).build();
    }
}
