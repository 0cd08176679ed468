package org.complaintledger.ledger.web;

import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;
import org.complaintledger.ledger.UnknownStreamException;
import org.complaintledger.web.Problem;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The ledger's typed failures as HTTP answers; streams are complaints, so the code is the complaint's not-found. */
@Singleton
public class LedgerProblemMappers {

    @ServerExceptionMapper
    public Response unknownStream(UnknownStreamException e) {
        return Problem.of(404, "complaint.not-found", e.getMessage()).toResponse();
    }
}
