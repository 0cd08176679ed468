package org.complaintledger.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.VertxException;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.SocketException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Which failures mean "the database is out of reach" (503) rather than a fault of ours (500), however wrapped. */
class DatabaseUnavailableTest {

    @Test
    void pool_timeouts_a_full_queue_and_lost_connections_are_unavailability_even_when_wrapped() {
        assertThat(DatabaseUnavailable.reason(new VertxException("Timeout waiting for connection")))
                .isNotNull();
        assertThat(DatabaseUnavailable.reason(new CompletionException(
                        new ConnectionPoolTooBusyException("Connection pool reached max wait queue size of 4"))))
                .isNotNull();
        assertThat(DatabaseUnavailable.reason(new RuntimeException(ClosedConnectionException.INSTANCE)))
                .isNotNull();
        assertThat(DatabaseUnavailable.reason(new SocketException("Connection reset")))
                .isNotNull();
        assertThat(DatabaseUnavailable.reason(
                        new PgException("the database system is shutting down", "FATAL", "57P03", null)))
                .isNotNull();
    }

    @Test
    void anything_else_stays_a_fault_of_ours() {
        assertThat(DatabaseUnavailable.reason(new IllegalStateException("bug"))).isNull();
        assertThat(DatabaseUnavailable.reason(new VertxException("something else")))
                .isNull();
        assertThat(DatabaseUnavailable.reason(new PgException("duplicate key value", "ERROR", "23505", null)))
                .isNull();
    }
}
