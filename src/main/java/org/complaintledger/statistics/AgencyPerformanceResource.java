package org.complaintledger.statistics;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.complaintledger.complaint.Actor;
import org.complaintledger.complaint.Role;
import org.complaintledger.complaint.handling.Caller;
import org.complaintledger.deadline.runtime.DeadlineClock;
import org.complaintledger.projection.Projections;
import org.complaintledger.review.AgencyAssignmentProjector;
import org.complaintledger.review.AgencyPerformanceReport;
import org.complaintledger.review.ReviewResource.Performance;
import org.complaintledger.view.FilterParameters;
import org.complaintledger.web.Csv;
import org.complaintledger.web.DateOrInstant;
import org.complaintledger.web.Problem;
import org.complaintledger.web.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Agency performance for staff: the operator's report of every agency, and an officer's of its own. The window is
 * at most a year (366 days) so that one request reads a bounded slice of the agency-assignments projection.
 */
@Path("/api/agency-performance")
@Tag(name = "Reports")
@Produces(MediaType.APPLICATION_JSON)
public class AgencyPerformanceResource {

    static final Duration LONGEST_WINDOW = Duration.ofDays(366);

    public static final List<String> CSV_COLUMNS = List.of(
            "agencyId",
            "from",
            "to",
            "received",
            "followedUpOnTime",
            "overdue",
            "medianWorkingDaysToFollowUp",
            "reopenRate",
            "declines",
            "meanRating");

    @Inject
    Caller caller;

    @Inject
    Projections projections;

    @Inject
    AgencyPerformanceReport report;

    @Inject
    DeadlineClock sla;

    @GET
    @RolesAllowed({"operator", "ombudsman", "agency-officer"})
    @Operation(
            summary = "Per agency, for complaints assigned in the period: received, followed up on time, overdue, "
                    + "median working days to follow-up (default: the last 90 days, at most 366 days)",
            description = "An officer sees its own agency only. Accept: text/csv or format=csv answers CSV.")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(
            responseCode = "200",
            description = "JSON, or CSV for Accept: text/csv or format=csv",
            content = {
                @org.eclipse.microprofile.openapi.annotations.media.Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema =
                                @org.eclipse.microprofile.openapi.annotations.media.Schema(
                                        implementation = Performance.class)),
                @org.eclipse.microprofile.openapi.annotations.media.Content(
                        mediaType = Csv.MEDIA_TYPE,
                        schema =
                                @org.eclipse.microprofile.openapi.annotations.media.Schema(
                                        type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING))
            })
    public Uni<Performance> performance(
            @QueryParam("agencyId") String agencyId,
            @QueryParam("from") DateOrInstant from,
            @QueryParam("to") DateOrInstant to) {
        return request(agencyId, from, to);
    }

    @GET
    @Produces(Csv.MEDIA_TYPE)
    @RolesAllowed({"operator", "ombudsman", "agency-officer"})
    @Operation(hidden = true)
    public Multi<String> performanceCsv(
            @QueryParam("agencyId") String agencyId,
            @QueryParam("from") DateOrInstant from,
            @QueryParam("to") DateOrInstant to) {
        return Csv.of(
                CSV_COLUMNS,
                request(agencyId, from, to)
                        .onItem()
                        .transformToMulti(p -> Multi.createFrom()
                                .iterable(p.agencies())
                                .map(a -> List.<Object>of(
                                        a.agencyId(),
                                        p.from(),
                                        p.to(),
                                        a.received(),
                                        a.followedUpOnTime(),
                                        a.overdue(),
                                        a.medianWorkingDaysToFollowUp() == null ? "" : a.medianWorkingDaysToFollowUp(),
                                        a.reopenRate(),
                                        a.declines(),
                                        a.meanRating() == null ? "" : a.meanRating()))),
                cells -> cells);
    }

    private Uni<Performance> request(String agencyId, DateOrInstant from, DateOrInstant to) {
        Actor actor = caller.as(Role.OPERATOR, Role.OMBUDSMAN, Role.AGENCY_OFFICER);
        String agency = FilterParameters.agency(agencyId);
        if (actor.role() == Role.AGENCY_OFFICER) {
            if (actor.agency() == null || agency != null && !agency.equals(actor.agency())) {
                throw new ProblemException(Problem.of(
                        403, "report.other-agency", "An officer sees only the performance of its own agency"));
            }
            agency = actor.agency();
        }
        Instant end = DateOrInstant.valueOf(to);
        end = end == null ? sla.now() : end;
        Instant start = DateOrInstant.valueOf(from);
        start = start == null ? end.minus(Duration.ofDays(90)) : start;
        if (!start.isBefore(end)) {
            throw ProblemException.badRequest("from", "must be before to");
        }
        if (Duration.between(start, end).compareTo(LONGEST_WINDOW) > 0) {
            throw ProblemException.badRequest("from", "the period may be at most 366 days");
        }
        projections.requireServing(AgencyAssignmentProjector.NAME);
        return report.of(start, end, agency);
    }
}
