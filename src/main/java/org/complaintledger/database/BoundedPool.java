package org.complaintledger.database;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnectOptions;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The reactive pool Quarkus configures ({@code quarkus.datasource.reactive.*}), with the two bounds its
 * configuration does not offer: how long a request waits for a connection and how many may wait. Unbounded (the
 * Vert.x defaults: an endless queue, 30 s), a stalled database holds every request for half a minute and then
 * answers 500; bounded, the excess is refused at once and the waiters after the timeout, both as 503 with
 * Retry-After (web/ProblemMappers), while readiness shows the database check down. Known noise: Vert.x SQL client
 * 4.5 logs "Result is already complete" when a request refused by the full queue later reaches its timeout
 * (eclipse-vertx/vertx-sql-client#1706); the request itself was answered once.
 */
@Singleton
public class BoundedPool implements PgPoolCreator {

    @ConfigProperty(name = "ledger.datasource.acquisition-timeout", defaultValue = "PT5S")
    Duration acquisitionTimeout;

    @ConfigProperty(name = "ledger.datasource.max-wait-queue-size", defaultValue = "512")
    int maxWaitQueueSize;

    @Override
    public Pool create(Input input) {
        PoolOptions options = new PoolOptions(input.poolOptions())
                .setConnectionTimeout((int) Math.max(1, acquisitionTimeout.toMillis()))
                .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS)
                .setMaxWaitQueueSize(maxWaitQueueSize);
        return PgBuilder.pool()
                .with(options)
                .connectingTo(List.<SqlConnectOptions>copyOf(input.pgConnectOptionsList()))
                .using(input.vertx())
                .build();
    }
}
