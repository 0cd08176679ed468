package org.complaintledger.security;

import io.quarkus.arc.profile.IfBuildProfile;
import io.smallrye.jwt.build.Jwt;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.complaintledger.complaint.Role;
import org.complaintledger.complaint.handling.Caller;
import org.complaintledger.web.Problem;
import org.complaintledger.web.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Demo tokens for each role, signed with the dev key (src/dev). Built into dev and test only: the packaged
 * production application has no such endpoint and trusts only its identity provider's key.
 */
@Path("/dev/tokens")
@IfBuildProfile(anyOf = {"dev", "test"})
@jakarta.annotation.security.PermitAll
@Tag(name = "Dev tokens", description = "Demo bearer tokens; dev profile only")
public class DevTokenResource {

    public record IssuedToken(String token, String subject, String role, String agency, Instant expiresAt) {}

    @GET
    @Path("/{role}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Issue a demo token for a role",
            description = "citizen, operator, agency-officer (with ?agency=), ombudsman, auditor or admin")
    public IssuedToken issue(
            @PathParam("role") String role,
            @QueryParam("subject") String subject,
            @QueryParam("agency") @DefaultValue("dinas-pupr") String agency,
            @QueryParam("unit") String unit) {
        Role parsed = Arrays.stream(Role.values())
                .filter(r -> r != Role.SYSTEM && r.wireName().equals(role))
                .findFirst()
                .orElseThrow(() -> new ProblemException(Problem.of(
                        404,
                        "dev.unknown-role",
                        "No role '" + role + "'; use citizen, operator, agency-officer, ombudsman, auditor or admin")));
        return issue(
                parsed,
                subject == null || subject.isBlank() ? "demo-" + role : subject,
                agency,
                unit == null || unit.isBlank() ? null : unit,
                Duration.ofHours(12));
    }

    public static IssuedToken issue(Role role, String subject, String agency, Duration lifespan) {
        return issue(role, subject, agency, null, lifespan);
    }

    /** With a unit claim for an officer scoped to a unit inside its agency. */
    public static IssuedToken issue(Role role, String subject, String agency, String unit, Duration lifespan) {
        Instant expiresAt = Instant.now().plus(lifespan);
        var builder = Jwt.subject(subject).upn(subject).groups(role.wireName()).expiresAt(expiresAt);
        String agencyClaim = role == Role.AGENCY_OFFICER ? agency : null;
        if (agencyClaim != null) {
            builder.claim(Caller.AGENCY_CLAIM, agencyClaim);
        }
        if (role == Role.AGENCY_OFFICER && unit != null) {
            builder.claim(Caller.UNIT_CLAIM, unit);
        }
        return new IssuedToken(builder.sign(), subject, role.wireName(), agencyClaim, expiresAt);
    }
}
