package org.complaintledger.complaint.presentation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.complaintledger.ledger.EventEnvelope;
import org.complaintledger.ledger.LedgerEntry;

/**
 * A page of the audit timeline of one complaint: its events in version order with the hashes that chain them, and the
 * {@code after} of the next page ({@code nextCursor}, null after the last).
 */
public record ComplaintTimeline(UUID complaintId, List<Entry> events, String nextCursor) {

    public record Entry(
            UUID eventId,
            int version,
            Long ledgerSeq,
            String type,
            int schemaVersion,
            Instant occurredAt,
            Instant recordedAt,
            EventEnvelope.EventActor actor,
            ObjectNode data,
            String hash,
            String previousHash) {}

    /** Events that are staff talking to staff as a whole: the complainant's timeline leaves them out. */
    private static final Set<String> INTERNAL_EVENTS =
            Set.of("complaint.extension-requested", "complaint.extension-decided");

    /** Members of an event's data that are internal notes (DOMAIN.md: audiences), removed for the complainant. */
    private static final Map<String, List<String>> INTERNAL_MEMBERS = Map.of(
            "complaint.dispatched", List.of("note"),
            "complaint.redispatched", List.of("note"),
            "complaint.declined-by-agency", List.of("reason", "suggestedAgencyId"));

    /**
     * The complainant's timeline: public entries only, and staff named by role and agency, never by subject id. The
     * hashes stay those of the stored events; an auditor verifies the full export, not this view.
     */
    public static ComplaintTimeline forComplainant(UUID complaintId, List<LedgerEntry> entries, String nextCursor) {
        return new ComplaintTimeline(
                complaintId,
                entries.stream()
                        .map(LedgerEntry::envelope)
                        .filter(ComplaintTimeline::isPublic)
                        .map(e -> {
                            ObjectNode data = e.data().deepCopy();
                            INTERNAL_MEMBERS.getOrDefault(e.type(), List.of()).forEach(data::remove);
                            EventEnvelope.EventActor actor = e.actor();
                            boolean staff =
                                    !Objects.equals(actor.role(), "citizen") && !Objects.equals(actor.role(), "system");
                            EventEnvelope.EventActor shown =
                                    staff ? new EventEnvelope.EventActor(null, actor.role(), actor.agency()) : actor;
                            return new Entry(
                                    e.eventId(),
                                    e.version(),
                                    null,
                                    e.type(),
                                    e.schemaVersion(),
                                    e.occurredAt(),
                                    e.recordedAt(),
                                    shown,
                                    data,
                                    e.hash(),
                                    e.previousHash());
                        })
                        .toList(),
                nextCursor);
    }

    private static boolean isPublic(EventEnvelope e) {
        if (INTERNAL_EVENTS.contains(e.type())) {
            return false;
        }
        return !"complaint.message-posted".equals(e.type())
                || "PUBLIC".equals(e.data().path("audience").asText());
    }

    /** {@code ledgerSeq} is null until the sequencer has reached the event, shortly after it commits. */
    public static ComplaintTimeline of(UUID complaintId, List<LedgerEntry> entries, String nextCursor) {
        return new ComplaintTimeline(
                complaintId,
                entries.stream()
                        .map(entry -> {
                            EventEnvelope e = entry.envelope();
                            return new Entry(
                                    e.eventId(),
                                    e.version(),
                                    entry.ledgerSeq(),
                                    e.type(),
                                    e.schemaVersion(),
                                    e.occurredAt(),
                                    e.recordedAt(),
                                    e.actor(),
                                    e.data(),
                                    e.hash(),
                                    e.previousHash());
                        })
                        .toList(),
                nextCursor);
    }
}
