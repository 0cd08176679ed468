package org.complaintledger.ledger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Gives every committed event its dense {@code ledger_seq} and chain hash, in horizon order, shortly after it commits.
 *
 * <p>Every instance runs it on a timer; a transaction-scoped advisory lock lets one batch run at a time, so any
 * instance may take over and a crashed one holds nothing. A batch takes only events whose transaction is below the
 * horizon ({@code tx < pg_snapshot_xmin(pg_current_snapshot())}): every transaction under it has ended, so no
 * event can still appear behind the cursor {@code (tx, position)}, and an event committed late is sequenced late,
 * never skipped (README, "Auditing the ledger").
 */
@Singleton
public class LedgerSequencer {

    /** The advisory lock key: "LEDGERSQ" in ASCII, so it is recognisable in pg_locks. */
    static final long LOCK_KEY = 0x4c45444745525351L;

    private static final Logger LOG = Logger.getLogger(LedgerSequencer.class);

    private static final String BELOW_HORIZON = """
            SELECT e.position, e.tx::text::bigint AS tx, e.stream_id, e.stream_version, e.hash
              FROM events e
             WHERE e.tx < pg_snapshot_xmin(pg_current_snapshot())
               AND (e.tx, e.position) > ($1::bigint::text::xid8, $2)
             ORDER BY e.tx, e.position
             LIMIT $3""";

    private static final String APPEND = """
            INSERT INTO ledger_chain (ledger_seq, position, tx, stream_id, stream_version, hash, chain_hash)
            SELECT s, p, t::text::xid8, st, v, h, c
              FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::uuid[], $5::int[], $6::text[], $7::text[])
                   AS u(s, p, t, st, v, h, c)""";

    /** The sequenced head; before the first event it is ledger_seq 0 at the genesis hash. */
    record Head(long ledgerSeq, long tx, long position, String chainHash) {
        static final Head GENESIS = new Head(0, 0, 0, LedgerChain.GENESIS);

        /** The chain's last entry: one query for the sequencer that extends the chain and the verifier that walks it. */
        static final String QUERY = """
                SELECT ledger_seq, position, tx::text::bigint AS tx, chain_hash
                  FROM ledger_chain ORDER BY ledger_seq DESC LIMIT 1""";

        static Head of(Row row) {
            return new Head(
                    row.getLong("ledger_seq"), row.getLong("tx"), row.getLong("position"), row.getString("chain_hash"));
        }
    }

    private final Pool pool;
    private final Vertx vertx;
    private final LedgerCheckpoints checkpoints;
    private final Duration interval;
    private final int batchSize;
    private final AtomicBoolean running = new AtomicBoolean();
    private long timer = -1;

    @Inject
    public LedgerSequencer(
            Pool pool,
            Vertx vertx,
            LedgerCheckpoints checkpoints,
            @ConfigProperty(name = "ledger.sequencer.interval", defaultValue = "PT0.2S") Duration interval,
            @ConfigProperty(name = "ledger.sequencer.batch-size", defaultValue = "1000") int batchSize) {
        if (batchSize < 1 || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("ledger.sequencer.batch-size and .interval must be positive");
        }
        this.pool = pool;
        this.vertx = vertx;
        this.checkpoints = checkpoints;
        this.interval = interval;
        this.batchSize = batchSize;
    }

    void start(@Observes StartupEvent startup) {
        timer = vertx.setPeriodic(interval.toMillis(), id -> tick());
    }

    void stop(@Observes ShutdownEvent shutdown) {
        vertx.cancelTimer(timer);
    }

    /** One tick drains what is below the horizon; a tick that finds the previous one still running lets it be. */
    private void tick() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        drain().subscribe().with(sequenced -> running.set(false), failure -> {
            running.set(false);
            LOG.error("ledger sequencing failed; the next tick retries", failure);
        });
    }

    /** Batches until one comes back short: the sequencer has caught up with the horizon (or another holds the lock). */
    public Uni<Long> drain() {
        return Multi.createBy()
                .repeating()
                .uni(this::sequenceBatch)
                .whilst(sequenced -> sequenced == batchSize)
                .collect()
                .with(java.util.stream.Collectors.summingLong(Integer::longValue));
    }

    /**
     * Sequences up to one batch in one transaction and answers how many events it sequenced: 0 when another
     * instance holds the lock or nothing new is below the horizon. A due checkpoint is signed in the same transaction.
     */
    public Uni<Integer> sequenceBatch() {
        return pool.withTransaction(connection -> connection
                .preparedQuery("SELECT pg_try_advisory_xact_lock($1)")
                .execute(Tuple.of(LOCK_KEY))
                .flatMap(locked -> locked.iterator().next().getBoolean(0)
                        ? sequence(connection)
                        : Uni.createFrom().item(0)));
    }

    private Uni<Integer> sequence(SqlConnection connection) {
        return connection
                .query(Head.QUERY)
                .execute()
                .map(rows -> rows.size() == 0
                        ? Head.GENESIS
                        : Head.of(rows.iterator().next()))
                .flatMap(head -> connection
                        .preparedQuery(BELOW_HORIZON)
                        .execute(Tuple.of(head.tx(), head.position(), batchSize))
                        .flatMap(events -> events.size() == 0
                                ? checkpoints.signIfDue(connection, head).replaceWith(0)
                                : append(connection, head, events)));
    }

    private Uni<Integer> append(SqlConnection connection, Head head, RowSet<Row> events) {
        int n = events.size();
        Long[] seqs = new Long[n];
        Long[] positions = new Long[n];
        Long[] txs = new Long[n];
        UUID[] streams = new UUID[n];
        Integer[] versions = new Integer[n];
        String[] hashes = new String[n];
        String[] chain = new String[n];
        String previous = head.chainHash();
        int i = 0;
        for (Row event : events) {
            seqs[i] = head.ledgerSeq() + i + 1;
            positions[i] = event.getLong("position");
            txs[i] = event.getLong("tx");
            streams[i] = event.getUUID("stream_id");
            versions[i] = event.getInteger("stream_version");
            hashes[i] = event.getString("hash");
            chain[i] = LedgerChain.next(previous, hashes[i]);
            previous = chain[i];
            i++;
        }
        Head next = new Head(seqs[n - 1], txs[n - 1], positions[n - 1], previous);
        return connection
                .preparedQuery(APPEND)
                .execute(Tuple.of(seqs, positions, txs, streams, versions, hashes)
                        .addValue(chain))
                .flatMap(inserted -> checkpoints.signIfDue(connection, next))
                .replaceWith(n);
    }
}
