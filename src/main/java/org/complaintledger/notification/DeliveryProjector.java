package org.complaintledger.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.complaintledger.complaint.ComplaintEvent;
import org.complaintledger.complaint.codec.ComplaintEventCodec;
import org.complaintledger.ledger.FeedEvent;
import org.complaintledger.projection.Projector;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The delivery processor: a projector whose "read model" is the outbox. Each batch's decisions are inserted in the
 * transaction that moves its checkpoint, so a crash neither loses a decision (the batch is read again) nor doubles one
 * (UNIQUE (event_id, recipient, channel), and the id derived from that triple). A rebuild forgets only what it knows
 * of complainants and decides again; decisions already in the outbox are not made twice, so nothing is sent twice.
 */
@Singleton
public class DeliveryProjector implements Projector {

    public static final String NAME = "deliveries";

    private static final Set<String> RELEVANT = Set.of(
            "complaint.submitted",
            "complaint.clarification-requested",
            "complaint.clarification-provided",
            "complaint.dispatched",
            "complaint.redispatched",
            "complaint.declined-by-agency",
            "complaint.follow-up-posted",
            "complaint.complainant-objected",
            "complaint.completed",
            "complaint.archived",
            "complaint.escalated",
            "complaint.review-closed",
            "complaint.closed-by-operator",
            "complaint.recommendation-issued",
            "complaint.personal-data-erased",
            "complaint.visibility-changed",
            "complaint.verified",
            "complaint.message-posted",
            "complaint.question-asked");

    private final ComplaintEventCodec codec = new ComplaintEventCodec();
    private final ObjectMapper json = new ObjectMapper();

    @ConfigProperty(name = "ledger.notify.operator-email")
    Optional<String> operatorEmail;

    @ConfigProperty(name = "ledger.notify.ombudsman-email")
    Optional<String> ombudsmanEmail;

    /** A service attached to an old ledger (or rebuilt) does not tell anyone of steps taken long ago. */
    @ConfigProperty(name = "ledger.notify.max-age", defaultValue = "P1D")
    Duration maxAge;

    @Override
    public String name() {
        return NAME;
    }

    /** Mutable per batch: the subject rows read, then changed by the batch's events. */
    private static final class SubjectRow {
        UUID complaintId;
        String complainantId;
        String sealed;
        String trackingNumber;
        String channel;
        String language;
        String masked;
        boolean erased;
        boolean confidential;
        String category;
        boolean changed;

        Decisions.Subject subject() {
            DeliveryChannel delivery = "NONE".equals(channel) ? null : DeliveryChannel.valueOf(channel);
            return new Decisions.Subject(complainantId, trackingNumber, sealed == null ? null : delivery, erased);
        }
    }

    /** {@code channel} null: a webhook. */
    private record Pending(
            UUID id,
            FeedEvent event,
            String recipient,
            String message,
            DeliveryChannel channel,
            String language,
            String sealed,
            String addressField,
            String subject,
            String address,
            String masked,
            String paramsJson,
            String status) {}

    private record Subscription(UUID id, String url, List<String> eventTypes) {}

    @Override
    public Uni<Void> apply(SqlConnection connection, List<FeedEvent> events) {
        return connection
                .preparedQuery("SELECT id, url, array_to_string(event_types, ',') FROM webhook_subscriptions")
                .execute()
                .chain(rows -> {
                    List<Subscription> subscriptions = new ArrayList<>();
                    rows.forEach(r -> subscriptions.add(new Subscription(
                            r.getUUID(0), r.getString(1), List.of(r.getString(2).split(",")))));
                    Set<String> subscribed = new java.util.HashSet<>();
                    subscriptions.forEach(sub -> subscribed.addAll(sub.eventTypes()));
                    List<FeedEvent> relevant = events.stream()
                            .filter(e -> isComplaintEvent(e.envelope().type()))
                            .filter(e -> RELEVANT.contains(e.envelope().type())
                                    || subscribed.contains(e.envelope().type()))
                            .toList();
                    return relevant.isEmpty()
                            ? Uni.createFrom().voidItem()
                            : apply(connection, relevant, subscriptions);
                });
    }

    /**
     * The feed also carries other streams' events (reference data's {@code reference.*}, for one), which the complaint
     * codec cannot decode and which have no complainant to tell: only {@code complaint.*} events are decided on.
     */
    static boolean isComplaintEvent(String type) {
        return type != null && type.startsWith("complaint.");
    }

    private Uni<Void> apply(SqlConnection connection, List<FeedEvent> relevant, List<Subscription> subscriptions) {
        List<UUID> ids = relevant.stream()
                .map(e -> e.envelope().complaintId())
                .distinct()
                .toList();
        Map<UUID, SubjectRow> subjects = new HashMap<>();
        UUID[] idArray = ids.toArray(UUID[]::new);
        return connection
                .preparedQuery("""
                        SELECT complaint_id, complainant_id, sealed_complainant, tracking_number, channel, language,
                               masked_address, erased, confidential, category
                          FROM notification_subjects WHERE complaint_id = ANY($1::uuid[])""")
                .execute(Tuple.of(idArray))
                .invoke(rows -> rows.forEach(r -> {
                    SubjectRow row = new SubjectRow();
                    row.complaintId = r.getUUID(0);
                    row.complainantId = r.getString(1);
                    row.sealed = r.getString(2);
                    row.trackingNumber = r.getString(3);
                    row.channel = r.getString(4);
                    row.language = r.getString(5);
                    row.masked = r.getString(6);
                    row.erased = r.getBoolean(7);
                    row.confidential = r.getBoolean(8);
                    row.category = r.getString(9);
                    subjects.put(row.complaintId, row);
                }))
                .chain(() -> connection.preparedQuery("""
                                SELECT complaint_id, channel, language, masked_address FROM notification_preferences
                                 WHERE complaint_id = ANY($1::uuid[])""").execute(Tuple.of(idArray)))
                .chain(preferenceRows -> {
                    Map<UUID, Object[]> preferences = new HashMap<>();
                    preferenceRows.forEach(r -> preferences.put(
                            r.getUUID(0), new Object[] {r.getUUID(0), r.getString(1), r.getString(2), r.getString(3)}));
                    return connection
                            .preparedQuery("SELECT agency_id, email, digest FROM agency_contacts")
                            .execute()
                            .chain(contactRows -> {
                                Map<String, String> agencyEmails = new HashMap<>();
                                // an agency that asked for a daily digest: its alerts are held for it
                                Set<String> digestAgencies = new java.util.HashSet<>();
                                contactRows.forEach(r -> {
                                    agencyEmails.put(r.getString(0), r.getString(1));
                                    if (Boolean.TRUE.equals(r.getBoolean(2))) {
                                        digestAgencies.add(r.getString(0));
                                    }
                                });
                                List<Pending> pending = new ArrayList<>();
                                List<String> erasedSubjects = new ArrayList<>();
                                for (FeedEvent event : relevant) {
                                    decide(
                                            event,
                                            subjects,
                                            preferences,
                                            agencyEmails,
                                            digestAgencies,
                                            pending,
                                            erasedSubjects);
                                    webhooks(
                                            event,
                                            subjects.get(event.envelope().complaintId()),
                                            subscriptions,
                                            pending);
                                }
                                return write(connection, subjects, pending, erasedSubjects);
                            });
                });
    }

    private void decide(
            FeedEvent feedEvent,
            Map<UUID, SubjectRow> subjects,
            Map<UUID, Object[]> preferences,
            Map<String, String> agencyEmails,
            Set<String> digestAgencies,
            List<Pending> pending,
            List<String> erasedSubjects) {
        ComplaintEvent event = feedEvent.decoded(ComplaintEvent.class, codec::decode);
        UUID complaintId = event.complaintId();
        SubjectRow row = subjects.get(complaintId);
        if (event instanceof ComplaintEvent.Submitted submitted) {
            if (row == null) {
                row = new SubjectRow();
                row.complaintId = complaintId;
                subjects.put(complaintId, row);
            }
            Object[] preference = preferences.get(complaintId);
            row.complainantId = submitted.complainantId();
            row.sealed = submitted.sealedComplainant();
            row.trackingNumber = submitted.trackingNumber();
            // filed without the filing edge's preferences (another intake): e-mail, if the sealed data holds one
            row.channel = preference != null ? (String) preference[1] : DeliveryChannel.EMAIL.name();
            row.language = preference != null ? (String) preference[2] : Language.ID.code();
            row.masked = preference != null ? (String) preference[3] : null;
            row.confidential = submitted.confidential();
            row.category = submitted.category();
            row.changed = true;
        }
        if (event instanceof ComplaintEvent.VisibilityChanged visibility && row != null) {
            row.confidential = visibility.confidential();
            row.changed = true;
        }
        if (event instanceof ComplaintEvent.Verified verified && row != null) {
            row.category = verified.category();
            row.changed = true;
        }
        if (event instanceof ComplaintEvent.PersonalDataErased erased) {
            if (row != null) {
                row.erased = true;
                row.changed = true;
            }
            if (erased.complainantId() != null) {
                erasedSubjects.add(erased.complainantId());
            }
            return;
        }
        if (isStale(feedEvent)) {
            return;
        }
        Decisions.Subject subject = row == null ? null : row.subject();
        for (Decisions.Decision decision : Decisions.decide(event, subject)) {
            Pending p = resolve(feedEvent, decision, row, agencyEmails, digestAgencies);
            if (p != null) {
                pending.add(p);
            }
        }
    }

    private boolean isStale(FeedEvent event) {
        return event.envelope().recordedAt().isBefore(Instant.now().minus(maxAge));
    }

    /** Null when the recipient has no address: an agency without a contact, no operator address configured. */
    private Pending resolve(
            FeedEvent event,
            Decisions.Decision decision,
            SubjectRow row,
            Map<String, String> agencyEmails,
            Set<String> digestAgencies) {
        return switch (decision.recipient()) {
            case Decisions.Recipient.Complainant c -> {
                DeliveryChannel channel = DeliveryChannel.valueOf(row.channel);
                String field = channel == DeliveryChannel.EMAIL ? "email" : "phone";
                yield new Pending(
                        id(event, decision.recipient().key(), channel.name()),
                        event,
                        decision.recipient().key(),
                        decision.message().key(),
                        channel,
                        row.language,
                        row.sealed,
                        field,
                        c.subject(),
                        null,
                        row.masked == null ? "(" + field + " on file)" : row.masked,
                        toJson(decision.params()),
                        "PENDING");
            }
            case Decisions.Recipient.Agency a ->
                staff(event, decision, agencyEmails.get(a.agencyId()), digestAgencies.contains(a.agencyId()));
            case Decisions.Recipient.Operator o -> staff(event, decision, operatorEmail.orElse(null), false);
            case Decisions.Recipient.Ombudsman o -> staff(event, decision, ombudsmanEmail.orElse(null), false);
        };
    }

    private Pending staff(FeedEvent event, Decisions.Decision decision, String email, boolean digest) {
        if (email == null || email.isBlank()) {
            return null;
        }
        // staff addresses are institutional mailboxes, not personal data: kept plain, shown in full
        return new Pending(
                id(event, decision.recipient().key(), DeliveryChannel.EMAIL.name()),
                event,
                decision.recipient().key(),
                decision.message().key(),
                DeliveryChannel.EMAIL,
                Language.ID.code(),
                null,
                null,
                null,
                email,
                email,
                toJson(decision.params()),
                digest ? "HELD" : "PENDING");
    }

    /** Stable across replays and rebuilds: the same decision always has the same id, the provider's idempotency key. */
    static UUID id(FeedEvent event, String recipient, String channel) {
        return UUID.nameUUIDFromBytes(
                (event.envelope().eventId() + "|" + recipient + "|" + channel).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Each subscription to the event's type gets it, with a public-safe payload: ids, the tracking number, the time and,
     * unless the complaint is confidential, its category and agency. Never a name, a contact, a description or a note.
     */
    private void webhooks(
            FeedEvent feedEvent, SubjectRow row, List<Subscription> subscriptions, List<Pending> pending) {
        String type = feedEvent.envelope().type();
        List<Subscription> matching = subscriptions.stream()
                .filter(s -> s.eventTypes().contains(type))
                .toList();
        if (matching.isEmpty() || row == null || isStale(feedEvent)) {
            return;
        }
        var payload = json.createObjectNode();
        payload.put("type", type);
        payload.put(
                "timestamp",
                org.complaintledger.ledger.EventEnvelope.format(
                        feedEvent.envelope().occurredAt()));
        var data = payload.putObject("data");
        data.put("eventId", feedEvent.envelope().eventId().toString());
        data.put("complaintId", feedEvent.envelope().complaintId().toString());
        data.put("version", feedEvent.envelope().version());
        data.put("trackingNumber", row.trackingNumber);
        data.put("confidential", row.confidential);
        if (!row.confidential) {
            data.put("category", row.category);
            var agency = feedEvent.envelope().data().get("agencyId");
            if (agency != null && agency.isTextual()) {
                data.put("agencyId", agency.asText());
            }
        }
        for (Subscription subscription : matching) {
            String recipient = "webhook:" + subscription.id();
            java.net.URI url = java.net.URI.create(subscription.url());
            pending.add(new Pending(
                    id(feedEvent, recipient, "WEBHOOK"),
                    feedEvent,
                    recipient,
                    "webhook",
                    null,
                    Language.ID.code(),
                    null,
                    null,
                    recipient,
                    subscription.url(),
                    url.getScheme() + "://" + url.getHost(),
                    payload.toString(),
                    "PENDING"));
        }
    }

    /**
     * One statement per table for the whole batch: the rows travel as one JSON array and are expanded by
     * {@code jsonb_to_recordset}, so a batch of a thousand filings costs two round trips, not two thousand.
     */
    private Uni<Void> write(
            SqlConnection connection,
            Map<UUID, SubjectRow> subjects,
            List<Pending> pending,
            List<String> erasedSubjects) {
        var subjectRows = json.createArrayNode();
        for (SubjectRow row : subjects.values()) {
            if (!row.changed || row.trackingNumber == null) {
                continue;
            }
            subjectRows
                    .addObject()
                    .put("complaint_id", row.complaintId.toString())
                    .put("complainant_id", row.complainantId)
                    .put("sealed_complainant", row.sealed)
                    .put("tracking_number", row.trackingNumber)
                    .put("channel", row.channel)
                    .put("language", row.language)
                    .put("masked_address", row.masked)
                    .put("erased", row.erased)
                    .put("confidential", row.confidential)
                    .put("category", row.category);
        }
        var deliveryRows = json.createArrayNode();
        for (Pending p : pending) {
            deliveryRows
                    .addObject()
                    .put("id", p.id().toString())
                    .put("event_id", p.event().envelope().eventId().toString())
                    .put("complaint_id", p.event().envelope().complaintId().toString())
                    .put("event_type", p.event().envelope().type())
                    .put("recipient", p.recipient())
                    .put(
                            "channel",
                            p.channel() == null ? "WEBHOOK" : p.channel().name())
                    .put("message", p.message())
                    .put("language", p.language())
                    .put("sealed_address", p.sealed())
                    .put("address_field", p.addressField())
                    .put("subject", p.subject())
                    .put("address", p.address())
                    .put("masked_address", p.masked())
                    .put("params", p.paramsJson())
                    .put("status", p.status());
        }
        Uni<?> chain = Uni.createFrom().voidItem();
        if (!subjectRows.isEmpty()) {
            chain = chain.chain(() -> connection.preparedQuery("""
                            INSERT INTO notification_subjects (complaint_id, complainant_id, sealed_complainant,
                                   tracking_number, channel, language, masked_address, erased, confidential, category)
                            SELECT complaint_id, complainant_id, sealed_complainant, tracking_number, channel, language,
                                   masked_address, erased, confidential, category
                              FROM jsonb_to_recordset($1::text::jsonb) AS r(complaint_id uuid,
                                   complainant_id text, sealed_complainant text, tracking_number text, channel text,
                                   language text, masked_address text, erased boolean, confidential boolean,
                                   category text)
                            ON CONFLICT (complaint_id) DO UPDATE SET erased = excluded.erased,
                                   confidential = excluded.confidential, category = excluded.category""").execute(Tuple.of(subjectRows.toString())));
        }
        if (!deliveryRows.isEmpty()) {
            // WITH ORDINALITY: seq follows the decisions' order, which webhooks are sent in
            chain = chain.chain(() -> connection.preparedQuery("""
                            INSERT INTO deliveries (id, event_id, complaint_id, event_type, recipient, channel, message,
                                   language, sealed_address, address_field, subject, address, masked_address, params,
                                   status, next_attempt_at)
                            SELECT r.id, r.event_id, r.complaint_id, r.event_type, r.recipient, r.channel, r.message,
                                   r.language, r.sealed_address, r.address_field, r.subject, r.address,
                                   r.masked_address, r.params, r.status, now()
                              FROM jsonb_array_elements($1::text::jsonb) WITH ORDINALITY AS e(row, n)
                              CROSS JOIN LATERAL jsonb_to_record(e.row) AS r(id uuid, event_id uuid,
                                   complaint_id uuid, event_type text, recipient text, channel text, message text,
                                   language text, sealed_address text, address_field text, subject text,
                                   address text, masked_address text, params text, status text)
                             ORDER BY e.n
                            ON CONFLICT DO NOTHING""").execute(Tuple.of(deliveryRows.toString())));
        }
        if (!erasedSubjects.isEmpty()) {
            // after erasure nothing more goes out to them: what is still waiting is cancelled
            chain = chain.chain(
                    () -> connection.preparedQuery("""
                            UPDATE deliveries SET status = 'CANCELLED', last_error = 'personal data erased',
                                   lease_until = NULL
                             WHERE subject = ANY($1::text[]) AND status IN ('PENDING', 'FAILED', 'SENDING')""").execute(Tuple.of(erasedSubjects.toArray(String[]::new))));
        }
        return chain.replaceWithVoid();
    }

    private String toJson(Map<String, String> params) {
        try {
            return json.writeValueAsString(new LinkedHashMap<>(params));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The outbox is not dropped: a rebuild re-decides, and the unique key keeps what was decided from repeating. */
    @Override
    public Uni<Void> reset(Mutiny.Session session) {
        return session.createNativeQuery("DELETE FROM notification_subjects")
                .executeUpdate()
                .replaceWithVoid();
    }
}
