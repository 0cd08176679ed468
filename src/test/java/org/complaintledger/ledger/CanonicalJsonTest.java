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
