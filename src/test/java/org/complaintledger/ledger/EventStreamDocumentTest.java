package org.complaintledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.complaintledger.complaint.ComplaintEventType;
import org.junit.jupiter.api.Test;

/**
 * {@code event-schemas/asyncapi.yaml} against the event registry and the schemas beside it: a message for every type
 * at every published version on every channel, each message's payload the envelope with its type's data schema, and
 * the golden stored events conforming to their own message and to no other type's.
 */
class EventStreamDocumentTest {

    private static final Path DOCUMENT = EventSchemasTest.SCHEMAS.resolve("asyncapi.yaml");

    private final JsonNode asyncapi = read();
    // resolves the document's relative $refs as AsyncAPI tools do: to the files beside the document
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                            .formatAssertionsEnabled(true)
                            .build())
                    .schemas(EventStreamDocumentTest::besideTheDocument));

    @Test
    void it_is_asyncapi_3_with_a_message_for_every_type_at_every_version_on_every_channel() {
        assertThat(asyncapi.path("asyncapi").asText()).isEqualTo("3.0.0");
        TreeSet<String> published = new TreeSet<>();
        for (ComplaintEventType type : ComplaintEventType.values()) {
            for (int version = 1; version <= type.schemaVersion(); version++) {
                published.add(messageId(type.wireName(), version));
            }
        }
        assertThat(names(asyncapi.path("components").path("messages"))).containsExactlyElementsOf(published);
        assertThat(names(asyncapi.path("channels"))).containsExactly("complaintExport", "events", "ledger");
        asyncapi.path("channels").properties().forEach(channel -> {
            assertThat(names(channel.getValue().path("messages")))
                    .as(channel.getKey())
                    .containsExactlyElementsOf(published);
            channel.getValue()
                    .path("messages")
                    .properties()
                    .forEach(message -> assertThat(
                                    message.getValue().path("$ref").asText())
                            .isEqualTo("#/components/messages/" + message.getKey()));
        });
        asyncapi.path("operations")
                .properties()
                .forEach(operation -> assertThat(asyncapi.at(operation
                                        .getValue()
                                        .path("channel")
                                        .path("$ref")
                                        .asText()
                                        .substring(1))
                                .isObject())
                        .as(operation.getKey())
                        .isTrue());
    }

    @Test
    void every_message_is_the_envelope_with_the_data_schema_of_its_type_and_version() {
        asyncapi.path("components").path("messages").properties().forEach(entry -> {
            JsonNode message = entry.getValue();
            String type = message.path("name").asText();
            JsonNode payload = message.path("payload");
            assertThat(payload.path("schemaFormat").asText())
                    .isEqualTo("application/schema+json;version=draft-2020-12");
            JsonNode parts = payload.path("schema").path("allOf");
            assertThat(parts.get(0).path("$ref").asText()).isEqualTo("./envelope/v1.schema.json");
            JsonNode members = parts.get(1).path("properties");
            int version = members.path("schemaVersion").path("const").asInt();
            assertThat(entry.getKey()).isEqualTo(messageId(type, version));
            assertThat(members.path("type").path("const").asText()).isEqualTo(type);
            String data = members.path("data").path("$ref").asText();
            assertThat(data).isEqualTo("./" + type + "/v" + version + ".schema.json");
            assertThat(EventSchemasTest.SCHEMAS.resolve(data)).isRegularFile();
        });
    }

    @Test
    void every_golden_event_conforms_to_its_own_message_and_not_to_another_types() throws IOException {
        Schema followUpV2 = payload(messageId("complaint.follow-up-posted", 2));
        int checked = 0;
        for (JsonNode golden : GoldenEventsTest.goldenEvents()) {
            String id = messageId(
                    golden.path("type").asText(), golden.path("schemaVersion").asInt());
            assertThat(payload(id).validate(golden)).as(id).isEmpty();
            if (!id.equals(messageId("complaint.follow-up-posted", 2))) {
                assertThat(followUpV2.validate(golden))
                        .as("%s as a v2 follow-up", id)
                        .isNotEmpty();
            }
            checked++;
        }
        assertThat(checked)
                .isEqualTo(asyncapi.path("components").path("messages").size());

        ObjectNode withoutDay = (ObjectNode)
                GoldenEventsTest.read(GoldenEventsTest.GOLDEN.resolve("complaint.follow-up-posted/v2.json"));
        ((ObjectNode) withoutDay.get("data")).remove("actionTakenOn");
        assertThat(followUpV2.validate(withoutDay))
                .as("the data is held to its type's schema")
                .isNotEmpty();
    }

    private Schema payload(String messageId) {
        String pointer = "/components/messages/" + messageId + "/payload/schema";
        return registry.getSchema(
                SchemaLocation.of(DOCUMENT.toAbsolutePath().toUri() + "#" + pointer), asyncapi.at(pointer));
    }

    private static String besideTheDocument(String iri) {
        String directory = DOCUMENT.toAbsolutePath().getParent().toUri().toString();
        if (!iri.startsWith(directory)) {
            return null;
        }
        try {
            return Files.readString(DOCUMENT.toAbsolutePath().getParent().resolve(iri.substring(directory.length())));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String messageId(String type, int version) {
        return type + ".v" + version;
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names.stream().sorted().toList();
    }

    private static JsonNode read() {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(Files.readString(DOCUMENT));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
