package org.complaintledger.ledger;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A stored event with its place in the global ledger: {@code ledgerSeq} and {@code chainHash} are null until the
 * sequencer has reached it, which it does shortly after the event's transaction commits.
 */
public record LedgerEntry(EventEnvelope envelope, Long ledgerSeq, String chainHash, String channel) {

    /**
     * An entry without a channel: {@code channel} names how the actor reached us when it was not the API (a
     * complainant's step taken in a WhatsApp or SMS chat), stored beside the event, outside what is hashed.
     */
    public LedgerEntry(EventEnvelope envelope, Long ledgerSeq, String chainHash) {
        this(envelope, ledgerSeq, chainHash, null);
    }

    /** The exported line of the documented format, members in the documented order. */
    public ObjectNode exported() {
        ObjectNode node = envelope.hashedObject();
        node.put("hash", envelope.hash());
        node.put("ledgerSeq", ledgerSeq);
        node.put("chainHash", chainHash);
        return node;
    }
}
