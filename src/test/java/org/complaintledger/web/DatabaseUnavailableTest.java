package org.complaintledger.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.CompositeException;
import io.vertx.core.VertxException;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.SocketException;
import java.util.List;
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
    void a_statement_on_a_connection_postgresql_just_closed_is_unavailability() throws Exception {
        // what SocketConnectionBase fails a statement with when PostgreSQL restarted under it (the fault suite's
        // pg-restart scenario once answered one such request 500)
        Throwable closed = (Throwable) Class.forName("io.vertx.core.impl.NoStackTraceThrowable")
                .getConstructor(String.class)
                .newInstance("Connection is not active now, current status: CLOSED");
        assertThat(DatabaseUnavailable.reason(new CompletionException(closed))).isNotNull();
    }

    @Test
    void database_answers_that_mean_not_now_are_unavailability_in_any_joined_failure() {
        for (String state : List.of("53300", "57014", "40001", "40P01", "55P03", "08006")) {
            assertThat(DatabaseUnavailable.reason(new PgException("busy", "ERROR", state, null)))
                    .as(state)
                    .isNotNull();
        }
        // several unis joined: Mutiny keeps the second failure as a suppressed one
        var joined = new CompositeException(
                new IllegalArgumentException("first"), new PgException("too many clients", "FATAL", "53300", null));
        assertThat(DatabaseUnavailable.reason(joined)).isNotNull();
    }

    @Test
    void anything_else_stays_a_fault_of_ours() {
        assertThat(DatabaseUnavailable.reason(new IllegalStateException("bug"))).isNull();
        assertThat(DatabaseUnavailable.reason(new VertxException("something else")))
                .isNull();
        assertThat(DatabaseUnavailable.reason(new PgException("duplicate key value", "ERROR", "23505", null)))
                .isNull();
        assertThat(DatabaseUnavailable.reason(new PgException("syntax error", "ERROR", "42601", null)))
                .isNull();
    }
}
