package org.complaintledger.complaint.handling;

import java.security.SecureRandom;

/**
 * Tracking numbers such as LPR-7KQ2-M9XD-4HPA: random, so that nobody can walk the public lookup from one complaint
 * to the next, and free of the characters people misread (0/O, 1/I/L). Twelve characters (31^12, about 8e17), not
 * the eight of API.md's example: with eight, two of a million complaints would share a number more often than not.
 */
public final class TrackingNumbers {

    private static final char[] ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private TrackingNumbers() {}

    public static String next() {
        StringBuilder number = new StringBuilder("LPR-");
        for (int i = 0; i < 12; i++) {
            if (i % 4 == 0 && i > 0) {
                number.append('-');
            }
            number.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return number.toString();
    }
}
