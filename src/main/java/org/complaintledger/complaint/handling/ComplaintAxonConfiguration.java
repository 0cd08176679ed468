package org.complaintledger.complaint.handling;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.axonframework.common.configuration.AxonConfiguration;
import org.axonframework.eventsourcing.configuration.EventSourcedEntityModule;
import org.axonframework.eventsourcing.configuration.EventSourcingConfigurer;
import org.axonframework.eventsourcing.eventstore.PayloadBasedTagResolver;
import org.axonframework.messaging.commandhandling.CommandBus;
import org.axonframework.messaging.commandhandling.CommandHandler;
import org.axonframework.messaging.commandhandling.CommandMessage;
import org.axonframework.messaging.commandhandling.CommandResultMessage;
import org.axonframework.messaging.commandhandling.GenericCommandResultMessage;
import org.axonframework.messaging.commandhandling.configuration.CommandHandlingModule;
import org.axonframework.messaging.core.MessageStream;
import org.axonframework.messaging.core.MessageType;
import org.axonframework.messaging.core.Metadata;
import org.axonframework.messaging.core.QualifiedName;
import org.axonframework.messaging.core.unitofwork.ProcessingContext;
import org.axonframework.messaging.eventhandling.EventMessage;
import org.axonframework.messaging.eventhandling.GenericEventMessage;
import org.axonframework.messaging.eventhandling.gateway.EventAppender;
import org.axonframework.messaging.eventstreaming.EventCriteria;
import org.axonframework.messaging.eventstreaming.Tag;
import org.axonframework.modelling.StateManager;
import org.axonframework.modelling.repository.Repository;
import org.complaintledger.complaint.Complaint;
import org.complaintledger.complaint.ComplaintCommand;
import org.complaintledger.complaint.ComplaintEvent;
import org.complaintledger.complaint.Rejection;
import org.complaintledger.complaint.codec.ComplaintEventCodec;
import org.complaintledger.deadline.DeadlinePolicies;
import org.complaintledger.deadline.DeadlinePolicy;
import org.complaintledger.ledger.AppendMetadata;
import org.complaintledger.ledger.EventSchemas;
import org.complaintledger.ledger.PgEventStorageEngine;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Axon 5, wired by hand (no Spring, no Axon Server): the complaint is an event-sourced entity sourced through our
 * PostgreSQL storage engine, and one command handler per command is a thin adapter over the pure decider. Built on
 * start and shut down on stop, which also makes dev-mode reloads work.
 */
@Singleton
public class ComplaintAxonConfiguration {

    static final String EXPECTED_VERSION = "expectedVersion";

    /** On a filing's first attempt: its complaint id is new, so there is no stream to load (see handler()). */
    static final String NEW_STREAM = "newStream";

    private static final MessageType RESULT = new MessageType("complaint.state", "1");

    // looked up for every command run: the regular expression runs once per command type
    private static final ClassValue<QualifiedName> COMMAND_NAMES = new ClassValue<>() {
        @Override
        protected QualifiedName computeValue(Class<?> command) {
            return new QualifiedName("complaint."
                    + command.getSimpleName()
                            .replaceAll("([a-z])([A-Z])", "$1-$2")
                            .toLowerCase());
        }
    };

    @Inject
    Pool pool;

    @Inject
    Clock clock;

    /** Group commit (see GroupCommit): 1 appends each command alone. */
    @ConfigProperty(name = "ledger.events.group-commit.max-batch", defaultValue = "32")
    int groupCommitMaxBatch;

    @ConfigProperty(name = "ledger.events.group-commit.max-in-flight", defaultValue = "4")
    int groupCommitMaxInFlight;

    @ConfigProperty(name = "ledger.events.group-commit.window", defaultValue = "PT0S")
    Duration groupCommitWindow;

    /** The SLA policy in force for each decision: set by the administration, the configured one until then. */
    @Inject
    DeadlinePolicies policies;

    /** On in the tests: every event any test makes the service write is checked against its published schema. */
    @ConfigProperty(name = "ledger.events.validate-schemas", defaultValue = "false")
    boolean validateSchemas;

    @Inject
    MeterRegistry metrics;

    /**
     * The most events one complaint may hold. Every command, read and export of a complaint loads its stream, so a
     * stream without bound is a request whose cost grows without bound; real complaints stay far below this.
     */
    @ConfigProperty(name = "ledger.complaints.max-events", defaultValue = "1000")
    int maxEvents;

    private AxonConfiguration configuration;
    private CommandBus commandBus;

    /** Before the application's own start-up observers, which may send commands (the dev profile's demo data). */
    void start(@Observes @Priority(Interceptor.Priority.LIBRARY_BEFORE) StartupEvent startup) {
        System.setProperty("axoniq.update-checker.disabled", "true");
        ComplaintEventCodec codec =
                validateSchemas ? new ComplaintEventCodec(new EventSchemas()) : new ComplaintEventCodec();
        PgEventStorageEngine engine = new PgEventStorageEngine(
                pool.getDelegate(),
                codec,
                clock,
                metrics,
                groupCommitMaxBatch,
                groupCommitMaxInFlight,
                groupCommitWindow);
        var commandHandlers = CommandHandlingModule.named("complaint-commands").commandHandlers();
        for (Class<?> command : ComplaintCommand.class.getPermittedSubclasses()) {
            commandHandlers.commandHandler(commandName(command), c -> handler());
        }
        configuration = EventSourcingConfigurer.create()
                .registerEventStorageEngine(c -> engine)
                .registerTagResolver(c -> PayloadBasedTagResolver.forPayloadType(ComplaintEvent.class)
                        .withResolver(e -> Tag.of(
                                PgEventStorageEngine.STREAM_TAG, e.complaintId().toString())))
                .registerEntity(EventSourcedEntityModule.declarative(UUID.class, ComplaintFold.class)
                        .messagingModel((c, model) -> model.entityEvolver(
                                        (fold, event, context) -> fold.evolve((ComplaintEvent) event.payload()))
                                .build())
                        // A complaint that was never filed is the initial state, not an error, so that the decider
                        // (not the framework) answers "not found" or "already exists". The event is ignored: with
                        // loadOrCreate every entity starts from this state and evolves through all of its events.
                        .entityFactory(c -> (id, firstEvent, context) -> ComplaintFold.initial(id))
                        .criteriaResolver(c -> (id, context) ->
                                EventCriteria.havingTags(Tag.of(PgEventStorageEngine.STREAM_TAG, id.toString())))
                        .build())
                .registerCommandHandlingModule(commandHandlers)
                .start();
        commandBus = configuration.getComponent(CommandBus.class);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (configuration != null) {
            configuration.shutdown();
        }
    }

    CommandBus commandBus() {
        return commandBus;
    }

    /** Commands are never stored, so their routing names may follow the record names. */
    static QualifiedName commandName(Class<?> command) {
        return COMMAND_NAMES.get(command);
    }

    /**
     * Load, decide, append: the result is the fold after the new events, the state by the decider's own evolve and
     * the summary the answer shows by the read model's. A filing sent {@link #NEW_STREAM} skips the load: its id was
     * minted for it a moment ago, so its stream is empty, and the append (at version 1, unconditional) is refused by
     * the ledger's unique stream version if it is not; the retry then loads the stream as any other command does.
     */
    private CommandHandler handler() {
        return (message, context) -> {
            ComplaintCommand command = (ComplaintCommand) message.payload();
            if (command instanceof ComplaintCommand.Submit && message.metadata().containsKey(NEW_STREAM)) {
                return MessageStream.fromFuture(CompletableFuture.completedFuture(
                        decideAndAppend(command, message, context, ComplaintFold.initial(command.complaintId()))));
            }
            Repository<UUID, ComplaintFold> complaints =
                    context.component(StateManager.class).repository(ComplaintFold.class, UUID.class);
            CompletableFuture<CommandResultMessage> result = complaints
                    .loadOrCreate(command.complaintId(), context)
                    // read before the append, which evolves the managed entity with the new events
                    .thenApply(managed -> decideAndAppend(command, message, context, managed.entity()));
            return MessageStream.fromFuture(result);
        };
    }

    private CommandResultMessage decideAndAppend(
            ComplaintCommand command, CommandMessage message, ProcessingContext context, ComplaintFold loaded) {
        Complaint state = loaded.state();
        String expected = message.metadata().get(EXPECTED_VERSION);
        if (expected != null && Long.parseLong(expected) != state.version()) {
            throw new StaleVersionException(Long.parseLong(expected));
        }
        List<ComplaintEvent> events = Complaint.decide(command, state, policyFor(command, state));
        requireRoom(command, state, events.size());
        EventAppender.forContext(context).append(messages(events, message.metadata()));
        ComplaintFold next = loaded;
        for (ComplaintEvent event : events) {
            next = next.evolve(event);
        }
        return new GenericCommandResultMessage(RESULT, next);
    }

    /**
     * Refuses a command whose events would take the complaint past {@link #maxEvents}. Two are exempt: erasure, since
     * the complainant's right to it cannot depend on how busy their complaint has been (it appends once), and the
     * system's deadline commands, which only record what the deadlines already set imply (a refusal would come back
     * on every scheduler pass).
     */
    private void requireRoom(ComplaintCommand command, Complaint state, int adding) {
        if (command instanceof ComplaintCommand.ErasePersonalData
                || command.actor().role() == org.complaintledger.complaint.Role.SYSTEM
                || state.version() + adding <= maxEvents) {
            return;
        }
        throw new Rejection(
                Rejection.Reason.TOO_MANY_EVENTS,
                "The complaint holds " + state.version() + " events, and may hold at most " + maxEvents
                        + "; file a new complaint that refers to this one");
    }

    /** A new complaint's category and report type come with its filing; a filed one's are in its state. */
    private DeadlinePolicy policyFor(ComplaintCommand command, Complaint state) {
        if (command instanceof ComplaintCommand.Submit submit) {
            return policies.inForce(
                    submit.category(),
                    submit.reportType() == null ? null : submit.reportType().name());
        }
        return policies.inForce(
                state.category(),
                state.reportType() == null ? null : state.reportType().name());
    }

    private List<EventMessage> messages(List<ComplaintEvent> events, Metadata commandMetadata) {
        List<EventMessage> messages = new ArrayList<>(events.size());
        Map<String, String> first = commandMetadata.subset(
                AppendMetadata.CORRELATION_ID,
                AppendMetadata.IDEMPOTENCY_SCOPE,
                AppendMetadata.IDEMPOTENCY_KEY,
                AppendMetadata.REQUEST_HASH,
                AppendMetadata.OUTCOME,
                AppendMetadata.CHANNEL);
        Map<String, String> rest = commandMetadata.subset(AppendMetadata.CORRELATION_ID, AppendMetadata.CHANNEL);
        for (ComplaintEvent event : events) {
            var type = event.eventType();
            messages.add(new GenericEventMessage(
                    new MessageType(type.wireName(), Integer.toString(type.schemaVersion())),
                    event,
                    messages.isEmpty() ? first : rest));
        }
        return messages;
    }
}
