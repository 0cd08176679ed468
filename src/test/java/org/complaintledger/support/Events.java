package org.complaintledger.support;

import io.vertx.sqlclient.Pool;
import java.util.UUID;

/** Counts stored events straight from the table, to prove that a refused request wrote nothing. */
public final class Events {

    private Events() {}

    public static long total(Pool pool) {
        return count(pool, "SELECT count(*) FROM events", null);
    }

    public static long of(Pool pool, String complaintId) {
        return count(pool, "SELECT count(*) FROM events WHERE stream_id = $1", UUID.fromString(complaintId));
    }

    private static long count(Pool pool, String sql, UUID stream) {
        var query = pool.preparedQuery(sql);
        var rows = (stream == null ? query.execute() : query.execute(io.vertx.sqlclient.Tuple.of(stream)))
                .toCompletionStage()
                .toCompletableFuture()
                .join();
        return rows.iterator().next().getLong(0);
    }
}
