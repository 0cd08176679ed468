package org.complaintledger.projection;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import java.util.List;
import org.complaintledger.ledger.FeedEvent;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Turns a batch of events into read-model rows, inside the transaction that also moves the projection's
 * checkpoint: the rows and the checkpoint commit together or not at all.
 */
public interface Projector {

    /** The projection's stable name, used for its checkpoints and in the API. */
    String name();

    /**
     * The version of the rows' shape. Raise it when the rows would be folded or stored differently: an instance that
     * starts with a higher version than the one that built the rows rebuilds them before serving them.
     */
    default int version() {
        return 1;
    }

    /**
     * Applies the events of one segment, in feed order, on {@code connection}, within the transaction that moves the
     * checkpoint: the reactive client's own, not a Hibernate session's (a session, its persistence context and its
     * transaction per batch were a fifth of a rebuild's CPU once the rows were written set-based).
     */
    Uni<Void> apply(SqlConnection connection, List<FeedEvent> events);

    /**
     * Whether this projection reads events of a stored type. The ledger also holds the reference-data streams
     * (reference.*), which no complaint read model folds; the checkpoint moves past them all the same.
     */
    default boolean reads(String type) {
        return type.startsWith("complaint.");
    }

    /** Removes every row, within {@code session}'s transaction, before a rebuild. */
    Uni<Void> reset(Mutiny.Session session);

    /**
     * Copies the rows the public reads answer from aside, within {@code session}'s transaction, before {@link #reset}
     * drops them: while the rebuild runs, those reads answer from the copy, marked stale ({@link ReadModel#LAST_GOOD}).
     * Replaces an older copy. False when this projection serves no public read and keeps nothing.
     */
    default Uni<Boolean> keepLastGood(Mutiny.Session session) {
        return Uni.createFrom().item(false);
    }

    /** Drops the copy {@link #keepLastGood} made: before a rebuild whose current rows are not fit to be kept. */
    default Uni<Void> dropLastGood(Mutiny.Session session) {
        return Uni.createFrom().voidItem();
    }

    /** A batch's events by complaint, each complaint's in feed order: projectors read and write a row per complaint. */
    static java.util.Map<java.util.UUID, List<FeedEvent>> byComplaint(List<FeedEvent> events) {
        java.util.Map<java.util.UUID, List<FeedEvent>> grouped = new java.util.LinkedHashMap<>();
        events.forEach(e -> grouped.computeIfAbsent(e.envelope().complaintId(), id -> new java.util.ArrayList<>())
                .add(e));
        return grouped;
    }
}
