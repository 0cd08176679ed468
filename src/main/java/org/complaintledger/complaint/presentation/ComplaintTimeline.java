package org.complaintledger.complaint.presentation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.complaintledger.ledger.EventEnvelope;
import org.complaintledger.ledger.LedgerEntry;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The audit timeline of one complaint: its events in version order with the hashes that chain them. */
public record ComplaintTimeline(UUID complaintId, List<Entry> events) {

    public record Entry(UUID eventId, int version, Long ledgerSeq, String type, int schemaVersion, Instant occurredAt,
                        Instant recordedAt, EventEnvelope.EventActor actor, ObjectNode data, String hash,
                        String previousHash) {
    }

    /** {@code ledgerSeq} is null until the sequencer has reached the event, shortly after it commits. */
    public static ComplaintTimeline of(UUID complaintId, List<LedgerEntry> entries) {
        return new ComplaintTimeline(complaintId, entries.stream()
                .map(entry -> {
                    EventEnvelope e = entry.envelope();
                    return new Entry(e.eventId(), e.version(), entry.ledgerSeq(), e.type(), e.schemaVersion(),
                            e.occurredAt(), e.recordedAt(), e.actor(), e.data(), e.hash(), e.previousHash());
                })
                .toList());
    }
}
