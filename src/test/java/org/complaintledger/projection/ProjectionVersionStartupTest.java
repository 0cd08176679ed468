package org.complaintledger.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.complaintledger.support.Api.as;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import org.complaintledger.complaint.ComplaintSummary;
import org.complaintledger.ledger.HorizonFeed;
import org.complaintledger.support.Api;
import org.complaintledger.support.ReadSide;
import org.complaintledger.support.Tokens;
import org.complaintledger.view.ComplaintViewProjector;
import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.Test;

/**
 * Rows written by an older read-model version, as after a deploy: they answer 503 (never 500) until an instance
 * with the new version starts, which finds the older version recorded, rebuilds the projection and records its own;
 * a further start finds its own version and rebuilds nothing.
 */
@QuarkusTest
class ProjectionVersionStartupTest {

    @Inject
    io.vertx.sqlclient.Pool plainPool;

    @Inject
    io.vertx.mutiny.sqlclient.Pool pool;

    @Inject
    @Any
    Instance<Projector> projectors;

    @Inject
    Mutiny.SessionFactory sessions;

    @Inject
    HorizonFeed feed;

    @Inject
    Vertx vertx;

    @Inject
    MeterRegistry metrics;

    @Test
    void a_start_up_over_rows_of_an_older_read_model_version_rebuilds_them_and_never_answers_500() {
        String id = Api.file("warga-version");
        ReadSide.caughtUp(plainPool);
        String shown = as(Tokens.operator())
                .get("/api/complaints/" + id)
                .then()
                .statusCode(200)
                .extract()
                .asString();

        // what version 1 left behind: the decider's state as the document, and its version recorded
        sql("UPDATE complaint_views SET state = jsonb_set(state - 'review', '{lastDeclinedBy}', '\"dinas-pupr\"')"
                + " WHERE id = '" + id + "'");
        sql("UPDATE projection_versions SET version = 1 WHERE projection = '" + ComplaintViewProjector.NAME + "'");
        as(Tokens.operator())
                .get("/api/complaints/" + id)
                .then()
                .statusCode(503)
                .body("code", org.hamcrest.Matchers.equalTo("projection.rebuilding"));
        int generation = generation();

        Projections started = start();
        try {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> recordedVersion() == ComplaintSummary.READ_MODEL_VERSION);
            assertThat(generation()).as("the projection was rebuilt").isEqualTo(generation + 1);
            ReadSide.caughtUp(plainPool);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !started.status(ComplaintViewProjector.NAME).rebuilding() && started.started());
            as(Tokens.operator())
                    .get("/api/complaints/" + id)
                    .then()
                    .statusCode(200)
                    .body(org.hamcrest.Matchers.equalTo(shown));
        } finally {
            started.stop(null);
        }

        Projections again = start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(again::started);
            assertThat(generation())
                    .as("rows of its own version are not rebuilt")
                    .isEqualTo(generation + 1);
        } finally {
            again.stop(null);
        }
        // the suite's service shares this database: let it finish the rebuild that the new generation started, so
        // that the test classes after this one do not meet a projection answering 503 while it rebuilds
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() ->
                        as(Tokens.operator()).get("/api/operator/queue").then().statusCode(200));
    }

    /** Another instance starting against this database, wired as the container wires one. */
    private Projections start() {
        Projections p = new Projections();
        p.projectors = projectors;
        p.pool = pool;
        p.sessions = sessions;
        p.feed = feed;
        p.vertx = vertx;
        p.metrics = metrics;
        p.enabled = true;
        p.segments = 2;
        p.batchSize = 1000;
        p.lease = Duration.ofSeconds(10);
        p.pollInterval = Duration.ofMillis(50);
        p.start(null);
        return p;
    }

    private int recordedVersion() {
        Row row = query("SELECT coalesce(max(version), 0) FROM projection_versions WHERE projection = '"
                + ComplaintViewProjector.NAME + "'");
        return row.getInteger(0);
    }

    private int generation() {
        return query("SELECT max(generation) FROM projection_segments WHERE projection = '"
                        + ComplaintViewProjector.NAME + "'")
                .getInteger(0);
    }

    private void sql(String statement) {
        plainPool
                .query(statement)
                .execute()
                .toCompletionStage()
                .toCompletableFuture()
                .join();
    }

    private Row query(String statement) {
        return plainPool
                .query(statement)
                .execute()
                .toCompletionStage()
                .toCompletableFuture()
                .join()
                .iterator()
                .next();
    }
}
