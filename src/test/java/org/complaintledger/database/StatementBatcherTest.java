package org.complaintledger.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * The batched statement on the real database, with a table of the schema whose CHECK can refuse a row: rows sent from
 * racing threads all land, some of them together, and a row the database refuses fails alone, its batch's other rows
 * landing all the same.
 */
@QuarkusTest
class StatementBatcherTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Pool pool;

    @Test
    void racing_rows_all_land_and_a_refused_row_fails_alone() {
        StatementBatcher batcher = new StatementBatcher(
                pool.getDelegate(),
                "INSERT INTO notification_preferences (complaint_id, channel, language) VALUES ($1, $2, 'id')",
                16);
        List<UUID> ids = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<String>> answers = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                UUID id = UUID.randomUUID();
                ids.add(id);
                // every hundredth row names a channel the CHECK refuses: the database refuses it, and only it
                String channel = i % 100 == 7 ? "PIGEON" : "NONE";
                answers.add(CompletableFuture.supplyAsync(
                        () -> batcher.execute(Tuple.of(id, channel))
                                .map(ok -> "ok")
                                .onFailure()
                                .recoverWithItem(failure -> "refused")
                                .await()
                                .atMost(WAIT),
                        threads));
            }
            List<String> outcomes =
                    answers.stream().map(CompletableFuture::join).toList();
            assertThat(outcomes.stream().filter("refused"::equals)).hasSize(4);
            assertThat(outcomes.stream().filter("ok"::equals)).hasSize(396);
            var stored = pool.preparedQuery("SELECT count(*), count(DISTINCT xmin::text) FROM notification_preferences "
                            + "WHERE complaint_id = ANY($1)")
                    .execute(io.vertx.mutiny.sqlclient.Tuple.of(ids.toArray(UUID[]::new)))
                    .await()
                    .atMost(WAIT)
                    .iterator()
                    .next();
            assertThat(stored.getLong(0)).isEqualTo(396);
            // a batch is one transaction: fewer inserting transactions than rows means rows went out together
            assertThat(stored.getLong(1)).isLessThan(396);
        } finally {
            threads.shutdownNow();
            pool.preparedQuery("DELETE FROM notification_preferences WHERE complaint_id = ANY($1)")
                    .execute(io.vertx.mutiny.sqlclient.Tuple.of(ids.toArray(UUID[]::new)))
                    .await()
                    .atMost(WAIT);
        }
    }
}
