package org.complaintledger.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.complaintledger.database.PgListening;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Envelope encryption of complainants' personal data: AES-256-GCM under a per-complainant data key, the data key
 * wrapped by the key-encryption key ({@code ledger.crypto.kek}). The complainant's subject is bound in as
 * associated data, so a ciphertext moved to another complainant does not open.
 *
 * <p>Every wrapped key records the id of the KEK that wrapped it, so that the KEK can rotate: with the old one in
 * {@code ledger.crypto.previous-keks}, every data key is re-wrapped under the new one at start-up ({@link #rewrap()}),
 * after which the old KEK can be removed. An erasure that races a filing may leave data sealed under a key destroyed a
 * moment later, and the complainant's next filing makes a new key: data that the subject's key (itself unwrapped, so
 * the KEK is right) does not open was sealed under a key erased since, and reads as erased, never as a 500.
 *
 * <p>Sealing uses a bounded in-memory cache of unwrapped data keys, so that a complainant's filings after the first
 * cost no query and no unwrapping (a filing's data key was one of its three statements). A key is a copy erasure
 * must reach: destroying it empties the entry at once on this instance and, through PostgreSQL's LISTEN/NOTIFY
 * (a notification sent when the deletion commits, with no payload), the caches of every other instance within
 * milliseconds; an instance whose listening connection dropped empties its cache when it listens again, and
 * {@code ledger.privacy.data-key-cache.ttl} (30 s by default) bounds how long a cached key can outlive its erasure if
 * notifications fail altogether. Opening data always reads the key from the table, so that erased data reads as
 * erased at once everywhere.
 */
@Singleton
public class PersonalDataVault {

    private static final Logger LOG = Logger.getLogger(PersonalDataVault.class);
    private static final String FORMAT = "v1.";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int REWRAP_PAGE = 500;

    // One cipher per thread, initialised afresh for every use (a new IV each time it encrypts): looking the
    // transformation up among the providers for every seal was 1 % of a filing's CPU (BENCHMARKS.md, session 4)
    private static final ThreadLocal<Cipher> GCM = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    });

    private final SecureRandom random = new SecureRandom();
    private final ObjectMapper json =
            JsonMapper.builder().addModule(new BlackbirdModule()).build();
    private final SecretKey keyEncryptionKey;
    private final String kekId;
    /** KEK id to KEK: the current one and those of {@code ledger.crypto.previous-keks}, for keys wrapped before. */
    private final Map<String, SecretKey> keks = new LinkedHashMap<>();

    private final Pool pool;

    /** Subject to unwrapped data key, for sealing; see the class comment for how erasure empties it. */
    private final Cache<String, SecretKey> dataKeys;
    /** Counts destructions, so that a lookup which read a key destroyed meanwhile does not cache it. */
    private final AtomicLong destructions = new AtomicLong();

    /** The channel every instance hears a destroyed data key on. */
    static final String DESTROYED = "ledger_data_key_destroyed";

    private PgSubscriber subscriber;
    private volatile boolean stopped;

    @Inject
    jakarta.enterprise.event.Event<DataKeyDestroyed> keyDestroyed;

    @Inject
    public PersonalDataVault(
            @ConfigProperty(name = "ledger.crypto.kek") String kek,
            @ConfigProperty(name = "ledger.crypto.previous-keks") Optional<List<String>> previousKeks,
            Pool pool,
            @ConfigProperty(name = "ledger.privacy.data-key-cache.size", defaultValue = "10000") long cacheSize,
            @ConfigProperty(name = "ledger.privacy.data-key-cache.ttl", defaultValue = "PT30S") Duration cacheTtl) {
        this.keyEncryptionKey = kek("ledger.crypto.kek", kek);
        this.kekId = kekId(keyEncryptionKey);
        keks.put(kekId, keyEncryptionKey);
        for (String previous : previousKeks.orElse(List.of())) {
            if (!previous.isBlank()) {
                SecretKey old = kek("ledger.crypto.previous-keks", previous.strip());
                keks.putIfAbsent(kekId(old), old);
            }
        }
        this.pool = pool;
        this.dataKeys = Caffeine.newBuilder()
                .maximumSize(cacheSize)
                .expireAfterWrite(cacheTtl)
                .build();
    }

    private static SecretKey kek(String property, String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(property + " must be the base64 of 32 bytes", e);
        }
        if (bytes.length != 32) {
            throw new IllegalArgumentException(property + " must be the base64 of 32 bytes");
        }
        return new SecretKeySpec(bytes, "AES");
    }

    /**
     * The first 16 hex digits of SHA-256 over a label and the key: names the KEK in every row it wrapped without
     * revealing anything of it (the key is 32 random bytes).
     */
    static String kekId(SecretKey kek) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update("complaint-ledger/kek-id/v1:".getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest(kek.getEncoded())).substring(0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * A KEK rotation finishes by itself: the data keys still under an old KEK are re-wrapped at every start. And the
     * cache starts listening for keys destroyed on any instance (a database away at start-up is waited for: until
     * then, other instances' erasures reach this cache through its TTL only).
     */
    void start(
            @Observes StartupEvent startup,
            Vertx vertx,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") Optional<String> url,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        if (url.isPresent()) {
            subscribe(vertx, url.get(), username, password);
            PgListening.connectInBackground(subscriber, "destroyed data keys", LOG, () -> stopped);
        }
        rewrap().subscribe()
                .with(
                        n -> {
                            if (n > 0) {
                                LOG.infof("re-wrapped %d data keys under KEK %s", n, kekId);
                            }
                        },
                        failure -> LOG.error("re-wrapping data keys failed; the next start tries again", failure));
    }

    /**
     * Listens for destroyed data keys on every instance, this one's included; each (re)subscription empties the cache,
     * which may have missed a notification meanwhile.
     */
    public Uni<Void> listen(Vertx vertx, String url, Optional<String> username, Optional<String> password) {
        return subscribe(vertx, url, username, password).connect();
    }

    private PgSubscriber subscribe(Vertx vertx, String url, Optional<String> username, Optional<String> password) {
        subscriber = PgListening.subscriber(vertx, url, username, password);
        // counted like a local destruction, so that a lookup in flight meanwhile does not cache what it read before
        Runnable forget = () -> {
            destructions.incrementAndGet();
            dataKeys.invalidateAll();
        };
        subscriber.channel(DESTROYED).subscribeHandler(forget).handler(ignored -> forget.run());
        return subscriber;
    }

    public void stop(@Observes ShutdownEvent shutdown) {
        stopped = true;
        if (subscriber != null) {
            PgListening.close(subscriber, "destroyed data keys", LOG);
        }
    }

    /** The current KEK's id: what new and re-wrapped data keys record. */
    public String kekId() {
        return kekId;
    }

    /** Encrypts under the complainant's data key, creating that key on the complainant's first filing. */
    public Uni<String> seal(String subject, PersonalData data) {
        return cachedDataKey(subject)
                .map(dataKey -> FORMAT
                        + Base64.getUrlEncoder()
                                .withoutPadding()
                                .encodeToString(encrypt(dataKey, toJson(data), subject)));
    }

    /** A wrapped key as stored, with the id of the KEK that wrapped it (null for a key wrapped before KEK ids). */
    private record Wrapped(byte[] wrapped, String kekId) {}

    private Uni<SecretKey> cachedDataKey(String subject) {
        SecretKey cached = dataKeys.getIfPresent(subject);
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        long generation = destructions.get();
        return dataKey(subject).invoke(key -> {
            if (destructions.get() == generation) {
                dataKeys.put(subject, key);
            }
        });
    }

    private Uni<SecretKey> dataKey(String subject) {
        // most filings come from complainants who already have a key: one read, no write, no row lock
        return wrappedKey(subject)
                .onItem()
                .ifNull()
                .switchTo(() -> pool.preparedQuery("""
                                INSERT INTO data_keys (subject, wrapped_key, kek_id) VALUES ($1, $2, $3)
                                ON CONFLICT (subject) DO NOTHING RETURNING wrapped_key, kek_id""")
                        .execute(Tuple.of(
                                subject, io.vertx.core.buffer.Buffer.buffer(wrap(subject, newDataKey())), kekId))
                        .flatMap(rows -> rows.size() > 0
                                ? Uni.createFrom().item(wrapped(rows.iterator().next()))
                                : wrappedKey(subject)))
                .map(wrapped -> unwrap(subject, wrapped));
    }

    private Uni<Wrapped> wrappedKey(String subject) {
        return pool.preparedQuery("SELECT wrapped_key, kek_id FROM data_keys WHERE subject = $1")
                .execute(Tuple.of(subject))
                .map(rows -> rows.size() == 0 ? null : wrapped(rows.iterator().next()));
    }

    private static Wrapped wrapped(Row row) {
        return new Wrapped(row.getBuffer("wrapped_key").getBytes(), row.getString("kek_id"));
    }

    /**
     * The subject's data key, created on first use, for other data sealed under it (a complainant's attached files);
     * erasing the subject destroys it with the rest. A subject may also name a complaint ({@code complaint/<id>}),
     * which no complainant's subject can be.
     */
    public Uni<SecretKey> dataKeyOf(String subject) {
        return cachedDataKey(subject);
    }

    /** The subject's data key if it still exists: empty once erased (or never made). */
    public Uni<Optional<SecretKey>> existingDataKey(String subject) {
        return wrappedKey(subject).map(wrapped -> Optional.ofNullable(wrapped).map(w -> unwrap(subject, w)));
    }

    /**
     * The personal data, or empty when the key it was sealed under is gone: erased, even if the complainant has a new
     * key since (an erasure that raced the filing that sealed it).
     */
    public Uni<Optional<PersonalData>> open(String subject, String sealed) {
        if (sealed == null) {
            return Uni.createFrom().item(Optional.empty());
        }
        return wrappedKey(subject).map(wrapped -> {
            if (wrapped == null) {
                return Optional.empty();
            }
            // unwrapped first and loudly: a KEK that does not open its own data key is a fault of configuration
            SecretKey key = unwrap(subject, wrapped);
            byte[] ciphertext = Base64.getUrlDecoder().decode(sealed.substring(FORMAT.length()));
            try {
                return Optional.of(fromJson(decrypt(key, ciphertext, subject)));
            } catch (IllegalStateException sealedUnderAnErasedKey) {
                return Optional.empty();
            }
        });
    }

    /**
     * The data keys that still exist among these subjects, in one read: a batch of sealed data (the sender's
     * addresses) is opened with one query instead of one per item. A subject erased since has no entry.
     */
    public Uni<Map<String, SecretKey>> existingDataKeys(Collection<String> subjects) {
        if (subjects.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return pool.preparedQuery("SELECT subject, wrapped_key, kek_id FROM data_keys WHERE subject = ANY($1)")
                .execute(Tuple.of(subjects.stream().distinct().toArray(String[]::new)))
                .map(rows -> {
                    Map<String, SecretKey> keys = new HashMap<>();
                    rows.forEach(
                            row -> keys.put(row.getString("subject"), unwrap(row.getString("subject"), wrapped(row))));
                    return keys;
                });
    }

    /** Opens sealed data with a data key from {@link #existingDataKeys}. */
    public PersonalData open(String subject, SecretKey dataKey, String sealed) {
        byte[] ciphertext = Base64.getUrlDecoder().decode(sealed.substring(FORMAT.length()));
        return fromJson(decrypt(dataKey, ciphertext, subject));
    }

    /**
     * Re-wraps, under the current KEK, every data key wrapped by another (one of {@code ledger.crypto.previous-keks})
     * or recorded without a KEK id, a page at a time, and answers how many it re-wrapped. Each row is changed only if
     * it is still as read, so an erasure or a concurrent re-wrap in between wins. A key whose KEK is not configured
     * is left as it is and counted in the log: the old KEK may not be removed yet.
     */
    public Uni<Integer> rewrap() {
        return rewrapPage("", 0);
    }

    private Uni<Integer> rewrapPage(String after, int done) {
        return pool.preparedQuery("""
                        SELECT subject, wrapped_key, kek_id FROM data_keys
                         WHERE kek_id IS DISTINCT FROM $1 AND subject > $2 ORDER BY subject LIMIT $3""")
                .execute(Tuple.of(kekId, after, REWRAP_PAGE))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(done);
                    }
                    List<Uni<Integer>> updates = new ArrayList<>();
                    String last = after;
                    for (Row row : rows) {
                        String subject = row.getString("subject");
                        last = subject;
                        Wrapped wrapped = wrapped(row);
                        SecretKey dataKey;
                        try {
                            dataKey = unwrap(subject, wrapped);
                        } catch (IllegalStateException e) {
                            LOG.warnf(
                                    "data key of one subject is wrapped by KEK %s, which is not configured; "
                                            + "left as it is",
                                    wrapped.kekId());
                            continue;
                        }
                        updates.add(pool.preparedQuery("""
                                        UPDATE data_keys SET wrapped_key = $2, kek_id = $3
                                         WHERE subject = $1 AND wrapped_key = $4""")
                                .execute(Tuple.of(
                                        subject,
                                        io.vertx.core.buffer.Buffer.buffer(wrap(subject, dataKey)),
                                        kekId,
                                        io.vertx.core.buffer.Buffer.buffer(wrapped.wrapped())))
                                .map(updated -> updated.rowCount()));
                    }
                    String next = last;
                    boolean more = rows.size() == REWRAP_PAGE;
                    Uni<Integer> page = updates.isEmpty()
                            ? Uni.createFrom().item(0)
                            : Uni.join()
                                    .all(updates)
                                    .andFailFast()
                                    .map(counts -> counts.stream()
                                            .mapToInt(Integer::intValue)
                                            .sum());
                    return page.flatMap(n ->
                            more ? rewrapPage(next, done + n) : Uni.createFrom().item(done + n));
                });
    }

    /**
     * Crypto-shredding: without its data key the complainant's ciphertext in the ledger can never be opened again.
     * True when there was a key to destroy. The row's dead tuple lingers until autovacuum, and backups keep the
     * wrapped key for as long as they are kept; both stay sealed by the key-encryption key.
     */
    public Uni<Boolean> destroyKey(String subject) {
        destructions.incrementAndGet();
        dataKeys.invalidate(subject);
        return pool.withTransaction(connection -> connection
                        .preparedQuery("DELETE FROM data_keys WHERE subject = $1")
                        .execute(Tuple.of(subject))
                        // every instance is told once the deletion commits (PostgreSQL delivers a NOTIFY at commit)
                        .call(rows -> rows.rowCount() == 0
                                ? Uni.createFrom().voidItem()
                                : connection
                                        .preparedQuery("SELECT pg_notify($1, '')")
                                        .execute(Tuple.of(DESTROYED))))
                .map(rows -> rows.rowCount() > 0)
                .invoke(destroyed -> {
                    if (destroyed) {
                        keyDestroyed.fire(new DataKeyDestroyed(subject));
                    }
                });
    }

    /** Told once a subject's key is gone, so that copies sealed under it (stored files) can be removed too. */
    public record DataKeyDestroyed(String subject) {}

    private SecretKey newDataKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256, random);
            return generator.generateKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] wrap(String subject, SecretKey dataKey) {
        return encrypt(keyEncryptionKey, dataKey.getEncoded(), "data-key:" + subject);
    }

    /** Under the KEK the row names; a row from before KEK ids is tried under each configured KEK, current first. */
    private SecretKey unwrap(String subject, Wrapped wrapped) {
        if (wrapped.kekId() != null) {
            SecretKey kek = keks.get(wrapped.kekId());
            if (kek == null) {
                throw new IllegalStateException("a data key is wrapped by KEK " + wrapped.kekId()
                        + ", which is neither ledger.crypto.kek nor one of ledger.crypto.previous-keks");
            }
            return new SecretKeySpec(decrypt(kek, wrapped.wrapped(), "data-key:" + subject), "AES");
        }
        IllegalStateException last = null;
        for (SecretKey kek : keks.values()) {
            try {
                return new SecretKeySpec(decrypt(kek, wrapped.wrapped(), "data-key:" + subject), "AES");
            } catch (IllegalStateException e) {
                last = e;
            }
        }
        throw last;
    }

    private byte[] encrypt(SecretKey key, byte[] plaintext, String associatedData) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = GCM.get();
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            byte[] ciphertext = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(iv.length + ciphertext.length)
                    .put(iv)
                    .put(ciphertext)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    private byte[] decrypt(SecretKey key, byte[] ivAndCiphertext, String associatedData) {
        try {
            Cipher cipher = GCM.get();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, ivAndCiphertext, 0, IV_BYTES));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(ivAndCiphertext, IV_BYTES, ivAndCiphertext.length - IV_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("decryption failed: wrong key-encryption key or altered ciphertext", e);
        }
    }

    private byte[] toJson(PersonalData data) {
        try {
            return json.writeValueAsBytes(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private PersonalData fromJson(byte[] bytes) {
        try {
            return json.readValue(bytes, PersonalData.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
