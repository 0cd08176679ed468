package org.complaintledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.complaintledger.ledger.LedgerProbe.awaitSequenced;
import static org.complaintledger.support.Api.as;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.sqlclient.Pool;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.complaintledger.support.Api;
import org.complaintledger.support.Tokens;
import org.junit.jupiter.api.Test;

/** The README's offline recipe, run as an auditor would run it: python3 and the exported file, none of our code. */
@QuarkusTest
class OfflineVerificationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> DOCUMENTED_ORDER = List.of(
            "complaintId",
            "version",
            "eventId",
            "type",
            "schemaVersion",
            "occurredAt",
            "recordedAt",
            "actor",
            "data",
            "previousHash",
            "hash",
            "ledgerSeq",
            "chainHash");

    @Inject
    Pool pool;

    @Test
    void an_exported_history_verifies_offline_and_an_altered_or_shortened_copy_does_not() throws Exception {
        String id = Api.dispatched("warga-offline");
        awaitSequenced(pool, UUID.fromString(id));
        String export = as(Tokens.auditor())
                .get("/api/complaints/" + id + "/export")
                .then()
                .statusCode(200)
                .contentType("application/x-ndjson")
                .extract()
                .asString();
        List<String> lines = export.lines().toList();
        assertThat(lines).hasSize(6);
        for (String line : lines) {
            List<String> members = new ArrayList<>();
            JSON.readTree(line).fieldNames().forEachRemaining(members::add);
            assertThat(members).containsExactlyElementsOf(DOCUMENTED_ORDER);
        }
        assertThat(lines.getFirst()).contains("\"latitude\":1.465", "\"longitude\":102.1073");

        assertThat(verifyOffline(export)).startsWith("OK: 6 events");
        assertThat(verifyOffline(export.replaceFirst("Jalan berlubang", "Jalan mulus")))
                .startsWith("INVALID: line 1")
                .contains("altered");
        assertThat(verifyOffline(String.join("\n", lines.getFirst(), lines.get(2))))
                .startsWith("INVALID: line 2")
                .contains("missing");
    }

    @Test
    void the_ledger_from_its_first_event_verifies_offline_chain_hashes_included() throws Exception {
        awaitSequenced(pool, UUID.fromString(Api.file("warga-offline-ledger")));
        StringBuilder lines = new StringBuilder();
        var page = as(Tokens.auditor())
                .queryParam("after", 0)
                .queryParam("limit", 1000)
                .get("/api/ledger/events")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        Iterator<com.fasterxml.jackson.databind.JsonNode> events =
                JSON.readTree(page).get("events").elements();
        while (events.hasNext()) {
            lines.append(JSON.writeValueAsString(events.next())).append('\n');
        }

        assertThat(verifyOffline(lines.toString())).startsWith("OK: ").contains("last ledgerSeq");
    }

    /** Runs tools/verify-export.py on the text and answers what it printed, with its exit status checked against it. */
    private static String verifyOffline(String ndjson) throws IOException, InterruptedException {
        Path file = Files.createTempFile("export", ".ndjson");
        try {
            Files.writeString(file, ndjson, StandardCharsets.UTF_8);
            Process process = new ProcessBuilder("python3", "tools/verify-export.py", file.toString())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(output).isEqualTo(output.startsWith("OK") ? 0 : 1);
            return output;
        } finally {
            Files.delete(file);
        }
    }
}
