package org.complaintledger.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Token buckets by client, in memory: each replica limits what it is asked itself, so a client spread over n replicas
 * gets up to n times the limit, which still bounds the cost of a flood. A bucket is forgotten a day after its client's
 * last request (the longest refill window) or when more clients than {@code tracked-clients} are about.
 */
@Singleton
public class RateLimiter {

    /** What a client is limited on; its buckets are kept apart. */
    public enum Kind {
        PUBLIC,
        FILING_ADDRESS,
        FILING_SUBJECT,
        OPEN311_KEY,
        CLAIM_ADDRESS
    }

    private final RateLimitConfig config;
    private final Cache<String, Bucket> buckets;
    private final MeterRegistry metrics;

    public RateLimiter(RateLimitConfig config, MeterRegistry metrics) {
        this.config = config;
        this.metrics = metrics;
        this.buckets = Caffeine.newBuilder()
                .maximumSize(config.trackedClients())
                .expireAfterAccess(Duration.ofDays(1))
                .build();
    }

    /** Takes one request from the client's buckets: empty when it may go on, else how long until it may. */
    public Optional<Duration> take(Kind kind, String client) {
        if (!config.enabled()) {
            return Optional.empty();
        }
        List<Bandwidth> limits = limits(kind);
        if (limits.isEmpty()) {
            return Optional.empty();
        }
        Bucket bucket = buckets.get(kind + ":" + client, key -> {
            var builder = Bucket.builder();
            limits.forEach(builder::addLimit);
            return builder.build();
        });
        var probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return Optional.empty();
        }
        metrics.counter("ledger.rate.limited", "kind", kind.name().toLowerCase())
                .increment();
        return Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    private List<Bandwidth> limits(Kind kind) {
        List<Bandwidth> limits = new ArrayList<>();
        switch (kind) {
            case PUBLIC -> add(limits, config.publicPerMinute(), Duration.ofMinutes(1));
            case FILING_ADDRESS -> add(limits, config.filingPerMinutePerAddress(), Duration.ofMinutes(1));
            case FILING_SUBJECT -> {
                add(limits, config.filingPerMinute(), Duration.ofMinutes(1));
                add(limits, config.filingPerHour(), Duration.ofHours(1));
                add(limits, config.filingPerDay(), Duration.ofDays(1));
            }
            case CLAIM_ADDRESS -> add(limits, config.claimsPerMinutePerAddress(), Duration.ofMinutes(1));
            case OPEN311_KEY -> {
                add(limits, config.open311KeyPerHour(), Duration.ofHours(1));
                add(limits, config.open311KeyPerDay(), Duration.ofDays(1));
            }
        }
        return limits;
    }

    /** Refilled a little at a time (greedy), so that a client who waits the Retry-After gets one request through. */
    private static void add(List<Bandwidth> limits, long count, Duration period) {
        if (count > 0) {
            limits.add(Bandwidth.builder()
                    .capacity(count)
                    .refillGreedy(count, period)
                    .build());
        }
    }
}
