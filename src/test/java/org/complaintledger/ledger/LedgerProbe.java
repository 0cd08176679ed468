package org.complaintledger.ledger;

import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Looks at the ledger tables straight from SQL, the way an auditor with database access would. */
public final class LedgerProbe {

    private LedgerProbe() {}

    /** Each event's ledger_seq in version order, null while not yet sequenced. */
    public static List<Long> ledgerSeqs(Pool pool, UUID stream) {
        List<Long> seqs = new ArrayList<>();
        rows(pool, """
                SELECT c.ledger_seq FROM events e LEFT JOIN ledger_chain c ON c.position = e.position
                 WHERE e.stream_id = $1 ORDER BY e.stream_version""", Tuple.of(stream)).forEach(row -> seqs.add(row.getLong(0)));
        return seqs;
    }

    /** Waits for the background sequencer; the horizon is cluster-wide, so another database's long transaction may slow it. */
    public static List<Long> awaitSequenced(Pool pool, UUID stream) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            List<Long> seqs = ledgerSeqs(pool, stream);
            if (!seqs.isEmpty() && !seqs.contains(null)) {
                return seqs;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not sequenced within 30 s: " + stream + " " + seqs);
            }
            pause();
        }
    }

    public static Row event(Pool pool, UUID stream, int version) {
        return rows(pool, """
                SELECT position, tx::text::bigint AS tx, hash FROM events WHERE stream_id = $1 AND stream_version = $2""", Tuple.of(stream, version)).getFirst();
    }

    public static long ledgerSeq(Pool pool, UUID stream, int version) {
        return rows(pool, """
                SELECT c.ledger_seq FROM events e JOIN ledger_chain c ON c.position = e.position
                 WHERE e.stream_id = $1 AND e.stream_version = $2""", Tuple.of(stream, version)).getFirst().getLong(0);
    }

    public static List<Row> rows(SqlClient client, String sql, Tuple parameters) {
        List<Row> rows = new ArrayList<>();
        client.preparedQuery(sql)
                .execute(parameters)
                .toCompletionStage()
                .toCompletableFuture()
                .join()
                .forEach(rows::add);
        return rows;
    }

    public static Row row(SqlClient client, String sql) {
        return rows(client, sql, Tuple.tuple()).getFirst();
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
