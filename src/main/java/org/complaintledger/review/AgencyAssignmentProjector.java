package org.complaintledger.review;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
@ApplicationScoped
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

    @Override
    public Uni<Void> apply(Mutiny.Session session, List<FeedEvent> events) {
        Map<UUID, List<FeedEvent>> byComplaint = Projector.byComplaint(events);
        return session.createSelectionQuery(
                        "from AgencyAssignmentRow where complaintId in :ids", AgencyAssignmentRow.class)
                .setParameter("ids", byComplaint.keySet())
                .getResultList()
                .chain(existing -> {
                    Map<UUID, List<AgencyAssignmentRow>> rows = new LinkedHashMap<>();
                    existing.forEach(row -> rows.computeIfAbsent(row.complaintId, id -> new ArrayList<>())
                            .add(row));
                    List<AgencyAssignmentRow> created = new ArrayList<>();
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
                                        codec.decode(event.envelope()),
                                        event.envelope().version(),
                                        assignments,
                                        created);
                            }
                        }
                    });
                    return created.isEmpty() ? Uni.createFrom().voidItem() : session.persistAll(created.toArray());
                });
    }

    private static void apply(
            UUID complaintId,
            ComplaintEvent event,
            int version,
            List<AgencyAssignmentRow> assignments,
            List<AgencyAssignmentRow> created) {
        AgencyAssignmentRow current = assignments.isEmpty() ? null : assignments.getLast();
        switch (event) {
            case ComplaintEvent.Dispatched d -> assign(complaintId, d.agencyId(), event, version, assignments, created);
            case ComplaintEvent.Redispatched r ->
                assign(complaintId, r.agencyId(), event, version, assignments, created);
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
        }
    }

    private static void assign(
            UUID complaintId,
            String agencyId,
            ComplaintEvent event,
            int version,
            List<AgencyAssignmentRow> assignments,
            List<AgencyAssignmentRow> created) {
        AgencyAssignmentRow row = new AgencyAssignmentRow();
        row.complaintId = complaintId;
        row.assignment = assignments.size() + 1;
        row.agencyId = agencyId;
        row.assignedAt = event.occurredAt();
        row.lastVersion = version;
        assignments.add(row);
        created.add(row);
    }

    @Override
    public Uni<Void> reset(Mutiny.Session session) {
        return session.createNativeQuery("DELETE FROM agency_assignments")
                .executeUpdate()
                .replaceWithVoid();
    }
}
