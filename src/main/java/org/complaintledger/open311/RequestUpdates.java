package org.complaintledger.open311;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.complaintledger.complaint.ComplaintEventType;
import org.complaintledger.complaint.Status;

/**
 * FixMyStreet's servicerequestupdates, read straight from the event stream: every event that changed a complaint's
 * status in the period is one update, identified by the event's id (stable, so a client that polls overlapping
 * periods can drop what it has seen). Oldest first, so that a client continues from the last update it got; at
 * most 1,000. The description is ours ({@link PublicStatus#notes}), never an event's free text, and a complaint that
 * is confidential now has none of its updates published.
 */
@ApplicationScoped
public class RequestUpdates {

    static final int MAX_UPDATES = 1000;

    private static final String[] STATUS_CHANGES = Arrays.stream(ComplaintEventType.values())
            .filter(type -> PublicStatus.after(type).isPresent())
            .map(ComplaintEventType::wireName)
            .toArray(String[]::new);

    // events_occurred_at_position (V13) serves the period in the feed's order; the view row gives the tracking number
    // and today's visibility
    static final String UPDATES = """
            SELECT e.event_id, e.type, e.occurred_at, v.tracking_number
              FROM events e JOIN complaint_views v ON v.id = e.stream_id
             WHERE e.occurred_at >= $1 AND e.occurred_at <= $2 AND e.type = ANY($3) AND NOT v.confidential
             ORDER BY e.occurred_at, e.position
             LIMIT $4""";

    @Inject
    Pool pool;

    Uni<List<GeoReport.Update>> in(Window window) {
        return pool.preparedQuery(UPDATES)
                .execute(Tuple.of(
                        window.start().atOffset(ZoneOffset.UTC),
                        window.end().atOffset(ZoneOffset.UTC),
                        STATUS_CHANGES,
                        MAX_UPDATES))
                .map(rows -> {
                    List<GeoReport.Update> updates = new ArrayList<>(rows.size());
                    rows.forEach(row -> updates.add(update(row)));
                    return updates;
                });
    }

    private static GeoReport.Update update(Row row) {
        Status status = ComplaintEventType.fromWireName(row.getString("type"))
                .flatMap(PublicStatus::after)
                .orElseThrow(() -> new IllegalStateException("not a status change: " + row.getString("type")));
        return new GeoReport.Update(
                row.getUUID("event_id").toString(),
                row.getString("tracking_number"),
                PublicStatus.of(status),
                row.getOffsetDateTime("occurred_at").toInstant(),
                PublicStatus.notes(status));
    }
}
