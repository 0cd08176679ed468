package org.complaintledger.reference;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.complaintledger.support.Tokens;
import org.junit.jupiter.api.Test;

/** The report types come from the API, with their names in both languages, for anyone (the console reads them). */
@QuarkusTest
class ReportTypesApiTest {

    @Test
    void anyone_reads_the_report_types_with_their_names_in_bahasa_indonesia_and_english() {
        given().get("/api/report-types")
                .then()
                .statusCode(200)
                .contentType("application/json")
                .body("code", contains("COMPLAINT", "ASPIRATION", "INFORMATION_REQUEST"))
                .body("find { it.code == 'COMPLAINT' }.name.id", equalTo("Pengaduan"))
                .body("find { it.code == 'INFORMATION_REQUEST' }.name.en", equalTo("Information request"));
        given().auth()
                .oauth2(Tokens.operator())
                .get("/api/report-types")
                .then()
                .statusCode(200)
                .body("find { it.code == 'ASPIRATION' }.name.id", equalTo("Aspirasi"));
    }
}
