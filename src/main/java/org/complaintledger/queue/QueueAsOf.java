package org.complaintledger.queue;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.complaintledger.complaint.ComplaintEventType;
import org.complaintledger.complaint.ComplaintSummary;
import org.complaintledger.complaint.Status;
import org.complaintledger.complaint.handling.ComplaintHistory;
import org.complaintledger.ledger.LedgerReader;
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
@Singleton
public class QueueAsOf {

    /** How many complaints one asOf question may fold; beyond it the question must be narrower (a 422). */
    @org.eclipse.microprofile.config.inject.ConfigProperty(
            name = "ledger.queues.as-of.most-candidates",
            defaultValue = "2000")
    int mostCandidates;

    private static final Set<Status> OPEN_FOR_AGENCY =
            EnumSet.of(Status.DISPATCHED, Status.IN_PROGRESS, Status.RESPONDED);

    private static final List<String> ENDING = types(
            ComplaintEventType.COMPLETED,
            ComplaintEventType.CLOSED_BY_OPERATOR,
            ComplaintEventType.WITHDRAWN,
            ComplaintEventType.ARCHIVED);

    private static final List<String> DISPATCHES =
            types(ComplaintEventType.DISPATCHED, ComplaintEventType.REDISPATCHED);

    /** Filed, and whose last dispatch by then went to the agency ({@code agencyId}, given per question). */
    private static LedgerReader.StreamsAsOf dispatchedTo(String agencyId) {
        return new LedgerReader.StreamsAsOf(
                ComplaintEventType.SUBMITTED.wireName(), DISPATCHES, DISPATCHES, false, "agencyId", agencyId, ENDING);
    }

    /** Filed, and not yet dispatched or whose last hand-over was an agency's decline. */
    private static final LedgerReader.StreamsAsOf WITH_THE_OPERATOR = new LedgerReader.StreamsAsOf(
            ComplaintEventType.SUBMITTED.wireName(),
            types(
                    ComplaintEventType.DISPATCHED,
                    ComplaintEventType.REDISPATCHED,
                    ComplaintEventType.DECLINED_BY_AGENCY),
            types(ComplaintEventType.DECLINED_BY_AGENCY),
            true,
            null,
            null,
            ENDING);

    private static List<String> types(ComplaintEventType... types) {
        return java.util.Arrays.stream(types).map(ComplaintEventType::wireName).toList();
    }

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
        return candidates(dispatchedTo(agencyId), asOf)
                .flatMap(ids -> fold(ids, asOf))
                .map(complaints -> page(
                        complaints.stream()
                                .filter(c -> agencyId.equals(c.agencyId())
                                        && (OPEN_FOR_AGENCY.contains(c.status()) || c.awaitsImplementation()))
                                .toList(),
                        asOf,
                        filter,
                        overdueOnly,
                        after,
                        limit));
    }

    public Uni<Page> operatorQueue(
            Instant asOf, ComplaintViewQueries.Filter filter, boolean overdueOnly, Cursor after, int limit) {
        return candidates(WITH_THE_OPERATOR, asOf)
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

    private Uni<List<UUID>> candidates(LedgerReader.StreamsAsOf question, Instant asOf) {
        return Uni.createFrom()
                .completionStage(
                        () -> new LedgerReader(pool.getDelegate()).streamsAsOf(question, asOf, mostCandidates + 1))
                .map(ids -> {
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
