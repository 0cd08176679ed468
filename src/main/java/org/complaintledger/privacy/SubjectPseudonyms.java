package org.complaintledger.privacy;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The values a citizen's pseudonym is made of. The pseudonym a citizen's account is known by inside the ledger is
 * {@code c-} and 40 hex digits; the events, their history and export, the read models, the data keys and every other
 * table carry it, never the account's id, so that an auditor, or anyone reading the database, sees which steps one
 * complainant took without learning who they are. Which pseudonym an account has is stored
 * ({@code complaint.handling.ComplainantPseudonyms}) under the {@link #accountHash keyed hash} of the account's id, and
 * erasure deletes that row, after which nothing links the account to its old complaints.
 *
 * <p>Before the mapping was stored, the pseudonym was computed: {@link #legacy}, a keyed hash of the account's id under
 * a KEK-derived key. Events already carry such values and cannot be rewritten, so an account whose complaints are
 * filed under its computed value keeps it (the mapping adopts it); every other account gets a {@link #fresh random}
 * one, which no key can recompute from the id.
 *
 * <p>A ledger that was recording before pseudonyms holds account ids in its events: there a citizen's pseudonym would
 * no longer match the complaints they filed. {@code ledger.privacy.pseudonymous-subjects} (true by default, for a new
 * ledger) set to false keeps account ids as subjects for such a ledger. Subjects the service mints itself (offline
 * complainants, Open311 filings, {@code phone-} senders) name no account and are left as they are.
 */
@Singleton
public class SubjectPseudonyms {

    public static final String PREFIX = "c-";

    private static final int BYTES = 20;

    private final SecureRandom random = new SecureRandom();

    private final DerivedKey legacyKey;

    private final DerivedKey accountKey;

    private final boolean enabled;

    @Inject
    public SubjectPseudonyms(
            @ConfigProperty(name = "ledger.crypto.kek") String kek,
            @ConfigProperty(name = "ledger.privacy.pseudonymous-subjects", defaultValue = "true") boolean enabled) {
        this.legacyKey = DerivedKey.of(kek, "complaint-ledger/complainant-subject/v1");
        this.accountKey = DerivedKey.of(kek, "complaint-ledger/complainant-account/v1");
        this.enabled = enabled;
    }

    /** False where the ledger records account ids as they are ({@code ledger.privacy.pseudonymous-subjects}). */
    public boolean enabled() {
        return enabled;
    }

    /** The key an account's stored pseudonym is found under: a keyed hash of its id, never the id. */
    public String accountHash(String accountSubject) {
        return accountKey.hex(accountSubject);
    }

    /** A new pseudonym: random, so that nothing but the stored mapping ties it to an account. */
    public String fresh() {
        byte[] bytes = new byte[BYTES];
        random.nextBytes(bytes);
        return PREFIX + HexFormat.of().formatHex(bytes);
    }

    /** The pseudonym as computed before the mapping was stored, which complaints filed then carry. */
    public String legacy(String accountSubject) {
        return PREFIX + HexFormat.of().formatHex(legacyKey.hash(accountSubject), 0, BYTES);
    }
}
