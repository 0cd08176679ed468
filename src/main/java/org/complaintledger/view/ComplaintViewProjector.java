package org.complaintledger.view;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.complaintledger.complaint.ComplaintSummary;
import org.complaintledger.complaint.codec.ComplaintEventCodec;
import org.complaintledger.deadline.DeadlineKind;
import org.complaintledger.ledger.FeedEvent;
import org.complaintledger.projection.Projector;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Keeps one row per complaint, folded with the read model's own evolve ({@link ComplaintSummary}), never the
 * decider's: the decider's state can change without touching a stored row. The whole batch's rows are read with one
 * query and written back at commit, so a rebuild costs a few statements per batch rather than per event.
 */
@ApplicationScoped
public class ComplaintViewProjector implements Projector {

    public static final String NAME = "complaint-views";

    private final ComplaintEventCodec codec = new ComplaintEventCodec();

    @Override
    public String name() {
        return NAME;
    }

    /** The rows hold {@link ComplaintSummary} documents: a start-up with a newer one rebuilds them. */
    @Override
    public int version() {
        return ComplaintSummary.READ_MODEL_VERSION;
    }

    @Override
    public Uni<Void> apply(Mutiny.Session session, List<FeedEvent> events) {
        Map<UUID, List<FeedEvent>> byComplaint = Projector.byComplaint(events);
        return session.find(ComplaintViewRow.class, byComplaint.keySet().toArray())
                .chain(found -> {
                    Map<UUID, ComplaintViewRow> rows = new LinkedHashMap<>();
                    found.stream().filter(java.util.Objects::nonNull).forEach(row -> rows.put(row.id, row));
                    List<ComplaintViewRow> created = new ArrayList<>();
                    List<ComplaintSummary> folded = new ArrayList<>();
                    byComplaint.forEach((id, stream) -> {
                        ComplaintViewRow row = rows.get(id);
                        ComplaintSummary state =
                                row == null ? ComplaintSummary.initial(id) : ComplaintStates.read(row.state);
                        for (FeedEvent event : stream) {
                            // a replayed batch after a lost commit answer must not apply an event twice
                            if (event.envelope().version() > state.version()) {
                                state = ComplaintSummary.evolve(state, codec.decode(event.envelope()));
                            }
                        }
                        if (row == null) {
                            row = new ComplaintViewRow();
                            row.id = id;
                            created.add(row);
                        }
                        copy(state, row);
                        folded.add(state);
                    });
                    Uni<Void> persisted =
                            created.isEmpty() ? Uni.createFrom().voidItem() : session.persistAll(created.toArray());
                    return persisted.chain(() -> replaceDeadlines(session, folded));
                });
    }

    /** The running deadlines of the batch's complaints, as their folded states hold them. */
    private static Uni<Void> replaceDeadlines(Mutiny.Session session, List<ComplaintSummary> complaints) {
        List<UUID> ids = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        List<String> dues = new ArrayList<>();
        complaints.forEach(c -> c.deadlines().forEach((kind, deadline) -> {
            ids.add(c.id());
            kinds.add(kind.name());
            dues.add(deadline.dueAt().toString());
        }));
        Uni<Integer> deleted = session.createNativeQuery(
                        "DELETE FROM complaint_deadlines WHERE complaint_id = ANY(cast(:ids AS uuid[]))")
                .setParameter(
                        "ids", complaints.stream().map(ComplaintSummary::id).toArray(UUID[]::new))
                .executeUpdate();
        if (ids.isEmpty()) {
            return deleted.replaceWithVoid();
        }
        return deleted.chain(() -> session.createNativeQuery("""
                        INSERT INTO complaint_deadlines (complaint_id, kind, due_at)
                        SELECT * FROM unnest(cast(:ids AS uuid[]), cast(:kinds AS text[]),
                                             cast(cast(:dues AS text[]) AS timestamptz[]))""")
                        .setParameter("ids", ids.toArray(UUID[]::new))
                        .setParameter("kinds", kinds.toArray(String[]::new))
                        .setParameter("dues", dues.toArray(String[]::new))
                        .executeUpdate())
                .replaceWithVoid();
    }

    @Override
    public Uni<Void> reset(Mutiny.Session session) {
        return session.createNativeQuery("DELETE FROM complaint_views")
                .executeUpdate()
                .chain(() -> session.createNativeQuery("DELETE FROM complaint_deadlines")
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** The tracking lookup and Open311 read these rows: the whole table, as {@link LastGoodViewRow}s. */
    @Override
    public Uni<Boolean> keepLastGood(Mutiny.Session session) {
        return dropLastGood(session)
                .chain(() -> session.createNativeQuery("""
                                INSERT INTO complaint_views_last_good
                                       (id, version, tracking_number, status, report_type, category, channel,
                                        agency_id, unit_id, complainant_id, anonymous, confidential, escalated,
                                        due_at, submitted_at, updated_at, state)
                                SELECT id, version, tracking_number, status, report_type, category, channel,
                                       agency_id, unit_id, complainant_id, anonymous, confidential, escalated,
                                       due_at, submitted_at, updated_at, state
                                  FROM complaint_views""").executeUpdate())
                .replaceWith(true);
    }

    @Override
    public Uni<Void> dropLastGood(Mutiny.Session session) {
        return session.createNativeQuery("DELETE FROM complaint_views_last_good")
                .executeUpdate()
                .replaceWithVoid();
    }

    static void copy(ComplaintSummary state, ComplaintViewRow row) {
        row.version = state.version();
        row.trackingNumber = state.trackingNumber();
        row.status = state.status();
        row.reportType = state.reportType();
        row.category = state.category();
        row.channel = state.channel();
        row.agencyId = state.agencyId();
        row.unitId = state.unitId();
        row.complainantId = state.complainantId();
        row.anonymous = state.anonymous();
        row.confidential = state.confidential();
        row.escalated = state.escalated();
        row.dueAt = dueAt(state);
        row.submittedAt = state.submittedAt();
        row.updatedAt = state.updatedAt();
        row.state = ComplaintStates.write(state);
    }

    /**
     * The queues' order: the earliest missed deadline whose step has not happened yet (so a late complaint stays
     * OVERDUE after a new deadline is armed), else the earliest running deadline of the agency flow (the implementation
     * of an Ombudsman's recommendation included, also when it was issued before it had a deadline of its own), else
     * the 60-day resolution deadline.
     */
    public static Instant dueAt(ComplaintSummary state) {
        return java.util.stream.Stream.of(
                        state.overdue().values().stream().map(ComplaintSummary.RunningDeadline::dueAt),
                        state.deadlines().entrySet().stream()
                                .filter(e -> e.getKey() != DeadlineKind.RESOLUTION)
                                .map(e -> e.getValue().dueAt()),
                        state.awaitsImplementation()
                                ? java.util.stream.Stream.of(
                                        state.recommendation().dueAt())
                                : java.util.stream.Stream.<Instant>empty())
                .flatMap(java.util.function.Function.identity())
                .min(Instant::compareTo)
                .orElseGet(() -> state.deadlines().containsKey(DeadlineKind.RESOLUTION)
                        ? state.deadlines().get(DeadlineKind.RESOLUTION).dueAt()
                        : null);
    }
}
