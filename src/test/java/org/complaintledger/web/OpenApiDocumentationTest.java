package org.complaintledger.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document is the frontends' contract: an endpoint added without a summary, a response schema, request
 * examples, its problem responses or its security requirement fails here, each gap named.
 */
@QuarkusTest
class OpenApiDocumentationTest {

    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    private JsonNode document;

    // per test rather than @BeforeAll: REST Assured knows the test port only once the test instance exists
    @BeforeEach
    void fetch() throws Exception {
        document = new ObjectMapper()
                .readTree(given().queryParam("format", "json")
                        .get("/q/openapi")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString());
    }

    @Test
    void every_operation_has_a_summary_a_tag_and_a_documented_success() {
        List<String> gaps = new ArrayList<>();
        forEachOperation((where, operation) -> {
            if (providersWebhook(where)) {
                return;
            }
            if (operation.path("summary").asText().isBlank()) {
                gaps.add(where + ": no summary");
            }
            if (operation.path("tags").isEmpty()) {
                gaps.add(where + ": no tag");
            }
            List<String> successes = new ArrayList<>();
            operation.path("responses").fieldNames().forEachRemaining(status -> {
                if (status.startsWith("2")) {
                    successes.add(status);
                }
            });
            if (successes.isEmpty()) {
                gaps.add(where + ": no 2xx response");
            }
            for (String status : successes) {
                JsonNode content = operation.path("responses").path(status).path("content");
                if (!status.equals("204") && (content.isEmpty() || !hasSchema(content))) {
                    gaps.add(where + ": response " + status + " has no schema");
                }
            }
        });
        assertThat(gaps).isEmpty();
    }

    /**
     * WhatsApp's and the SMS gateway's webhooks speak their provider's protocol: the provider defines the body (read
     * raw, to check its signature) and wants only a 200 back, so they are documented by example, not by schema.
     */
    private static boolean providersWebhook(String where) {
        return where.contains(" /webhooks/");
    }

    @Test
    void every_request_body_has_a_schema_and_an_example() {
        List<String> gaps = new ArrayList<>();
        forEachOperation((where, operation) -> {
            JsonNode body = operation.path("requestBody").path("content");
            if (body.isMissingNode() || providersWebhook(where)) {
                return;
            }
            body.properties().forEach(media -> {
                if (!media.getValue().has("schema")) {
                    gaps.add(where + " " + media.getKey() + ": no schema");
                }
                if (!media.getValue().has("example") && !media.getValue().has("examples")) {
                    gaps.add(where + " " + media.getKey() + ": no example");
                }
            });
        });
        assertThat(gaps).isEmpty();
    }

    @Test
    void the_api_documents_its_problems_and_its_security() {
        assertThat(document.at("/components/securitySchemes").isEmpty())
                .as("a security scheme")
                .isFalse();
        assertThat(document.at("/components/schemas/Problem/properties/code").isMissingNode())
                .isFalse();
        List<String> gaps = new ArrayList<>();
        forEachOperation((where, operation) -> {
            if (!where.contains(" /api/")) {
                return;
            }
            boolean secured = !operation.path("security").isEmpty();
            // claims are open to anyone by design: the claim code decides, and answers never tell if a complaint exists
            boolean publicRead = where.startsWith("GET /api/track/")
                    || where.startsWith("POST /api/claims")
                    || where.startsWith("GET /api/statistics")
                    || where.equals("GET /api/agencies")
                    || where.equals("GET /api/categories")
                    || where.equals("GET /api/report-types")
                    || where.equals("GET /api/agencies/{agencyId}/units");
            if (!secured && !publicRead) {
                gaps.add(where + ": no security requirement");
            }
            List<String> expected = new ArrayList<>(secured ? List.of("401", "403") : List.of());
            if (operation.has("requestBody")) {
                expected.addAll(List.of("400", "413", "415"));
            }
            if (where.startsWith("POST /api/complaints/{id}")) {
                expected.addAll(List.of("404", "409", "412"));
            }
            for (String status : expected) {
                if (!operation.path("responses").has(status)) {
                    gaps.add(where + ": no " + status);
                }
            }
            operation.path("responses").properties().forEach(response -> {
                if (response.getKey().matches("[45]\\d\\d")
                        && !response.getValue()
                                .at("/content/application~1problem+json/schema/$ref")
                                .asText()
                                .endsWith("/Problem")) {
                    gaps.add(where + ": " + response.getKey() + " is not a problem+json Problem");
                }
            });
        });
        assertThat(gaps).isEmpty();
    }

    @Test
    void filing_answers_201_with_its_location() {
        JsonNode created = document.at("/paths/~1api~1complaints/post/responses/201");
        assertThat(created.isMissingNode()).as("201 documented").isFalse();
        assertThat(created.at("/headers/Location").isMissingNode())
                .as("Location documented")
                .isFalse();
    }

    @Test
    void swagger_ui_is_served() {
        given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    }

    private static boolean hasSchema(JsonNode content) {
        for (Map.Entry<String, JsonNode> media : content.properties()) {
            if (!media.getValue().has("schema")) {
                return false;
            }
        }
        return true;
    }

    private void forEachOperation(BiConsumer<String, JsonNode> check) {
        document.path("paths")
                .properties()
                .forEach(path -> path.getValue().properties().forEach(operation -> {
                    if (METHODS.contains(operation.getKey())) {
                        check.accept(operation.getKey().toUpperCase() + " " + path.getKey(), operation.getValue());
                    }
                }));
    }
}
