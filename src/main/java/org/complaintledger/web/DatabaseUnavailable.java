package org.complaintledger.web;

import io.vertx.core.VertxException;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.SocketException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Recognises, anywhere in a failure's causes, that the database was out of reach rather than that our code failed.
 * The Vert.x SQL client says so with these exceptions and messages (vertx-sql-client 4.5, SqlConnectionPool):
 * "Timeout waiting for connection" and "Timeout" when no pooled connection came within the acquisition timeout,
 * {@link ConnectionPoolTooBusyException} when the wait queue is full, {@link ClosedConnectionException} or a
 * {@link SocketException} (reset, refused) when the connection went away or could not be made (the service makes no
 * other outbound connections while it handles a request), or a statement sent on a connection PostgreSQL has just
 * closed ("Connection is not active now"); PostgreSQL itself answers with a SQLSTATE that means "not now" (below).
 */
public final class DatabaseUnavailable {

    /** Named rather than imported: a Vert.x internal class, which the pool fails a timed-out acquisition with. */
    private static final String NO_STACK_TRACE_THROWABLE = "io.vertx.core.impl.NoStackTraceThrowable";

    private DatabaseUnavailable() {}

    /** Why the database was unavailable, or null when the failure is something else. */
    public static String reason(Throwable failure) {
        // causes and suppressed failures both: Mutiny's CompositeException (several unis joined) keeps all but the
        // first failure as suppressed ones
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        Deque<Throwable> pending = new ArrayDeque<>();
        pending.add(failure);
        while (!pending.isEmpty()) {
            Throwable e = pending.poll();
            if (seen.put(e, true) != null) {
                continue;
            }
            String reason = own(e);
            if (reason != null) {
                return reason;
            }
            if (e.getCause() != null) {
                pending.add(e.getCause());
            }
            pending.addAll(Arrays.asList(e.getSuppressed()));
        }
        return null;
    }

    private static String own(Throwable e) {
        String message = String.valueOf(e.getMessage());
        if (e instanceof ConnectionPoolTooBusyException) {
            return "connection pool wait queue full";
        }
        if ((e instanceof VertxException && message.equals("Timeout waiting for connection"))
                || (e.getClass().getName().equals(NO_STACK_TRACE_THROWABLE) && message.equals("Timeout"))) {
            return "no pooled connection within the acquisition timeout";
        }
        // SocketConnectionBase: a statement sent on a connection that PostgreSQL has just closed
        if (e.getClass().getName().equals(NO_STACK_TRACE_THROWABLE) && message.startsWith("Connection is not active")) {
            return "connection to the database lost: " + message;
        }
        if (e instanceof ClosedConnectionException || e instanceof SocketException) {
            return "connection to the database lost: " + e;
        }
        if (e instanceof PgException pg && pg.getSqlState() != null && unavailable(pg.getSqlState())) {
            return "database " + pg.getSqlState() + ": " + pg.getErrorMessage();
        }
        return null;
    }

    /**
     * SQLSTATEs that say "not now" rather than "never": class 08 (connection exception), 53 (insufficient resources:
     * too many connections, out of memory or disk), 57P01-57P03 (shutting down, crashed, not yet accepting), 57014
     * (cancelled: the statement timeout cut a query off), 40001 and 40P01 (serialization failure, deadlock), 55P03
     * (a lock not available in time). A retry may succeed; a syntax error or a broken constraint never would.
     */
    private static boolean unavailable(String state) {
        return state.startsWith("08")
                || state.startsWith("53")
                || state.matches("57P0[123]")
                || state.equals("57014")
                || state.equals("40001")
                || state.equals("40P01")
                || state.equals("55P03");
    }
}
