package org.complaintledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.complaintledger.ledger.VerificationReport.Fault;
import org.complaintledger.ledger.VerificationReport.Reason;
import org.junit.jupiter.api.Test;

/**
 * The verifier's chain walk on hand-built ledgers, without a database: what a sound chain reports, and which fault a
 * removed, altered, reordered or inserted event gives. The database side (reading and tampering with real rows) is
 * {@code LedgerVerificationTest}.
 */
class ChainWalkTest {

    private static final Instant AT = Instant.parse("2026-11-27T10:15:30.123Z");
    private static final UUID STREAM = UUID.fromString("7d1f8a52-3c1e-4b7a-9f0e-2d6c5b4a3e21");

    /** A sound ledger of {@code n} events of one stream, sequenced 1..n, with no checkpoints. */
    private static List<ChainWalk.Checked> ledger(int n) {
        List<ChainWalk.Checked> rows = new ArrayList<>();
        String previousHash = EventEnvelope.GENESIS_HASH;
        String chain = LedgerChain.GENESIS;
        for (int version = 1; version <= n; version++) {
            EventEnvelope event = EventEnvelope.sealed(
                    STREAM,
                    version,
                    new UUID(0, version),
                    "complaint.test",
                    1,
                    AT,
                    AT,
                    new EventEnvelope.EventActor("op-7", "operator", null),
                    JsonNodeFactory.instance.objectNode().put("n", version),
                    previousHash);
            String next = LedgerChain.next(chain, event.hash());
            rows.add(row(version, event, next, version == 1 ? null : previousHash, chain));
            previousHash = event.hash();
            chain = next;
        }
        return rows;
    }

    private static ChainWalk.Checked row(
            long seq, EventEnvelope event, String chainHash, String predecessorHash, String previousChainHash) {
        return new ChainWalk.Checked(
                seq,
                seq,
                seq,
                event.complaintId(),
                event.version(),
                event.hash(),
                chainHash,
                previousChainHash,
                event,
                seq,
                seq,
                event.computeHash().equals(event.hash()),
                event.version() > 1,
                predecessorHash,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    private static VerificationReport walk(List<ChainWalk.Checked> rows) {
        ChainWalk walk = new ChainWalk(Map.of(), null);
        walk.checkLedger(rows);
        return walk.report();
    }

    @Test
    void a_sound_chain_is_valid_and_reports_its_head() {
        List<ChainWalk.Checked> rows = ledger(3);

        VerificationReport report = walk(rows);

        assertThat(report.valid()).isTrue();
        assertThat(report.checkedEvents()).isEqualTo(3);
        assertThat(report.headLedgerSeq()).isEqualTo(3L);
        assertThat(report.headHash()).isEqualTo(rows.get(2).chainHash());
    }

    /** The ledger's last row with a checkpoint over its chain hash, signed by {@code signer}. */
    private static List<ChainWalk.Checked> withCheckpoint(List<ChainWalk.Checked> rows, LedgerSigner signer) {
        List<ChainWalk.Checked> signed = new ArrayList<>(rows);
        ChainWalk.Checked last = signed.removeLast();
        String signature = signer.sign(last.ledgerSeq(), last.chainHash(), AT);
        signed.add(new ChainWalk.Checked(
                last.ledgerSeq(),
                last.chainTx(),
                last.chainPosition(),
                last.chainStream(),
                last.chainVersion(),
                last.chainEventHash(),
                last.chainHash(),
                last.previousChainHash(),
                last.event(),
                last.tx(),
                last.position(),
                last.contentIntact(),
                last.hasPredecessor(),
                last.predecessorHash(),
                last.previousElsewhere(),
                last.chainHash(),
                AT,
                signer.keyId(),
                signature,
                null));
        return signed;
    }

    private static LedgerSigner signer() throws Exception {
        return new LedgerSigner(java.security.KeyPairGenerator.getInstance(LedgerSigner.ALGORITHM)
                .generateKeyPair());
    }

    @Test
    void a_checkpoint_by_a_trusted_key_verifies_and_one_by_any_other_key_is_untrusted() throws Exception {
        LedgerSigner trusted = signer();
        LedgerSigner stranger = signer();
        Map<String, String> keys = Map.of(trusted.keyId(), trusted.publicKeyPem());

        ChainWalk sound = new ChainWalk(keys, null);
        sound.checkLedger(withCheckpoint(ledger(3), trusted));
        assertThat(sound.report().valid()).isTrue();
        assertThat(sound.report().checkedCheckpoints()).isEqualTo(1);

        ChainWalk forged = new ChainWalk(keys, null);
        forged.checkLedger(withCheckpoint(ledger(3), stranger));
        assertThat(forged.report().valid()).isFalse();
        assertThat(forged.report().invalidCheckpoint())
                .isEqualTo(
                        new VerificationReport.CheckpointFault(3, VerificationReport.CheckpointReason.UNTRUSTED_KEY));
    }

    @Test
    void a_checkpoint_whose_signature_does_not_match_its_trusted_key_is_a_bad_signature() throws Exception {
        LedgerSigner trusted = signer();
        LedgerSigner stranger = signer();
        // the checkpoint names the trusted key but carries the stranger's signature
        Map<String, String> keys = Map.of(stranger.keyId(), trusted.publicKeyPem());
        ChainWalk walk = new ChainWalk(keys, null);
        walk.checkLedger(withCheckpoint(ledger(2), stranger));
        assertThat(walk.report().invalidCheckpoint().reason())
                .isEqualTo(VerificationReport.CheckpointReason.BAD_SIGNATURE);
    }

    @Test
    void a_chain_read_in_pages_gives_the_same_report_as_in_one() {
        List<ChainWalk.Checked> rows = ledger(5);
        ChainWalk walk = new ChainWalk(Map.of(), null);

        walk.checkLedger(rows.subList(0, 2));
        walk.checkLedger(rows.subList(2, 5));

        assertThat(walk.report()).isEqualTo(walk(rows));
    }

    @Test
    void a_gap_in_the_ledger_sequence_is_a_missing_entry() {
        List<ChainWalk.Checked> rows = new ArrayList<>(ledger(3));
        rows.remove(1);

        VerificationReport report = walk(rows);

        assertThat(report.valid()).isFalse();
        assertThat(report.firstInvalid()).isEqualTo(new Fault(2L, null, null, Reason.MISSING));
    }

    @Test
    void an_event_whose_content_no_longer_matches_its_hash_is_altered() {
        List<ChainWalk.Checked> rows = new ArrayList<>(ledger(3));
        ChainWalk.Checked second = rows.get(1);
        EventEnvelope event = second.event();
        EventEnvelope altered = new EventEnvelope(
                event.complaintId(),
                event.version(),
                event.eventId(),
                event.type(),
                event.schemaVersion(),
                event.occurredAt(),
                event.recordedAt(),
                event.actor(),
                JsonNodeFactory.instance.objectNode().put("n", 99),
                event.previousHash(),
                event.hash());
        rows.set(1, row(2, altered, second.chainHash(), second.predecessorHash(), second.previousChainHash()));

        VerificationReport report = walk(rows);

        assertThat(report.firstInvalid()).isEqualTo(new Fault(2L, STREAM, 2, Reason.ALTERED));
        assertThat(report.checkedEvents()).isEqualTo(1);
    }

    @Test
    void an_event_stored_at_another_version_than_the_chain_recorded_is_reordered() {
        List<ChainWalk.Checked> rows = new ArrayList<>(ledger(2));
        ChainWalk.Checked first = rows.getFirst();
        rows.set(
                0,
                new ChainWalk.Checked(
                        first.ledgerSeq(),
                        first.chainTx(),
                        first.chainPosition(),
                        STREAM,
                        2,
                        first.chainEventHash(),
                        first.chainHash(),
                        first.previousChainHash(),
                        first.event(),
                        first.tx(),
                        first.position(),
                        true,
                        false,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null));

        assertThat(walk(rows).firstInvalid()).isEqualTo(new Fault(1L, STREAM, 2, Reason.REORDERED));
    }

    @Test
    void a_chain_hash_that_does_not_follow_from_its_predecessor_is_altered() {
        List<ChainWalk.Checked> rows = new ArrayList<>(ledger(2));
        ChainWalk.Checked second = rows.get(1);
        rows.set(1, row(2, second.event(), "f".repeat(64), second.predecessorHash(), second.previousChainHash()));

        assertThat(walk(rows).firstInvalid()).isEqualTo(new Fault(2L, STREAM, 2, Reason.ALTERED));
    }

    @Test
    void an_event_inserted_behind_the_sequencer_before_the_first_fault_is_reported_first() {
        List<ChainWalk.Checked> rows = new ArrayList<>(ledger(3));
        rows.remove(2);
        rows.add(row(4, ledger(4).get(3).event(), "0".repeat(64), null, null));
        ChainWalk walk = new ChainWalk(Map.of(), null);
        walk.checkLedger(rows);
        UUID forged = UUID.fromString("00000000-0000-0000-0000-00000000000f");

        walk.noticeInserted(new ChainWalk.Inserted(1, 0, forged, 1));

        assertThat(walk.report().firstInvalid()).isEqualTo(new Fault(null, forged, 1, Reason.INSERTED));
    }

    /** The row with its chain link computed ahead, as the verifier's hashing workers do, from {@code basis}. */
    private static ChainWalk.Checked linkedFrom(ChainWalk.Checked row, String basis, String linked) {
        return new ChainWalk.Checked(
                row.ledgerSeq(),
                row.chainTx(),
                row.chainPosition(),
                row.chainStream(),
                row.chainVersion(),
                row.chainEventHash(),
                row.chainHash(),
                basis,
                row.event(),
                row.tx(),
                row.position(),
                row.contentIntact(),
                row.hasPredecessor(),
                row.predecessorHash(),
                row.previousElsewhere(),
                row.checkpointHash(),
                row.checkpointSignedAt(),
                row.checkpointKeyId(),
                row.checkpointSignature(),
                linked);
    }

    @Test
    void links_computed_ahead_from_the_stored_chain_verify_as_the_walk_would_link_them() {
        List<ChainWalk.Checked> rows = new ArrayList<>(ledger(3));
        for (int i = 1; i < rows.size(); i++) {
            String basis = rows.get(i - 1).chainHash();
            rows.set(
                    i,
                    linkedFrom(
                            rows.get(i),
                            basis,
                            LedgerChain.next(basis, rows.get(i).chainEventHash())));
        }

        VerificationReport report = walk(rows);

        assertThat(report.valid()).isTrue();
        assertThat(report.headHash()).isEqualTo(rows.get(2).chainHash());
    }

    @Test
    void a_link_computed_ahead_from_another_chain_than_the_walks_is_not_trusted() {
        // a forger who rewrote row 2's chain hash and precomputed a link from some other basis to match it: the walk
        // links row 2 to the chain it recomputed itself, which is not that basis, and finds the chain hash altered
        List<ChainWalk.Checked> rows = new ArrayList<>(ledger(2));
        String otherBasis = "f".repeat(64);
        String forged = LedgerChain.next(otherBasis, rows.get(1).chainEventHash());
        ChainWalk.Checked second = rows.get(1);
        rows.set(
                1,
                linkedFrom(
                        new ChainWalk.Checked(
                                second.ledgerSeq(),
                                second.chainTx(),
                                second.chainPosition(),
                                second.chainStream(),
                                second.chainVersion(),
                                second.chainEventHash(),
                                forged,
                                second.previousChainHash(),
                                second.event(),
                                second.tx(),
                                second.position(),
                                second.contentIntact(),
                                second.hasPredecessor(),
                                second.predecessorHash(),
                                second.previousElsewhere(),
                                null,
                                null,
                                null,
                                null,
                                null),
                        otherBasis,
                        forged));

        VerificationReport report = walk(rows);

        assertThat(report.valid()).isFalse();
        assertThat(report.firstInvalid()).isEqualTo(new Fault(2L, STREAM, 2, Reason.ALTERED));
    }
}
