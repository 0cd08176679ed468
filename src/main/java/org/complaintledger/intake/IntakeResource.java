package org.complaintledger.intake;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.complaintledger.complaint.Role;
import org.complaintledger.complaint.handling.Caller;
import org.complaintledger.complaint.presentation.ComplaintView;
import org.complaintledger.web.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** The operator's inbox of WhatsApp and SMS conversations that are not yet complaints. */
@Path("/api/intake")
@Tag(name = "Intake")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed("operator")
public class IntakeResource {

    private static final Set<String> STATUSES = Set.of("OPEN", "FILED", "DISMISSED");

    @Inject
    IntakeInbox inbox;

    @Inject
    Caller caller;

    @GET
    @Operation(
            summary = "The intake inbox",
            description = "Conversations by status (OPEN by default), oldest first, at most 100: the sender's number "
                    + "masked, the messages in order (a file in the chat shows its media type)")
    public Uni<IntakeInbox.Inbox> list(@QueryParam("status") String status) {
        String wanted = status == null ? "OPEN" : status.toUpperCase(Locale.ROOT);
        if (!STATUSES.contains(wanted)) {
            throw ProblemException.badRequest("status", "OPEN, FILED or DISMISSED");
        }
        caller.as(Role.OPERATOR);
        return inbox.list(wanted);
    }

    @POST
    @Path("/{id}/file")
    @Operation(
            summary = "File the conversation as a complaint on the sender's behalf",
            description = "The fields of POST /api/complaints less channel (the conversation's: WHATSAPP or "
                    + "SMS_1708) and complainant.phone (the number it came from). The complainant is told on the "
                    + "same channel; files sent in the chat become the complainant's attachments")
    @APIResponse(
            responseCode = "201",
            description = "Filed: the complaint view",
            headers =
                    @Header(
                            name = "Location",
                            description = "/api/complaints/{id}",
                            schema = @Schema(type = SchemaType.STRING)),
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ComplaintView.class)))
    public Uni<RestResponse<ComplaintView>> file(
            @PathParam("id") UUID conversation, @Valid @NotNull IntakeRequests.FileConversation body) {
        return inbox.file(conversation, caller.as(Role.OPERATOR), body)
                .map(filed -> RestResponse.ResponseBuilder.<ComplaintView>created(
                                URI.create("/api/complaints/" + filed.view().id()))
                        .entity(filed.view())
                        .header("ETag", ComplaintView.etag(filed.view().version()))
                        .build());
    }

    @POST
    @Path("/{id}/dismiss")
    @Operation(summary = "Dismiss the conversation: nothing to file (spam, a greeting, a wrong number)")
    @APIResponse(responseCode = "204", description = "Dismissed")
    public Uni<RestResponse<Void>> dismiss(@PathParam("id") UUID id, @Valid @NotNull IntakeRequests.Dismissal body) {
        UUID conversation = id;
        caller.as(Role.OPERATOR);
        return inbox.dismiss(conversation, body.reason()).map(ok -> RestResponse.noContent());
    }
}
