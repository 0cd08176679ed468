package org.complaintledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.complaintledger.ledger.LedgerProbe.awaitSequenced;
import static org.complaintledger.ledger.LedgerProbe.rows;
import static org.complaintledger.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.complaintledger.support.Api;
import org.complaintledger.support.Scrape;
import org.complaintledger.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * Verification against real tampering: as a superuser with the append-only trigger disabled for the one transaction.
 * Each test tampers with a complaint of its own and puts every row back afterwards (see {@link Tampering}), so the
 * whole-ledger verifications here and elsewhere never see another test's tampering.
 */
@QuarkusTest
class LedgerVerificationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Pool pool;

    @Test
    void an_untouched_complaint_and_the_whole_ledger_verify_with_their_checkpoints() {
        String id = Api.dispatched("warga-verify");
        List<Long> seqs = awaitSequenced(pool, UUID.fromString(id));

        verify(id)
                .body("valid", equalTo(true))
                .body("checkedEvents", equalTo(6))
                .body("headLedgerSeq", equalTo(seqs.getLast().intValue()))
                .body("firstInvalid", nullValue());
        verifyLedger()
                .body("valid", equalTo(true))
                .body("checkedEvents", greaterThan(5))
                .body("headHash", matchesPattern("[0-9a-f]{64}"))
                .body("checkedCheckpoints", greaterThan(0))
                .body("firstInvalid", nullValue())
                .body("invalidCheckpoint", nullValue());
    }

    @Test
    void an_altered_payload_is_reported_as_altered_at_that_event() throws Exception {
        String id = Api.dispatched("warga-altered");
        UUID complaint = UUID.fromString(id);
        List<Long> seqs = awaitSequenced(pool, complaint);
        try (Tampering tampering = new Tampering()) {
            tampering.mergeIntoData(complaint, 5, "{\"agencyId\":\"dinkes\"}");

            assertFirstInvalid(verify(id), seqs.get(4), id, 5, "altered");
        }
        verify(id).body("valid", equalTo(true));
    }

    @Test
    void a_deleted_event_is_reported_as_missing_at_its_ledger_seq() throws Exception {
        String id = Api.dispatched("warga-missing");
        UUID complaint = UUID.fromString(id);
        List<Long> seqs = awaitSequenced(pool, complaint);
        try (Tampering tampering = new Tampering()) {
            tampering.delete(complaint, 2);

            assertFirstInvalid(verify(id), seqs.get(1), id, 2, "missing");
        }
        verify(id).body("valid", equalTo(true));
    }

    @Test
    void two_swapped_versions_are_reported_as_reordered_at_the_first_of_them() throws Exception {
        String id = Api.dispatched("warga-reordered");
        UUID complaint = UUID.fromString(id);
        List<Long> seqs = awaitSequenced(pool, complaint);
        try (Tampering tampering = new Tampering()) {
            tampering.swap(complaint, 2, 3);

            assertFirstInvalid(verify(id), seqs.get(1), id, 2, "reordered");
        }
        verify(id).body("valid", equalTo(true));
    }

    @Test
    void a_forged_event_slipped_in_behind_the_sequencer_is_reported_as_inserted() throws Exception {
        String id = Api.dispatched("warga-inserted");
        UUID complaint = UUID.fromString(id);
        awaitSequenced(pool, complaint);
        // a competent forger: the next version, chained to the real head, hashed exactly as the writer does, and
        // placed in the filing's transaction, which the sequencer passed when it took the dispatch after it
        Row head = LedgerProbe.event(pool, complaint, 6);
        long filingTx = LedgerProbe.event(pool, complaint, 1).getLong("tx");
        EventEnvelope forged = forgedFollowUp(complaint, 7, head.getString("hash"));
        try (Tampering tampering = new Tampering()) {
            tampering.forge(forged, filingTx);

            assertFirstInvalid(verify(id), null, id, 7, "inserted");
            assertFirstInvalid(verifyLedger(), null, id, 7, "inserted");
        }
        verify(id).body("valid", equalTo(true));
    }

    @Test
    void the_whole_ledger_verification_reports_the_first_tampered_event_and_everything_before_it_as_checked()
            throws Exception {
        String id = Api.dispatched("warga-whole");
        UUID complaint = UUID.fromString(id);
        List<Long> seqs = awaitSequenced(pool, complaint);
        Scrape before = Scrape.now();
        try (Tampering tampering = new Tampering()) {
            tampering.mergeIntoData(complaint, 4, "{\"category\":\"HEALTH\"}");

            assertFirstInvalid(verifyLedger(), seqs.get(3), id, 4, "altered")
                    .body("checkedEvents", equalTo(seqs.get(3).intValue() - 1));
        }
        // what an alert on a scheduled verification watches
        Scrape after = Scrape.now();
        assertThat(after.valueOrZero("ledger_verification_failures_total", "scope", "ledger", "reason", "altered")
                        - before.valueOrZero(
                                "ledger_verification_failures_total", "scope", "ledger", "reason", "altered"))
                .isEqualTo(1);
        assertThat(after.valueOrZero("ledger_verification_seconds_count", "scope", "ledger", "outcome", "invalid")
                        - before.valueOrZero(
                                "ledger_verification_seconds_count", "scope", "ledger", "outcome", "invalid"))
                .isEqualTo(1);
        verifyLedger().body("valid", equalTo(true));
    }

    @Test
    void a_history_rewritten_with_every_hash_recomputed_is_caught_by_a_signed_checkpoint() throws Exception {
        String id = Api.dispatched("warga-rewritten");
        UUID complaint = UUID.fromString(id);
        long first = awaitSequenced(pool, complaint).getFirst();
        long checkpoint = awaitCheckpointAtOrAfter(first);
        try (Tampering tampering = new Tampering()) {
            tampering.holdSequencers();
            // the forger rewrites the filing's title, then every hash that depends on it: the rest of the stream,
            // and the chain from the filing to the head; only the signed checkpoint is beyond their reach
            Map<Integer, String> rewritten = new java.util.HashMap<>();
            String previous = EventEnvelope.GENESIS_HASH;
            for (Row row : rows(
                    pool,
                    "SELECT " + LedgerReader.ENVELOPE_COLUMNS
                            + " FROM events e WHERE e.stream_id = $1 ORDER BY e.stream_version",
                    Tuple.of(complaint))) {
                EventEnvelope stored = LedgerReader.envelope(row);
                ObjectNode data = stored.data();
                if (stored.version() == 1) {
                    data.put("title", "Tidak ada masalah");
                }
                EventEnvelope forged = EventEnvelope.sealed(
                        stored.complaintId(),
                        stored.version(),
                        stored.eventId(),
                        stored.type(),
                        stored.schemaVersion(),
                        stored.occurredAt(),
                        stored.recordedAt(),
                        stored.actor(),
                        data,
                        previous);
                tampering.rewrite(complaint, stored.version(), JSON.writeValueAsString(data), previous, forged.hash());
                rewritten.put(stored.version(), forged.hash());
                previous = forged.hash();
            }
            List<String> eventHashes = new ArrayList<>();
            List<String> chainHashes = new ArrayList<>();
            String chain =
                    rows(pool, "SELECT chain_hash FROM ledger_chain WHERE ledger_seq = $1", Tuple.of(first - 1))
                            .stream()
                            .map(row -> row.getString(0))
                            .findFirst()
                            .orElse(LedgerChain.GENESIS);
            for (Row row : rows(
                    pool,
                    "SELECT stream_id, stream_version, hash FROM ledger_chain WHERE ledger_seq >= $1 "
                            + "ORDER BY ledger_seq",
                    Tuple.of(first))) {
                String hash = row.getUUID("stream_id").equals(complaint)
                        ? rewritten.get(row.getInteger("stream_version"))
                        : row.getString("hash");
                chain = LedgerChain.next(chain, hash);
                eventHashes.add(hash);
                chainHashes.add(chain);
            }
            tampering.rewriteChain(first, eventHashes, chainHashes);

            verifyLedger()
                    .body("valid", equalTo(false))
                    .body("firstInvalid", nullValue())
                    .body("invalidCheckpoint.ledgerSeq", equalTo((int) checkpoint))
                    .body("invalidCheckpoint.reason", equalTo("chain-mismatch"));
        }
        verifyLedger().body("valid", equalTo(true));
    }

    @Test
    void a_checkpoint_signature_verifies_with_the_jdks_ed25519_and_signs_the_chain_hash_at_its_ledger_seq()
            throws Exception {
        String id = Api.dispatched("warga-checkpoint");
        long checkpointSeq = awaitCheckpointAtOrAfter(
                awaitSequenced(pool, UUID.fromString(id)).getLast());
        var page = as(Tokens.auditor())
                .queryParam("after", checkpointSeq - 1)
                .queryParam("limit", 1)
                .get("/api/ledger/checkpoints")
                .then()
                .statusCode(200)
                .extract();
        String pem = page.path("publicKey");
        long seq = ((Number) page.path("checkpoints[0].ledgerSeq")).longValue();
        String hash = page.path("checkpoints[0].hash");
        String signedAt = page.path("checkpoints[0].signedAt");
        byte[] signature = Base64.getDecoder().decode((String) page.path("checkpoints[0].signature"));
        assertThat(signedAt).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(Instant.parse(signedAt)).isBefore(Instant.now().plusSeconds(1));

        var key = KeyFactory.getInstance("Ed25519")
                .generatePublic(new X509EncodedKeySpec(
                        Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""))));
        assertThat(verifies(key, seq + ":" + hash + ":" + signedAt, signature)).isTrue();
        assertThat(verifies(key, (seq + 1) + ":" + hash + ":" + signedAt, signature))
                .isFalse();
        assertThat(rows(pool, "SELECT chain_hash FROM ledger_chain WHERE ledger_seq = $1", Tuple.of(seq))
                        .getFirst()
                        .getString(0))
                .isEqualTo(hash);
    }

    @Test
    void ledger_events_come_in_ledger_order_page_by_page_with_a_cursor() {
        String id = Api.dispatched("warga-pages");
        long first = awaitSequenced(pool, UUID.fromString(id)).getFirst();
        var firstPage = as(Tokens.auditor())
                .queryParam("after", first - 1)
                .queryParam("limit", 2)
                .get("/api/ledger/events")
                .then()
                .statusCode(200)
                .body("events.ledgerSeq", equalTo(List.of((int) first, (int) first + 1)))
                .body("events[0].complaintId", equalTo(id))
                .body("events[0].version", equalTo(1))
                .body("events[0].chainHash", matchesPattern("[0-9a-f]{64}"))
                .extract();
        String cursor = firstPage.path("nextCursor");
        as(Tokens.auditor())
                .queryParam("after", cursor)
                .queryParam("limit", 2)
                .get("/api/ledger/events")
                .then()
                .statusCode(200)
                .body("events[0].ledgerSeq", equalTo((int) first + 2));
    }

    @Test
    void only_an_auditor_reads_the_ledger() {
        String id = Api.file("warga-ledger-roles");
        for (String token : List.of(Tokens.operator(), Tokens.ombudsman(), Tokens.citizen("warga-ledger-roles"))) {
            as(token).get("/api/ledger/verify").then().statusCode(403);
            as(token).get("/api/ledger/events").then().statusCode(403);
            as(token).get("/api/ledger/checkpoints").then().statusCode(403);
            as(token).get("/api/complaints/" + id + "/export").then().statusCode(403);
        }
        Api.as(Tokens.auditor())
                .get("/api/ledger/verify?complaintId=" + id)
                .then()
                .statusCode(200);
    }

    @Test
    void bad_ledger_parameters_are_answered_with_a_problem_not_a_server_error() {
        for (String query : List.of(
                "/api/ledger/events?after=-1",
                "/api/ledger/events?after=abc",
                "/api/ledger/events?limit=0",
                "/api/ledger/events?limit=1001",
                "/api/ledger/checkpoints?limit=x",
                "/api/ledger/verify?complaintId=not-a-uuid",
                "/api/complaints/not-a-uuid/export")) {
            as(Tokens.auditor())
                    .get(query)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("code", equalTo("request.invalid"));
        }
        as(Tokens.auditor())
                .get("/api/ledger/verify?complaintId=" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("complaint.not-found"));
        as(Tokens.auditor())
                .get("/api/complaints/" + UUID.randomUUID() + "/export")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    private static ValidatableResponse assertFirstInvalid(
            ValidatableResponse report, Long ledgerSeq, String id, int version, String reason) {
        return report.body("valid", equalTo(false))
                .body("firstInvalid.ledgerSeq", ledgerSeq == null ? nullValue() : equalTo(ledgerSeq.intValue()))
                .body("firstInvalid.complaintId", equalTo(id))
                .body("firstInvalid.version", equalTo(version))
                .body("firstInvalid.reason", equalTo(reason));
    }

    private static ValidatableResponse verify(String complaintId) {
        return as(Tokens.auditor())
                .queryParam("complaintId", complaintId)
                .get("/api/ledger/verify")
                .then()
                .statusCode(200);
    }

    private static ValidatableResponse verifyLedger() {
        return as(Tokens.auditor()).get("/api/ledger/verify").then().statusCode(200);
    }

    /** Files complaints until the sequencer has signed a checkpoint at or after {@code ledgerSeq}. */
    private long awaitCheckpointAtOrAfter(long ledgerSeq) {
        for (int attempt = 0; attempt < 40; attempt++) {
            var found = rows(
                            pool,
                            "SELECT min(ledger_seq) FROM ledger_checkpoints WHERE ledger_seq >= $1",
                            Tuple.of(ledgerSeq))
                    .getFirst()
                    .getLong(0);
            if (found != null) {
                return found;
            }
            awaitSequenced(pool, UUID.fromString(Api.file("warga-checkpoint-filler")));
        }
        throw new AssertionError("no checkpoint at or after " + ledgerSeq);
    }

    private static EventEnvelope forgedFollowUp(UUID complaint, int version, String previousHash) {
        ObjectNode data =
                JSON.createObjectNode().put("message", "Sudah diperbaiki").put("agencyId", "dinas-pupr");
        return EventEnvelope.sealed(
                complaint,
                version,
                UUID.randomUUID(),
                "complaint.follow-up-posted",
                1,
                Instant.parse("2026-01-02T03:04:05.678Z"),
                Instant.parse("2026-01-02T03:04:05.678Z"),
                new EventEnvelope.EventActor("officer-dinas-pupr", "agency-officer", "dinas-pupr"),
                data,
                previousHash);
    }

    private static boolean verifies(java.security.PublicKey key, String message, byte[] signature) throws Exception {
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(key);
        verifier.update(message.getBytes(StandardCharsets.UTF_8));
        return verifier.verify(signature);
    }
}
