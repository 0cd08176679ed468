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
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.complaintledger.notification.DeliveryChannel;
import org.complaintledger.notification.Language;
import org.complaintledger.notification.Message;
import org.complaintledger.notification.Messages;
import org.complaintledger.notification.channel.ChannelAdapter;
import org.complaintledger.notification.channel.DevSinkChannel;
import org.complaintledger.notification.channel.OutgoingMessage;
import org.complaintledger.notification.channel.SendFailure;
import org.complaintledger.privacy.PersonalDataVault;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Works the outbox. A claim is one short statement ({@code FOR UPDATE SKIP LOCKED}, so instances never take the same
 * row) that marks the rows SENDING with a lease; the sends happen outside any transaction; each outcome is one more
 * statement. A process killed mid-send leaves its rows SENDING until the lease ends, then they are claimed again and
 * sent again under the same delivery id: the only repeats a crash can cause carry the same idempotency key.
 */
@ApplicationScoped
public class DeliverySender {

    private static final Logger LOG = Logger.getLogger(DeliverySender.class);

    private static final String CLAIM = """
            UPDATE deliveries d
               SET status = 'SENDING', attempts = attempts + 1, lease_until = now() + make_interval(secs => $2)
             WHERE id IN (SELECT id FROM deliveries
                           WHERE ((status IN ('PENDING', 'FAILED') AND next_attempt_at <= now())
                                  OR (status = 'SENDING' AND lease_until < now()))
                             -- a webhook waits for the earlier ones of its complaint and subscription: in order
                             AND NOT (channel = 'WEBHOOK' AND EXISTS (
                                 SELECT 1 FROM deliveries e
                                  WHERE e.channel = 'WEBHOOK' AND e.complaint_id = deliveries.complaint_id
                                    AND e.recipient = deliveries.recipient AND e.seq < deliveries.seq
                                    AND e.status IN ('PENDING', 'FAILED', 'SENDING')))
                           ORDER BY next_attempt_at
                           LIMIT $1
                           FOR UPDATE SKIP LOCKED)
            RETURNING id, recipient, channel, message, language, sealed_address, address_field, subject, address,
                      masked_address, params, attempts, created_at""";

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
    private final AtomicBoolean busy = new AtomicBoolean();
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
        pollTimer = vertx.setPeriodic(
                pollInterval.toMillis(),
                id -> turn().subscribe()
                        .with(n -> {}, failure -> LOG.warn("notifications: sending turn failed", failure)));
        gaugeTimer = vertx.setPeriodic(
                5000,
                id -> measure()
                        .subscribe()
                        .with(n -> {}, failure -> LOG.debug("notifications: not measured", failure)));
    }

    void stop(@Observes ShutdownEvent shutdown) {
        vertx.cancelTimer(pollTimer);
        vertx.cancelTimer(gaugeTimer);
    }

    private boolean isDevSink() {
        return "dev".equals(sink);
    }

    /** One turn: claim a batch of due deliveries and send them side by side. Answers how many were claimed. */
    public Uni<Integer> turn() {
        if (!busy.compareAndSet(false, true)) {
            return Uni.createFrom().item(0);
        }
        return pool.preparedQuery(CLAIM)
                .execute(Tuple.of(batchSize, (int) Math.max(1, lease.toSeconds())))
                .flatMap(rows -> {
                    List<Row> claimed = new java.util.ArrayList<>();
                    rows.forEach(claimed::add);
                    if (claimed.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    return Uni.join()
                            .all(claimed.stream().map(this::deliver).toList())
                            .andCollectFailures()
                            .replaceWith(claimed.size());
                })
                .eventually(() -> busy.set(false));
    }

    private Uni<Void> deliver(Row row) {
        if ("WEBHOOK".equals(row.getString("channel"))) {
            return deliverWebhook(row);
        }
        UUID id = row.getUUID("id");
        DeliveryChannel channel = DeliveryChannel.valueOf(row.getString("channel"));
        int attempts = row.getInteger("attempts");
        Instant decidedAt = row.getOffsetDateTime("created_at").toInstant();
        return address(row)
                .flatMap(address -> {
                    if (address.isEmpty()) {
                        return finish(id, "CANCELLED", "personal data erased or no address on file", null);
                    }
                    Map<String, String> params = params(row.getString("params"));
                    Message message = Message.ofKey(row.getString("message"));
                    Language language = Language.of(row.getString("language"));
                    Messages.Rendered rendered = messages.render(message, language, params);
                    OutgoingMessage outgoing = new OutgoingMessage(
                            id,
                            channel,
                            address.get(),
                            row.getString("masked_address"),
                            message,
                            language,
                            rendered.parameters(),
                            rendered.subject(),
                            rendered.body());
                    return send(outgoing)
                            .onItem()
                            .transformToUni(ok -> {
                                sent.get(channel).increment();
                                Duration took = Duration.between(decidedAt, Instant.now());
                                lag.record(took.isNegative() ? Duration.ZERO : took);
                                return finish(id, "SENT", null, null);
                            })
                            .onFailure()
                            .recoverWithUni(failure -> failed(id, channel, attempts, decidedAt, failure));
                })
                .onFailure()
                .recoverWithUni(failure -> failed(id, channel, attempts, decidedAt, failure));
    }

    /** The subscription's secret is opened at send time; a deleted subscription's deliveries are cancelled. */
    private Uni<Void> deliverWebhook(Row row) {
        UUID id = row.getUUID("id");
        int attempts = row.getInteger("attempts");
        Instant decidedAt = row.getOffsetDateTime("created_at").toInstant();
        String subject = row.getString("recipient");
        UUID subscription = UUID.fromString(subject.substring("webhook:".length()));
        return pool.preparedQuery("SELECT url, sealed_secret FROM webhook_subscriptions WHERE id = $1")
                .execute(Tuple.of(subscription))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        return finish(id, "CANCELLED", "subscription deleted", null);
                    }
                    Row sub = rows.iterator().next();
                    return vault.open(subject, sub.getString("sealed_secret"))
                            .flatMap(secret -> secret.isEmpty()
                                    ? finish(id, "CANCELLED", "subscription deleted", null)
                                    : webhooks.send(
                                                    id.toString(),
                                                    sub.getString("url"),
                                                    secret.get().name(),
                                                    row.getString("params"),
                                                    Instant.now())
                                            .onItem()
                                            .transformToUni(ok -> {
                                                webhookSent.increment();
                                                return finish(id, "SENT", null, null);
                                            }));
                })
                .onFailure()
                .recoverWithUni(failure -> {
                    webhookFailed.increment();
                    return failed(id, null, attempts, decidedAt, failure);
                });
    }

    private Uni<Void> send(OutgoingMessage message) {
        if (isDevSink()) {
            return devSink.send(message);
        }
        ChannelAdapter adapter = channels.get(message.channel());
        if (adapter == null || !adapter.enabled()) {
            return Uni.createFrom().failure(new SendFailure("channel " + message.channel() + " is off"));
        }
        return adapter.send(message);
    }

    private Uni<Void> failed(UUID id, DeliveryChannel channel, int attempts, Instant decidedAt, Throwable failure) {
        if (channel != null) {
            failed.get(channel).increment();
        }
        String reason = failure instanceof SendFailure
                ? failure.getMessage()
                : "internal error (" + failure.getClass().getSimpleName() + ")";
        Instant next = backoff.nextTry(decidedAt, Instant.now(), attempts);
        // the delivery id and the kind of failure only: never the address, never the provider's own words
        LOG.warnf(
                "notifications: delivery %s on %s failed (try %d): %s%s",
                id, channel == null ? "WEBHOOK" : channel, attempts, reason, next == null ? "; giving up" : "");
        if (!(failure instanceof SendFailure)) {
            // a fault of ours (a template, a key), not the provider's: its trace names no address
            LOG.debug("notifications: internal failure", failure);
        }
        return finish(id, next == null ? "DEAD" : "FAILED", reason, next);
    }

    private Uni<Void> finish(UUID id, String status, String error, Instant next) {
        // only a row still SENDING changes: an erasure may have cancelled it while it was out
        return pool.preparedQuery("""
                        UPDATE deliveries
                           SET status = $2, last_error = $3, lease_until = NULL,
                               next_attempt_at = coalesce($4, next_attempt_at),
                               sent_at = CASE WHEN $2 = 'SENT' THEN now() ELSE sent_at END
                         WHERE id = $1 AND status = 'SENDING'""")
                .execute(Tuple.of(id, status, error, next == null ? null : next.atOffset(java.time.ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    /** Staff addresses are plain; a complainant's is opened from their sealed data now, and only now. */
    private Uni<Optional<String>> address(Row row) {
        String plain = row.getString("address");
        if (plain != null) {
            return Uni.createFrom().item(Optional.of(plain));
        }
        String field = row.getString("address_field");
        return vault.open(row.getString("subject"), row.getString("sealed_address"))
                .map(data -> data.map(d -> "email".equals(field) ? d.email() : d.phone())
                        .filter(a -> !a.isBlank()));
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
