package org.complaintledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.complaintledger.ledger.LedgerProbe.rows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.complaintledger.complaint.Actor;
import org.complaintledger.complaint.Complaint;
import org.complaintledger.complaint.ComplaintCommand;
import org.complaintledger.complaint.Status;
import org.complaintledger.complaint.handling.ComplaintCommandHandler;
import org.complaintledger.complaint.handling.ComplaintHistory;
import org.junit.jupiter.api.Test;

/**
 * A complaint whose history was written before follow-up-posted had a version 2: its stored events keep their
 * version-1 data byte for byte, still verify, read into today's records, and take new (version-2) events on top.
 */
@QuarkusTest
class StoredVersionOneHistoryTest {

    private static final List<String> HISTORY = List.of(
            "complaint.submitted",
            "complaint.verified",
            "complaint.dispatched",
            "complaint.acknowledged",
            "complaint.follow-up-posted");

    @Inject
    Pool pool;

    @Inject
    LedgerVerifier verifier;

    @Inject
    ComplaintHistory history;

    @Inject
    ComplaintCommandHandler commands;

    @Inject
    Clock clock;

    @Test
    void a_history_written_in_version_1_verifies_reads_upcast_and_goes_on_in_version_2() throws Exception {
        UUID complaint = UUID.randomUUID();
        List<EventEnvelope> written = writeAsTheVersionOneWriterDid(complaint);
        assertThat(written.getLast().schemaVersion()).isEqualTo(1);
        assertThat(verifier.verifyStream(complaint).await().indefinitely().valid())
                .isTrue();

        Complaint state = history.current(complaint).await().indefinitely();
        assertThat(state.status()).isEqualTo(Status.RESPONDED);
        // the decider keeps no follow-ups; the read model's fold shows the upcast one
        assertThat(history.currentSummary(complaint).await().indefinitely().followUps())
                .singleElement()
                .satisfies(followUp -> {
                    assertThat(followUp.message()).isEqualTo("Patched on 9 March");
                    assertThat(followUp.actionTakenOn()).isNull();
                });

        // the complainant accepts: the write side sources the v1 follow-up through the upcaster and chains onto it
        commands.execute(
                        new ComplaintCommand.Accept(
                                complaint,
                                Actor.citizen("citizen-1"),
                                clock.instant().truncatedTo(ChronoUnit.MILLIS),
                                5,
                                "Terima kasih"),
                        new ComplaintCommandHandler.Directives(
                                null, null, null, null, ComplaintCommandHandler.Effect.CHANGED, "stored-v1"))
                .await()
                .indefinitely();

        List<Row> stored = rows(pool, """
                SELECT stream_version, schema_version, data::text AS data, previous_hash, hash FROM events
                 WHERE stream_id = $1 ORDER BY stream_version""", Tuple.of(complaint));
        assertThat(stored).hasSize(HISTORY.size() + 2);
        Row followUp = stored.get(HISTORY.size() - 1);
        assertThat(followUp.getInteger("schema_version")).isEqualTo(1);
        assertThat(new ObjectMapper().readTree(followUp.getString("data")))
                .isEqualTo(written.getLast().data());
        assertThat(followUp.getString("hash")).isEqualTo(written.getLast().hash());
        assertThat(stored.get(HISTORY.size()).getString("previous_hash"))
                .isEqualTo(written.getLast().hash());
        assertThat(verifier.verifyStream(complaint).await().indefinitely().valid())
                .isTrue();
        assertThat(history.current(complaint).await().indefinitely().status()).isEqualTo(Status.COMPLETED);
    }

    /** The golden events of version 1, re-chained as one complaint's stream, inserted the way the writer did. */
    private List<EventEnvelope> writeAsTheVersionOneWriterDid(UUID complaint) {
        List<EventEnvelope> envelopes = new ArrayList<>();
        String previousHash = EventEnvelope.GENESIS_HASH;
        Instant recordedAt = EventEnvelope.millis(clock.instant());
        for (String type : HISTORY) {
            EventEnvelope golden = GoldenEventsTest.envelope(
                    GoldenEventsTest.read(GoldenEventsTest.GOLDEN.resolve(type + "/v1.json")));
            ObjectNode data = golden.data().deepCopy();
            if (data.has("trackingNumber")) {
                // tracking numbers are unique across the ledger's complaints
                data.put(
                        "trackingNumber",
                        "LPR-" + complaint.toString().substring(0, 4).toUpperCase() + "-V1V1");
            }
            EventEnvelope envelope = EventEnvelope.sealed(
                    complaint,
                    envelopes.size() + 1,
                    UUID.randomUUID(),
                    golden.type(),
                    golden.schemaVersion(),
                    golden.occurredAt(),
                    recordedAt,
                    golden.actor(),
                    data,
                    previousHash);
            envelopes.add(envelope);
            previousHash = envelope.hash();
        }
        pool.withTransaction(connection -> {
                    Future<Void> inserts = Future.succeededFuture();
                    for (EventEnvelope envelope : envelopes) {
                        inserts = inserts.compose(x -> connection
                                .preparedQuery(RawEvents.INSERT)
                                .execute(RawEvents.parameters(envelope))
                                .<Void>mapEmpty());
                    }
                    return inserts;
                })
                .toCompletionStage()
                .toCompletableFuture()
                .join();
        return envelopes;
    }
}
