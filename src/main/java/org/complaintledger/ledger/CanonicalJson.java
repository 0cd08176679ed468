package org.complaintledger.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.erdtman.jcs.NumberToJSON;

/**
 * RFC 8785 (JSON Canonicalization Scheme) written straight from a Jackson tree. The reference implementation
 * ({@code JsonCanonicalizer}) takes text, so hashing through it meant writing the tree, parsing it again and writing
 * it once more; verifying a large ledger is dominated by that. Numbers go through the reference implementation's own
 * ECMAScript formatter, and {@code CanonicalJsonTest} holds this class to the reference on varied and random input.
 */
final class CanonicalJson {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private CanonicalJson() {}

    static String of(JsonNode node) {
        StringBuilder out = new StringBuilder(1024);
        write(node, out);
        return out.toString();
    }

    /**
     * The canonical text when it is also a faithful copy of the tree, for storing: RFC 8785 writes every number as
     * an IEEE 754 double, which is what is hashed, but an integer beyond 2^53 or a decimal the double does not hold
     * exactly would be stored altered. Null for such a tree.
     */
    static String faithful(JsonNode node) {
        return exact(node) ? of(node) : null;
    }

    private static boolean exact(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT, ARRAY -> {
                for (JsonNode child : node) {
                    if (!exact(child)) {
                        yield false;
                    }
                }
                yield true;
            }
            case NUMBER ->
                node.isInt()
                        || node.isShort()
                        || (node.isLong() && Math.abs(node.longValue()) <= (1L << 53))
                        || node.isDouble()
                        || node.isFloat();
            default -> true;
        };
    }

    static String text(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(value.length() + 2);
        string(value, out);
        return out.toString();
    }

    static String integer(int value) {
        return number(value);
    }

    private static void write(JsonNode node, StringBuilder out) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                List<String> names = new ArrayList<>(node.size());
                node.fieldNames().forEachRemaining(names::add);
                // String.compareTo orders by UTF-16 code units, which is exactly RFC 8785's member order
                names.sort(null);
                out.append('{');
                for (int i = 0; i < names.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    string(names.get(i), out);
                    out.append(':');
                    write(node.get(names.get(i)), out);
                }
                out.append('}');
            }
            case ARRAY -> {
                out.append('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(node.get(i), out);
                }
                out.append(']');
            }
            case STRING -> string(node.textValue(), out);
            case NUMBER -> out.append(number(node.doubleValue()));
            case BOOLEAN -> out.append(node.booleanValue());
            case NULL -> out.append("null");
            default -> throw new IllegalArgumentException("not JSON data: " + node.getNodeType());
        }
    }

    /** RFC 8785 numbers are IEEE 754 doubles printed as ECMAScript prints them; NaN and infinities are not JSON. */
    private static String number(double value) {
        try {
            return NumberToJSON.serializeNumber(value);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a JSON number: " + value, e);
        }
    }

    /**
     * Only the quote, the backslash and the control characters are escaped, the short forms where JSON has them;
     * the runs between them are copied whole, which matters for the long texts of complaints.
     */
    private static void string(String value, StringBuilder out) {
        out.append('"');
        int run = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            out.append(value, run, i);
            run = i + 1;
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        out.append(value, run, value.length()).append('"');
    }
}
