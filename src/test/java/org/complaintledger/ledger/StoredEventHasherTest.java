package org.complaintledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The verifier's byte-level hashing held to the tree way ({@link LedgerReader#envelope} then
 * {@link EventEnvelope#computeHash}, itself held to RFC 8785's reference by {@code CanonicalJsonTest}): where the
 * hasher answers, it answers the same; where the input is not in its form it answers null and the tree decides.
 */
class StoredEventHasherTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final UUID STREAM = UUID.fromString("3f1d2c9e-8a7b-4c6d-9e0f-112233445566");
    private static final UUID EVENT = UUID.fromString("a0b1c2d3-e4f5-4a6b-8c7d-8e9fa0b1c2d3");
    private static final OffsetDateTime AT = OffsetDateTime.parse("2026-03-04T05:06:07.089123Z");
    private static final String PREVIOUS = "ab".repeat(32);
    private static final String ACTOR = "{\"role\": \"citizen\", \"agency\": null, \"subject\": \"warga-7\"}";

    private final StoredEventHasher hasher = new StoredEventHasher();

    /** What the tree way makes of a data object's text: its RFC 8785 form, or null if it does not read. */
    private static String tree(String json) {
        try {
            return CanonicalJson.of((ObjectNode) JSON.readTree(json));
        } catch (Exception | Error unreadable) {
            return null;
        }
    }

    private String fast(String json) {
        return hasher.canonical(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String treeHash(String actor, String data, OffsetDateTime at, String type, String previous) {
        try {
            return LedgerReader.envelope(
                            STREAM, 3, EVENT, type, 1, at.toInstant(), at.toInstant(), actor, data, previous, null)
                    .computeHash();
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    private String fastHash(String actor, String data, OffsetDateTime at, String type, String previous) {
        return hasher.hash(
                STREAM,
                3,
                EVENT,
                type,
                1,
                at,
                at,
                actor.getBytes(StandardCharsets.UTF_8),
                data.getBytes(StandardCharsets.UTF_8),
                previous);
    }

    @Test
    void it_hashes_an_event_as_postgresql_prints_it_exactly_as_the_tree_way() {
        String data = """
                {"note": "mohon ditindaklanjuti — segera", "agencyId": "dinkes", "location": {"village": "Senggoro", \
                "latitude": 1.465012, "longitude": 102.0}, "anonymous": false, "occurredOn": null, "tags": [1, "a\\n\\"b\\"", \
                {"z": 1, "y": [], "x": {}}], "policyVersion": 1}""";
        String fast = fastHash(ACTOR, data, AT, "complaint.submitted", PREVIOUS);
        assertThat(fast).isNotNull().isEqualTo(treeHash(ACTOR, data, AT, "complaint.submitted", PREVIOUS));
        assertThat(hasher.canonicalEnvelope(
                        STREAM,
                        3,
                        EVENT,
                        "complaint.submitted",
                        1,
                        AT,
                        AT,
                        ACTOR.getBytes(StandardCharsets.UTF_8),
                        "{}".getBytes(StandardCharsets.UTF_8),
                        PREVIOUS))
                .isEqualTo(
                        "{\"actor\":{\"agency\":null,\"role\":\"citizen\",\"subject\":\"warga-7\"},\"complaintId\":\""
                                + STREAM + "\",\"data\":{},\"eventId\":\"" + EVENT
                                + "\",\"occurredAt\":\"2026-03-04T05:06:07.089Z\",\"previousHash\":\"" + PREVIOUS
                                + "\",\"recordedAt\":\"2026-03-04T05:06:07.089Z\",\"schemaVersion\":1,"
                                + "\"type\":\"complaint.submitted\",\"version\":3}");
    }

    @Test
    void it_reads_the_actor_as_the_envelope_does_or_leaves_it_to_the_tree() {
        for (String actor : List.of(
                "{}",
                "{\"subject\": \"op-7\", \"role\": \"operator\"}",
                "{\"agency\": \"dinkes\", \"role\": \"officer\", \"subject\": \"o-1\"}",
                "{\"role\": null, \"agency\": null, \"subject\": null}",
                "{\"subject\": \"tab\\there \\u0001 é 😀\"}")) {
            assertThat(fastHash(actor, "{}", AT, "t", PREVIOUS))
                    .as(actor)
                    .isNotNull()
                    .isEqualTo(treeHash(actor, "{}", AT, "t", PREVIOUS));
        }
        // what the envelope would read differently (a number as text, a member ignored, a repeated one) or not at all
        for (String actor : List.of(
                "{\"subject\": 5}",
                "{\"subject\": \"a\", \"extra\": 1}",
                "{\"subject\": \"a\", \"subject\": \"b\"}",
                "{\"subject\": {}}",
                "[]",
                "null",
                "{\"subject\": \"a\"",
                "{\"subject\": \"\\u00e9\"}")) {
            assertThat(fastHash(actor, "{}", AT, "t", PREVIOUS)).as(actor).isNull();
        }
    }

    @Test
    void it_leaves_texts_and_instants_it_cannot_print_to_the_tree() {
        assertThat(fastHash(ACTOR, "{}", AT, "t\u00e9", PREVIOUS)).isNull();
        assertThat(fastHash(ACTOR, "{}", AT, "t\"", PREVIOUS)).isNull();
        assertThat(fastHash(ACTOR, "{}", OffsetDateTime.parse("+10000-01-01T00:00:00Z"), "t", PREVIOUS))
                .isNull();
        // null type and previous hash are printed as null, as the tree does
        assertThat(fastHash(ACTOR, "{}", AT, null, null)).isNotNull().isEqualTo(treeHash(ACTOR, "{}", AT, null, null));
        // an instant at another offset is printed in UTC; year 1 and year 9999 are four digits
        for (OffsetDateTime at : List.of(
                OffsetDateTime.parse("2026-03-04T07:06:07.999999+02:00"),
                OffsetDateTime.of(1, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC),
                OffsetDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_999, ZoneOffset.UTC))) {
            assertThat(fastHash(ACTOR, "{}", at, "t", PREVIOUS))
                    .as(at.toString())
                    .isNotNull()
                    .isEqualTo(treeHash(ACTOR, "{}", at, "t", PREVIOUS));
        }
    }

    @Test
    void it_prints_numbers_as_the_tree_does() {
        for (String number : List.of(
                "0",
                "-0",
                "-0.0",
                "7",
                "-42",
                "123456789012345",
                "-123456789012345",
                "1234567890123456",
                "9007199254740993",
                "12345678901234567890123",
                "1.0",
                "1.465000",
                "102.0",
                "0.1",
                "-5.5",
                "1e21",
                "1E21",
                "1e+21",
                "1e-7",
                "1.5e300",
                "4.9e-324",
                "2e-324",
                "1.7976931348623157e308",
                "0.30000000000000004",
                "100000000000000000000",
                "123.456e-2",
                "0." + "0".repeat(320) + "49",
                "1" + "0".repeat(300))) {
            String json = "{\"n\": " + number + "}";
            assertThat(fast(json)).as(number).isNotNull().isEqualTo(tree(json));
        }
        for (String notHandled :
                List.of("1e400", "-1e400", "01", "1.", ".5", "-", "1e", "+1", "NaN", "Infinity", "0x10")) {
            String json = "{\"n\": " + notHandled + "}";
            assertThat(fast(json)).as(notHandled).isNull();
        }
    }

    @Test
    void it_copies_strings_only_in_rfc_8785_spelling() {
        for (String string : List.of(
                "\"plain\"",
                "\"\\\"quoted\\\" back\\\\slash\"",
                "\"\\b\\f\\n\\r\\t\"",
                "\"\\u0000\\u0001\\u001f\\u000b\"",
                "\"é — 😀 \u2028 \u007f\"",
                "\"/\"")) {
            String json = "{\"s\": " + string + "}";
            assertThat(fast(json)).as(string).isNotNull().isEqualTo(tree(json));
        }
        // escapes RFC 8785 does not write, which the tree reads into other text than the bytes
        for (String string :
                List.of("\"\\u00e9\"", "\"\\/\"", "\"\\u001F\"", "\"\\u0008\"", "\"\\u000a\"", "\"\\ud83d\\ude00\"")) {
            String json = "{\"s\": " + string + "}";
            assertThat(fast(json)).as(string).isNull();
            assertThat(tree(json)).as(string).isNotNull();
        }
        assertThat(fast("{\"s\": \"\\x\"}")).isNull();
        // raw controls and malformed UTF-8: overlong, surrogate, past U+10FFFF, cut short, a lone continuation
        assertThat(fast("{\"s\": \"a\u0001\"}")).isNull();
        for (byte[] bad : List.of(
                new byte[] {(byte) 0xc0, (byte) 0x80},
                new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
                new byte[] {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
                new byte[] {(byte) 0xe2, (byte) 0x82},
                new byte[] {(byte) 0x80})) {
            byte[] json = new byte[bad.length + 10];
            byte[] head = "{\"s\": \"".getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(head, 0, json, 0, head.length);
            System.arraycopy(bad, 0, json, head.length, bad.length);
            json[head.length + bad.length] = '"';
            json[head.length + bad.length + 1] = '}';
            byte[] exact = java.util.Arrays.copyOf(json, head.length + bad.length + 2);
            assertThat(hasher.canonical(exact)).isNull();
        }
    }

    @Test
    void it_orders_members_by_name_and_leaves_repeated_or_unusual_names_to_the_tree() {
        String json =
                "{\"b\": 1, \"aa\": {\"d\": [{\"y\": 1, \"x\": 2}], \"c\": null}, \"a\": true, \"B\": \"x\", \"\": 0}";
        assertThat(fast(json))
                .isEqualTo(tree(json))
                .isEqualTo("{\"\":0,\"B\":\"x\",\"a\":true,\"aa\":{\"c\":null,\"d\":[{\"x\":2,\"y\":1}]},\"b\":1}");
        for (String notHandled : List.of(
                "{\"a\": 1, \"a\": 2}",
                "{\"b\": 1, \"a\": 2, \"b\": 3}",
                "{\"é\": 1}",
                "{\"a\\\"\": 1}",
                "[1]",
                "\"text\"",
                "{} {}",
                "{\"a\": 1,}",
                "{\"a\" 1}",
                "{\"a\": [1,]}",
                "{\"a\": tru}",
                "{\"a\": nulls}",
                "{" + "\"a\": [".repeat(70) + "]".repeat(70) + "}")) {
            assertThat(fast(notHandled)).as(notHandled).isNull();
        }
    }

    /** Random data objects printed as PostgreSQL might (names in any order, spaces, any spelling of a number). */
    @Test
    void it_agrees_with_the_tree_on_three_thousand_random_documents() {
        Random random = new Random(20261207);
        for (int i = 0; i < 3000; i++) {
            StringBuilder json = new StringBuilder();
            randomObject(random, 0, json);
            String text = json.toString();
            assertThat(fast(text)).as(text).isNotNull().isEqualTo(tree(text));
        }
    }

    /**
     * Any byte changed, dropped or added in a document's text: the hasher either answers as the tree does or leaves
     * it to the tree, so a stored event altered in any way is judged as it always was.
     */
    @Test
    void it_never_reads_an_altered_text_otherwise_than_the_tree() {
        Random random = new Random(8785);
        int answered = 0;
        for (int i = 0; i < 20000; i++) {
            StringBuilder json = new StringBuilder();
            randomObject(random, 0, json);
            byte[] bytes = json.toString().getBytes(StandardCharsets.UTF_8);
            byte[] altered = mutate(random, bytes);
            String tree = tree(new String(altered, StandardCharsets.UTF_8));
            String fast = hasher.canonical(altered);
            if (fast != null) {
                answered++;
                assertThat(fast).as(new String(altered, StandardCharsets.UTF_8)).isEqualTo(tree);
            }
        }
        assertThat(answered).as("altered texts the hasher still read").isGreaterThan(1000);
    }

    @Test
    void the_chain_link_is_sha256_of_the_two_texts() {
        String event = "cd".repeat(32);
        assertThat(LedgerChain.next(PREVIOUS, event)).isEqualTo(EventEnvelope.sha256Hex(PREVIOUS + event));
        assertThat(LedgerChain.next(LedgerChain.GENESIS, event))
                .isEqualTo(EventEnvelope.sha256Hex(LedgerChain.GENESIS + event));
        assertThat(LedgerChain.next("é", "😀")).isEqualTo(EventEnvelope.sha256Hex("é😀"));
    }

    private static byte[] mutate(Random random, byte[] bytes) {
        int at = random.nextInt(bytes.length);
        byte[] tokens = "{}[]\",:\\ 0123456789.-+eEtrufalsn\u0001".getBytes(StandardCharsets.UTF_8);
        byte replacement = random.nextInt(4) == 0 ? (byte) random.nextInt(256) : tokens[random.nextInt(tokens.length)];
        return switch (random.nextInt(3)) {
            case 0 -> {
                byte[] copy = bytes.clone();
                copy[at] = replacement;
                yield copy;
            }
            case 1 -> {
                byte[] copy = new byte[bytes.length - 1];
                System.arraycopy(bytes, 0, copy, 0, at);
                System.arraycopy(bytes, at + 1, copy, at, bytes.length - at - 1);
                yield copy;
            }
            default -> {
                byte[] copy = new byte[bytes.length + 1];
                System.arraycopy(bytes, 0, copy, 0, at);
                copy[at] = replacement;
                System.arraycopy(bytes, at, copy, at + 1, bytes.length - at);
                yield copy;
            }
        };
    }

    private static void randomObject(Random random, int depth, StringBuilder out) {
        List<String> names = new ArrayList<>();
        for (int i = random.nextInt(depth == 0 ? 8 : 5); i > 0; i--) {
            String name = randomName(random);
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        Collections.shuffle(names, random);
        out.append('{');
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                out.append(',').append(space(random));
            }
            out.append('"').append(names.get(i)).append('"').append(':').append(space(random));
            randomValue(random, depth + 1, out);
        }
        out.append('}');
    }

    private static void randomValue(Random random, int depth, StringBuilder out) {
        switch (depth > 3 ? random.nextInt(6) : random.nextInt(8)) {
            case 0 -> out.append("null");
            case 1 -> out.append(random.nextBoolean());
            case 2 -> out.append(randomNumber(random));
            case 3 -> out.append(random.nextLong() >> random.nextInt(64));
            case 4, 5 -> string(randomString(random), out);
            case 6 -> {
                out.append('[');
                for (int i = random.nextInt(5); i > 0; i--) {
                    randomValue(random, depth + 1, out);
                    if (i > 1) {
                        out.append(',').append(space(random));
                    }
                }
                out.append(']');
            }
            default -> randomObject(random, depth, out);
        }
    }

    private static String space(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> "";
            case 1, 2 -> " ";
            default -> "\n\t ";
        };
    }

    private static String randomNumber(Random random) {
        while (true) {
            double value = switch (random.nextInt(3)) {
                case 0 -> Double.longBitsToDouble(random.nextLong());
                case 1 -> (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(50) - 25);
                default -> Math.round(random.nextDouble() * 1e6) / Math.pow(10, random.nextInt(8));
            };
            if (Double.isFinite(value)) {
                return switch (random.nextInt(3)) {
                    case 0 -> Double.toString(value); // 1.0E-5 and the like
                    case 1 -> new BigDecimal(Double.toString(value)).toPlainString(); // as numeric prints it
                    default -> new BigDecimal(Double.toString(value)).toPlainString() + "0";
                };
            }
        }
    }

    private static String randomName(Random random) {
        StringBuilder name = new StringBuilder();
        for (int i = random.nextInt(8); i > 0; i--) {
            name.append((char) (0x20 + random.nextInt(0x5f)));
        }
        return name.toString().replace("\"", "").replace("\\", "");
    }

    private static String randomString(Random random) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(12); i > 0; i--) {
            switch (random.nextInt(5)) {
                case 0 -> text.append((char) random.nextInt(0x20));
                case 1 -> text.append("\"\\/".charAt(random.nextInt(3)));
                case 2 -> text.append((char) (0x20 + random.nextInt(0x60)));
                case 3 -> text.append((char) (0xa0 + random.nextInt(0xd700 - 0xa0)));
                default -> text.appendCodePoint(0x10000 + random.nextInt(0x10000));
            }
        }
        return text.toString();
    }

    /** A string as PostgreSQL prints it in JSON, which is RFC 8785's spelling. */
    private static void string(String value, StringBuilder out) {
        String printed = CanonicalJson.of(JSON.getNodeFactory().arrayNode().add(value));
        out.append(printed, 1, printed.length() - 1);
    }
}
