package org.complaintledger.queue;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.complaintledger.deadline.runtime.DeadlineClock;
import org.complaintledger.projection.Projections;
import org.complaintledger.queue.QueueResource.Queue;
import org.complaintledger.view.ComplaintViewProjector;
import org.complaintledger.view.ComplaintViewQueries;
import org.complaintledger.view.Cursor;
import org.complaintledger.web.Csv;
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

    @Inject
    QueueAsOf asOfQueues;

    @GET
    @RolesAllowed("operator")
    @Operation(
            summary = "Complaints awaiting verification, on hold, or awaiting re-dispatch, by due date",
            description =
                    "Filters: status, category, channel, agencyId, from/to (filing date). asOf: the queue as it stood at that instant, rebuilt from the ledger. Accept: text/csv "
                            + "or format=csv downloads the whole queue as CSV.")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(
            responseCode = "200",
            description = "JSON, or CSV for Accept: text/csv or format=csv",
            content = {
                @org.eclipse.microprofile.openapi.annotations.media.Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema =
                                @org.eclipse.microprofile.openapi.annotations.media.Schema(
                                        implementation = Queue.class)),
                @org.eclipse.microprofile.openapi.annotations.media.Content(
                        mediaType = Csv.MEDIA_TYPE,
                        schema =
                                @org.eclipse.microprofile.openapi.annotations.media.Schema(
                                        type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING))
            })
    public Uni<Queue> operatorQueue(
            @QueryParam("status") String status,
            @QueryParam("category") String category,
            @QueryParam("channel") String channel,
            @QueryParam("agencyId") String agencyId,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("asOf") String asOf,
            @QueryParam("overdue") String overdue,
            @QueryParam("cursor") String cursor,
            @QueryParam("limit") String limit) {
        var filter = ComplaintViewQueries.Filter.parse(status, agencyId, category, channel, from, to, null);
        boolean overdueOnly = QueryParams.flag("overdue", overdue);
        Instant instant = QueueResource.asOf(asOf, sla.now());
        Cursor after = Cursor.parse(cursor);
        int pageSize = Cursor.limit(limit);
        projections.requireServing(ComplaintViewProjector.NAME);
        return instant == null
                ? queries.operatorQueue(filter, overdueOnly, sla.now(), after, pageSize)
                        .map(page -> QueueResource.queue(page, sla))
                : asOfQueues
                        .operatorQueue(instant, filter, overdueOnly, after, pageSize)
                        .map(page -> QueueResource.queue(page, sla, instant));
    }

    @GET
    @Produces(Csv.MEDIA_TYPE)
    @RolesAllowed("operator")
    @Operation(hidden = true)
    public Multi<String> operatorQueueCsv(
            @QueryParam("status") String status,
            @QueryParam("category") String category,
            @QueryParam("channel") String channel,
            @QueryParam("agencyId") String agencyId,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("overdue") String overdue) {
        var filter = ComplaintViewQueries.Filter.parse(status, agencyId, category, channel, from, to, null);
        boolean overdueOnly = QueryParams.flag("overdue", overdue);
        projections.requireServing(ComplaintViewProjector.NAME);
        Instant now = sla.now();
        return QueueResource.csv(
                ComplaintViewQueries.export(
                        (after, size) -> queries.operatorQueue(filter, overdueOnly, now, after, size)),
                sla,
                now);
    }
}
