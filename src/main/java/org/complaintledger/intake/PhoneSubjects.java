package org.complaintledger.intake;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.HexFormat;
import org.complaintledger.privacy.DerivedKey;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The complainant behind a phone number, as a subject that names no one: {@code phone-} and a keyed HMAC-SHA256 of
 * the number in international form. The same number always gives the same subject (so replies find their complaint
 * and erasure finds every copy), and without the key the subject cannot be turned back into a number by trying all
 * numbers. The key is derived from the key-encryption key ({@code ledger.crypto.kek}), which production requires,
 * rather than being one more secret to configure.
 */
@Singleton
public class PhoneSubjects {

    static final String PREFIX = "phone-";

    private final DerivedKey key;

    @Inject
    public PhoneSubjects(@ConfigProperty(name = "ledger.crypto.kek") String kek) {
        this.key = DerivedKey.of(kek, "intake-subject-v1");
    }

    /** The subject of the number's owner; {@code number} in any form {@link #international} accepts. */
    public String subjectOf(String number) {
        return PREFIX + HexFormat.of().formatHex(key.hash(international(number)), 0, 20);
    }

    /**
     * Digits only, with the country code and no plus: {@code +62 812-3456-7890} and {@code 0812 3456 7890} both give
     * {@code 6281234567890}. WhatsApp's {@code from} is already in this form; SMS gateways send either.
     */
    public static String international(String number) {
        String digits = number.replaceAll("\\D", "");
        return digits.startsWith("0") ? "62" + digits.substring(1) : digits;
    }

    /** A number shown to staff: the country code and the last three digits, {@code +62 ••• ••• 890}. */
    public static String masked(String number) {
        String digits = international(number);
        String tail = digits.substring(Math.max(0, digits.length() - 3));
        String country = digits.length() > 2 ? digits.substring(0, 2) : "";
        return "+" + country + " ••• ••• " + tail;
    }
}
