package org.complaintledger.attachment;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.complaintledger.complaint.ComplaintEventType;
import org.complaintledger.ledger.EventEnvelope;
import org.complaintledger.ledger.LedgerReader;
import org.complaintledger.privacy.PersonalDataVault;
import org.jboss.logging.Logger;

/**
 * Deletes stored bytes that no live file needs: bytes the ledger never recorded (an upload stored them, then its
 * command failed or its process was killed before the event was appended), bytes of a file the ledger records as
 * redacted, and bytes sealed under a data key that erasure destroyed (a delete that failed at the time). Only bytes
 * older than {@code ledger.attachments.sweep.grace} are looked at, so an upload between storing and recording is never
 * taken for an orphan. Works on either store; safe on every instance at once (deleting twice is harmless).
 */
@Singleton
public class AttachmentSweeper {

    private static final Logger LOG = Logger.getLogger(AttachmentSweeper.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** One sweep's result. */
    public record Swept(int lookedAt, int deleted) {}

    @Inject
    Attachments attachments;

    @Inject
    AttachmentSettings settings;

    @Inject
    Pool pool;

    @Inject
    PersonalDataVault vault;

    @Inject
    Vertx vertx;

    @Inject
    Clock clock;

    private final AtomicBoolean running = new AtomicBoolean();
    private long timer = -1;

    void start(@Observes StartupEvent startup) {
        if (!settings.sweep().enabled()) {
            return;
        }
        timer = vertx.setPeriodic(
                settings.sweep().interval().toMillis(),
                id -> Infrastructure.getDefaultWorkerPool().execute(() -> {
                    if (!running.compareAndSet(false, true)) {
                        return;
                    }
                    try {
                        sweep(clock.instant().minus(settings.sweep().grace()));
                    } catch (RuntimeException | IOException e) {
                        LOG.warn("attachments: the orphan sweep failed; it runs again", e);
                    } finally {
                        running.set(false);
                    }
                }));
    }

    void stop(@Observes ShutdownEvent shutdown) {
        vertx.cancelTimer(timer);
    }

    /** Blocking: looks at bytes stored before {@code before} and deletes those no live file needs. */
    public Swept sweep(Instant before) throws IOException {
        AttachmentStore store = attachments.store();
        List<UUID> stored =
                store.storedBefore(before, Math.max(1, settings.sweep().batch()));
        if (stored.isEmpty()) {
            return new Swept(0, 0);
        }
        // what the ledger says of each candidate: recorded, redacted, and whether the key it is sealed under exists
        List<EventEnvelope> events = Uni.createFrom()
                .completionStage(() -> new LedgerReader(pool.getDelegate())
                        .withMember(
                                List.of(
                                        ComplaintEventType.ATTACHMENT_ADDED.wireName(),
                                        ComplaintEventType.ATTACHMENT_REDACTED.wireName()),
                                "attachmentId",
                                stored.stream().map(UUID::toString).toList()))
                .await()
                .atMost(TIMEOUT);
        Set<String> redacted = new HashSet<>();
        Map<String, String> keyHolders = new HashMap<>();
        for (EventEnvelope event : events) {
            String attachmentId = event.data().path("attachmentId").asText();
            if (event.type().equals(ComplaintEventType.ATTACHMENT_REDACTED.wireName())) {
                redacted.add(attachmentId);
            } else {
                keyHolders.put(attachmentId, Attachments.keyHolder(event));
            }
        }
        Set<String> keyed = vault.existingDataKeys(keyHolders.values())
                .await()
                .atMost(TIMEOUT)
                .keySet();
        Set<UUID> live = new HashSet<>();
        keyHolders.forEach((attachmentId, holder) -> {
            if (!redacted.contains(attachmentId) && keyed.contains(holder)) {
                live.add(UUID.fromString(attachmentId));
            }
        });
        int deleted = 0;
        for (UUID id : stored) {
            if (!live.contains(id) && store.delete(id)) {
                deleted++;
            }
        }
        if (deleted > 0) {
            // ids only: they name no one
            LOG.infof("attachments: swept %d stored files no live attachment needs", deleted);
        }
        return new Swept(stored.size(), deleted);
    }
}
