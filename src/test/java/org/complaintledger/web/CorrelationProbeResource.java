package org.complaintledger.web;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.logging.Logger;

/**
 * Test-only: a request that logs before and after a real round trip to PostgreSQL, the asynchronous hop after which
 * a thread-local MDC would have lost the request (or found another one's).
 */
// a probe of the tests, not part of the API: kept out of the OpenAPI document that the API tests walk
@Path("/test/correlation-probe")
@jakarta.annotation.security.PermitAll
public class CorrelationProbeResource {

    static final Logger LOG = Logger.getLogger(CorrelationProbeResource.class);

    @Inject
    Pool pool;

    @GET
    @Operation(hidden = true)
    public Uni<String> probe() {
        LOG.info("before the database");
        return pool.query("SELECT pg_sleep(0.05)").execute().map(rows -> {
            LOG.info("after the database");
            return "ok";
        });
    }
}
