package org.complaintledger.attachment;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A real S3-compatible server for the tests: s3proxy over jclouds' filesystem blob store, in a process of its own
 * (its all-in-one jar, copied to {@code target/s3proxy} by the build), so the tests can look at what was stored:
 * objects are files under {@link #root}. It speaks S3's REST API and checks AWS signatures (v2 or v4).
 */
public class S3ProxyResource implements QuarkusTestResourceLifecycleManager {

    static final String BUCKET = "evidence";
    static volatile Path root;

    private Process process;

    @Override
    public Map<String, String> start() {
        try {
            root = Files.createTempDirectory("s3proxy-evidence");
            Files.createDirectories(root.resolve(BUCKET));
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            Path properties = root.resolveSibling(root.getFileName() + ".properties");
            Files.writeString(
                    properties,
                    String.join(
                                    "\n",
                                    "s3proxy.endpoint=http://127.0.0.1:" + port,
                                    "s3proxy.authorization=aws-v2-or-v4",
                                    "s3proxy.identity=ledger-test",
                                    "s3proxy.credential=ledger-test-secret",
                                    "jclouds.provider=filesystem",
                                    "jclouds.filesystem.basedir=" + root)
                            + "\n");
            Path jar = Path.of("target", "s3proxy", "s3proxy.jar");
            if (!Files.exists(jar)) {
                throw new IllegalStateException(jar + " is missing: the build copies it (maven-dependency-plugin)");
            }
            String java = ProcessHandle.current().info().command().orElse("java");
            process = new ProcessBuilder(
                            List.of(java, "-Xmx128m", "-jar", jar.toString(), "--properties", properties.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(
                            root.resolveSibling(root.getFileName() + ".log").toFile())
                    .start();
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!accepts(port)) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("s3proxy did not start; see " + root + ".log");
                }
                Thread.sleep(100);
            }
            return Map.of(
                    "ledger.attachments.store", "s3",
                    "ledger.attachments.s3.endpoint", "http://127.0.0.1:" + port,
                    "ledger.attachments.s3.bucket", BUCKET,
                    "ledger.attachments.s3.access-key-id", "ledger-test",
                    "ledger.attachments.s3.secret-access-key", "ledger-test-secret");
        } catch (IOException e) {
            throw new IllegalStateException("s3proxy did not start", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static Path object(String attachmentId) {
        return root.resolve(BUCKET).resolve("attachments").resolve(attachmentId);
    }

    @Override
    public void stop() {
        if (process != null) {
            process.destroy();
        }
    }
}
