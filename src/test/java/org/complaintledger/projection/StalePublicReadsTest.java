package org.complaintledger.projection;

import static org.complaintledger.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.complaintledger.support.Api;
import org.complaintledger.support.ReadSide;
import org.complaintledger.support.Tokens;
import org.junit.jupiter.api.Test;

/** The public reads keep answering while complaint-views is rebuilt: from its last good rows, marked stale. */
@QuarkusTest
class StalePublicReadsTest {

    @Inject
    Pool pool;

    @Test
    void during_a_rebuild_tracking_and_open311_answer_from_the_last_good_rows_marked_stale_and_staff_lists_wait() {
        String id = Api.dispatched("warga-stale");
        String trackingNumber = as(Tokens.operator())
                .get("/api/complaints/" + id)
                .then()
                .extract()
                .path("trackingNumber");
        ReadSide.caughtUp(pool);
        // another owner holds every segment, so this instance applies nothing and the rebuild stays where it starts
        sql("UPDATE projection_segments SET owner = 'held-by-test', lease_until = now() + interval '1 hour'"
                + " WHERE projection = 'complaint-views'");
        try {
            as(Tokens.operator())
                    .post("/api/projections/complaint-views/rebuild")
                    .then()
                    .statusCode(202)
                    .body("rebuilding", equalTo(true));
            RestAssured.get("/api/track/" + trackingNumber)
                    .then()
                    .statusCode(200)
                    .header(ReadModel.STALE_HEADER, "true")
                    .body("stale", equalTo(true))
                    .body("status", equalTo("DISPATCHED"))
                    .body("agencyId", equalTo("dinas-pupr"));
            RestAssured.get("/open311/v2/requests/" + trackingNumber + ".json")
                    .then()
                    .statusCode(200)
                    .header(ReadModel.STALE_HEADER, "true")
                    .body("[0].service_request_id", equalTo(trackingNumber));
            RestAssured.get("/open311/v2/requests.json")
                    .then()
                    .statusCode(200)
                    .header(ReadModel.STALE_HEADER, "true")
                    .body("service_request_id", hasItem(trackingNumber));
            RestAssured.get("/open311/v2/tokens/" + id + ".json")
                    .then()
                    .statusCode(200)
                    .header(ReadModel.STALE_HEADER, "true")
                    .body("[0].service_request_id", equalTo(trackingNumber));
            RestAssured.get("/open311/v2/servicerequestupdates.xml")
                    .then()
                    .statusCode(200)
                    .header(ReadModel.STALE_HEADER, "true");
            // staff lists answer from half-built rows nowhere: they wait for the rebuild
            as(Tokens.operator())
                    .get("/api/operator/queue")
                    .then()
                    .statusCode(503)
                    .body("code", equalTo("projection.rebuilding"));
        } finally {
            sql("UPDATE projection_segments SET owner = NULL, lease_until = NULL"
                    + " WHERE projection = 'complaint-views' AND owner = 'held-by-test'");
        }
        ReadSide.caughtUp(pool);
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> RestAssured.get("/api/track/" + trackingNumber)
                        .then()
                        .statusCode(200)
                        .header(ReadModel.STALE_HEADER, nullValue())
                        .body("stale", nullValue()));
    }

    private void sql(String statement) {
        pool.query(statement)
                .execute()
                .toCompletionStage()
                .toCompletableFuture()
                .join();
    }
}
