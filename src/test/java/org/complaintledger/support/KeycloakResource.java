package org.complaintledger.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.restassured.RestAssured;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * A real OpenID provider for the sign-in tests: Keycloak's own distribution ({@code org.keycloak:keycloak-quarkus-dist},
 * unpacked into {@code target/keycloak} by the build), started as a process of its own in {@code start-dev} mode with
 * the regency's realm ({@code docker/keycloak/realm-bengkalis.json}, the one {@code docker compose} imports) imported
 * afresh, on free ports. The service under test signs the console in through it (Quarkus OIDC) and verifies the API's
 * bearer tokens against its keys: the test profile's configuration points both at the realm, as a deployment would.
 *
 * <p>Keycloak's first start on a machine rebuilds its own server for the dev profile (a minute or two on a busy
 * machine), later ones take 15 to 30 seconds: the tests start it once per test class that uses it.
 */
public class KeycloakResource implements QuarkusTestResourceLifecycleManager {

    private static final Logger LOG = Logger.getLogger(KeycloakResource.class);

    public static final String REALM = "bengkalis";
    /** Every demo user's password in the realm export. */
    public static final String PASSWORD = "demo";

    private static final String CLIENT_SECRET = "test-console-secret-of-at-least-32-characters";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

    private static volatile String realmUrl;

    private Process process;

    @Override
    public Map<String, String> start() {
        Path home = distribution();
        try {
            int port = freePort();
            int managementPort = freePort();
            int servicePort = freePort();
            realmUrl = "http://localhost:" + port + "/realms/" + REALM;
            // a fresh realm for every start: the dev database and the import are replaced
            deleteTree(home.resolve("data"));
            Path imports = Files.createDirectories(home.resolve("data").resolve("import"));
            String realm = Files.readString(Path.of("docker", "keycloak", "realm-bengkalis.json"))
                    // the console is served by the service under test, on the port chosen here
                    .replace("http://localhost:8080", "http://localhost:" + servicePort);
            Files.writeString(imports.resolve("realm-bengkalis.json"), realm);
            Path log = home.resolve("keycloak-test.log");
            ProcessBuilder builder = new ProcessBuilder(List.of(
                            "bash",
                            home.resolve("bin").resolve("kc.sh").toString(),
                            "start-dev",
                            "--http-port=" + port,
                            "--http-management-port=" + managementPort,
                            "--import-realm"))
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("JAVA_HOME", javaHome());
            builder.environment().put("LEDGER_CONSOLE_CLIENT_SECRET", CLIENT_SECRET);
            long started = System.nanoTime();
            process = builder.start();
            awaitRealm(log);
            LOG.infof(
                    "Keycloak %s answers at %s after %d s",
                    home.getFileName(),
                    realmUrl,
                    Duration.ofNanos(System.nanoTime() - started).toSeconds());
            Map<String, String> config = new HashMap<>();
            config.put("quarkus.http.test-port", String.valueOf(servicePort));
            config.put("quarkus.oidc.tenant-enabled", "true");
            config.put("quarkus.oidc.auth-server-url", realmUrl);
            config.put("quarkus.oidc.credentials.secret", CLIENT_SECRET);
            config.put("ledger.console.users-url", usersAdministration());
            // the API trusts the realm's tokens, as a deployment does (LEDGER_JWT_ISSUER,
            // MP_JWT_VERIFY_PUBLICKEY_LOCATION)
            for (String profile : List.of("", "%test.")) {
                config.put(profile + "mp.jwt.verify.issuer", realmUrl);
                config.put(profile + "mp.jwt.verify.publickey.location", realmUrl + "/protocol/openid-connect/certs");
                config.put(profile + "mp.jwt.verify.audiences", "complaint-ledger");
            }
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException("Keycloak did not start", e);
        }
    }

    /** The unpacked distribution: {@code target/keycloak/keycloak-<version>}, put there by maven-dependency-plugin. */
    private static Path distribution() {
        Path parent = Path.of("target", "keycloak");
        try (Stream<Path> found = Files.isDirectory(parent) ? Files.list(parent) : Stream.empty()) {
            return found.filter(p -> p.getFileName().toString().startsWith("keycloak-")
                            && Files.exists(p.resolve("bin").resolve("kc.sh")))
                    .findFirst()
                    .map(Path::toAbsolutePath)
                    .orElseThrow(
                            () -> new IllegalStateException("No Keycloak distribution in " + parent.toAbsolutePath()
                                    + ": the build unpacks org.keycloak:keycloak-quarkus-dist there in process-test-resources "
                                    + "(./mvnw process-test-resources)"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JDK running the tests (21 or newer, as Keycloak needs), whatever JAVA_HOME says. */
    private static String javaHome() {
        return ProcessHandle.current()
                .info()
                .command()
                .map(java -> Path.of(java).getParent().getParent().toString())
                .orElse(System.getProperty("java.home"));
    }

    private void awaitRealm(Path log) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest discovery = HttpRequest.newBuilder(URI.create(realmUrl + "/.well-known/openid-configuration"))
                .timeout(Duration.ofSeconds(5))
                .build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak stopped while starting: " + tail(log));
            }
            try {
                if (http.send(discovery, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "Keycloak did not answer within " + START_TIMEOUT.toMinutes() + " minutes: " + tail(log));
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return log + ":\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "see " + log;
        }
    }

    /** Keycloak's administration console for the realm, where the regency's administrator manages users and roles. */
    public static String usersAdministration() {
        return realmUrl.replace("/realms/" + REALM, "/admin/" + REALM + "/console/");
    }

    /** The realm's address, for the tests: http://localhost:port/realms/bengkalis. */
    public static String realmUrl() {
        return realmUrl;
    }

    /**
     * An access token for one of the realm's demo users, by the resource owner password grant of the realm's demo
     * command-line client: how the tests file and dispatch complaints as the provider's users without a browser.
     */
    public static String token(String username) {
        return RestAssured.given()
                .formParam("grant_type", "password")
                .formParam("client_id", "complaint-ledger-cli")
                .formParam("username", username)
                .formParam("password", PASSWORD)
                .post(realmUrl + "/protocol/openid-connect/token")
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Override
    public void stop() {
        if (process != null) {
            // kc.sh runs the server as its child: end the whole tree, the server first
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            try {
                process.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }
    }
}
