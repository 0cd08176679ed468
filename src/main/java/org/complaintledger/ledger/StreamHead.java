package org.complaintledger.ledger;

import java.util.UUID;
import org.axonframework.eventsourcing.eventstore.AbstractConsistencyMarker;
import org.axonframework.eventsourcing.eventstore.ConsistencyMarker;
import org.axonframework.eventsourcing.eventstore.Position;

/**
 * The consistency marker of one complaint's stream: the version read when the entity was sourced and that version's
 * hash. The writer needs both: the version to collide with a concurrent writer on (stream_id, stream_version), the
 * hash to chain the next event to, without reading the stream a second time.
 */
public final class StreamHead extends AbstractConsistencyMarker<StreamHead> {

    private final UUID streamId;
    private final int version;
    private final String hash;

    public StreamHead(UUID streamId, int version, String hash) {
        this.streamId = streamId;
        this.version = version;
        this.hash = hash;
    }

    public static StreamHead empty(UUID streamId) {
        return new StreamHead(streamId, 0, EventEnvelope.GENESIS_HASH);
    }

    public UUID streamId() {
        return streamId;
    }

    public int version() {
        return version;
    }

    public String hash() {
        return hash;
    }

    @Override
    protected ConsistencyMarker doLowerBound(StreamHead other) {
        requireSameStream(other);
        return other.version < version ? other : this;
    }

    @Override
    protected ConsistencyMarker doUpperBound(StreamHead other) {
        requireSameStream(other);
        return other.version > version ? other : this;
    }

    private void requireSameStream(StreamHead other) {
        // a command touches exactly one complaint, so that sharding by complaint id stays possible
        if (!streamId.equals(other.streamId)) {
            throw new IllegalArgumentException("one command may write one complaint's stream only");
        }
    }

    /** Axon's positions cannot be built outside its package, and nothing on the append path reads this one. */
    @Override
    public Position position() {
        return Position.START;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StreamHead that && streamId.equals(that.streamId) && version == that.version;
    }

    @Override
    public int hashCode() {
        return streamId.hashCode() * 31 + version;
    }

    @Override
    public String toString() {
        return "StreamHead{" + streamId + "@" + version + "}";
    }
}
