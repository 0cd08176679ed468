package org.complaintledger.database;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/**
 * PostgreSQL's LISTEN/NOTIFY for the caches that an erasure on any instance must empty on every other: a subscriber
 * on a connection of its own, which reconnects every second when it drops (each channel's subscribe handler runs
 * again then, so that a cache can forget what it may have missed).
 */
public final class PgListening {

    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private PgListening() {}

    /** A subscriber for the datasource at {@code url} (the reactive URL, with or without its {@code vertx-reactive:}). */
    public static PgSubscriber subscriber(
            Vertx vertx, String url, Optional<String> username, Optional<String> password) {
        PgConnectOptions options = PgConnectOptions.fromUri(url.replaceFirst("^vertx-reactive:", ""));
        username.ifPresent(options::setUser);
        password.ifPresent(options::setPassword);
        return PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> 1000L);
    }

    /**
     * Connects in the background, trying again with back-off while the database is away (at start-up) until it
     * answers or {@code stopped} says the service is going; {@code what} names the listener in the log.
     */
    public static void connectInBackground(PgSubscriber subscriber, String what, Logger log, BooleanSupplier stopped) {
        subscriber
                .connect()
                .onFailure()
                .invoke(failure -> log.warnf("not listening for %s yet (%s); trying again", what, failure.getMessage()))
                .onFailure(failure -> !stopped.getAsBoolean())
                .retry()
                .withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30))
                .indefinitely()
                .subscribe()
                .with(ignored -> log.debugf("listening for %s", what), failure -> log.error("not listening", failure));
    }

    /**
     * Closes the subscriber at shutdown, waiting at most a few seconds: a close that never completes (its connection
     * caught mid-reconnect) must not hold the service's stop, or a test suite's restart of it, forever.
     */
    public static void close(PgSubscriber subscriber, String what, Logger log) {
        try {
            subscriber.close().await().atMost(CLOSE_WAIT);
        } catch (RuntimeException e) {
            log.warnf("the listener for %s did not close within %s (%s); stopping anyway", what, CLOSE_WAIT, e);
        }
    }
}
