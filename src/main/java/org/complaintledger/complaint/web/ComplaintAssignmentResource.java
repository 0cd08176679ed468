package org.complaintledger.complaint.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.complaintledger.agency.AgencyUnits;
import org.complaintledger.complaint.Actor;
import org.complaintledger.complaint.ComplaintCommand;
import org.complaintledger.complaint.Role;
import org.complaintledger.complaint.handling.Caller;
import org.complaintledger.complaint.handling.ComplaintCommandHandler;
import org.complaintledger.complaint.handling.ComplaintHistory;
import org.complaintledger.complaint.presentation.ComplaintView;
import org.complaintledger.complaint.presentation.ComplaintViews;
import org.complaintledger.ledger.EventEnvelope;
import org.complaintledger.web.CorrelationId;
import org.complaintledger.web.MultiLine;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Disposition inside the agency (issue 17): an officer of the agency the complaint is dispatched to hands it to one
 * of the agency's units, optionally to a named officer. The decider holds the rules (the assigned agency's officer,
 * while the agency owes its answer); this edge checks only that the unit is the officer's agency's.
 */
@Path("/api/complaints/{id}/assignment")
@Tag(name = "Complaints")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ComplaintAssignmentResource {

    public record AssignmentRequest(
            @NotBlank @Pattern(regexp = "[a-z0-9-]{2,64}", message = "must be a unit id")
            String unitId,

            @Size(max = 2000) @MultiLine String note,

            @Size(min = 1, max = 100) @Pattern(regexp = "[A-Za-z0-9._:@-]*", message = "must be a subject id")
            String assignee) {}

    @Inject
    Caller caller;

    @Inject
    ComplaintCommandHandler commands;

    @Inject
    ComplaintHistory history;

    @Inject
    ComplaintViews views;

    @Inject
    AgencyUnits units;

    @Inject
    Clock clock;

    @Inject
    ObjectMapper json;

    @Context
    HttpHeaders headers;

    @Context
    UriInfo uri;

    @POST
    @RolesAllowed("agency-officer")
    @Operation(
            summary = "Assign the complaint to a unit of the agency (and optionally an officer)",
            description = "By an officer of the agency it is dispatched to, while it is DISPATCHED or IN_PROGRESS")
    public Uni<RestResponse<ComplaintView>> assign(
            @PathParam("id") UUID complaintId, @Valid @NotNull AssignmentRequest body) {
        Actor actor = caller.as(Role.AGENCY_OFFICER);
        Instant now = EventEnvelope.millis(clock.instant());
        String idempotencyKey = CommandHeaders.idempotencyKey(headers.getHeaderString("Idempotency-Key"));
        var directives = new ComplaintCommandHandler.Directives(
                CommandHeaders.expectedVersion(headers.getHeaderString(HttpHeaders.IF_MATCH)),
                actor.subject(),
                idempotencyKey,
                idempotencyKey == null ? null : requestHash(body),
                ComplaintCommandHandler.Effect.CHANGED,
                CorrelationId.current());
        return requireUnitOfHolder(body.unitId(), actor.agency(), complaintId)
                .chain(() -> commands.execute(
                        new ComplaintCommand.AssignToUnit(
                                complaintId, actor, now, body.unitId(), body.note(), body.assignee()),
                        directives))
                // the answer shows the read model folded up to the command's version, as every command's does
                .chain(outcome -> views.view(outcome.summary(), actor))
                .map(view -> RestResponse.ResponseBuilder.<ComplaintView>create(200)
                        .entity(view)
                        .header(HttpHeaders.ETAG, ComplaintView.etag(view.version()))
                        .build());
    }

    /**
     * The unit must be one of the agency's when that agency holds the complaint now; otherwise this passes, so that
     * the decider answers another agency's officer with its 403 (or a complaint in no agency's hands with its 409)
     * before any unit is looked at. Who holds it is folded from the stream, as the decider would.
     */
    private Uni<Void> requireUnitOfHolder(String unitId, String agencyId, UUID complaintId) {
        return history.currentSummary(complaintId)
                .chain(summary -> agencyId.equals(summary.agencyId())
                        ? units.requireUnitOf("unitId", unitId, agencyId)
                        : Uni.createFrom().voidItem());
    }

    private String requestHash(Object body) {
        try {
            return EventEnvelope.sha256Hex(uri.getPath() + "\n" + json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
