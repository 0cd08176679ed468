package org.complaintledger.attachment;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code ledger.attachments.*}: where files are kept and what is accepted. */
@ConfigMapping(prefix = "ledger.attachments")
public interface AttachmentSettings {

    enum Store {
        POSTGRES,
        S3
    }

    /** {@code postgres} (the default: the embedded database serves the single-machine case) or {@code s3}. */
    @WithDefault("postgres")
    Store store();

    /** The largest file accepted, after it arrives and before metadata is stripped. */
    @WithDefault("10M")
    MemorySize maxFileSize();

    /** The most files one complaint holds, redacted ones included. */
    @WithDefault("20")
    int maxPerComplaint();

    /** Media types accepted, as read from the bytes. */
    @WithDefault("image/jpeg,image/png,image/webp,image/heic,application/pdf,video/mp4")
    List<String> allowedTypes();

    /** How many uploads are stripped, hashed and encrypted at once; the others wait, so memory stays bounded. */
    @WithDefault("4")
    int concurrentUploads();

    S3 s3();

    Sweep sweep();

    /** The orphan-bytes sweeper: stored bytes the ledger does not hold a live file for are deleted after a grace. */
    interface Sweep {
        @WithDefault("true")
        boolean enabled();

        /** How often the store is looked through. */
        @WithDefault("PT1H")
        Duration interval();

        /**
         * How old stored bytes must be before they may go: longer than any upload takes between storing its bytes and
         * recording them, so that a file being uploaded is never taken for an orphan.
         */
        @WithDefault("PT24H")
        Duration grace();

        /** The most stored files looked at in one sweep. */
        @WithDefault("1000")
        int batch();
    }

    interface S3 {
        /** The bucket; it must exist. */
        @WithDefault("complaint-ledger-attachments")
        String bucket();

        /** An S3-compatible endpoint (MinIO, Ceph, s3proxy …); empty for AWS itself. */
        Optional<String> endpoint();

        @WithDefault("us-east-1")
        String region();

        /** Static credentials; empty for the SDK's standard chain (AWS_ACCESS_KEY_ID, profiles, instance roles). */
        Optional<String> accessKeyId();

        Optional<String> secretAccessKey();

        /** Path-style addressing ({@code endpoint/bucket/key}), which most S3-compatible servers need. */
        @WithDefault("true")
        boolean pathStyle();
    }
}
