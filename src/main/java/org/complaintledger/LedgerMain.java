package org.complaintledger;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.nio.file.Path;
import org.complaintledger.database.EmbeddedDatabase;
import org.jboss.logging.Logger;

/**
 * Starts the service. When no database URL is configured (system property or environment, the way a deployment
 * sets it), dev mode starts an embedded PostgreSQL first so that the README's run command needs nothing but a JDK.
 * The packaged production application never does: a deployment that forgot its database would otherwise keep the
 * ledger on a throw-away server of its own, so it refuses to start and says what to set.
 */
@QuarkusMain
public final class LedgerMain {

    private static final Logger LOG = Logger.getLogger(LedgerMain.class);
    private static final String REACTIVE_URL = "quarkus.datasource.reactive.url";
    private static final String JDBC_URL = "quarkus.datasource.jdbc.url";
    private static final String EMBEDDED_ALLOWED = "ledger.embedded.enabled";

    /** The line a production start without a database ends with; a test looks for it. */
    public static final String NO_DATABASE = "No database configured: set QUARKUS_DATASOURCE_REACTIVE_URL and "
            + "QUARKUS_DATASOURCE_JDBC_URL (and QUARKUS_DATASOURCE_USERNAME, _PASSWORD) to the ledger's PostgreSQL; "
            + "the embedded PostgreSQL runs only in dev mode and in the tests";

    public static void main(String... args) {
        if (setting(REACTIVE_URL) == null && setting(JDBC_URL) == null) {
            // Quarkus sets the launch mode only after main has begun, so dev mode says so itself: the pom passes this
            // property to quarkus:dev (the tests bring their own database and never come here)
            if (!Boolean.parseBoolean(setting(EMBEDDED_ALLOWED))) {
                System.err.println(NO_DATABASE);
                System.exit(2);
            }
            useEmbeddedDatabase();
        }
        Quarkus.run(args);
    }

    private static void useEmbeddedDatabase() {
        Path dataDirectory = Path.of(orDefault(setting("ledger.embedded.data-dir"), ".ledger/pgdata"));
        int port = Integer.parseInt(orDefault(setting("ledger.embedded.port"), "54329"));
        // dev mode restarts the application in the same JVM: the server of the previous start still answers
        if (!EmbeddedDatabase.answers("127.0.0.1", port)) {
            LOG.warnf(
                    "No database configured (%s): starting an embedded PostgreSQL on port %d with data in %s",
                    REACTIVE_URL, port, dataDirectory.toAbsolutePath());
            EmbeddedDatabase database = EmbeddedDatabase.start(dataDirectory, port);
            Runtime.getRuntime().addShutdownHook(new Thread(database::stop, "embedded-postgres-stop"));
        }
        System.setProperty(REACTIVE_URL, "postgresql://127.0.0.1:" + port + "/postgres");
        System.setProperty(JDBC_URL, "jdbc:postgresql://127.0.0.1:" + port + "/postgres");
        System.setProperty("quarkus.datasource.username", "postgres");
    }

    private static String setting(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            value = System.getenv(property.toUpperCase().replaceAll("[^A-Z0-9]", "_"));
        }
        return value == null || value.isBlank() ? null : value;
    }

    private static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
