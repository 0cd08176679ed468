package org.complaintledger.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.util.List;

/**
 * The published JSON Schemas (2020-12) of the stored events: {@code event-schemas/} at the repository root, packaged
 * under {@code event-schemas/} on the classpath, one per type and schema version. The schema of an event's
 * {@code data} is the one named by the {@code type} and {@code schemaVersion} its envelope carries.
 */
public final class EventSchemas {

    /** Every schema's {@code $id} starts here; ids never change, wherever the files are served from. */
    private static final String BASE_ID = "https://schemas.complaint-ledger.example/events/";

    private static final String CLASSPATH_ROOT = "event-schemas/";

    // Format assertions are off by default in 2020-12 (formats only annotate); a uuid or date-time is part of the
    // contract here, so they are asserted.
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                            .formatAssertionsEnabled(true)
                            .build())
                    .schemaIdResolvers(resolvers -> resolvers.mappings(
                            id -> id.startsWith(BASE_ID),
                            id -> "classpath:" + CLASSPATH_ROOT + file(id.substring(BASE_ID.length())))));

    /** The {@code $id} of a type's schema at a version, e.g. {@code …/events/complaint.submitted/v1.json}. */
    private static String id(String type, int schemaVersion) {
        return BASE_ID + type + "/v" + schemaVersion + ".json";
    }

    /** The file of an id's path, relative to {@code event-schemas/}: {@code complaint.submitted/v1.schema.json}. */
    private static String file(String idPath) {
        return idPath.replaceFirst("\\.json$", ".schema.json");
    }

    public Schema schema(String type, int schemaVersion) {
        return registry.getSchema(SchemaLocation.of(id(type, schemaVersion)));
    }

    /** What is wrong with {@code data} as an event of this type and version; empty when it conforms. */
    public List<String> problems(String type, int schemaVersion, JsonNode data) {
        return schema(type, schemaVersion).validate(data).stream()
                .map(Error::toString)
                .toList();
    }

    /** Refuses, loudly, a payload that breaks its published schema. */
    public void check(String type, int schemaVersion, JsonNode data) {
        List<String> problems = problems(type, schemaVersion, data);
        if (!problems.isEmpty()) {
            throw new IllegalStateException(type + " v" + schemaVersion + " does not conform to its published schema "
                    + id(type, schemaVersion) + ": " + String.join("; ", problems));
        }
    }
}
