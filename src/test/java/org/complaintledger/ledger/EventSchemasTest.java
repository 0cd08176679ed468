package org.complaintledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.complaintledger.complaint.Actor;
import org.complaintledger.complaint.Channel;
import org.complaintledger.complaint.ComplaintEvent;
import org.complaintledger.complaint.ComplaintEventType;
import org.complaintledger.complaint.EventSamples;
import org.complaintledger.complaint.ReportType;
import org.complaintledger.complaint.codec.ComplaintEventCodec;
import org.junit.jupiter.api.Test;

/**
 * The published schemas in {@code event-schemas/} against the event registry and the records: a schema for every
 * type at every version it ever had and no other, each schema closed and naming exactly the record's members with the
 * Java enums' constants, and every type's sample, encoded by the real codec, conforming.
 */
class EventSchemasTest {

    static final Path SCHEMAS = Path.of("event-schemas");
    private static final Set<String> ENVELOPE_MEMBERS = Set.of("complaintId", "occurredAt", "actor");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventSchemas schemas = new EventSchemas();
    private final ComplaintEventCodec codec = new ComplaintEventCodec();

    @Test
    void every_event_type_has_a_schema_for_each_of_its_versions_and_no_schema_is_orphaned() throws IOException {
        Set<String> expected = new TreeSet<>(
                Set.of("envelope/v1.schema.json", "asyncapi.yaml", "README.md", "webhooks.asyncapi.yaml"));
        for (ComplaintEventType type : ComplaintEventType.values()) {
            IntStream.rangeClosed(1, type.schemaVersion())
                    .forEach(version -> expected.add(type.wireName() + "/v" + version + ".schema.json"));
        }
        // the reference-data streams (administration): their own types and envelope, held to them in
        // ReferenceEventSchemasTest
        expected.add("reference-envelope/v1.schema.json");
        for (org.complaintledger.reference.ReferenceEventType type :
                org.complaintledger.reference.ReferenceEventType.values()) {
            IntStream.rangeClosed(1, type.schemaVersion())
                    .forEach(version -> expected.add(type.wireName() + "/v" + version + ".schema.json"));
        }
        assertThat(files()).containsExactlyElementsOf(expected);
    }

    @Test
    void every_schema_is_2020_12_closed_and_carries_its_stable_id() {
        for (ComplaintEventType type : ComplaintEventType.values()) {
            for (int version = 1; version <= type.schemaVersion(); version++) {
                JsonNode schema = read(type.wireName() + "/v" + version + ".schema.json");
                assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
                assertThat(schema.path("$id").asText())
                        .isEqualTo("https://schemas.complaint-ledger.example/events/" + type.wireName() + "/v" + version
                                + ".json");
                assertThat(schema.path("type").asText()).isEqualTo("object");
                assertThat(schema.path("additionalProperties").isBoolean()
                                && !schema.path("additionalProperties").booleanValue())
                        .as("%s v%d is closed", type, version)
                        .isTrue();
            }
        }
    }

    /** The codec writes every member of the record, null or not, so every member is required (a null is explicit). */
    @Test
    void the_current_schema_of_every_type_requires_exactly_the_members_of_its_record() {
        for (ComplaintEventType type : ComplaintEventType.values()) {
            JsonNode schema = current(type);
            List<String> members =
                    dataMembers(type).stream().map(RecordComponent::getName).toList();
            assertThat(fieldNames(schema.path("properties")))
                    .as("%s properties", type.wireName())
                    .containsExactlyElementsOf(members);
            assertThat(texts(schema.path("required")))
                    .as("%s required", type.wireName())
                    .containsExactlyElementsOf(members);
        }
    }

    @Test
    void the_enums_of_the_schemas_are_the_constants_of_the_java_enums() {
        int enumsChecked = 0;
        for (ComplaintEventType type : ComplaintEventType.values()) {
            for (RecordComponent member : dataMembers(type)) {
                JsonNode property = current(type).path("properties").path(member.getName());
                Class<?> enumType = member.getType().isEnum() ? member.getType() : listElement(member);
                if (enumType == null || !enumType.isEnum()) {
                    continue;
                }
                JsonNode values = member.getType().isEnum()
                        ? property.path("enum")
                        : property.path("items").path("enum");
                assertThat(texts(values))
                        .as("%s.%s", type.wireName(), member.getName())
                        .containsExactlyElementsOf(Arrays.stream(enumType.getEnumConstants())
                                .map(c -> ((Enum<?>) c).name())
                                .toList());
                enumsChecked++;
            }
        }
        assertThat(enumsChecked)
                .as("report type, channel, reasons, outcome, kinds, cause, forms")
                .isGreaterThanOrEqualTo(9);
    }

    @Test
    void a_sample_of_every_type_encoded_by_the_codec_conforms_to_its_schema() {
        Map<ComplaintEventType, ComplaintEvent> samples = EventSamples.oneOfEach();
        assertThat(samples.keySet()).containsExactlyInAnyOrder(ComplaintEventType.values());
        samples.forEach((type, event) -> {
            EventCodec.Encoded encoded = codec.encode(event);
            assertThat(encoded.type()).isEqualTo(type.wireName());
            assertThat(schemas.problems(encoded.type(), encoded.schemaVersion(), encoded.data()))
                    .as("%s", encoded.type())
                    .isEmpty();
        });
    }

    @Test
    void the_schemas_refuse_what_the_contract_forbids() {
        var submitted = ComplaintEventType.SUBMITTED;
        assertThat(problems(submitted, s -> s.put("sealedComplainant", "Budi Santoso, NIK 1403011234567890")))
                .as("personal data in plain text")
                .isNotEmpty();
        assertThat(problems(submitted, s -> s.put("nationalId", "1403011234567890")))
                .as("an undeclared member")
                .isNotEmpty();
        assertThat(problems(submitted, s -> s.remove("title")))
                .as("a missing member")
                .isNotEmpty();
        assertThat(problems(submitted, s -> s.put("channel", "CARRIER_PIGEON")))
                .as("a channel Java does not know")
                .isNotEmpty();
        assertThat(problems(submitted, s -> s.put("occurredOn", "28/02/2026")))
                .as("a date that is not RFC 3339")
                .isNotEmpty();
        assertThat(problems(submitted, s -> ((ObjectNode) s.get("location")).put("latitude", 91)))
                .as("off the globe")
                .isNotEmpty();
        assertThat(problems(ComplaintEventType.LINKED_AS_DUPLICATE, d -> d.put("originalId", "LPR-7KQ2-M9XD")))
                .as("not a uuid")
                .isNotEmpty();
        assertThat(problems(ComplaintEventType.DEADLINE_SET, d -> d.put("dueAt", "next Tuesday")))
                .as("not a date-time")
                .isNotEmpty();
        assertThat(problems(ComplaintEventType.FINDING_RECORDED, f -> f.putArray("forms")))
                .as("maladministration of no form")
                .isNotEmpty();
        assertThat(problems(ComplaintEventType.FINDING_RECORDED, f -> f.put("maladministration", false)))
                .as("no maladministration, yet forms")
                .isNotEmpty();
        assertThat(problems(ComplaintEventType.COMPLAINANT_ACCEPTED, a -> a.put("rating", 6)))
                .as("a rating above 5")
                .isNotEmpty();
        assertThat(problems(ComplaintEventType.DISPATCHED, d -> d.put("agencyId", "Dinas PUPR")))
                .as("not an agency id")
                .isNotEmpty();
    }

    @Test
    void a_checking_codec_refuses_to_encode_personal_data_in_plain_text() {
        var leaking = new ComplaintEvent.Submitted(
                UUID.randomUUID(),
                Instant.parse("2026-03-02T03:00:00Z"),
                Actor.citizen("warga-1"),
                "LPR-7KQ2-M9XD-4HPA",
                ReportType.COMPLAINT,
                "INFRASTRUCTURE",
                Channel.WEB,
                "Jalan berlubang",
                "Dalam",
                null,
                false,
                false,
                "warga-1",
                "Budi Santoso, NIK 1403011234567890",
                null);
        assertThat(codec.encode(leaking).data().path("sealedComplainant").asText())
                .startsWith("Budi");
        assertThatThrownBy(() -> new ComplaintEventCodec(schemas).encode(leaking))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("complaint.submitted v1")
                .hasMessageContaining("sealedComplainant");
    }

    @Test
    void the_envelope_schema_takes_exported_events_and_refuses_an_agency_on_a_citizen() {
        ObjectNode exported = EventEnvelope.sealed(
                        UUID.randomUUID(),
                        1,
                        UUID.randomUUID(),
                        "complaint.submitted",
                        1,
                        Instant.parse("2026-03-02T03:00:00.120Z"),
                        Instant.parse("2026-03-02T03:00:00.140Z"),
                        new EventEnvelope.EventActor("warga-1", "citizen", null),
                        encoded(ComplaintEventType.SUBMITTED),
                        EventEnvelope.GENESIS_HASH)
                .hashedObject();
        exported.put("hash", "ab".repeat(32)).putNull("ledgerSeq").putNull("chainHash");
        // the envelope's schema sits beside the event types', under the same naming
        var envelope = schemas.schema("envelope", 1);
        assertThat(envelope.validate(exported)).isEmpty();
        exported.with("actor").put("agency", "dinas-pupr");
        assertThat(envelope.validate(exported)).isNotEmpty();
        exported.with("actor").putNull("agency");
        exported.put("occurredAt", "2026-03-02T03:00:00Z");
        assertThat(envelope.validate(exported))
                .as("an instant hashed without its milliseconds")
                .isNotEmpty();
    }

    private ObjectNode encoded(ComplaintEventType type) {
        return codec.encode(EventSamples.oneOfEach().get(type)).data();
    }

    /** The problems of the type's sample once changed: the sample itself conforms (tested above). */
    private List<String> problems(ComplaintEventType type, Consumer<ObjectNode> change) {
        ObjectNode changed = encoded(type);
        change.accept(changed);
        return schemas.problems(type.wireName(), type.schemaVersion(), changed);
    }

    static List<RecordComponent> dataMembers(ComplaintEventType type) {
        return Arrays.stream(type.recordType().getRecordComponents())
                .filter(member -> !ENVELOPE_MEMBERS.contains(member.getName()))
                .toList();
    }

    private static Class<?> listElement(RecordComponent member) {
        return member.getType() == List.class
                ? (Class<?>) ((ParameterizedType) member.getGenericType()).getActualTypeArguments()[0]
                : null;
    }

    static JsonNode current(ComplaintEventType type) {
        return read(type.wireName() + "/v" + type.schemaVersion() + ".schema.json");
    }

    static JsonNode read(String file) {
        try {
            return JSON.readTree(SCHEMAS.resolve(file).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> files() throws IOException {
        try (Stream<Path> walk = Files.walk(SCHEMAS)) {
            return walk.filter(Files::isRegularFile)
                    .map(file -> SCHEMAS.relativize(file).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
