package org.complaintledger.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Where the web edge's own failures become HTTP answers: resources hold no try/catch. Features map their own
 * typed exceptions next to their resources (e.g. complaint.web.ComplaintProblemMappers), so this package imports no
 * feature. A client's mistake is a 4xx
 * problem that says what to fix; only our own faults are 500, and those say nothing about our internals.
 */
@Singleton
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return e.problem().toResponse();
    }

    /**
     * Jackson's complaints about a body, whether they reach us directly or wrapped in a 400 by the reader. The
     * subtypes are named so that this mapper wins over Quarkus's built-in ones, whose bodies are not problems.
     */
    @ServerExceptionMapper({
        JsonProcessingException.class,
        MismatchedInputException.class,
        InvalidFormatException.class,
        UnrecognizedPropertyException.class
    })
    public Response json(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            String field = path(unknown);
            return Problem.invalid(
                            "Unknown field '" + field + "'",
                            List.of(new Problem.FieldError(field, "is not a field of this request")))
                    .toResponse();
        }
        if (e instanceof InvalidFormatException invalid && !path(invalid).isEmpty()) {
            String field = path(invalid);
            // a value of the wrong JSON type (a number for a text) is refused by the same exception as a bad text
            String message = invalid.getTargetType() != null
                            && invalid.getTargetType().isEnum()
                    ? "must be one of " + List.of(invalid.getTargetType().getEnumConstants())
                    : invalid.getValue() instanceof String ? "has an invalid value" : "has the wrong type";
            return Problem.invalid(field + " " + message, List.of(new Problem.FieldError(field, message)))
                    .toResponse();
        }
        // a body cut short reaches Jackson as a missing value of the field it was reading
        if (e instanceof MismatchedInputException mismatched
                && !path(mismatched).isEmpty()
                && !mismatched.getOriginalMessage().contains("end-of-input")) {
            String field = path(mismatched);
            String message = mismatched.getOriginalMessage().contains("null") ? "is required" : "has the wrong type";
            return Problem.invalid(field + " " + message, List.of(new Problem.FieldError(field, message)))
                    .toResponse();
        }
        String duplicate = "Duplicate field ";
        if (e instanceof JsonParseException parse && parse.getOriginalMessage().startsWith(duplicate)) {
            String field = parse.getOriginalMessage().substring(duplicate.length());
            return Problem.of(400, "request.malformed-json", "The field " + field + " appears more than once")
                    .toResponse();
        }
        return Problem.of(400, "request.malformed-json", "The request body is not a complete, valid JSON object")
                .toResponse();
    }

    @ServerExceptionMapper
    public Response constraintViolations(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream().map(f -> f.field() + " " + f.message()).collect(Collectors.joining("; "));
        return Problem.invalid(detail, errors).toResponse();
    }

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e) {
        return unauthorized();
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return unauthorized();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Problem.of(403, "auth.forbidden", "Your role may not do this").toResponse();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        // a parameter whose conversion failed (see ParameterConverters): JAX-RS wraps the problem in a 404 or 400
        if (e.getCause() instanceof ProblemException problem) {
            return problem(problem);
        }
        if (e.getCause() instanceof JsonProcessingException json) {
            return json(json);
        }
        int status = e.getResponse().getStatus();
        String code = switch (status) {
            case 404 -> "request.not-found";
            case 405 -> "request.method-not-allowed";
            case 406 -> "request.not-acceptable";
            case 413 -> "request.too-large";
            case 415 -> "request.unsupported-media-type";
            default -> status < 500 ? "request.invalid" : "server.error";
        };
        String detail = status < 500 ? e.getMessage() : "The server could not complete the request";
        return Problem.of(status, code, detail).toResponse();
    }

    /**
     * A fault of ours is a 500; the database being out of reach is not, and says so: 503 with Retry-After, so that
     * a client retries (with its Idempotency-Key, a command whose answer was lost is safe to repeat) instead of
     * waiting on a hung request. Two causes: the pool gives no connection in time or its wait queue is full
     * ({@code ledger.datasource.acquisition-timeout}, {@code max-wait-queue-size}, see {@link
     * org.complaintledger.database.BoundedPool}), or the connection to PostgreSQL is gone (a restart, a failover).
     */
    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        String unavailable = DatabaseUnavailable.reason(e);
        if (unavailable != null) {
            LOG.warnf("database unavailable, answered 503: %s", unavailable);
            return Problem.of(
                            503,
                            "server.unavailable",
                            "The service cannot reach its database just now; retry after the time given")
                    .toResponse();
        }
        LOG.error("unexpected failure", e);
        return Problem.of(500, "server.error", "The server could not complete the request")
                .toResponse();
    }

    private static Response unauthorized() {
        return Response.fromResponse(Problem.of(401, "auth.unauthenticated", "A valid bearer token is required")
                        .toResponse())
                .header("WWW-Authenticate", "Bearer")
                .build();
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }

    private static String field(ConstraintViolation<?> violation) {
        // "submit.body.title" -> "title": the client knows its fields, not our method names
        String path = violation.getPropertyPath().toString();
        int body = path.indexOf(".body.");
        if (body >= 0) {
            return path.substring(body + ".body.".length());
        }
        int lastDot = path.lastIndexOf('.');
        return lastDot >= 0 ? path.substring(lastDot + 1) : path;
    }
}
