package org.complaintledger.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Envelope encryption of complainants' personal data: AES-256-GCM under a per-complainant data key, the data key
 * wrapped by the key-encryption key ({@code ledger.crypto.kek}). The complainant's subject is bound in as
 * associated data, so a ciphertext moved to another complainant does not open.
 */
@ApplicationScoped
public class PersonalDataVault {

    private static final String FORMAT = "v1.";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();
    private final ObjectMapper json = new ObjectMapper();
    private final SecretKey keyEncryptionKey;
    private final Pool pool;

    @Inject
    jakarta.enterprise.event.Event<DataKeyDestroyed> keyDestroyed;

    @Inject
    public PersonalDataVault(@ConfigProperty(name = "ledger.crypto.kek") String kek, Pool pool) {
        byte[] bytes = Base64.getDecoder().decode(kek);
        if (bytes.length != 32) {
            throw new IllegalArgumentException("ledger.crypto.kek must be the base64 of 32 bytes");
        }
        this.keyEncryptionKey = new SecretKeySpec(bytes, "AES");
        this.pool = pool;
    }

    /** Encrypts under the complainant's data key, creating that key on the complainant's first filing. */
    public Uni<String> seal(String subject, PersonalData data) {
        return dataKey(subject)
                .map(dataKey -> FORMAT
                        + Base64.getUrlEncoder()
                                .withoutPadding()
                                .encodeToString(encrypt(dataKey, toJson(data), subject)));
    }

    private Uni<SecretKey> dataKey(String subject) {
        // most filings come from complainants who already have a key: one read, no write, no row lock
        return wrappedKey(subject)
                .onItem()
                .ifNull()
                .switchTo(() -> pool.preparedQuery("""
                                INSERT INTO data_keys (subject, wrapped_key) VALUES ($1, $2)
                                ON CONFLICT (subject) DO NOTHING RETURNING wrapped_key""")
                        .execute(Tuple.of(subject, io.vertx.core.buffer.Buffer.buffer(wrap(subject, newDataKey()))))
                        .flatMap(rows -> rows.size() > 0
                                ? Uni.createFrom()
                                        .item(rows.iterator()
                                                .next()
                                                .getBuffer("wrapped_key")
                                                .getBytes())
                                : wrappedKey(subject)))
                .map(wrapped -> unwrap(subject, wrapped));
    }

    private Uni<byte[]> wrappedKey(String subject) {
        return pool.preparedQuery("SELECT wrapped_key FROM data_keys WHERE subject = $1")
                .execute(Tuple.of(subject))
                .map(rows -> rows.size() == 0
                        ? null
                        : rows.iterator().next().getBuffer("wrapped_key").getBytes());
    }

    /**
     * The subject's data key, created on first use, for other data sealed under it (a complainant's attached files);
     * erasing the subject destroys it with the rest. A subject may also name a complaint ({@code complaint/<id>}),
     * which no complainant's subject can be.
     */
    public Uni<SecretKey> dataKeyOf(String subject) {
        return dataKey(subject);
    }

    /** The subject's data key if it still exists: empty once erased (or never made). */
    public Uni<Optional<SecretKey>> existingDataKey(String subject) {
        return wrappedKey(subject).map(wrapped -> Optional.ofNullable(wrapped).map(w -> unwrap(subject, w)));
    }

    /** The personal data, or empty when the complainant's key was erased. */
    public Uni<Optional<PersonalData>> open(String subject, String sealed) {
        if (sealed == null) {
            return Uni.createFrom().item(Optional.empty());
        }
        return wrappedKey(subject).map(wrapped -> {
            if (wrapped == null) {
                return Optional.empty();
            }
            byte[] ciphertext = Base64.getUrlDecoder().decode(sealed.substring(FORMAT.length()));
            return Optional.of(fromJson(decrypt(unwrap(subject, wrapped), ciphertext, subject)));
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
        return pool.preparedQuery("SELECT subject, wrapped_key FROM data_keys WHERE subject = ANY($1)")
                .execute(Tuple.of(subjects.stream().distinct().toArray(String[]::new)))
                .map(rows -> {
                    Map<String, SecretKey> keys = new HashMap<>();
                    rows.forEach(row -> keys.put(
                            row.getString("subject"),
                            unwrap(
                                    row.getString("subject"),
                                    row.getBuffer("wrapped_key").getBytes())));
                    return keys;
                });
    }

    /** Opens sealed data with a data key from {@link #existingDataKeys}. */
    public PersonalData open(String subject, SecretKey dataKey, String sealed) {
        byte[] ciphertext = Base64.getUrlDecoder().decode(sealed.substring(FORMAT.length()));
        return fromJson(decrypt(dataKey, ciphertext, subject));
    }

    /**
     * Crypto-shredding: without its data key the complainant's ciphertext in the ledger can never be opened again.
     * True when there was a key to destroy. The row's dead tuple lingers until autovacuum, and backups keep the
     * wrapped key for as long as they are kept; both stay sealed by the key-encryption key.
     */
    public Uni<Boolean> destroyKey(String subject) {
        return pool.preparedQuery("DELETE FROM data_keys WHERE subject = $1")
                .execute(Tuple.of(subject))
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

    private SecretKey unwrap(String subject, byte[] wrapped) {
        return new SecretKeySpec(decrypt(keyEncryptionKey, wrapped, "data-key:" + subject), "AES");
    }

    private byte[] encrypt(SecretKey key, byte[] plaintext, String associatedData) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
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
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
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
