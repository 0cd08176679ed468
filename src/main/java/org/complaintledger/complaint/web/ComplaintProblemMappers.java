package org.complaintledger.complaint.web;

import jakarta.ws.rs.core.Response;
import org.complaintledger.complaint.Rejection;
import org.complaintledger.complaint.handling.StaleVersionException;
import org.complaintledger.web.Problem;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The complaint's typed failures as HTTP answers. The decider and the command handler only say what went wrong (a
 * {@link Rejection} with its kind, a stale version); the status is chosen here, at the edge, and nowhere else.
 */
public class ComplaintProblemMappers {

    @ServerExceptionMapper
    public Response rejection(Rejection e) {
        return Problem.of(status(e.kind()), e.code(), e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response staleVersion(StaleVersionException e) {
        return Problem.of(412, StaleVersionException.CODE, e.getMessage()).toResponse();
    }

    /** The one table from a rejection's kind to its HTTP status. */
    public static int status(Rejection.Kind kind) {
        return switch (kind) {
            case NOT_FOUND -> 404;
            case FORBIDDEN -> 403;
            case CONFLICT -> 409;
            case INVALID -> 400;
        };
    }
}
