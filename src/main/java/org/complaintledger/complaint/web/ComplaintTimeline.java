package org.complaintledger.complaint.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.complaintledger.ledger.EventEnvelope;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The audit timeline of one complaint: its events in version order with the hashes that chain them. */
public record ComplaintTimeline(UUID complaintId, List<Entry> events) {

    public record Entry(UUID eventId, int version, Long ledgerSeq, String type, int schemaVersion, Instant occurredAt,
                        Instant recordedAt, EventEnvelope.EventActor actor, ObjectNode data, String hash,
                        String previousHash) {
    }

    static ComplaintTimeline of(UUID complaintId, List<EventEnvelope> envelopes) {
        return new ComplaintTimeline(complaintId, envelopes.stream()
                .map(e -> new Entry(e.eventId(), e.version(), null, e.type(), e.schemaVersion(), e.occurredAt(),
                        e.recordedAt(), e.actor(), e.data(), e.hash(), e.previousHash()))
                .toList());
    }
}
