package org.complaintledger.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * An RFC 9457 problem: every error of the API has this shape, a stable dotted {@code code}, and never a stack trace
 * or a class name.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String code, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType PROBLEM_JSON = MediaType.valueOf(MEDIA_TYPE);

    public record FieldError(String field, String message) {}

    public static Problem of(int status, String code, String detail) {
        return new Problem(typeOf(code), titleOf(status), status, detail, code, null);
    }

    public static Problem invalid(String detail, List<FieldError> errors) {
        return new Problem(typeOf("request.invalid"), titleOf(400), 400, detail, "request.invalid", errors);
    }

    /** Seconds a client is asked to wait before retrying a 503 (the service busy, its database away, a rebuild). */
    public static final String RETRY_AFTER_SECONDS = "2";

    public Response toResponse() {
        Response.ResponseBuilder response =
                Response.status(status).type(PROBLEM_JSON).entity(this);
        if (status == 503) {
            response.header("Retry-After", RETRY_AFTER_SECONDS);
        }
        return response.build();
    }

    private static String typeOf(String code) {
        return "https://complaint-ledger.example/problems/" + code;
    }

    private static String titleOf(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return known == null ? "Error" : known.getReasonPhrase();
    }
}
