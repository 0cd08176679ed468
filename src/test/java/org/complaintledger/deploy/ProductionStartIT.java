package org.complaintledger.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.complaintledger.LedgerMain;
import org.complaintledger.database.EmbeddedDatabase;
import org.junit.jupiter.api.Test;

/**
 * The packaged production application, run as a deployment runs it ({@code java -jar quarkus-run.jar}), after
 * {@code package} (failsafe, in {@code ./mvnw verify}). Without a database it must not quietly start a throw-away
 * embedded PostgreSQL of its own: it refuses at once and says what to set. With a database and the settings
 * production requires (keys generated here, none of the repository's), it serves health and metrics on the
 * management port only, and holds nothing of dev mode: no demo tokens, no demo data, no demo Open311 key.
 */
class ProductionStartIT {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void the_packaged_application_with_no_database_configured_refuses_to_start_and_says_what_to_set() throws Exception {
        Path jar = Path.of(System.getProperty("ledger.packaged-jar", "target/quarkus-app/quarkus-run.jar"));
        assertThat(jar).as("the packaged application").exists();
        Path output = Files.createTempFile("ledger-production-start", ".log");
        ProcessBuilder start = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        // nothing of the caller's environment may configure a database, nor allow the embedded one
        start.environment().keySet().removeIf(name -> name.startsWith("QUARKUS_") || name.startsWith("LEDGER_"));
        start.environment().put("QUARKUS_HTTP_PORT", "0");
        start.environment().put("QUARKUS_MANAGEMENT_PORT", "0");
        Process process = start.start();
        try {
            assertThat(process.waitFor(60, TimeUnit.SECONDS))
                    .as("the application stopped by itself")
                    .isTrue();
            String said = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(process.exitValue())
                    .as("exit status; it said:%n%s", said)
                    .isNotZero();
            assertThat(said).contains(LedgerMain.NO_DATABASE).doesNotContain("embedded PostgreSQL on port");
        } finally {
            process.destroyForcibly();
            deleteQuietly(output);
        }
    }

    @Test
    void with_a_database_and_fresh_keys_it_serves_health_on_the_management_port_only_and_nothing_of_dev_mode()
            throws Exception {
        Path jar = Path.of(System.getProperty("ledger.packaged-jar", "target/quarkus-app/quarkus-run.jar"));
        assertThat(jar).as("the packaged application").exists();
        Path keys = Files.createTempDirectory("ledger-production-keys");
        Path output = keys.resolve("service.log");
        String database = "ledger_production_start_" + Long.toHexString(new SecureRandom().nextLong() >>> 1);
        EmbeddedDatabase embedded = EmbeddedDatabase.answers("127.0.0.1", 5432)
                ? null
                : EmbeddedDatabase.start(Files.createTempDirectory("ledger-production-pg"), 0);
        int dbPort = embedded == null ? 5432 : embedded.port();
        String server = "jdbc:postgresql://127.0.0.1:" + dbPort + "/";
        Process process = null;
        sql(server + "postgres", "CREATE DATABASE " + database);
        try {
            int port = freePort();
            int management = freePort();
            ProcessBuilder start = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-Xmx384m",
                            "-jar",
                            jar.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            Map<String, String> environment = start.environment();
            environment.keySet().removeIf(name -> name.startsWith("QUARKUS_") || name.startsWith("LEDGER_"));
            environment.putAll(productionSettings(keys));
            environment.put("QUARKUS_HTTP_PORT", Integer.toString(port));
            environment.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(management));
            environment.put("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://127.0.0.1:" + dbPort + "/" + database);
            environment.put("QUARKUS_DATASOURCE_JDBC_URL", server + database);
            environment.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
            // the server trusts local connections; Flyway takes its own credentials only with a password
            environment.put("QUARKUS_DATASOURCE_PASSWORD", "trusted-locally");
            process = start.start();
            awaitReady(process, management, output);

            // health and metrics on the management port, and not on the public one
            assertThat(get(management, "/q/health/ready").statusCode()).isEqualTo(200);
            assertThat(get(management, "/q/metrics").body()).contains("ledger_");
            assertThat(get(port, "/q/health").statusCode()).isEqualTo(404);
            assertThat(get(port, "/q/health/ready").statusCode()).isEqualTo(404);
            assertThat(get(port, "/q/metrics").statusCode()).isEqualTo(404);
            // the public API does answer on the public port
            assertThat(get(port, "/open311/v2/services.json").statusCode()).isEqualTo(200);

            // nothing of dev mode: no demo tokens, no demo data, no demo Open311 key
            assertThat(get(port, "/dev/tokens/operator").statusCode()).isEqualTo(404);
            assertThat(get(port, "/dev/tokens/citizen?subject=warga-42").statusCode())
                    .isEqualTo(404);
            assertThat(count(server + database, "SELECT count(*) FROM events WHERE type LIKE 'complaint.%'"))
                    .as("complaints' events")
                    .isZero();
            assertThat(get(port, "/open311/v2/requests.json").body()).isEqualTo("[]");
            assertThat(count(server + database, "SELECT count(*) FROM open311_api_keys"))
                    .as("Open311 keys")
                    .isZero();
            HttpResponse<String> demoKeyFiling = HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/open311/v2/requests.json"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "api_key=dev-open311-key&service_code=INFRASTRUCTURE&lat=1.4650&long=102.1073"
                                            + "&description=Lampu+jalan+padam+di+depan+SDN+3+Bengkalis"))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(demoKeyFiling.statusCode()).as(demoKeyFiling.body()).isEqualTo(403);
        } finally {
            if (process != null) {
                process.destroy();
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
            sql(server + "postgres", "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            if (embedded != null) {
                embedded.stop();
            }
            try (var files = Files.walk(keys)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(ProductionStartIT::deleteQuietly);
            }
        }
    }

    /** What the production profile requires, with keys made for this run: none of the repository's. */
    private static Map<String, String> productionSettings(Path keys) throws Exception {
        SecureRandom random = new SecureRandom();
        byte[] kek = new byte[32];
        random.nextBytes(kek);
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048, random);
        Path jwtPublic = keys.resolve("jwt-public.pem");
        Files.writeString(
                jwtPublic, pem("PUBLIC KEY", rsa.generateKeyPair().getPublic().getEncoded()));
        Path signing = keys.resolve("ledger-signing.pem");
        Files.writeString(
                signing,
                pem(
                        "PRIVATE KEY",
                        KeyPairGenerator.getInstance("Ed25519")
                                .generateKeyPair()
                                .getPrivate()
                                .getEncoded()));
        return Map.of(
                "LEDGER_JWT_ISSUER", "https://idp.example.test/realms/production-start",
                "LEDGER_JWT_AUDIENCES", "complaint-ledger",
                "MP_JWT_VERIFY_PUBLICKEY_LOCATION", jwtPublic.toString(),
                "LEDGER_CRYPTO_KEK", Base64.getEncoder().encodeToString(kek),
                "LEDGER_SIGNING_PRIVATE_KEY_LOCATION", signing.toString(),
                "LEDGER_SIGNING_WITNESS_FILE", keys.resolve("witness.ndjson").toString());
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static void awaitReady(Process process, int management, Path output) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the application stopped; it said:\n" + Files.readString(output));
            }
            try {
                if (get(management, "/q/health/ready").statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not ready in 120 s; it said:\n" + Files.readString(output));
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static long count(String url, String query) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
                Statement run = connection.createStatement();
                var rows = run.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void sql(String url, String statement) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
                Statement run = connection.createStatement()) {
            run.execute(statement);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temporary file; the system cleans it up
        }
    }
}
