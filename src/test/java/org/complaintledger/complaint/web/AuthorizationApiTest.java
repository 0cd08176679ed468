package org.complaintledger.complaint.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.complaintledger.support.Api.as;
import static org.complaintledger.support.Api.post;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.sqlclient.Pool;
import jakarta.inject.Inject;
import org.complaintledger.support.Api;
import org.complaintledger.support.Events;
import org.complaintledger.support.Tokens;
import org.junit.jupiter.api.Test;

/** Who may do what: 401 without a valid token, 403 for the wrong role, agency or owner; nothing written either way. */
@QuarkusTest
class AuthorizationApiTest {

    @Inject
    Pool pool;

    @Test
    void without_a_token_a_command_is_401_problem_json() {
        given().contentType("application/json")
                .body(Api.complaint("Siti", false, false))
                .post("/api/complaints")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("code", equalTo("auth.unauthenticated"));
    }

    @Test
    void a_forged_or_expired_token_is_401() {
        String token = Tokens.citizen("warga-forged");
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "c2lnbmF0dXJl";
        given().auth()
                .oauth2(forged)
                .contentType("application/json")
                .body(Api.complaint("Siti", false, false))
                .post("/api/complaints")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        String expired = org.complaintledger.security.DevTokenResource.issue(
                        org.complaintledger.complaint.Role.CITIZEN,
                        "warga-expired",
                        null,
                        java.time.Duration.ofMinutes(-10))
                .token();
        given().auth()
                .oauth2(expired)
                .get("/api/complaints/" + java.util.UUID.randomUUID())
                .then()
                .statusCode(401);
    }

    @Test
    void the_wrong_role_is_403_and_writes_nothing() {
        String id = Api.file("warga-authz");
        String path = "/api/complaints/" + id;
        long before = Events.of(pool, id);
        post(Tokens.citizen("warga-authz"), path + "/dispatch", "{\"agencyId\":\"dinas-pupr\"}")
                .statusCode(403)
                .contentType("application/problem+json")
                .body("code", equalTo("auth.forbidden"));
        post(Tokens.auditor(), path + "/archive", "{\"reason\":\"OTHER\"}").statusCode(403);
        post(Tokens.ombudsman(), path + "/escalate", "{\"reason\":\"x\"}").statusCode(403);
        post(Tokens.officer("dinas-pupr"), path + "/clarification-requests", "{\"question\":\"?\"}")
                .statusCode(403);
        post(Tokens.auditor(), "/api/complaints", Api.complaint("Auditor", false, false))
                .statusCode(403);
        assertThat(Events.of(pool, id)).isEqualTo(before);
    }

    @Test
    void an_officer_of_another_agency_can_neither_act_on_nor_read_the_complaint() {
        String id = Api.dispatched("warga-agency");
        String path = "/api/complaints/" + id;
        long before = Events.of(pool, id);
        String dinkes = Tokens.officer("dinkes");
        post(dinkes, path + "/acknowledge", "{}")
                .statusCode(403)
                .body("code", equalTo("complaint.not-assigned-agency"));
        post(dinkes, path + "/follow-ups", "{\"message\":\"bukan urusan kami\"}")
                .statusCode(403);
        as(dinkes).get(path).then().statusCode(403);
        assertThat(Events.of(pool, id)).isEqualTo(before);
        post(Tokens.officer("dinas-pupr"), path + "/acknowledge", "{}").statusCode(200);
    }

    @Test
    void an_officer_token_without_an_agency_is_403() {
        String token = Tokens.issue(org.complaintledger.complaint.Role.AGENCY_OFFICER, "officer-x", null);
        post(token, "/api/complaints/" + Api.dispatched("warga-noagency") + "/acknowledge", "{}")
                .statusCode(403);
    }

    @Test
    void a_citizen_cannot_read_or_act_on_someone_elses_complaint() {
        String id = Api.dispatched("warga-owner");
        String path = "/api/complaints/" + id;
        String stranger = Tokens.citizen("warga-stranger");
        as(stranger).get(path).then().statusCode(403);
        as(stranger).get(path + "/history").then().statusCode(403);
        post(stranger, path + "/withdraw", "{\"reason\":\"iseng\"}")
                .statusCode(403)
                .body("code", equalTo("complaint.not-owner"));
        post(Tokens.citizen("warga-owner"), path + "/withdraw", "{\"reason\":\"sudah beres\"}")
                .statusCode(200);
    }

    @Test
    void reads_are_open_to_the_roles_the_contract_names() {
        String id = Api.dispatched("warga-reads");
        String path = "/api/complaints/" + id;
        for (String token : new String[] {
            Tokens.operator(),
            Tokens.ombudsman(),
            Tokens.auditor(),
            Tokens.officer("dinas-pupr"),
            Tokens.citizen("warga-reads")
        }) {
            as(token).get(path).then().statusCode(200);
        }
        // the officer of the agency it is dispatched to reads its history; another agency's officer does not
        as(Tokens.officer("dinas-pupr")).get(path + "/history").then().statusCode(200);
        as(Tokens.officer("dinkes")).get(path + "/history").then().statusCode(403);
        given().get(path).then().statusCode(401);
    }
}
