package org.complaintledger.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import org.complaintledger.attachment.S3ProxyResource;
import org.complaintledger.ledger.S3WitnessBucket;

/**
 * The service with its S3-compatible stores, each on a real server (s3proxy): the attachments' bucket and the
 * checkpoint witness's. One profile for every test class that needs either, so that the application starts once for
 * all of them (each distinct profile is an application start of its own, a fresh database and its migrations).
 */
public class S3Stores implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(S3ProxyResource.class), new TestResourceEntry(S3WitnessBucket.class));
    }
}
