package org.complaintledger.notification.channel;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.complaintledger.notification.DeliveryChannel;

/**
 * Dev mode's only channel: what would have been sent is written to {@code notification_dev_sink}, with the masked
 * address, for the operator's "sent messages" page. Nothing leaves the machine.
 */
@ApplicationScoped
public class DevSinkChannel {

    @Inject
    Pool pool;

    public Uni<Void> send(OutgoingMessage message) {
        return pool.preparedQuery("""
                        INSERT INTO notification_dev_sink (delivery_id, channel, masked_address, subject, body)
                        VALUES ($1, $2, $3, $4, $5) ON CONFLICT (delivery_id) DO NOTHING""")
                .execute(Tuple.of(
                        message.deliveryId(),
                        message.channel().name(),
                        message.maskedAddress(),
                        message.subject(),
                        message.body()))
                .replaceWithVoid();
    }

    public DeliveryChannel[] channels() {
        return DeliveryChannel.values();
    }
}
