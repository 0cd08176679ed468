package org.complaintledger.ledger;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Signed checkpoints of the chain head, every {@code ledger.checkpoint.events} events or {@code ledger.checkpoint.interval},
 * whichever comes first. A checkpoint published (or handed to an auditor) pins the whole history up to it: rewriting
 * any earlier event and recomputing every hash after it still cannot reproduce the signed head.
 */
@Singleton
public class LedgerCheckpoints {

    private static final String LAST =
            "SELECT ledger_seq, signed_at FROM ledger_checkpoints ORDER BY ledger_seq DESC LIMIT 1";
    private static final String INSERT = """
            INSERT INTO ledger_checkpoints (ledger_seq, chain_hash, signed_at, key_id, signature)
            VALUES ($1, $2, $3, $4, $5)""";
    private static final String PAGE = """
            SELECT ledger_seq, chain_hash, signed_at, key_id, signature
              FROM ledger_checkpoints WHERE ledger_seq > $1 ORDER BY ledger_seq LIMIT $2""";
    private static final String KEYS =
            "SELECT key_id, public_key FROM ledger_signing_keys ORDER BY first_used_at, key_id";

    public record Checkpoint(long ledgerSeq, String hash, String signedAt, String signature, String keyId) {}

    public record SigningKey(String keyId, String publicKey) {}

    /** {@code publicKey} and {@code keyId} are the key signing now; {@code keys} holds every key that ever signed. */
    public record CheckpointPage(
            String publicKey, String keyId, List<SigningKey> keys, List<Checkpoint> checkpoints, String nextCursor) {}

    private final Pool pool;
    private final LedgerSigner signer;
    private final Clock clock;
    private final long everyEvents;
    private final Duration every;

    @Inject
    public LedgerCheckpoints(
            Pool pool,
            LedgerSigner signer,
            Clock clock,
            @ConfigProperty(name = "ledger.checkpoint.events", defaultValue = "1000") long everyEvents,
            @ConfigProperty(name = "ledger.checkpoint.interval", defaultValue = "PT60S") Duration every) {
        if (everyEvents < 1 || every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("ledger.checkpoint.events and .interval must be positive");
        }
        this.pool = pool;
        this.signer = signer;
        this.clock = clock;
        this.everyEvents = everyEvents;
        this.every = every;
    }

    /** Runs inside the sequencer's transaction, under its lock, so two instances never sign the same head twice. */
    Uni<Void> signIfDue(SqlConnection connection, LedgerSequencer.Head head) {
        if (head.ledgerSeq() == 0) {
            return Uni.createFrom().voidItem();
        }
        Instant now = EventEnvelope.millis(clock.instant());
        return connection.query(LAST).execute().flatMap(rows -> {
            Row last = rows.size() == 0 ? null : rows.iterator().next();
            long lastSeq = last == null ? 0 : last.getLong("ledger_seq");
            boolean due = head.ledgerSeq() > lastSeq
                    && (last == null
                            || head.ledgerSeq() - lastSeq >= everyEvents
                            || !now.isBefore(last.getOffsetDateTime("signed_at")
                                    .toInstant()
                                    .plus(every)));
            if (!due) {
                return Uni.createFrom().voidItem();
            }
            String signature = signer.sign(head.ledgerSeq(), head.chainHash(), now);
            // the key itself was registered at start, as the migration owner (SigningKeyRegistration)
            return connection
                    .preparedQuery(INSERT)
                    .execute(Tuple.of(
                            head.ledgerSeq(),
                            head.chainHash(),
                            now.atOffset(ZoneOffset.UTC),
                            signer.keyId(),
                            signature))
                    .replaceWithVoid();
        });
    }

    public Uni<CheckpointPage> page(long after, int limit) {
        return pool.query(KEYS).execute().flatMap(keyRows -> {
            List<SigningKey> keys = new ArrayList<>();
            keyRows.forEach(row -> keys.add(new SigningKey(row.getString("key_id"), row.getString("public_key"))));
            return pool.preparedQuery(PAGE).execute(Tuple.of(after, limit)).map(rows -> {
                List<Checkpoint> checkpoints = new ArrayList<>(rows.size());
                rows.forEach(row -> checkpoints.add(new Checkpoint(
                        row.getLong("ledger_seq"),
                        row.getString("chain_hash"),
                        EventEnvelope.format(row.getOffsetDateTime("signed_at").toInstant()),
                        row.getString("signature"),
                        row.getString("key_id"))));
                String next = checkpoints.size() == limit
                        ? Long.toString(checkpoints.getLast().ledgerSeq())
                        : null;
                return new CheckpointPage(signer.publicKeyPem(), signer.keyId(), keys, checkpoints, next);
            });
        });
    }
}
