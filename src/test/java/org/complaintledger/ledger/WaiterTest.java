package org.complaintledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A request's continuation runs on its own Vert.x context even when another request's context completes the work it
 * waited on: nothing else puts its request scope back (README, "Context propagation is off").
 */
class WaiterTest {

    static Vertx vertx;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** A request's context as Quarkus gives it one: a duplicate of an event loop's, all of them on the same loop here. */
    static Context request() {
        return VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
    }

    @Test
    void a_waiter_completed_on_another_context_continues_on_its_own() throws Exception {
        Context mine = request();
        Context theirs = request();
        assertThat(mine).isNotSameAs(theirs);
        AtomicReference<Context> continuedOn = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        CompletableFuture<Waiter> waiting = new CompletableFuture<>();
        mine.runOnContext(ignored -> {
            Waiter waiter = Waiter.onCurrentContext();
            waiter.done().thenRun(() -> {
                continuedOn.set(Vertx.currentContext());
                done.countDown();
            });
            waiting.complete(waiter);
        });
        Waiter waiter = waiting.get(5, TimeUnit.SECONDS);
        theirs.runOnContext(ignored -> waiter.succeed());

        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(continuedOn.get()).isSameAs(mine);
    }

    @Test
    void a_failure_reaches_the_waiter_on_its_own_context_too() throws Exception {
        Context mine = request();
        Context theirs = request();
        AtomicReference<Context> failedOn = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        CompletableFuture<Waiter> waiting = new CompletableFuture<>();
        mine.runOnContext(ignored -> {
            Waiter waiter = Waiter.onCurrentContext();
            waiter.done().whenComplete((ok, failure) -> {
                if (failure != null) {
                    failedOn.set(Vertx.currentContext());
                }
                done.countDown();
            });
            waiting.complete(waiter);
        });
        Waiter waiter = waiting.get(5, TimeUnit.SECONDS);
        theirs.runOnContext(ignored -> waiter.fail(new IllegalStateException("refused")));

        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(failedOn.get()).isSameAs(mine);
    }

    @Test
    void subscribers_of_a_shared_read_in_flight_each_continue_on_their_own_context() throws Exception {
        Context first = request();
        Context second = request();
        CompletableFuture<String> read = new CompletableFuture<>();
        // a read that every caller shares: the first subscription starts it, the others wait for the same item
        Uni<String> shared = Uni.createFrom().completionStage(read).memoize().forFixedDuration(Duration.ofMinutes(1));
        AtomicReference<Context> firstOn = new AtomicReference<>();
        AtomicReference<Context> secondOn = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(2);
        CountDownLatch subscribed = new CountDownLatch(2);
        first.runOnContext(ignored -> {
            Waiter.onOwnContext(shared).subscribe().with(item -> {
                firstOn.set(Vertx.currentContext());
                done.countDown();
            });
            subscribed.countDown();
        });
        second.runOnContext(ignored -> {
            Waiter.onOwnContext(shared).subscribe().with(item -> {
                secondOn.set(Vertx.currentContext());
                done.countDown();
            });
            subscribed.countDown();
        });
        assertThat(subscribed.await(5, TimeUnit.SECONDS)).isTrue();
        // the read completes on the first subscriber's context, as a query started there would
        first.runOnContext(ignored -> read.complete("categories"));

        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(firstOn.get()).isSameAs(first);
        assertThat(secondOn.get()).isSameAs(second);
    }
}
