package org.complaintledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Random;
import org.erdtman.jcs.JsonCanonicalizer;
import org.junit.jupiter.api.Test;

/** Our tree-walking RFC 8785 against the RFC's reference implementation, which reads text. */
class CanonicalJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Test
    void it_sorts_members_by_utf16_code_units_as_the_rfcs_own_example_does() throws Exception {
        ObjectNode node = NODES.objectNode();
        for (String name : new String[] {"\u20ac", "\r", "\ufb33", "1", "\ud83d\ude00", "\u0080", "\u00f6"}) {
            node.put(name, name);
        }
        assertThat(CanonicalJson.of(node))
                .startsWith("{\"\\r\":\"\\r\",\"1\":\"1\",\"\u0080\"")
                .isEqualTo(reference(node));
    }

    @Test
    void it_prints_numbers_strings_and_literals_as_the_reference_does() throws Exception {
        ObjectNode node = (ObjectNode) JSON.readTree("""
                {"latitude":1.4650,"longitude":102.0,"big":1e21,"small":1e-7,"minusZero":-0.0,"int":42,
                 "long":9007199254740993,"neg":-5.5,"text":"tab\\there \\"quoted\\" back\\\\slash \\u0001 \\u001f é 😀",
                 "empty":{},"list":[null,true,false,[],{"b":1,"a":2}],"unicode":"\\u2028\\u2029\\u007f"}""");
        assertThat(CanonicalJson.of(node))
                .isEqualTo(reference(node))
                .contains(
                        "\"latitude\":1.465",
                        "\"longitude\":102",
                        "\"big\":1e+21",
                        "\"small\":1e-7",
                        "\"minusZero\":0",
                        "\\u0001");
    }

    @Test
    void it_agrees_with_the_reference_on_two_thousand_random_documents() throws Exception {
        Random random = new Random(8785);
        for (int i = 0; i < 2000; i++) {
            // the reference reads only an object or an array at the top, as our envelopes are
            JsonNode node = NODES.objectNode().set(randomString(random), randomNode(random, 0));
            assertThat(CanonicalJson.of(node)).as("document %d", i).isEqualTo(reference(node));
        }
    }

    @Test
    void an_envelope_sealed_for_storage_hashes_as_its_tree_does_and_stores_its_canonical_text() throws Exception {
        Random random = new Random(20261207);
        for (int i = 0; i < 1000; i++) {
            ObjectNode data = NODES.objectNode();
            for (int m = random.nextInt(8); m > 0; m--) {
                data.set(randomString(random), randomNode(random, 1));
            }
            EventEnvelope.EventActor actor = new EventEnvelope.EventActor(
                    randomString(random), randomString(random), random.nextBoolean() ? null : randomString(random));
            Object[] members = {
                new java.util.UUID(random.nextLong(), random.nextLong()),
                1 + random.nextInt(1000),
                new java.util.UUID(random.nextLong(), random.nextLong()),
                randomString(random),
                1 + random.nextInt(5),
                java.time.Instant.ofEpochMilli(random.nextLong(0, 4_102_444_800_000L)),
                java.time.Instant.ofEpochMilli(random.nextLong(0, 4_102_444_800_000L)),
                random.nextBoolean() ? EventEnvelope.GENESIS_HASH : randomString(random)
            };
            EventEnvelope.Stored stored = EventEnvelope.sealedForStorage(
                    (java.util.UUID) members[0],
                    (int) members[1],
                    (java.util.UUID) members[2],
                    (String) members[3],
                    (int) members[4],
                    (java.time.Instant) members[5],
                    (java.time.Instant) members[6],
                    actor,
                    data,
                    (String) members[7]);
            EventEnvelope envelope = stored.envelope();
            assertThat(envelope.canonicalWith(stored.actorJson(), CanonicalJson.of(data)))
                    .as("envelope %d", i)
                    .isEqualTo(EventEnvelope.canonical(envelope.hashedObject()));
            assertThat(envelope.hash()).isEqualTo(envelope.computeHash());
            assertThat(JSON.readTree(stored.actorJson())).isEqualTo(envelope.actorObject());
            // the same values, numbers compared as numbers (5.0 is read back as the integer 5), whether stored as
            // the canonical text or, for numbers beyond a double, as Jackson writes them
            assertThat(data.equals(SAME_VALUE, JSON.readTree(stored.dataJson())))
                    .as("stored as it was: %s", data)
                    .isTrue();
        }
    }

    @Test
    void data_whose_numbers_a_double_would_alter_is_not_stored_as_canonical_text() {
        assertThat(CanonicalJson.faithful(NODES.objectNode().put("n", (1L << 53) + 1)))
                .isNull();
        assertThat(CanonicalJson.faithful(
                        NODES.objectNode().put("n", new java.math.BigDecimal("0.1000000000000000000001"))))
                .isNull();
        assertThat(CanonicalJson.faithful(
                        NODES.objectNode().set("a", NODES.arrayNode().add(java.math.BigInteger.TEN.pow(30)))))
                .isNull();
        assertThat(CanonicalJson.faithful(
                        NODES.objectNode().put("n", 1L << 53).put("d", 0.1).put("i", 7)))
                .isEqualTo("{\"d\":0.1,\"i\":7,\"n\":9007199254740992}");
    }

    private static final java.util.Comparator<JsonNode> SAME_VALUE =
            (a, b) -> a.isNumber() && b.isNumber() ? a.decimalValue().compareTo(b.decimalValue()) : a.equals(b) ? 0 : 1;

    private static String reference(JsonNode node) throws Exception {
        return new JsonCanonicalizer(JSON.writeValueAsString(node)).getEncodedString();
    }

    private static JsonNode randomNode(Random random, int depth) {
        int kind = depth > 3 ? random.nextInt(6) : random.nextInt(8);
        return switch (kind) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.numberNode(randomDouble(random));
            case 3 -> NODES.numberNode(random.nextLong() >> random.nextInt(64));
            case 4, 5 -> NODES.textNode(randomString(random));
            case 6 -> {
                ArrayNode array = NODES.arrayNode();
                for (int i = random.nextInt(5); i > 0; i--) {
                    array.add(randomNode(random, depth + 1));
                }
                yield array;
            }
            default -> {
                ObjectNode object = NODES.objectNode();
                for (int i = random.nextInt(6); i > 0; i--) {
                    object.set(randomString(random), randomNode(random, depth + 1));
                }
                yield object;
            }
        };
    }

    private static double randomDouble(Random random) {
        while (true) {
            double value = switch (random.nextInt(3)) {
                case 0 -> Double.longBitsToDouble(random.nextLong());
                case 1 -> (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(50) - 25);
                default -> Math.round(random.nextDouble() * 1e6) / Math.pow(10, random.nextInt(8));
            };
            if (Double.isFinite(value)) {
                return value;
            }
        }
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
}
