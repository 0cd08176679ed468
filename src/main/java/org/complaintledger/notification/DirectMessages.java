package org.complaintledger.notification;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.UUID;
import org.complaintledger.notification.channel.ChannelAdapter;
import org.complaintledger.notification.channel.DevSinkChannel;
import org.complaintledger.notification.channel.OutgoingMessage;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * A message sent at once through the same channel adapters as the outbox, but not through the outbox: a claim's
 * one-time code is worth nothing after its few minutes, so it is neither retried for hours nor kept in a table, and
 * the address passes only through this call. The dev sink takes it in dev, as it takes every message there.
 */
@Singleton
public class DirectMessages {

    private static final Logger LOG = Logger.getLogger(DirectMessages.class);

    @Inject
    Messages messages;

    @Inject
    @Any
    Instance<ChannelAdapter> adapters;

    @Inject
    DevSinkChannel devSink;

    @ConfigProperty(name = "ledger.notify.sink", defaultValue = "providers")
    String sink;

    /** Sends now; true when the provider took it, false when the channel is off or the send failed (logged, masked). */
    public Uni<Boolean> send(
            DeliveryChannel channel, String address, Language language, Message message, Map<String, String> params) {
        Messages.Rendered rendered = messages.render(message, language, params);
        String masked = channel == DeliveryChannel.EMAIL ? Masking.email(address) : Masking.phone(address);
        OutgoingMessage outgoing = new OutgoingMessage(
                UUID.randomUUID(),
                channel,
                address,
                masked,
                message,
                language,
                rendered.parameters(),
                rendered.subject(),
                rendered.body());
        Uni<Void> sent;
        if ("dev".equals(sink)) {
            sent = devSink.send(outgoing);
        } else {
            ChannelAdapter adapter = adapters.stream()
                    .filter(a -> a.channel() == channel && a.enabled())
                    .findFirst()
                    .orElse(null);
            if (adapter == null) {
                LOG.warnf("%s to %s not sent: channel %s is off", message.key(), masked, channel);
                return Uni.createFrom().item(false);
            }
            sent = adapter.send(outgoing);
        }
        return sent.map(done -> true).onFailure().recoverWithItem(failure -> {
            LOG.warnf("%s to %s not sent: %s", message.key(), masked, failure.getMessage());
            return false;
        });
    }
}
