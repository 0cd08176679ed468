package org.complaintledger.claim;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.complaintledger.complaint.Role;
import org.complaintledger.complaint.handling.Caller;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** The desk's claim code for a receipt: issued by the operator, shown once, kept only as an HMAC. */
@Path("/api/complaints")
@Tag(name = "Claims")
@Produces(MediaType.APPLICATION_JSON)
public class ClaimCodeResource {

    @Inject
    Caller caller;

    @Inject
    Claims claims;

    @POST
    @Path("/{id}/claim-code")
    @RolesAllowed("operator")
    @Consumes(MediaType.WILDCARD)
    @Operation(
            summary = "Issue the claim code for a complaint filed without an account (desk, WhatsApp, SMS, Open311)",
            description = "For the printed receipt: the code is in this answer only. A new code replaces the previous "
                    + "one; a complaint filed from a citizen's own account (WEB, MOBILE_APP) has none (409)")
    @APIResponse(
            responseCode = "201",
            description = "The code, once",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = Claims.IssuedCode.class)))
    public Uni<RestResponse<Claims.IssuedCode>> issue(@PathParam("id") UUID id) {
        return claims.issueCode(id, caller.as(Role.OPERATOR))
                .map(issued -> RestResponse.status(RestResponse.Status.CREATED, issued));
    }
}
