package org.complaintledger.projection;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.complaintledger.web.Problem;
import org.complaintledger.web.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** How far behind each projection is, and rebuilding one from the ledger while the service keeps serving. */
@Path("/api/projections")
@Tag(name = "Operations")
@Produces(MediaType.APPLICATION_JSON)
public class ProjectionResource {

    @Inject
    Projections projections;

    @GET
    @RolesAllowed({"operator", "ombudsman", "auditor"})
    @Operation(
            summary = "Every projection: events applied, how far behind the ledger, rebuild progress, segment owners")
    public List<Projections.Status> all() {
        return projections.names().stream().map(projections::status).toList();
    }

    @POST
    @Path("/{name}/rebuild")
    @RolesAllowed("operator")
    @Operation(
            summary = "Drop a projection's rows and rebuild it from the ledger; its reads say so until it catches up")
    public Uni<RestResponse<Projections.Status>> rebuild(@PathParam("name") String name) {
        if (!projections.exists(name)) {
            throw new ProblemException(Problem.of(404, "projection.not-found", "No projection '" + name + "'"));
        }
        // a rebuild reads the whole ledger again: one at a time, whichever projection, and never one restarted
        // while it runs (each restart drops what the last had built)
        if (projections.names().stream().map(projections::status).anyMatch(Projections.Status::rebuilding)) {
            throw new ProblemException(Problem.of(
                    503, "operation.busy", "A projection is being rebuilt; start another once it has caught up"));
        }
        return projections.rebuild(name).map(status -> RestResponse.accepted(status));
    }
}
