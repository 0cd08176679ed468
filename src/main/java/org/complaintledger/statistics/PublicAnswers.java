package org.complaintledger.statistics;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Public answers kept for {@code ledger.public-cache.ttl} (zero: not kept). They are the same for every caller and a
 * few seconds old is fresh enough for counts, so a flood of one question costs one query per period and key.
 */
@ApplicationScoped
public class PublicAnswers {

    private final Cache<Object, Object> answers;

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
        if (answers == null) {
            return compute.get();
        }
        Object kept = answers.getIfPresent(key);
        if (kept != null) {
            return Uni.createFrom().item((T) kept);
        }
        return compute.get().invoke(answer -> answers.put(key, answer));
    }
}
