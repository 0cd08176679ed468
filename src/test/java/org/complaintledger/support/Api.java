package org.complaintledger.support;

import static io.restassured.RestAssured.given;

import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/** The REST calls the tests make, as a frontend would make them. */
public final class Api {

    private Api() {}

    public static String complaint(String name, boolean anonymous, boolean confidential) {
        return """
                {"title":"Jalan berlubang di Jalan Sudirman","description":"Lubang besar dekat pasar, sudah dua minggu.",
                 "reportType":"COMPLAINT","category":"INFRASTRUCTURE","channel":"WEB",
                 "location":{"regency":"Bengkalis","district":"Bengkalis","village":"Senggoro","latitude":1.4650,"longitude":102.1073},
                 "anonymous":%s,"confidential":%s,
                 "complainant":{"name":"%s","nationalId":"1403012345678901","phone":"+62 812 1111 2222","email":"pelapor@example.id"}}""".formatted(anonymous, confidential, name);
    }

    public static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType("application/json");
    }

    /** Files a complaint as this citizen and answers its id. */
    public static String file(String citizen) {
        return as(Tokens.citizen(citizen))
                .body(complaint("Siti Aminah", false, false))
                .post("/api/complaints")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    public static ValidatableResponse post(String token, String path, String body) {
        return as(token).body(body).post(path).then();
    }

    /** Files and dispatches to dinas-pupr: the starting point of most agency-side tests. */
    public static String dispatched(String citizen) {
        String id = file(citizen);
        post(
                        Tokens.operator(),
                        "/api/complaints/" + id + "/dispatch",
                        "{\"agencyId\":\"dinas-pupr\",\"note\":\"mohon ditindaklanjuti\"}")
                .statusCode(200);
        return id;
    }
}
