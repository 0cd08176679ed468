package org.complaintledger.statistics;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.complaintledger.deadline.runtime.DeadlineClock;
import org.complaintledger.projection.Projections;
import org.complaintledger.view.ComplaintViewProjector;
import org.complaintledger.web.DateOrInstant;
import org.complaintledger.web.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Public statistics: how many complaints were filed in a period, by status, category, agency and channel. Counts
 * only, never a complaint's text or anyone's identity. Confidential complaints are counted, not described: they are
 * in the total and by status (the one thing tracking shows of them) but in no breakdown by category, agency or
 * channel, because the period is the caller's to choose, and a period that holds one complaint alone would
 * otherwise describe it to the public.
 */
@Path("/api/statistics")
@Tag(name = "Public")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class StatisticsResource {

    /**
     * {@code stale} is true (and present) only for an answer computed before a rebuild of the read model that is still
     * running: the last good counts, rather than a 503 to the public.
     */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record Statistics(
            Instant from,
            Instant to,
            long total,
            Map<String, Long> byStatus,
            Map<String, Long> byCategory,
            Map<String, Long> byAgency,
            Map<String, Long> byChannel,
            Boolean stale) {

        Statistics markedStale() {
            return new Statistics(from, to, total, byStatus, byCategory, byAgency, byChannel, true);
        }
    }

    private static final String COUNTS = """
            SELECT 'status' AS dimension, status AS key, count(*) AS n FROM complaint_views
             WHERE submitted_at >= $1 AND submitted_at < $2 GROUP BY status
            UNION ALL
            SELECT 'category', category, count(*) FROM complaint_views
             WHERE submitted_at >= $1 AND submitted_at < $2 AND NOT confidential GROUP BY category
            UNION ALL
            SELECT 'agency', coalesce(agency_id, 'unassigned'), count(*) FROM complaint_views
             WHERE submitted_at >= $1 AND submitted_at < $2 AND NOT confidential GROUP BY agency_id
            UNION ALL
            SELECT 'channel', channel, count(*) FROM complaint_views
             WHERE submitted_at >= $1 AND submitted_at < $2 AND NOT confidential GROUP BY channel""";

    @Inject
    Projections projections;

    @Inject
    Pool pool;

    @Inject
    DeadlineClock sla;

    @Inject
    PublicAnswers answers;

    /**
     * A year and a day at most (a leap year's 366 days): anyone may ask, so no question may cost more than four
     * aggregates over a year of complaints. Whole days only, so that no period narrows down to one complaint and the
     * same few questions are asked (and cached) over and over.
     */
    static final Duration LONGEST_PERIOD = Duration.ofDays(366);

    @GET
    @Operation(
            summary = "Counts of complaints filed in a period of whole days, at most 366 (default: the last 30 days)")
    public Uni<Statistics> statistics(@QueryParam("from") DateOrInstant from, @QueryParam("to") DateOrInstant to) {
        Instant end = wholeDay("to", to);
        end = end == null ? sla.now().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1)) : end;
        Instant start = wholeDay("from", from);
        start = start == null ? end.minus(Duration.ofDays(30)) : start;
        if (!start.isBefore(end)) {
            throw ProblemException.badRequest("from", "must be before to");
        }
        if (Duration.between(start, end).compareTo(LONGEST_PERIOD) > 0) {
            throw ProblemException.badRequest("to", "must be at most 366 days after from");
        }
        Instant periodStart = start;
        Instant periodEnd = end;
        List<Object> question = List.of("statistics", periodStart, periodEnd);
        if (projections.status(ComplaintViewProjector.NAME).rebuilding()) {
            // the public endpoints stay up during a rebuild: the last good answer, said to be stale, or 503 without one
            Optional<Statistics> last = answers.lastGood(question);
            if (last.isPresent()) {
                return Uni.createFrom().item(last.get().markedStale());
            }
            projections.requireServing(ComplaintViewProjector.NAME);
        }
        return answers.get(
                question,
                () -> pool.preparedQuery(COUNTS)
                        .execute(Tuple.of(
                                periodStart.atOffset(java.time.ZoneOffset.UTC),
                                periodEnd.atOffset(java.time.ZoneOffset.UTC)))
                        .map(rows -> {
                            Map<String, Map<String, Long>> counts = new TreeMap<>();
                            rows.forEach(row -> counts.computeIfAbsent(row.getString("dimension"), d -> new TreeMap<>())
                                    .put(row.getString("key"), row.getLong("n")));
                            long total = counts.getOrDefault("status", Map.of()).values().stream()
                                    .mapToLong(Long::longValue)
                                    .sum();
                            return new Statistics(
                                    periodStart,
                                    periodEnd,
                                    total,
                                    counts.getOrDefault("status", Map.of()),
                                    counts.getOrDefault("category", Map.of()),
                                    counts.getOrDefault("agency", Map.of()),
                                    counts.getOrDefault("channel", Map.of()),
                                    null);
                        }));
    }

    private static Instant wholeDay(String field, DateOrInstant value) {
        Instant instant = DateOrInstant.valueOf(value);
        if (instant != null && !instant.truncatedTo(ChronoUnit.DAYS).equals(instant)) {
            throw ProblemException.badRequest(field, "must be a whole day: a date (2026-11-27) or midnight UTC");
        }
        return instant;
    }
}
