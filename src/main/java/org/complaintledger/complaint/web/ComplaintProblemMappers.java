package org.complaintledger.complaint.web;

import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.complaintledger.complaint.FilingRefused;
import org.complaintledger.complaint.Rejection;
import org.complaintledger.complaint.handling.ComplaintCommandHandler;
import org.complaintledger.complaint.handling.RequestConflict;
import org.complaintledger.complaint.handling.StaleVersionException;
import org.complaintledger.web.Problem;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The complaint's typed failures as HTTP answers. The decider and the command handler only say what went wrong (a
 * {@link Rejection} with its kind, a stale version); the status is chosen here, at the edge, and nowhere else.
 */
@Singleton
public class ComplaintProblemMappers {

    @ServerExceptionMapper
    public Response rejection(Rejection e) {
        return Problem.of(status(e.kind()), e.code(), e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response staleVersion(StaleVersionException e) {
        return Problem.of(412, StaleVersionException.CODE, e.getMessage()).toResponse();
    }

    /** A filing that broke the filing rules: the field at fault, as any invalid request names it. */
    @ServerExceptionMapper
    public Response filingRefused(FilingRefused e) {
        return Problem.invalid(e.getMessage(), List.of(new Problem.FieldError(e.field(), e.reason())))
                .toResponse();
    }

    @ServerExceptionMapper
    public Response requestConflict(RequestConflict e) {
        return Problem.of(409, e.code(), e.getMessage()).toResponse();
    }

    /** The HTTP status of a command's success: 201 for a new complaint, 200 otherwise. */
    public static int status(ComplaintCommandHandler.Effect effect) {
        return effect == ComplaintCommandHandler.Effect.CREATED ? 201 : 200;
    }

    /** The one table from a rejection's kind to its HTTP status. */
    public static int status(Rejection.Kind kind) {
        return switch (kind) {
            case NOT_FOUND -> 404;
            case FORBIDDEN -> 403;
            case CONFLICT -> 409;
            case INVALID -> 400;
            case TOO_LARGE -> 413;
        };
    }
}
