package org.complaintledger.projection;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;

/**
 * Started once this instance has registered its projections and measured their lag, which happens on the event loop
 * after the application has started: until then readiness would report projections with no lag at all. An instance
 * whose registration keeps failing never starts, and the orchestrator restarts it.
 */
@Startup
@Singleton
public class ProjectionsStartup implements HealthCheck {

    @Inject
    Projections projections;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("projections-registered")
                .status(projections.started())
                .build();
    }
}
