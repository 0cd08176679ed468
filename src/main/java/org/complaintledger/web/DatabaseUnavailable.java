package org.complaintledger.web;

import io.vertx.core.VertxException;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.SocketException;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Recognises, anywhere in a failure's causes, that the database was out of reach rather than that our code failed.
 * The Vert.x SQL client says so with these exceptions and messages (vertx-sql-client 4.5, SqlConnectionPool):
 * "Timeout waiting for connection" and "Timeout" when no pooled connection came within the acquisition timeout,
 * {@link ConnectionPoolTooBusyException} when the wait queue is full, {@link ClosedConnectionException} or a
 * {@link SocketException} (reset, refused) when the connection went away or could not be made (the service makes no
 * other outbound connections while it handles a request); PostgreSQL itself answers SQLSTATE class 08 (connection
 * exception) or 57P01-57P03 (shutting down, restarting, not yet accepting connections).
 */
final class DatabaseUnavailable {

    /** Named rather than imported: a Vert.x internal class, which the pool fails a timed-out acquisition with. */
    private static final String NO_STACK_TRACE_THROWABLE = "io.vertx.core.impl.NoStackTraceThrowable";

    private DatabaseUnavailable() {}

    /** Why the database was unavailable, or null when the failure is something else. */
    static String reason(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable e = failure; e != null && seen.put(e, true) == null; e = e.getCause()) {
            String message = String.valueOf(e.getMessage());
            if (e instanceof ConnectionPoolTooBusyException) {
                return "connection pool wait queue full";
            }
            if ((e instanceof VertxException && message.equals("Timeout waiting for connection"))
                    || (e.getClass().getName().equals(NO_STACK_TRACE_THROWABLE) && message.equals("Timeout"))) {
                return "no pooled connection within the acquisition timeout";
            }
            if (e instanceof ClosedConnectionException || e instanceof SocketException) {
                return "connection to the database lost: " + e;
            }
            if (e instanceof PgException pg
                    && pg.getSqlState() != null
                    && (pg.getSqlState().startsWith("08") || pg.getSqlState().matches("57P0[123]"))) {
                return "database " + pg.getSqlState() + ": " + pg.getErrorMessage();
            }
        }
        return null;
    }
}
