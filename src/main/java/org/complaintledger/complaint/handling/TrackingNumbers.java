package org.complaintledger.complaint.handling;

import java.security.SecureRandom;

/**
 * Tracking numbers such as LPR-7KQ2-M9XD-4HPA: random, so that nobody can walk the public lookup from one complaint
 * to the next, and free of the characters people misread (0/O, 1/I/L). Twelve characters (31^12, about 8e17), not
 * the eight of API.md's example: with eight, two of a million complaints would share a number more often than not.
 */
public final class TrackingNumbers {

    private static final char[] ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ".toCharArray();
    private static final int LENGTH = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** 31^12, below 2^63: one uniform draw below it is the twelve characters at once. */
    private static final long NUMBERS = numbers();

    private TrackingNumbers() {}

    public static String next() {
        // one draw from the secure generator rather than one per character: each draw takes its lock and mixes
        long drawn = RANDOM.nextLong(NUMBERS);
        char[] number = "LPR-XXXX-XXXX-XXXX".toCharArray();
        for (int i = number.length - 1; i >= 4; i--) {
            if (number[i] == '-') {
                continue;
            }
            number[i] = ALPHABET[(int) (drawn % ALPHABET.length)];
            drawn /= ALPHABET.length;
        }
        return new String(number);
    }

    private static long numbers() {
        long numbers = 1;
        for (int i = 0; i < LENGTH; i++) {
            numbers = Math.multiplyExact(numbers, ALPHABET.length);
        }
        return numbers;
    }
}
