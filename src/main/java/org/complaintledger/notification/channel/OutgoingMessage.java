package org.complaintledger.notification.channel;

import java.util.List;
import java.util.UUID;
import org.complaintledger.notification.DeliveryChannel;
import org.complaintledger.notification.Language;
import org.complaintledger.notification.Message;

/**
 * One message on its way out. {@code address} is plain only here, for the length of the send; {@code maskedAddress}
 * is what may be logged or kept. {@code deliveryId} is the provider's idempotency key: the same on every retry.
 * {@code inSession}: the recipient wrote to us on this channel recently enough that a free-form answer is allowed
 * (WhatsApp's 24-hour customer-service window); false where the channel has no such rule.
 */
public record OutgoingMessage(
        UUID deliveryId,
        DeliveryChannel channel,
        String address,
        String maskedAddress,
        Message message,
        Language language,
        List<String> parameters,
        String subject,
        String body,
        boolean inSession) {

    public OutgoingMessage(
            UUID deliveryId,
            DeliveryChannel channel,
            String address,
            String maskedAddress,
            Message message,
            Language language,
            List<String> parameters,
            String subject,
            String body) {
        this(deliveryId, channel, address, maskedAddress, message, language, parameters, subject, body, false);
    }

    @Override
    public String toString() {
        // a stray log line of the record never carries the address
        return "OutgoingMessage[" + deliveryId + ", " + channel + ", " + maskedAddress + ", " + message.key() + "]";
    }
}
