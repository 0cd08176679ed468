package org.complaintledger.intake;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.complaintledger.complaint.Actor;
import org.complaintledger.complaint.Audience;
import org.complaintledger.complaint.Channel;
import org.complaintledger.complaint.ComplaintCommand;
import org.complaintledger.complaint.ComplaintSummary;
import org.complaintledger.complaint.Rejection;
import org.complaintledger.complaint.Status;
import org.complaintledger.complaint.handling.ComplaintCommandHandler;
import org.complaintledger.complaint.handling.ComplaintHistory;
import org.complaintledger.ledger.EventEnvelope;
import org.complaintledger.notification.ChannelReplies;
import org.complaintledger.notification.CustomerServiceWindows;
import org.complaintledger.notification.DeliveryChannel;
import org.complaintledger.notification.Language;
import org.complaintledger.notification.Message;
import org.complaintledger.privacy.PersonalData;
import org.complaintledger.privacy.PersonalDataVault;
import org.complaintledger.view.ComplaintViewQueries;
import org.complaintledger.web.CorrelationId;
import org.jboss.logging.Logger;

/**
 * What happens to a message from a chat. Each provider message id is taken once ({@code intake_receipts}); then:
 * <ul>
 *   <li>a quick reply ({@link QuickReply}) acts on the sender's latest filed complaint (a status asks about any),
 *   <li>other words go to that complaint while it is still being handled: the answer to an operator's clarification
 *       request, otherwise a message in its conversation (which is also the answer to an agency's open question),
 *   <li>and without such a complaint the message joins the sender's conversation in the operator's inbox, opened for
 *       it if there is none.
 * </ul>
 * Steps on a complaint are the complainant's own commands (actor: the sender's subject, role citizen), recorded with
 * the channel they came through, and answered in the same chat through the notification outbox.
 */
@Singleton
public class Intake {

    private static final Logger LOG = Logger.getLogger(Intake.class);

    @Inject
    Pool pool;

    @Inject
    PhoneSubjects subjects;

    @Inject
    PersonalDataVault vault;

    @Inject
    ComplaintCommandHandler commands;

    @Inject
    ComplaintHistory history;

    @Inject
    ComplaintViewQueries views;

    @Inject
    ChannelReplies replies;

    @Inject
    CustomerServiceWindows windows;

    @Inject
    Clock clock;

    /** The latest filed conversation of a sender on a channel: where their replies go. */
    record Filed(UUID conversationId, UUID complaintId, String sealedFrom, String maskedFrom) {}

    /** Takes the messages of one webhook body in order; a message seen before has no effect. */
    Uni<Void> receive(List<InboundMessage> messages) {
        return Multi.createFrom()
                .iterable(messages)
                .onItem()
                .transformToUniAndConcatenate(this::receive)
                .collect()
                .last()
                .replaceWithVoid();
    }

    private Uni<Void> receive(InboundMessage message) {
        String subject = subjects.subjectOf(message.from());
        return seen(message).flatMap(seen -> {
            if (seen) {
                return Uni.createFrom().voidItem();
            }
            var quick = QuickReply.parse(message.reply() != null ? message.reply() : message.text());
            // whatever the message says, the sender may now be answered with reply buttons for a day
            Uni<Void> window = message.channel() == Channel.WHATSAPP
                    ? windows.opened(subject)
                    : Uni.createFrom().voidItem();
            return window.flatMap(opened -> latestFiled(subject, message.channel()))
                    .flatMap(filed -> {
                        if (quick.isPresent() && quick.get() instanceof QuickReply.Status status) {
                            return status(message, subject, filed, status);
                        }
                        if (filed == null) {
                            return toInbox(message, subject);
                        }
                        return history.currentSummary(filed.complaintId()).flatMap(complaint -> {
                            if (quick.isPresent()) {
                                return act(message, subject, filed, complaint, quick.get());
                            }
                            if (complaint.status().isTerminal()) {
                                // a new matter from someone whose last complaint is closed: a new conversation
                                return toInbox(message, subject);
                            }
                            return write(message, subject, filed, complaint);
                        });
                    });
        });
    }

    private Uni<Boolean> seen(InboundMessage message) {
        return pool.preparedQuery("SELECT 1 FROM intake_receipts WHERE channel = $1 AND message_id = $2")
                .execute(Tuple.of(message.channel().name(), message.providerId()))
                .map(rows -> rows.size() > 0);
    }

    private Uni<Filed> latestFiled(String subject, Channel channel) {
        return pool.preparedQuery("""
                        SELECT id, complaint_id, sealed_from, masked_from FROM intake_conversations
                         WHERE subject = $1 AND channel = $2 AND status = 'FILED'
                         ORDER BY updated_at DESC LIMIT 1""")
                .execute(Tuple.of(subject, channel.name()))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    return new Filed(
                            row.getUUID("id"),
                            row.getUUID("complaint_id"),
                            row.getString("sealed_from"),
                            row.getString("masked_from"));
                });
    }

    // -----------------------------------------------------------------------------------------------------------
    // the inbox

    /**
     * One transaction: the receipt (a concurrent redelivery that got there first leaves nothing to do), the sender's
     * open conversation (found or opened) and the message, its text sealed under the sender's key.
     */
    private Uni<Void> toInbox(InboundMessage message, String subject) {
        String phone = "+" + PhoneSubjects.international(message.from());
        String masked = PhoneSubjects.masked(message.from());
        return vault.seal(subject, new PersonalData(null, null, phone, null, null))
                .flatMap(sealedFrom -> vault.dataKeyOf(subject).flatMap(key -> {
                    String sealedText = message.text() == null ? null : SealedText.seal(key, subject, message.text());
                    return pool.withTransaction(connection -> receipt(connection, message)
                                    .flatMap(fresh -> {
                                        if (!fresh) {
                                            return Uni.createFrom().<UUID>nullItem();
                                        }
                                        return openConversation(connection, message, subject, sealedFrom, masked)
                                                .flatMap(conversation -> connection
                                                        .preparedQuery("""
                                                        INSERT INTO intake_messages (id, conversation_id, subject,
                                                               sealed_text, media_id, media_type, received_at)
                                                        VALUES ($1, $2, $3, $4, $5, $6, $7)""")
                                                        .execute(Tuple.from(new Object[] {
                                                            UUID.randomUUID(),
                                                            conversation,
                                                            subject,
                                                            sealedText,
                                                            message.media() == null
                                                                    ? null
                                                                    : message.media()
                                                                            .id(),
                                                            message.media() == null
                                                                    ? null
                                                                    : message.media()
                                                                            .mediaType(),
                                                            message.receivedAt().atOffset(ZoneOffset.UTC)
                                                        }))
                                                        .replaceWith(conversation));
                                    }))
                            .flatMap(conversation -> conversation == null
                                    ? Uni.createFrom().voidItem()
                                    : reply(
                                            message,
                                            conversation,
                                            subject,
                                            sealedFrom,
                                            masked,
                                            Message.INTAKE_RECEIVED,
                                            Map.of()));
                }));
    }

    private static Uni<Boolean> receipt(SqlConnection connection, InboundMessage message) {
        return connection
                .preparedQuery("""
                        INSERT INTO intake_receipts (channel, message_id) VALUES ($1, $2)
                        ON CONFLICT DO NOTHING""")
                .execute(Tuple.of(message.channel().name(), message.providerId()))
                .map(rows -> rows.rowCount() > 0);
    }

    private Uni<Boolean> receipt(InboundMessage message) {
        return pool.withConnection(connection -> receipt(connection, message));
    }

    private Uni<UUID> openConversation(
            SqlConnection connection, InboundMessage message, String subject, String sealedFrom, String masked) {
        Instant now = clock.instant();
        return connection
                .preparedQuery("""
                        INSERT INTO intake_conversations (id, channel, subject, sealed_from, masked_from, status,
                               opened_at, updated_at)
                        VALUES ($1, $2, $3, $4, $5, 'OPEN', $6, $6)
                        ON CONFLICT (subject, channel) WHERE status = 'OPEN'
                        DO UPDATE SET updated_at = excluded.updated_at
                        RETURNING id""")
                .execute(Tuple.of(
                        UUID.randomUUID(),
                        message.channel().name(),
                        subject,
                        sealedFrom,
                        masked,
                        now.atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.iterator().next().getUUID("id"));
    }

    // -----------------------------------------------------------------------------------------------------------
    // the complaint

    /** Words for a complaint in hand: the answer to the operator's clarification request, else a public message. */
    private Uni<Void> write(InboundMessage message, String subject, Filed filed, ComplaintSummary complaint) {
        if (message.text() == null) {
            // a picture without words, after filing: taken, and kept as the complainant's attachment
            return mediaAfterFiling(message, subject, filed);
        }
        ComplaintCommand command = complaint.status() == Status.ON_HOLD
                ? new ComplaintCommand.ProvideClarification(
                        filed.complaintId(), Actor.citizen(subject), now(), message.text())
                : new ComplaintCommand.PostMessage(
                        filed.complaintId(), Actor.citizen(subject), now(), message.text(), Audience.PUBLIC);
        return run(message, subject, filed, complaint, command)
                .flatMap(ok -> message.media() == null
                        ? Uni.createFrom().voidItem()
                        : mediaAfterFiling(message, subject, filed));
    }

    private Uni<Void> act(
            InboundMessage message, String subject, Filed filed, ComplaintSummary complaint, QuickReply quick) {
        Actor complainant = Actor.citizen(subject);
        ComplaintCommand command = switch (quick) {
            case QuickReply.Accept accept ->
                new ComplaintCommand.Accept(filed.complaintId(), complainant, now(), accept.rating(), null);
            case QuickReply.Object object ->
                new ComplaintCommand.ObjectToResponse(filed.complaintId(), complainant, now(), object.reason());
            case QuickReply.Appeal appeal ->
                new ComplaintCommand.Appeal(filed.complaintId(), complainant, now(), appeal.reason());
            case QuickReply.Status status -> throw new IllegalStateException("answered before acting");
        };
        return run(message, subject, filed, complaint, command);
    }

    /**
     * The complainant's command, keyed by the provider's message id (so a crash between the command and the receipt
     * cannot apply it twice), then the receipt and the answer in the chat. A refusal (accepting what was never
     * answered, appealing too late) is answered, not retried.
     */
    private Uni<Void> run(
            InboundMessage message, String subject, Filed filed, ComplaintSummary before, ComplaintCommand command) {
        String key = idempotencyKey(message);
        var directives = new ComplaintCommandHandler.Directives(
                null,
                subject,
                key,
                EventEnvelope.sha256Hex(key),
                ComplaintCommandHandler.Effect.CHANGED,
                correlationId(),
                message.channel());
        return commands.execute(command, directives)
                .map(outcome -> Map.of(
                        "trackingNumber",
                        before.trackingNumber(),
                        "status",
                        outcome.complaint().status().name()))
                .map(params -> Map.entry(Message.REPLY_RECORDED, params))
                .onFailure(Rejection.class)
                .recoverWithItem(failure -> Map.entry(
                        Message.REPLY_REFUSED,
                        Map.of(
                                "trackingNumber",
                                before.trackingNumber(),
                                "status",
                                before.status().name(),
                                "reason",
                                failure.getMessage())))
                .flatMap(answer -> receipt(message)
                        .flatMap(fresh -> reply(
                                message,
                                filed.complaintId(),
                                subject,
                                filed.sealedFrom(),
                                filed.maskedFrom(),
                                answer.getKey(),
                                answer.getValue())));
    }

    private Uni<Void> status(InboundMessage message, String subject, Filed filed, QuickReply.Status status) {
        Uni<Map.Entry<UUID, Map<String, String>>> found;
        if (status.trackingNumber() != null) {
            // the public status anyone may read at /api/track: nothing of the complaint but its state
            found = views.byTrackingNumber(status.trackingNumber())
                    .map(row -> row == null
                            ? null
                            : Map.entry(
                                    row.id,
                                    Map.of(
                                            "trackingNumber",
                                            status.trackingNumber(),
                                            "status",
                                            ComplaintViewQueries.summary(row)
                                                    .status()
                                                    .name())));
        } else if (filed != null) {
            found = history.currentSummary(filed.complaintId())
                    .map(c -> Map.entry(
                            filed.complaintId(),
                            Map.of(
                                    "trackingNumber",
                                    c.trackingNumber(),
                                    "status",
                                    c.status().name())));
        } else {
            found = Uni.createFrom().nullItem();
        }
        return found.flatMap(answer -> {
            if (answer == null) {
                // no such complaint: the words go to the inbox, where the operator reads them
                return toInbox(message, subject);
            }
            Uni<String> sealedFrom = filed != null
                    ? Uni.createFrom().item(filed.sealedFrom())
                    : vault.seal(
                            subject,
                            new PersonalData(
                                    null, null, "+" + PhoneSubjects.international(message.from()), null, null));
            return receipt(message)
                    .flatMap(fresh -> sealedFrom)
                    .flatMap(address -> reply(
                            message,
                            answer.getKey(),
                            subject,
                            address,
                            PhoneSubjects.masked(message.from()),
                            Message.STATUS_REPORTED,
                            answer.getValue()));
        });
    }

    private Uni<Void> mediaAfterFiling(InboundMessage message, String subject, Filed filed) {
        return media.attach(filed.complaintId(), subject, message.media(), message.text(), idempotencyKey(message))
                .onFailure()
                .invoke(failure -> LOG.warnf(
                        "A file sent in the chat of complaint %s could not be attached: %s",
                        filed.complaintId(), failure.getMessage()))
                .onFailure()
                .recoverWithNull()
                .flatMap(ignored -> receipt(message))
                .replaceWithVoid();
    }

    @Inject
    IntakeMedia media;

    private Uni<Void> reply(
            InboundMessage message,
            UUID about,
            String subject,
            String sealedFrom,
            String masked,
            Message answer,
            Map<String, String> params) {
        DeliveryChannel channel =
                message.channel() == Channel.WHATSAPP ? DeliveryChannel.WHATSAPP : DeliveryChannel.SMS;
        return replies.send(
                message.channel().name() + ":" + message.providerId(),
                about,
                channel,
                subject,
                sealedFrom,
                masked,
                answer,
                Language.ID,
                params);
    }

    /** At most 100 characters whatever the provider's id: its channel and the id's SHA-256. */
    static String idempotencyKey(InboundMessage message) {
        return message.channel().name().toLowerCase(java.util.Locale.ROOT) + ":"
                + EventEnvelope.sha256Hex(message.providerId());
    }

    /** The webhook request's, or a fresh one: a command's metadata always carries one. */
    static String correlationId() {
        String current = CorrelationId.current();
        return current != null ? current : UUID.randomUUID().toString();
    }

    private Instant now() {
        return EventEnvelope.millis(clock.instant());
    }
}
