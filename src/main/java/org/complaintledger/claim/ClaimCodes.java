package org.complaintledger.claim;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * What a claim code looks like: ten characters of Crockford's base32 (50 bits), printed as {@code XXXXX-XXXXX},
 * read back forgivingly (lower case, spaces, dashes, O for 0, I and L for 1), since it is copied from paper by hand.
 * The one-time code sent to a contact is six digits, typed from a phone's screen within minutes.
 */
final class ClaimCodes {

    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final RandomGenerator RANDOM = new SecureRandom();

    private ClaimCodes() {}

    static String newClaimCode() {
        StringBuilder code = new StringBuilder(11);
        for (int i = 0; i < 10; i++) {
            if (i == 5) {
                code.append('-');
            }
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    static String newOneTimeCode() {
        return String.format(Locale.ROOT, "%06d", RANDOM.nextInt(1_000_000));
    }

    /** The code as it is hashed: what the person typed, without the ways paper and hands vary it. */
    static String normalise(String typed) {
        StringBuilder code = new StringBuilder();
        for (char c : typed.toUpperCase(Locale.ROOT).toCharArray()) {
            switch (c) {
                case ' ', '-', '\t' -> {}
                case 'O' -> code.append('0');
                case 'I', 'L' -> code.append('1');
                default -> code.append(c);
            }
        }
        return code.toString();
    }
}
