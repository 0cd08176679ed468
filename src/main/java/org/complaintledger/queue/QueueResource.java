package org.complaintledger.queue;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.complaintledger.agency.Agencies;
import org.complaintledger.complaint.Actor;
import org.complaintledger.complaint.ComplaintSummary;
import org.complaintledger.complaint.Role;
import org.complaintledger.complaint.Status;
import org.complaintledger.complaint.handling.Caller;
import org.complaintledger.deadline.runtime.DeadlineClock;
import org.complaintledger.projection.Projections;
import org.complaintledger.view.ComplaintViewProjector;
import org.complaintledger.view.ComplaintViewQueries;
import org.complaintledger.view.ComplaintViewRow;
import org.complaintledger.view.Cursor;
import org.complaintledger.view.FilterParameters;
import org.complaintledger.view.PageParameters;
import org.complaintledger.web.Csv;
import org.complaintledger.web.DateOrInstant;
import org.complaintledger.web.Flag;
import org.complaintledger.web.Problem;
import org.complaintledger.web.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** An agency's work queue: its open complaints, most urgent first, coloured by SLA state. */
@Path("/api/agencies/{agencyId}/queue")
@Tag(name = "Queues")
@Produces(MediaType.APPLICATION_JSON)
public class QueueResource {

    public record QueueItem(
            UUID id,
            String trackingNumber,
            Status status,
            String category,
            String title,
            Instant dueAt,
            DeadlineClock.State slaState,
            long version,
            // declined by agencies three times or more: the operator's attention, not another agency, is needed
            boolean repeatedlyDeclined,
            // reviewed by the Ombudsman, whose recommendation the agency has yet to carry out by dueAt
            boolean awaitsImplementation) {}

    public record Queue(List<QueueItem> items, String nextCursor) {}

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

    @Inject
    QueueAsOf asOfQueues;

    @GET
    @RolesAllowed({"agency-officer", "operator", "ombudsman"})
    @Operation(
            summary = "An agency's open complaints, ordered by due date",
            description = "An officer whose token carries a unit claim sees the complaints assigned to that unit. "
                    + "Filters: status, category, channel, from/to (filing date). asOf: the queue as it stood at "
                    + "that instant, rebuilt from the ledger (slow: for reviews, not for a working screen). "
                    + "Accept: text/csv or format=csv downloads the whole queue as CSV.")
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
    public Uni<Queue> agencyQueue(
            @PathParam("agencyId") String agencyId,
            @BeanParam FilterParameters filters,
            @QueryParam("asOf") DateOrInstant asOf,
            @QueryParam("overdue") Flag overdue,
            @BeanParam PageParameters paging) {
        var filter = filters.withoutAgency().filter();
        boolean overdueOnly = Flag.isOn(overdue);
        Instant instant = asOf(asOf, sla.now());
        Cursor after = paging.cursor();
        int pageSize = paging.size();
        return readable(agencyId)
                .flatMap(actor -> instant == null
                        ? live(actor, agencyId, filter, overdueOnly, sla.now(), after, pageSize)
                                .map(page -> queue(page, sla))
                        : asOfQueues
                                .agencyQueue(agencyId, instant, filter, overdueOnly, after, pageSize)
                                .map(page -> queue(page, sla, instant)));
    }

    @GET
    @Produces(Csv.MEDIA_TYPE)
    @RolesAllowed({"agency-officer", "operator", "ombudsman"})
    @Operation(hidden = true)
    public Multi<String> agencyQueueCsv(
            @PathParam("agencyId") String agencyId,
            @BeanParam FilterParameters filters,
            @QueryParam("overdue") Flag overdue) {
        var filter = filters.withoutAgency().filter();
        boolean overdueOnly = Flag.isOn(overdue);
        Instant now = sla.now();
        return readable(agencyId)
                .onItem()
                .transformToMulti(actor -> csv(
                        ComplaintViewQueries.export(
                                (after, size) -> live(actor, agencyId, filter, overdueOnly, now, after, size)),
                        sla,
                        now));
    }

    /** The agency's queue as it stands; an officer scoped to a unit (its token's unit claim) works that unit's part. */
    private Uni<ComplaintViewQueries.Page> live(
            Actor actor,
            String agencyId,
            ComplaintViewQueries.Filter filter,
            boolean overdueOnly,
            Instant now,
            Cursor after,
            int size) {
        String unit = actor.role() == Role.AGENCY_OFFICER ? caller.unit() : null;
        return unit == null
                ? queries.agencyQueue(agencyId, filter, overdueOnly, now, after, size)
                : queries.unitQueue(agencyId, unit, filter, overdueOnly, now, after, size);
    }

    /** The caller, who may read this agency's queue, and the agency exists. */
    private Uni<Actor> readable(String agencyId) {
        projections.requireServing(ComplaintViewProjector.NAME);
        Actor actor = caller.as(Role.OPERATOR, Role.OMBUDSMAN, Role.AGENCY_OFFICER);
        if (actor.role() == Role.AGENCY_OFFICER && !actor.agency().equals(agencyId)) {
            throw new ProblemException(
                    Problem.of(403, "queue.other-agency", "An officer sees only the queue of its own agency"));
        }
        return agencies.exists(agencyId).map(exists -> {
            if (!exists) {
                throw new ProblemException(Problem.of(404, "agency.not-found", "No agency '" + agencyId + "'"));
            }
            return actor;
        });
    }

    /** An instant in the past (asOf): a queue of the future is not known yet. */
    static Instant asOf(DateOrInstant value, Instant now) {
        Instant instant = DateOrInstant.valueOf(value);
        if (instant != null && instant.isAfter(now)) {
            throw ProblemException.badRequest("asOf", "must not be in the future");
        }
        return instant;
    }

    public static final List<String> CSV_COLUMNS =
            List.of("trackingNumber", "status", "category", "title", "dueAt", "slaState", "id");

    static Multi<String> csv(Multi<ComplaintViewRow> rows, DeadlineClock sla, Instant now) {
        return Csv.of(
                CSV_COLUMNS,
                rows,
                row -> List.of(
                        row.trackingNumber,
                        row.status,
                        row.category,
                        ComplaintViewQueries.summary(row).title(),
                        row.dueAt,
                        sla.of(row.dueAt, now),
                        row.id));
    }

    static Queue queue(ComplaintViewQueries.Page page, DeadlineClock sla) {
        List<QueueItem> items = page.rows().stream()
                .map(row -> {
                    ComplaintSummary complaint = ComplaintViewQueries.summary(row);
                    return new QueueItem(
                            row.id,
                            row.trackingNumber,
                            row.status,
                            row.category,
                            complaint.title(),
                            row.dueAt,
                            sla.of(row.dueAt),
                            row.version,
                            complaint.repeatedlyDeclined(),
                            complaint.awaitsImplementation());
                })
                .toList();
        return new Queue(items, page.next() == null ? null : page.next().text());
    }

    /** A queue rebuilt as of an instant, coloured as it was then. */
    static Queue queue(QueueAsOf.Page page, DeadlineClock sla, Instant asOf) {
        List<QueueItem> items = page.entries().stream()
                .map(entry -> {
                    ComplaintSummary c = entry.complaint();
                    return new QueueItem(
                            c.id(),
                            c.trackingNumber(),
                            c.status(),
                            c.category(),
                            c.title(),
                            entry.dueAt(),
                            sla.of(entry.dueAt(), asOf),
                            c.version(),
                            c.repeatedlyDeclined(),
                            c.awaitsImplementation());
                })
                .toList();
        return new Queue(items, page.next() == null ? null : page.next().text());
    }
}
