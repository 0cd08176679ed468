package org.complaintledger.open311;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.complaintledger.complaint.ComplaintEventType;
import org.complaintledger.complaint.Status;
import org.complaintledger.ledger.LedgerReader;
import org.complaintledger.projection.ReadModel;

/**
 * FixMyStreet's servicerequestupdates, read straight from the event stream: every event that changed a complaint's
 * status in the period is one update, identified by the event's id (stable, so a client that polls overlapping
 * periods can drop what it has seen). Oldest first, so that a client continues from the last update it got; at
 * most 1,000. The description is ours ({@link PublicStatus#notes}), never an event's free text, and a complaint that
 * is confidential now has none of its updates published.
 */
@Singleton
public class RequestUpdates {

    static final int MAX_UPDATES = 1000;

    private static final List<String> STATUS_CHANGES = Arrays.stream(ComplaintEventType.values())
            .filter(type -> PublicStatus.after(type).isPresent())
            .map(ComplaintEventType::wireName)
            .toList();

    /** The view row gives the tracking number and today's visibility; a complaint not yet in the view waits. */
    private static final String PUBLISHED =
            "SELECT id, tracking_number FROM %s WHERE id = ANY($1) AND NOT confidential";

    @Inject
    Pool pool;

    /** {@code from}: during a rebuild, the view rows kept from before it. */
    Uni<List<GeoReport.Update>> in(Window window, ReadModel from) {
        return collect(
                window,
                PUBLISHED.formatted(from.stale() ? "complaint_views_last_good" : "complaint_views"),
                null,
                new ArrayList<>());
    }

    /** The ledger's status changes a page at a time, until a full answer or the period's end. */
    private Uni<List<GeoReport.Update>> collect(
            Window window, String published, LedgerReader.EventMark after, List<GeoReport.Update> updates) {
        return Uni.createFrom()
                .completionStage(() -> new LedgerReader(pool.getDelegate())
                        .occurredBetween(window.start(), window.end(), STATUS_CHANGES, after, MAX_UPDATES))
                .flatMap(marks -> marks.isEmpty()
                        ? Uni.createFrom().item(updates)
                        : published(published, marks).flatMap(trackingNumbers -> {
                            for (LedgerReader.EventMark mark : marks) {
                                String trackingNumber = trackingNumbers.get(mark.streamId());
                                if (trackingNumber != null) {
                                    updates.add(update(mark, trackingNumber));
                                    if (updates.size() == MAX_UPDATES) {
                                        return Uni.createFrom().item(updates);
                                    }
                                }
                            }
                            return marks.size() < MAX_UPDATES
                                    ? Uni.createFrom().item(updates)
                                    : collect(window, published, marks.getLast(), updates);
                        }));
    }

    private Uni<Map<UUID, String>> published(String published, List<LedgerReader.EventMark> marks) {
        UUID[] ids =
                marks.stream().map(LedgerReader.EventMark::streamId).distinct().toArray(UUID[]::new);
        return pool.preparedQuery(published).execute(Tuple.of(ids)).map(rows -> {
            Map<UUID, String> numbers = new HashMap<>();
            rows.forEach(row -> numbers.put(row.getUUID("id"), row.getString("tracking_number")));
            return numbers;
        });
    }

    private static GeoReport.Update update(LedgerReader.EventMark mark, String trackingNumber) {
        Status status = ComplaintEventType.fromWireName(mark.type())
                .flatMap(PublicStatus::after)
                .orElseThrow(() -> new IllegalStateException("not a status change: " + mark.type()));
        return new GeoReport.Update(
                mark.eventId().toString(),
                trackingNumber,
                PublicStatus.of(status),
                mark.occurredAt(),
                PublicStatus.notes(status));
    }
}
