package org.complaintledger.attachment;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * A real S3-compatible server in the test JVM: s3proxy over jclouds' filesystem blob store, so the tests can look at
 * what was stored (objects are files under {@link #root}). It speaks S3's REST API with signature v4, as AWS does.
 */
public class S3ProxyResource implements QuarkusTestResourceLifecycleManager {

    static final String BUCKET = "evidence";
    static volatile Path root;

    private BlobStoreContext context;
    private S3Proxy proxy;

    @Override
    public Map<String, String> start() {
        try {
            root = Files.createTempDirectory("s3proxy-evidence");
            Properties properties = new Properties();
            properties.setProperty("jclouds.filesystem.basedir", root.toString());
            context = ContextBuilder.newBuilder("filesystem").overrides(properties).build(BlobStoreContext.class);
            context.getBlobStore().createContainerInLocation(null, BUCKET);
            proxy = S3Proxy.builder()
                    .blobStore(context.getBlobStore())
                    .endpoint(URI.create("http://127.0.0.1:0"))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "ledger-test", "ledger-test-secret")
                    .build();
            proxy.start();
            for (int i = 0; i < 100 && !"STARTED".equals(proxy.getState()); i++) {
                Thread.sleep(50);
            }
            return Map.of(
                    "ledger.attachments.store", "s3",
                    "ledger.attachments.s3.endpoint", "http://127.0.0.1:" + proxy.getPort(),
                    "ledger.attachments.s3.bucket", BUCKET,
                    "ledger.attachments.s3.access-key-id", "ledger-test",
                    "ledger.attachments.s3.secret-access-key", "ledger-test-secret");
        } catch (Exception e) {
            throw new IllegalStateException("s3proxy did not start", e);
        }
    }

    static Path object(String attachmentId) {
        return root.resolve(BUCKET).resolve("attachments").resolve(attachmentId);
    }

    @Override
    public void stop() {
        try {
            if (proxy != null) {
                proxy.stop();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            if (context != null) {
                context.close();
            }
        }
    }
}
