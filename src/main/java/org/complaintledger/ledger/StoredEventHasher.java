package org.complaintledger.ledger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.UUID;
import org.erdtman.jcs.NumberToJSON;

/**
 * An event's hash (README, "Hash chain format") computed straight from its stored columns, the actor's and the data's
 * JSON text as PostgreSQL prints it in UTF-8, without building the envelope's Jackson tree: the RFC 8785 form is
 * written byte by byte into a buffer this hasher keeps, and the SHA-256 digest is kept too. Verifying a large ledger was
 * dominated by parsing every row into an {@code ObjectNode}, sorting its member names, printing it again and
 * re-encoding the strings.
 *
 * <p>It reads only the form it can prove it prints exactly as {@link EventEnvelope#computeHash} over
 * {@link LedgerReader#envelope} would: member names in plain ASCII, strings whose escapes are already RFC 8785's,
 * well-formed UTF-8, numbers JSON's grammar allows, no repeated member, an actor of text or null {@code subject},
 * {@code role}, {@code agency} and nothing else. For anything else {@link #hash} answers null and the caller hashes the
 * envelope the tree way, so it is never less strict than that path; {@code StoredEventHasherTest} holds the two to the
 * same hashes over varied and random input. Not thread safe: one per hashing worker.
 */
final class StoredEventHasher {

    /** The stored text is not in the form this hasher reads: the caller hashes the envelope the tree way. */
    private static final class NotHandled extends RuntimeException {
        NotHandled() {
            super("not handled", null, false, false);
        }
    }

    private static final NotHandled NOT_HANDLED = new NotHandled();

    /**
     * Deeper documents, longer numbers and strings are left to the tree path, which applies Jackson's limits (1,000
     * nested values, 1,000 characters of a number, 20 million of a string).
     */
    private static final int MAX_DEPTH = 64;

    private static final int MAX_NUMBER_LENGTH = 500;
    private static final int MAX_TEXT_LENGTH = 1 << 20;

    private static final byte[] ACTOR = ascii("{\"actor\":");
    private static final byte[] COMPLAINT_ID = ascii(",\"complaintId\":\"");
    private static final byte[] DATA = ascii("\",\"data\":");
    private static final byte[] EVENT_ID = ascii(",\"eventId\":\"");
    private static final byte[] OCCURRED_AT = ascii("\",\"occurredAt\":\"");
    private static final byte[] PREVIOUS_HASH = ascii("\",\"previousHash\":");
    private static final byte[] RECORDED_AT = ascii(",\"recordedAt\":\"");
    private static final byte[] SCHEMA_VERSION = ascii("\",\"schemaVersion\":");
    private static final byte[] TYPE = ascii(",\"type\":");
    private static final byte[] VERSION = ascii(",\"version\":");
    private static final byte[] NULL = ascii("null");
    private static final byte[] TRUE = ascii("true");
    private static final byte[] FALSE = ascii("false");
    private static final byte[] AGENCY = ascii("agency");
    private static final byte[] ROLE = ascii("role");
    private static final byte[] SUBJECT = ascii("subject");
    private static final HexFormat HEX = HexFormat.of();

    private final MessageDigest sha256;
    private byte[] out = new byte[4096];
    private int size;
    private byte[] scratch = new byte[1024];
    /** Per member of the objects being written: name start and length in the input, start and end in the output. */
    private int[] members = new int[256];

    private int top;
    private byte[] in;
    private int pos;
    private int end;

    StoredEventHasher() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The lowercase hex SHA-256 of the envelope's RFC 8785 form, or null if a column is not in the form this hasher
     * reads (then hash it the tree way). {@code actor} and {@code data} are the columns' JSON text in UTF-8.
     */
    String hash(
            UUID complaintId,
            int version,
            UUID eventId,
            String type,
            int schemaVersion,
            OffsetDateTime occurredAt,
            OffsetDateTime recordedAt,
            byte[] actor,
            byte[] data,
            String previousHash) {
        if (complaintId == null
                || eventId == null
                || occurredAt == null
                || recordedAt == null
                || actor == null
                || data == null) {
            return null;
        }
        size = 0;
        top = 0;
        try {
            put(ACTOR);
            actor(actor);
            put(COMPLAINT_ID);
            putAscii(complaintId.toString());
            put(DATA);
            document(data);
            put(EVENT_ID);
            putAscii(eventId.toString());
            put(OCCURRED_AT);
            instant(occurredAt);
            put(PREVIOUS_HASH);
            text(previousHash);
            put(RECORDED_AT);
            instant(recordedAt);
            put(SCHEMA_VERSION);
            putAscii(Integer.toString(schemaVersion));
            put(TYPE);
            text(type);
            put(VERSION);
            putAscii(Integer.toString(version));
            put((byte) '}');
        } catch (NotHandled | ArrayIndexOutOfBoundsException notHandled) {
            // an index past the input is text that ends early: not JSON, which the tree path reports as it always has
            in = null;
            return null;
        }
        in = null;
        // digest() leaves the digest reset for the next event; nothing is fed to it before the text is complete
        sha256.update(out, 0, size);
        return HEX.formatHex(sha256.digest());
    }

    /** The RFC 8785 form of one JSON object's text, for the tests; null where {@link #hash} would answer null. */
    String canonical(byte[] json) {
        size = 0;
        top = 0;
        try {
            document(json);
        } catch (NotHandled | ArrayIndexOutOfBoundsException notHandled) {
            return null;
        } finally {
            in = null;
        }
        return new String(out, 0, size, StandardCharsets.UTF_8);
    }

    /** The canonical form {@link EventEnvelope#canonical} gives, for the tests; null where {@link #hash} would. */
    String canonicalEnvelope(
            UUID complaintId,
            int version,
            UUID eventId,
            String type,
            int schemaVersion,
            OffsetDateTime occurredAt,
            OffsetDateTime recordedAt,
            byte[] actor,
            byte[] data,
            String previousHash) {
        return hash(
                                complaintId,
                                version,
                                eventId,
                                type,
                                schemaVersion,
                                occurredAt,
                                recordedAt,
                                actor,
                                data,
                                previousHash)
                        == null
                ? null
                : new String(out, 0, size, StandardCharsets.UTF_8);
    }

    /** {@code yyyy-MM-ddTHH:mm:ss.SSSZ} in UTC, the fraction cut (not rounded) to milliseconds, as the envelope's. */
    private void instant(OffsetDateTime at) {
        OffsetDateTime utc = at.getOffset().equals(ZoneOffset.UTC) ? at : at.withOffsetSameInstant(ZoneOffset.UTC);
        int year = utc.getYear();
        if (year < 0 || year > 9999) {
            throw NOT_HANDLED; // the formatter's sign and width rules; the tree path prints them
        }
        digits(year, 4);
        put((byte) '-');
        digits(utc.getMonthValue(), 2);
        put((byte) '-');
        digits(utc.getDayOfMonth(), 2);
        put((byte) 'T');
        digits(utc.getHour(), 2);
        put((byte) ':');
        digits(utc.getMinute(), 2);
        put((byte) ':');
        digits(utc.getSecond(), 2);
        put((byte) '.');
        digits(utc.getNano() / 1_000_000, 3);
        put((byte) 'Z');
    }

    private void digits(int value, int width) {
        ensure(width);
        for (int i = width - 1; i >= 0; i--) {
            out[size + i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        size += width;
    }

    /** A Java string as RFC 8785 text: only plain printable ASCII is written here, null as null. */
    private void text(String value) {
        if (value == null) {
            put(NULL);
            return;
        }
        ensure(value.length() + 2);
        out[size++] = '"';
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                throw NOT_HANDLED;
            }
            out[size++] = (byte) c;
        }
        out[size++] = '"';
    }

    private void putAscii(String value) {
        ensure(value.length());
        for (int i = 0; i < value.length(); i++) {
            out[size++] = (byte) value.charAt(i);
        }
    }

    /**
     * The actor column as the envelope reads it: {@code subject}, {@code role} and {@code agency}, each text or null
     * (absent is null), written in RFC 8785 order. Any other member or kind of value is left to the tree path.
     */
    private void actor(byte[] json) {
        start(json);
        skipSpace();
        expect('{');
        int agencyStart = -1, agencyEnd = -1, roleStart = -1, roleEnd = -1, subjectStart = -1, subjectEnd = -1;
        skipSpace();
        if (in[pos] == '}') {
            pos++;
        } else {
            while (true) {
                skipSpace();
                int nameStart = pos + 1;
                int nameLength = name();
                skipSpace();
                expect(':');
                skipSpace();
                int valueStart = pos;
                if (in[pos] == 'n') {
                    literal(NULL);
                    valueStart = -1;
                } else if (in[pos] == '"') {
                    string();
                } else {
                    throw NOT_HANDLED;
                }
                int valueEnd = pos;
                if (same(nameStart, nameLength, AGENCY) && agencyEnd < 0) {
                    agencyStart = valueStart;
                    agencyEnd = valueEnd;
                } else if (same(nameStart, nameLength, ROLE) && roleEnd < 0) {
                    roleStart = valueStart;
                    roleEnd = valueEnd;
                } else if (same(nameStart, nameLength, SUBJECT) && subjectEnd < 0) {
                    subjectStart = valueStart;
                    subjectEnd = valueEnd;
                } else {
                    throw NOT_HANDLED; // another member, or one repeated
                }
                skipSpace();
                if (in[pos] == ',') {
                    pos++;
                    continue;
                }
                expect('}');
                break;
            }
        }
        atEnd();
        put(ascii("{\"agency\":"));
        member(agencyStart, agencyEnd);
        put(ascii(",\"role\":"));
        member(roleStart, roleEnd);
        put(ascii(",\"subject\":"));
        member(subjectStart, subjectEnd);
        put((byte) '}');
    }

    private void member(int start, int end) {
        if (start < 0) {
            put(NULL);
        } else {
            put(in, start, end - start);
        }
    }

    private boolean same(int start, int length, byte[] name) {
        return Arrays.equals(in, start, start + length, name, 0, name.length);
    }

    /** A whole JSON text that is an object, written in RFC 8785 form. */
    private void document(byte[] json) {
        start(json);
        skipSpace();
        if (in[pos] != '{') {
            throw NOT_HANDLED; // the envelope's data is an object; the tree path reports anything else
        }
        value(0);
        atEnd();
    }

    private void start(byte[] json) {
        in = json;
        pos = 0;
        end = json.length;
    }

    private void atEnd() {
        skipSpace();
        if (pos != end) {
            throw NOT_HANDLED;
        }
    }

    private void value(int depth) {
        if (depth > MAX_DEPTH) {
            throw NOT_HANDLED;
        }
        switch (in[pos]) {
            case '{' -> object(depth);
            case '[' -> array(depth);
            case '"' -> {
                int from = pos;
                string();
                put(in, from, pos - from);
            }
            case 't' -> put(literal(TRUE));
            case 'f' -> put(literal(FALSE));
            case 'n' -> put(literal(NULL));
            default -> number();
        }
    }

    private void array(int depth) {
        pos++;
        put((byte) '[');
        skipSpace();
        if (in[pos] == ']') {
            pos++;
            put((byte) ']');
            return;
        }
        while (true) {
            skipSpace();
            value(depth + 1);
            skipSpace();
            if (in[pos] == ',') {
                pos++;
                put((byte) ',');
                continue;
            }
            expect(']');
            put((byte) ']');
            return;
        }
    }

    /**
     * Members are written as they come, each one's place in the output noted; if their names were not already in
     * RFC 8785 order (PostgreSQL prints shorter names first), the members are then rewritten in that order. Names are
     * plain ASCII, whose byte order is their UTF-16 order.
     */
    private void object(int depth) {
        pos++;
        int open = size;
        put((byte) '{');
        skipSpace();
        if (in[pos] == '}') {
            pos++;
            put((byte) '}');
            return;
        }
        int first = top;
        boolean ordered = true;
        while (true) {
            skipSpace();
            if (top > first) {
                put((byte) ',');
            }
            int memberStart = size;
            int nameStart = pos + 1;
            int nameLength = name();
            put(in, nameStart - 1, nameLength + 2);
            put((byte) ':');
            skipSpace();
            expect(':');
            skipSpace();
            value(depth + 1);
            if (top > first) {
                int order = compareNames(members[top - 4], members[top - 3], nameStart, nameLength);
                if (order == 0) {
                    throw NOT_HANDLED; // a repeated member: the tree keeps the last; left to it
                }
                ordered &= order < 0;
            }
            push(nameStart, nameLength, memberStart, size);
            skipSpace();
            if (in[pos] == ',') {
                pos++;
                continue;
            }
            expect('}');
            break;
        }
        if (!ordered) {
            reorder(open + 1, first);
        }
        top = first;
        put((byte) '}');
    }

    private void push(int nameStart, int nameLength, int memberStart, int memberEnd) {
        if (top + 4 > members.length) {
            members = Arrays.copyOf(members, members.length * 2);
        }
        members[top++] = nameStart;
        members[top++] = nameLength;
        members[top++] = memberStart;
        members[top++] = memberEnd;
    }

    /** Rewrites the members noted from {@code first} (written from {@code from} to the end) in name order. */
    private void reorder(int from, int first) {
        int count = (top - first) / 4;
        int length = size - from;
        if (scratch.length < length) {
            scratch = new byte[Math.max(length, scratch.length * 2)];
        }
        System.arraycopy(out, from, scratch, 0, length);
        int[] order = new int[count];
        for (int i = 0; i < count; i++) {
            int at = first + 4 * i;
            int j = i;
            // insertion sort: objects are small
            while (j > 0) {
                int other = first + 4 * order[j - 1];
                int compared = compareNames(members[other], members[other + 1], members[at], members[at + 1]);
                if (compared == 0) {
                    throw NOT_HANDLED;
                }
                if (compared < 0) {
                    break;
                }
                order[j] = order[j - 1];
                j--;
            }
            order[j] = i;
        }
        size = from;
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                out[size++] = ',';
            }
            int at = first + 4 * order[i];
            int start = members[at + 2] - from;
            int memberLength = members[at + 3] - members[at + 2];
            System.arraycopy(scratch, start, out, size, memberLength);
            size += memberLength;
        }
    }

    private int compareNames(int aStart, int aLength, int bStart, int bLength) {
        return Arrays.compareUnsigned(in, aStart, aStart + aLength, in, bStart, bStart + bLength);
    }

    /** A member name at {@code pos}: plain printable ASCII, no escape; its length, {@code pos} past its quote. */
    private int name() {
        if (in[pos] != '"') {
            throw NOT_HANDLED;
        }
        int start = ++pos;
        while (true) {
            byte b = in[pos];
            if (b == '"') {
                break;
            }
            if (b < 0x20 || b == '\\' || b == 0x7f) {
                throw NOT_HANDLED; // control, escape, non-ASCII (negative): their order is not the bytes'
            }
            pos++;
        }
        int length = pos - start;
        pos++;
        return length;
    }

    /**
     * Steps over a string at {@code pos} that is already in RFC 8785 form, so it can be copied as it stands: UTF-8
     * well formed, no raw control character, and escapes only where RFC 8785 puts them, in its spelling ({@code \"},
     * {@code \\}, {@code \b \f \n \r \t}, other controls as lowercase {@code \}{@code u00xx}). PostgreSQL prints
     * JSON strings so; any other escape is left to the tree path.
     */
    private void string() {
        int start = pos++;
        while (true) {
            byte b = in[pos];
            if (b == '"') {
                pos++;
                break;
            }
            if (b >= 0x20 && b != '\\') {
                pos++;
            } else if (b == '\\') {
                escape();
            } else if (b < 0) {
                utf8(b);
            } else {
                throw NOT_HANDLED; // a raw control character is not JSON
            }
            if (pos - start > MAX_TEXT_LENGTH) {
                throw NOT_HANDLED;
            }
        }
    }

    private void escape() {
        byte e = in[pos + 1];
        switch (e) {
            case '"', '\\', 'b', 'f', 'n', 'r', 't' -> pos += 2;
            case 'u' -> {
                if (in[pos + 2] != '0' || in[pos + 3] != '0') {
                    throw NOT_HANDLED;
                }
                int high = in[pos + 4];
                int low = in[pos + 5];
                int value;
                if (high == '0' || high == '1') {
                    value = (high - '0') << 4;
                } else {
                    throw NOT_HANDLED;
                }
                if (low >= '0' && low <= '9') {
                    value |= low - '0';
                } else if (low >= 'a' && low <= 'f') {
                    value |= low - 'a' + 10;
                } else {
                    throw NOT_HANDLED; // uppercase hex is not RFC 8785's spelling
                }
                if (value == '\b' || value == '\t' || value == '\n' || value == '\f' || value == '\r') {
                    throw NOT_HANDLED; // RFC 8785 writes these short
                }
                pos += 6;
            }
            default -> throw NOT_HANDLED;
        }
    }

    /** One well-formed UTF-8 sequence at {@code pos} (no overlong form, no surrogate, nothing past U+10FFFF). */
    private void utf8(byte lead) {
        int b0 = lead & 0xff;
        if (b0 >= 0xc2 && b0 <= 0xdf) {
            continuation(pos + 1, 0x80, 0xbf);
            pos += 2;
        } else if (b0 >= 0xe0 && b0 <= 0xef) {
            int low = b0 == 0xe0 ? 0xa0 : 0x80;
            int high = b0 == 0xed ? 0x9f : 0xbf;
            continuation(pos + 1, low, high);
            continuation(pos + 2, 0x80, 0xbf);
            pos += 3;
        } else if (b0 >= 0xf0 && b0 <= 0xf4) {
            int low = b0 == 0xf0 ? 0x90 : 0x80;
            int high = b0 == 0xf4 ? 0x8f : 0xbf;
            continuation(pos + 1, low, high);
            continuation(pos + 2, 0x80, 0xbf);
            continuation(pos + 3, 0x80, 0xbf);
            pos += 4;
        } else {
            throw NOT_HANDLED;
        }
    }

    private void continuation(int at, int low, int high) {
        int b = in[at] & 0xff;
        if (b < low || b > high) {
            throw NOT_HANDLED;
        }
    }

    private byte[] literal(byte[] word) {
        if (!Arrays.equals(in, pos, Math.min(end, pos + word.length), word, 0, word.length)) {
            throw NOT_HANDLED;
        }
        pos += word.length;
        return word;
    }

    /**
     * A number in JSON's grammar. An integer of at most 15 digits is exact as a double and RFC 8785 prints it as it
     * is written (but -0 as 0); any other goes through the double the tree would hold and the reference's
     * ECMAScript formatter, as {@link CanonicalJson} does.
     */
    private void number() {
        int start = pos;
        if (in[pos] == '-') {
            pos++;
        }
        int intStart = pos;
        if (in[pos] == '0') {
            pos++;
        } else if (in[pos] >= '1' && in[pos] <= '9') {
            while (pos < end && isDigit(in[pos])) {
                pos++;
            }
        } else {
            throw NOT_HANDLED;
        }
        int intDigits = pos - intStart;
        boolean integer = true;
        if (pos < end && in[pos] == '.') {
            integer = false;
            pos++;
            digitsRequired();
        }
        if (pos < end && (in[pos] == 'e' || in[pos] == 'E')) {
            integer = false;
            pos++;
            if (pos < end && (in[pos] == '+' || in[pos] == '-')) {
                pos++;
            }
            digitsRequired();
        }
        int length = pos - start;
        if (length > MAX_NUMBER_LENGTH) {
            throw NOT_HANDLED;
        }
        if (integer && intDigits <= 15 && !(in[start] == '-' && in[intStart] == '0')) {
            put(in, start, length);
            return;
        }
        double value = Double.parseDouble(new String(in, start, length, StandardCharsets.ISO_8859_1));
        if (!Double.isFinite(value)) {
            throw NOT_HANDLED;
        }
        try {
            putAscii(NumberToJSON.serializeNumber(value));
        } catch (IOException e) {
            throw NOT_HANDLED;
        }
    }

    private void digitsRequired() {
        if (pos >= end || !isDigit(in[pos])) {
            throw NOT_HANDLED;
        }
        while (pos < end && isDigit(in[pos])) {
            pos++;
        }
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private void skipSpace() {
        while (pos < end) {
            byte b = in[pos];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return;
            }
            pos++;
        }
    }

    private void expect(char c) {
        if (in[pos] != c) {
            throw NOT_HANDLED;
        }
        pos++;
    }

    private void ensure(int more) {
        if (size + more > out.length) {
            out = Arrays.copyOf(out, Math.max(size + more, out.length * 2));
        }
    }

    private void put(byte b) {
        ensure(1);
        out[size++] = b;
    }

    private void put(byte[] bytes) {
        put(bytes, 0, bytes.length);
    }

    private void put(byte[] bytes, int from, int length) {
        ensure(length);
        System.arraycopy(bytes, from, out, size, length);
        size += length;
    }
}
