package org.complaintledger.queue;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.complaintledger.complaint.ComplaintSummary;
import org.complaintledger.complaint.Status;
import org.complaintledger.complaint.handling.ComplaintHistory;
import org.complaintledger.view.ComplaintViewProjector;
import org.complaintledger.view.ComplaintViewQueries;
import org.complaintledger.view.Cursor;
import org.complaintledger.web.Problem;
import org.complaintledger.web.ProblemException;

/**
 * A queue as it stood at an instant, rebuilt from the ledger rather than the view (which holds only the present).
 * <p>
 * Cost, in two steps. First one set-based query over the events recorded by then narrows the complaints to those
 * that could have been in the queue: for an agency, those whose last (re)dispatch by then went to it; for the
 * operator, those not yet dispatched, or whose last hand-over by then was a decline; in both, none completed,
 * withdrawn or archived by then. Then each of these (at most {@code ledger.queues.as-of.most-candidates}, else a 422 asking for a
 * narrower question) is folded up to the instant with the read model's evolve, a few at a time, and kept if its
 * status and agency at that instant put it in the queue. The page is cut from the folded list, so every page of an
 * asOf queue costs the whole fold again: meant for a reviewer's question, not for a screen refreshed all day.
 */
@ApplicationScoped
public class QueueAsOf {

    /** How many complaints one asOf question may fold; beyond it the question must be narrower (a 422). */
    @org.eclipse.microprofile.config.inject.ConfigProperty(
            name = "ledger.queues.as-of.most-candidates",
            defaultValue = "2000")
    int mostCandidates;

    private static final Set<Status> OPEN_FOR_AGENCY =
            EnumSet.of(Status.DISPATCHED, Status.IN_PROGRESS, Status.RESPONDED);

    private static final String ENDED_BY = """
            NOT EXISTS (SELECT 1 FROM events ended WHERE ended.stream_id = h.stream_id AND ended.recorded_at <= $1
                          AND ended.type IN ('complaint.completed', 'complaint.closed-by-operator', 'complaint.withdrawn',
                                             'complaint.archived'))""";

    private static final String AGENCY_CANDIDATES = """
            SELECT stream_id FROM (
              SELECT DISTINCT ON (stream_id) stream_id, data ->> 'agencyId' AS agency_id FROM events
               WHERE recorded_at <= $1 AND type IN ('complaint.dispatched', 'complaint.redispatched')
               ORDER BY stream_id, stream_version DESC) h
             WHERE h.agency_id = $2 AND %s
             LIMIT $3""".formatted(ENDED_BY);

    private static final String OPERATOR_CANDIDATES = """
            SELECT stream_id FROM (
              SELECT s.stream_id,
                     (SELECT hand.type FROM events hand WHERE hand.stream_id = s.stream_id AND hand.recorded_at <= $1
                         AND hand.type IN ('complaint.dispatched', 'complaint.redispatched', 'complaint.declined-by-agency')
                       ORDER BY hand.stream_version DESC LIMIT 1) AS last_hand_over
                FROM events s WHERE s.type = 'complaint.submitted' AND s.recorded_at <= $1) h
             WHERE (last_hand_over IS NULL OR last_hand_over = 'complaint.declined-by-agency') AND %s
             LIMIT $2""".formatted(ENDED_BY);

    public record Entry(ComplaintSummary complaint, Instant dueAt) {}

    public record Page(List<Entry> entries, Cursor next) {}

    @Inject
    Pool pool;

    @Inject
    ComplaintHistory history;

    public Uni<Page> agencyQueue(
            String agencyId,
            Instant asOf,
            ComplaintViewQueries.Filter filter,
            boolean overdueOnly,
            Cursor after,
            int limit) {
        return candidates(AGENCY_CANDIDATES, Tuple.of(asOf.atOffset(ZoneOffset.UTC), agencyId, mostCandidates + 1))
                .flatMap(ids -> fold(ids, asOf))
                .map(complaints -> page(
                        complaints.stream()
                                .filter(c -> agencyId.equals(c.agencyId()) && OPEN_FOR_AGENCY.contains(c.status()))
                                .toList(),
                        asOf,
                        filter,
                        overdueOnly,
                        after,
                        limit));
    }

    public Uni<Page> operatorQueue(
            Instant asOf, ComplaintViewQueries.Filter filter, boolean overdueOnly, Cursor after, int limit) {
        return candidates(OPERATOR_CANDIDATES, Tuple.of(asOf.atOffset(ZoneOffset.UTC), mostCandidates + 1))
                .flatMap(ids -> fold(ids, asOf))
                .map(complaints -> page(
                        complaints.stream()
                                .filter(c -> ComplaintViewQueries.OPERATOR_QUEUE.contains(c.status()))
                                .toList(),
                        asOf,
                        filter,
                        overdueOnly,
                        after,
                        limit));
    }

    private Uni<List<UUID>> candidates(String sql, Tuple arguments) {
        return pool.preparedQuery(sql).execute(arguments).map(rows -> {
            List<UUID> ids = new ArrayList<>();
            rows.forEach(row -> ids.add(row.getUUID("stream_id")));
            if (ids.size() > mostCandidates) {
                throw new ProblemException(Problem.of(
                        422,
                        "queue.as-of-too-large",
                        "More than " + mostCandidates
                                + " complaints could have been in this queue at that instant: too many to rebuild from the"
                                + " ledger on request"));
            }
            return ids;
        });
    }

    /** Four streams at a time: the pool is shared with the live API. */
    private Uni<List<ComplaintSummary>> fold(List<UUID> ids, Instant asOf) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return io.smallrye.mutiny.Multi.createFrom()
                .iterable(ids)
                .onItem()
                .transformToUni(id -> history.summaryAsOf(id, asOf))
                .merge(4)
                .collect()
                .asList();
    }

    private static Page page(
            List<ComplaintSummary> inQueue,
            Instant asOf,
            ComplaintViewQueries.Filter filter,
            boolean overdueOnly,
            Cursor after,
            int limit) {
        Comparator<Entry> order = Comparator.comparing(Entry::dueAt)
                .thenComparing(e -> e.complaint().id());
        List<Entry> entries = inQueue.stream()
                .filter(c -> filter.status() == null || filter.status() == c.status())
                .filter(c -> filter.category() == null || filter.category().equals(c.category()))
                .filter(c -> filter.channel() == null || filter.channel() == c.channel())
                .filter(c -> filter.agencyId() == null || filter.agencyId().equals(c.agencyId()))
                .filter(c -> filter.submittedFrom() == null || !c.submittedAt().isBefore(filter.submittedFrom()))
                .filter(c -> filter.submittedTo() == null || c.submittedAt().isBefore(filter.submittedTo()))
                .map(c -> new Entry(c, ComplaintViewProjector.dueAt(c)))
                .filter(e -> e.dueAt() != null && (!overdueOnly || e.dueAt().isBefore(asOf)))
                .filter(e -> after == null
                        || e.dueAt().isAfter(after.at())
                        || e.dueAt().equals(after.at()) && e.complaint().id().compareTo(after.id()) > 0)
                .sorted(order)
                .toList();
        if (entries.size() <= limit) {
            return new Page(entries, null);
        }
        List<Entry> shown = entries.subList(0, limit);
        Entry last = shown.getLast();
        return new Page(
                List.copyOf(shown), new Cursor(last.dueAt(), last.complaint().id()));
    }
}
