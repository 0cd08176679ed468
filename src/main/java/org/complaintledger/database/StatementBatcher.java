package org.complaintledger.database;

import io.smallrye.mutiny.Uni;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.complaintledger.ledger.Waiter;

/**
 * One statement that many concurrent requests each execute with their own row (an insert that every filing makes),
 * executed for several of them at once: a row that finds the statement idle goes out at once (no added latency when
 * the service is quiet), and rows arriving while it runs go out together in the next execution, as many as
 * {@code maxBatch}, as one pipelined batch of the extended protocol (one round trip, one completion). The ledger's
 * group commit does the same for events, with its own conflict rules; this is the plain form for a statement whose
 * rows do not depend on one another.
 *
 * <p>A batch is one implicit transaction in PostgreSQL, but a row must fail alone: when a batch fails, each of its rows
 * is executed again on its own and gets its own answer.
 */
public final class StatementBatcher {

    private record Pending(Tuple row, Waiter waiter) {}

    private final Pool pool;
    private final String sql;
    private final int maxBatch;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private boolean running;

    public StatementBatcher(Pool pool, String sql, int maxBatch) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("a batch holds at least one row");
        }
        this.pool = pool;
        this.sql = sql;
        this.maxBatch = maxBatch;
    }

    /** Executes the statement with this row, alone or in a batch; completes once the row's execution has. */
    public Uni<Void> execute(Tuple row) {
        return Uni.createFrom().completionStage(() -> {
            Waiter waiter = Waiter.onCurrentContext();
            boolean start;
            synchronized (queue) {
                queue.add(new Pending(row, waiter));
                start = !running;
                running = true;
            }
            if (start) {
                flush();
            }
            return waiter.done();
        });
    }

    private void flush() {
        List<Pending> batch = new ArrayList<>();
        synchronized (queue) {
            while (!queue.isEmpty() && batch.size() < maxBatch) {
                batch.add(queue.poll());
            }
            if (batch.isEmpty()) {
                running = false;
                return;
            }
        }
        var statement = pool.preparedQuery(sql);
        var execution = batch.size() == 1
                ? statement.execute(batch.get(0).row())
                : statement.executeBatch(batch.stream().map(Pending::row).toList());
        execution.onComplete(result -> {
            if (result.succeeded()) {
                batch.forEach(pending -> pending.waiter().succeed());
            } else if (batch.size() == 1) {
                batch.get(0).waiter().fail(result.cause());
            } else {
                batch.forEach(pending -> pool.preparedQuery(sql)
                        .execute(pending.row())
                        .onComplete(alone -> {
                            if (alone.succeeded()) {
                                pending.waiter().succeed();
                            } else {
                                pending.waiter().fail(alone.cause());
                            }
                        }));
            }
            flush();
        });
    }
}
