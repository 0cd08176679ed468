package org.complaintledger.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import org.complaintledger.support.Tokens;
import org.junit.jupiter.api.Test;

/** What nobody thought to allow stays closed, and the console's page may run only its own code. */
@QuarkusTest
class FailClosedApiTest {

    @Test
    void an_endpoint_without_a_security_annotation_is_denied_even_to_an_operator() {
        given().get("/test/unannotated").then().statusCode(org.hamcrest.Matchers.oneOf(401, 403));
        given().auth().oauth2(Tokens.operator()).get("/test/unannotated").then().statusCode(403);
    }

    @Test
    void the_console_is_served_with_a_content_security_policy_that_allows_its_own_code_only() {
        given().get("/console/")
                .then()
                .statusCode(200)
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Content-Security-Policy", not(containsString("unsafe-inline")));
    }
}
