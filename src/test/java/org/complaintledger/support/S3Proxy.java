package org.complaintledger.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A real S3-compatible server for the tests: s3proxy over jclouds' filesystem blob store, in a process of its own
 * (its all-in-one jar, copied to {@code target/s3proxy} by the build), so the tests can look at what was stored: a
 * bucket is a directory under {@link #root}, an object a file in it. It speaks S3's REST API and checks AWS signatures
 * (v2 or v4) against {@link #ACCESS_KEY_ID} and {@link #SECRET_ACCESS_KEY}.
 */
public final class S3Proxy implements AutoCloseable {

    public static final String ACCESS_KEY_ID = "ledger-test";
    public static final String SECRET_ACCESS_KEY = "ledger-test-secret";

    private final Process process;
    private final Path root;
    private final int port;

    private S3Proxy(Process process, Path root, int port) {
        this.process = process;
        this.root = root;
        this.port = port;
    }

    /** Starts s3proxy over a new temporary directory with these buckets. */
    public static S3Proxy start(String name, String... buckets) {
        try {
            Path root = Files.createTempDirectory("s3proxy-" + name);
            for (String bucket : buckets) {
                Files.createDirectories(root.resolve(bucket));
            }
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
                                    "s3proxy.identity=" + ACCESS_KEY_ID,
                                    "s3proxy.credential=" + SECRET_ACCESS_KEY,
                                    "jclouds.provider=filesystem",
                                    "jclouds.filesystem.basedir=" + root)
                            + "\n");
            Path jar = Path.of("target", "s3proxy", "s3proxy.jar");
            if (!Files.exists(jar)) {
                throw new IllegalStateException(jar + " is missing: the build copies it (maven-dependency-plugin)");
            }
            String java = ProcessHandle.current().info().command().orElse("java");
            Process process = new ProcessBuilder(
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
            return new S3Proxy(process, root, port);
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

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** The directory the buckets are in. */
    public Path root() {
        return root;
    }

    @Override
    public void close() {
        process.destroy();
    }
}
