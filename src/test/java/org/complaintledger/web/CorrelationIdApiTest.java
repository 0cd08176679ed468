package org.complaintledger.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.complaintledger.support.Api.as;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.IntStream;
import org.complaintledger.support.Api;
import org.complaintledger.support.Tokens;
import org.jboss.logging.MDC;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One correlation id per request: in its log lines, in the events it appends, and on its response. */
@QuarkusTest
class CorrelationIdApiTest {

    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Inject
    Pool pool;

    private final Logger probeLogger = Logger.getLogger(CorrelationProbeResource.class.getName());
    private final List<String[]> lines = Collections.synchronizedList(new ArrayList<>());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            // read where the line is written, as a formatter's %X{correlationId} or the JSON formatter does
            Object id = MDC.get(CorrelationId.MDC_KEY);
            lines.add(new String[] {record.getMessage(), id == null ? null : id.toString()});
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void captureLogs() {
        probeLogger.addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        probeLogger.removeHandler(capture);
    }

    @Test
    void every_line_a_request_logs_carries_its_own_id_across_the_database_round_trip_under_concurrency()
            throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> echoed = IntStream.range(0, 24)
                    .mapToObj(i -> clients.submit(() -> given().header(CorrelationId.HEADER, "probe-" + i)
                            .get("/test/correlation-probe")
                            .then()
                            .statusCode(200)
                            .extract()
                            .header(CorrelationId.HEADER)))
                    .toList();
            for (int i = 0; i < echoed.size(); i++) {
                assertThat(echoed.get(i).get()).isEqualTo("probe-" + i);
            }
        } finally {
            clients.shutdown();
        }
        List<String[]> logged = List.copyOf(lines);
        assertThat(logged).hasSize(48);
        for (int i = 0; i < 24; i++) {
            String id = "probe-" + i;
            assertThat(logged.stream().filter(line -> id.equals(line[1])).map(line -> line[0]))
                    .as("the lines of request " + id)
                    .containsExactlyInAnyOrder("before the database", "after the database");
        }
    }

    @Test
    void a_request_without_an_id_or_with_an_unusable_one_gets_a_new_one_in_its_lines_and_on_its_response() {
        for (String given : new String[] {null, "two words", "x".repeat(65)}) {
            lines.clear();
            var request = given();
            if (given != null) {
                request.header(CorrelationId.HEADER, given);
            }
            String id = request.get("/test/correlation-probe")
                    .then()
                    .statusCode(200)
                    .extract()
                    .header(CorrelationId.HEADER);
            assertThat(id).matches(UUID_PATTERN);
            assertThat(lines).extracting(line -> line[1]).containsExactly(id, id);
        }
    }

    @Test
    void a_command_stores_the_id_it_answers_with_in_the_metadata_of_its_events() {
        var filing = as(Tokens.citizen("warga-correlated"))
                .body(Api.complaint("Siti", false, false))
                .post("/api/complaints")
                .then()
                .statusCode(201)
                .extract();
        String generated = filing.header(CorrelationId.HEADER);
        String id = filing.path("id");
        String given = as(Tokens.operator())
                .header(CorrelationId.HEADER, "frontend-req-42")
                .body("{\"agencyId\":\"dinas-pupr\",\"note\":\"mohon ditindaklanjuti\"}")
                .post("/api/complaints/" + id + "/dispatch")
                .then()
                .statusCode(200)
                .extract()
                .header(CorrelationId.HEADER);

        assertThat(generated).matches(UUID_PATTERN);
        assertThat(given).isEqualTo("frontend-req-42");
        assertThat(correlationIds(id, "complaint.submitted")).containsExactly(generated);
        assertThat(correlationIds(id, "complaint.dispatched")).containsExactly("frontend-req-42");
    }

    @Test
    void a_refused_request_echoes_its_id_too() {
        String id = Api.file("warga-correlated-refusal");
        String echoed = as(Tokens.citizen("warga-correlated-refusal"))
                .header(CorrelationId.HEADER, "refused-1")
                .body("{\"rating\":4}")
                .post("/api/complaints/" + id + "/accept")
                .then()
                .statusCode(409)
                .extract()
                .header(CorrelationId.HEADER);
        assertThat(echoed).isEqualTo("refused-1");
    }

    private List<String> correlationIds(String complaintId, String type) {
        List<String> ids = new ArrayList<>();
        pool.preparedQuery("SELECT metadata->>'correlationId' FROM events WHERE stream_id = $1 AND type = $2")
                .execute(Tuple.of(UUID.fromString(complaintId), type))
                .toCompletionStage()
                .toCompletableFuture()
                .join()
                .forEach(row -> ids.add(row.getString(0)));
        return ids;
    }
}
