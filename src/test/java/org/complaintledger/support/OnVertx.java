package org.complaintledger.support;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** Runs reactive work where Hibernate Reactive wants it (a safe duplicated Vert.x context) and waits for it. */
public final class OnVertx {

    private OnVertx() {}

    public static <T> T await(Vertx vertx, Supplier<Uni<T>> work) {
        return start(vertx, work)
                .orTimeout(Duration.ofSeconds(60).toSeconds(), java.util.concurrent.TimeUnit.SECONDS)
                .join();
    }

    /** Starts the work without waiting, for a test that has something to do while it runs. */
    public static <T> CompletableFuture<T> start(Vertx vertx, Supplier<Uni<T>> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> work.get().subscribe().with(result::complete, result::completeExceptionally));
        return result;
    }
}
