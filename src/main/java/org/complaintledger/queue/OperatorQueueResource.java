package org.complaintledger.queue;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
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
import org.complaintledger.view.FilterParameters;
import org.complaintledger.view.PageParameters;
import org.complaintledger.web.Csv;
import org.complaintledger.web.DateOrInstant;
import org.complaintledger.web.Flag;
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
            @BeanParam FilterParameters filters,
            @QueryParam("asOf") DateOrInstant asOf,
            @QueryParam("overdue") Flag overdue,
            @BeanParam PageParameters paging) {
        var filter = filters.filter();
        boolean overdueOnly = Flag.isOn(overdue);
        Instant instant = QueueResource.asOf(asOf, sla.now());
        Cursor after = paging.cursor();
        int pageSize = paging.size();
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
    public Multi<String> operatorQueueCsv(@BeanParam FilterParameters filters, @QueryParam("overdue") Flag overdue) {
        var filter = filters.filter();
        boolean overdueOnly = Flag.isOn(overdue);
        projections.requireServing(ComplaintViewProjector.NAME);
        Instant now = sla.now();
        return QueueResource.csv(
                ComplaintViewQueries.export(
                        (after, size) -> queries.operatorQueue(filter, overdueOnly, now, after, size)),
                sla,
                now);
    }
}
