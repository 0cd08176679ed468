package org.complaintledger.privacy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HexFormat;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The pseudonym a citizen's account is known by inside the ledger: {@code c-} and a keyed hash (HMAC-SHA256 under a
 * key derived from the KEK) of the identity provider's subject id. The edge turns a citizen's token subject into it
 * ({@code complaint.handling.Caller}), so the events, their history and export, the read models, the data keys and
 * every other table carry the pseudonym, never the account's id: an auditor, or anyone reading the database, sees
 * which steps one complainant took without learning who they are, and without the key the pseudonym cannot be
 * turned back into an id by trying ids. The same account always gives the same pseudonym, so a citizen finds their
 * own complaints again. Subjects the service mints itself (offline complainants, Open311 filings, {@code phone-}
 * senders) name no account and are left as they are.
 *
 * <p>A ledger that was recording before pseudonyms holds account ids in its events, which cannot be rewritten: there a
 * citizen's pseudonym would no longer match the complaints they filed. {@code ledger.privacy.pseudonymous-subjects}
 * (true by default, for a new ledger) set to false keeps account ids as subjects for such a ledger.
 */
@ApplicationScoped
public class SubjectPseudonyms {

    static final String PREFIX = "c-";

    private final DerivedKey key;

    private final boolean enabled;

    @Inject
    public SubjectPseudonyms(
            @ConfigProperty(name = "ledger.crypto.kek") String kek,
            @ConfigProperty(name = "ledger.privacy.pseudonymous-subjects", defaultValue = "true") boolean enabled) {
        this.key = DerivedKey.of(kek, "complaint-ledger/complainant-subject/v1");
        this.enabled = enabled;
    }

    /** The pseudonym of the account with this identity-provider subject id (the id itself where pseudonyms are off). */
    public String of(String accountSubject) {
        return enabled ? PREFIX + HexFormat.of().formatHex(key.hash(accountSubject), 0, 20) : accountSubject;
    }
}
