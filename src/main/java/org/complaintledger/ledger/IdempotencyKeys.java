package org.complaintledger.ledger;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;

/**
 * The answers stored for Idempotency-Keys. A key is written with its command's events in one statement (by the
 * storage engine, from {@link AppendMetadata}); this reads it back, so that a retry gets the first answer again.
 */
@ApplicationScoped
public class IdempotencyKeys {

    /**
     * What a command with this key did: the request it was (by hash), the stream version it left, and its outcome
     * as the command's sender named it ({@link AppendMetadata#OUTCOME}); the ledger does not interpret it.
     */
    public record StoredAnswer(String requestHash, UUID streamId, int version, String outcome) {}

    private final Pool pool;

    @Inject
    public IdempotencyKeys(Pool pool) {
        this.pool = pool;
    }

    /** The answer stored for this key in this scope, or null. */
    public Uni<StoredAnswer> find(String scope, String key) {
        return pool.preparedQuery("""
                        SELECT request_hash, stream_id, stream_version, outcome FROM idempotency_keys
                         WHERE scope = $1 AND key = $2""").execute(Tuple.of(scope, key)).map(rows -> {
            if (rows.size() == 0) {
                return null;
            }
            Row row = rows.iterator().next();
            return new StoredAnswer(
                    row.getString("request_hash"),
                    row.getUUID("stream_id"),
                    row.getInteger("stream_version"),
                    row.getString("outcome"));
        });
    }
}
