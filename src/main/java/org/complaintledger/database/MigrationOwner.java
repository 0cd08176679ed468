package org.complaintledger.database;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A JDBC connection as the migration owner (README, "Database roles"): the role Flyway runs as, which owns the tables.
 * The service itself runs as a role that may only read and append to the ledger; the few writes that must not be a
 * request's to make (registering the service's own checkpoint signing key) are made at start with these credentials,
 * {@code ledger.migration.username} and {@code ledger.migration.password}, which default to the runtime ones.
 */
@Singleton
public class MigrationOwner {

    private final String url;
    private final String username;
    private final String password;

    public MigrationOwner(
            @ConfigProperty(name = "quarkus.flyway.jdbc-url") Optional<String> flywayUrl,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") Optional<String> datasourceUrl,
            @ConfigProperty(name = "ledger.migration.username") Optional<String> migrationUsername,
            @ConfigProperty(name = "ledger.migration.password") Optional<String> migrationPassword,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> runtimeUsername,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> runtimePassword) {
        this.url = flywayUrl
                .or(() -> datasourceUrl)
                .orElseThrow(() -> new IllegalStateException(
                        "quarkus.datasource.jdbc.url is required: the migration owner connects with JDBC"));
        this.username = migrationUsername.or(() -> runtimeUsername).orElse("");
        this.password = migrationUsername.isPresent() ? migrationPassword.orElse("") : runtimePassword.orElse("");
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, username, password);
    }
}
