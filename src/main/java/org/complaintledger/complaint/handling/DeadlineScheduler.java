package org.complaintledger.complaint.handling;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.complaintledger.complaint.Actor;
import org.complaintledger.complaint.ComplaintCommand;
import org.complaintledger.deadline.DeadlineKind;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Turns due deadlines into commands, on every instance. Each pass first claims a page of due, unclaimed rows for a
 * lease ({@code FOR UPDATE SKIP LOCKED} inside one short {@code UPDATE}), so instances never pick the same deadline,
 * and commits the claim before it acts: while it loads streams and runs commands it holds no row lock and no open
 * transaction, which would block the projection that rewrites those rows and hold back the readers' gap-free horizon.
 * It then sends one {@code RecordDeadlinesMissed} per complaint for all of its due deadlines and deletes the rows it
 * claimed. The command is idempotent: the decider records nothing for a deadline that is no longer running (already
 * missed, or cancelled by the step it awaited), so a crash between the command and the delete fires nothing twice; a
 * crashed claimer's rows are picked again when its lease has run out.
 */
@Singleton
public class DeadlineScheduler {

    private static final Logger LOG = Logger.getLogger(DeadlineScheduler.class);

    // The lease is counted on the database's clock, the one clock all instances share; "due" on the service's clock
    private static final String CLAIM = """
            UPDATE complaint_deadlines d
               SET claim = $3, claimed_until = clock_timestamp() + $4 * interval '1 millisecond'
             WHERE (d.complaint_id, d.kind) IN (
                    SELECT complaint_id, kind FROM complaint_deadlines
                     WHERE due_at <= $1
                       AND (claimed_until IS NULL OR claimed_until < clock_timestamp())
                     ORDER BY due_at
                     LIMIT $2
                       FOR UPDATE SKIP LOCKED)
            RETURNING d.complaint_id, d.kind, d.due_at""";

    // only the rows of this claim: the projection may have written the complaint's deadlines afresh meanwhile
    private static final String DONE = """
            DELETE FROM complaint_deadlines
             WHERE claim = $1 AND complaint_id = $2""";

    private static final String RELEASE = """
            UPDATE complaint_deadlines SET claim = NULL, claimed_until = NULL
             WHERE claim = $1 AND complaint_id = $2""";

    @Inject
    Pool pool;

    @Inject
    ComplaintCommandHandler commands;

    @Inject
    Clock clock;

    @Inject
    Vertx vertx;

    @Inject
    MeterRegistry metrics;

    @ConfigProperty(name = "ledger.deadlines.scheduler.enabled", defaultValue = "true")
    boolean enabled;

    @ConfigProperty(name = "ledger.deadlines.scheduler.interval", defaultValue = "PT1S")
    Duration interval;

    @ConfigProperty(name = "ledger.deadlines.scheduler.page", defaultValue = "200")
    int page;

    /** How long a claim keeps other instances off its rows; a crashed claimer's deadlines fire this much later. */
    @ConfigProperty(name = "ledger.deadlines.scheduler.lease", defaultValue = "PT1M")
    Duration lease;

    private final Map<DeadlineKind, Counter> fired = new EnumMap<>(DeadlineKind.class);
    private long timer = -1;
    private volatile boolean running;

    void start(@Observes StartupEvent startup) {
        // every kind from the start, so that a rate over a kind that has not fired yet is 0 and not absent
        for (DeadlineKind kind : DeadlineKind.values()) {
            fired.put(
                    kind,
                    Counter.builder("ledger.deadlines.fired")
                            .description("Due deadlines picked and turned into a command")
                            .tag("kind", kind.configKey())
                            .register(metrics));
        }
        if (enabled) {
            timer = vertx.setPeriodic(interval.toMillis(), id -> {
                if (!running) {
                    running = true;
                    fireDue(page)
                            .eventually(() -> running = false)
                            .subscribe()
                            .with(n -> {}, failure -> LOG.warn("deadline pass failed", failure));
                }
            });
        }
    }

    void stop(@Observes ShutdownEvent shutdown) {
        vertx.cancelTimer(timer);
    }

    /** How many complaints' deadlines one pass fires at once. */
    static final int FIRING_CONCURRENCY = 16;

    /** One pass: fires up to {@code limit} due deadlines and answers how many it picked. */
    public Uni<Integer> fireDue(int limit) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return claim(limit, lease).flatMap(claimed -> {
            if (claimed.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            Map<UUID, List<Due>> byComplaint = new LinkedHashMap<>();
            claimed.due()
                    .forEach(d -> byComplaint
                            .computeIfAbsent(d.complaintId(), id -> new ArrayList<>())
                            .add(d));
            // a few complaints at a time: each command reads and appends its stream, and a page of hundreds fired at
            // once queues more requests than the connection pool lets wait (ConnectionPoolTooBusyException)
            return Uni.join()
                    .all(byComplaint.entrySet().stream()
                            .map(e -> fire(claimed.id(), e.getKey(), e.getValue(), now))
                            .toList())
                    .usingConcurrencyOf(FIRING_CONCURRENCY)
                    .andCollectFailures()
                    .replaceWith(claimed.due().size());
        });
    }

    /** The due rows a pass took, under the claim that names it. */
    public record Claimed(UUID id, List<Due> due) {

        boolean isEmpty() {
            return due.isEmpty();
        }
    }

    public record Due(UUID complaintId, DeadlineKind kind, Instant dueAt) {}

    /**
     * Claims up to {@code limit} due, unclaimed deadlines for {@code lease} and commits the claim; nothing is fired.
     * The first half of a pass, public so that a test can play a scheduler that dies after claiming.
     */
    public Uni<Claimed> claim(int limit, Duration lease) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        UUID claim = UUID.randomUUID();
        // a single statement outside an explicit transaction: it commits as soon as it has run
        return pool.preparedQuery(CLAIM)
                .execute(Tuple.of(now.atOffset(ZoneOffset.UTC), limit, claim, lease.toMillis()))
                .map(rows -> {
                    List<Due> due = new ArrayList<>();
                    for (Row row : rows) {
                        due.add(new Due(
                                row.getUUID("complaint_id"),
                                DeadlineKind.valueOf(row.getString("kind")),
                                row.getOffsetDateTime("due_at").toInstant()));
                    }
                    due.sort(Comparator.comparing(Due::dueAt));
                    return new Claimed(claim, due);
                });
    }

    /**
     * One command for all of a complaint's due deadlines, earliest first: one load and one append. Done, the claimed
     * rows go; failed, they are released at once so that the next pass tries again.
     */
    private Uni<Void> fire(UUID claim, UUID complaintId, List<Due> due, Instant now) {
        var command = new ComplaintCommand.RecordDeadlinesMissed(
                complaintId,
                Actor.SYSTEM,
                now,
                due.stream()
                        .map(d -> new ComplaintCommand.RecordDeadlinesMissed.Due(d.kind(), d.dueAt()))
                        .toList());
        return commands.execute(
                        command,
                        new ComplaintCommandHandler.Directives(
                                null,
                                null,
                                null,
                                null,
                                ComplaintCommandHandler.Effect.CHANGED,
                                "deadlines-" + complaintId))
                .chain(() -> pool.preparedQuery(DONE).execute(Tuple.of(claim, complaintId)))
                .invoke(() -> due.forEach(d -> fired.get(d.kind()).increment()))
                .replaceWithVoid()
                .onFailure()
                .call(failure -> pool.preparedQuery(RELEASE)
                        .execute(Tuple.of(claim, complaintId))
                        .onFailure()
                        .recoverWithNull());
    }
}
