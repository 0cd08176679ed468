package org.complaintledger.notification.channel;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import org.complaintledger.notification.DeliveryChannel;

/**
 * Dev mode's only channel: what would have been sent is written to {@code notification_dev_sink}, with the masked
 * address, for the operator's "sent messages" page. Nothing leaves the machine.
 */
@Singleton
public class DevSinkChannel {

    private final ObjectMapper json = new ObjectMapper();

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

    /** A batch in one statement: the sender's turn writes what it would have sent at once. */
    public Uni<Void> sendAll(List<OutgoingMessage> messages) {
        var rows = json.createArrayNode();
        for (OutgoingMessage message : messages) {
            rows.addObject()
                    .put("delivery_id", message.deliveryId().toString())
                    .put("channel", message.channel().name())
                    .put("masked_address", message.maskedAddress())
                    .put("subject", message.subject())
                    .put("body", message.body());
        }
        return pool.preparedQuery("""
                        INSERT INTO notification_dev_sink (delivery_id, channel, masked_address, subject, body)
                        SELECT delivery_id, channel, masked_address, subject, body
                          FROM jsonb_to_recordset($1::text::jsonb) AS m(delivery_id uuid, channel text,
                               masked_address text, subject text, body text)
                        ON CONFLICT (delivery_id) DO NOTHING""").execute(Tuple.of(rows.toString())).replaceWithVoid();
    }

    public DeliveryChannel[] channels() {
        return DeliveryChannel.values();
    }
}
