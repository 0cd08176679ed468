package org.complaintledger.attachment;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.complaintledger.support.S3Stores;

/**
 * The orphan-bytes sweep on the S3 store against a real S3-compatible server (s3proxy over a directory): an object's
 * LastModified, which ListObjectsV2 answers, is its file's modification time there.
 */
@QuarkusTest
@TestProfile(S3Stores.class)
class S3AttachmentSweepTest extends SweepScenario {

    @Override
    void age(UUID file, Duration ago) throws Exception {
        Files.setLastModifiedTime(
                S3ProxyResource.object(file.toString()),
                FileTime.from(Instant.now().minus(ago)));
    }
}
