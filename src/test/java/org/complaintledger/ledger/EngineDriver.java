package org.complaintledger.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.axonframework.eventsourcing.eventstore.AppendCondition;
import org.axonframework.eventsourcing.eventstore.ConsistencyMarker;
import org.axonframework.eventsourcing.eventstore.GenericTaggedEventMessage;
import org.axonframework.eventsourcing.eventstore.SourcingCondition;
import org.axonframework.eventsourcing.eventstore.TaggedEventMessage;
import org.axonframework.messaging.core.MessageType;
import org.axonframework.messaging.eventhandling.GenericEventMessage;
import org.axonframework.messaging.eventstreaming.EventCriteria;
import org.axonframework.messaging.eventstreaming.Tag;
import org.complaintledger.complaint.Actor;
import org.complaintledger.complaint.Channel;
import org.complaintledger.complaint.ComplaintEvent;
import org.complaintledger.complaint.ReportType;
import org.complaintledger.deadline.DeadlineKind;

/** Drives the storage engine the way Axon's event store transaction does: source the head, then append on it. */
final class EngineDriver {

    private final PgEventStorageEngine engine;

    EngineDriver(PgEventStorageEngine engine) {
        this.engine = engine;
    }

    static EventCriteria criteria(UUID streamId) {
        return EventCriteria.havingTags(tag(streamId));
    }

    static Tag tag(UUID streamId) {
        return Tag.of(PgEventStorageEngine.STREAM_TAG, streamId.toString());
    }

    CompletableFuture<StreamHead> head(UUID streamId) {
        return engine.source(SourcingCondition.conditionFor(criteria(streamId)), null)
                .reduce((StreamHead) null, (found, entry) -> {
                    ConsistencyMarker marker = entry.getResource(ConsistencyMarker.RESOURCE_KEY);
                    return marker instanceof StreamHead head ? head : found;
                });
    }

    CompletableFuture<StreamHead> append(StreamHead head, List<ComplaintEvent> events, Map<String, String> metadata) {
        List<TaggedEventMessage<?>> tagged = events.stream()
                .<TaggedEventMessage<?>>map(event -> new GenericTaggedEventMessage<>(
                        new GenericEventMessage(
                                new MessageType(event.eventType().wireName(), "1"), event, metadata),
                        Set.of(tag(event.complaintId()))))
                .toList();
        AppendCondition condition =
                AppendCondition.withCriteria(criteria(head.streamId())).withMarker(head);
        return engine.appendEvents(condition, null, tagged)
                .thenCompose(tx -> tx.commit(null))
                .thenApply(StreamHead.class::cast);
    }

    /** Source the head and append one event on it: one writer's whole command. */
    CompletableFuture<StreamHead> appendOne(UUID streamId, String note) {
        return head(streamId)
                .thenCompose(head -> append(
                        head, List.of(head.version() == 0 ? filed(streamId, note) : event(streamId, note)), Map.of()));
    }

    /**
     * The events are valid complaint histories (a filing first, then deadline changes), because the application's
     * projections read this same database and rightly refuse a history the domain could never have produced.
     */
    static ComplaintEvent filed(UUID streamId, String title) {
        String code = streamId.toString().replace("-", "").toUpperCase();
        return new ComplaintEvent.Submitted(
                streamId,
                AT,
                Actor.citizen("warga-engine"),
                "LPR-" + code.substring(0, 4) + "-" + code.substring(4, 8) + "-" + code.substring(8, 12),
                ReportType.COMPLAINT,
                "OTHER",
                Channel.WEB,
                title,
                "written by the engine's contract tests",
                null,
                true,
                false,
                "warga-engine",
                null,
                null);
    }

    static ComplaintEvent event(UUID streamId, String note) {
        // due in ten years: the service's deadline scheduler reads this database too and must leave it alone
        return new ComplaintEvent.DeadlineSet(
                streamId,
                AT,
                Actor.SYSTEM,
                DeadlineKind.VERIFICATION,
                AT.plus(java.time.Duration.ofDays(3650)).plusSeconds(note.length()),
                "engine-test",
                1,
                note,
                "national",
                0);
    }

    private static final Instant AT = Instant.parse("2026-11-27T10:15:30.123Z");
}
