package org.complaintledger.complaint.handling;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.complaintledger.database.PgListening;
import org.complaintledger.privacy.SubjectPseudonyms;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Which pseudonym a citizen's account is known by, stored so that erasure can remove the link: a row per account,
 * found by a keyed hash of the account's id ({@link SubjectPseudonyms#accountHash}), holding a random pseudonym made on
 * the account's first request. Erasure deletes the row ({@link #forget}); the account's next request makes a new one,
 * and nothing stored (nor the KEK) ties it to the complaints under the old.
 *
 * <p>Hits are served from a bounded in-memory cache, so a citizen's requests after the first cost no query. Erasure
 * invalidates the entry on the instance that erases at once, and on every other through PostgreSQL's LISTEN/NOTIFY
 * (a notification sent when the erasure commits, naming the account's hash, never its id), within milliseconds; an
 * instance whose listening connection dropped empties its cache when it listens again, since it may have missed some.
 * {@code ledger.privacy.pseudonym-cache.ttl} (30 s by default) bounds the rest: the longest a cached mapping can
 * outlive an erasure if notifications fail altogether.
 */
@Singleton
public class ComplainantPseudonyms {

    private final Pool pool;
    private final SubjectPseudonyms pseudonyms;
    private final ComplaintHistory history;
    private final Cache<String, String> cache;
    /** Counts erasures, so that a lookup which read a row an erasure deleted meanwhile does not cache it. */
    private final AtomicLong erasures = new AtomicLong();

    /** The channel erasures are announced on; its payload is the erased account's hash. */
    static final String ERASED = "ledger_pseudonym_erased";

    private static final Logger LOG = Logger.getLogger(ComplainantPseudonyms.class);

    private PgSubscriber subscriber;

    private volatile boolean stopped;

    @Inject
    public ComplainantPseudonyms(
            Pool pool,
            SubjectPseudonyms pseudonyms,
            ComplaintHistory history,
            @ConfigProperty(name = "ledger.privacy.pseudonym-cache.size", defaultValue = "100000") long size,
            @ConfigProperty(name = "ledger.privacy.pseudonym-cache.ttl", defaultValue = "PT30S") Duration ttl) {
        this.pool = pool;
        this.pseudonyms = pseudonyms;
        this.history = history;
        this.cache =
                Caffeine.newBuilder().maximumSize(size).expireAfterWrite(ttl).build();
    }

    void start(
            @Observes StartupEvent startup,
            Vertx vertx,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") Optional<String> url,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        if (!pseudonyms.enabled() || url.isEmpty()) {
            return;
        }
        // a database away at start-up is waited for: until then, other instances' erasures reach this cache only
        // through its TTL
        subscribe(vertx, url.get(), username, password);
        PgListening.connectInBackground(subscriber, "other instances' erasures", LOG, () -> stopped);
    }

    /**
     * Listens for erasures on every instance, this one's included, on a connection of its own that reconnects every
     * second when it drops; each (re)subscription empties the cache, which may have missed a notification meanwhile.
     */
    public Uni<Void> listen(Vertx vertx, String url, Optional<String> username, Optional<String> password) {
        return subscribe(vertx, url, username, password).connect();
    }

    private PgSubscriber subscribe(Vertx vertx, String url, Optional<String> username, Optional<String> password) {
        subscriber = PgListening.subscriber(vertx, url, username, password);
        // counted like a local erasure, so that a lookup in flight meanwhile does not cache what it read before
        subscriber
                .channel(ERASED)
                .subscribeHandler(() -> {
                    erasures.incrementAndGet();
                    cache.invalidateAll();
                })
                .handler(accountHash -> {
                    erasures.incrementAndGet();
                    cache.invalidate(accountHash);
                });
        return subscriber;
    }

    public void stop(@Observes ShutdownEvent shutdown) {
        stopped = true;
        if (subscriber != null) {
            PgListening.close(subscriber, "other instances' erasures", LOG);
        }
    }

    /**
     * The account's pseudonym, made on its first use (the account id itself where pseudonyms are off). Two first
     * requests racing agree: each inserts its candidate if no row exists and then both read the row that won.
     */
    public Uni<String> of(String accountSubject) {
        if (!pseudonyms.enabled()) {
            return Uni.createFrom().item(accountSubject);
        }
        String key = pseudonyms.accountHash(accountSubject);
        String cached = cache.getIfPresent(key);
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        long generation = erasures.get();
        return stored(key)
                .onItem()
                .ifNull()
                .switchTo(() -> candidate(accountSubject)
                        .flatMap(candidate -> pool.preparedQuery("""
                                        INSERT INTO complainant_pseudonyms (account_hash, pseudonym) VALUES ($1, $2)
                                        ON CONFLICT DO NOTHING""").execute(Tuple.of(key, candidate)))
                        .flatMap(inserted -> stored(key))
                        .onItem()
                        .ifNull()
                        .failWith(() -> new IllegalStateException("no pseudonym stored for an account after insert")))
                .invoke(pseudonym -> {
                    if (erasures.get() == generation) {
                        cache.put(key, pseudonym);
                    }
                });
    }

    /**
     * The account's pseudonym if it has one, making none: for an operator who names a complainant's account. An account
     * with no row yet may still have complaints under its legacy pseudonym.
     */
    public Uni<String> existing(String accountSubject) {
        if (!pseudonyms.enabled()) {
            return Uni.createFrom().item(accountSubject);
        }
        return stored(pseudonyms.accountHash(accountSubject))
                .onItem()
                .ifNull()
                .continueWith(() -> pseudonyms.legacy(accountSubject));
    }

    /**
     * Erasure: deletes the mapping to this pseudonym, so that its account is no one to the ledger, and records the
     * pseudonym as erased, so that a legacy pseudonym is never adopted again. Nothing for a subject the service minted.
     */
    public Uni<Void> forget(String pseudonym) {
        if (!pseudonyms.enabled() || !pseudonym.startsWith(SubjectPseudonyms.PREFIX)) {
            return Uni.createFrom().voidItem();
        }
        erasures.incrementAndGet();
        return pool.withTransaction(connection -> connection
                        .preparedQuery("DELETE FROM complainant_pseudonyms WHERE pseudonym = $1 RETURNING account_hash")
                        .execute(Tuple.of(pseudonym))
                        .invoke(rows -> rows.forEach(row -> cache.invalidate(row.getString("account_hash"))))
                        // every instance is told once the erasure commits (PostgreSQL delivers a NOTIFY at commit)
                        .call(rows -> rows.size() == 0
                                ? Uni.createFrom().voidItem()
                                : connection
                                        .preparedQuery("SELECT pg_notify($1, $2)")
                                        .execute(Tuple.of(
                                                ERASED, rows.iterator().next().getString("account_hash"))))
                        .flatMap(deleted -> connection
                                .preparedQuery("INSERT INTO erased_pseudonyms (pseudonym) VALUES ($1) "
                                        + "ON CONFLICT DO NOTHING")
                                .execute(Tuple.of(pseudonym))))
                .replaceWithVoid();
    }

    private Uni<String> stored(String key) {
        return pool.preparedQuery("SELECT pseudonym FROM complainant_pseudonyms WHERE account_hash = $1")
                .execute(Tuple.of(key))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString("pseudonym"));
    }

    /**
     * The pseudonym a new row gets: the legacy one where complaints were filed under it before the mapping was stored
     * and it was not erased since (their complainant keeps them), otherwise a random one.
     */
    private Uni<String> candidate(String accountSubject) {
        String legacy = pseudonyms.legacy(accountSubject);
        return pool.preparedQuery("SELECT 1 FROM erased_pseudonyms WHERE pseudonym = $1")
                .execute(Tuple.of(legacy))
                .flatMap(erased -> erased.size() > 0
                        ? Uni.createFrom().item(false)
                        : history.complaintsFiledFor(legacy).map(complaints -> !complaints.isEmpty()))
                .map(adopt -> adopt ? legacy : pseudonyms.fresh());
    }
}
