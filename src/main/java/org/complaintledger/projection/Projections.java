package org.complaintledger.projection;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.complaintledger.ledger.HorizonFeed;
import org.complaintledger.ledger.LedgerReader;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * Runs every projection on this instance, reports how far behind each is, and rebuilds one on request while the
 * service keeps serving.
 */
@Singleton
public class Projections {

    private static final Logger LOG = Logger.getLogger(Projections.class);

    /** How far behind the head a projection is; {@code rebuilding} while a rebuild has not caught up. */
    public record Status(
            String projection,
            long applied,
            long behindEvents,
            long behindMillis,
            boolean rebuilding,
            Long rebuildTarget,
            Map<Integer, String> segmentOwners,
            boolean servingLastGood) {}

    @Inject
    Instance<Projector> projectors;

    @Inject
    Pool pool;

    @Inject
    Mutiny.SessionFactory sessions;

    @Inject
    HorizonFeed feed;

    @Inject
    Vertx vertx;

    @Inject
    MeterRegistry metrics;

    @ConfigProperty(name = "ledger.projections.enabled", defaultValue = "true")
    boolean enabled;

    @ConfigProperty(name = "ledger.projections.segments", defaultValue = "2")
    int segments;

    @ConfigProperty(name = "ledger.projections.batch-size", defaultValue = "1000")
    int batchSize;

    @ConfigProperty(name = "ledger.projections.lease", defaultValue = "PT10S")
    Duration lease;

    @ConfigProperty(name = "ledger.projections.poll-interval", defaultValue = "PT0.05S")
    Duration pollInterval;

    /**
     * How many of a segment's pending events the status counts one by one. A projection further behind than that (an
     * initial build, a long outage) is behind by the ledger's count less what it has applied: reading a million
     * pending events every two seconds would slow the catch-up down that the status reports on.
     */
    @ConfigProperty(name = "ledger.projections.counted-backlog", defaultValue = "10000")
    int countedBacklog;

    /** Rounds of a turn, each a batch of every segment: how far a catch-up goes before the claims are checked. */
    private static final int ROUNDS_PER_TURN = 20;

    private static final Duration ROUND_WAIT = Duration.ofSeconds(2);

    private final AtomicBoolean turning = new AtomicBoolean();
    private final String owner = instanceName();
    private final Map<String, ProjectionProcessor> processors = new LinkedHashMap<>();
    private final Map<String, Status> lastStatus = new ConcurrentHashMap<>();
    private final Map<String, Rate> rebuildRates = new ConcurrentHashMap<>();
    private long pollTimer = -1;
    private long statusTimer = -1;
    private final Map<String, String> versionRebuilds = new ConcurrentHashMap<>();
    private volatile boolean registered;
    private volatile boolean versionsChecked;
    private volatile boolean measured;

    void start(@Observes StartupEvent startup) {
        // the projections poll together and read the same pages once they have caught up: one read for all. A page
        // shorter than asked for is handed out for half a poll; full pages (a catch-up) for a while, a few at most
        FeedPages pages = new FeedPages(feed, pollInterval.toMillis() / 2, 2_000, 2 * segments);
        for (Projector projector : projectors) {
            processors.put(
                    projector.name(),
                    new ProjectionProcessor(
                            projector,
                            owner,
                            new ProjectionProcessor.Settings(
                                    segments, batchSize, (int) lease.toSeconds(), lease.toMillis() / 5),
                            pool,
                            pages,
                            metrics,
                            vertx));
            Gauge.builder(
                            "ledger.projection.lag.events",
                            () -> status(projector.name()).behindEvents())
                    .tag("projection", projector.name())
                    .register(metrics);
            Gauge.builder(
                            "ledger.projection.lag.ms",
                            () -> status(projector.name()).behindMillis())
                    .tag("projection", projector.name())
                    .register(metrics);
            Gauge.builder(
                            "ledger.projection.rebuilding",
                            () -> status(projector.name()).rebuilding() ? 1 : 0)
                    .tag("projection", projector.name())
                    .register(metrics);
        }
        if (!enabled) {
            return;
        }
        onSafeContext(this::registerAndMeasure);
        pollTimer = vertx.setPeriodic(pollInterval.toMillis(), id -> onSafeContext(this::turn));
        statusTimer = vertx.setPeriodic(2000, id -> onSafeContext(this::registerAndMeasure));
    }

    /** Registration is retried with each status refresh until it succeeds: a database blip at start stops nothing. */
    private Uni<Void> registerAndMeasure() {
        Uni<Void> registration = registered
                ? Uni.createFrom().voidItem()
                : Uni.join()
                        .all(processors.values().stream()
                                .map(ProjectionProcessor::register)
                                .toList())
                        .andCollectFailures()
                        .replaceWithVoid()
                        .invoke(() -> registered = true);
        return registration.chain(this::checkVersions).chain(this::refreshStatus);
    }

    /** Once per start, after registration: every projection built by an older version of its rows is rebuilt. */
    private Uni<Void> checkVersions() {
        if (versionsChecked) {
            return Uni.createFrom().voidItem();
        }
        return Uni.join()
                .all(projectors.stream().map(this::checkVersion).toList())
                .andCollectFailures()
                .replaceWithVoid()
                .invoke(() -> versionsChecked = true);
    }

    /**
     * Under the rebuild lock, so that of several instances starting with the same new version only the first
     * rebuilds: the others find the version it recorded. An instance older than the rows (during a rolling deploy)
     * leaves them to the newer one.
     */
    private Uni<Void> checkVersion(Projector projector) {
        String projection = projector.name();
        int wanted = projector.version();
        return sessions.withTransaction((session, tx) -> lockRebuild(session, projection)
                        .chain(() -> session.createNativeQuery("""
                                        SELECT v.version, (SELECT coalesce(sum(applied), 0) FROM projection_segments s
                                                            WHERE s.projection = :projection) AS applied
                                          FROM (SELECT cast(:projection AS text) AS projection) p
                                          LEFT JOIN projection_versions v USING (projection)""", Object[].class)
                                .setParameter("projection", projection)
                                .getSingleResult())
                        .chain(found -> {
                            Integer built = found[0] == null ? null : ((Number) found[0]).intValue();
                            if (built == null && ((Number) found[1]).longValue() == 0) {
                                // a projection that has built nothing yet: its rows will be of this version
                                return recordVersion(session, projector).replaceWith(false);
                            }
                            if (built != null && built >= wanted) {
                                if (built > wanted) {
                                    LOG.warnf(
                                            "projection %s: rows built by version %d, newer than this instance's %d;"
                                                    + " left as they are",
                                            projection, built, wanted);
                                }
                                return Uni.createFrom().item(false);
                            }
                            String reason = "rows built by "
                                    + (built == null ? "a version before versions were recorded" : "version " + built)
                                    + ", this instance needs version " + wanted;
                            LOG.infof("projection %s: %s; rebuilding", projection, reason);
                            versionRebuilds.put(projection, reason);
                            // rows of another version are not for this instance to read, so none are kept aside
                            return resetForRebuild(session, projector, false).replaceWith(true);
                        }))
                .invoke(rebuilt -> {
                    if (rebuilt) {
                        rebuildRates.put(projection, new Rate(Instant.now()));
                    }
                })
                .replaceWithVoid();
    }

    /** Why a projection is being rebuilt when this instance started it for a newer row version, else null. */
    public String versionRebuild(String projection) {
        return status(projection).rebuilding() ? versionRebuilds.get(projection) : null;
    }

    /**
     * Every projection registered and its lag measured once. Before that, {@link #status} reports no lag at all, and
     * readiness would believe it.
     */
    public boolean started() {
        return !enabled || registered && versionsChecked && measured;
    }

    void stop(@Observes ShutdownEvent shutdown) {
        vertx.cancelTimer(pollTimer);
        vertx.cancelTimer(statusTimer);
        if (enabled) {
            Uni.join()
                    .all(processors.values().stream()
                            .map(ProjectionProcessor::stop)
                            .toList())
                    .andCollectFailures()
                    .await()
                    .atMost(Duration.ofSeconds(5));
        }
    }

    public List<String> names() {
        return List.copyOf(processors.keySet());
    }

    public boolean exists(String projection) {
        return processors.containsKey(projection);
    }

    /** The last status measured (every two seconds), without a database round trip. */
    public Status status(String projection) {
        return lastStatus.getOrDefault(projection, new Status(projection, 0, 0, 0, false, null, Map.of(), false));
    }

    /** Reads of a projection being rebuilt say so (503 with Retry-After) rather than answer from half its rows. */
    public void requireServing(String projection) {
        if (status(projection).rebuilding()) {
            throw new org.complaintledger.web.ProblemException(org.complaintledger.web.Problem.of(
                    503,
                    "projection.rebuilding",
                    "The " + projection + " read model is being rebuilt; try again shortly"));
        }
    }

    /**
     * Where a public read (the tracking lookup, Open311) answers from: the projection, or while it is being rebuilt
     * the rows kept from before the rebuild, which the caller marks stale. A rebuild that kept none (one for a new
     * row version) answers 503 as {@link #requireServing} does.
     */
    public ReadModel requireServingPublic(String projection) {
        Status status = status(projection);
        if (status.rebuilding() && status.servingLastGood()) {
            return ReadModel.LAST_GOOD;
        }
        requireServing(projection);
        return ReadModel.CURRENT;
    }

    /**
     * One turn of every projection, what the timer does: rounds of one batch of each segment of each projection, the
     * next round once every projection has applied its batch, for as long as a page came full (up to {@link
     * #ROUNDS_PER_TURN}). In rounds, so that projections at the same checkpoint of a segment (an initial build, all
     * of them after a restart) stay at the same checkpoint and read each page together: it is read and its events
     * decoded once for them all ({@link FeedPages}, {@link org.complaintledger.ledger.FeedEvent#decoded}). Each
     * draining on its own, the fastest ran ahead and every page was read and decoded once per projection.
     */
    Uni<Integer> turn() {
        if (!turning.compareAndSet(false, true)) {
            return Uni.createFrom().item(0);
        }
        return round(ROUNDS_PER_TURN).eventually(() -> turning.set(false));
    }

    private Uni<Integer> round(int left) {
        return Uni.join()
                .all(processors.values().stream()
                        // a projection whose batch hangs (a lock, a slow database) holds the others back once, not
                        // every round: it finishes in the background, and is busy for the rounds after
                        .map(processor ->
                                processor.turn(1).ifNoItem().after(ROUND_WAIT).recoverWithItem(0))
                        .toList())
                .andCollectFailures()
                .flatMap(counts -> {
                    int applied = counts.stream().mapToInt(n -> n).sum();
                    boolean more = counts.stream().anyMatch(n -> n >= batchSize);
                    return more && left > 1
                            ? round(left - 1).map(next -> applied + next)
                            : Uni.createFrom().item(applied);
                });
    }

    /**
     * Drops the projection's rows and starts it again from the first event. Reads of the projection say it is
     * rebuilding until its segments have applied as many events as the ledger held when the rebuild started.
     */
    public Uni<Status> rebuild(String projection) {
        Projector projector = projectors.stream()
                .filter(p -> p.name().equals(projection))
                .findFirst()
                .orElseThrow();
        return sessions.withTransaction((session, tx) ->
                        lockRebuild(session, projection).chain(() -> resetForRebuild(session, projector, true)))
                .invoke(() -> {
                    rebuildRates.put(projection, new Rate(Instant.now()));
                    LOG.infof("projection %s: rebuild started", projection);
                })
                .chain(() -> refreshStatus())
                .map(ignored -> status(projection));
    }

    private static Uni<Void> lockRebuild(Mutiny.Session session, String projection) {
        return session.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext('rebuild:' || :projection))")
                .setParameter("projection", projection)
                .getSingleResult()
                .replaceWithVoid();
    }

    /**
     * Keeps the rows aside for the public reads when they are fit to be kept, drops them, restarts every segment from
     * the first event, and records the version the rows will have. Rows are fit to be kept when they are of this
     * instance's version ({@code readable}) and complete: during a rebuild they are half built, so a rebuild started
     * while another runs keeps the copy that one made, if it made one.
     */
    private static Uni<Void> resetForRebuild(Mutiny.Session session, Projector projector, boolean readable) {
        String projection = projector.name();
        return session.createNativeQuery(
                        "SELECT serves_last_good FROM projection_rebuilds WHERE projection = :projection",
                        Boolean.class)
                .setParameter("projection", projection)
                .getResultList()
                .chain(running -> {
                    if (!running.isEmpty() && running.getFirst()) {
                        return Uni.createFrom().item(true);
                    }
                    return readable && running.isEmpty()
                            ? projector.keepLastGood(session)
                            : projector.dropLastGood(session).replaceWith(false);
                })
                .chain(kept -> resetRows(session, projector, kept));
    }

    private static Uni<Void> resetRows(Mutiny.Session session, Projector projector, boolean keptLastGood) {
        String projection = projector.name();
        return projector
                .reset(session)
                .chain(() -> session.createNativeQuery("""
                                UPDATE projection_segments
                                   SET last_tx = '0', last_position = 0, applied = 0,
                                       generation = generation + 1, updated_at = now()
                                 WHERE projection = :projection""")
                        .setParameter("projection", projection)
                        .executeUpdate())
                .chain(() -> session.createNativeQuery("""
                                INSERT INTO projection_rebuilds (projection, started_at, target_events, serves_last_good)
                                SELECT :projection, now(), (%s), :kept
                                ON CONFLICT (projection) DO UPDATE
                                   SET started_at = excluded.started_at, target_events = excluded.target_events,
                                       serves_last_good = excluded.serves_last_good""".formatted(LedgerReader.countEventsSql()))
                        .setParameter("projection", projection)
                        .setParameter("kept", keptLastGood)
                        .executeUpdate())
                .chain(() -> recordVersion(session, projector));
    }

    private static Uni<Void> recordVersion(Mutiny.Session session, Projector projector) {
        return session.createNativeQuery("""
                        INSERT INTO projection_versions (projection, version) VALUES (:projection, :version)
                        ON CONFLICT (projection) DO UPDATE SET version = excluded.version, built_at = now()""")
                .setParameter("projection", projector.name())
                .setParameter("version", projector.version())
                .executeUpdate()
                .replaceWithVoid();
    }

    private Uni<Void> refreshStatus() {
        return pool.query("""
                        SELECT s.projection, s.segment, s.segment_count, s.owner, s.lease_until > now() AS live,
                               s.applied, s.last_tx::text AS tx, s.last_position, r.target_events,
                               coalesce(r.serves_last_good, false) AS serves_last_good
                          FROM projection_segments s LEFT JOIN projection_rebuilds r USING (projection)
                         ORDER BY s.projection, s.last_tx, s.last_position""")
                .execute()
                .flatMap(rows -> {
                    Map<String, List<Row>> byProjection = new LinkedHashMap<>();
                    rows.forEach(row -> byProjection
                            .computeIfAbsent(row.getString("projection"), p -> new java.util.ArrayList<>())
                            .add(row));
                    // counted at most once per refresh, and only for a projection behind by more than is counted
                    Uni<Long> ledgerEvents = pool.query(LedgerReader.countEventsSql())
                            .execute()
                            .map(counted -> counted.iterator().next().getLong(0))
                            .memoize()
                            .indefinitely();
                    Uni<Void> all = Uni.createFrom().voidItem();
                    for (var entry : byProjection.entrySet()) {
                        if (processors.containsKey(entry.getKey())) {
                            all = all.chain(() -> refresh(entry.getKey(), entry.getValue(), ledgerEvents));
                        }
                    }
                    return all;
                })
                .invoke(() -> measured = true)
                .onFailure()
                .invoke(failure -> LOG.debug("projection status not refreshed", failure))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }

    private Uni<Void> refresh(String projection, List<Row> segmentRows, Uni<Long> ledgerEvents) {
        long applied = segmentRows.stream().mapToLong(r -> r.getLong("applied")).sum();
        Long target = segmentRows.getFirst().getLong("target_events");
        boolean lastGood = segmentRows.getFirst().getBoolean("serves_last_good");
        Map<Integer, String> owners = new java.util.TreeMap<>();
        segmentRows.forEach(r -> owners.put(
                r.getInteger("segment"), Boolean.TRUE.equals(r.getBoolean("live")) ? r.getString("owner") : null));
        boolean rebuilding = target != null && applied < target;
        // each segment against its own checkpoint: the other segments' events after it are not its to apply, and
        // counting them would make a quiet projection look further behind every second. A rebuild knows how far it
        // has to go (target - applied) and reads only enough for its segments' oldest pending events, for the time
        // behind: counting a million events every two seconds would only slow it down.
        int cap = rebuilding ? 100 : countedBacklog;
        return Uni.join()
                .all(segmentRows.stream()
                        .map(r -> feed.behind(
                                r.getInteger("segment"),
                                r.getInteger("segment_count"),
                                r.getString("tx"),
                                r.getLong("last_position"),
                                cap))
                        .toList())
                .andFailFast()
                .flatMap(segments -> eventsBehind(segments, applied, rebuilding ? target : null, ledgerEvents)
                        .flatMap(events -> {
                            Instant oldest = segments.stream()
                                    .map(HorizonFeed.Behind::oldest)
                                    .filter(Objects::nonNull)
                                    .min(Instant::compareTo)
                                    .orElse(null);
                            long millis = oldest == null
                                    ? 0
                                    : Math.max(
                                            0,
                                            Duration.between(oldest, Instant.now())
                                                    .toMillis());
                            lastStatus.put(
                                    projection,
                                    new Status(
                                            projection, applied, events, millis, rebuilding, target, owners, lastGood));
                            if (target != null) {
                                logRebuildProgress(projection, applied, target);
                            }
                            return target != null && !rebuilding
                                    ? finishRebuild(projection)
                                    : Uni.createFrom().voidItem();
                        }));
    }

    /**
     * How many events a projection has still to apply: a rebuild's {@code target} less what it applied; its segments'
     * counts while each was counted whole; past that, the ledger's count less what it applied.
     */
    private static Uni<Long> eventsBehind(
            List<HorizonFeed.Behind> segments, long applied, Long target, Uni<Long> ledgerEvents) {
        if (target != null) {
            return Uni.createFrom().item(target - applied);
        }
        long counted = segments.stream().mapToLong(HorizonFeed.Behind::events).sum();
        return segments.stream().allMatch(HorizonFeed.Behind::counted)
                ? Uni.createFrom().item(counted)
                : ledgerEvents.map(total -> Math.max(counted, total - applied));
    }

    private Uni<Void> finishRebuild(String projection) {
        Rate rate = rebuildRates.remove(projection);
        LOG.infof(
                "projection %s: rebuild complete%s",
                projection,
                rate == null
                        ? ""
                        : " in " + Duration.between(rate.started, Instant.now()).toMillis() + " ms");
        return pool.preparedQuery("DELETE FROM projection_rebuilds WHERE projection = $1")
                .execute(Tuple.of(projection))
                .replaceWithVoid();
    }

    private void logRebuildProgress(String projection, long done, long total) {
        Rate rate = rebuildRates.computeIfAbsent(projection, p -> new Rate(Instant.now()));
        double seconds =
                Math.max(0.001, Duration.between(rate.started, Instant.now()).toMillis() / 1000.0);
        double perSecond = done / seconds;
        long left = perSecond > 0 ? (long) ((total - done) / perSecond) : -1;
        LOG.infof(
                "projection %s: rebuilding %d/%d events (%.0f%%), %.0f events/s, about %d s left",
                projection, done, total, 100.0 * done / Math.max(1, total), perSecond, left);
    }

    private record Rate(Instant started) {}

    private void onSafeContext(java.util.function.Supplier<Uni<?>> work) {
        SafeContext.run(vertx, work::get)
                .subscribe()
                .with(done -> {}, failure -> LOG.warn("projection work failed", failure));
    }

    private static String instanceName() {
        String host = System.getenv().getOrDefault("HOSTNAME", "local");
        return host + "-" + ProcessHandle.current().pid() + "-"
                + UUID.randomUUID().toString().substring(0, 8);
    }
}
