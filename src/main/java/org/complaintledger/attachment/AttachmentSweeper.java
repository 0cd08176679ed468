package org.complaintledger.attachment;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Deletes stored bytes that no live file needs: bytes the ledger never recorded (an upload stored them, then its
 * command failed or its process was killed before the event was appended), bytes of a file the ledger records as
 * redacted, and bytes sealed under a data key that erasure destroyed (a delete that failed at the time). Only bytes
 * older than {@code ledger.attachments.sweep.grace} are looked at, so an upload between storing and recording is never
 * taken for an orphan. Works on either store; safe on every instance at once (deleting twice is harmless).
 */
@ApplicationScoped
public class AttachmentSweeper {

    private static final Logger LOG = Logger.getLogger(AttachmentSweeper.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** What the ledger says of each file among the candidates: recorded, redacted, and whether its key still exists. */
    private static final String LEDGER = """
            SELECT a.data ->> 'attachmentId' AS attachment_id,
                   EXISTS (SELECT 1 FROM events r
                            WHERE r.type = 'complaint.attachment-redacted'
                              AND r.data ->> 'attachmentId' = a.data ->> 'attachmentId') AS redacted,
                   EXISTS (SELECT 1 FROM data_keys k
                            WHERE k.subject = CASE WHEN a.actor ->> 'role' = 'citizen' THEN a.actor ->> 'subject'
                                                   ELSE 'complaint/' || a.stream_id END) AS keyed
              FROM events a
             WHERE a.type = 'complaint.attachment-added' AND a.data ->> 'attachmentId' = ANY($1)""";

    /** One sweep's result. */
    public record Swept(int lookedAt, int deleted) {}

    @Inject
    Attachments attachments;

    @Inject
    AttachmentSettings settings;

    @Inject
    Pool pool;

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
        Set<UUID> live = new HashSet<>();
        for (Row row : pool.preparedQuery(LEDGER)
                .execute(Tuple.of(stored.stream().map(UUID::toString).toArray(String[]::new)))
                .await()
                .atMost(TIMEOUT)) {
            if (!row.getBoolean("redacted") && row.getBoolean("keyed")) {
                live.add(UUID.fromString(row.getString("attachment_id")));
            }
        }
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
