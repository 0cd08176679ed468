package org.complaintledger.ledger;

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
     * One digest and one input buffer per thread: looking SHA-256 up among the providers and concatenating the two
     * hashes into a new string for each of a million links were most of a link's cost.
     */
    private static final ThreadLocal<Linker> LINKER = ThreadLocal.withInitial(Linker::new);

    private LedgerChain() {}

    public static String next(String previousChainHash, String eventHash) {
        return LINKER.get().next(previousChainHash, eventHash);
    }

    private static final class Linker {
        private final MessageDigest sha256;
        private byte[] input = new byte[128];

        Linker() {
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JDK has SHA-256", e);
            }
        }

        /** SHA-256 of the UTF-8 of the two texts concatenated, as {@code EventEnvelope.sha256Hex(a + b)}. */
        String next(String previous, String event) {
            int length = previous.length() + event.length();
            if (!ascii(previous) || !ascii(event)) {
                return EventEnvelope.sha256Hex(previous + event);
            }
            if (input.length < length) {
                input = new byte[length];
            }
            copy(previous, 0);
            copy(event, previous.length());
            sha256.reset();
            sha256.update(input, 0, length);
            return HEX.formatHex(sha256.digest());
        }

        private void copy(String text, int at) {
            for (int i = 0; i < text.length(); i++) {
                input[at + i] = (byte) text.charAt(i);
            }
        }

        private static boolean ascii(String text) {
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) >= 0x80) {
                    return false;
                }
            }
            return true;
        }
    }
}
