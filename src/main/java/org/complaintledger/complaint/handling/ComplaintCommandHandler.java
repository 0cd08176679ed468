package org.complaintledger.complaint.handling;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.axonframework.eventsourcing.eventstore.AppendEventsTransactionRejectedException;
import org.axonframework.messaging.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.core.MessageType;
import org.complaintledger.complaint.Complaint;
import org.complaintledger.complaint.ComplaintCommand;
import org.complaintledger.complaint.Rejection;
import org.complaintledger.ledger.AppendMetadata;
import org.complaintledger.ledger.IdempotencyKeyTakenException;
import org.complaintledger.web.Problem;
import org.complaintledger.web.ProblemException;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;

/**
 * Runs a command through Axon and answers with the complaint as the command left it. Two promises of the API live
 * here: a retried Idempotency-Key gets the first answer again and appends nothing, and a writer that lost a race
 * decides again on the fresh state (409 only if the step is no longer allowed), unless its If-Match pinned a version.
 * Every command is timed here, whoever sends it (the API or the deadline scheduler), and every refusal is counted
 * by its problem code.
 */
@ApplicationScoped
public class ComplaintCommandHandler {

    /** Enough for any realistic pile-up on one complaint; each retry re-reads the stream. */
    static final int MAX_ATTEMPTS = 16;

    private static final Duration[] LATENCY_BUCKETS = Stream.of(5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000)
            .map(Duration::ofMillis).toArray(Duration[]::new);

    public record Directives(Long expectedVersion, String idempotencyScope, String idempotencyKey,
                             String requestHash, int successStatus, String correlationId) {
    }

    public record Outcome(Complaint complaint, int status) {
    }

    private record StoredAnswer(String requestHash, java.util.UUID streamId, int version, int status) {
    }

    @Inject
    ComplaintAxonConfiguration axon;

    @Inject
    ComplaintHistory history;

    @Inject
    Pool pool;

    @Inject
    MeterRegistry metrics;

    // every command looks its timer up: built and registered once per command and outcome, not per command run
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public Uni<Outcome> execute(ComplaintCommand command, Directives directives) {
        String name = ComplaintAxonConfiguration.commandName(command.getClass()).localName();
        return Uni.createFrom().deferred(() -> {
            Timer.Sample sample = Timer.start(metrics);
            return attempts(command, directives).onItemOrFailure().invoke((outcome, failure) -> {
                String code = failure == null ? null : refusalCode(failure);
                sample.stop(timer(name, failure == null ? "accepted" : code != null ? "rejected" : "failed"));
                if (code != null) {
                    metrics.counter("ledger.commands.rejected", "command", name, "code", code).increment();
                }
            });
        });
    }

    /**
     * Tags are the command's name and one of three outcomes: a small fixed set. Buckets rather than percentiles
     * computed here, so that the replicas' latencies add up in Prometheus; a dozen chosen ones rather than
     * Micrometer's default several dozen, since every command and outcome carries its own.
     */
    private Timer timer(String command, String outcome) {
        return timers.computeIfAbsent(command + "/" + outcome, key -> Timer.builder("ledger.commands")
                .description("Commands executed, from dispatch to the complaint's new state or the refusal")
                .tag("command", command)
                .tag("outcome", outcome)
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .register(metrics));
    }

    /** The stable problem code of a refusal (a business rule, a stale If-Match, a reused key); null for a fault. */
    private static String refusalCode(Throwable failure) {
        return switch (failure) {
            case Rejection rejection -> rejection.code();
            case StaleVersionException stale -> StaleVersionException.CODE;
            case ProblemException problem -> problem.problem().code();
            default -> null;
        };
    }

    private Uni<Outcome> attempts(ComplaintCommand command, Directives directives) {
        // every attempt first looks for an answer already given to this key: a retry that lost the race to its
        // own first attempt (on the stream version or on the key itself) then replays that answer
        Uni<Outcome> attempt = directives.idempotencyKey() == null
                ? dispatch(command, directives)
                : storedAnswer(directives).flatMap(stored -> stored != null
                        ? replay(stored, directives)
                        : dispatch(command, directives));
        Uni<Outcome> outcome = attempt
                .onFailure(IdempotencyKeyTakenException.class).retry().atMost(1)
                .onFailure(AppendEventsTransactionRejectedException.class)
                .transform(conflict -> directives.expectedVersion() != null
                        ? new StaleVersionException(directives.expectedVersion())
                        : conflict)
                .onFailure(AppendEventsTransactionRejectedException.class).retry().atMost(MAX_ATTEMPTS - 1)
                .onFailure(AppendEventsTransactionRejectedException.class)
                .transform(conflict -> new ProblemException(Problem.of(409, "request.concurrent-update",
                        "The complaint kept changing under this request; try again")));
        if (directives.idempotencyKey() == null) {
            return outcome;
        }
        // a retry that read the state its own first attempt produced is refused by the decider ("already
        // acknowledged"); the key says it is the same request, so it gets the first answer instead
        return outcome.onFailure(failure -> !(failure instanceof ProblemException))
                .recoverWithUni(failure -> storedAnswer(directives).flatMap(stored -> stored == null
                        ? Uni.createFrom().failure(failure)
                        : replay(stored, directives)));
    }

    private Uni<Outcome> dispatch(ComplaintCommand command, Directives directives) {
        Map<String, String> metadata = new HashMap<>();
        metadata.put(AppendMetadata.CORRELATION_ID, directives.correlationId());
        metadata.put(AppendMetadata.RESPONSE_STATUS, Integer.toString(directives.successStatus()));
        if (directives.expectedVersion() != null) {
            metadata.put(ComplaintAxonConfiguration.EXPECTED_VERSION, Long.toString(directives.expectedVersion()));
        }
        if (directives.idempotencyKey() != null) {
            metadata.put(AppendMetadata.IDEMPOTENCY_SCOPE, directives.idempotencyScope());
            metadata.put(AppendMetadata.IDEMPOTENCY_KEY, directives.idempotencyKey());
            metadata.put(AppendMetadata.REQUEST_HASH, directives.requestHash());
        }
        MessageType type = new MessageType(ComplaintAxonConfiguration.commandName(command.getClass()), "1");
        return Uni.createFrom()
                .completionStage(() -> axon.commandBus().dispatch(new GenericCommandMessage(type, command, metadata), null))
                .map(result -> new Outcome((Complaint) result.payload(), directives.successStatus()))
                .onFailure().transform(ComplaintCommandHandler::unwrap);
    }

    private Uni<StoredAnswer> storedAnswer(Directives directives) {
        return pool.preparedQuery("""
                        SELECT request_hash, stream_id, stream_version, status FROM idempotency_keys
                         WHERE scope = $1 AND key = $2""")
                .execute(Tuple.of(directives.idempotencyScope(), directives.idempotencyKey()))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    return new StoredAnswer(row.getString("request_hash"), row.getUUID("stream_id"),
                            row.getInteger("stream_version"), row.getInteger("status"));
                });
    }

    private Uni<Outcome> replay(StoredAnswer stored, Directives directives) {
        if (!stored.requestHash().equals(directives.requestHash())) {
            return Uni.createFrom().failure(new ProblemException(Problem.of(409, "request.idempotency-key-reused",
                    "This Idempotency-Key was used for a different request")));
        }
        return history.stateAt(stored.streamId(), stored.version())
                .map(complaint -> new Outcome(complaint, stored.status()));
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
