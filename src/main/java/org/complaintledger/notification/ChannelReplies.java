package org.complaintledger.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * Answers in the chat a complainant wrote from (the intake's WhatsApp and SMS conversations): a confirmation that a
 * step was recorded, a refusal, a status. They go through the same outbox as every other notification, so the same
 * sender, adapters, retries and erasure apply: the address is the complainant's sealed number (opened only when
 * sent), and the row's id is derived from the inbound message, so a redelivered webhook never answers twice.
 */
@Singleton
public class ChannelReplies {

    /** The {@code event_type} the outbox shows for these rows: they answer a message, not a ledger event. */
    public static final String REPLY = "intake.reply";

    private final ObjectMapper json = new ObjectMapper();

    @Inject
    Pool pool;

    /**
     * Queues {@code message} to the complainant {@code subject} on {@code channel}.
     *
     * @param inReplyTo     the inbound message's stable id (its provider's id and channel): the decision's identity
     * @param complaintId   the complaint it concerns, or the intake conversation's id before there is one
     * @param sealedAddress the complainant's personal data, sealed under {@code subject}'s key, holding the phone
     */
    public Uni<Void> send(
            String inReplyTo,
            UUID complaintId,
            DeliveryChannel channel,
            String subject,
            String sealedAddress,
            String maskedAddress,
            Message message,
            Language language,
            Map<String, String> params) {
        UUID eventId = UUID.nameUUIDFromBytes(("reply|" + inReplyTo).getBytes(StandardCharsets.UTF_8));
        String recipient = "complainant:" + subject;
        UUID id = UUID.nameUUIDFromBytes(
                (eventId + "|" + recipient + "|" + channel.name()).getBytes(StandardCharsets.UTF_8));
        String paramsJson;
        try {
            paramsJson = json.writeValueAsString(params);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return pool.preparedQuery("""
                        INSERT INTO deliveries (id, event_id, complaint_id, event_type, recipient, channel, message,
                               language, sealed_address, address_field, subject, masked_address, params, next_attempt_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'phone', $10, $11, $12, now())
                        ON CONFLICT DO NOTHING""")
                .execute(Tuple.from(new Object[] {
                    id,
                    eventId,
                    complaintId,
                    REPLY,
                    recipient,
                    channel.name(),
                    message.key(),
                    language.code(),
                    sealedAddress,
                    subject,
                    maskedAddress,
                    paramsJson
                }))
                .replaceWithVoid();
    }
}
