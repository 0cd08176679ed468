package org.complaintledger.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.complaintledger.ledger.EventEnvelope;
import org.complaintledger.ledger.FeedEvent;
import org.complaintledger.ledger.HorizonFeed;
import org.junit.jupiter.api.Test;

/**
 * The pages every projection shares: one read per page while it is fit to hand out, a short page only for a moment,
 * a failed read never kept. The feed underneath answers from a list this test controls (its query against the real
 * database is ProjectionProcessorTest's), and counts the reads.
 */
class FeedPagesTest {

    /** A feed whose reads this test completes, one future per read, in order. */
    static final class ScriptedFeed extends HorizonFeed {
        final List<CompletableFuture<List<FeedEvent>>> reads = new ArrayList<>();

        @Override
        public Uni<List<FeedEvent>> batch(
                int segment, int segmentCount, String afterTx, long afterPosition, int limit) {
            CompletableFuture<List<FeedEvent>> read = new CompletableFuture<>();
            reads.add(read);
            return Uni.createFrom().completionStage(read);
        }
    }

    private static FeedEvent event(long position) {
        return new FeedEvent(
                "10",
                position,
                EventEnvelope.sealed(
                        UUID.randomUUID(),
                        1,
                        UUID.randomUUID(),
                        "complaint.submitted",
                        1,
                        Instant.parse("2026-12-07T06:00:00Z"),
                        Instant.parse("2026-12-07T06:00:00Z"),
                        new EventEnvelope.EventActor("citizen-1", "citizen", null),
                        JsonNodeFactory.instance.objectNode().put("title", "lampu padam"),
                        EventEnvelope.GENESIS_HASH));
    }

    private static List<FeedEvent> await(Uni<List<FeedEvent>> page) {
        return page.await().atMost(Duration.ofSeconds(5));
    }

    @Test
    void callers_at_one_checkpoint_share_one_read_even_while_it_runs() {
        ScriptedFeed feed = new ScriptedFeed();
        FeedPages pages = new FeedPages(feed, 60_000, 60_000, 4);
        Uni<List<FeedEvent>> first = pages.batch(0, 2, "0", 0, 2);
        Uni<List<FeedEvent>> second = pages.batch(0, 2, "0", 0, 2);
        assertThat(feed.reads).hasSize(1);
        List<FeedEvent> page = List.of(event(1));
        feed.reads.getFirst().complete(page);
        assertThat(await(first)).isSameAs(page);
        assertThat(await(second)).isSameAs(page);
        // another checkpoint, another segment: reads of their own
        pages.batch(0, 2, "10", 1, 2);
        pages.batch(1, 2, "0", 0, 2);
        assertThat(feed.reads).hasSize(3);
    }

    @Test
    void a_short_page_is_read_again_once_its_moment_has_passed_and_a_full_one_is_kept() throws Exception {
        ScriptedFeed feed = new ScriptedFeed();
        FeedPages pages = new FeedPages(feed, 20, 60_000, 4);
        pages.batch(0, 2, "0", 0, 2);
        feed.reads.getFirst().complete(List.of(event(1)));
        Thread.sleep(40);
        // the feed may have grown since: short pages are not handed out for longer than a moment
        Uni<List<FeedEvent>> again = pages.batch(0, 2, "0", 0, 2);
        assertThat(feed.reads).hasSize(2);
        List<FeedEvent> full = List.of(event(1), event(2));
        feed.reads.get(1).complete(full);
        assertThat(await(again)).isSameAs(full);
        Thread.sleep(40);
        // a full page is what the feed answers at that checkpoint whenever it is asked
        assertThat(await(pages.batch(0, 2, "0", 0, 2))).isSameAs(full);
        assertThat(feed.reads).hasSize(2);
    }

    @Test
    void a_failed_read_fails_its_callers_and_is_not_kept() {
        ScriptedFeed feed = new ScriptedFeed();
        FeedPages pages = new FeedPages(feed, 60_000, 60_000, 4);
        Uni<List<FeedEvent>> first = pages.batch(0, 2, "0", 0, 2);
        Uni<List<FeedEvent>> second = pages.batch(0, 2, "0", 0, 2);
        feed.reads.getFirst().completeExceptionally(new IllegalStateException("connection reset"));
        assertThatThrownBy(() -> await(first)).hasMessageContaining("connection reset");
        assertThatThrownBy(() -> await(second)).hasMessageContaining("connection reset");
        Uni<List<FeedEvent>> retried = pages.batch(0, 2, "0", 0, 2);
        assertThat(feed.reads).hasSize(2);
        List<FeedEvent> page = List.of(event(1));
        feed.reads.get(1).complete(page);
        assertThat(await(retried)).isSameAs(page);
    }

    @Test
    void no_more_pages_are_kept_than_allowed() {
        ScriptedFeed feed = new ScriptedFeed();
        FeedPages pages = new FeedPages(feed, 60_000, 60_000, 2);
        for (int position = 0; position < 3; position++) {
            pages.batch(0, 2, "10", position, 1);
            feed.reads.getLast().complete(List.of(event(position + 1)));
        }
        // the oldest page made room for the third
        pages.batch(0, 2, "10", 0, 1);
        assertThat(feed.reads).hasSize(4);
        pages.batch(0, 2, "10", 2, 1);
        assertThat(feed.reads).hasSize(4);
    }

    @Test
    void unshared_pages_read_every_time() {
        ScriptedFeed feed = new ScriptedFeed();
        FeedPages pages = FeedPages.unshared(feed);
        pages.batch(0, 2, "0", 0, 2);
        pages.batch(0, 2, "0", 0, 2);
        assertThat(feed.reads).hasSize(2);
    }

    @Test
    void an_event_is_decoded_once_for_every_projection_that_asks() {
        FeedEvent event = event(1);
        AtomicInteger decodings = new AtomicInteger();
        java.util.function.Function<EventEnvelope, String> decoder = envelope -> {
            decodings.incrementAndGet();
            return envelope.data().get("title").asText();
        };
        assertThat(event.decoded(String.class, decoder)).isEqualTo("lampu padam");
        assertThat(event.decoded(String.class, decoder)).isEqualTo("lampu padam");
        assertThat(decodings).hasValue(1);
        // asked for as something else, it is decoded as that
        assertThat(event.decoded(Integer.class, envelope -> 7)).isEqualTo(7);
    }
}
