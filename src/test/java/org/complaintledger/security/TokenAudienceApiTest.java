package org.complaintledger.security;

import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import java.time.Instant;
import org.complaintledger.support.Tokens;
import org.junit.jupiter.api.Test;

/** A token the identity provider issued to another application (its audience) does not open this one. */
@QuarkusTest
class TokenAudienceApiTest {

    @Test
    void a_token_for_this_service_s_audience_is_accepted() {
        given().auth()
                .oauth2(Tokens.operator())
                .get("/api/operator/queue")
                .then()
                .statusCode(200);
    }

    @Test
    void an_operator_token_issued_for_another_audience_is_refused() {
        String forAnotherApplication = Jwt.subject("operator-elsewhere")
                .upn("operator-elsewhere")
                .groups("operator")
                .audience("another-application")
                .expiresAt(Instant.now().plusSeconds(600))
                .sign();
        // twice: the second request would be served by the verified-token cache if the first had been let in
        given().auth()
                .oauth2(forAnotherApplication)
                .get("/api/operator/queue")
                .then()
                .statusCode(401);
        given().auth()
                .oauth2(forAnotherApplication)
                .get("/api/operator/queue")
                .then()
                .statusCode(401);
    }
}
