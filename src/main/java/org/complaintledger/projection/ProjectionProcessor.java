package org.complaintledger.projection;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.complaintledger.ledger.FeedEvent;
import org.complaintledger.ledger.HorizonFeed;
import org.jboss.logging.Logger;

/**
 * Feeds one projection on this instance. The projection's stream is split into segments by complaint; this
 * instance claims its fair share of them with a lease (as Axon's pooled streaming processor claims segments in its
 * token store), takes over segments whose owner stopped renewing, and gives some back when another instance joins.
 * Each batch is applied and checkpointed in one transaction; the checkpoint update names the owner and the
 * generation it read, so a batch of an instance that lost its lease, or that raced a rebuild, commits nothing.
 */
final class ProjectionProcessor {

    private static final Logger LOG = Logger.getLogger(ProjectionProcessor.class);

    /** {@code balanceEveryMs}: how often claims are renewed and balanced, well inside the lease. */
    record Settings(int segments, int batchSize, int leaseSeconds, long balanceEveryMs) {}

    private record Checkpoint(int segment, String tx, long position, int generation) {}

    /**
     * The owner lost the segment, a rebuild reset it, or the database lost its last moves in a crash, while the batch
     * ran: the batch rolls back and the segment's checkpoint is read again.
     */
    static final class CheckpointMoved extends RuntimeException {
        CheckpointMoved(String projection, int segment) {
            super("segment " + segment + " of " + projection + " moved on without this batch", null, false, false);
        }
    }

    /**
     * Moves the checkpoint from where this instance last saw it: a database that lost the last batches' asynchronous
     * commits in a crash holds an older checkpoint than the one in memory, and the batch must then roll back and the
     * segment be read again from the stored checkpoint, or the lost batches' events would never be applied.
     */
    private static final String CHECKPOINT = """
            UPDATE projection_segments
               SET last_tx = $1::xid8, last_position = $2, applied = applied + $3,
                   lease_until = now() + make_interval(secs => $4), updated_at = now()
             WHERE projection = $5 AND segment = $6 AND owner = $7 AND generation = $8
               AND last_tx = $9::xid8 AND last_position = $10""";

    /**
     * A batch's commit does not wait for its WAL to reach the disk. Its rows and its checkpoint are derived from the
     * ledger and commit together, so a database crash can lose only the last moments of a projection's progress,
     * never make it inconsistent: the rows and the checkpoint go back to the same earlier point, and the feed brings
     * the lost batches again ({@link #CHECKPOINT} finds the stored checkpoint behind this instance's and has the
     * segment read again from it). Waiting on the disk for them made every projection batch, and the commands' commits
     * queued behind it for the same WAL flush, pay for a durability they do not need (bench/lag.sh: commands and
     * projection lag at p99 spent their time in WALSync and WALWrite). The ledger's own appends stay synchronous.
     */
    static final String ASYNCHRONOUS_COMMIT = "SET LOCAL synchronous_commit = off";

    /**
     * A batch's statements are planned for the tables as they are now. A projection's tables grow from nothing (a new
     * database, a rebuild), and PostgreSQL keeps the plan a pooled connection's prepared statement settled on after
     * its first executions until the table is next analysed: looking a batch's complaints up with {@code = ANY($1)}
     * then stayed a sequential scan planned for a table of a few rows, 20 to 40 ms a lookup at 15,000 rows and more
     * as it grew (auto_explain during bench/rebuild.sh, BENCHMARKS.md session 8). Planning the few statements of a
     * batch each time costs far less.
     */
    static final String CURRENT_PLANS = "SET LOCAL plan_cache_mode = force_custom_plan";

    /**
     * How many of a batch's events have their delay timed ({@code ledger.projection.delay}): all of a batch of a
     * projection that keeps up (a few events a poll), a sample of a catch-up's full pages.
     */
    static final int TIMED_PER_BATCH = 64;

    private final Projector projector;
    private final String owner;
    private final Settings settings;
    private final Pool pool;
    private final FeedPages feed;
    // the segments this instance owns, with their checkpoints: read when claimed or when a rebuild moved them,
    // moved forward by each committed batch, so an idle poll costs one query per segment
    private final Map<Integer, Checkpoint> owned = new ConcurrentHashMap<>();
    private volatile long nextBalance;
    private final Vertx vertx;
    private final Timer delay;
    private final AtomicBoolean busy = new AtomicBoolean();
    // completes when the turn in flight ends: stop() waits for it before giving the segments back
    private volatile CompletableFuture<Void> turnEnded = CompletableFuture.completedFuture(null);
    private volatile boolean stopped;
    // a failing batch (a database outage, a bug in a handler) is retried with growing pauses, not every 50 ms
    private volatile int failures;
    private volatile long pausedUntil;

    ProjectionProcessor(
            Projector projector,
            String owner,
            Settings settings,
            Pool pool,
            HorizonFeed feed,
            MeterRegistry metrics,
            Vertx vertx) {
        this(projector, owner, settings, pool, FeedPages.unshared(feed), metrics, vertx);
    }

    /** {@code pages}: the feed's pages as every projection of this instance reads them, each read once. */
    ProjectionProcessor(
            Projector projector,
            String owner,
            Settings settings,
            Pool pool,
            FeedPages pages,
            MeterRegistry metrics,
            Vertx vertx) {
        this.vertx = vertx;
        // from an event's recording to its rows' commit: the lag a reader of this projection experiences
        this.delay = Timer.builder("ledger.projection.delay")
                .tag("projection", projector.name())
                .publishPercentiles(0.5, 0.99, 0.999)
                .distributionStatisticExpiry(Duration.ofSeconds(60))
                .register(metrics);
        this.projector = projector;
        this.owner = owner;
        this.settings = settings;
        this.pool = pool;
        this.feed = pages;
    }

    String projection() {
        return projector.name();
    }

    Set<Integer> ownedSegments() {
        return Set.copyOf(owned.keySet());
    }

    /**
     * Creates the projection's segment rows the first time any instance starts it. The segment count is fixed from
     * then on: checkpoints are per segment, so an instance configured with another count refuses to run it.
     */
    Uni<Void> register() {
        return pool.preparedQuery("""
                        INSERT INTO projection_segments (projection, segment, segment_count)
                        SELECT $1, g, $2 FROM generate_series(0, $2 - 1) AS g
                        ON CONFLICT DO NOTHING""")
                .execute(Tuple.of(projector.name(), settings.segments()))
                .chain(() -> pool.preparedQuery(
                                "SELECT DISTINCT segment_count FROM projection_segments WHERE projection = $1")
                        .execute(Tuple.of(projector.name())))
                .invoke(rows -> rows.forEach(row -> {
                    if (row.getInteger(0) != settings.segments()) {
                        stopped = true;
                        LOG.errorf(
                                "projection %s runs with %d segments in this database, not %d as configured: "
                                        + "not running it here",
                                projection(), row.getInteger(0), settings.segments());
                    }
                }))
                .replaceWithVoid();
    }

    /** One turn: renew and balance the claims, then apply up to {@code batches} batches of each owned segment. */
    Uni<Integer> turn(int batches) {
        if (stopped || System.currentTimeMillis() < pausedUntil || !busy.compareAndSet(false, true)) {
            return Uni.createFrom().item(0);
        }
        CompletableFuture<Void> ended = new CompletableFuture<>();
        turnEnded = ended;
        Uni<Void> balanced = System.currentTimeMillis() >= nextBalance
                ? balance().invoke(() -> nextBalance = System.currentTimeMillis() + settings.balanceEveryMs())
                : Uni.createFrom().voidItem();
        return balanced.chain(() -> drainOwned(batches))
                .invoke(() -> failures = 0)
                .onFailure()
                .invoke(failure -> {
                    long pause = Math.min(30_000, 100L << Math.min(failures++, 9));
                    pausedUntil = System.currentTimeMillis() + pause;
                    LOG.warnf("projection %s: batch failed, retrying in %d ms: %s", projection(), pause, failure);
                })
                .onFailure()
                .recoverWithItem(0)
                .eventually(() -> {
                    busy.set(false);
                    ended.complete(null);
                });
    }

    /**
     * Releases every segment so another instance takes over at once instead of waiting for the lease to end. A turn
     * in flight is let finish first (no new batch starts once stopped): its claim or renewal landing after the
     * release would hold the segments for a whole lease again.
     */
    Uni<Void> stop() {
        stopped = true;
        return Uni.createFrom()
                .completionStage(turnEnded)
                .ifNoItem()
                .after(Duration.ofSeconds(3))
                .recoverWithItem((Void) null)
                .invoke(owned::clear)
                .chain(() -> pool.preparedQuery("""
                                UPDATE projection_segments SET owner = NULL, lease_until = NULL
                                 WHERE projection = $1 AND owner = $2""").execute(Tuple.of(projector.name(), owner)))
                .chain(() -> pool.preparedQuery("DELETE FROM projection_instances WHERE projection = $1 AND owner = $2")
                        .execute(Tuple.of(projector.name(), owner)))
                .replaceWithVoid();
    }

    /** Announces this instance, then claims or gives back segments until it holds its fair share. */
    private Uni<Void> balance() {
        return pool.preparedQuery("""
                        INSERT INTO projection_instances (projection, owner, alive_until)
                        VALUES ($1, $2, now() + make_interval(secs => $3))
                        ON CONFLICT (projection, owner) DO UPDATE SET alive_until = excluded.alive_until""")
                .execute(Tuple.of(projector.name(), owner, settings.leaseSeconds()))
                .chain(() -> pool.preparedQuery("""
                                SELECT segment, owner, lease_until > now() AS live, last_tx::text AS tx, last_position,
                                       generation,
                                       (SELECT count(*) FROM projection_instances
                                         WHERE projection = $1 AND alive_until > now()) AS instances
                                  FROM projection_segments WHERE projection = $1 ORDER BY segment""").execute(Tuple.of(projector.name())))
                .flatMap(rows -> {
                    List<Integer> mine = new ArrayList<>();
                    int total = 0;
                    long instances = 1;
                    for (Row row : rows) {
                        total++;
                        instances = Math.max(1, row.getLong("instances"));
                        if (owner.equals(row.getString("owner")) && Boolean.TRUE.equals(row.getBoolean("live"))) {
                            int segment = row.getInteger("segment");
                            mine.add(segment);
                            // the stored checkpoint is the truth (no batch is in flight here): a rebuild may have
                            // raised the generation and reset it, or a database crash lost the last batches'
                            // asynchronous commits behind the one this instance holds
                            owned.put(segment, checkpointOf(row));
                        }
                    }
                    int share = (int) Math.ceil(total / (double) instances);
                    owned.keySet().retainAll(mine);
                    if (mine.size() > share) {
                        return release(mine.subList(share, mine.size()));
                    }
                    return mine.size() < share ? claim(share - mine.size()) : renew();
                });
    }

    private Uni<Void> claim(int wanted) {
        return pool.preparedQuery("""
                        UPDATE projection_segments SET owner = $2, lease_until = now() + make_interval(secs => $3)
                         WHERE projection = $1 AND (owner = $2 OR segment IN (
                               SELECT segment FROM projection_segments
                                WHERE projection = $1 AND (owner IS NULL OR lease_until < now())
                                ORDER BY segment LIMIT $4 FOR UPDATE SKIP LOCKED))
                        RETURNING segment, last_tx::text AS tx, last_position, generation""")
                .execute(Tuple.of(projector.name(), owner, settings.leaseSeconds(), wanted))
                .invoke(rows -> rows.forEach(row -> {
                    if (owned.putIfAbsent(row.getInteger("segment"), checkpointOf(row)) == null) {
                        LOG.infof(
                                "projection %s: %s claimed segment %d", projection(), owner, row.getInteger("segment"));
                    }
                }))
                .replaceWithVoid();
    }

    private Uni<Void> renew() {
        return pool.preparedQuery("""
                        UPDATE projection_segments SET lease_until = now() + make_interval(secs => $3)
                         WHERE projection = $1 AND owner = $2""")
                .execute(Tuple.of(projector.name(), owner, settings.leaseSeconds()))
                .replaceWithVoid();
    }

    private Uni<Void> release(List<Integer> segments) {
        segments.forEach(owned::remove);
        return pool.preparedQuery("""
                        UPDATE projection_segments SET owner = NULL, lease_until = NULL
                         WHERE projection = $1 AND owner = $2 AND segment = ANY($3)""")
                .execute(Tuple.of(projector.name(), owner, segments.toArray(Integer[]::new)))
                .replaceWithVoid();
    }

    /** The owned segments are independent (each holds whole complaints), so they drain side by side. */
    private Uni<Integer> drainOwned(int batches) {
        List<Uni<Integer>> drains =
                owned.keySet().stream().map(segment -> drain(segment, batches)).toList();
        return drains.isEmpty()
                ? Uni.createFrom().item(0)
                : Uni.join()
                        .all(drains)
                        .andCollectFailures()
                        .map(counts -> counts.stream().mapToInt(n -> n).sum());
    }

    private Uni<Integer> drain(int segment, int batchesLeft) {
        if (batchesLeft == 0 || stopped || !owned.containsKey(segment)) {
            return Uni.createFrom().item(0);
        }
        return batch(segment)
                .flatMap(n -> n < settings.batchSize()
                        ? Uni.createFrom().item(n)
                        : drain(segment, batchesLeft - 1).map(more -> n + more));
    }

    /** Reads the next batch of the segment after its checkpoint and applies it; answers how many were applied. */
    Uni<Integer> batch(int segment) {
        Checkpoint checkpoint = owned.get(segment);
        if (checkpoint == null) {
            return Uni.createFrom().item(0);
        }
        return feed.batch(segment, settings.segments(), checkpoint.tx(), checkpoint.position(), settings.batchSize())
                .flatMap(
                        events -> events.isEmpty() ? Uni.createFrom().item(0) : applyAndCheckpoint(checkpoint, events));
    }

    private Uni<Integer> applyAndCheckpoint(Checkpoint checkpoint, List<FeedEvent> events) {
        FeedEvent last = events.getLast();
        List<FeedEvent> read = events.stream()
                .filter(e -> projector.reads(e.envelope().type()))
                .toList();
        Tuple moved = Tuple.tuple(List.of(
                last.tx(),
                last.position(),
                events.size(),
                settings.leaseSeconds(),
                projector.name(),
                checkpoint.segment(),
                owner,
                checkpoint.generation(),
                checkpoint.tx(),
                checkpoint.position()));
        // the reactive client's own transaction: the projectors write set-based SQL, so a Hibernate session (its
        // persistence context, its flush, its transaction wrapper) per batch was only overhead. A batch of events
        // this projection does not read moves the checkpoint alone. The checkpoint is checked inside the
        // transaction: one that moved on without this batch rolls its rows back
        return SafeContext.run(
                        vertx,
                        () -> pool.withTransaction(connection -> connection
                                .query(ASYNCHRONOUS_COMMIT + "; " + CURRENT_PLANS)
                                .execute()
                                .chain(() -> read.isEmpty()
                                        ? Uni.createFrom().voidItem()
                                        : projector.apply(connection, read))
                                .chain(() -> moveCheckpoint(connection, moved, checkpoint))))
                .onFailure(CheckpointMoved.class)
                .invoke(() -> owned.remove(checkpoint.segment()))
                .invoke(() -> {
                    owned.replace(
                            checkpoint.segment(),
                            checkpoint,
                            new Checkpoint(checkpoint.segment(), last.tx(), last.position(), checkpoint.generation()));
                    // in milliseconds, the precision of recorded_at: a Duration per event was 2 % of a rebuild's CPU.
                    // Every event of a batch up to TIMED_PER_BATCH, evenly spaced ones of a larger batch (a projection
                    // catching up): a timing costs a microsecond (three rotating histograms), 7 % of an initial
                    // build's samples when each of its million events was timed (BENCHMARKS.md, session 9)
                    long committed = System.currentTimeMillis();
                    for (FeedEvent e : timed(events)) {
                        long lag = committed - e.envelope().recordedAt().toEpochMilli();
                        // a writer's clock ahead of this one's (or a test's moved clock) is no lag at all
                        delay.record(Math.max(0, lag), TimeUnit.MILLISECONDS);
                    }
                })
                .replaceWith(events.size());
    }

    /** Those of a batch's events whose delay is timed: all up to {@link #TIMED_PER_BATCH}, else that many, evenly spaced. */
    static <T> List<T> timed(List<T> events) {
        int n = events.size();
        if (n <= TIMED_PER_BATCH) {
            return events;
        }
        List<T> sample = new ArrayList<>(TIMED_PER_BATCH);
        for (int i = 0; i < TIMED_PER_BATCH; i++) {
            sample.add(events.get((int) ((long) i * n / TIMED_PER_BATCH)));
        }
        return sample;
    }

    private Uni<Void> moveCheckpoint(io.vertx.mutiny.sqlclient.SqlClient client, Tuple moved, Checkpoint checkpoint) {
        return client.preparedQuery(CHECKPOINT)
                .execute(moved)
                .invoke(updated -> {
                    if (updated.rowCount() != 1) {
                        throw new CheckpointMoved(projector.name(), checkpoint.segment());
                    }
                })
                .replaceWithVoid();
    }

    private static Checkpoint checkpointOf(Row row) {
        return new Checkpoint(
                row.getInteger("segment"),
                row.getString("tx"),
                row.getLong("last_position"),
                row.getInteger("generation"));
    }
}
