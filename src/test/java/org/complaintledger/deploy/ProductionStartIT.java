package org.complaintledger.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.complaintledger.LedgerMain;
import org.junit.jupiter.api.Test;

/**
 * The packaged production application, run as a deployment runs it ({@code java -jar quarkus-run.jar}), after
 * {@code package} (failsafe, in {@code ./mvnw verify}). Without a database it must not quietly start a throw-away
 * embedded PostgreSQL of its own: it refuses at once and says what to set.
 */
class ProductionStartIT {

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

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temporary file; the system cleans it up
        }
    }
}
