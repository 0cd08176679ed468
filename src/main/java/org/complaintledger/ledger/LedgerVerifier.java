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
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.complaintledger.ledger.VerificationReport.CheckpointFault;
import org.complaintledger.ledger.VerificationReport.CheckpointReason;
import org.complaintledger.ledger.VerificationReport.Fault;
import org.complaintledger.ledger.VerificationReport.Reason;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

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
@ApplicationScoped
public class LedgerVerifier {

    private static final String HEAD = """
            SELECT ledger_seq, position, tx::text::bigint AS tx, chain_hash
              FROM ledger_chain ORDER BY ledger_seq DESC LIMIT 1""";

    /** Events that the chain does not account for although the sequencer has passed their place: never skipped, so forged. */
    private static final String FIRST_INSERTED = """
            SELECT e.stream_id, e.stream_version, e.tx::text::bigint AS tx, e.position
              FROM events e
             WHERE (e.tx, e.position) <= ($1::bigint::text::xid8, $2)
               AND NOT EXISTS (SELECT 1 FROM ledger_chain c WHERE c.position = e.position)
             ORDER BY e.tx, e.position LIMIT 1""";

    private static final String KEYS = "SELECT key_id, public_key FROM ledger_signing_keys";

    /**
     * For each ledger row: the event now stored there, the chain's record, its predecessor's hash, its checkpoint.
     * Read by index (see {@link LedgerReader#ENVELOPE_COLUMNS}), in the order of the constants below.
     */
    private static final String CHECKED_COLUMNS = LedgerReader.ENVELOPE_COLUMNS + """
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

    private static final int LEDGER_SEQ = LedgerReader.ENVELOPE_WIDTH;
    private static final int CHAIN_POSITION = LEDGER_SEQ + 1;
    private static final int CHAIN_TX = LEDGER_SEQ + 2;
    private static final int CHAIN_STREAM = LEDGER_SEQ + 3;
    private static final int CHAIN_VERSION = LEDGER_SEQ + 4;
    private static final int CHAIN_EVENT_HASH = LEDGER_SEQ + 5;
    private static final int CHAIN_HASH = LEDGER_SEQ + 6;
    private static final int POSITION = LEDGER_SEQ + 7;
    private static final int TX = LEDGER_SEQ + 8;
    private static final int HAS_PREDECESSOR = LEDGER_SEQ + 9;
    private static final int PREDECESSOR_HASH = LEDGER_SEQ + 10;
    private static final int PREVIOUS_ELSEWHERE = LEDGER_SEQ + 11;
    private static final int CHECKPOINT_HASH = LEDGER_SEQ + 12;
    private static final int CHECKPOINT_SIGNED_AT = LEDGER_SEQ + 13;
    private static final int CHECKPOINT_KEY_ID = LEDGER_SEQ + 14;
    private static final int CHECKPOINT_SIGNATURE = LEDGER_SEQ + 15;
    private static final int PREVIOUS_CHAIN_HASH = LEDGER_SEQ + 16;

    private final Pool pool;
    private final int pageSize;
    private final Executor hashing = Infrastructure.getDefaultWorkerPool();
    private final MeterRegistry metrics;

    @Inject
    public LedgerVerifier(Pool pool, @ConfigProperty(name = "ledger.verify.page-size", defaultValue = "2000") int pageSize,
                          MeterRegistry metrics) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("ledger.verify.page-size must be positive");
        }
        this.pool = pool;
        this.pageSize = pageSize;
        this.metrics = metrics;
    }

    /** {@code scope} is {@code ledger} or {@code complaint}: tags stay a small fixed set. */
    private Uni<VerificationReport> measured(String scope, Supplier<Uni<VerificationReport>> verification) {
        return Uni.createFrom().deferred(() -> {
            Timer.Sample sample = Timer.start(metrics);
            return verification.get().onItemOrFailure().invoke((report, failure) -> {
                if (failure instanceof UnknownStreamException) {
                    return;     // an unknown complaint: nothing was verified
                }
                String outcome = failure != null ? "error" : report.valid() ? "valid" : "invalid";
                sample.stop(Timer.builder("ledger.verification").description("Ledger verifications run")
                        .tag("scope", scope).tag("outcome", outcome).register(metrics));
                if (report != null) {
                    metrics.counter("ledger.verification.events", "scope", scope).increment(report.checkedEvents());
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
        metrics.counter("ledger.verification.failures", "scope", scope, "reason", reason).increment();
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
        return measured("ledger", () -> pool.withTransaction(connection -> connection
                .query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY").execute()
                .flatMap(isolated -> connection.query("SET LOCAL jit = off").execute())
                .flatMap(configured -> start(connection))
                .flatMap(walk -> {
                    if (walk.head == null) {
                        return Uni.createFrom().item(walk.report());
                    }
                    CompletableFuture<Row> inserted = pool.preparedQuery(FIRST_INSERTED)
                            .execute(Tuple.of(walk.head.tx(), walk.head.position()))
                            .map(rows -> rows.size() == 0 ? null : rows.iterator().next())
                            .subscribeAsCompletionStage();
                    Pages pages = new Pages(connection, walk.head.ledgerSeq());
                    return Uni.createFrom().<Walk>emitter(emitter -> walkPages(walk, pages, pages.after(0), emitter))
                            .flatMap(walked -> Uni.createFrom().completionStage(inserted).map(forged -> {
                                walked.noticeInserted(forged);
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
            return connection.preparedQuery(LEDGER_PAGE).execute(Tuple.of(ledgerSeq, head, pageSize))
                    .subscribeAsCompletionStage();
        }
    }

    /** One complaint's stored events against what the chain recorded of them, pending ones included. */
    public Uni<VerificationReport> verifyStream(UUID complaintId) {
        return measured("complaint", () -> start(pool).flatMap(walk -> pool.preparedQuery(STREAM)
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

    private Uni<Walk> start(SqlClient client) {
        return client.query(KEYS).execute().flatMap(keys -> client.query(HEAD).execute().map(head -> {
            Map<String, String> publicKeys = new HashMap<>();
            keys.forEach(row -> publicKeys.put(row.getString("key_id"), row.getString("public_key")));
            return new Walk(publicKeys, head.size() == 0 ? null : head(head.iterator().next()));
        }));
    }

    private static LedgerSequencer.Head head(Row row) {
        return new LedgerSequencer.Head(row.getLong("ledger_seq"), row.getLong("tx"), row.getLong("position"),
                row.getString("chain_hash"));
    }

    /**
     * A loop of callbacks rather than a chain of flatMaps, so a ledger of any length needs no deeper stack: each
     * step returns as soon as its hashing is handed to the workers.
     */
    private void walkPages(Walk walk, Pages pages, CompletableFuture<RowSet<Row>> page,
                           UniEmitter<? super Walk> emitter) {
        page.whenComplete((rows, failure) -> {
            if (failure != null) {
                emitter.fail(failure);
                return;
            }
            if (rows.size() == 0) {
                emitter.complete(walk);
                return;
            }
            long last = lastLedgerSeq(rows);
            CompletableFuture<RowSet<Row>> next = rows.size() == pageSize && last < pages.head
                    ? pages.after(last) : null;
            hash(rows).subscribe().with(checked -> {
                walk.checkLedger(checked);
                if (walk.firstInvalid != null || next == null) {
                    emitter.complete(walk);
                } else {
                    walkPages(walk, pages, next, emitter);
                }
            }, emitter::fail);
        });
    }

    private static long lastLedgerSeq(RowSet<Row> rows) {
        long last = 0;
        for (Row row : rows) {
            last = row.getLong(LEDGER_SEQ);
        }
        return last;
    }

    /** The CPU-bound part, canonicalising and hashing, split over the cores; the order of rows is kept. */
    private Uni<List<Checked>> hash(RowSet<Row> rows) {
        List<Row> all = new ArrayList<>(rows.size());
        rows.forEach(all::add);
        int chunks = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), all.size() / 64));
        int chunkSize = (all.size() + chunks - 1) / chunks;
        List<Uni<List<Checked>>> work = new ArrayList<>(chunks);
        for (int from = 0; from < all.size(); from += chunkSize) {
            List<Row> chunk = all.subList(from, Math.min(all.size(), from + chunkSize));
            work.add(Uni.createFrom().item(() -> chunk.stream().map(Checked::of).toList()).runSubscriptionOn(hashing));
        }
        return Uni.join().all(work).andFailFast().map(parts -> {
            List<Checked> checked = new ArrayList<>(all.size());
            parts.forEach(checked::addAll);
            return checked;
        });
    }

    /** One ledger row or stored event after hashing: the chain's record (null if none) and the stored event (null if gone). */
    private record Checked(Long ledgerSeq, Long chainTx, Long chainPosition, UUID chainStream, Integer chainVersion,
                           String chainEventHash, String chainHash, String previousChainHash,
                           EventEnvelope event, Long tx, Long position, boolean contentIntact,
                           boolean hasPredecessor, String predecessorHash, Boolean previousElsewhere,
                           String checkpointHash, Instant checkpointSignedAt, String checkpointKeyId,
                           String checkpointSignature) {

        static Checked of(Row row) {
            EventEnvelope event = null;
            boolean intact = false;
            if (row.getLong(POSITION) != null) {
                try {
                    event = LedgerReader.envelope(row.getDelegate());
                    intact = event.computeHash().equals(event.hash());
                } catch (RuntimeException unreadable) {
                    // a row whose actor or data no longer reads as the writer wrote it was altered; say so, not 500
                    event = new EventEnvelope(row.getUUID(0), row.getInteger(1), row.getUUID(2), row.getString(3),
                            row.getInteger(4), null, null, null, null, row.getString(9), row.getString(10));
                }
            }
            var signedAt = row.getOffsetDateTime(CHECKPOINT_SIGNED_AT);
            return new Checked(row.getLong(LEDGER_SEQ), row.getLong(CHAIN_TX), row.getLong(CHAIN_POSITION),
                    row.getUUID(CHAIN_STREAM), row.getInteger(CHAIN_VERSION), row.getString(CHAIN_EVENT_HASH),
                    row.getString(CHAIN_HASH), row.getString(PREVIOUS_CHAIN_HASH),
                    event, row.getLong(TX), row.getLong(POSITION), intact,
                    Boolean.TRUE.equals(row.getBoolean(HAS_PREDECESSOR)), row.getString(PREDECESSOR_HASH),
                    row.getBoolean(PREVIOUS_ELSEWHERE),
                    row.getString(CHECKPOINT_HASH), signedAt == null ? null : signedAt.toInstant(),
                    row.getString(CHECKPOINT_KEY_ID), row.getString(CHECKPOINT_SIGNATURE));
        }
    }

    /** The running state of one verification; touched by one step at a time. */
    private static final class Walk {
        private final Map<String, String> publicKeys;
        private final LedgerSequencer.Head head;
        private long expectedLedgerSeq = 1;
        private String chain = LedgerChain.GENESIS;
        private long checkedEvents;
        private long checkedCheckpoints;
        private Long lastSeq;
        private String lastChainHash;
        private Fault firstInvalid;
        private CheckpointFault invalidCheckpoint;
        private long faultTx;
        private long faultPosition;

        Walk(Map<String, String> publicKeys, LedgerSequencer.Head head) {
            this.publicKeys = publicKeys;
            this.head = head;
        }

        void checkLedger(List<Checked> page) {
            for (Checked row : page) {
                if (row.ledgerSeq() != expectedLedgerSeq) {
                    fault(row, new Fault(expectedLedgerSeq, null, null, Reason.MISSING));
                    return;
                }
                expectedLedgerSeq++;
                if (!check(row, chain)) {
                    return;
                }
            }
        }

        void checkStream(List<Checked> rows) {
            for (Checked row : rows) {
                String previousChain = null;
                if (row.ledgerSeq() != null) {
                    previousChain = row.ledgerSeq() == 1 ? LedgerChain.GENESIS : row.previousChainHash();
                    if (previousChain == null) {
                        fault(row, new Fault(row.ledgerSeq() - 1, null, null, Reason.MISSING));
                        return;
                    }
                }
                if (!check(row, previousChain)) {
                    return;
                }
            }
        }

        /** The checks in the README's order; false once a fault is recorded. */
        private boolean check(Checked row, String previousChain) {
            EventEnvelope event = row.event();
            if (event == null) {
                return fault(row, new Fault(row.ledgerSeq(), row.chainStream(), row.chainVersion(), Reason.MISSING));
            }
            if (row.ledgerSeq() != null) {
                if (!event.complaintId().equals(row.chainStream())) {
                    return fault(row, new Fault(row.ledgerSeq(), row.chainStream(), row.chainVersion(), Reason.ALTERED));
                }
                if (event.version() != row.chainVersion()) {
                    return fault(row, new Fault(row.ledgerSeq(), row.chainStream(), row.chainVersion(), Reason.REORDERED));
                }
            } else if (behindCursor(row.tx(), row.position())) {
                return fault(row, new Fault(null, event.complaintId(), event.version(), Reason.INSERTED));
            }
            Reason link = brokenLink(row);
            if (link != null) {
                int version = link == Reason.MISSING ? event.version() - 1 : event.version();
                return fault(row, new Fault(row.ledgerSeq(), event.complaintId(), version, link));
            }
            if (!row.contentIntact() || row.ledgerSeq() != null && !event.hash().equals(row.chainEventHash())) {
                return fault(row, new Fault(row.ledgerSeq(), event.complaintId(), event.version(), Reason.ALTERED));
            }
            if (row.ledgerSeq() != null) {
                String recomputed = LedgerChain.next(previousChain, row.chainEventHash());
                if (!recomputed.equals(row.chainHash())) {
                    return fault(row, new Fault(row.ledgerSeq(), event.complaintId(), event.version(), Reason.ALTERED));
                }
                chain = recomputed;
                lastSeq = row.ledgerSeq();
                lastChainHash = recomputed;
                checkCheckpoint(row, recomputed);
            }
            checkedEvents++;
            return true;
        }

        private static Reason brokenLink(Checked row) {
            EventEnvelope event = row.event();
            if (event.version() == 1) {
                return event.previousHash().equals(EventEnvelope.GENESIS_HASH) ? null : Reason.ALTERED;
            }
            if (!row.hasPredecessor()) {
                return Reason.MISSING;
            }
            if (event.previousHash().equals(row.predecessorHash())) {
                return null;
            }
            return Boolean.TRUE.equals(row.previousElsewhere()) ? Reason.REORDERED : Reason.ALTERED;
        }

        private void checkCheckpoint(Checked row, String recomputed) {
            if (row.checkpointHash() == null) {
                return;
            }
            checkedCheckpoints++;
            if (invalidCheckpoint != null) {
                return;
            }
            if (!row.checkpointHash().equals(recomputed)) {
                invalidCheckpoint = new CheckpointFault(row.ledgerSeq(), CheckpointReason.CHAIN_MISMATCH);
            } else if (!LedgerSigner.verifies(publicKeys.get(row.checkpointKeyId()), row.ledgerSeq(),
                    row.checkpointHash(), row.checkpointSignedAt(), row.checkpointSignature())) {
                invalidCheckpoint = new CheckpointFault(row.ledgerSeq(), CheckpointReason.BAD_SIGNATURE);
            }
        }

        private boolean behindCursor(long tx, long position) {
            return head != null && (tx < head.tx() || tx == head.tx() && position <= head.position());
        }

        private boolean fault(Checked row, Fault fault) {
            firstInvalid = fault;
            faultTx = row.chainTx() != null ? row.chainTx() : row.tx();
            faultPosition = row.chainPosition() != null ? row.chainPosition() : row.position();
            return false;
        }

        /** A forged event behind the sequencer comes first if its place in horizon order precedes the walk's fault. */
        void noticeInserted(Row forged) {
            if (forged == null) {
                return;
            }
            long tx = forged.getLong("tx");
            long position = forged.getLong("position");
            if (firstInvalid == null || tx < faultTx || tx == faultTx && position < faultPosition) {
                firstInvalid = new Fault(null, forged.getUUID("stream_id"), forged.getInteger("stream_version"),
                        Reason.INSERTED);
            }
        }

        VerificationReport report() {
            boolean valid = firstInvalid == null && invalidCheckpoint == null;
            return new VerificationReport(valid, checkedEvents, lastSeq, lastChainHash, firstInvalid,
                    checkedCheckpoints, invalidCheckpoint);
        }
    }
}
