package org.complaintledger.database;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;
import java.sql.SQLException;
import org.complaintledger.ledger.LedgerSigner;

/**
 * Registers the service's checkpoint signing key before the sequencer signs anything. The runtime role may not write
 * {@code ledger_signing_keys} (a request that could would let anyone who breaks into the service add a key of their
 * own), so the registration runs once at start as the migration owner, like the migrations themselves. It lives
 * beside the owner's credentials, not in the ledger, which knows no database role.
 */
@Singleton
public class SigningKeyRegistration {

    private static final String REGISTER = """
            INSERT INTO ledger_signing_keys (key_id, public_key) VALUES (?, ?) ON CONFLICT (key_id) DO NOTHING""";

    // before the sequencer's timer starts (its observer has the default priority)
    void register(
            @Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent startup,
            MigrationOwner owner,
            LedgerSigner signer)
            throws SQLException {
        try (var connection = owner.connect();
                var statement = connection.prepareStatement(REGISTER)) {
            statement.setString(1, signer.keyId());
            statement.setString(2, signer.publicKeyPem());
            statement.executeUpdate();
        }
    }
}
