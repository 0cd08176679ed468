package org.complaintledger.ledger;

/**
 * The global chain over all streams (README, "Hash chain format"): position 1 links to 64 zeros, position n to
 * position n-1, each by SHA-256 of the two hex strings concatenated, so that anyone can recompute it with sha256sum.
 */
public final class LedgerChain {

    /** What the first ledger position links to. */
    public static final String GENESIS = EventEnvelope.GENESIS_HASH;

    private LedgerChain() {}

    /** SHA-256 of the UTF-8 of the two texts concatenated, as {@code EventEnvelope.sha256Hex(a + b)}. */
    public static String next(String previousChainHash, String eventHash) {
        return EventEnvelope.sha256Hex(previousChainHash + eventHash);
    }
}
