package org.complaintledger.attachment;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import javax.crypto.SecretKey;
import org.complaintledger.complaint.Actor;
import org.complaintledger.complaint.AttachmentAudience;
import org.complaintledger.complaint.Complaint;
import org.complaintledger.complaint.ComplaintCommand;
import org.complaintledger.complaint.ComplaintEventType;
import org.complaintledger.complaint.Rejection;
import org.complaintledger.complaint.Role;
import org.complaintledger.complaint.handling.ComplaintCommandHandler;
import org.complaintledger.complaint.handling.ComplaintHistory;
import org.complaintledger.deadline.DeadlinePolicy;
import org.complaintledger.ledger.EventEnvelope;
import org.complaintledger.ledger.LedgerReader;
import org.complaintledger.ledger.Waiter;
import org.complaintledger.privacy.PersonalDataVault;
import org.complaintledger.web.Problem;
import org.complaintledger.web.ProblemException;
import org.jboss.logging.Logger;

/**
 * Evidence on a complaint: a file is checked (its type read from its bytes), stripped of metadata, hashed, sealed
 * under the right key and stored, and only then recorded in the ledger; a refusal at any step leaves nothing behind.
 * Reading follows the complaint's own rules and the file's audience.
 *
 * <p>Blocking by design, on worker threads: files are read and written, hashed and encrypted, which the event loop
 * must never wait for. A semaphore bounds how many uploads are processed at once ({@code concurrent-uploads}), so
 * twenty simultaneous uploads queue for a few fixed-size buffers instead of filling the heap.
 */
@Singleton
public class Attachments {

    private static final Logger LOG = Logger.getLogger(Attachments.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** What the caller may know of the complaint's files. */
    enum Reader {
        /** Operator, Ombudsman, auditor and the assigned agency: every file, internal ones too. */
        STAFF,
        /** The complainant: public files. */
        OWNER,
        /** Anyone else: public files of a complaint that is not confidential. */
        PUBLIC
    }

    record Details(String fileName, String caption) {}

    /** An attachment as a reader sees it; {@code details} is empty when the key that sealed them is gone. */
    record Visible(Complaint.Attachment attachment, Optional<Details> details) {}

    record Stored(Complaint complaint, Complaint.Attachment attachment, Optional<Details> details) {}

    @Inject
    AttachmentSettings settings;

    @Inject
    PersonalDataVault vault;

    @Inject
    ComplaintHistory history;

    @Inject
    ComplaintCommandHandler commands;

    @Inject
    DeadlinePolicy policy;

    @Inject
    Pool pool;

    @Inject
    ObjectMapper json;

    private volatile AttachmentStore store;
    private volatile Semaphore permits;

    AttachmentStore store() {
        AttachmentStore current = store;
        if (current == null) {
            synchronized (this) {
                if (store == null) {
                    // the permits first: a thread that sees the store (volatile) sees them too
                    permits = new Semaphore(Math.max(1, settings.concurrentUploads()), true);
                    store = switch (settings.store()) {
                        case POSTGRES -> new PostgresAttachmentStore(pool);
                        case S3 -> new S3AttachmentStore(settings.s3());
                    };
                }
                current = store;
            }
        }
        return current;
    }

    void close(@Observes ShutdownEvent event) {
        if (store instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.debug("closing the attachment store", e);
            }
        }
    }

    /** The subject whose data key seals a file: the complainant's for their own uploads, the complaint's for staff's. */
    static String keyHolder(Complaint complaint, Actor uploader) {
        return keyHolder(uploader.role() == Role.CITIZEN, uploader.subject(), complaint.id());
    }

    /** The same, for the recorded {@code attachment-added} event of a file. */
    static String keyHolder(EventEnvelope added) {
        return keyHolder(
                Role.CITIZEN.wireName().equals(added.actor().role()),
                added.actor().subject(),
                added.complaintId());
    }

    private static String keyHolder(boolean complainantsUpload, String uploader, UUID complaintId) {
        return complainantsUpload ? uploader : "complaint/" + complaintId;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // upload

    /**
     * Runs on a worker thread. {@code file} is the upload as Quarkus streamed it to disk; it is not deleted here.
     * Returns the complaint as the command left it and the id of the file recorded.
     */
    ComplaintCommandHandler.Outcome upload(
            UUID complaintId,
            Actor actor,
            Path file,
            long size,
            String fileName,
            String caption,
            AttachmentAudience audience,
            ComplaintCommandHandler.Directives directives,
            Instant now) {
        long max = settings.maxFileSize().asLongValue();
        if (size > max) {
            throw tooLarge(max);
        }
        if (size == 0) {
            throw ProblemException.badRequest("file", "is empty");
        }
        UUID attachmentId = UUID.randomUUID();
        // the rules first (who may attach, the per-complaint limit): a refusal costs no stripping and no storage
        Complaint complaint = history.current(complaintId).await().atMost(TIMEOUT);
        Complaint.decide(
                command(
                        complaintId,
                        actor,
                        now,
                        attachmentId,
                        "0".repeat(64),
                        1,
                        "application/octet-stream",
                        audience,
                        null),
                complaint,
                policy);
        String mediaType;
        try {
            mediaType = MediaSniffer.detect(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!settings.allowedTypes().contains(mediaType)) {
            throw new ProblemException(Problem.of(
                    415,
                    "attachment.unsupported-media-type",
                    "The file's content is " + mediaType + "; accepted are "
                            + String.join(", ", settings.allowedTypes())));
        }
        AttachmentStore store = store();
        Path stripped = null;
        Path sealed = null;
        boolean stored = false;
        acquire();
        try {
            stripped = Files.createTempFile("attachment-", ".stripped");
            Path source = MetadataStripper.strip(mediaType, file, stripped) ? stripped : file;
            SecretKey key = vault.dataKeyOf(keyHolder(complaint, actor)).await().atMost(TIMEOUT);
            sealed = Files.createTempFile("attachment-", ".sealed");
            SegmentedCipher.Sealed sum;
            try (InputStream in = Files.newInputStream(source);
                    OutputStream out = new BufferedOutputStream(Files.newOutputStream(sealed), 64 * 1024)) {
                sum = SegmentedCipher.encrypt(key, attachmentId, in, out);
            }
            if (sum.size() > max) {
                throw tooLarge(max);
            }
            store.put(attachmentId, sealed);
            stored = true;
            String sealedDetails = SegmentedCipher.sealText(
                    key, detailsAad(attachmentId), json.writeValueAsBytes(new Details(fileName, caption)));
            ComplaintCommandHandler.Outcome outcome = commands.execute(
                            command(
                                    complaintId,
                                    actor,
                                    now,
                                    attachmentId,
                                    sum.sha256(),
                                    (int) sum.size(),
                                    mediaType,
                                    audience,
                                    sealedDetails),
                            directives)
                    .await()
                    .atMost(TIMEOUT);
            if (!outcome.complaint().attachments().containsKey(attachmentId)) {
                // an Idempotency-Key retry: the first upload's answer is replayed, this copy is not needed
                store.delete(attachmentId);
            }
            return outcome;
        } catch (MetadataStripper.NotStrippable e) {
            throw new ProblemException(Problem.of(415, "attachment.metadata-not-strippable", e.getMessage()));
        } catch (MetadataStripper.Malformed e) {
            throw new ProblemException(Problem.of(
                    415, "attachment.malformed", "The file is not a well-formed " + mediaType + ": " + e.getMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            if (stored) {
                deleteQuietly(store, attachmentId);
            }
            throw e;
        } finally {
            permits.release();
            deleteQuietly(stripped);
            deleteQuietly(sealed);
        }
    }

    /**
     * A file the complainant sent in a chat (the intake's WhatsApp media), attached as their own upload: sealed under
     * their data key, so erasing them shreds it. Public, as a complainant's own upload is by default (the public sees
     * nothing of a confidential complaint's files). Checked, stripped and hashed like any upload;
     * {@code idempotencyKey} makes a retried filing attach it once. Runs on a worker thread.
     */
    public Uni<ComplaintCommandHandler.Outcome> attachFromChat(
            UUID complaintId,
            String complainant,
            Path file,
            String fileName,
            String caption,
            String idempotencyKey,
            String correlationId,
            Instant now) {
        return Waiter.onOwnContext(Uni.createFrom()
                .item(() -> {
                    try {
                        return upload(
                                complaintId,
                                Actor.citizen(complainant),
                                file,
                                Files.size(file),
                                fileName,
                                caption,
                                AttachmentAudience.PUBLIC,
                                new ComplaintCommandHandler.Directives(
                                        null,
                                        complainant,
                                        idempotencyKey,
                                        org.complaintledger.ledger.EventEnvelope.sha256Hex(idempotencyKey),
                                        ComplaintCommandHandler.Effect.CHANGED,
                                        correlationId),
                                now);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()));
    }

    /**
     * Refuses, as an upload would, a file that could not be attached: empty, too large, of a type not accepted, or
     * not strippable. For a filing that brings its file along (Open311's {@code media}): checked before the complaint
     * is filed, so that a refused file leaves nothing written. Blocking; throws the upload's 413 or 415 problems.
     */
    public void check(Path file, long size) {
        long max = settings.maxFileSize().asLongValue();
        if (size > max) {
            throw tooLarge(max);
        }
        if (size == 0) {
            throw ProblemException.badRequest("media", "is empty");
        }
        String mediaType;
        try {
            mediaType = MediaSniffer.detect(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!settings.allowedTypes().contains(mediaType)) {
            throw new ProblemException(Problem.of(
                    415,
                    "attachment.unsupported-media-type",
                    "The file's content is " + mediaType + "; accepted are "
                            + String.join(", ", settings.allowedTypes())));
        }
        Path stripped = null;
        store(); // sets up the upload permits on first use
        acquire();
        try {
            stripped = Files.createTempFile("attachment-", ".checked");
            MetadataStripper.strip(mediaType, file, stripped);
        } catch (MetadataStripper.NotStrippable e) {
            throw new ProblemException(Problem.of(415, "attachment.metadata-not-strippable", e.getMessage()));
        } catch (MetadataStripper.Malformed e) {
            throw new ProblemException(Problem.of(
                    415, "attachment.malformed", "The file is not a well-formed " + mediaType + ": " + e.getMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            permits.release();
            deleteQuietly(stripped);
        }
    }

    /**
     * Attaches the file a complainant filed with (Open311's {@code media}), public as the complainant's own uploads
     * are by default, sealed under their data key. Blocking. Answers the attachment's id.
     */
    public UUID attachFiled(
            UUID complaintId, Actor complainant, Path file, long size, String fileName, String correlationId) {
        var directives = new ComplaintCommandHandler.Directives(
                null, complainant.subject(), null, null, ComplaintCommandHandler.Effect.CREATED, correlationId);
        ComplaintCommandHandler.Outcome outcome = upload(
                complaintId,
                complainant,
                file,
                size,
                fileName,
                null,
                AttachmentAudience.PUBLIC,
                directives,
                org.complaintledger.ledger.EventEnvelope.millis(Instant.now()));
        return outcome.complaint().attachments().values().stream()
                .reduce((first, second) -> second)
                .orElseThrow()
                .id();
    }

    /**
     * The file the public is shown first for each complaint (Open311's {@code media_url}): its first public,
     * unredacted file whose key still exists, an image when there is one. The caller leaves confidential complaints
     * out, as the public may not see their files at all.
     */
    public Uni<Map<UUID, UUID>> publicMedia(Collection<UUID> complaintIds) {
        if (complaintIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<String> types = List.of(
                ComplaintEventType.ATTACHMENT_ADDED.wireName(), ComplaintEventType.ATTACHMENT_REDACTED.wireName());
        return Uni.createFrom()
                .completionStage(() -> new LedgerReader(pool.getDelegate()).ofTypes(complaintIds, types))
                .flatMap(events -> {
                    Set<String> redacted = new HashSet<>();
                    List<EventEnvelope> published = new ArrayList<>();
                    for (EventEnvelope event : events) {
                        if (event.type().equals(ComplaintEventType.ATTACHMENT_REDACTED.wireName())) {
                            redacted.add(event.data().path("attachmentId").asText());
                        } else if ("PUBLIC".equals(event.data().path("audience").asText())) {
                            published.add(event);
                        }
                    }
                    published.removeIf(event ->
                            redacted.contains(event.data().path("attachmentId").asText()));
                    return vault.existingDataKeys(published.stream()
                                    .map(Attachments::keyHolder)
                                    .toList())
                            .map(keys -> firstPublicFiles(published, keys.keySet()));
                });
    }

    /** Each complaint's first public file whose key still exists (not erased): its first image, if it has one. */
    private static Map<UUID, UUID> firstPublicFiles(List<EventEnvelope> published, Set<String> keyed) {
        Map<UUID, EventEnvelope> first = new HashMap<>();
        for (EventEnvelope event : published) {
            if (keyed.contains(keyHolder(event))) {
                first.merge(event.complaintId(), event, (kept, next) -> !isImage(kept) && isImage(next) ? next : kept);
            }
        }
        Map<UUID, UUID> media = new HashMap<>();
        first.forEach((complaintId, event) -> media.put(
                complaintId, UUID.fromString(event.data().path("attachmentId").asText())));
        return media;
    }

    private static boolean isImage(EventEnvelope added) {
        return added.data().path("mediaType").asText().startsWith("image/");
    }

    private ComplaintCommand.AddAttachment command(
            UUID complaintId,
            Actor actor,
            Instant now,
            UUID attachmentId,
            String sha256,
            int size,
            String mediaType,
            AttachmentAudience audience,
            String sealedDetails) {
        return new ComplaintCommand.AddAttachment(
                complaintId,
                actor,
                now,
                attachmentId,
                sha256,
                size,
                mediaType,
                audience,
                sealedDetails,
                settings.maxPerComplaint());
    }

    private ProblemException tooLarge(long max) {
        return new ProblemException(Problem.of(413, "attachment.too-large", "A file may be at most " + max + " bytes"));
    }

    private void acquire() {
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to process an upload", e);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // reading

    static Reader reader(Complaint complaint, Actor caller) {
        if (caller == null) {
            return Reader.PUBLIC;
        }
        return switch (caller.role()) {
            case OPERATOR, OMBUDSMAN, AUDITOR, SYSTEM -> Reader.STAFF;
            case AGENCY_OFFICER -> caller.agency().equals(complaint.agencyId()) ? Reader.STAFF : Reader.PUBLIC;
            case CITIZEN -> caller.subject().equals(complaint.complainantId()) ? Reader.OWNER : Reader.PUBLIC;
            // the regency's administrator runs reference data, not cases: it sees what the public sees
            case ADMIN -> Reader.PUBLIC;
        };
    }

    static boolean visible(Complaint complaint, Complaint.Attachment attachment, Reader reader) {
        return switch (reader) {
            case STAFF -> true;
            case OWNER -> attachment.audience() == AttachmentAudience.PUBLIC && !attachment.redacted();
            case PUBLIC ->
                attachment.audience() == AttachmentAudience.PUBLIC
                        && !attachment.redacted()
                        && !complaint.confidential();
        };
    }

    /** The file name is the uploader's words about themselves: shown to those who may know the complainant. */
    static boolean mayKnowFileName(Complaint complaint, Complaint.Attachment attachment, Reader reader, Actor caller) {
        if (attachment.addedBy().role() != Role.CITIZEN) {
            return reader == Reader.STAFF || reader == Reader.OWNER;
        }
        return switch (reader) {
            case OWNER -> true;
            case STAFF ->
                caller.role() == Role.OPERATOR
                        || caller.role() == Role.OMBUDSMAN
                        || (caller.role() == Role.AGENCY_OFFICER && !complaint.anonymous());
            case PUBLIC -> false;
        };
    }

    Uni<Complaint> complaint(UUID complaintId) {
        return history.current(complaintId).map(complaint -> {
            if (!complaint.exists()) {
                throw new Rejection(Rejection.Reason.NOT_FOUND, "No complaint " + complaintId);
            }
            return complaint;
        });
    }

    /** The files the caller may see, in the order attached, with their details opened where the key still exists. */
    Uni<List<Visible>> list(Complaint complaint, Actor caller) {
        Reader reader = reader(complaint, caller);
        List<Uni<Visible>> visible = new ArrayList<>();
        for (Complaint.Attachment attachment : complaint.attachments().values()) {
            if (visible(complaint, attachment, reader)) {
                visible.add(details(complaint, attachment).map(details -> new Visible(attachment, details)));
            }
        }
        return visible.isEmpty()
                ? Uni.createFrom().item(List.of())
                : Uni.join().all(visible).andFailFast();
    }

    Uni<Optional<Details>> details(Complaint complaint, Complaint.Attachment attachment) {
        if (attachment.sealedDetails() == null || attachment.redacted()) {
            return Uni.createFrom().item(Optional.empty());
        }
        return vault.existingDataKey(keyHolder(complaint, attachment.addedBy()))
                .map(key -> key.map(k -> {
                    try {
                        return json.readValue(
                                SegmentedCipher.openText(k, detailsAad(attachment.id()), attachment.sealedDetails()),
                                Details.class);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }));
    }

    /** Throws the problem a reader gets for a file it may not have: 404 when it may not know of it, 410 when gone. */
    Complaint.Attachment readable(Complaint complaint, UUID attachmentId, Actor caller) {
        Complaint.Attachment attachment = complaint.attachments().get(attachmentId);
        if (attachment == null || !visible(complaint, unredacted(attachment), reader(complaint, caller))) {
            throw new ProblemException(Problem.of(404, "attachment.not-found", "No such attachment on this complaint"));
        }
        if (attachment.redacted()) {
            throw new ProblemException(Problem.of(
                    410, "attachment.redacted", "This file was redacted by the operator and is no longer served"));
        }
        return attachment;
    }

    private static Complaint.Attachment unredacted(Complaint.Attachment a) {
        return new Complaint.Attachment(
                a.id(),
                a.sha256(),
                a.size(),
                a.mediaType(),
                a.audience(),
                a.sealedDetails(),
                a.addedAt(),
                a.addedBy(),
                false);
    }

    /** Runs on a worker thread: the plaintext, opened one segment at a time as the response is written. */
    InputStream download(Complaint complaint, Complaint.Attachment attachment) throws IOException {
        SecretKey key = key(complaint, attachment);
        InputStream sealed = store().open(attachment.id()).orElseThrow(Attachments::gone);
        return SegmentedCipher.decrypting(key, attachment.id(), sealed);
    }

    /** Checked before the response starts, so that a shredded file is a 410 rather than a broken download. */
    SecretKey key(Complaint complaint, Complaint.Attachment attachment) throws IOException {
        Optional<SecretKey> key = vault.existingDataKey(keyHolder(complaint, attachment.addedBy()))
                .await()
                .atMost(TIMEOUT);
        if (key.isEmpty() || !store().exists(attachment.id())) {
            throw gone();
        }
        return key.get();
    }

    private static ProblemException gone() {
        return new ProblemException(
                Problem.of(410, "attachment.erased", "This file was erased with its complainant's personal data"));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // redaction and erasure

    /** Runs on a worker thread: the redaction is recorded first, then the bytes go; a failure there is logged. */
    ComplaintCommandHandler.Outcome redact(
            UUID complaintId,
            UUID attachmentId,
            Actor actor,
            String reason,
            Instant now,
            ComplaintCommandHandler.Directives directives) {
        ComplaintCommandHandler.Outcome outcome = commands.execute(
                        new ComplaintCommand.RedactAttachment(complaintId, actor, now, attachmentId, reason),
                        directives)
                .await()
                .atMost(TIMEOUT);
        // the event already withholds the file from everyone; a store that fails here leaves ciphertext to sweep
        deleteQuietly(store(), attachmentId);
        return outcome;
    }

    /**
     * A complainant's key is gone, so their files are already unreadable; the bytes go too, so that erasure
     * reaches every copy. Off the caller's thread: the erasure does not wait for the store.
     */
    void onKeyDestroyed(@Observes PersonalDataVault.DataKeyDestroyed destroyed) {
        Uni.createFrom()
                .completionStage(() -> new LedgerReader(pool.getDelegate())
                        .recordedBy(
                                ComplaintEventType.ATTACHMENT_ADDED.wireName(),
                                Role.CITIZEN.wireName(),
                                destroyed.subject(),
                                "attachmentId"))
                .map(values -> values.stream().map(UUID::fromString).toList())
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .subscribe()
                .with(
                        ids -> ids.forEach(id -> deleteQuietly(store(), id)),
                        failure -> LOG.warn(
                                "Could not list the files of an erased complainant; their bytes stay "
                                        + "sealed under the destroyed key",
                                failure));
    }

    static String detailsAad(UUID attachmentId) {
        return "attachment-details:" + attachmentId;
    }

    private static void deleteQuietly(AttachmentStore store, UUID attachmentId) {
        try {
            store.delete(attachmentId);
        } catch (IOException | RuntimeException e) {
            LOG.warnf(e, "Could not delete the stored bytes of attachment %s", attachmentId);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.debugf(e, "temporary file %s", file);
            }
        }
    }
}
