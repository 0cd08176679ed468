package org.complaintledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.messaging.eventhandling.EventMessage;
import org.axonframework.messaging.eventhandling.processing.streaming.token.TrackingToken;
import org.axonframework.messaging.eventstreaming.StreamingCondition;
import org.complaintledger.complaint.codec.ComplaintEventCodec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Axon's streaming side of the engine: tokens in the gap-free (tx, position) order, and a stream that keeps it. */
@QuarkusTest
class EngineStreamingTest {

    @Inject
    Pool pool;

    @Inject
    Clock clock;

    private PgEventStorageEngine engine;
    private EngineDriver driver;

    @BeforeEach
    void engine() {
        engine = new PgEventStorageEngine(
                pool, new ComplaintEventCodec(new EventSchemas()), clock, new SimpleMeterRegistry());
        driver = new EngineDriver(engine);
    }

    private record Streamed(EventMessage message, HorizonToken token) {}

    private List<Streamed> page(TrackingToken from, UUID stream) {
        return engine.stream(StreamingCondition.conditionFor(from, EngineDriver.criteria(stream)), null)
                .reduce(new ArrayList<Streamed>(), (found, entry) -> {
                    found.add(new Streamed(
                            entry.message(), (HorizonToken) entry.getResource(TrackingToken.RESOURCE_KEY)));
                    return found;
                })
                .join();
    }

    @Test
    void a_complaints_events_stream_in_order_each_with_a_token_past_the_last() throws Exception {
        UUID stream = UUID.randomUUID();
        TrackingToken before = engine.latestToken(null).get();
        for (String note : List.of("filed", "one", "two")) {
            driver.appendOne(stream, note).get();
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> page(before, stream).size() == 3);
        List<Streamed> streamed = page(before, stream);
        assertThat(streamed)
                .extracting(s -> s.message().type().name())
                .containsExactly("complaint.submitted", "complaint.deadline-set", "complaint.deadline-set");
        for (int i = 1; i < streamed.size(); i++) {
            assertThat(streamed.get(i).token().covers(streamed.get(i - 1).token()))
                    .isTrue();
            assertThat(streamed.get(i - 1).token().covers(streamed.get(i).token()))
                    .isFalse();
        }
        assertThat(before.covers(streamed.getFirst().token())).isFalse();
        assertThat(page(streamed.getLast().token(), stream))
                .as("nothing past the last token")
                .isEmpty();
        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        engine.latestToken(null).get().covers(streamed.getLast().token()));
    }

    @Test
    void an_event_is_not_streamed_past_a_transaction_still_in_flight_before_it() throws Exception {
        UUID stream = UUID.randomUUID();
        TrackingToken before = engine.latestToken(null).get();
        SqlConnection held =
                pool.getConnection().toCompletionStage().toCompletableFuture().get();
        try {
            // an older transaction that could still append: until it ends, nothing after it may be handed out
            held.query("BEGIN")
                    .execute()
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get();
            held.query("SELECT pg_current_xact_id()")
                    .execute()
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get();
            driver.appendOne(stream, "committed after the held transaction began")
                    .get();

            Thread.sleep(500);
            assertThat(page(before, stream))
                    .as("held back by the older transaction")
                    .isEmpty();
        } finally {
            held.query("ROLLBACK")
                    .execute()
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get();
            held.close().toCompletionStage().toCompletableFuture().get();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> page(before, stream).size() == 1);
    }

    @Test
    void tokens_at_the_ends_and_at_an_instant() throws Exception {
        assertThat(engine.firstToken(null).get()).isEqualTo(HorizonToken.ORIGIN);
        UUID stream = UUID.randomUUID();
        Instant start = clock.instant().minusMillis(1);
        driver.appendOne(stream, "filed").get();

        await().atMost(Duration.ofSeconds(20))
                .until(() -> page(TrackingToken.FIRST, stream).size() == 1);
        HorizonToken filing = page(TrackingToken.FIRST, stream).getFirst().token();
        // the token at an instant just before the filing streams the filing; the latest token is past it
        assertThat(page(engine.tokenAt(start, null).get(), stream)).hasSize(1);
        assertThat(page(engine.latestToken(null).get(), stream)).isEmpty();
        assertThat(engine.latestToken(null).get().covers(filing)).isTrue();
        assertThat(engine.tokenAt(Instant.parse("9999-01-01T00:00:00Z"), null)
                        .get()
                        .covers(filing))
                .as("after every event: the latest")
                .isTrue();
        HorizonToken a = new HorizonToken(5, 9);
        HorizonToken b = new HorizonToken(6, 1);
        assertThat(a.upperBound(b)).isEqualTo(b);
        assertThat(a.lowerBound(b)).isEqualTo(a);
        assertThat(b.covers(a)).isTrue();
        assertThat(a.covers(b)).isFalse();
    }
}
