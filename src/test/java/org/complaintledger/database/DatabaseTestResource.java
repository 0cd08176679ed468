package org.complaintledger.database;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Files;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

/**
 * Gives every test a fresh database: on the PostgreSQL that answers at 127.0.0.1:5432 when there is one (CI and
 * developers' machines), otherwise on an embedded one started from the jar. Never a container, never a mock.
 */
public class DatabaseTestResource implements QuarkusTestResourceLifecycleManager {

    /** Two checkouts of the project may test side by side on one server, each in its own database. */
    static final String DATABASE = System.getProperty("ledger.test.db.name", "ledger_test");

    /** The service's login role in the tests; roles belong to the server, so each test database has its own. */
    public static final String RUNTIME_ROLE = DATABASE + "_app";

    private EmbeddedDatabase embedded;

    @Override
    public Map<String, String> start() {
        String host = System.getProperty("ledger.test.db.host", "127.0.0.1");
        int port = Integer.getInteger("ledger.test.db.port", 5432);
        if (!EmbeddedDatabase.answers(host, port)) {
            try {
                embedded = EmbeddedDatabase.start(Files.createTempDirectory("ledger-test-pg"), 0);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            port = embedded.port();
        }
        recreateDatabase(host, port);
        String hostPort = host + ":" + port + "/" + DATABASE;
        // a fresh checkpoint witness per database: one left by an earlier run would hold checkpoints this one never
        // made
        String witness;
        try {
            witness = Files.createTempFile("ledger-witness-" + DATABASE, ".ndjson")
                    .toString();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        // the suite runs as production does: Flyway as the owner, the service as a member of ledger_runtime (V12), so
        // that every test also checks that the runtime role's privileges are enough
        return Map.of(
                // the tests' own JDBC sessions (a held lock, a tamperer) wait on a lock a minute at most: a lock the
                // service never gives back fails the test that waited on it, with the statement named, instead of
                // holding the suite
                "quarkus.datasource.jdbc.url",
                "jdbc:postgresql://" + hostPort + "?options=-c%20lock_timeout%3D60s",
                "quarkus.datasource.reactive.url",
                "postgresql://" + hostPort,
                "quarkus.datasource.username",
                RUNTIME_ROLE,
                "quarkus.datasource.password",
                "",
                "ledger.migration.username",
                "postgres",
                // the server trusts local connections; Quarkus's Flyway takes its own credentials only with a password
                "ledger.migration.password",
                "trusted-locally",
                "ledger.signing.witness.file",
                witness);
    }

    private static void recreateDatabase(String host, int port) {
        try (var connection = DriverManager.getConnection(
                        "jdbc:postgresql://" + host + ":" + port + "/postgres", "postgres", "");
                var statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + DATABASE);
            statement.execute("""
                    DO $$ BEGIN
                        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ledger_runtime') THEN
                            CREATE ROLE ledger_runtime NOLOGIN;
                        END IF;
                        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '%1$s') THEN
                            CREATE ROLE %1$s LOGIN;
                        END IF;
                    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
                    END $$""".formatted(RUNTIME_ROLE));
            statement.execute("GRANT ledger_runtime TO " + RUNTIME_ROLE);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare the test database at " + host + ":" + port, e);
        }
    }

    @Override
    public void stop() {
        if (embedded != null) {
            embedded.stop();
        }
    }
}
