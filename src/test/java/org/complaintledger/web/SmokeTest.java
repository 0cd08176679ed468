package org.complaintledger.web;

import io.quarkus.test.junit.QuarkusTest;
import org.complaintledger.support.Tokens;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class SmokeTest {

    @Test
    void files_a_complaint() {
        String token = Tokens.citizen("citizen-smoke");
        var body = """
                {"title":"Lampu jalan padam","description":"Sudah tiga malam padam","reportType":"COMPLAINT",
                 "category":"INFRASTRUCTURE","channel":"WEB","anonymous":false,"confidential":false,
                 "complainant":{"name":"Siti Aminah","phone":"+62 812 3456 7890","email":"siti@example.id"}}""";
        var response = given().auth().oauth2(token).contentType("application/json").body(body)
                .post("/api/complaints").then().log().ifValidationFails().statusCode(201)
                .body("status", equalTo("SUBMITTED")).extract().response();
        System.out.println(response.asPrettyString());
        String id = response.path("id");
        given().auth().oauth2(Tokens.operator()).contentType("application/json")
                .body("{\"agencyId\":\"dinas-pupr\",\"note\":\"tolong\"}")
                .post("/api/complaints/" + id + "/dispatch").then().log().all().statusCode(200);
        given().auth().oauth2(Tokens.auditor()).get("/api/complaints/" + id + "/history").then().log().all().statusCode(200);
    }
}
