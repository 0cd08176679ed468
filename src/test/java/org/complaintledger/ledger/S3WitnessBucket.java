package org.complaintledger.ledger;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import org.complaintledger.support.S3Proxy;

/** The checkpoint witness's bucket on a real S3-compatible server ({@link S3Proxy}), whose objects the tests read. */
public class S3WitnessBucket implements QuarkusTestResourceLifecycleManager {

    static final String BUCKET = "witness";
    static volatile S3Proxy proxy;

    @Override
    public Map<String, String> start() {
        proxy = S3Proxy.start("witness", BUCKET);
        return Map.of(
                "ledger.signing.witness.s3.endpoint",
                proxy.endpoint(),
                "ledger.signing.witness.s3.bucket",
                BUCKET,
                "ledger.signing.witness.s3.access-key-id",
                S3Proxy.ACCESS_KEY_ID,
                "ledger.signing.witness.s3.secret-access-key",
                S3Proxy.SECRET_ACCESS_KEY,
                "ledger.signing.witness.s3.prefix",
                "ledger/checkpoints/");
    }

    @Override
    public void stop() {
        if (proxy != null) {
            proxy.close();
        }
    }
}
