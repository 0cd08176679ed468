package org.complaintledger.open311;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import org.complaintledger.database.MigrationOwner;

/**
 * Registers {@code ledger.open311.dev-api-key} for the client {@code dev} in the dev and test builds, so that a demo
 * or a test files without setup. The packaged application has no such bean: its keys are registered by hand, as
 * hashes (README, "Open311").
 */
@Singleton
@IfBuildProfile(anyOf = {"dev", "test"})
public class DevApiKey {

    @Inject
    Open311Config config;

    @Inject
    MigrationOwner owner;

    // waits, so that the key works as soon as the application answers requests
    void register(@Observes StartupEvent startup) throws SQLException {
        if (config.devApiKey().isPresent()) {
            ApiKeys.register(owner, config.devApiKey().get(), "dev");
        }
    }
}
