package org.complaintledger.ledger;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A request waiting on work that another request's event loop may carry out (a batch that carries many requests'
 * rows, a shared read of reference data): it hears the outcome on its own Vert.x context, as it would from a statement
 * of its own, so that its continuation runs where Quarkus keeps its request scope, its MDC and its duplicated
 * context. Nothing re-installs a request's contexts around its callbacks (README, "Context propagation is off"), so a
 * continuation run on another request's context would see that request's scope, or none.
 */
public record Waiter(CompletableFuture<Void> done, Context context) {

    /** Waits on the current Vert.x context; off any (a worker thread, a test), the outcome is delivered in place. */
    public static Waiter onCurrentContext() {
        return new Waiter(new CompletableFuture<>(), Vertx.currentContext());
    }

    public void succeed() {
        deliver(() -> done.complete(null));
    }

    public void fail(Throwable failure) {
        deliver(() -> done.completeExceptionally(failure));
    }

    private void deliver(Runnable outcome) {
        onContext(context).execute(outcome);
    }

    /**
     * {@code elsewhere} with its item or failure delivered on the context that subscribed: for work that completes on
     * another context or thread (a memoized read that another subscriber started, blocking work on a worker thread,
     * an answer on the JDK HTTP client's thread). Subscribe to it where the request's context is current.
     */
    public static <T> Uni<T> onOwnContext(Uni<T> elsewhere) {
        return Uni.createFrom().deferred(() -> {
            Context own = Vertx.currentContext();
            return own == null ? elsewhere : elsewhere.emitOn(onContext(own));
        });
    }

    /** Runs a task in place when already on {@code context} (or off Vert.x altogether), else on it. */
    private static Executor onContext(Context context) {
        return task -> {
            if (context == null || context == Vertx.currentContext()) {
                task.run();
            } else {
                context.runOnContext(ignored -> task.run());
            }
        };
    }
}
