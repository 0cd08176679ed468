package org.complaintledger.view.web;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.complaintledger.complaint.Actor;
import org.complaintledger.complaint.ComplaintSummary;
import org.complaintledger.complaint.Role;
import org.complaintledger.complaint.handling.Caller;
import org.complaintledger.complaint.handling.ComplaintHistory;
import org.complaintledger.complaint.presentation.ComplaintTimeline;
import org.complaintledger.complaint.presentation.ComplaintView;
import org.complaintledger.complaint.presentation.ComplaintViews;
import org.complaintledger.ledger.LedgerEntry;
import org.complaintledger.projection.Projections;
import org.complaintledger.view.ComplaintSearch;
import org.complaintledger.view.ComplaintViewProjector;
import org.complaintledger.view.ComplaintViewQueries;
import org.complaintledger.view.FilterParameters;
import org.complaintledger.view.PageParameters;
import org.complaintledger.web.Csv;
import org.complaintledger.web.Limit;
import org.complaintledger.web.Problem;
import org.complaintledger.web.ProblemException;
import org.complaintledger.web.StreamVersion;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The complaint's reads: its detail (current or as of an instant), the filtered list and the audit timeline. The
 * commands are {@code complaint.web.ComplaintCommandResource}; both serve {@code /api/complaints}.
 */
@Path("/api/complaints")
@Tag(name = "Complaints")
@Produces(MediaType.APPLICATION_JSON)
public class ComplaintQueryResource {

    @Inject
    Caller caller;

    @Inject
    ComplaintHistory history;

    @Inject
    ComplaintViews views;

    @Inject
    ComplaintViewQueries viewQueries;

    @Inject
    Projections projections;

    @GET
    @Path("/{id}")
    @RolesAllowed({"citizen", "operator", "agency-officer", "ombudsman", "auditor"})
    @Operation(
            summary = "A complaint's current state, redacted for the caller",
            description = "With asOf (operator, ombudsman, auditor): the state as it stood at that instant, rebuilt "
                    + "from the events recorded by then")
    public Uni<RestResponse<ComplaintView>> get(@PathParam("id") UUID complaintId, @QueryParam("asOf") Instant asOf) {
        if (asOf != null) {
            Actor actor = caller.as(Role.OPERATOR, Role.OMBUDSMAN, Role.AUDITOR);
            return history.summaryAsOf(complaintId, asOf)
                    .flatMap(complaint -> {
                        views.requireReadable(complaint, actor);
                        return views.view(complaint, actor, asOf);
                    })
                    .map(ComplaintQueryResource::withEtag);
        }
        Actor actor = caller.as(Role.OPERATOR, Role.OMBUDSMAN, Role.AUDITOR, Role.AGENCY_OFFICER, Role.CITIZEN);
        // the view serves; the ledger's head version says whether it is current, so a client reads its own writes
        Uni<ComplaintSummary> current = Uni.combine()
                .all()
                .unis(viewQueries.byId(complaintId), history.headVersion(complaintId))
                .asTuple()
                .flatMap(found -> found.getItem1() != null && found.getItem1().version >= found.getItem2()
                        ? Uni.createFrom().item(ComplaintViewQueries.summary(found.getItem1()))
                        : history.currentSummary(complaintId));
        return current.flatMap(complaint -> {
                    views.requireReadable(complaint, actor);
                    return views.view(complaint, actor);
                })
                .map(ComplaintQueryResource::withEtag);
    }

    private static RestResponse<ComplaintView> withEtag(ComplaintView view) {
        return RestResponse.ResponseBuilder.ok(view)
                .header(HttpHeaders.ETAG, ComplaintView.etag(view.version()))
                .build();
    }

    @GET
    @RolesAllowed({"operator", "ombudsman", "auditor"})
    @Operation(
            summary = "Complaints matching the filters, newest first, with cursor paging",
            description = "q: full-text search (Indonesian stemming) over the title, the description and the agency's "
                    + "follow-ups, or a tracking number. from (inclusive) and to (exclusive) bound the filing date. "
                    + "Accept: text/csv or format=csv downloads every match as CSV.")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(
            responseCode = "200",
            description = "JSON, or CSV for Accept: text/csv or format=csv",
            content = {
                @org.eclipse.microprofile.openapi.annotations.media.Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema =
                                @org.eclipse.microprofile.openapi.annotations.media.Schema(
                                        implementation = ComplaintPage.class)),
                @org.eclipse.microprofile.openapi.annotations.media.Content(
                        mediaType = Csv.MEDIA_TYPE,
                        schema =
                                @org.eclipse.microprofile.openapi.annotations.media.Schema(
                                        type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING))
            })
    public Uni<ComplaintPage> list(
            @BeanParam FilterParameters filters, @QueryParam("q") String q, @BeanParam PageParameters page) {
        Actor actor = caller.as(Role.OPERATOR, Role.OMBUDSMAN, Role.AUDITOR);
        projections.requireServing(ComplaintViewProjector.NAME);
        var filter = filters.filter(q);
        return viewQueries
                .list(filter, page.cursor(), page.size())
                .flatMap(found -> found.rows().isEmpty()
                        ? Uni.createFrom().item(new ComplaintPage(List.of(), null))
                        : Uni.join()
                                .all(found.rows().stream()
                                        .map(row -> views.view(ComplaintViewQueries.summary(row), actor))
                                        .toList())
                                .andFailFast()
                                .map(items -> new ComplaintPage(
                                        items,
                                        found.next() == null
                                                ? null
                                                : found.next().text())));
    }

    /** The columns of a complaint list in CSV: no personal data, which a spreadsheet would spread beyond erasure. */
    public static final List<String> CSV_COLUMNS = List.of(
            "trackingNumber",
            "status",
            "category",
            "channel",
            "agencyId",
            "title",
            "submittedAt",
            "updatedAt",
            "dueAt",
            "id");

    @GET
    @Produces(Csv.MEDIA_TYPE)
    @RolesAllowed({"operator", "ombudsman", "auditor"})
    @Operation(hidden = true)
    public Multi<String> listCsv(@BeanParam FilterParameters filters, @QueryParam("q") String q) {
        caller.as(Role.OPERATOR, Role.OMBUDSMAN, Role.AUDITOR);
        projections.requireServing(ComplaintViewProjector.NAME);
        var filter = filters.filter(q);
        return Csv.of(
                CSV_COLUMNS,
                ComplaintViewQueries.export((after, size) -> viewQueries.list(filter, after, size)),
                row -> List.of(
                        row.trackingNumber,
                        row.status,
                        row.category,
                        row.channel,
                        row.agencyId == null ? "" : row.agencyId,
                        ComplaintViewQueries.summary(row).title(),
                        row.submittedAt,
                        row.updatedAt,
                        row.dueAt == null ? "" : row.dueAt,
                        row.id));
    }

    @GET
    @Path("/by-tracking/{trackingNumber}")
    @RolesAllowed({"operator", "agency-officer", "ombudsman", "auditor"})
    @Operation(
            summary = "A complaint found by its tracking number, for staff",
            description = "Spaces, dashes and letter case in the number do not matter: 'lpr 7kq2 m9xd 4hpa' finds "
                    + "LPR-7KQ2-M9XD-4HPA. An officer finds only complaints its agency may read.")
    public Uni<RestResponse<ComplaintView>> byTracking(@PathParam("trackingNumber") String trackingNumber) {
        caller.as(Role.OPERATOR, Role.OMBUDSMAN, Role.AUDITOR, Role.AGENCY_OFFICER);
        String number = ComplaintSearch.trackingNumber(trackingNumber);
        if (number == null) {
            throw ProblemException.badRequest("trackingNumber", "must look like LPR-7KQ2-M9XD-4HPA");
        }
        projections.requireServing(ComplaintViewProjector.NAME);
        return viewQueries.byTrackingNumber(number).flatMap(row -> {
            if (row == null) {
                throw new ProblemException(Problem.of(404, "complaint.not-found", "No complaint " + number));
            }
            return get(row.id, null);
        });
    }

    public record ComplaintPage(List<ComplaintView> items, String nextCursor) {}

    /** A history page's default and largest sizes: the largest is the most events a complaint may hold. */
    static final int HISTORY_PAGE = 200;

    static final int HISTORY_PAGE_MAX = 1000;

    @GET
    @Path("/{id}/history")
    @RolesAllowed({"citizen", "operator", "agency-officer", "ombudsman", "auditor"})
    @Operation(
            summary = "Every event of a complaint in version order, with its hashes: the audit timeline",
            description = "The complainant sees public entries only and staff by role and agency; an officer of the "
                    + "agency the complaint is dispatched to sees every note addressed to staff but nothing that "
                    + "names the complainant. Paged: limit events (200 unless given, at most 1000) after the version "
                    + "`after` (0 unless given); nextCursor is the `after` of the next page, null after the last.")
    public Uni<ComplaintTimeline> timeline(
            @PathParam("id") UUID complaintId,
            @QueryParam("after") StreamVersion after,
            @QueryParam("limit") @DefaultValue("" + HISTORY_PAGE) @Limit.Max(HISTORY_PAGE_MAX) Limit limit) {
        Actor actor = caller.as(Role.OPERATOR, Role.OMBUDSMAN, Role.AUDITOR, Role.CITIZEN, Role.AGENCY_OFFICER);
        long from = StreamVersion.valueOf(after);
        int size = limit.value();
        // who may read is decided before the page is loaded: by the filing alone, or, for an agency's officer, by
        // which agency has the complaint now
        Uni<ComplaintSummary> gate = actor.role() == Role.AGENCY_OFFICER
                ? history.currentSummary(complaintId)
                : history.asFiled(complaintId);
        return gate.invoke(summary -> views.requireReadable(summary, actor))
                .chain(() -> history.entries(complaintId, from, size + 1))
                .map(entries -> {
                    List<LedgerEntry> page = entries.size() > size ? entries.subList(0, size) : entries;
                    String next = entries.size() > size
                            ? Integer.toString(page.getLast().envelope().version())
                            : null;
                    return switch (actor.role()) {
                        case CITIZEN -> ComplaintTimeline.forComplainant(complaintId, page, next);
                        case AGENCY_OFFICER -> ComplaintTimeline.forAgency(complaintId, page, next);
                        default -> ComplaintTimeline.of(complaintId, page, next);
                    };
                });
    }

    /** The most complaints one "my complaints" answer lists: a person files a handful, never thousands. */
    static final int MINE_MAX = 100;

    @GET
    @Path("/mine")
    @RolesAllowed("citizen")
    @Operation(
            summary = "The signed-in complainant's own complaints, newest first",
            description = "Read from the ledger, so a complaint filed a moment ago is listed already, on any device. "
                    + "limit: how many (default 50, at most 100).")
    public Uni<ComplaintPage> mine(@QueryParam("limit") @DefaultValue("50") @Limit.Max(MINE_MAX) Limit limit) {
        Actor actor = caller.as(Role.CITIZEN);
        int size = limit.value();
        return history.complaintsFiledFor(actor.subject()).flatMap(ids -> {
            // the lookup answers in filing order: the newest are last
            List<UUID> newest = ids.reversed().stream().distinct().limit(size).toList();
            if (newest.isEmpty()) {
                return Uni.createFrom().item(new ComplaintPage(List.of(), null));
            }
            return Uni.join()
                    .all(newest.stream()
                            .map(complaintId ->
                                    history.currentSummary(complaintId).flatMap(summary -> views.view(summary, actor)))
                            .toList())
                    .andFailFast()
                    .map(items -> new ComplaintPage(items, null));
        });
    }
}
