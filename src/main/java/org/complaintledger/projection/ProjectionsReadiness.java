package org.complaintledger.projection;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready while a projection is far behind the ledger (a long-open transaction holding the horizon, a stuck
 * handler), so that a load balancer sends reads elsewhere and an operator sees why. A projection being rebuilt is
 * behind by design and its reads answer 503 themselves: counting it would take every replica out of service for the
 * whole rebuild, commands included.
 */
@Readiness
@Singleton
public class ProjectionsReadiness implements HealthCheck {

    @Inject
    Projections projections;

    @ConfigProperty(name = "ledger.projections.ready-lag", defaultValue = "PT60S")
    Duration readyLag;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("projections");
        boolean up = true;
        for (String name : projections.names()) {
            Projections.Status status = projections.status(name);
            String versionRebuild = projections.versionRebuild(name);
            response.withData(
                    name,
                    status.behindEvents() + " events, " + status.behindMillis() + " ms behind"
                            + (status.rebuilding() ? ", rebuilding" : "")
                            + (versionRebuild != null ? " (" + versionRebuild + ")" : ""));
            if (!status.rebuilding() && status.behindMillis() > readyLag.toMillis()) {
                up = false;
            }
        }
        return response.status(up).build();
    }
}
