package org.complaintledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.IntStream;
import org.axonframework.eventsourcing.eventstore.AppendEventsTransactionRejectedException;
import org.complaintledger.complaint.codec.ComplaintEventCodec;
import org.junit.jupiter.api.Test;

/**
 * The engine's whole contract with group commit on (every test of the contract runs here), and what
 * group commit adds: concurrent appends share transactions, and a refused one fails alone.
 */
@QuarkusTest
class GroupCommitEngineTest extends StorageEngineContract {

    @Override
    PgEventStorageEngine newEngine() {
        // two flushes in flight at most, so that appends queue up and batch even on a fast database
        return new PgEventStorageEngine(
                pool,
                new ComplaintEventCodec(new EventSchemas()),
                clock,
                new SimpleMeterRegistry(),
                32,
                2,
                Duration.ZERO);
    }

    @Test
    void concurrent_appends_share_transactions_and_the_refused_ones_fail_alone() throws Exception {
        List<UUID> streams =
                IntStream.range(0, 200).mapToObj(i -> UUID.randomUUID()).toList();
        UUID contested = UUID.randomUUID();
        StreamHead stale = driver.head(contested).get();
        driver.appendOne(contested, "winner").get();
        UUID keyOwner = UUID.randomUUID();
        UUID keyThief = UUID.randomUUID();
        Map<String, String> key = Map.of(
                AppendMetadata.IDEMPOTENCY_SCOPE,
                "op-7",
                AppendMetadata.IDEMPOTENCY_KEY,
                "shared-" + keyOwner,
                AppendMetadata.REQUEST_HASH,
                "b".repeat(64));
        StreamHead ownerHead = driver.head(keyOwner).get();
        StreamHead thiefHead = driver.head(keyThief).get();
        List<StreamHead> heads = new ArrayList<>();
        for (UUID stream : streams) {
            heads.add(driver.head(stream).get());
        }

        // all at once, so that all but the first two queue: the stale writer and the second user of one key land
        // in batches with the others
        CompletableFuture<StreamHead> loser = null;
        List<CompletableFuture<StreamHead>> appends = new ArrayList<>();
        for (int i = 0; i < streams.size(); i++) {
            appends.add(driver.append(
                    heads.get(i),
                    List.of(
                            EngineDriver.filed(streams.get(i), "batched"),
                            EngineDriver.event(streams.get(i), "batched too")),
                    Map.of()));
            if (i == 50) {
                loser = driver.append(stale, List.of(EngineDriver.filed(contested, "loser")), Map.of());
            }
            if (i == 100) {
                appends.add(driver.append(ownerHead, List.of(EngineDriver.filed(keyOwner, "keyed")), key));
            }
        }
        CompletableFuture<StreamHead> thief =
                driver.append(thiefHead, List.of(EngineDriver.filed(keyThief, "same key")), key);

        CompletableFuture.allOf(appends.toArray(CompletableFuture[]::new)).get();
        assertThatThrownBy(loser::join)
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(AppendEventsTransactionRejectedException.class);
        assertThatThrownBy(thief::join).hasCauseInstanceOf(IdempotencyKeyTakenException.class);
        assertThat(versions(contested)).containsExactly(1);
        assertThat(versions(keyThief)).isEmpty();
        assertThat(versions(keyOwner)).containsExactly(1);

        Row stored = query("""
                SELECT count(*) AS events, count(DISTINCT tx) AS transactions,
                       bool_and(previous_hash = CASE WHEN stream_version = 1 THEN repeat('0', 64) ELSE previous_hash END)
                           AS chained_from_zero
                  FROM events WHERE stream_id = ANY($1)""", Tuple.of(streams.toArray(UUID[]::new)));
        assertThat(stored.getLong("events")).isEqualTo(400);
        assertThat(stored.getBoolean("chained_from_zero")).isTrue();
        assertThat(stored.getLong("transactions"))
                .as("appends shared transactions")
                .isLessThan(200);
        for (UUID stream : streams.subList(0, 5)) {
            assertThat(versions(stream)).containsExactly(1, 2);
        }
    }
}
