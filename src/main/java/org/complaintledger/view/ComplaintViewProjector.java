package org.complaintledger.view;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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
 * query and written back with one, so a rebuild costs a few statements per batch rather than per event or row.
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
        return session.createNativeQuery(
                        "SELECT state::text FROM complaint_views WHERE id = ANY(cast(:ids AS uuid[]))", String.class)
                .setParameter("ids", byComplaint.keySet().toArray(UUID[]::new))
                .getResultList()
                .chain(found -> {
                    Map<UUID, ComplaintSummary> stored = new HashMap<>(found.size() * 2);
                    found.forEach(json -> {
                        ComplaintSummary state = ComplaintStates.read(json);
                        stored.put(state.id(), state);
                    });
                    List<ComplaintSummary> folded = new ArrayList<>(byComplaint.size());
                    byComplaint.forEach((id, stream) -> {
                        ComplaintSummary state = stored.getOrDefault(id, ComplaintSummary.initial(id));
                        for (FeedEvent event : stream) {
                            // a replayed batch after a lost commit answer must not apply an event twice
                            if (event.envelope().version() > state.version()) {
                                state = ComplaintSummary.evolve(state, codec.decode(event.envelope()));
                            }
                        }
                        folded.add(state);
                    });
                    return upsert(session, folded).chain(() -> replaceDeadlines(session, folded));
                });
    }

    /**
     * Every folded row in one statement: Hibernate's per-entity work (a managed entity per row, dirty checking and
     * an UPDATE per changed row at flush) was most of a batch's cost in a rebuild.
     */
    private static Uni<Void> upsert(Mutiny.Session session, List<ComplaintSummary> folded) {
        int n = folded.size();
        UUID[] ids = new UUID[n];
        Long[] versions = new Long[n];
        String[] trackingNumbers = new String[n];
        String[] statuses = new String[n];
        String[] reportTypes = new String[n];
        String[] categories = new String[n];
        String[] channels = new String[n];
        String[] agencies = new String[n];
        String[] units = new String[n];
        String[] complainants = new String[n];
        Boolean[] anonymous = new Boolean[n];
        Boolean[] confidential = new Boolean[n];
        Boolean[] escalated = new Boolean[n];
        String[] dueAts = new String[n];
        String[] submittedAts = new String[n];
        String[] updatedAts = new String[n];
        String[] states = new String[n];
        for (int i = 0; i < n; i++) {
            ComplaintSummary state = folded.get(i);
            ids[i] = state.id();
            versions[i] = state.version();
            trackingNumbers[i] = state.trackingNumber();
            statuses[i] = name(state.status());
            reportTypes[i] = name(state.reportType());
            categories[i] = state.category();
            channels[i] = name(state.channel());
            agencies[i] = state.agencyId();
            units[i] = state.unitId();
            complainants[i] = state.complainantId();
            anonymous[i] = state.anonymous();
            confidential[i] = state.confidential();
            escalated[i] = state.escalated();
            dueAts[i] = text(dueAt(state));
            submittedAts[i] = text(state.submittedAt());
            updatedAts[i] = text(state.updatedAt());
            states[i] = ComplaintStates.write(state);
        }
        return session.createNativeQuery(UPSERT)
                .setParameter("ids", ids)
                .setParameter("versions", versions)
                .setParameter("trackingNumbers", trackingNumbers)
                .setParameter("statuses", statuses)
                .setParameter("reportTypes", reportTypes)
                .setParameter("categories", categories)
                .setParameter("channels", channels)
                .setParameter("agencies", agencies)
                .setParameter("units", units)
                .setParameter("complainants", complainants)
                .setParameter("anonymous", anonymous)
                .setParameter("confidential", confidential)
                .setParameter("escalated", escalated)
                .setParameter("dueAts", dueAts)
                .setParameter("submittedAts", submittedAts)
                .setParameter("updatedAts", updatedAts)
                .setParameter("states", states)
                .executeUpdate()
                .replaceWithVoid();
    }

    // instants and the document travel as text arrays and are cast by PostgreSQL, as replaceDeadlines does
    private static final String UPSERT = """
            INSERT INTO complaint_views
                   (id, version, tracking_number, status, report_type, category, channel, agency_id, unit_id,
                    complainant_id, anonymous, confidential, escalated, due_at, submitted_at, updated_at, state)
            SELECT * FROM unnest(cast(:ids AS uuid[]), cast(:versions AS bigint[]), cast(:trackingNumbers AS text[]),
                                 cast(:statuses AS text[]), cast(:reportTypes AS text[]), cast(:categories AS text[]),
                                 cast(:channels AS text[]), cast(:agencies AS text[]), cast(:units AS text[]),
                                 cast(:complainants AS text[]), cast(:anonymous AS boolean[]),
                                 cast(:confidential AS boolean[]), cast(:escalated AS boolean[]),
                                 cast(cast(:dueAts AS text[]) AS timestamptz[]),
                                 cast(cast(:submittedAts AS text[]) AS timestamptz[]),
                                 cast(cast(:updatedAts AS text[]) AS timestamptz[]),
                                 cast(cast(:states AS text[]) AS jsonb[]))
            ON CONFLICT (id) DO UPDATE
               SET version = excluded.version, tracking_number = excluded.tracking_number, status = excluded.status,
                   report_type = excluded.report_type, category = excluded.category, channel = excluded.channel,
                   agency_id = excluded.agency_id, unit_id = excluded.unit_id, complainant_id = excluded.complainant_id,
                   anonymous = excluded.anonymous, confidential = excluded.confidential,
                   escalated = excluded.escalated, due_at = excluded.due_at, submitted_at = excluded.submitted_at,
                   updated_at = excluded.updated_at, state = excluded.state""";

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
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
