package org.complaintledger.open311;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.HexFormat;
import org.complaintledger.database.MigrationOwner;

/**
 * The client applications allowed to file, by api_key. Keys are stored only as their SHA-256 (V8 migration), so the
 * lookup hashes the key it is given and asks for that hash.
 */
@Singleton
public class ApiKeys {

    @Inject
    Pool pool;

    /** The client that holds this key; a 403 for a missing, unknown or revoked one. */
    Uni<String> requireClient(String apiKey) {
        if (apiKey == null) {
            return Uni.createFrom()
                    .failure(Open311Exception.forbidden("api_key is required to create a service request"));
        }
        return pool.preparedQuery("SELECT client FROM open311_api_keys WHERE key_hash = $1 AND revoked_at IS NULL")
                .execute(Tuple.of(hash(apiKey)))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw Open311Exception.forbidden("Invalid api_key: it is unknown or revoked");
                    }
                    return rows.iterator().next().getString("client");
                });
    }

    /**
     * Registers a key for a client; a key already registered keeps its first client. As the migration owner: the
     * service's runtime role may not issue keys (V12), an operator does.
     */
    static void register(MigrationOwner owner, String apiKey, String client) throws SQLException {
        try (var connection = owner.connect();
                var statement = connection.prepareStatement(
                        "INSERT INTO open311_api_keys (key_hash, client) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            statement.setString(1, hash(apiKey));
            statement.setString(2, client);
            statement.executeUpdate();
        }
    }

    static String hash(String apiKey) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(apiKey.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
