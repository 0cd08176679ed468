package org.complaintledger.complaint.handling;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.complaintledger.complaint.Actor;
import org.complaintledger.complaint.ComplaintCommand;
import org.complaintledger.deadline.DeadlineKind;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns due deadlines into commands, on every instance. Each pass locks a page of due rows with
 * {@code FOR UPDATE SKIP LOCKED}, so instances never pick the same deadline, sends one {@code RecordDeadlinesMissed}
 * per complaint for all of its due deadlines, and deletes the rows in the same transaction. The command is idempotent: the decider records nothing for a
 * deadline that is no longer running (already missed, or cancelled by the step it awaited), so a crash between the
 * command and the delete fires nothing twice.
 */
@ApplicationScoped
public class DeadlineScheduler {

    private static final Logger LOG = Logger.getLogger(DeadlineScheduler.class);

    private static final String DUE = """
            SELECT complaint_id, kind, due_at FROM complaint_deadlines
             WHERE due_at <= $1
             ORDER BY due_at
             LIMIT $2
               FOR UPDATE SKIP LOCKED""";

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

    private final Map<DeadlineKind, Counter> fired = new EnumMap<>(DeadlineKind.class);
    private long timer = -1;
    private volatile boolean running;

    void start(@Observes StartupEvent startup) {
        // every kind from the start, so that a rate over a kind that has not fired yet is 0 and not absent
        for (DeadlineKind kind : DeadlineKind.values()) {
            fired.put(kind, Counter.builder("ledger.deadlines.fired")
                    .description("Due deadlines picked and turned into a command")
                    .tag("kind", kind.configKey()).register(metrics));
        }
        if (enabled) {
            timer = vertx.setPeriodic(interval.toMillis(), id -> {
                if (!running) {
                    running = true;
                    fireDue(page).eventually(() -> running = false)
                            .subscribe().with(n -> { }, failure -> LOG.warn("deadline pass failed", failure));
                }
            });
        }
    }

    void stop(@Observes ShutdownEvent shutdown) {
        vertx.cancelTimer(timer);
    }

    private record Due(UUID complaintId, DeadlineKind kind, Instant dueAt) {
    }

    /** One pass: fires up to {@code limit} due deadlines and answers how many it picked. */
    public Uni<Integer> fireDue(int limit) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return pool.withTransaction(connection -> connection.preparedQuery(DUE)
                .execute(Tuple.of(now.atOffset(ZoneOffset.UTC), limit))
                .flatMap(rows -> {
                    List<Due> due = new ArrayList<>();
                    for (Row row : rows) {
                        due.add(new Due(row.getUUID("complaint_id"), DeadlineKind.valueOf(row.getString("kind")),
                                row.getOffsetDateTime("due_at").toInstant()));
                    }
                    if (due.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    Map<UUID, List<Due>> byComplaint = new LinkedHashMap<>();
                    due.forEach(d -> byComplaint.computeIfAbsent(d.complaintId(), id -> new ArrayList<>()).add(d));
                    return Uni.join().all(byComplaint.entrySet().stream()
                                    .map(e -> fire(e.getKey(), e.getValue(), now)).toList())
                            .andFailFast()
                            .chain(() -> delete(connection, due))
                            .invoke(() -> due.forEach(d -> fired.get(d.kind()).increment()))
                            .replaceWith(due.size());
                }));
    }

    /** One command for all of a complaint's due deadlines, earliest first: one load and one append. */
    private Uni<Void> fire(UUID complaintId, List<Due> due, Instant now) {
        var command = new ComplaintCommand.RecordDeadlinesMissed(complaintId, Actor.SYSTEM, now, due.stream()
                .map(d -> new ComplaintCommand.RecordDeadlinesMissed.Due(d.kind(), d.dueAt()))
                .toList());
        return commands.execute(command, new ComplaintCommandHandler.Directives(null, null, null, null,
                        ComplaintCommandHandler.Effect.CHANGED,
                        "deadlines-" + complaintId))
                .replaceWithVoid();
    }

    private static Uni<Void> delete(SqlConnection connection, List<Due> due) {
        return connection.preparedQuery("""
                        DELETE FROM complaint_deadlines d
                         USING unnest($1::uuid[], $2::text[]) AS picked(complaint_id, kind)
                         WHERE d.complaint_id = picked.complaint_id AND d.kind = picked.kind""")
                .execute(Tuple.of(due.stream().map(Due::complaintId).toArray(UUID[]::new),
                        due.stream().map(d -> d.kind().name()).toArray(String[]::new)))
                .replaceWithVoid();
    }
}
