package org.complaintledger.statistics;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Public answers kept for {@code ledger.public-cache.ttl} (zero: not kept). They are the same for every caller and a
 * few seconds old is fresh enough for counts, so a flood of one question costs one query per period and key.
 */
@Singleton
public class PublicAnswers {

    private final Cache<Object, Object> answers;

    /**
     * The last answer computed for each question, kept without expiry (a bounded number of questions): what a public
     * read is answered with, marked stale, while its read model is rebuilt and has no good answer of its own.
     */
    private final Cache<Object, Object> lastGood =
            Caffeine.newBuilder().maximumSize(1_000).build();

    public PublicAnswers(@ConfigProperty(name = "ledger.public-cache.ttl", defaultValue = "PT10S") Duration ttl) {
        this.answers = ttl.isZero() || ttl.isNegative()
                ? null
                : Caffeine.newBuilder()
                        .maximumSize(10_000)
                        .expireAfterWrite(ttl)
                        .build();
    }

    @SuppressWarnings("unchecked")
    public <T> Uni<T> get(Object key, Supplier<Uni<T>> compute) {
        Object kept = answers == null ? null : answers.getIfPresent(key);
        if (kept != null) {
            return Uni.createFrom().item((T) kept);
        }
        return compute.get().invoke(answer -> {
            if (answers != null) {
                answers.put(key, answer);
            }
            lastGood.put(key, answer);
        });
    }

    /** The last answer computed for this question, if any. */
    @SuppressWarnings("unchecked")
    public <T> Optional<T> lastGood(Object key) {
        return Optional.ofNullable((T) lastGood.getIfPresent(key));
    }
}
