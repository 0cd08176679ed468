package org.complaintledger.web;

import io.quarkus.test.junit.QuarkusTest;
import org.complaintledger.support.Api;
import org.complaintledger.support.Tokens;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * Every query refuses a malformed limit with a 400 that names the parameter: never a 404 that suggests the list
 * does not exist, never a 500.
 */
@QuarkusTest
class BadQueryApiTest {

    private static String complaintId;

    private static String complaint() {
        if (complaintId == null) {
            complaintId = Api.dispatched("warga-query");
        }
        return complaintId;
    }

    private static Arguments query(String path, Supplier<String> token, String parameter, String... values) {
        return Arguments.of(path + " " + parameter, path, token, parameter, values);
    }

    /** What each kind of parameter must refuse; an empty value is no value, the default. */
    private static final String[] NOT_A_LIMIT = {"abc", "1.5", "0", "201", "99999999999", "-1", "1e2"};

    static Stream<Arguments> bad_parameters() {
        Supplier<String> operator = Tokens::operator;
        Supplier<String> ombudsman = Tokens::ombudsman;
        Supplier<String> auditor = Tokens::auditor;
        return Stream.of(
                query("/api/complaints", operator, "limit", NOT_A_LIMIT),
                query("/api/agencies/dinas-pupr/queue", operator, "limit", NOT_A_LIMIT),
                query("/api/operator/queue", operator, "limit", NOT_A_LIMIT),
                query("/api/review/escalations", ombudsman, "limit", NOT_A_LIMIT),
                query("/api/ledger/events", auditor, "limit", "abc", "0", "1001", "99999999999"),
                query("/api/ledger/checkpoints", auditor, "limit", "abc", "0", "1001"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void bad_parameters(String name, String path, Supplier<String> token, String parameter, String[] values) {
        for (String value : values) {
            String url = path.replace("{id}", complaint()) + "?" + parameter + "="
                    + URLEncoder.encode(value, StandardCharsets.UTF_8);
            var request = given().urlEncodingEnabled(false);
            if (token.get() != null) {
                request.auth().oauth2(token.get());
            }
            request.get(url).then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("code", equalTo("request.invalid"))
                    .body("errors.field", hasItem(parameter))
                    .body(not(containsString("Exception")));
        }
    }
}
