package org.complaintledger.web;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Documents the errors every endpoint can answer, once, instead of a dozen annotations on each method: they follow
 * from what the operation is (secured, with a body, on one complaint, a command, a projection read), exactly as the
 * exception mappers produce them, all as {@code application/problem+json} with the {@link Problem} shape.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ProblemResponses implements OASFilter {

    private static final String PROBLEM_REF = "#/components/schemas/Problem";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        addProblemSchema(openAPI.getComponents());
        if (openAPI.getPaths() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (path.startsWith("/api/")) {
                item.getOperations().forEach((method, operation) -> document(path, method, operation));
            }
        });
    }

    private static void document(String path, PathItem.HttpMethod method, Operation operation) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = operation.getResponses();
        boolean command = method != PathItem.HttpMethod.GET;
        boolean hasParameters = path.contains("{")
                || (operation.getParameters() != null
                        && !operation.getParameters().isEmpty());
        if (operation.getRequestBody() != null || hasParameters) {
            problem(
                    responses,
                    "400",
                    "Bad input: malformed JSON, unknown fields, wrong types, values out of range, "
                            + "invalid ids, dates or cursors (code request.invalid); nothing is written");
        }
        if (operation.getSecurity() != null && !operation.getSecurity().isEmpty()) {
            problem(responses, "401", "No valid bearer token (code auth.unauthenticated)");
            problem(
                    responses,
                    "403",
                    "The token's role, agency or subject may not do this (auth.forbidden, "
                            + "complaint.not-owner, complaint.not-assigned-agency, complaint.role-not-allowed)");
        }
        if (path.contains("{")) {
            problem(responses, "404", "No such complaint, agency, complainant or projection");
        }
        if (command && path.startsWith("/api/complaints")) {
            problem(
                    responses,
                    "409",
                    "The complaint's state does not allow this step (complaint.transition-not-allowed "
                            + "and other complaint.* codes), or an Idempotency-Key was reused for another request");
            problem(responses, "412", "If-Match named a version the complaint has moved on from");
        }
        if (operation.getRequestBody() != null) {
            problem(responses, "413", "The body is larger than the limit");
            problem(responses, "415", "The body is not application/json");
        }
        problem(
                responses,
                "503",
                command
                        ? "The database is out of reach or the service too busy to get a connection (server.unavailable, "
                                + "with Retry-After): retry, with the same Idempotency-Key"
                        : "The projection behind this read is being rebuilt (projection.rebuilding), or the database is out "
                                + "of reach (server.unavailable); with Retry-After");
    }

    /** Adds the problem response, or gives an existing one (say the security's 401) the problem body. */
    private static void problem(APIResponses responses, String status, String description) {
        var content = OASFactory.createContent()
                .addMediaType(
                        Problem.MEDIA_TYPE,
                        OASFactory.createMediaType()
                                .schema(OASFactory.createSchema().ref(PROBLEM_REF)));
        var existing = responses.getAPIResponse(status);
        if (existing == null) {
            responses.addAPIResponse(
                    status,
                    OASFactory.createAPIResponse().description(description).content(content));
        } else {
            existing.description(description).content(content);
        }
    }

    private static void addProblemSchema(Components components) {
        Schema text = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        Schema fieldError = OASFactory.createSchema()
                .addType(Schema.SchemaType.OBJECT)
                .properties(Map.of("field", text, "message", text));
        components.addSchema(
                "Problem",
                OASFactory.createSchema()
                        .addType(Schema.SchemaType.OBJECT)
                        .description("RFC 9457 problem details with a stable dotted code")
                        .required(List.of("type", "title", "status", "code"))
                        .properties(Map.of(
                                "type",
                                        OASFactory.createSchema()
                                                .addType(Schema.SchemaType.STRING)
                                                .format("uri"),
                                "title", text,
                                "status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER),
                                "detail", text,
                                "code",
                                        OASFactory.createSchema()
                                                .addType(Schema.SchemaType.STRING)
                                                .examples(List.of("complaint.transition-not-allowed")),
                                "errors",
                                        OASFactory.createSchema()
                                                .addType(Schema.SchemaType.ARRAY)
                                                .items(fieldError)))
                        .examples(List.of(Map.of(
                                "type",
                                "https://complaint-ledger.example/problems/request.invalid",
                                "title",
                                "Bad Request",
                                "status",
                                400,
                                "detail",
                                "title: must not be blank",
                                "code",
                                "request.invalid",
                                "errors",
                                List.of(Map.of("field", "title", "message", "must not be blank"))))));
    }
}
