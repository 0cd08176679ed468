package org.complaintledger.queue;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.complaintledger.complaint.Status;
import org.complaintledger.deadline.runtime.DeadlineClock;
import org.complaintledger.projection.Projections;
import org.complaintledger.queue.QueueResource.Queue;
import org.complaintledger.view.ComplaintViewProjector;
import org.complaintledger.view.ComplaintViewQueries;
import org.complaintledger.view.Cursor;
import org.complaintledger.web.QueryParams;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The operator's work queue: complaints to verify, on hold, or declined by an agency, most urgent first. */
@Path("/api/operator/queue")
@Tag(name = "Queues")
@Produces(MediaType.APPLICATION_JSON)
public class OperatorQueueResource {

    @Inject
    Projections projections;

    @Inject
    ComplaintViewQueries queries;

    @Inject
    DeadlineClock sla;

    @GET
    @RolesAllowed("operator")
    @Operation(summary = "Complaints awaiting verification, on hold, or awaiting re-dispatch, by due date")
    public Uni<Queue> operatorQueue(@QueryParam("status") String status, @QueryParam("overdue") String overdue,
                                    @QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        projections.requireServing(ComplaintViewProjector.NAME);
        return queries.operatorQueue(QueryParams.enumValue("status", status, Status.class),
                        QueryParams.flag("overdue", overdue), sla.now(), Cursor.parse(cursor), Cursor.limit(limit))
                .map(page -> QueueResource.queue(page, sla));
    }

}
