package org.complaintledger.review;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.complaintledger.deadline.DeadlinePolicy;
import org.complaintledger.deadline.runtime.DeadlineClock;
import org.complaintledger.review.ReviewResource.AgencyPerformance;
import org.complaintledger.review.ReviewResource.Performance;

/**
 * How each agency handled the complaints assigned to it in a period, from the agency-assignments projection: the
 * Ombudsman's review, the operator's report of every agency and an officer's of its own.
 */
@Singleton
public class AgencyPerformanceReport {

    @Inject
    DeadlinePolicy policy;

    @Inject
    DeadlineClock sla;

    /** For assignments in [start, end), of one agency or (agencyId null) of all. */
    @WithSession
    public Uni<Performance> of(Instant start, Instant end, String agencyId) {
        Instant now = sla.now();
        Uni<List<AgencyAssignmentRow>> rows = agencyId == null
                ? AgencyAssignmentRow.list("assignedAt >= ?1 and assignedAt < ?2", start, end)
                : AgencyAssignmentRow.list(
                        "agencyId = ?1 and assignedAt >= ?2 and assignedAt < ?3", agencyId, start, end);
        return rows.map(found -> new Performance(
                start,
                end,
                found.stream()
                        .collect(Collectors.groupingBy(row -> row.agencyId, TreeMap::new, Collectors.toList()))
                        .entrySet()
                        .stream()
                        .map(e -> performance(e.getKey(), e.getValue(), now))
                        .toList()));
    }

    private AgencyPerformance performance(String agencyId, List<AgencyAssignmentRow> rows, Instant now) {
        long onTime = rows.stream()
                .filter(r -> r.followedUpAt != null && r.followUpDue != null && !r.followedUpAt.isAfter(r.followUpDue))
                .count();
        long overdue = rows.stream()
                .filter(r -> r.deadlineMissed
                        || (r.followUpDue != null
                                && (r.followedUpAt == null
                                        ? now.isAfter(r.followUpDue) && r.declinedAt == null
                                        : r.followedUpAt.isAfter(r.followUpDue))))
                .count();
        List<Integer> days = new ArrayList<>(rows.stream()
                .filter(r -> r.followedUpAt != null)
                .map(r -> policy.calendar().workingDaysBetween(r.assignedAt, r.followedUpAt))
                .sorted()
                .toList());
        Double median = days.isEmpty()
                ? null
                : days.size() % 2 == 1
                        ? (double) days.get(days.size() / 2)
                        : (days.get(days.size() / 2 - 1) + days.get(days.size() / 2)) / 2.0;
        long reopened = rows.stream().filter(r -> r.reopened > 0).count();
        long declines = rows.stream().filter(r -> r.declinedAt != null).count();
        var ratings = rows.stream()
                .filter(r -> r.rating != null)
                .mapToInt(r -> r.rating)
                .summaryStatistics();
        return new AgencyPerformance(
                agencyId,
                rows.size(),
                onTime,
                overdue,
                median,
                rows.isEmpty() ? 0 : (double) reopened / rows.size(),
                declines,
                ratings.getCount() == 0 ? null : ratings.getAverage());
    }
}
