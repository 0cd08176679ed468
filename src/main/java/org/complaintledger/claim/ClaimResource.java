package org.complaintledger.claim;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.complaintledger.web.Problem;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Claiming a complaint without an account: start a claim for a tracking number, then verify it with the receipt's
 * claim code for a citizen token scoped to that complaint. Open to anyone (rate-limited per address); the answers
 * are the same whether or not the tracking number names a complaint.
 */
@Path("/api/claims")
@Tag(name = "Claims", description = "Complainants without an account claim their complaint")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ClaimResource {

    /** {@code method}: {@code code} (the receipt's, the default) or {@code otp} (a code sent to the contact on file). */
    public record StartClaim(
            @NotBlank @Pattern(regexp = Claims.TRACKING_NUMBER, message = "must look like LPR-7KQ2-M9XD-4HPA")
            String trackingNumber,

            @Pattern(regexp = "code|otp", message = "must be code or otp")
            String method) {}

    public record VerifyClaim(
            @NotBlank @Size(max = 32) @Pattern(regexp = "[A-Za-z0-9 -]+", message = "must be the code as printed")
            String code) {}

    @Inject
    Claims claims;

    @Inject
    Clock clock;

    @POST
    @Operation(
            summary = "Start a claim for a tracking number",
            description = "Answered 201 for any well-formed tracking number, whether or not it names a complaint; "
                    + "the claim waits for its code until expiresAt. method otp sends a six-digit one-time code to "
                    + "the contact on file (e-mail, else WhatsApp or SMS) instead of using the receipt's code")
    @APIResponse(
            responseCode = "201",
            description = "Started: verify it with the code",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = Claims.Started.class)))
    public Uni<RestResponse<Claims.Started>> start(@Valid @NotNull StartClaim body) {
        return claims.start(body.trackingNumber(), body.method() == null ? "code" : body.method())
                .map(started -> RestResponse.ResponseBuilder.<Claims.Started>create(RestResponse.Status.CREATED)
                        .entity(started)
                        .location(URI.create("/api/claims/" + started.id()))
                        .build());
    }

    @POST
    @Path("/{id}/verify")
    @Operation(
            summary = "Verify a claim with the receipt's claim code or the one-time code sent",
            description =
                    "Right: a citizen bearer token for that complaint alone, good until expiresAt, with which the "
                            + "complainant clarifies, accepts, objects, appeals and withdraws. Wrong: 403 claim.wrong-code; the "
                            + "fifth wrong code in a row locks the tracking number (429 claim.locked with Retry-After)")
    @APIResponse(
            responseCode = "200",
            description = "The token",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = Claims.Granted.class)))
    @APIResponse(
            responseCode = "403",
            description = "claim.wrong-code",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "claim.not-found: never started, used already or expired",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "429",
            description = "claim.locked: too many wrong codes for this tracking number",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Claims.Granted> verify(@PathParam("id") UUID id, @Valid @NotNull VerifyClaim body) {
        return claims.verify(id, body.code());
    }

    @ServerExceptionMapper
    public RestResponse<Problem> locked(Claims.Locked locked) {
        long seconds =
                Math.max(1, Duration.between(clock.instant(), locked.until()).toSeconds() + 1);
        return RestResponse.ResponseBuilder.create(
                        RestResponse.Status.TOO_MANY_REQUESTS, Problem.of(429, "claim.locked", locked.getMessage()))
                .type(Problem.PROBLEM_JSON)
                .header("Retry-After", Long.toString(seconds))
                .build();
    }
}
