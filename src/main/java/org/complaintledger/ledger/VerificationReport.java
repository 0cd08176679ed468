package org.complaintledger.ledger;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.UUID;

/**
 * What a verification found. {@code firstInvalid} is the first event, in ledger order, that is not as the ledger
 * recorded it; {@code invalidCheckpoint} the first signed checkpoint that the recomputed chain or its signature
 * contradicts. The reasons are defined in the README ("Auditing the ledger").
 */
public record VerificationReport(
        boolean valid,
        long checkedEvents,
        Long headLedgerSeq,
        String headHash,
        Fault firstInvalid,
        long checkedCheckpoints,
        CheckpointFault invalidCheckpoint) {

    public enum Reason {
        ALTERED,
        MISSING,
        REORDERED,
        INSERTED;

        @JsonValue
        public String wireName() {
            return name().toLowerCase();
        }
    }

    public enum CheckpointReason {
        /** The chain recomputed from the events does not reach the hash that was signed at that ledger position. */
        CHAIN_MISMATCH,
        /**
         * Signed by a key that is neither the service's own nor pinned in {@code ledger.signing.trusted-keys}: whoever
         * can write the database can sign with a key of their own, so such a signature proves nothing.
         */
        UNTRUSTED_KEY,
        /** The signature does not verify with the trusted key that the checkpoint names. */
        BAD_SIGNATURE;

        @JsonValue
        public String wireName() {
            return name().toLowerCase().replace('_', '-');
        }
    }

    /** {@code ledgerSeq} is null for an event the chain never recorded (inserted, or not yet sequenced). */
    public record Fault(Long ledgerSeq, UUID complaintId, Integer version, Reason reason) {}

    public record CheckpointFault(long ledgerSeq, CheckpointReason reason) {}
}
