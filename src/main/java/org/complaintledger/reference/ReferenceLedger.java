package org.complaintledger.reference;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.complaintledger.ledger.EventEnvelope;
import org.complaintledger.ledger.EventEnvelope.EventActor;
import org.complaintledger.ledger.EventSchemas;
import org.complaintledger.ledger.LedgerEntry;
import org.complaintledger.ledger.LedgerReader;
import org.complaintledger.ledger.TransactionalAppender;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Appends reference-data events to the ledger's events table, inside the caller's transaction, so the event and the
 * current-state rows it stands for commit together or not at all. Each kind's stream is hash-chained exactly as a
 * complaint's (same envelope, same canonical form), so the sequencer gives its events a ledger position and the
 * verifier checks them with everything else. The SQL on the events table is the ledger's
 * ({@link TransactionalAppender}, which also orders two admins writing the same stream).
 */
@Singleton
public class ReferenceLedger {

    private final EventSchemas schemas;

    @Inject
    Clock clock;

    @Inject
    Pool pool;

    @Inject
    public ReferenceLedger(
            @ConfigProperty(name = "ledger.events.validate-schemas", defaultValue = "false") boolean validateSchemas) {
        this.schemas = validateSchemas ? new EventSchemas() : null;
    }

    /** The admin (or the system, re-versioning a policy) who made a change. */
    public static EventActor admin(String subject) {
        return new EventActor(subject, "admin", null);
    }

    /** Appends one event to its kind's stream within {@code tx}; answers the sealed envelope. */
    public Uni<EventEnvelope> append(
            SqlConnection tx, ReferenceEventType type, EventActor actor, Instant occurredAt, ObjectNode data) {
        if (schemas != null) {
            schemas.check(type.wireName(), type.schemaVersion(), data);
        }
        return TransactionalAppender.append(
                tx,
                type.kind().streamId(),
                type.wireName(),
                type.schemaVersion(),
                actor,
                occurredAt,
                clock.instant(),
                data);
    }

    /** One kind's history in stream order, each event with its ledger position once sequenced. */
    public Uni<List<LedgerEntry>> history(ReferenceKind kind) {
        return Uni.createFrom().completionStage(() -> new LedgerReader(pool.getDelegate()).entries(kind.streamId()));
    }
}
