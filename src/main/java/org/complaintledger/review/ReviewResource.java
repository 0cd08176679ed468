package org.complaintledger.review;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.complaintledger.complaint.ComplaintSummary;
import org.complaintledger.complaint.EscalationCause;
import org.complaintledger.complaint.Status;
import org.complaintledger.deadline.DeadlinePolicy;
import org.complaintledger.deadline.runtime.DeadlineClock;
import org.complaintledger.projection.Projections;
import org.complaintledger.view.ComplaintViewProjector;
import org.complaintledger.view.ComplaintViewQueries;
import org.complaintledger.view.PageParameters;
import org.complaintledger.web.DateOrInstant;
import org.complaintledger.web.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The Ombudsman's views: escalated complaints with their review, and how each agency handled its complaints. */
@Path("/api/review")
@Tag(name = "Ombudsman review")
@RolesAllowed("ombudsman")
@Produces(MediaType.APPLICATION_JSON)
public class ReviewResource {

    public record ReviewState(
            Instant openedAt,
            String reviewer,
            int findings,
            boolean maladministration,
            String outcome,
            Instant closedAt) {}

    public record Escalation(
            UUID id,
            String trackingNumber,
            Status status,
            String category,
            String agencyId,
            EscalationCause cause,
            Instant updatedAt,
            ReviewState review,
            long version) {}

    public record Escalations(List<Escalation> items, String nextCursor) {}

    public record AgencyPerformance(
            String agencyId,
            long received,
            long followedUpOnTime,
            long overdue,
            Double medianWorkingDaysToFollowUp,
            double reopenRate,
            long declines,
            Double meanRating) {}

    public record Performance(Instant from, Instant to, List<AgencyPerformance> agencies) {}

    @Inject
    Projections projections;

    @Inject
    ComplaintViewQueries queries;

    @Inject
    DeadlinePolicy policy;

    @Inject
    DeadlineClock sla;

    @GET
    @Path("/escalations")
    @Operation(summary = "Escalated complaints with their review state, most recently changed first")
    public Uni<Escalations> escalations(@BeanParam PageParameters page) {
        projections.requireServing(ComplaintViewProjector.NAME);
        return queries.escalations(page.cursor(), page.size())
                .map(found -> new Escalations(
                        found.rows().stream()
                                .map(row -> {
                                    ComplaintSummary c = ComplaintViewQueries.summary(row);
                                    ComplaintSummary.ReviewSummary r = c.review();
                                    ReviewState review = r == null
                                            ? null
                                            : new ReviewState(
                                                    r.openedAt(),
                                                    r.reviewer(),
                                                    r.findings(),
                                                    r.maladministrationFound(),
                                                    r.outcome(),
                                                    r.closedAt());
                                    return new Escalation(
                                            row.id,
                                            row.trackingNumber,
                                            row.status,
                                            row.category,
                                            row.agencyId,
                                            c.escalationCause(),
                                            row.updatedAt,
                                            review,
                                            row.version);
                                })
                                .toList(),
                        found.next() == null ? null : found.next().text()));
    }

    @GET
    @Path("/agency-performance")
    @WithSession
    @Operation(
            summary =
                    "Per agency, for complaints assigned in the period: received, followed up on time, overdue, "
                            + "median working days to follow-up, reopen rate, declines and mean rating (default: the last 90 days)")
    public Uni<Performance> performance(@QueryParam("from") DateOrInstant from, @QueryParam("to") DateOrInstant to) {
        projections.requireServing(AgencyAssignmentProjector.NAME);
        Instant now = sla.now();
        Instant end = DateOrInstant.valueOf(to);
        end = end == null ? now : end;
        Instant start = DateOrInstant.valueOf(from);
        start = start == null ? end.minus(Duration.ofDays(90)) : start;
        if (!start.isBefore(end)) {
            throw ProblemException.badRequest("from", "must be before to");
        }
        return report.of(start, end, null);
    }

    @Inject
    AgencyPerformanceReport report;
}
