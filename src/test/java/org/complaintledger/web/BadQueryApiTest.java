package org.complaintledger.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.complaintledger.support.Api;
import org.complaintledger.support.Tokens;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every query refuses a malformed id, instant, date, cursor or limit with a 400 that names the parameter: never a
 * 404 that suggests the list does not exist, never a 500.
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

    private static String cursor(long epochMillis) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((epochMillis + "|" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8));
    }

    private static Arguments query(String path, Supplier<String> token, String parameter, String... values) {
        return Arguments.of(path + " " + parameter, path, token, parameter, values);
    }

    /** What each kind of parameter must refuse; an empty value is no value, the default. */
    private static final String[] NOT_A_NUMBER = {"abc", "1.5", "-1", "0x10", "1e3", "99999999999999999999"};

    private static final String[] NOT_AN_INSTANT = {
        "yesterday",
        "2026-13-45",
        "2026-11-27T10:15:30",
        "27/11/2026",
        "+10000-01-01T00:00:00Z",
        "-999999999-01-01T00:00:00Z",
        "+999999999-12-31T23:59:59Z",
        "2026-11-27T25:00:00Z"
    };
    private static final String[] NOT_A_CURSOR = {
        "garbage",
        "%%%",
        cursor(Long.MIN_VALUE),
        cursor(Long.MAX_VALUE),
        cursor(-99_999_999_999_999L),
        Base64.getUrlEncoder().encodeToString("12|not-a-uuid".getBytes()),
        Base64.getUrlEncoder().encodeToString("|".getBytes())
    };
    private static final String[] NOT_A_LIMIT = {"abc", "1.5", "0", "201", "99999999999", "-1", "1e2"};

    static Stream<Arguments> bad_parameters() {
        Supplier<String> operator = Tokens::operator;
        Supplier<String> ombudsman = Tokens::ombudsman;
        Supplier<String> auditor = Tokens::auditor;
        Supplier<String> nobody = () -> null;
        return Stream.of(
                query("/api/complaints/{id}", operator, "asOf", NOT_AN_INSTANT),
                query("/api/complaints", operator, "limit", NOT_A_LIMIT),
                query("/api/complaints", operator, "cursor", NOT_A_CURSOR),
                query("/api/complaints", operator, "status", "LOST", "submitted", "1"),
                query("/api/complaints", operator, "agencyId", "DINAS", "a", "dinas pupr", "x".repeat(65)),
                query("/api/complaints", operator, "category", "infrastructure", "X", "A-B"),
                query("/api/agencies/dinas-pupr/queue", operator, "limit", NOT_A_LIMIT),
                query("/api/agencies/dinas-pupr/queue", operator, "cursor", NOT_A_CURSOR),
                query("/api/agencies/dinas-pupr/queue", operator, "overdue", "maybe", "1", "TRUE"),
                query("/api/agencies/dinas-pupr/queue", operator, "status", "LOST"),
                query("/api/operator/queue", operator, "limit", NOT_A_LIMIT),
                query("/api/operator/queue", operator, "cursor", NOT_A_CURSOR),
                query("/api/operator/queue", operator, "overdue", "maybe"),
                query("/api/review/escalations", ombudsman, "limit", NOT_A_LIMIT),
                query("/api/review/escalations", ombudsman, "cursor", NOT_A_CURSOR),
                query("/api/review/agency-performance", ombudsman, "from", NOT_AN_INSTANT),
                query("/api/review/agency-performance", ombudsman, "to", NOT_AN_INSTANT),
                query("/api/statistics", nobody, "from", NOT_AN_INSTANT),
                query("/api/statistics", nobody, "to", NOT_AN_INSTANT),
                query("/api/ledger/events", auditor, "after", NOT_A_NUMBER),
                query("/api/ledger/events", auditor, "limit", "abc", "0", "1001", "99999999999"),
                query("/api/ledger/checkpoints", auditor, "after", NOT_A_NUMBER),
                query("/api/ledger/checkpoints", auditor, "limit", "abc", "0", "1001"),
                query("/api/ledger/verify", auditor, "complaintId", "not-a-uuid", "1-2-3-4-5", "\u0000"),
                query("/api/complaints/{id}/history", auditor, "limit", "abc", "0", "1001", "-1"),
                query("/api/complaints/{id}/history", auditor, "after", "abc", "-1", "1.5"));
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
            request.get(url)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("code", equalTo("request.invalid"))
                    .body("errors.field", hasItem(parameter))
                    .body(not(containsString("Exception")));
        }
    }

    static Stream<Arguments> bad_path_segments() {
        return Stream.of(
                Arguments.of("/api/complaints/%s", "id"),
                Arguments.of("/api/complaints/%s/history", "id"),
                Arguments.of("/api/complaints/%s/export", "id"),
                Arguments.of("/api/track/%s", "trackingNumber"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void bad_path_segments(String template, String field) {
        for (String segment : new String[] {
            "not-a-uuid",
            "12345",
            "1-2-3-4-5",
            "%00",
            "%E2%80%AE",
            "..%2F..%2Fetc%2Fpasswd",
            UUID.randomUUID().toString().replace("-", ""),
            "x".repeat(500)
        }) {
            given().urlEncodingEnabled(false)
                    .auth()
                    .oauth2(Tokens.auditor())
                    .get(template.formatted(segment))
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors.field", hasItem(field));
        }
    }
}
