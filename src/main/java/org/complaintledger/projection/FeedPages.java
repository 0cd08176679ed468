package org.complaintledger.projection;

import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.complaintledger.ledger.FeedEvent;
import org.complaintledger.ledger.HorizonFeed;
import org.complaintledger.ledger.Waiter;

/**
 * One read of a page of the feed for every projection that asks for it. The projections poll together and, once
 * caught up, stand at the same checkpoint of each segment: each read the same page, parsed its rows and decoded its
 * events for itself (three times the feed's query, its rows' transfer and the JSON parsing of every event). The page
 * read for the first is handed to the others, and its events keep their decoding ({@link FeedEvent#decoded}).
 *
 * <p>A page is a correct answer for as long as it is kept: below the horizon the feed only grows at its end (a
 * transaction that has not ended holds back everything after it), so a page read earlier is a prefix of the page read
 * now. A full page is the same whenever it is read; a short one could be longer now, so it is kept for less than a
 * poll, and a projection that took it short reads the rest at its next poll, as it would have.
 */
final class FeedPages {

    private record Key(int segment, int segmentCount, String afterTx, long afterPosition, int limit) {}

    private record Page(CompletableFuture<List<FeedEvent>> events, long readAt) {}

    private final HorizonFeed feed;
    private final long shortPageNanos;
    private final long fullPageNanos;
    private final int maxPages;
    private final ConcurrentHashMap<Key, Page> pages = new ConcurrentHashMap<>();

    /**
     * {@code shortPageMillis}: how long a page shorter than asked for is handed out (under the poll interval);
     * {@code fullPageMillis} and {@code maxPages}: how long and how many full pages are kept, bounding the memory.
     */
    FeedPages(HorizonFeed feed, long shortPageMillis, long fullPageMillis, int maxPages) {
        this.feed = feed;
        this.shortPageNanos = shortPageMillis * 1_000_000;
        this.fullPageNanos = fullPageMillis * 1_000_000;
        this.maxPages = maxPages;
    }

    /** A processor's own pages, shared with no other: what {@link HorizonFeed#batch} answers. */
    static FeedPages unshared(HorizonFeed feed) {
        return new FeedPages(feed, 0, 0, 0);
    }

    Uni<List<FeedEvent>> batch(int segment, int segmentCount, String afterTx, long afterPosition, int limit) {
        if (maxPages == 0) {
            return feed.batch(segment, segmentCount, afterTx, afterPosition, limit);
        }
        long now = System.nanoTime();
        Key key = new Key(segment, segmentCount, afterTx, afterPosition, limit);
        Page kept = pages.get(key);
        if (kept != null && fresh(kept, now, limit)) {
            return shared(kept);
        }
        forgetStale(now);
        Page page = new Page(new CompletableFuture<>(), now);
        pages.put(key, page);
        // read at once, not when the first caller subscribes: a caller that gave up must not leave the others waiting
        feed.batch(segment, segmentCount, afterTx, afterPosition, limit)
                .subscribe()
                .with(page.events()::complete, failure -> {
                    pages.remove(key, page);
                    page.events().completeExceptionally(failure);
                });
        return shared(page);
    }

    /** The page's events on the caller's own context, whichever projection's read completed them (ledger/Waiter). */
    private static Uni<List<FeedEvent>> shared(Page page) {
        return Waiter.onOwnContext(Uni.createFrom().completionStage(page.events()));
    }

    /** A page still being read is shared: its callers wait for the one read rather than read it again. */
    private boolean fresh(Page page, long now, int limit) {
        CompletableFuture<List<FeedEvent>> events = page.events();
        if (!events.isDone()) {
            return true;
        }
        if (events.isCompletedExceptionally()) {
            return false;
        }
        long age = now - page.readAt();
        return age <= shortPageNanos
                || age <= fullPageNanos && events.getNow(List.of()).size() == limit;
    }

    private void forgetStale(long now) {
        pages.entrySet().removeIf(e -> now - e.getValue().readAt() > fullPageNanos);
        if (pages.size() >= maxPages) {
            pages.entrySet().stream()
                    .min(java.util.Comparator.comparingLong(e -> e.getValue().readAt()))
                    .ifPresent(oldest -> pages.remove(oldest.getKey(), oldest.getValue()));
        }
    }
}
