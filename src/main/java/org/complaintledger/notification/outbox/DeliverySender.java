package org.complaintledger.notification.outbox;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.SecretKey;
import org.complaintledger.notification.DeliveryChannel;
import org.complaintledger.notification.Language;
import org.complaintledger.notification.Message;
import org.complaintledger.notification.Messages;
import org.complaintledger.notification.channel.ChannelAdapter;
import org.complaintledger.notification.channel.DevSinkChannel;
import org.complaintledger.notification.channel.OutgoingMessage;
import org.complaintledger.notification.channel.SendFailure;
import org.complaintledger.privacy.PersonalData;
import org.complaintledger.privacy.PersonalDataVault;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Works the outbox. A claim is one short statement ({@code FOR UPDATE SKIP LOCKED}, so instances never take the same
 * row) that marks the rows SENDING with a lease; the sends happen outside any transaction; each outcome is one more
 * statement. A process killed mid-send leaves its rows SENDING until the lease ends, then they are claimed again and
 * sent again under the same delivery id: the only repeats a crash can cause carry the same idempotency key.
 */
@Singleton
public class DeliverySender {

    private static final Logger LOG = Logger.getLogger(DeliverySender.class);

    // Two kinds of delivery are claimed, each through its own index and in the order of its own scan, so that a claim
    // reads a page's worth of rows however long the backlog (an OR of the two made PostgreSQL read every waiting
    // row and sort them, each time): the ones due, and the ones whose sender's lease ran out (it crashed, or lost
    // its connection). A lapsed webhook needs no check of its order: it was claimed when no earlier one waited, and
    // an earlier one cannot wait again.
    private static final String CLAIM = """
            WITH due AS (
                SELECT id, next_attempt_at FROM deliveries
                 WHERE status IN ('PENDING', 'FAILED') AND next_attempt_at <= now()
                   -- a webhook waits for the earlier ones of its complaint and subscription: in order
                   AND NOT (channel = 'WEBHOOK' AND EXISTS (
                       SELECT 1 FROM deliveries e
                        WHERE e.channel = 'WEBHOOK' AND e.complaint_id = deliveries.complaint_id
                          AND e.recipient = deliveries.recipient AND e.seq < deliveries.seq
                          AND e.status IN ('PENDING', 'FAILED', 'SENDING')))
                 ORDER BY next_attempt_at
                 LIMIT $1
                 FOR UPDATE SKIP LOCKED),
            lapsed AS (
                SELECT id, next_attempt_at FROM deliveries
                 WHERE status = 'SENDING' AND lease_until < now()
                 ORDER BY lease_until
                 LIMIT $1
                 FOR UPDATE SKIP LOCKED)
            UPDATE deliveries d
               SET status = 'SENDING', attempts = attempts + 1, lease_until = now() + make_interval(secs => $2)
             WHERE id IN (SELECT id FROM (SELECT * FROM due UNION ALL SELECT * FROM lapsed) c
                           ORDER BY next_attempt_at
                           LIMIT $1)
            RETURNING id, recipient, channel, message, language, sealed_address, address_field, subject, address,
                      masked_address, params, attempts, created_at,
                      -- inside WhatsApp's 24-hour window, with an hour to spare for the send itself and a retry
                      coalesce((SELECT w.last_inbound_at > now() - interval '23 hours' FROM whatsapp_windows w
                                 WHERE d.channel = 'WHATSAPP' AND w.subject = d.subject), false) AS in_session""";

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    @Inject
    PersonalDataVault vault;

    @Inject
    Messages messages;

    @Inject
    Instance<ChannelAdapter> adapters;

    @Inject
    DevSinkChannel devSink;

    @Inject
    org.complaintledger.notification.channel.WebhookChannel webhooks;

    @Inject
    MeterRegistry metrics;

    @ConfigProperty(name = "ledger.notify.enabled", defaultValue = "true")
    boolean enabled;

    /** {@code providers}: the configured channels; {@code dev}: everything to the dev sink, nothing leaves. */
    @ConfigProperty(name = "ledger.notify.sink", defaultValue = "providers")
    String sink;

    @ConfigProperty(name = "ledger.notify.poll-interval", defaultValue = "PT0.2S")
    Duration pollInterval;

    @ConfigProperty(name = "ledger.notify.batch-size", defaultValue = "100")
    int batchSize;

    /** Turns (claimed batches) in flight at once. */
    @ConfigProperty(name = "ledger.notify.concurrency", defaultValue = "4")
    int concurrency;

    @ConfigProperty(name = "ledger.notify.lease", defaultValue = "PT60S")
    Duration lease;

    @ConfigProperty(name = "ledger.notify.retry.initial", defaultValue = "PT10S")
    Duration retryInitial;

    @ConfigProperty(name = "ledger.notify.retry.max-pause", defaultValue = "PT1H")
    Duration retryMaxPause;

    @ConfigProperty(name = "ledger.notify.retry.give-up-after", defaultValue = "PT24H")
    Duration giveUpAfter;

    private final ObjectMapper json = new ObjectMapper();
    private final Map<DeliveryChannel, ChannelAdapter> channels = new EnumMap<>(DeliveryChannel.class);
    private final Map<DeliveryChannel, Counter> sent = new EnumMap<>(DeliveryChannel.class);
    private final Map<DeliveryChannel, Counter> failed = new EnumMap<>(DeliveryChannel.class);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong oldestPendingSeconds = new AtomicLong();
    private Backoff backoff;
    private Counter webhookSent;
    private Counter webhookFailed;
    private Timer lag;
    private long pollTimer = -1;
    private long gaugeTimer = -1;

    void start(@Observes StartupEvent startup) {
        backoff = new Backoff(retryInitial, retryMaxPause, giveUpAfter);
        for (ChannelAdapter adapter : adapters) {
            channels.put(adapter.channel(), adapter);
        }
        for (DeliveryChannel channel : DeliveryChannel.values()) {
            sent.put(
                    channel,
                    Counter.builder("ledger.notification.sent")
                            .tag("channel", channel.name())
                            .description("deliveries the provider accepted")
                            .register(metrics));
            failed.put(
                    channel,
                    Counter.builder("ledger.notification.failed")
                            .tag("channel", channel.name())
                            .description("failed tries (each retried until the delivery is dead)")
                            .register(metrics));
        }
        webhookSent = Counter.builder("ledger.notification.sent")
                .tag("channel", "WEBHOOK")
                .register(metrics);
        webhookFailed = Counter.builder("ledger.notification.failed")
                .tag("channel", "WEBHOOK")
                .register(metrics);
        Gauge.builder("ledger.notification.pending", pending::get)
                .description("deliveries waiting to be sent or retried")
                .register(metrics);
        Gauge.builder("ledger.notification.oldest.pending.age.seconds", oldestPendingSeconds::get)
                .description("age of the oldest delivery waiting to be sent")
                .register(metrics);
        lag = Timer.builder("ledger.notification.lag")
                .description("from decision to the provider's acceptance")
                .publishPercentiles(0.5, 0.99)
                .distributionStatisticExpiry(Duration.ofSeconds(60))
                .register(metrics);
        if (isDevSink()) {
            LOG.info("notifications: dev sink, nothing is sent out; see GET /api/notifications/dev-sink");
        } else {
            channels.values().forEach(a -> LOG.infof("notifications: %s %s", a.channel(), a.status()));
        }
        if (!enabled) {
            LOG.info("notifications: sender disabled (ledger.notify.enabled=false)");
            return;
        }
        pollTimer = vertx.setPeriodic(pollInterval.toMillis(), id -> pump());
        gaugeTimer = vertx.setPeriodic(
                5000,
                id -> measure()
                        .subscribe()
                        .with(n -> {}, failure -> LOG.debug("notifications: not measured", failure)));
    }

    /**
     * Starts a turn; one that claimed a full batch starts the next at once instead of waiting for the timer, and
     * another beside it while the concurrency allows, so a backlog is worked by several batches in flight while an
     * idle outbox costs one claim per poll.
     */
    private void pump() {
        turn().subscribe()
                .with(
                        claimed -> {
                            if (claimed >= batchSize) {
                                pump();
                            }
                        },
                        failure -> LOG.warn("notifications: sending turn failed", failure));
    }

    void stop(@Observes ShutdownEvent shutdown) {
        vertx.cancelTimer(pollTimer);
        vertx.cancelTimer(gaugeTimer);
    }

    private boolean isDevSink() {
        return "dev".equals(sink);
    }

    /**
     * One turn: claim a batch of due deliveries, send them side by side, then record every outcome in one statement.
     * Up to {@code ledger.notify.concurrency} turns run at once, so one slow provider (a webhook receiver that times
     * out) holds back only its own batch. Answers how many were claimed.
     */
    public Uni<Integer> turn() {
        if (inFlight.incrementAndGet() > Math.max(1, concurrency)) {
            inFlight.decrementAndGet();
            return Uni.createFrom().item(0);
        }
        return pool.preparedQuery(CLAIM)
                .execute(Tuple.of(batchSize, (int) Math.max(1, lease.toSeconds())))
                .flatMap(rows -> {
                    List<Row> claimed = new ArrayList<>();
                    rows.forEach(claimed::add);
                    if (claimed.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    if (claimed.size() >= batchSize && pollTimer >= 0) {
                        pump();
                    }
                    return deliverAll(claimed).flatMap(this::finish).replaceWith(claimed.size());
                })
                .eventually(inFlight::decrementAndGet);
    }

    /** What became of one delivery: its new status, why, and when to try again. */
    private record Outcome(UUID id, String status, String error, Instant next) {}

    private Uni<List<Outcome>> deliverAll(List<Row> claimed) {
        List<Row> messages = new ArrayList<>();
        List<Uni<List<Outcome>>> outcomes = new ArrayList<>();
        for (Row row : claimed) {
            if ("WEBHOOK".equals(row.getString("channel"))) {
                outcomes.add(deliverWebhook(row).map(List::of));
            } else {
                messages.add(row);
            }
        }
        if (!messages.isEmpty()) {
            outcomes.add(deliverMessages(messages));
        }
        return Uni.join()
                .all(outcomes)
                .andFailFast()
                .map(lists -> lists.stream().flatMap(List::stream).toList());
    }

    /**
     * A batch of messages to people: the complainants' data keys are read in one query (a key erased since is
     * missing, and its deliveries are cancelled), each address is opened in memory and only now, and the messages go
     * out side by side (to the dev sink in one statement).
     */
    private Uni<List<Outcome>> deliverMessages(List<Row> rows) {
        List<String> subjects = rows.stream()
                .filter(row -> row.getString("address") == null)
                .map(row -> row.getString("subject"))
                .filter(java.util.Objects::nonNull)
                .toList();
        return vault.existingDataKeys(subjects)
                .onFailure()
                .recoverWithItem(failure -> null)
                .flatMap(keys -> {
                    List<Outcome> outcomes = new ArrayList<>();
                    List<OutgoingMessage> outgoing = new ArrayList<>();
                    Map<UUID, Row> byId = new java.util.HashMap<>();
                    for (Row row : rows) {
                        UUID id = row.getUUID("id");
                        byId.put(id, row);
                        if (keys == null) {
                            outcomes.add(failed(row, new IllegalStateException("the data keys could not be read")));
                            continue;
                        }
                        try {
                            Optional<String> address = address(row, keys);
                            if (address.isEmpty()) {
                                outcomes.add(new Outcome(
                                        id, "CANCELLED", "personal data erased or no address on file", null));
                            } else {
                                outgoing.add(message(row, address.get()));
                            }
                        } catch (RuntimeException e) {
                            outcomes.add(failed(row, e));
                        }
                    }
                    if (outgoing.isEmpty()) {
                        return Uni.createFrom().item(outcomes);
                    }
                    Uni<List<Outcome>> sends;
                    if (isDevSink()) {
                        sends = devSink.sendAll(outgoing)
                                .map(ok -> outgoing.stream()
                                        .map(m -> sent(byId.get(m.deliveryId()), m.channel()))
                                        .toList())
                                .onFailure()
                                .recoverWithItem(failure -> outgoing.stream()
                                        .map(m -> failed(byId.get(m.deliveryId()), failure))
                                        .toList());
                    } else {
                        sends = Uni.join()
                                .all(outgoing.stream()
                                        .map(m -> send(m).map(ok -> sent(byId.get(m.deliveryId()), m.channel()))
                                                .onFailure()
                                                .recoverWithItem(failure -> failed(byId.get(m.deliveryId()), failure)))
                                        .toList())
                                .andFailFast();
                    }
                    return sends.map(done -> {
                        outcomes.addAll(done);
                        return outcomes;
                    });
                });
    }

    private OutgoingMessage message(Row row, String address) {
        Map<String, String> params = params(row.getString("params"));
        Message message = Message.ofKey(row.getString("message"));
        Language language = Language.of(row.getString("language"));
        Messages.Rendered rendered = messages.render(message, language, params);
        return new OutgoingMessage(
                row.getUUID("id"),
                DeliveryChannel.valueOf(row.getString("channel")),
                address,
                row.getString("masked_address"),
                message,
                language,
                rendered.parameters(),
                rendered.subject(),
                rendered.body(),
                row.getBoolean("in_session"));
    }

    private Outcome sent(Row row, DeliveryChannel channel) {
        if (channel == null) {
            webhookSent.increment();
        } else {
            sent.get(channel).increment();
        }
        Duration took = Duration.between(row.getOffsetDateTime("created_at").toInstant(), Instant.now());
        lag.record(took.isNegative() ? Duration.ZERO : took);
        return new Outcome(row.getUUID("id"), "SENT", null, null);
    }

    /** The subscription's secret is opened at send time; a deleted subscription's deliveries are cancelled. */
    private Uni<Outcome> deliverWebhook(Row row) {
        UUID id = row.getUUID("id");
        String subject = row.getString("recipient");
        UUID subscription = UUID.fromString(subject.substring("webhook:".length()));
        return pool.preparedQuery("SELECT url, sealed_secret FROM webhook_subscriptions WHERE id = $1")
                .execute(Tuple.of(subscription))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(new Outcome(id, "CANCELLED", "subscription deleted", null));
                    }
                    Row sub = rows.iterator().next();
                    return vault.open(subject, sub.getString("sealed_secret"))
                            .flatMap(secret -> secret.isEmpty()
                                    ? Uni.createFrom().item(new Outcome(id, "CANCELLED", "subscription deleted", null))
                                    : webhooks.send(
                                                    id.toString(),
                                                    sub.getString("url"),
                                                    secret.get().name(),
                                                    row.getString("params"),
                                                    Instant.now())
                                            .map(ok -> sent(row, null)));
                })
                .onFailure()
                .recoverWithItem(failure -> failed(row, failure));
    }

    private Uni<Void> send(OutgoingMessage message) {
        ChannelAdapter adapter = channels.get(message.channel());
        if (adapter == null || !adapter.enabled()) {
            return Uni.createFrom().failure(new SendFailure("channel " + message.channel() + " is off"));
        }
        return adapter.send(message);
    }

    private Outcome failed(Row row, Throwable failure) {
        UUID id = row.getUUID("id");
        String channelName = row.getString("channel");
        int attempts = row.getInteger("attempts");
        Instant decidedAt = row.getOffsetDateTime("created_at").toInstant();
        if ("WEBHOOK".equals(channelName)) {
            webhookFailed.increment();
        } else {
            failed.get(DeliveryChannel.valueOf(channelName)).increment();
        }
        String reason = failure instanceof SendFailure
                ? failure.getMessage()
                : "internal error (" + failure.getClass().getSimpleName() + ")";
        Instant next = backoff.nextTry(decidedAt, Instant.now(), attempts);
        // the delivery id and the kind of failure only: never the address, never the provider's own words
        LOG.warnf(
                "notifications: delivery %s on %s failed (try %d): %s%s",
                id, channelName, attempts, reason, next == null ? "; giving up" : "");
        if (!(failure instanceof SendFailure)) {
            // a fault of ours (a template, a key), not the provider's: its trace names no address
            LOG.debug("notifications: internal failure", failure);
        }
        return new Outcome(id, next == null ? "DEAD" : "FAILED", reason, next);
    }

    /** Every outcome of a turn in one statement; only a row still SENDING changes (an erasure may have cancelled it). */
    private Uni<Void> finish(List<Outcome> outcomes) {
        var rows = json.createArrayNode();
        for (Outcome outcome : outcomes) {
            rows.addObject()
                    .put("id", outcome.id().toString())
                    .put("status", outcome.status())
                    .put("error", outcome.error())
                    .put("next", outcome.next() == null ? null : outcome.next().toString());
        }
        return pool.preparedQuery("""
                        UPDATE deliveries d
                           SET status = o.status, last_error = o.error, lease_until = NULL,
                               next_attempt_at = coalesce(o.next, d.next_attempt_at),
                               sent_at = CASE WHEN o.status = 'SENT' THEN now() ELSE d.sent_at END
                          FROM jsonb_to_recordset($1::text::jsonb) AS o(id uuid, status text, error text, next timestamptz)
                         WHERE d.id = o.id AND d.status = 'SENDING'""").execute(Tuple.of(rows.toString())).replaceWithVoid();
    }

    /**
     * Staff addresses are plain; a complainant's is opened from their sealed data now, and only now. Empty when the
     * key is gone (erased) or the data holds no such address.
     */
    private Optional<String> address(Row row, Map<String, SecretKey> keys) {
        String plain = row.getString("address");
        if (plain != null) {
            return Optional.of(plain);
        }
        String subject = row.getString("subject");
        SecretKey key = subject == null ? null : keys.get(subject);
        String sealedAddress = row.getString("sealed_address");
        if (key == null || sealedAddress == null) {
            return Optional.empty();
        }
        PersonalData data = vault.open(subject, key, sealedAddress);
        String field = row.getString("address_field");
        return Optional.ofNullable("email".equals(field) ? data.email() : data.phone())
                .filter(a -> !a.isBlank());
    }

    private Map<String, String> params(String text) {
        try {
            return json.readValue(text, new TypeReference<Map<String, String>>() {});
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Uni<Void> measure() {
        return pool.query("""
                        SELECT count(*) AS pending,
                               coalesce(extract(epoch FROM now() - min(created_at)), 0)::bigint AS oldest
                          FROM deliveries WHERE status IN ('PENDING', 'FAILED', 'SENDING')""")
                .execute()
                .invoke(rows -> {
                    Row row = rows.iterator().next();
                    pending.set(row.getLong("pending"));
                    oldestPendingSeconds.set(row.getLong("oldest"));
                })
                .replaceWithVoid();
    }
}
