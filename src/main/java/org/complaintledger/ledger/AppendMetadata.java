package org.complaintledger.ledger;

import java.util.Map;

/**
 * Metadata keys that a command hands to the events it appends. The idempotency keys travel on the first event of a
 * command so that the key is stored in the same statement as the events it produced.
 */
public final class AppendMetadata {

    public static final String CORRELATION_ID = "correlationId";
    public static final String IDEMPOTENCY_SCOPE = "idempotencyScope";
    public static final String IDEMPOTENCY_KEY = "idempotencyKey";
    public static final String REQUEST_HASH = "requestHash";
    /** What the command did, in its sender's words (e.g. CREATED), stored with the Idempotency-Key. */
    public static final String OUTCOME = "outcome";
    /**
     * How the actor reached us when it was not the API: a complainant's step taken in a WhatsApp or SMS chat. Stored
     * with the events and shown in the history; like the correlation id it is outside the hashed envelope.
     */
    public static final String CHANNEL = "channel";

    private AppendMetadata() {}

    /**
     * What of the metadata is stored with each event: tracing and the channel; the idempotency record has its own
     * table.
     */
    static Map<String, String> stored(Map<String, String> metadata) {
        Map<String, String> stored = new java.util.HashMap<>();
        for (String key : new String[] {CORRELATION_ID, CHANNEL}) {
            if (metadata.get(key) != null) {
                stored.put(key, metadata.get(key));
            }
        }
        return stored;
    }
}
