package org.complaintledger.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.complaintledger.support.Api.as;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.complaintledger.support.Api;
import org.complaintledger.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * The headers a browser acts on: no sniffing, no referrer, no framing, no caching of the API's personal data, a
 * content security policy that still lets Swagger UI run, and CORS for the configured frontends only.
 */
@QuarkusTest
class ResponseHeadersApiTest {

    private static final String FRONTEND = "http://localhost:5173";

    private static void hardened(String what, Response response) {
        assertThat(response.header("X-Content-Type-Options")).as(what).isEqualTo("nosniff");
        assertThat(response.header("Referrer-Policy")).as(what).isEqualTo("no-referrer");
        assertThat(response.header("X-Frame-Options")).as(what).isEqualTo("DENY");
        assertThat(response.headers().getValues("Content-Security-Policy"))
                .as(what)
                .hasSize(1);
        assertThat(response.header("Content-Security-Policy")).as(what).contains("frame-ancestors 'none'");
    }

    private static void apiHardened(String what, Response response) {
        hardened(what, response);
        assertThat(response.header("Cache-Control")).as(what).isEqualTo("no-store");
        assertThat(response.header("Content-Security-Policy")).as(what).startsWith("default-src 'none'");
    }

    @Test
    void every_api_answer_success_or_error_carries_the_security_headers_and_no_store() {
        String id = Api.file("warga-headers");
        String huge = Api.complaint("Siti", false, false).replace("Lubang besar", "z".repeat(70_000));
        Map<String, Response> answers = Map.of(
                "200 view", as(Tokens.operator()).get("/api/complaints/" + id),
                "200 public", given().get("/api/agencies"),
                "201 filing",
                        as(Tokens.citizen("warga-headers"))
                                .body(Api.complaint("Siti", false, false))
                                .post("/api/complaints"),
                "400 bad input", as(Tokens.operator()).body("{").post("/api/complaints/" + id + "/escalate"),
                "401 no token", given().get("/api/complaints/" + id),
                "404 unknown complaint", as(Tokens.operator()).get("/api/complaints/" + UUID.randomUUID()),
                "404 no such path", given().get("/api/nothing-here"),
                "413 too large", as(Tokens.citizen("warga-headers")).body(huge).post("/api/complaints"),
                "415 wrong type",
                        given().auth()
                                .oauth2(Tokens.operator())
                                .contentType("text/plain")
                                .body("x")
                                .post("/api/complaints/" + id + "/escalate"));
        answers.forEach(ResponseHeadersApiTest::apiHardened);
        assertThat(answers.get("413 too large").statusCode()).isEqualTo(413);
    }

    @Test
    void swagger_ui_still_loads_its_page_scripts_styles_and_the_document_under_its_policy() {
        Response page = given().get("/q/swagger-ui/");
        assertThat(page.statusCode()).isEqualTo(200);
        hardened("swagger ui", page);
        String policy = page.header("Content-Security-Policy");
        assertThat(policy)
                .contains(
                        "script-src 'self' 'unsafe-inline'",
                        "style-src 'self' 'unsafe-inline'",
                        "img-src 'self' data:",
                        "connect-src 'self'");
        // without a browser here, the next best proof: everything the page asks for is ours and is served
        String html = page.asString();
        Matcher assets = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(html);
        List<String> loaded = new java.util.ArrayList<>();
        while (assets.find()) {
            String asset = assets.group(1);
            assertThat(asset).as("an asset from elsewhere would be blocked").doesNotContain("//");
            assertThat(given().get("/q/swagger-ui/" + asset).statusCode())
                    .as(asset)
                    .isEqualTo(200);
            loaded.add(asset);
        }
        assertThat(loaded).contains("swagger-ui-bundle.js", "swagger-ui.css");
        assertThat(html).contains("url: '/q/openapi'", "validatorUrl: 'none'");
        assertThat(given().get("/q/openapi").statusCode()).isEqualTo(200);
    }

    @Test
    void a_preflight_from_a_configured_frontend_is_allowed_without_credentials() {
        Response preflight = given().header("Origin", FRONTEND)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type,if-match,idempotency-key")
                .options("/api/complaints/" + UUID.randomUUID() + "/escalate");
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo(FRONTEND);
        assertThat(preflight.header("Access-Control-Allow-Methods")).contains("POST", "DELETE");
        assertThat(preflight.header("Access-Control-Allow-Headers"))
                .contains("Authorization", "Content-Type", "If-Match", "Idempotency-Key");
        assertThat(preflight.header("Access-Control-Allow-Credentials")).isNotEqualTo("true");
        assertThat(preflight.header("Access-Control-Max-Age")).isEqualTo("86400");

        Response actual = given().header("Origin", FRONTEND).get("/api/agencies");
        assertThat(actual.statusCode()).isEqualTo(200);
        assertThat(actual.header("Access-Control-Allow-Origin")).isEqualTo(FRONTEND);
        assertThat(actual.header("Access-Control-Expose-Headers")).contains("ETag", "Location");
        assertThat(actual.header("Vary")).contains("Origin");
    }

    @Test
    void a_preflight_or_a_request_from_any_other_origin_gets_no_allowance() {
        for (String origin : new String[] {
            "https://evil.example", "null", "http://localhost:5173.evil.example", "http://localhost:5174"
        }) {
            Response preflight = given().header("Origin", origin)
                    .header("Access-Control-Request-Method", "POST")
                    .header("Access-Control-Request-Headers", "authorization")
                    .options("/api/complaints");
            assertThat(preflight.statusCode()).as(origin).isEqualTo(403);
            assertThat(preflight.header("Access-Control-Allow-Origin"))
                    .as(origin)
                    .isNull();
            Response actual = given().header("Origin", origin).get("/api/agencies");
            assertThat(actual.statusCode()).as(origin).isEqualTo(403);
            assertThat(actual.header("Access-Control-Allow-Origin")).as(origin).isNull();
            assertThat(actual.header("Access-Control-Allow-Credentials"))
                    .as(origin)
                    .isNotEqualTo("true");
        }
    }
}
