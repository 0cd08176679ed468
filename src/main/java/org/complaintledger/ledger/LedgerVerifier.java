package org.complaintledger.ledger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Recomputes every stream hash from the stored columns and the chain from the stream hashes, and checks each signed
 * checkpoint against the recomputed chain and its key, trusting nothing the database says about itself.
 *
 * <p>The whole ledger is read in pages of {@code ledger.verify.page-size} in ledger order, the next page fetched while
 * the current one is hashed, and each page's hashing spread over the cores; only two pages are ever held, so memory
 * does not grow with the ledger. The walk stops at the first invalid event.
 *
 * <p>Every run is measured: its duration by scope and outcome, the events it found valid, and what it found wrong,
 * so that a scheduled verification that starts failing raises an alert rather than waiting to be read.
 */
@Singleton
public class LedgerVerifier {

    /** Events that the chain does not account for although the sequencer has passed their place: never skipped, so forged. */
    private static final String FIRST_INSERTED = """
            SELECT e.stream_id, e.stream_version, e.tx::text::bigint AS tx, e.position
              FROM events e
             WHERE (e.tx, e.position) <= ($1::bigint::text::xid8, $2)
               AND NOT EXISTS (SELECT 1 FROM ledger_chain c WHERE c.position = e.position)
             ORDER BY e.tx, e.position LIMIT 1""";

    /**
     * For each ledger row: the event now stored there, the chain's record, its predecessor's hash, its checkpoint.
     * The envelope's columns come first, in {@link LedgerReader#ENVELOPE_COLUMNS}' order and read by index, but the
     * actor and the data as the bytes of their JSON text, which {@link StoredEventHasher} hashes as they are; the
     * rest by name, through {@link Columns}.
     */
    private static final String CHECKED_COLUMNS = """
            e.stream_id, e.stream_version, e.event_id, e.type, e.schema_version, e.occurred_at, e.recorded_at,
            convert_to(e.actor::text, 'UTF8') AS actor, convert_to(e.data::text, 'UTF8') AS data, e.previous_hash,
            e.hash""" + """
            , c.ledger_seq, c.position AS chain_position, c.tx::text::bigint AS chain_tx, c.stream_id AS chain_stream_id,
            c.stream_version AS chain_stream_version, c.hash AS chain_event_hash, c.chain_hash,
            e.position, e.tx::text::bigint AS tx,
            p.position IS NOT NULL AS has_predecessor, p.hash AS predecessor_hash,
            CASE WHEN e.stream_version > 1 AND p.hash IS DISTINCT FROM e.previous_hash
                 THEN EXISTS (SELECT 1 FROM events o WHERE o.stream_id = e.stream_id AND o.hash = e.previous_hash)
            END AS previous_elsewhere,
            k.chain_hash AS checkpoint_hash, k.signed_at AS checkpoint_signed_at, k.key_id AS checkpoint_key_id,
            k.signature AS checkpoint_signature
            """;

    private static final String JOINS = """
            LEFT JOIN events p ON p.stream_id = e.stream_id AND p.stream_version = e.stream_version - 1
            LEFT JOIN ledger_checkpoints k ON k.ledger_seq = c.ledger_seq
            """;

    private static final String LEDGER_PAGE = "SELECT " + CHECKED_COLUMNS + ", NULL AS previous_chain_hash"
            + " FROM ledger_chain c LEFT JOIN events e ON e.position = c.position " + JOINS + """
             WHERE c.ledger_seq > $1 AND c.ledger_seq <= $2 ORDER BY c.ledger_seq LIMIT $3""";

    /** One stream: what the chain recorded of it and what is stored, side by side in horizon order. */
    private static final String STREAM = """
            WITH c AS (SELECT * FROM ledger_chain WHERE stream_id = $1),
                 e AS (SELECT * FROM events WHERE stream_id = $1)
            """ + "SELECT " + CHECKED_COLUMNS + ", pc.chain_hash AS previous_chain_hash"
            + " FROM c FULL JOIN e ON e.position = c.position " + JOINS + """
            LEFT JOIN ledger_chain pc ON pc.ledger_seq = c.ledger_seq - 1
             ORDER BY coalesce(c.tx, e.tx), coalesce(c.position, e.position)""";

    /**
     * Where each checked column is in a page's rows, looked up by name once per page rather than once per value
     * (by-name lookups per value were a tenth of the verifier's time), so the reader does not depend on the order
     * of the select list.
     */
    private record Columns(
            int ledgerSeq,
            int chainPosition,
            int chainTx,
            int chainStream,
            int chainVersion,
            int chainEventHash,
            int chainHash,
            int position,
            int tx,
            int hasPredecessor,
            int predecessorHash,
            int previousElsewhere,
            int checkpointHash,
            int checkpointSignedAt,
            int checkpointKeyId,
            int checkpointSignature,
            int previousChainHash) {

        static Columns of(List<String> names) {
            return new Columns(
                    index(names, "ledger_seq"),
                    index(names, "chain_position"),
                    index(names, "chain_tx"),
                    index(names, "chain_stream_id"),
                    index(names, "chain_stream_version"),
                    index(names, "chain_event_hash"),
                    index(names, "chain_hash"),
                    index(names, "position"),
                    index(names, "tx"),
                    index(names, "has_predecessor"),
                    index(names, "predecessor_hash"),
                    index(names, "previous_elsewhere"),
                    index(names, "checkpoint_hash"),
                    index(names, "checkpoint_signed_at"),
                    index(names, "checkpoint_key_id"),
                    index(names, "checkpoint_signature"),
                    index(names, "previous_chain_hash"));
        }

        private static int index(List<String> names, String name) {
            int index = names.indexOf(name);
            if (index < 0) {
                throw new IllegalStateException("the verifier's query selects no column " + name);
            }
            return index;
        }
    }

    private final Pool pool;
    private final int pageSize;
    private final Executor hashing = Infrastructure.getDefaultWorkerPool();
    private final MeterRegistry metrics;
    private final TrustedKeys trustedKeys;

    @Inject
    public LedgerVerifier(
            Pool pool,
            @ConfigProperty(name = "ledger.verify.page-size", defaultValue = "2000") int pageSize,
            MeterRegistry metrics,
            TrustedKeys trustedKeys) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("ledger.verify.page-size must be positive");
        }
        this.pool = pool;
        this.pageSize = pageSize;
        this.metrics = metrics;
        this.trustedKeys = trustedKeys;
    }

    /** {@code scope} is {@code ledger} or {@code complaint}: tags stay a small fixed set. */
    private Uni<VerificationReport> measured(String scope, Supplier<Uni<VerificationReport>> verification) {
        return Uni.createFrom().deferred(() -> {
            Timer.Sample sample = Timer.start(metrics);
            return verification.get().onItemOrFailure().invoke((report, failure) -> {
                if (failure instanceof UnknownStreamException) {
                    return; // an unknown complaint: nothing was verified
                }
                String outcome = failure != null ? "error" : report.valid() ? "valid" : "invalid";
                sample.stop(Timer.builder("ledger.verification")
                        .description("Ledger verifications run")
                        .tag("scope", scope)
                        .tag("outcome", outcome)
                        .register(metrics));
                if (report != null) {
                    metrics.counter("ledger.verification.events", "scope", scope)
                            .increment(report.checkedEvents());
                    if (report.firstInvalid() != null) {
                        invalid(scope, report.firstInvalid().reason().wireName());
                    }
                    if (report.invalidCheckpoint() != null) {
                        invalid(scope, report.invalidCheckpoint().reason().wireName());
                    }
                }
            });
        });
    }

    /** What a run found wrong: an event altered, missing, reordered or inserted, or a checkpoint contradicted. */
    private void invalid(String scope, String reason) {
        metrics.counter("ledger.verification.failures", "scope", scope, "reason", reason)
                .increment();
    }

    /**
     * The sequenced ledger up to its head when verification starts, and any event forged behind the sequencer.
     *
     * <p>The pages are read in one read-only repeatable-read transaction, so the whole walk sees one snapshot; having
     * no transaction id, it does not hold back the sequencer's horizon. JIT is off for it: the planner's estimate for
     * a page of a large ledger can cross {@code jit_above_cost}, and compiling a query that runs hundreds of times
     * costs far more than it saves.
     */
    public Uni<VerificationReport> verifyLedger() {
        return measured(
                "ledger",
                () -> pool.withTransaction(connection -> connection
                        .query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                        .execute()
                        .flatMap(isolated ->
                                connection.query("SET LOCAL jit = off").execute())
                        .flatMap(configured -> start(connection))
                        .flatMap(walk -> {
                            if (walk.head() == null) {
                                return Uni.createFrom().item(walk.report());
                            }
                            CompletableFuture<Row> inserted = pool.preparedQuery(FIRST_INSERTED)
                                    .execute(Tuple.of(
                                            walk.head().tx(), walk.head().position()))
                                    .map(rows -> rows.size() == 0
                                            ? null
                                            : rows.iterator().next())
                                    .subscribeAsCompletionStage();
                            Pages pages = new Pages(connection, walk.head().ledgerSeq());
                            return Uni.createFrom()
                                    .<ChainWalk>emitter(
                                            emitter -> walkPages(walk, pages, pages.after(0), null, emitter))
                                    .flatMap(walked -> Uni.createFrom()
                                            .completionStage(inserted)
                                            .map(forged -> {
                                                walked.noticeInserted(
                                                        forged == null
                                                                ? null
                                                                : new ChainWalk.Inserted(
                                                                        forged.getLong("tx"),
                                                                        forged.getLong("position"),
                                                                        forged.getUUID("stream_id"),
                                                                        forged.getInteger("stream_version")));
                                                return walked.report();
                                            }));
                        })));
    }

    /** Pages of the ledger in order, up to the head the walk started from, all on the walk's connection. */
    private final class Pages {
        private final SqlConnection connection;
        private final long head;

        Pages(SqlConnection connection, long head) {
            this.connection = connection;
            this.head = head;
        }

        CompletableFuture<RowSet<Row>> after(long ledgerSeq) {
            return connection
                    .preparedQuery(LEDGER_PAGE)
                    .execute(Tuple.of(ledgerSeq, head, pageSize))
                    .subscribeAsCompletionStage();
        }
    }

    /** One complaint's stored events against what the chain recorded of them, pending ones included. */
    public Uni<VerificationReport> verifyStream(UUID complaintId) {
        return measured(
                "complaint",
                () -> start(pool)
                        .flatMap(walk -> pool.preparedQuery(STREAM)
                                .execute(Tuple.of(complaintId))
                                .flatMap(rows -> {
                                    if (rows.size() == 0) {
                                        throw new UnknownStreamException(complaintId);
                                    }
                                    return hash(rows);
                                })
                                .map(checked -> {
                                    walk.checkStream(checked);
                                    return walk.report();
                                })));
    }

    /** The checkpoints' keys come from the configuration (TrustedKeys), never from the database being verified. */
    private Uni<ChainWalk> start(SqlClient client) {
        return client.query(LedgerSequencer.Head.QUERY)
                .execute()
                .map(head -> new ChainWalk(
                        trustedKeys.byKeyId(),
                        head.size() == 0
                                ? null
                                : LedgerSequencer.Head.of(head.iterator().next())));
    }

    /**
     * A loop of callbacks rather than a chain of flatMaps, so a ledger of any length needs no deeper stack: each
     * step returns as soon as its hashing is handed to the workers. {@code linkedTo} is the stored chain hash of the
     * last row of the page before (null before the first page), which the first row of this page links to.
     */
    private void walkPages(
            ChainWalk walk,
            Pages pages,
            CompletableFuture<RowSet<Row>> page,
            String linkedTo,
            UniEmitter<? super ChainWalk> emitter) {
        page.whenComplete((rowSet, failure) -> {
            if (failure != null) {
                emitter.fail(failure);
                return;
            }
            if (rowSet.size() == 0) {
                emitter.complete(walk);
                return;
            }
            List<Row> rows = new ArrayList<>(rowSet.size());
            rowSet.forEach(rows::add);
            Columns columns = Columns.of(rowSet.columnsNames());
            Row lastRow = rows.getLast();
            long last = lastRow.getLong(columns.ledgerSeq());
            CompletableFuture<RowSet<Row>> next =
                    rows.size() == pageSize && last < pages.head ? pages.after(last) : null;
            hash(rows, columns, linkedTo)
                    .subscribe()
                    .with(
                            checked -> {
                                walk.checkLedger(checked);
                                if (walk.faulted() || next == null) {
                                    emitter.complete(walk);
                                } else {
                                    walkPages(walk, pages, next, lastRow.getString(columns.chainHash()), emitter);
                                }
                            },
                            emitter::fail);
        });
    }

    /**
     * The CPU-bound part, canonicalising and hashing, split over the cores; the order of rows is kept. On a ledger
     * page each row's chain link is computed here too, from the stored chain hash of the row before it
     * ({@code linkedTo} for the first), so that the walk, which runs on one thread, only compares: hashing the chain
     * one row after another had been a serial stretch between the pages' parallel hashing.
     */
    private Uni<List<ChainWalk.Checked>> hash(List<Row> all, Columns columns, String linkedTo) {
        int chunks = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), all.size() / 64));
        int chunkSize = (all.size() + chunks - 1) / chunks;
        List<Uni<List<ChainWalk.Checked>>> work = new ArrayList<>(chunks);
        for (int from = 0; from < all.size(); from += chunkSize) {
            int start = from;
            int end = Math.min(all.size(), from + chunkSize);
            work.add(Uni.createFrom()
                    .item(() -> {
                        List<ChainWalk.Checked> checked = new ArrayList<>(end - start);
                        for (int i = start; i < end; i++) {
                            String previous = i == 0 ? linkedTo : all.get(i - 1).getString(columns.chainHash());
                            checked.add(checked(all.get(i), columns, previous));
                        }
                        return checked;
                    })
                    .runSubscriptionOn(hashing));
        }
        return Uni.join().all(work).andFailFast().map(parts -> {
            List<ChainWalk.Checked> checked = new ArrayList<>(all.size());
            parts.forEach(checked::addAll);
            return checked;
        });
    }

    /** A stream's rows, which carry their predecessor's chain hash from the query and are linked by the walk. */
    private Uni<List<ChainWalk.Checked>> hash(RowSet<Row> rows) {
        List<Row> all = new ArrayList<>(rows.size());
        rows.forEach(all::add);
        Columns columns = Columns.of(rows.columnsNames());
        return Uni.createFrom()
                .item(() -> all.stream().map(row -> checked(row, columns, null)).toList())
                .runSubscriptionOn(hashing);
    }

    /** One hasher per hashing worker: its buffers and its SHA-256 digest are reused from row to row. */
    private static final ThreadLocal<StoredEventHasher> HASHERS = ThreadLocal.withInitial(StoredEventHasher::new);

    /** The event's hash from its stored columns without a tree, or null where that reading does not apply. */
    private static String storedHash(Row row) {
        try {
            return HASHERS.get()
                    .hash(
                            row.getUUID(0),
                            row.getInteger(1),
                            row.getUUID(2),
                            row.getString(3),
                            row.getInteger(4),
                            row.getOffsetDateTime(5),
                            row.getOffsetDateTime(6),
                            bytes(row, 7),
                            bytes(row, 8),
                            row.getString(9));
        } catch (RuntimeException unreadable) {
            return null; // a column that does not read at all: the tree way reports it
        }
    }

    private static byte[] bytes(Row row, int column) {
        io.vertx.core.buffer.Buffer buffer = row.getDelegate().getBuffer(column);
        return buffer == null ? null : buffer.getBytes();
    }

    private static String utf8(Row row, int column) {
        io.vertx.core.buffer.Buffer buffer = row.getDelegate().getBuffer(column);
        return buffer == null ? null : buffer.toString(StandardCharsets.UTF_8);
    }

    /**
     * The thin reader: one row of the checked columns as the walk's {@link ChainWalk.Checked}, its event hashed. On a
     * ledger page {@code linkedTo} is the stored chain hash of the row before (null for the first row of the ledger)
     * and the row's chain link from it is computed here; a stream's rows carry their own (previous_chain_hash).
     */
    private static ChainWalk.Checked checked(Row row, Columns c, String linkedTo) {
        EventEnvelope event = null;
        boolean intact = false;
        if (row.getLong(c.position()) != null) {
            String stored = row.getString(10);
            String hashed = storedHash(row);
            if (hashed != null && hashed.equals(stored)) {
                // the envelope's actor and data are not kept: the walk reads only its identity and its links
                event = new EventEnvelope(
                        row.getUUID(0),
                        row.getInteger(1),
                        row.getUUID(2),
                        row.getString(3),
                        row.getInteger(4),
                        row.getOffsetDateTime(5).toInstant(),
                        row.getOffsetDateTime(6).toInstant(),
                        null,
                        null,
                        row.getString(9),
                        stored);
                intact = true;
            } else {
                // read and hashed the tree way, against which every hash is held: a row the fast reading does not
                // take, and any row whose hash it did not find as stored, so a mismatch is always the tree's verdict
                try {
                    event = LedgerReader.envelope(
                            row.getUUID(0),
                            row.getInteger(1),
                            row.getUUID(2),
                            row.getString(3),
                            row.getInteger(4),
                            row.getOffsetDateTime(5).toInstant(),
                            row.getOffsetDateTime(6).toInstant(),
                            utf8(row, 7),
                            utf8(row, 8),
                            row.getString(9),
                            stored);
                    intact = event.computeHash().equals(event.hash());
                } catch (RuntimeException unreadable) {
                    // a row whose actor or data no longer reads as the writer wrote it was altered; say so, not 500
                    event = new EventEnvelope(
                            row.getUUID(0),
                            row.getInteger(1),
                            row.getUUID(2),
                            row.getString(3),
                            row.getInteger(4),
                            null,
                            null,
                            null,
                            null,
                            row.getString(9),
                            row.getString(10));
                }
            }
        }
        var signedAt = row.getOffsetDateTime(c.checkpointSignedAt());
        String previousChainHash = linkedTo != null ? linkedTo : row.getString(c.previousChainHash());
        String chainEventHash = row.getString(c.chainEventHash());
        String linked = linkedTo != null && chainEventHash != null ? LedgerChain.next(linkedTo, chainEventHash) : null;
        return new ChainWalk.Checked(
                row.getLong(c.ledgerSeq()),
                row.getLong(c.chainTx()),
                row.getLong(c.chainPosition()),
                row.getUUID(c.chainStream()),
                row.getInteger(c.chainVersion()),
                chainEventHash,
                row.getString(c.chainHash()),
                previousChainHash,
                event,
                row.getLong(c.tx()),
                row.getLong(c.position()),
                intact,
                Boolean.TRUE.equals(row.getBoolean(c.hasPredecessor())),
                row.getString(c.predecessorHash()),
                row.getBoolean(c.previousElsewhere()),
                row.getString(c.checkpointHash()),
                signedAt == null ? null : signedAt.toInstant(),
                row.getString(c.checkpointKeyId()),
                row.getString(c.checkpointSignature()),
                linked);
    }
}
