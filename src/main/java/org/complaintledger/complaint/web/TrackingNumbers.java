package org.complaintledger.complaint.web;

import java.security.SecureRandom;

/**
 * Tracking numbers such as LPR-7KQ2-M9XD: random, so that nobody can walk the public lookup from one complaint to
 * the next, and free of the characters people misread (0/O, 1/I/L).
 */
public final class TrackingNumbers {

    private static final char[] ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private TrackingNumbers() {
    }

    public static String next() {
        StringBuilder number = new StringBuilder("LPR-");
        for (int i = 0; i < 8; i++) {
            if (i == 4) {
                number.append('-');
            }
            number.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return number.toString();
    }
}
