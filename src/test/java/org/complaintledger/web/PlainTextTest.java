package org.complaintledger.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a text field takes, character by character; the API tests show each field applies it. */
class PlainTextTest {

    @Test
    void control_characters_surrogates_without_their_pair_and_noncharacters_are_never_text() {
        StringBuilder never = new StringBuilder();
        for (int c = 0; c <= 0x1F; c++) {
            if (c != '\t' && c != '\n' && c != '\r') {
                never.appendCodePoint(c);
            }
        }
        for (int c = 0x7F; c <= 0x9F; c++) {
            never.appendCodePoint(c);
        }
        for (int c = 0xFDD0; c <= 0xFDEF; c++) {
            never.appendCodePoint(c);
        }
        for (int plane = 0; plane <= 0x10; plane++) {
            never.appendCodePoint(plane << 16 | 0xFFFE).appendCodePoint(plane << 16 | 0xFFFF);
        }
        String junk = never.toString();
        for (int i = 0; i < junk.length(); ) {
            int c = junk.codePointAt(i);
            String text = "ada " + Character.toString(c) + " apa";
            assertThat(PlainText.isMultiLine(text)).as("U+%04X", c).isFalse();
            assertThat(PlainText.isSingleLine(text)).as("U+%04X", c).isFalse();
            i += Character.charCount(c);
        }
        for (char surrogate : new char[] {'\uD800', '\uDBFF', '\uDC00', '\uDFFF'}) {
            assertThat(PlainText.isMultiLine("ada " + surrogate + " apa"))
                    .as("U+%04X alone", (int) surrogate)
                    .isFalse();
            assertThat(PlainText.isSingleLine("ada " + surrogate + " apa"))
                    .as("U+%04X alone", (int) surrogate)
                    .isFalse();
        }
        assertThat(PlainText.isMultiLine("a\uDC00\uD800b"))
                .as("a low surrogate before a high one")
                .isFalse();
        assertThat(PlainText.isMultiLine("a\uD83Db"))
                .as("a high surrogate and no low one")
                .isFalse();
    }

    @Test
    void line_breaks_and_tabs_are_text_but_not_one_line() {
        for (String lineBreak : new String[] {"\n", "\r", "\r\n", "\t", "\u2028", "\u2029"}) {
            assertThat(PlainText.isMultiLine("satu" + lineBreak + "dua")).isTrue();
            assertThat(PlainText.isSingleLine("satu" + lineBreak + "dua")).isFalse();
        }
    }

    @Test
    void what_people_type_is_text() {
        for (String text : new String[] {
            "",
            "Jalan Sudirman No. 5",
            "Ṣ e\u0301 \u062C\u0627\u0648\u064A \u0E01\u0E32\u0E23",
            "\uD83D\uDE00 \uD83D\uDC69\u200D\uD83D\uDCBB",
            "\u00A0non-breaking",
            "\uFEFF",
            "\u202Ebidi",
            "\uE000 private use",
            "\uD83F\uDFFD the last character of plane 1 but two"
        }) {
            assertThat(PlainText.isSingleLine(text)).as(text).isTrue();
            assertThat(PlainText.isMultiLine(text)).as(text).isTrue();
        }
    }
}
