package org.complaintledger.intake;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.SecretKey;
import org.complaintledger.complaint.Actor;
import org.complaintledger.complaint.Channel;
import org.complaintledger.complaint.FilingRules;
import org.complaintledger.complaint.Location;
import org.complaintledger.complaint.NotifyChannel;
import org.complaintledger.complaint.handling.ComplaintCommandHandler;
import org.complaintledger.complaint.handling.ComplaintHistory;
import org.complaintledger.complaint.handling.Filing;
import org.complaintledger.complaint.presentation.ComplaintView;
import org.complaintledger.complaint.presentation.ComplaintViews;
import org.complaintledger.ledger.EventEnvelope;
import org.complaintledger.privacy.PersonalData;
import org.complaintledger.privacy.PersonalDataVault;
import org.complaintledger.web.Problem;
import org.complaintledger.web.ProblemException;
import org.jboss.logging.Logger;

/**
 * The operator's inbox of chat conversations: read (texts opened under each sender's key), filed as a complaint on
 * the sender's behalf (channel and phone from the conversation, never from the operator), or dismissed.
 */
@Singleton
public class IntakeInbox {

    private static final Logger LOG = Logger.getLogger(IntakeInbox.class);

    /** How many conversations one page of the inbox shows, oldest first: the operator works them in order. */
    static final int PAGE = 100;

    record Text(String text, Instant receivedAt, String mediaType) {}

    record Item(
            UUID id,
            Channel channel,
            String from,
            // the sender's pseudonymous subject: what /api/complainants/{subject}/erasure takes
            String subject,
            List<Text> messages,
            String status,
            Instant openedAt,
            UUID complaintId,
            String dismissReason) {}

    record Inbox(List<Item> items) {}

    private record Conversation(
            UUID id, Channel channel, String subject, String sealedFrom, String status, UUID complaintId) {}

    private record Stored(UUID id, String sealedText, String mediaId, String mediaType) {}

    @Inject
    Pool pool;

    @Inject
    PersonalDataVault vault;

    @Inject
    Filing filing;

    @Inject
    ComplaintHistory history;

    @Inject
    ComplaintViews views;

    @Inject
    IntakeMedia media;

    @Inject
    Clock clock;

    Uni<Inbox> list(String status) {
        return pool.preparedQuery("""
                        SELECT c.id, c.channel, c.subject, c.masked_from, c.status, c.opened_at, c.complaint_id,
                               c.dismiss_reason, m.sealed_text, m.media_type, m.received_at
                          FROM (SELECT * FROM intake_conversations WHERE status = $1
                                 ORDER BY opened_at, id LIMIT $2) c
                          LEFT JOIN intake_messages m ON m.conversation_id = c.id
                         ORDER BY c.opened_at, c.id, m.seq""").execute(Tuple.of(status, PAGE)).flatMap(rows -> {
            Map<UUID, List<Row>> byConversation = new LinkedHashMap<>();
            rows.forEach(row -> byConversation
                    .computeIfAbsent(row.getUUID("id"), id -> new ArrayList<>())
                    .add(row));
            return Multi.createFrom()
                    .iterable(byConversation.values())
                    .onItem()
                    .transformToUniAndConcatenate(this::item)
                    .collect()
                    .asList()
                    .map(Inbox::new);
        });
    }

    private Uni<Item> item(List<Row> rows) {
        Row first = rows.getFirst();
        String subject = first.getString("subject");
        return vault.existingDataKey(subject).map(key -> {
            List<Text> texts = new ArrayList<>();
            for (Row row : rows) {
                if (row.getOffsetDateTime("received_at") == null) {
                    continue;
                }
                String sealedText = row.getString("sealed_text");
                texts.add(new Text(
                        sealedText == null || key.isEmpty() ? null : SealedText.open(key.get(), subject, sealedText),
                        row.getOffsetDateTime("received_at").toInstant(),
                        row.getString("media_type")));
            }
            return new Item(
                    first.getUUID("id"),
                    Channel.valueOf(first.getString("channel")),
                    first.getString("masked_from"),
                    subject,
                    texts,
                    first.getString("status"),
                    first.getOffsetDateTime("opened_at").toInstant(),
                    first.getUUID("complaint_id"),
                    first.getString("dismiss_reason"));
        });
    }

    /**
     * Files the conversation: the Submit names the operator as actor and the sender's subject as complainant, with
     * the conversation's channel (the adapter's fact) and its number. A second filing of the same conversation, even
     * a racing one, answers the first's complaint (the conversation id is the filing's idempotency key); then the
     * files sent in the chat are fetched and attached as the complainant's.
     */
    Uni<Filed> file(UUID id, Actor operator, IntakeRequests.FileConversation body) {
        return conversation(id).flatMap(conversation -> {
            if ("DISMISSED".equals(conversation.status())) {
                throw new ProblemException(
                        Problem.of(409, "intake.dismissed", "The conversation was dismissed; it cannot be filed"));
            }
            if ("FILED".equals(conversation.status())) {
                throw new ProblemException(Problem.of(
                        409,
                        "intake.already-filed",
                        "The conversation is already filed as complaint " + conversation.complaintId()));
            }
            return vault.open(conversation.subject(), conversation.sealedFrom()).flatMap(number -> {
                if (number.isEmpty()) {
                    throw new ProblemException(Problem.of(
                            409, "intake.erased", "The sender's personal data was erased; nothing can be filed"));
                }
                PersonalData person =
                        personalData(body.complainant(), number.get().phone());
                boolean whatsApp = conversation.channel() == Channel.WHATSAPP;
                var application = new Filing.Application(
                        operator,
                        conversation.subject(),
                        body.reportType(),
                        body.category(),
                        conversation.channel(),
                        body.title(),
                        body.description(),
                        location(body.location()),
                        Boolean.TRUE.equals(body.anonymous()),
                        Boolean.TRUE.equals(body.confidential()),
                        person,
                        body.occurredOn(),
                        whatsApp ? NotifyChannel.WHATSAPP : NotifyChannel.SMS,
                        body.language());
                String key = "intake:" + id;
                var directives = new ComplaintCommandHandler.Directives(
                        null,
                        "intake",
                        key,
                        EventEnvelope.sha256Hex(key),
                        ComplaintCommandHandler.Effect.CREATED,
                        Intake.correlationId(),
                        conversation.channel());
                FilingRules.Source source =
                        whatsApp ? FilingRules.Source.WHATSAPP_ADAPTER : FilingRules.Source.SMS_ADAPTER;
                return filing.file(source, application, directives).flatMap(outcome -> {
                    UUID complaintId = outcome.complaint().id();
                    return pool.preparedQuery("""
                                    UPDATE intake_conversations SET status = 'FILED', complaint_id = $2, updated_at = $3
                                     WHERE id = $1 AND status = 'OPEN'""")
                            .execute(Tuple.of(id, complaintId, clock.instant().atOffset(ZoneOffset.UTC)))
                            .flatMap(updated -> attachMedia(conversation, complaintId))
                            .flatMap(attached -> history.currentSummary(complaintId))
                            .map(summary -> new Filed(views.viewForFiler(summary, operator, person)));
                });
            });
        });
    }

    record Filed(ComplaintView view) {}

    Uni<Void> dismiss(UUID id, String reason) {
        return pool.preparedQuery("""
                        UPDATE intake_conversations SET status = 'DISMISSED', dismiss_reason = $2, updated_at = $3
                         WHERE id = $1 AND status = 'OPEN'""")
                .execute(Tuple.of(id, reason, clock.instant().atOffset(ZoneOffset.UTC)))
                .flatMap(rows -> rows.rowCount() > 0
                        ? Uni.createFrom().voidItem()
                        : conversation(id).map(c -> {
                            throw new ProblemException(Problem.of(
                                    409,
                                    "intake.not-open",
                                    "The conversation is " + c.status().toLowerCase() + ", not open"));
                        }));
    }

    private Uni<Conversation> conversation(UUID id) {
        return pool.preparedQuery("""
                        SELECT id, channel, subject, sealed_from, status, complaint_id FROM intake_conversations
                         WHERE id = $1""").execute(Tuple.of(id)).map(rows -> {
            if (rows.size() == 0) {
                throw new ProblemException(Problem.of(404, "intake.not-found", "No intake conversation " + id));
            }
            Row row = rows.iterator().next();
            return new Conversation(
                    row.getUUID("id"),
                    Channel.valueOf(row.getString("channel")),
                    row.getString("subject"),
                    row.getString("sealed_from"),
                    row.getString("status"),
                    row.getUUID("complaint_id"));
        });
    }

    /** Each file of the chat, once (keyed by its message); one that cannot be fetched is logged, not fatal. */
    private Uni<Void> attachMedia(Conversation conversation, UUID complaintId) {
        return pool.preparedQuery("""
                        SELECT id, sealed_text, media_id, media_type FROM intake_messages
                         WHERE conversation_id = $1 AND media_id IS NOT NULL ORDER BY seq""")
                .execute(Tuple.of(conversation.id()))
                .map(rows -> {
                    List<Stored> stored = new ArrayList<>();
                    rows.forEach(row -> stored.add(new Stored(
                            row.getUUID("id"),
                            row.getString("sealed_text"),
                            row.getString("media_id"),
                            row.getString("media_type"))));
                    return stored;
                })
                .flatMap(stored -> stored.isEmpty()
                        ? Uni.createFrom().voidItem()
                        : vault.existingDataKey(conversation.subject())
                                .flatMap(key -> Multi.createFrom()
                                        .iterable(stored)
                                        .onItem()
                                        .transformToUniAndConcatenate(file -> media.attach(
                                                        complaintId,
                                                        conversation.subject(),
                                                        new InboundMessage.Media(file.mediaId(), file.mediaType()),
                                                        caption(key, conversation.subject(), file.sealedText()),
                                                        "intake-media:" + file.id())
                                                .onFailure()
                                                .invoke(failure -> LOG.warnf(
                                                        failure,
                                                        "A file of intake conversation %s could not be attached to "
                                                                + "complaint %s",
                                                        conversation.id(),
                                                        complaintId))
                                                .onFailure()
                                                .recoverWithNull())
                                        .collect()
                                        .last()
                                        .replaceWithVoid()));
    }

    private static String caption(Optional<SecretKey> key, String subject, String sealedText) {
        return sealedText == null || key.isEmpty() ? null : SealedText.open(key.get(), subject, sealedText);
    }

    /**
     * Erasure reaches the chat too: once a sender's key is destroyed their texts are unreadable, and their
     * conversations and messages are deleted. The receipts stay: they hold provider ids only.
     */
    void onKeyDestroyed(@Observes PersonalDataVault.DataKeyDestroyed destroyed) {
        pool.preparedQuery("DELETE FROM intake_conversations WHERE subject = $1")
                .execute(Tuple.of(destroyed.subject()))
                .subscribe()
                .with(
                        rows -> {},
                        failure -> LOG.warn(
                                "Could not delete an erased sender's intake conversations; their texts stay sealed "
                                        + "under the destroyed key",
                                failure));
    }

    private static PersonalData personalData(IntakeRequests.Complainant complainant, String phone) {
        return complainant == null
                ? new PersonalData(null, null, phone, null, null)
                : new PersonalData(
                        complainant.name(),
                        complainant.nationalId(),
                        phone,
                        complainant.email(),
                        complainant.address());
    }

    private static Location location(IntakeRequests.Place place) {
        return place == null
                ? null
                : new Location(place.regency(), place.district(), place.village(), place.latitude(), place.longitude());
    }
}
