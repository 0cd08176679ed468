package org.complaintledger.complaint.handling;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.axonframework.eventsourcing.eventstore.AppendEventsTransactionRejectedException;
import org.axonframework.messaging.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.core.MessageType;
import org.complaintledger.complaint.Actor;
import org.complaintledger.complaint.Channel;
import org.complaintledger.complaint.Complaint;
import org.complaintledger.complaint.ComplaintCommand;
import org.complaintledger.complaint.ComplaintSummary;
import org.complaintledger.complaint.Rejection;
import org.complaintledger.ledger.AppendMetadata;
import org.complaintledger.ledger.EventEnvelope;
import org.complaintledger.ledger.IdempotencyKeyTakenException;
import org.complaintledger.ledger.IdempotencyKeys;

/**
 * Runs a command through Axon and answers with the complaint as the command left it. Two promises of the API live
 * here: a retried Idempotency-Key gets the first answer again and appends nothing, and a writer that lost a race
 * decides again on the fresh state (409 only if the step is no longer allowed), unless its If-Match pinned a version.
 * Every command is timed here, whoever sends it (the API or the deadline scheduler), and every refusal is counted
 * by its problem code.
 */
@Singleton
public class ComplaintCommandHandler {

    /** Enough for any realistic pile-up on one complaint; each retry re-reads the stream. */
    static final int MAX_ATTEMPTS = 16;

    private static final Duration[] LATENCY_BUCKETS = Stream.of(5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000)
            .map(Duration::ofMillis)
            .toArray(Duration[]::new);

    /**
     * How a command is to be run. {@code channel} is how the actor reached us when it was not the API: a complainant's
     * step taken in a WhatsApp or SMS chat (intake/) records WHATSAPP or SMS_1708 with its events; null otherwise.
     */
    public record Directives(
            Long expectedVersion,
            String idempotencyScope,
            String idempotencyKey,
            String requestHash,
            Effect effect,
            String correlationId,
            Channel channel) {

        public Directives(
                Long expectedVersion,
                String idempotencyScope,
                String idempotencyKey,
                String requestHash,
                Effect effect,
                String correlationId) {
            this(expectedVersion, idempotencyScope, idempotencyKey, requestHash, effect, correlationId, null);
        }
    }

    /** What a command did to its complaint; the web edge answers 201 for CREATED and 200 for CHANGED. */
    public enum Effect {
        CREATED,
        CHANGED
    }

    /**
     * The complaint after the command: the decider's state, and the read model's summary that the answer shows
     * (folded with it, so the answer does not read the stream again).
     */
    public record Outcome(Complaint complaint, ComplaintSummary summary, Effect effect) {}

    @Inject
    ComplaintAxonConfiguration axon;

    @Inject
    ComplaintHistory history;

    @Inject
    IdempotencyKeys idempotencyKeys;

    @Inject
    MeterRegistry metrics;

    // every command looks its timer up: built and registered once per command and outcome, not per command run
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public Uni<Outcome> execute(ComplaintCommand command, Directives requested) {
        String name = ComplaintAxonConfiguration.commandName(command.getClass()).localName();
        Directives directives = keyed(requested);
        return Uni.createFrom().deferred(() -> {
            Timer.Sample sample = Timer.start(metrics);
            return attempts(command, directives).onItemOrFailure().invoke((outcome, failure) -> {
                String code = failure == null ? null : refusalCode(failure);
                sample.stop(timer(name, failure == null ? "accepted" : code != null ? "rejected" : "failed"));
                if (code != null) {
                    metrics.counter("ledger.commands.rejected", "command", name, "code", code)
                            .increment();
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
        return timers.computeIfAbsent(
                command + "/" + outcome,
                key -> Timer.builder("ledger.commands")
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
            case RequestConflict conflict -> conflict.code();
            default -> null;
        };
    }

    /**
     * The idempotency scope (the caller's subject) and the request's digest as the table stores them: keyed hashes,
     * never a subject id or a plain hash of a body that named a complainant.
     */
    private Directives keyed(Directives d) {
        if (d.idempotencyKey() == null) {
            return d;
        }
        return new Directives(
                d.expectedVersion(),
                idempotencyKeys.keyed("scope\n" + d.idempotencyScope()),
                d.idempotencyKey(),
                idempotencyKeys.keyed("request\n" + d.requestHash()),
                d.effect(),
                d.correlationId(),
                d.channel());
    }

    private Uni<Outcome> attempts(ComplaintCommand command, Directives directives) {
        // every attempt first looks for an answer already given to this key: a retry that lost the race to its
        // own first attempt (on the stream version or on the key itself) then replays that answer
        Uni<Outcome> attempt = directives.idempotencyKey() == null
                ? dispatch(command, directives)
                : storedAnswer(directives)
                        .flatMap(stored ->
                                stored != null ? replay(stored, command, directives) : dispatch(command, directives));
        Uni<Outcome> outcome = attempt.onFailure(IdempotencyKeyTakenException.class)
                .retry()
                .atMost(1)
                .onFailure(AppendEventsTransactionRejectedException.class)
                .transform(conflict -> directives.expectedVersion() != null
                        ? new StaleVersionException(directives.expectedVersion())
                        : conflict)
                .onFailure(AppendEventsTransactionRejectedException.class)
                .retry()
                .atMost(MAX_ATTEMPTS - 1)
                .onFailure(AppendEventsTransactionRejectedException.class)
                .transform(conflict -> RequestConflict.concurrentUpdate());
        if (directives.idempotencyKey() == null) {
            return outcome;
        }
        // a retry that read the state its own first attempt produced is refused by the decider ("already
        // acknowledged"); the key says it is the same request, so it gets the first answer instead
        return outcome.onFailure(failure -> !(failure instanceof RequestConflict))
                .recoverWithUni(failure -> storedAnswer(directives)
                        .flatMap(stored -> stored == null
                                ? Uni.createFrom().failure(failure)
                                : replay(stored, command, directives)));
    }

    private Uni<Outcome> dispatch(ComplaintCommand command, Directives directives) {
        Map<String, String> metadata = new HashMap<>();
        metadata.put(AppendMetadata.CORRELATION_ID, directives.correlationId());
        metadata.put(AppendMetadata.OUTCOME, directives.effect().name());
        if (directives.channel() != null) {
            metadata.put(AppendMetadata.CHANNEL, directives.channel().name());
        }
        if (directives.expectedVersion() != null) {
            metadata.put(ComplaintAxonConfiguration.EXPECTED_VERSION, Long.toString(directives.expectedVersion()));
        }
        if (directives.idempotencyKey() != null) {
            metadata.put(AppendMetadata.IDEMPOTENCY_SCOPE, directives.idempotencyScope());
            metadata.put(AppendMetadata.IDEMPOTENCY_KEY, directives.idempotencyKey());
            metadata.put(AppendMetadata.REQUEST_HASH, directives.requestHash());
        }
        MessageType type = new MessageType(ComplaintAxonConfiguration.commandName(command.getClass()), "1");
        // a filing's first attempt need not load the stream of the id just minted for it; a retry (the id was taken
        // after all, or the append failed) loads it like any other command
        AtomicBoolean first = new AtomicBoolean(command instanceof ComplaintCommand.Submit);
        return Uni.createFrom()
                .completionStage(() -> {
                    Map<String, String> sent = metadata;
                    if (first.getAndSet(false)) {
                        sent = new HashMap<>(metadata);
                        sent.put(ComplaintAxonConfiguration.NEW_STREAM, "true");
                    }
                    return axon.commandBus().dispatch(new GenericCommandMessage(type, command, sent), null);
                })
                .map(result -> {
                    ComplaintFold fold = (ComplaintFold) result.payload();
                    return new Outcome(fold.state(), fold.summary(), directives.effect());
                })
                .onFailure()
                .transform(ComplaintCommandHandler::unwrap);
    }

    private Uni<IdempotencyKeys.StoredAnswer> storedAnswer(Directives directives) {
        return idempotencyKeys.find(directives.idempotencyScope(), directives.idempotencyKey());
    }

    /**
     * The first answer again, only to the principal that got it: the token that retries is checked anew against the
     * actor the first attempt recorded, so an officer moved to another agency under the same subject, or a subject
     * that now holds another role, gets no answer about the complaint.
     */
    private Uni<Outcome> replay(IdempotencyKeys.StoredAnswer stored, ComplaintCommand command, Directives directives) {
        if (!stored.requestHash().equals(directives.requestHash())) {
            return Uni.createFrom().failure(RequestConflict.idempotencyKeyReused());
        }
        return history.envelopes(stored.streamId()).flatMap(envelopes -> {
            envelopes.stream()
                    .filter(envelope -> envelope.version() == stored.version())
                    .findFirst()
                    .ifPresent(answered -> requireSamePrincipal(answered.actor(), command.actor()));
            return history.foldAt(stored.streamId(), stored.version())
                    .map(fold -> new Outcome(fold.state(), fold.summary(), Effect.valueOf(stored.outcome())));
        });
    }

    private static void requireSamePrincipal(EventEnvelope.EventActor answered, Actor retrying) {
        if (!retrying.role().wireName().equals(answered.role())) {
            throw new Rejection(
                    Rejection.Reason.ROLE_NOT_ALLOWED, "This request was answered to another role; send it anew");
        }
        if (!Objects.equals(retrying.agency(), answered.agency())) {
            throw new Rejection(
                    Rejection.Reason.NOT_ASSIGNED_AGENCY, "This request was answered to another agency; send it anew");
        }
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
