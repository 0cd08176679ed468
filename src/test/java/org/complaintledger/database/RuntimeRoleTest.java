package org.complaintledger.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.complaintledger.support.Api;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The service runs as a member of ledger_runtime (V12), not as the owner of its tables: whoever takes over the service
 * can read and append to the ledger, never rewrite, empty or unprotect it, nor add a checkpoint signing key.
 */
@QuarkusTest
class RuntimeRoleTest {

    @Inject
    Pool pool;

    private static Connection asTheService() throws SQLException {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(
                config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                "");
    }

    private static void refused(Connection connection, String sql) {
        // the database's privilege check, not the append-only trigger, which an owner could disable first
        assertThatThrownBy(() -> connection.createStatement().execute(sql))
                .as(sql)
                .isInstanceOf(SQLException.class)
                .hasMessageMatching("(?s).*(permission denied|must be owner).*");
    }

    @Test
    void the_service_connects_as_a_role_that_owns_nothing_and_is_no_superuser() throws Exception {
        try (Connection connection = asTheService();
                var statement = connection.createStatement()) {
            var role = statement.executeQuery("""
                    SELECT rolsuper, rolcreaterole, rolcreatedb, rolbypassrls,
                           (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                             WHERE n.nspname = 'public' AND pg_has_role(current_user, c.relowner, 'USAGE')) AS owned
                      FROM pg_roles WHERE rolname = current_user""");
            role.next();
            assertThat(role.getBoolean("rolsuper")).isFalse();
            assertThat(role.getBoolean("rolcreaterole")).isFalse();
            assertThat(role.getBoolean("rolcreatedb")).isFalse();
            assertThat(role.getBoolean("rolbypassrls")).isFalse();
            assertThat(role.getLong("owned")).isZero();
        }
    }

    @Test
    void the_runtime_role_cannot_update_delete_truncate_or_unprotect_the_ledger() throws Exception {
        Api.file("warga-least-privilege");
        try (Connection connection = asTheService()) {
            refused(connection, "UPDATE events SET data = '{}'");
            refused(connection, "DELETE FROM events");
            refused(connection, "TRUNCATE events");
            refused(connection, "ALTER TABLE events DISABLE TRIGGER events_append_only");
            refused(connection, "DROP TRIGGER events_append_only ON events");
            refused(connection, "UPDATE ledger_chain SET chain_hash = repeat('0', 64)");
            refused(connection, "DELETE FROM ledger_checkpoints");
            refused(connection, "TRUNCATE ledger_chain");
            refused(connection, "ALTER TABLE ledger_checkpoints DISABLE TRIGGER ALL");
            refused(connection, "CREATE TABLE forged_events (LIKE events)");
            refused(
                    connection,
                    "CREATE TRIGGER t BEFORE INSERT ON complaint_views FOR EACH ROW EXECUTE FUNCTION reject_event_mutation()");
        }
    }

    @Test
    void the_runtime_role_cannot_add_a_checkpoint_signing_key_nor_delete_reference_data() throws Exception {
        // agencies, categories and Open311 keys are administered through the API (each change an event on its
        // reference stream first), so the service may add and change them; it never deletes them
        try (Connection connection = asTheService()) {
            refused(connection, "INSERT INTO ledger_signing_keys (key_id, public_key) VALUES ('forged', 'forged')");
            refused(connection, "DELETE FROM ledger_signing_keys");
            refused(connection, "DELETE FROM open311_api_keys");
            refused(connection, "DELETE FROM categories");
            refused(connection, "DELETE FROM agencies");
        }
    }

    @Test
    void every_table_but_flyway_history_can_be_read_by_the_runtime_role_and_none_truncated() throws Exception {
        List<String> unreadable = new ArrayList<>();
        List<String> truncatable = new ArrayList<>();
        try (Connection connection = asTheService();
                var statement = connection.createStatement()) {
            var tables = statement.executeQuery("""
                    SELECT tablename, has_table_privilege(current_user, format('public.%I', tablename), 'SELECT') AS r,
                           has_table_privilege(current_user, format('public.%I', tablename), 'TRUNCATE, TRIGGER, REFERENCES') AS t
                      FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'flyway_schema_history'""");
            while (tables.next()) {
                if (!tables.getBoolean("r")) {
                    unreadable.add(tables.getString("tablename"));
                }
                if (tables.getBoolean("t")) {
                    truncatable.add(tables.getString("tablename"));
                }
            }
        }
        assertThat(unreadable).isEmpty();
        assertThat(truncatable).isEmpty();
    }

    @Test
    void the_service_signs_checkpoints_with_a_key_the_migration_owner_registered_at_start() {
        Api.file("warga-checkpoint");
        // the sequencer signs every 25 events in the tests; a checkpoint names the registered key
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            for (int i = 0; i < 5; i++) {
                Api.file("warga-checkpoint-" + i);
            }
            var rows = pool.query("""
                    SELECT count(*) FROM ledger_checkpoints c JOIN ledger_signing_keys k USING (key_id)""").execute().await().atMost(Duration.ofSeconds(5));
            assertThat(rows.iterator().next().getLong(0)).isPositive();
        });
    }

    @Test
    void the_service_s_statements_are_cut_off_by_a_statement_timeout() {
        var rows = pool.query("SHOW statement_timeout").execute().await().atMost(Duration.ofSeconds(5));
        assertThat(rows.iterator().next().getString(0)).isEqualTo("30s");
    }
}
