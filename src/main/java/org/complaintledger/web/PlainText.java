package org.complaintledger.web;

/**
 * What a person can type and another read back unchanged. Refused everywhere: control characters (C0, DEL and C1),
 * a surrogate without its pair (not a character at all: it cannot be encoded in UTF-8, so a stored event's hash
 * could not be recomputed from its export) and the Unicode noncharacters (U+FFFE, U+FFFF, U+FDD0..U+FDEF and the
 * last two of every plane), which no text carries. Multi-line text keeps tab, line feed and carriage return; a
 * single line refuses them and the Unicode line and paragraph separators too.
 */
final class PlainText {

    private PlainText() {}

    static boolean isSingleLine(CharSequence text) {
        return acceptable(text, false);
    }

    static boolean isMultiLine(CharSequence text) {
        return acceptable(text, true);
    }

    private static boolean acceptable(CharSequence text, boolean lineBreaks) {
        for (int i = 0; i < text.length(); ) {
            int c = Character.codePointAt(text, i);
            if (!acceptable(c, lineBreaks)) {
                return false;
            }
            i += Character.charCount(c);
        }
        return true;
    }

    private static boolean acceptable(int c, boolean lineBreaks) {
        if (c == '\t' || c == '\n' || c == '\r') {
            return lineBreaks;
        }
        if (c == '\u2028' || c == '\u2029') {
            return lineBreaks;
        }
        boolean noncharacter = (c & 0xFFFE) == 0xFFFE || (c >= 0xFDD0 && c <= 0xFDEF);
        int type = Character.getType(c);
        return type != Character.CONTROL && type != Character.SURROGATE && !noncharacter;
    }
}
