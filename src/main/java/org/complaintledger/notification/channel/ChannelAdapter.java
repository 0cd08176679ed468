package org.complaintledger.notification.channel;

import io.smallrye.mutiny.Uni;
import org.complaintledger.notification.DeliveryChannel;

/** A provider's protocol, nothing else: retries, backoff and bookkeeping are the sender's. */
public interface ChannelAdapter {

    DeliveryChannel channel();

    /** Off when not configured; {@link #status()} says why, once, at start-up. */
    boolean enabled();

    String status();

    /** Completes when the provider accepted the message; fails with a {@link SendFailure} otherwise. */
    Uni<Void> send(OutgoingMessage message);
}
