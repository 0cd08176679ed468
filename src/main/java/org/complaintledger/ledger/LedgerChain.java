package org.complaintledger.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The global chain over all streams (README, "Hash chain format"): position 1 links to 64 zeros, position n to
 * position n-1, each by SHA-256 of the two hex strings concatenated, so that anyone can recompute it with sha256sum.
 */
public final class LedgerChain {

    /** What the first ledger position links to. */
    public static final String GENESIS = EventEnvelope.GENESIS_HASH;

    private static final HexFormat HEX = HexFormat.of();

    /**
     * One digest per thread: looking SHA-256 up among the providers for each of a million links was most of a link's
     * cost.
     */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    });

    private LedgerChain() {}

    /** SHA-256 of the UTF-8 of the two texts concatenated, as {@code EventEnvelope.sha256Hex(a + b)}. */
    public static String next(String previousChainHash, String eventHash) {
        // digest() leaves the digest reset for the next link
        return HEX.formatHex(SHA256.get().digest((previousChainHash + eventHash).getBytes(StandardCharsets.UTF_8)));
    }
}
