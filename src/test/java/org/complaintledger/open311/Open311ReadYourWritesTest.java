package org.complaintledger.open311;

import static org.complaintledger.open311.Open311Calls.BASE;
import static org.complaintledger.open311.Open311Calls.filing;
import static org.complaintledger.open311.Open311Calls.form;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.sql.Connection;
import java.sql.DriverManager;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * An Open311 client reads its own writes: a request is readable by its service_request_id the moment POST answers,
 * as the JSON API's callers read theirs (issue 16). The read side is held back for the whole run (a transaction in
 * flight holds the feed's horizon, so no projection sees the new filings), which makes every read here one that the
 * read model could not have answered.
 */
@QuarkusTest
class Open311ReadYourWritesTest {

    private static final int TIMES = 100;

    /** A transaction id in flight: events committed after it reach no projection until it ends. */
    private static Connection holdTheReadSide() throws Exception {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        Connection holder = DriverManager.getConnection(url, "postgres", "");
        holder.setAutoCommit(false);
        holder.createStatement().execute("SELECT pg_current_xact_id()");
        return holder;
    }

    @Test
    void a_request_filed_as_xml_is_read_at_once_by_its_id_a_hundred_times_in_a_row() throws Exception {
        try (Connection holder = holdTheReadSide()) {
            for (int i = 0; i < TIMES; i++) {
                String id = form(filing())
                        .post(BASE + "requests.xml")
                        .then()
                        .statusCode(201)
                        .contentType("text/xml")
                        .extract()
                        .path("service_requests.request.service_request_id");
                RestAssured.get(BASE + "requests/" + id + ".xml")
                        .then()
                        .statusCode(200)
                        .contentType("text/xml")
                        .body("service_requests.request.service_request_id", equalTo(id))
                        .body("service_requests.request.status", equalTo("open"))
                        .body("service_requests.request.service_code", equalTo("INFRASTRUCTURE"));
            }
            holder.rollback();
        }
    }

    @Test
    void a_request_filed_as_json_is_listed_at_once_by_service_request_id_a_hundred_times_in_a_row() throws Exception {
        try (Connection holder = holdTheReadSide()) {
            for (int i = 0; i < TIMES; i++) {
                String id = Open311Calls.file(filing());
                RestAssured.get(BASE + "requests.json?service_request_id=" + id)
                        .then()
                        .statusCode(200)
                        .body("", hasSize(1))
                        .body("[0].service_request_id", equalTo(id))
                        .body("[0].status", equalTo("open"));
                RestAssured.get(BASE + "requests/" + id + ".json")
                        .then()
                        .statusCode(200)
                        .body("[0].service_request_id", equalTo(id));
            }
            holder.rollback();
        }
    }

    @Test
    void an_id_that_was_never_filed_is_still_not_found() {
        RestAssured.get(BASE + "requests/LPR-ZZZZ-ZZZZ-ZZZQ.xml").then().statusCode(404);
        RestAssured.get(BASE + "requests.json?service_request_id=LPR-ZZZZ-ZZZZ-ZZZQ")
                .then()
                .statusCode(200)
                .body("", hasSize(0));
    }
}
