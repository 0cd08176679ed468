package org.complaintledger.queue;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import org.complaintledger.view.ComplaintViewProjector;
import org.complaintledger.projection.Projections;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.complaintledger.agency.Agencies;
import org.complaintledger.complaint.Actor;
import org.complaintledger.complaint.Role;
import org.complaintledger.complaint.Status;
import org.complaintledger.deadline.runtime.DeadlineClock;
import org.complaintledger.complaint.handling.Caller;
import org.complaintledger.complaint.ComplaintSummary;
import org.complaintledger.view.ComplaintViewQueries;
import org.complaintledger.view.Cursor;
import org.complaintledger.web.Problem;
import org.complaintledger.web.ProblemException;
import org.complaintledger.web.QueryParams;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An agency's work queue: its open complaints, most urgent first, coloured by SLA state. */
@Path("/api/agencies/{agencyId}/queue")
@Tag(name = "Queues")
@Produces(MediaType.APPLICATION_JSON)
public class QueueResource {

    public record QueueItem(UUID id, String trackingNumber, Status status, String category, String title,
                            Instant dueAt, DeadlineClock.State slaState, long version) {
    }

    public record Queue(List<QueueItem> items, String nextCursor) {
    }

    @Inject
    Projections projections;

    @Inject
    Caller caller;

    @Inject
    ComplaintViewQueries queries;

    @Inject
    Agencies agencies;

    @Inject
    DeadlineClock sla;

    @GET
    @RolesAllowed({"agency-officer", "operator", "ombudsman"})
    @Operation(summary = "An agency's open complaints, ordered by due date")
    public Uni<Queue> agencyQueue(@PathParam("agencyId") String agencyId, @QueryParam("status") String status,
                                  @QueryParam("overdue") String overdue, @QueryParam("cursor") String cursor,
                                  @QueryParam("limit") String limit) {
        projections.requireServing(ComplaintViewProjector.NAME);
        Actor actor = caller.as(Role.OPERATOR, Role.OMBUDSMAN, Role.AGENCY_OFFICER);
        if (actor.role() == Role.AGENCY_OFFICER && !actor.agency().equals(agencyId)) {
            throw new ProblemException(Problem.of(403, "queue.other-agency", "An officer sees only the queue of its own agency"));
        }
        Status statusFilter = QueryParams.enumValue("status", status, Status.class);
        boolean overdueOnly = QueryParams.flag("overdue", overdue);
        Cursor after = Cursor.parse(cursor);
        int pageSize = Cursor.limit(limit);
        return agencies.exists(agencyId).flatMap(exists -> {
            if (!exists) {
                throw new ProblemException(Problem.of(404, "agency.not-found", "No agency '" + agencyId + "'"));
            }
            return queries.agencyQueue(agencyId, statusFilter, overdueOnly, sla.now(), after, pageSize);
        }).map(page -> queue(page, sla));
    }

    static Queue queue(ComplaintViewQueries.Page page, DeadlineClock sla) {
        List<QueueItem> items = page.rows().stream().map(row -> {
            ComplaintSummary complaint = ComplaintViewQueries.summary(row);
            return new QueueItem(row.id, row.trackingNumber, row.status, row.category, complaint.title(), row.dueAt,
                    sla.of(row.dueAt), row.version);
        }).toList();
        return new Queue(items, page.next() == null ? null : page.next().text());
    }
}
