package org.complaintledger.review;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.complaintledger.complaint.ComplaintEvent;
import org.complaintledger.complaint.codec.ComplaintEventCodec;
import org.complaintledger.deadline.DeadlineKind;
import org.complaintledger.ledger.FeedEvent;
import org.complaintledger.projection.Projector;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Records each assignment of a complaint to an agency and how it went: when it was acknowledged, followed up,
 * declined, reopened and rated. Agency performance per period is counted from these rows.
 */
@Singleton
public class AgencyAssignmentProjector implements Projector {

    public static final String NAME = "agency-assignments";

    /** The events that say something about an assignment; the others are not even decoded. */
    private static final java.util.Set<String> RELEVANT = java.util.Set.of(
            "complaint.dispatched",
            "complaint.redispatched",
            "complaint.deadline-set",
            "complaint.acknowledged",
            "complaint.follow-up-posted",
            "complaint.declined-by-agency",
            "complaint.complainant-objected",
            "complaint.complainant-accepted",
            "complaint.deadline-missed");

    private final ComplaintEventCodec codec = new ComplaintEventCodec();

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Only the events that say something about an assignment: a batch of none of them (a burst of filings) moves the
     * checkpoint without reading a row.
     */
    @Override
    public boolean reads(String type) {
        return RELEVANT.contains(type);
    }

    @Override
    public Uni<Void> apply(SqlConnection connection, List<FeedEvent> events) {
        Map<UUID, List<FeedEvent>> byComplaint = Projector.byComplaint(events);
        // plain rows, not managed entities: they are written back by one statement below
        return connection
                .preparedQuery(SELECT)
                .execute(Tuple.of(byComplaint.keySet().toArray(UUID[]::new)))
                .chain(existing -> {
                    Map<UUID, List<AgencyAssignmentRow>> rows = new LinkedHashMap<>();
                    existing.forEach(stored -> {
                        AgencyAssignmentRow row = row(stored);
                        rows.computeIfAbsent(row.complaintId, id -> new ArrayList<>())
                                .add(row);
                    });
                    Set<AgencyAssignmentRow> changed = Collections.newSetFromMap(new IdentityHashMap<>());
                    List<AgencyAssignmentRow> written = new ArrayList<>();
                    byComplaint.forEach((id, stream) -> {
                        List<AgencyAssignmentRow> assignments = rows.computeIfAbsent(id, x -> new ArrayList<>());
                        assignments.sort(Comparator.comparingInt(row -> row.assignment));
                        int applied = assignments.stream()
                                .mapToInt(row -> row.lastVersion)
                                .max()
                                .orElse(0);
                        for (FeedEvent event : stream) {
                            if (event.envelope().version() > applied
                                    && RELEVANT.contains(event.envelope().type())) {
                                apply(
                                        id,
                                        event.decoded(ComplaintEvent.class, codec::decode),
                                        event.envelope().version(),
                                        assignments,
                                        row -> {
                                            if (changed.add(row)) {
                                                written.add(row);
                                            }
                                        });
                            }
                        }
                    });
                    return written.isEmpty() ? Uni.createFrom().voidItem() : upsert(connection, written);
                });
    }

    // complaint by complaint through the primary key's first column: as complaint_id = ANY($1), a table not yet
    // analysed (every table during an initial build or a rebuild) was read whole for each batch, because without
    // statistics PostgreSQL takes a non-unique column's value for 0.5 % of the rows, and 91 of them for 45 %
    // (auto_explain during bench/rebuild.sh, BENCHMARKS.md session 8). OFFSET 0 keeps the lookup per complaint
    private static final String SELECT = """
            SELECT a.complaint_id, a.assignment, a.agency_id, a.assigned_at, a.follow_up_due, a.acknowledged_at,
                   a.followed_up_at, a.declined_at, a.reopened, a.rating, a.deadline_missed, a.last_version
              FROM unnest($1::uuid[]) AS wanted(id)
             CROSS JOIN LATERAL (SELECT * FROM agency_assignments WHERE complaint_id = wanted.id OFFSET 0) AS a""";

    private static AgencyAssignmentRow row(Row stored) {
        AgencyAssignmentRow row = new AgencyAssignmentRow();
        row.complaintId = stored.getUUID("complaint_id");
        row.assignment = stored.getInteger("assignment");
        row.agencyId = stored.getString("agency_id");
        row.assignedAt = instant(stored, "assigned_at");
        row.followUpDue = instant(stored, "follow_up_due");
        row.acknowledgedAt = instant(stored, "acknowledged_at");
        row.followedUpAt = instant(stored, "followed_up_at");
        row.declinedAt = instant(stored, "declined_at");
        row.reopened = stored.getInteger("reopened");
        row.rating = stored.getInteger("rating");
        row.deadlineMissed = stored.getBoolean("deadline_missed");
        row.lastVersion = stored.getInteger("last_version");
        return row;
    }

    private static java.time.Instant instant(Row row, String column) {
        java.time.OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    /** The batch's new and changed rows in one statement, rather than an INSERT or UPDATE per row at flush. */
    private static Uni<Void> upsert(SqlConnection connection, List<AgencyAssignmentRow> rows) {
        int n = rows.size();
        UUID[] complaints = new UUID[n];
        Integer[] assignments = new Integer[n];
        String[] agencies = new String[n];
        String[] assignedAts = new String[n];
        String[] followUpDues = new String[n];
        String[] acknowledgedAts = new String[n];
        String[] followedUpAts = new String[n];
        String[] declinedAts = new String[n];
        Integer[] reopened = new Integer[n];
        Integer[] ratings = new Integer[n];
        Boolean[] missed = new Boolean[n];
        Integer[] lastVersions = new Integer[n];
        for (int i = 0; i < n; i++) {
            AgencyAssignmentRow row = rows.get(i);
            complaints[i] = row.complaintId;
            assignments[i] = row.assignment;
            agencies[i] = row.agencyId;
            assignedAts[i] = text(row.assignedAt);
            followUpDues[i] = text(row.followUpDue);
            acknowledgedAts[i] = text(row.acknowledgedAt);
            followedUpAts[i] = text(row.followedUpAt);
            declinedAts[i] = text(row.declinedAt);
            reopened[i] = row.reopened;
            ratings[i] = row.rating;
            missed[i] = row.deadlineMissed;
            lastVersions[i] = row.lastVersion;
        }
        return connection
                .preparedQuery("""
                        INSERT INTO agency_assignments
                               (complaint_id, assignment, agency_id, assigned_at, follow_up_due, acknowledged_at,
                                followed_up_at, declined_at, reopened, rating, deadline_missed, last_version)
                        SELECT * FROM unnest($1::uuid[], $2::integer[], $3::text[], $4::text[]::timestamptz[],
                                             $5::text[]::timestamptz[], $6::text[]::timestamptz[],
                                             $7::text[]::timestamptz[], $8::text[]::timestamptz[], $9::integer[],
                                             $10::integer[], $11::boolean[], $12::integer[])
                        ON CONFLICT (complaint_id, assignment) DO UPDATE
                           SET agency_id = excluded.agency_id, assigned_at = excluded.assigned_at,
                               follow_up_due = excluded.follow_up_due, acknowledged_at = excluded.acknowledged_at,
                               followed_up_at = excluded.followed_up_at, declined_at = excluded.declined_at,
                               reopened = excluded.reopened, rating = excluded.rating,
                               deadline_missed = excluded.deadline_missed, last_version = excluded.last_version""")
                .execute(Tuple.tuple(List.of(
                        complaints,
                        assignments,
                        agencies,
                        assignedAts,
                        followUpDues,
                        acknowledgedAts,
                        followedUpAts,
                        declinedAts,
                        reopened,
                        ratings,
                        missed,
                        lastVersions)))
                .replaceWithVoid();
    }

    private static String text(java.time.Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** Applies one event to the complaint's assignments, handing each row it creates or changes to {@code touched}. */
    private static void apply(
            UUID complaintId,
            ComplaintEvent event,
            int version,
            List<AgencyAssignmentRow> assignments,
            Consumer<AgencyAssignmentRow> touched) {
        AgencyAssignmentRow current = assignments.isEmpty() ? null : assignments.getLast();
        switch (event) {
            case ComplaintEvent.Dispatched d ->
                touched.accept(assign(complaintId, d.agencyId(), event, version, assignments));
            case ComplaintEvent.Redispatched r ->
                touched.accept(assign(complaintId, r.agencyId(), event, version, assignments));
            case ComplaintEvent.DeadlineSet set
            when current != null && set.kind() == DeadlineKind.FOLLOW_UP && current.followUpDue == null ->
                current.followUpDue = set.dueAt();
            case ComplaintEvent.Acknowledged a
            when current != null && current.acknowledgedAt == null -> current.acknowledgedAt = a.occurredAt();
            case ComplaintEvent.FollowUpPosted f
            when current != null && current.followedUpAt == null -> current.followedUpAt = f.occurredAt();
            case ComplaintEvent.DeclinedByAgency d when current != null -> current.declinedAt = d.occurredAt();
            case ComplaintEvent.ComplainantObjected o when current != null -> current.reopened++;
            case ComplaintEvent.ComplainantAccepted a when current != null -> current.rating = a.rating();
            case ComplaintEvent.DeadlineMissed m
            when current != null && m.kind() == DeadlineKind.FOLLOW_UP -> current.deadlineMissed = true;
            default -> {
                // the other events say nothing about how an agency handled its assignment
            }
        }
        if (current != null) {
            current.lastVersion = version;
            touched.accept(current);
        }
    }

    private static AgencyAssignmentRow assign(
            UUID complaintId,
            String agencyId,
            ComplaintEvent event,
            int version,
            List<AgencyAssignmentRow> assignments) {
        AgencyAssignmentRow row = new AgencyAssignmentRow();
        row.complaintId = complaintId;
        row.assignment = assignments.size() + 1;
        row.agencyId = agencyId;
        row.assignedAt = event.occurredAt();
        row.lastVersion = version;
        assignments.add(row);
        return row;
    }

    @Override
    public Uni<Void> reset(Mutiny.Session session) {
        return session.createNativeQuery("DELETE FROM agency_assignments")
                .executeUpdate()
                .replaceWithVoid();
    }
}
