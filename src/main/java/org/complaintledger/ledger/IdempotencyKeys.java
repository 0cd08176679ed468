package org.complaintledger.ledger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The answers stored for Idempotency-Keys. A key is written with its command's events in one statement (by the
 * storage engine, from {@link AppendMetadata}); this reads it back, so that a retry gets the first answer again.
 *
 * <p>The table holds no personal data in clear: the scope (the caller's subject) and the request's digest are stored as
 * HMAC-SHA-256 under a server key derived from the key-encryption key, so that neither a subject id nor a guessable
 * hash of a body that named a complainant sits in a table. Rows expire: they are deleted once older than
 * {@code ledger.idempotency.retention}, checked every {@code ledger.idempotency.purge-interval}.
 */
@Singleton
public class IdempotencyKeys {

    private static final Logger LOG = Logger.getLogger(IdempotencyKeys.class);
    private static final String HMAC = "HmacSHA256";

    /**
     * What a command with this key did: the request it was (by keyed hash), the stream version it left, and its
     * outcome as the command's sender named it ({@link AppendMetadata#OUTCOME}); the ledger does not interpret it.
     */
    public record StoredAnswer(String requestHash, UUID streamId, int version, String outcome) {}

    private final Pool pool;
    private final Vertx vertx;
    private final SecretKeySpec secret;
    private final Duration retention;
    private final Duration purgeInterval;
    private long timer = -1;

    @Inject
    public IdempotencyKeys(
            Pool pool,
            Vertx vertx,
            @ConfigProperty(name = "ledger.crypto.kek") String kek,
            @ConfigProperty(name = "ledger.idempotency.retention", defaultValue = "P1D") Duration retention,
            @ConfigProperty(name = "ledger.idempotency.purge-interval", defaultValue = "PT10M")
                    Duration purgeInterval) {
        if (retention.isNegative() || retention.isZero() || purgeInterval.isNegative() || purgeInterval.isZero()) {
            throw new IllegalArgumentException("ledger.idempotency.retention and .purge-interval must be positive");
        }
        this.pool = pool;
        this.vertx = vertx;
        this.secret = new SecretKeySpec(derive(Base64.getDecoder().decode(kek)), HMAC);
        this.retention = retention;
        this.purgeInterval = purgeInterval;
    }

    /** Its own key, not the KEK itself: a key serves one purpose, so that one use can never reveal another's. */
    private static byte[] derive(byte[] kek) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(kek, HMAC));
            return mac.doFinal("complaint-ledger/idempotency-keys/v1".getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }

    /** The keyed hash (lowercase hex) that stands for {@code value} in the table. */
    public String keyed(String value) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(secret);
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }

    void start(@Observes StartupEvent startup) {
        timer = vertx.setPeriodic(
                purgeInterval.toMillis(),
                id -> purge().subscribe()
                        .with(
                                purged -> {
                                    if (purged > 0) {
                                        LOG.debugf("purged %d expired idempotency keys", purged);
                                    }
                                },
                                failure -> LOG.warn(
                                        "purging expired idempotency keys failed; the next round retries", failure)));
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Deletes the keys older than the retention and answers how many; a retry after that is a new request. */
    public Uni<Integer> purge() {
        return pool.preparedQuery("DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(secs => $1)")
                .execute(Tuple.of((double) retention.toSeconds()))
                .map(rows -> rows.rowCount());
    }

    /** The answer stored for this key in this (keyed) scope, or null. */
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
