package org.complaintledger.view;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.complaintledger.complaint.ComplaintEvent;
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
@Singleton
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
    public Uni<Void> apply(SqlConnection connection, List<FeedEvent> events) {
        Map<UUID, List<FeedEvent>> byComplaint = Projector.byComplaint(events);
        return connection
                .preparedQuery("SELECT state::text FROM complaint_views WHERE id = ANY($1::uuid[])")
                .execute(Tuple.of(byComplaint.keySet().toArray(UUID[]::new)))
                .chain(found -> {
                    Map<UUID, ComplaintSummary> stored = new HashMap<>(found.size() * 2);
                    found.forEach(row -> {
                        ComplaintSummary state = ComplaintStates.read(row.getString(0));
                        stored.put(state.id(), state);
                    });
                    List<ComplaintSummary> folded = new ArrayList<>(byComplaint.size());
                    List<ComplaintSummary> changed = new ArrayList<>(byComplaint.size());
                    List<ComplaintSummary> added = new ArrayList<>();
                    byComplaint.forEach((id, stream) -> {
                        ComplaintSummary before = stored.get(id);
                        ComplaintSummary state = before != null ? before : ComplaintSummary.initial(id);
                        for (FeedEvent event : stream) {
                            // a replayed batch after a lost commit answer must not apply an event twice
                            if (event.envelope().version() > state.version()) {
                                state = ComplaintSummary.evolve(
                                        state, event.decoded(ComplaintEvent.class, codec::decode));
                            }
                        }
                        folded.add(state);
                        if (before == null) {
                            added.add(state);
                        } else if (state != before) {
                            changed.add(state);
                        }
                    });
                    return write(connection, UPDATE, changed)
                            .chain(() -> write(connection, INSERT, added))
                            .chain(() -> replaceDeadlines(connection, folded));
                });
    }

    /**
     * Every folded row of a kind in one statement: Hibernate's per-entity work (a managed entity per row, dirty
     * checking and an UPDATE per changed row at flush) was most of a batch's cost in a rebuild. Rows known to exist are
     * updated and the others inserted, rather than all of them upserted: {@code INSERT … ON CONFLICT DO UPDATE}
     * computes the stored search column (to_tsvector over the document, most of PostgreSQL's cost of writing a view
     * row: bench/view-write-cost.sh) for the row it proposes and then again for the update. A row the batch did not
     * change (a replayed batch) is not written at all.
     */
    private static Uni<Void> write(SqlConnection connection, String statement, List<ComplaintSummary> folded) {
        if (folded.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
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
        return connection
                .preparedQuery(statement)
                .execute(Tuple.tuple(List.of(
                        ids,
                        versions,
                        trackingNumbers,
                        statuses,
                        reportTypes,
                        categories,
                        channels,
                        agencies,
                        units,
                        complainants,
                        anonymous,
                        confidential,
                        escalated,
                        dueAts,
                        submittedAts,
                        updatedAts,
                        states)))
                .replaceWithVoid();
    }

    private static final String ROWS = """
            unnest($1::uuid[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                   $9::text[], $10::text[], $11::boolean[], $12::boolean[], $13::boolean[], $14::text[]::timestamptz[],
                   $15::text[]::timestamptz[], $16::text[]::timestamptz[], $17::text[]::jsonb[])""";

    /** The rows read at the start of the batch, in the same transaction. */
    static final String UPDATE = """
            UPDATE complaint_views v
               SET version = r.version, tracking_number = r.tracking_number, status = r.status,
                   report_type = r.report_type, category = r.category, channel = r.channel, agency_id = r.agency_id,
                   unit_id = r.unit_id, complainant_id = r.complainant_id, anonymous = r.anonymous,
                   confidential = r.confidential, escalated = r.escalated, due_at = r.due_at,
                   submitted_at = r.submitted_at, updated_at = r.updated_at, state = r.state
              FROM %s AS r(id, version, tracking_number, status, report_type, category, channel, agency_id,
                           unit_id, complainant_id, anonymous, confidential, escalated, due_at, submitted_at,
                           updated_at, state)
             WHERE v.id = r.id""".formatted(ROWS);

    // instants and the document travel as text arrays and are cast by PostgreSQL, as replaceDeadlines does; a row
    // that was not there when the batch read its rows is new, and only a segment taken over by another instance
    // mid-batch could have written it since (its checkpoint update then rolls this batch back)
    static final String INSERT = """
            INSERT INTO complaint_views
                   (id, version, tracking_number, status, report_type, category, channel, agency_id, unit_id,
                    complainant_id, anonymous, confidential, escalated, due_at, submitted_at, updated_at, state)
            SELECT * FROM %s
            ON CONFLICT (id) DO UPDATE
               SET version = excluded.version, tracking_number = excluded.tracking_number, status = excluded.status,
                   report_type = excluded.report_type, category = excluded.category, channel = excluded.channel,
                   agency_id = excluded.agency_id, unit_id = excluded.unit_id, complainant_id = excluded.complainant_id,
                   anonymous = excluded.anonymous, confidential = excluded.confidential,
                   escalated = excluded.escalated, due_at = excluded.due_at, submitted_at = excluded.submitted_at,
                   updated_at = excluded.updated_at, state = excluded.state""".formatted(ROWS);

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** The running deadlines of the batch's complaints, as their folded states hold them. */
    private static Uni<Void> replaceDeadlines(SqlConnection connection, List<ComplaintSummary> complaints) {
        List<UUID> ids = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        List<String> dues = new ArrayList<>();
        complaints.forEach(c -> c.deadlines().forEach((kind, deadline) -> {
            ids.add(c.id());
            kinds.add(kind.name());
            dues.add(deadline.dueAt().toString());
        }));
        Uni<?> deleted = connection
                .preparedQuery("DELETE FROM complaint_deadlines WHERE complaint_id = ANY($1::uuid[])")
                .execute(Tuple.of(complaints.stream().map(ComplaintSummary::id).toArray(UUID[]::new)));
        if (ids.isEmpty()) {
            return deleted.replaceWithVoid();
        }
        return deleted.chain(() -> connection
                        .preparedQuery("""
                                INSERT INTO complaint_deadlines (complaint_id, kind, due_at)
                                SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[]::timestamptz[])""")
                        .execute(Tuple.of(
                                ids.toArray(UUID[]::new), kinds.toArray(String[]::new), dues.toArray(String[]::new))))
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
