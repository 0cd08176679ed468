package org.complaintledger.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.complaintledger.attachment.AttachmentApiTest.download;
import static org.complaintledger.attachment.AttachmentApiTest.upload;
import static org.complaintledger.support.Api.post;

import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.complaintledger.support.Api;
import org.complaintledger.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * The orphan-bytes sweep on a real store: what it deletes and what it keeps. Each store's test says how stored bytes
 * are made to look old ({@link #age}), the store's own notion of when they were stored.
 */
abstract class SweepScenario {

    @Inject
    Attachments attachments;

    @Inject
    AttachmentSweeper sweeper;

    /** Makes the stored bytes of this file look stored {@code ago}. */
    abstract void age(UUID file, Duration ago) throws Exception;

    @Test
    void bytes_no_live_file_needs_are_deleted_once_older_than_the_grace_and_a_live_or_young_file_is_kept()
            throws Exception {
        String citizen = "warga-sapu-" + getClass().getSimpleName();
        String id = Api.dispatched(citizen);
        UUID live = UUID.fromString(
                upload(Tokens.citizen(citizen), id, "foto.jpg", Evidence.jpegWithGps(), "image/jpeg", null, null, 201)
                        .path("id"));
        UUID redacted = UUID.fromString(
                upload(Tokens.citizen(citizen), id, "wajah.jpg", Evidence.jpegWithGps(), "image/jpeg", null, null, 201)
                        .path("id"));
        post(
                        Tokens.operator(),
                        "/api/complaints/" + id + "/attachments/" + redacted + "/redaction",
                        "{\"reason\":\"Wajah orang lain\"}")
                .statusCode(200);
        AttachmentStore store = attachments.store();
        // as if the redaction's delete had failed, and as if two uploads had stored their bytes and then died
        UUID oldOrphan = UUID.randomUUID();
        UUID youngOrphan = UUID.randomUUID();
        Path bytes = Files.createTempFile("orphan-", ".sealed");
        try {
            Files.write(bytes, "CLA1 sealed bytes of nothing".getBytes());
            store.put(redacted, bytes);
            store.put(oldOrphan, bytes);
            store.put(youngOrphan, bytes);
        } finally {
            Files.delete(bytes);
        }
        for (UUID file : new UUID[] {live, redacted, oldOrphan}) {
            age(file, Duration.ofDays(2));
        }
        try {
            sweeper.sweep(Instant.now().minus(Duration.ofDays(1)));

            assertThat(store.exists(oldOrphan))
                    .as("never recorded, past the grace")
                    .isFalse();
            assertThat(store.exists(redacted)).as("recorded as redacted").isFalse();
            assertThat(store.exists(youngOrphan))
                    .as("within the grace: maybe an upload in flight")
                    .isTrue();
            assertThat(store.exists(live)).isTrue();
            assertThat(Evidence.sha256(download(Tokens.officer("dinas-pupr"), id, live.toString())))
                    .as("the live file is served as before")
                    .hasSize(64);
        } finally {
            store.delete(youngOrphan);
        }
    }
}
