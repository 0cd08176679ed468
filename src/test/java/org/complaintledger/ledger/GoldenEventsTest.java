package org.complaintledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.complaintledger.complaint.Actor;
import org.complaintledger.complaint.ComplaintEvent;
import org.complaintledger.complaint.ComplaintEventType;
import org.complaintledger.complaint.codec.ComplaintEventCodec;
import org.complaintledger.complaint.codec.ComplaintUpcasters;
import org.complaintledger.ledger.EventEnvelope.EventActor;
import org.junit.jupiter.api.Test;

/**
 * Stored events of every type at every published schema version, each captured from the encoder of its day
 * ({@code src/test/resources/golden-events/<type>/v<n>.json}, in the export format): they must go on verifying,
 * conforming to the schema they were written in, and reading into today's records, because the ledger keeps them
 * for ever exactly as they were written.
 */
class GoldenEventsTest {

    static final Path GOLDEN = Path.of("src/test/resources/golden-events");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventSchemas schemas = new EventSchemas();
    private final ComplaintEventCodec codec = new ComplaintEventCodec();

    @Test
    void there_is_a_golden_event_for_every_published_schema() throws IOException {
        TreeSet<String> published = new TreeSet<>();
        for (ComplaintEventType type : ComplaintEventType.values()) {
            for (int version = 1; version <= type.schemaVersion(); version++) {
                published.add(type.wireName() + "/v" + version + ".json");
            }
        }
        try (Stream<Path> files = Files.walk(GOLDEN)) {
            assertThat(files.filter(Files::isRegularFile)
                            .map(file -> GOLDEN.relativize(file).toString())
                            .sorted())
                    .containsExactlyElementsOf(published);
        }
    }

    @Test
    void every_golden_event_still_hashes_to_its_stored_hash_and_conforms_to_the_schema_it_was_written_in()
            throws IOException {
        for (JsonNode golden : goldenEvents()) {
            EventEnvelope envelope = envelope(golden);
            assertThat(envelope.computeHash())
                    .as("%s", envelope.type())
                    .isEqualTo(golden.get("hash").asText());
            assertThat(schemas.problems(envelope.type(), envelope.schemaVersion(), envelope.data()))
                    .as("%s v%d", envelope.type(), envelope.schemaVersion())
                    .isEmpty();
        }
    }

    /**
     * Reading upcasts a copy: the stored data is left as it was (so its hash still holds), and what the record
     * writes back today is exactly the upcast data, in today's schema.
     */
    @Test
    void every_golden_event_reads_into_todays_record_and_writes_back_as_its_upcast_data() throws IOException {
        for (JsonNode golden : goldenEvents()) {
            EventEnvelope envelope = envelope(golden);
            ObjectNode stored = envelope.data().deepCopy();
            ComplaintEvent event = codec.decode(envelope);
            ComplaintEventType type =
                    ComplaintEventType.fromWireName(envelope.type()).orElseThrow();
            assertThat(event).isInstanceOf(type.recordType());
            assertThat(event.complaintId()).isEqualTo(envelope.complaintId());
            assertThat(event.occurredAt()).isEqualTo(envelope.occurredAt());
            assertThat(envelope.data())
                    .as("%s v%d stored data", envelope.type(), envelope.schemaVersion())
                    .isEqualTo(stored);
            assertThat(envelope.computeHash()).isEqualTo(golden.get("hash").asText());

            EventCodec.Encoded written = codec.encode(event);
            assertThat(written.schemaVersion()).isEqualTo(type.schemaVersion());
            assertThat(written.data())
                    .as("%s v%d read and written again", envelope.type(), envelope.schemaVersion())
                    .isEqualTo(ComplaintUpcasters.upcast(
                            envelope.type(), envelope.schemaVersion(), type.schemaVersion(), stored));
            assertThat(schemas.problems(written.type(), written.schemaVersion(), written.data()))
                    .isEmpty();
        }
    }

    @Test
    void a_follow_up_of_version_1_reads_with_no_day_of_action() throws IOException {
        EventEnvelope v1 = envelope(read(GOLDEN.resolve("complaint.follow-up-posted/v1.json")));
        assertThat(v1.schemaVersion()).isEqualTo(1);
        assertThat(v1.data().has("actionTakenOn")).isFalse();
        assertThat(codec.decode(v1))
                .isEqualTo(new ComplaintEvent.FollowUpPosted(
                        v1.complaintId(),
                        v1.occurredAt(),
                        Actor.officer("officer-3", "dinas-pupr"),
                        "dinas-pupr",
                        "Patched on 9 March",
                        null));
        assertThat(codec.encode(codec.decode(v1)).schemaVersion())
                .as("new events are written as v2")
                .isEqualTo(2);
    }

    /** Without its upcaster, a v1 follow-up would be a v2 payload missing a member: refused, never a silent null. */
    @Test
    void a_payload_missing_a_member_of_its_version_is_refused_rather_than_read_as_null() throws IOException {
        EventEnvelope v2 = envelope(read(GOLDEN.resolve("complaint.follow-up-posted/v2.json")));
        ObjectNode withoutDay = v2.data().deepCopy();
        withoutDay.remove("actionTakenOn");
        assertThatThrownBy(() -> codec.decode(withData(v2, 2, withoutDay)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("complaint.follow-up-posted");
        assertThat(((ComplaintEvent.FollowUpPosted) codec.decode(withData(v2, 1, withoutDay))).actionTakenOn())
                .isNull();
    }

    @Test
    void the_envelope_says_whose_event_it_is_even_where_the_data_names_a_member_of_the_envelope() throws IOException {
        for (int version : new int[] {1, 2}) {
            EventEnvelope stored = envelope(read(GOLDEN.resolve("complaint.follow-up-posted/v" + version + ".json")));
            ObjectNode data = stored.data().deepCopy();
            data.put("complaintId", UUID.randomUUID().toString());
            data.put("occurredAt", "2000-01-01T00:00:00Z");
            data.putObject("actor").put("subject", "someone-else").put("role", "OPERATOR");
            var event = (ComplaintEvent.FollowUpPosted) codec.decode(withData(stored, version, data));
            assertThat(event.complaintId()).isEqualTo(stored.complaintId());
            assertThat(event.occurredAt()).isEqualTo(stored.occurredAt());
            assertThat(event.actor()).isEqualTo(ComplaintEventCodec.toActor(stored.actor()));
            assertThat(event.message()).isEqualTo(data.get("message").asText());
        }
    }

    @Test
    void a_version_newer_than_this_release_reads_is_refused() throws IOException {
        EventEnvelope v2 = envelope(read(GOLDEN.resolve("complaint.follow-up-posted/v2.json")));
        assertThatThrownBy(() -> codec.decode(withData(v2, 3, v2.data())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("complaint.follow-up-posted v3");
    }

    private static EventEnvelope withData(EventEnvelope envelope, int schemaVersion, ObjectNode data) {
        return new EventEnvelope(
                envelope.complaintId(),
                envelope.version(),
                envelope.eventId(),
                envelope.type(),
                schemaVersion,
                envelope.occurredAt(),
                envelope.recordedAt(),
                envelope.actor(),
                data,
                envelope.previousHash(),
                envelope.hash());
    }

    static List<JsonNode> goldenEvents() throws IOException {
        try (Stream<Path> files = Files.walk(GOLDEN)) {
            return files.filter(Files::isRegularFile)
                    .sorted()
                    .map(GoldenEventsTest::read)
                    .toList();
        }
    }

    static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The stored event, as the ledger reader builds it from the table's columns. */
    static EventEnvelope envelope(JsonNode golden) {
        JsonNode actor = golden.get("actor");
        return new EventEnvelope(
                UUID.fromString(golden.get("complaintId").asText()),
                golden.get("version").asInt(),
                UUID.fromString(golden.get("eventId").asText()),
                golden.get("type").asText(),
                golden.get("schemaVersion").asInt(),
                Instant.parse(golden.get("occurredAt").asText()),
                Instant.parse(golden.get("recordedAt").asText()),
                new EventActor(
                        actor.get("subject").asText(),
                        actor.get("role").asText(),
                        actor.get("agency").isNull()
                                ? null
                                : actor.get("agency").asText()),
                (ObjectNode) golden.get("data"),
                golden.get("previousHash").asText(),
                golden.get("hash").asText());
    }
}
