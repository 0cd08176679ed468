package org.complaintledger.web;

import static org.complaintledger.support.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.complaintledger.support.Tokens;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Query and path parameters are converted by the framework (ParameterConverters, @BeanParam records), and a value
 * that does not convert is a 400 problem naming the parameter: never JAX-RS's bare 404 for a failed conversion, never
 * a 500.
 */
@QuarkusTest
class QueryParameterProblemsTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "operator, /api/agencies/dinas-pupr/queue?status=LOST, status",
        "operator, /api/agencies/dinas-pupr/queue?channel=PIGEON, channel",
        "operator, /api/agencies/dinas-pupr/queue?from=yesterday, from",
        "operator, /api/agencies/dinas-pupr/queue?to=99999-01-01T00:00:00Z, to",
        "operator, /api/agencies/dinas-pupr/queue?overdue=maybe, overdue",
        "operator, /api/agencies/dinas-pupr/queue?limit=ten, limit",
        "operator, /api/agencies/dinas-pupr/queue?limit=201, limit",
        "operator, /api/agencies/dinas-pupr/queue?cursor=garbage, cursor",
        "operator, /api/agencies/dinas-pupr/queue?asOf=soon, asOf",
        "operator, /api/operator/queue?from=2026-13-45, from",
        "operator, /api/operator/queue?agencyId=Dinas PUPR, agencyId",
        "operator, /api/operator/queue?from=2026-02-01&to=2026-01-01, from",
        "operator, /api/complaints?category=health, category",
        "operator, /api/complaints?limit=0, limit",
        "operator, /api/complaints/1-2-3-4-5, id",
        "operator, /api/complaints/not-a-uuid/history, id",
        "ombudsman, /api/review/escalations?limit=-1, limit",
        "ombudsman, /api/review/agency-performance?from=tomorrow, from",
        "operator, /api/statistics?to=someday, to",
        "auditor, /api/ledger/events?after=-1, after",
        "auditor, /api/ledger/events?limit=1001, limit",
        "auditor, /api/ledger/checkpoints?after=x, after",
        "auditor, /api/ledger/verify?complaintId=1-2-3-4-5, complaintId",
        "auditor, /api/complaints/1-2-3-4-5/export, id"
    })
    void a_parameter_that_does_not_convert_is_a_400_problem_that_names_it(String role, String path, String field) {
        caller(role)
                .get(path)
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors[0].field", equalTo(field));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"/api/agencies/dinas-pupr/queue", "/api/operator/queue"})
    void a_queue_as_of_the_future_is_refused(String path) {
        caller("operator")
                .get(path + "?asOf=" + Instant.now().plus(2, ChronoUnit.DAYS))
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("asOf"))
                .body("detail", containsString("future"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "/api/agencies/dinas-pupr/queue?limit=1&overdue=false&status=DISPATCHED&from=2026-01-01",
        "/api/operator/queue?limit=1&overdue=true&channel=WEB&to=2099-01-01T00:00:00Z",
        "/api/complaints?limit=1&status=&agencyId=&cursor="
    })
    void good_and_empty_values_are_answered(String path) {
        caller("operator").get(path).then().statusCode(200);
    }

    private static RequestSpecification caller(String role) {
        return as(
                switch (role) {
                    case "auditor" -> Tokens.auditor();
                    case "ombudsman" -> Tokens.ombudsman();
                    default -> Tokens.operator();
                });
    }
}
