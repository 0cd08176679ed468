package org.complaintledger.ledger;

import java.util.Comparator;
import org.axonframework.messaging.eventhandling.processing.streaming.token.TrackingToken;

/**
 * A reader's place in the gap-free order of the ledger: after every event up to the transaction {@code tx} (the
 * xid8 it committed in) and, within it, the table position {@code eventPosition}. Events only ever appear past such a place, because a
 * reader takes only transactions below the horizon of those still in flight ({@link HorizonFeed}); a position alone
 * would skip an event whose transaction commits late.
 */
public record HorizonToken(long tx, long eventPosition) implements TrackingToken {

    /** Before every event. */
    public static final HorizonToken ORIGIN = new HorizonToken(0, 0);

    private static final Comparator<HorizonToken> ORDER =
            Comparator.comparingLong(HorizonToken::tx).thenComparingLong(HorizonToken::eventPosition);

    @Override
    public TrackingToken lowerBound(TrackingToken other) {
        HorizonToken that = require(other);
        return ORDER.compare(this, that) <= 0 ? this : that;
    }

    @Override
    public TrackingToken upperBound(TrackingToken other) {
        HorizonToken that = require(other);
        return ORDER.compare(this, that) >= 0 ? this : that;
    }

    @Override
    public boolean covers(TrackingToken other) {
        return other instanceof HorizonToken that && ORDER.compare(this, that) >= 0;
    }

    private static HorizonToken require(TrackingToken other) {
        if (other instanceof HorizonToken token) {
            return token;
        }
        throw new IllegalArgumentException("not a token of this ledger: " + other);
    }
}
