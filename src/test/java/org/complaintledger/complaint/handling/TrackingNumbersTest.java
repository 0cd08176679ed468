package org.complaintledger.complaint.handling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrackingNumbersTest {

    private static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    @Test
    void a_number_is_twelve_unambiguous_characters_in_three_groups() {
        for (int i = 0; i < 1000; i++) {
            assertThat(TrackingNumbers.next())
                    .matches("LPR-[" + ALPHABET + "]{4}-[" + ALPHABET + "]{4}-[" + ALPHABET + "]{4}");
        }
    }

    @Test
    void every_position_takes_every_character_and_numbers_do_not_repeat() {
        int draws = 20_000;
        Set<String> numbers = new HashSet<>();
        @SuppressWarnings("unchecked")
        Set<Character>[] seen = new Set[18];
        for (int p = 0; p < seen.length; p++) {
            seen[p] = new HashSet<>();
        }
        for (int i = 0; i < draws; i++) {
            String number = TrackingNumbers.next();
            numbers.add(number);
            for (int p = 4; p < number.length(); p++) {
                seen[p].add(number.charAt(p));
            }
        }
        assertThat(numbers).hasSize(draws);
        for (int p = 4; p < 18; p++) {
            if (p == 8 || p == 13) {
                assertThat(seen[p]).containsExactly('-');
            } else {
                // 20,000 draws miss one of 31 characters at a position with probability about 31 * e^-645
                assertThat(seen[p]).hasSize(ALPHABET.length());
            }
        }
    }
}
