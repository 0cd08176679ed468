package org.complaintledger.ledger;

import java.util.Objects;
import java.util.function.Function;

/**
 * A stored event with its place in the gap-free feed: the inserting transaction and the insert position.
 *
 * <p>One page of the feed is handed to every projection that reads it ({@code projection.FeedPages}), so the event
 * also keeps what it was decoded into: each projection asks, and the envelope is decoded once.
 */
public final class FeedEvent {

    private final String tx;
    private final long position;
    private final EventEnvelope envelope;
    // the first decoding asked for; decoders are pure, so two threads racing to fill it fill it alike
    private volatile Object decoded;

    public FeedEvent(String tx, long position, EventEnvelope envelope) {
        this.tx = Objects.requireNonNull(tx);
        this.position = position;
        this.envelope = Objects.requireNonNull(envelope);
    }

    public String tx() {
        return tx;
    }

    public long position() {
        return position;
    }

    public EventEnvelope envelope() {
        return envelope;
    }

    /**
     * The envelope decoded as a {@code type} by {@code decoder}, which must be a pure function of the envelope: the
     * first answer is kept and given to every later caller asking for the same type.
     */
    public <T> T decoded(Class<T> type, Function<EventEnvelope, ? extends T> decoder) {
        Object known = decoded;
        if (type.isInstance(known)) {
            return type.cast(known);
        }
        T fresh = decoder.apply(envelope);
        decoded = fresh;
        return fresh;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FeedEvent that
                && position == that.position
                && tx.equals(that.tx)
                && envelope.equals(that.envelope);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tx, position, envelope);
    }

    @Override
    public String toString() {
        return "FeedEvent[tx=" + tx + ", position=" + position + ", envelope=" + envelope + "]";
    }
}
