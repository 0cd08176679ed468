package org.complaintledger.attachment;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.Map;
import org.complaintledger.support.S3Proxy;

/** The attachments' store on a real S3-compatible server ({@link S3Proxy}), whose objects the tests can look at. */
public class S3ProxyResource implements QuarkusTestResourceLifecycleManager {

    static final String BUCKET = "evidence";
    static volatile Path root;

    private S3Proxy proxy;

    @Override
    public Map<String, String> start() {
        proxy = S3Proxy.start("evidence", BUCKET);
        root = proxy.root();
        return Map.of(
                "ledger.attachments.store",
                "s3",
                "ledger.attachments.s3.endpoint",
                proxy.endpoint(),
                "ledger.attachments.s3.bucket",
                BUCKET,
                "ledger.attachments.s3.access-key-id",
                S3Proxy.ACCESS_KEY_ID,
                "ledger.attachments.s3.secret-access-key",
                S3Proxy.SECRET_ACCESS_KEY);
    }

    static Path object(String attachmentId) {
        return root.resolve(BUCKET).resolve("attachments").resolve(attachmentId);
    }

    @Override
    public void stop() {
        if (proxy != null) {
            proxy.close();
        }
    }
}
