package org.complaintledger.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.complaintledger.ledger.VerificationReport.CheckpointFault;
import org.complaintledger.ledger.VerificationReport.CheckpointReason;
import org.complaintledger.ledger.VerificationReport.Fault;
import org.complaintledger.ledger.VerificationReport.Reason;

/**
 * The verification itself, as a pure walk over rows already read and hashed: no database, no clock, so it is unit
 * tested on hand-built chains ({@code ChainWalkTest}). {@link LedgerVerifier} reads the rows and feeds them in
 * pages; the checks run in the README's order and stop at the first fault. Touched by one step at a time.
 */
final class ChainWalk {

    /**
     * One ledger row or stored event after hashing: the chain's record (null if none) and the stored event (null if
     * gone). {@code linkedChainHash}, when not null, is {@link LedgerChain#next} of {@code previousChainHash} (the
     * stored chain hash of the row before) and {@code chainEventHash}, computed on the hashing workers; the walk uses
     * it only where the chain it recomputed equals that stored hash, which on a sound ledger is every row, and links
     * the row itself otherwise.
     */
    record Checked(
            Long ledgerSeq,
            Long chainTx,
            Long chainPosition,
            UUID chainStream,
            Integer chainVersion,
            String chainEventHash,
            String chainHash,
            String previousChainHash,
            EventEnvelope event,
            Long tx,
            Long position,
            boolean contentIntact,
            boolean hasPredecessor,
            String predecessorHash,
            Boolean previousElsewhere,
            String checkpointHash,
            Instant checkpointSignedAt,
            String checkpointKeyId,
            String checkpointSignature,
            String linkedChainHash) {}

    /** An event stored behind the sequencer's cursor that the chain does not account for. */
    record Inserted(long tx, long position, UUID streamId, int version) {}

    private final Map<String, String> publicKeys;
    private final LedgerSequencer.Head head;
    private long expectedLedgerSeq = 1;
    private String chain = LedgerChain.GENESIS;
    private long checkedEvents;
    private long checkedCheckpoints;
    private Long lastSeq;
    private String lastChainHash;
    private Fault firstInvalid;
    private CheckpointFault invalidCheckpoint;
    private long faultTx;
    private long faultPosition;

    ChainWalk(Map<String, String> publicKeys, LedgerSequencer.Head head) {
        this.publicKeys = publicKeys;
        this.head = head;
    }

    void checkLedger(List<Checked> page) {
        for (Checked row : page) {
            if (row.ledgerSeq() != expectedLedgerSeq) {
                fault(row, new Fault(expectedLedgerSeq, null, null, Reason.MISSING));
                return;
            }
            expectedLedgerSeq++;
            if (!check(row, chain)) {
                return;
            }
        }
    }

    void checkStream(List<Checked> rows) {
        for (Checked row : rows) {
            String previousChain = null;
            if (row.ledgerSeq() != null) {
                previousChain = row.ledgerSeq() == 1 ? LedgerChain.GENESIS : row.previousChainHash();
                if (previousChain == null) {
                    fault(row, new Fault(row.ledgerSeq() - 1, null, null, Reason.MISSING));
                    return;
                }
            }
            if (!check(row, previousChain)) {
                return;
            }
        }
    }

    /** The checks in the README's order; false once a fault is recorded. */
    private boolean check(Checked row, String previousChain) {
        EventEnvelope event = row.event();
        if (event == null) {
            return fault(row, new Fault(row.ledgerSeq(), row.chainStream(), row.chainVersion(), Reason.MISSING));
        }
        if (row.ledgerSeq() != null) {
            if (!event.complaintId().equals(row.chainStream())) {
                return fault(row, new Fault(row.ledgerSeq(), row.chainStream(), row.chainVersion(), Reason.ALTERED));
            }
            if (event.version() != row.chainVersion()) {
                return fault(row, new Fault(row.ledgerSeq(), row.chainStream(), row.chainVersion(), Reason.REORDERED));
            }
        } else if (behindCursor(row.tx(), row.position())) {
            return fault(row, new Fault(null, event.complaintId(), event.version(), Reason.INSERTED));
        }
        Reason link = brokenLink(row);
        if (link != null) {
            int version = link == Reason.MISSING ? event.version() - 1 : event.version();
            return fault(row, new Fault(row.ledgerSeq(), event.complaintId(), version, link));
        }
        if (!row.contentIntact() || row.ledgerSeq() != null && !event.hash().equals(row.chainEventHash())) {
            return fault(row, new Fault(row.ledgerSeq(), event.complaintId(), event.version(), Reason.ALTERED));
        }
        if (row.ledgerSeq() != null) {
            String recomputed = row.linkedChainHash() != null && previousChain.equals(row.previousChainHash())
                    ? row.linkedChainHash()
                    : LedgerChain.next(previousChain, row.chainEventHash());
            if (!recomputed.equals(row.chainHash())) {
                return fault(row, new Fault(row.ledgerSeq(), event.complaintId(), event.version(), Reason.ALTERED));
            }
            chain = recomputed;
            lastSeq = row.ledgerSeq();
            lastChainHash = recomputed;
            checkCheckpoint(row, recomputed);
        }
        checkedEvents++;
        return true;
    }

    private static Reason brokenLink(Checked row) {
        EventEnvelope event = row.event();
        if (event.version() == 1) {
            return event.previousHash().equals(EventEnvelope.GENESIS_HASH) ? null : Reason.ALTERED;
        }
        if (!row.hasPredecessor()) {
            return Reason.MISSING;
        }
        if (event.previousHash().equals(row.predecessorHash())) {
            return null;
        }
        return Boolean.TRUE.equals(row.previousElsewhere()) ? Reason.REORDERED : Reason.ALTERED;
    }

    private void checkCheckpoint(Checked row, String recomputed) {
        if (row.checkpointHash() == null) {
            return;
        }
        checkedCheckpoints++;
        if (invalidCheckpoint != null) {
            return;
        }
        if (!row.checkpointHash().equals(recomputed)) {
            invalidCheckpoint = new CheckpointFault(row.ledgerSeq(), CheckpointReason.CHAIN_MISMATCH);
        } else if (!publicKeys.containsKey(row.checkpointKeyId())) {
            invalidCheckpoint = new CheckpointFault(row.ledgerSeq(), CheckpointReason.UNTRUSTED_KEY);
        } else if (!LedgerSigner.verifies(
                publicKeys.get(row.checkpointKeyId()),
                row.ledgerSeq(),
                row.checkpointHash(),
                row.checkpointSignedAt(),
                row.checkpointSignature())) {
            invalidCheckpoint = new CheckpointFault(row.ledgerSeq(), CheckpointReason.BAD_SIGNATURE);
        }
    }

    private boolean behindCursor(long tx, long position) {
        return head != null && (tx < head.tx() || tx == head.tx() && position <= head.position());
    }

    private boolean fault(Checked row, Fault fault) {
        firstInvalid = fault;
        faultTx = row.chainTx() != null ? row.chainTx() : row.tx();
        faultPosition = row.chainPosition() != null ? row.chainPosition() : row.position();
        return false;
    }

    /** A forged event behind the sequencer comes first if its place in horizon order precedes the walk's fault. */
    void noticeInserted(Inserted forged) {
        if (forged == null) {
            return;
        }
        if (firstInvalid == null
                || forged.tx() < faultTx
                || forged.tx() == faultTx && forged.position() < faultPosition) {
            firstInvalid = new Fault(null, forged.streamId(), forged.version(), Reason.INSERTED);
        }
    }

    LedgerSequencer.Head head() {
        return head;
    }

    boolean faulted() {
        return firstInvalid != null;
    }

    VerificationReport report() {
        boolean valid = firstInvalid == null && invalidCheckpoint == null;
        return new VerificationReport(
                valid, checkedEvents, lastSeq, lastChainHash, firstInvalid, checkedCheckpoints, invalidCheckpoint);
    }
}
