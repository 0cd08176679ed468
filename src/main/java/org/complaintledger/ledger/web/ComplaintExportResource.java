package org.complaintledger.ledger.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.complaintledger.ledger.LedgerEntry;
import org.complaintledger.ledger.LedgerReader;
import org.complaintledger.ledger.UnknownStreamException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * One complaint's history in the documented export format, one envelope per line, so that an auditor can verify it
 * offline with {@code tools/verify-export.py} or any RFC 8785 implementation, without our code.
 */
@Path("/api/complaints/{id}/export")
@Tag(name = "Ledger")
public class ComplaintExportResource {

    public static final String NDJSON = "application/x-ndjson";

    private final LedgerReader reader;

    @Inject
    public ComplaintExportResource(Pool pool) {
        this.reader = new LedgerReader(pool.getDelegate());
    }

    /** Events read per query while streaming: the export's memory is one page, whatever the stream's length. */
    static final int PAGE = 100;

    @GET
    @Produces(NDJSON)
    @RolesAllowed("auditor")
    @Operation(
            summary = "A complaint's events as NDJSON, with their hashes, ledgerSeq and chainHash",
            description = "Streamed a page at a time, never built whole in memory")
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<ObjectNode> export(@PathParam("id") UUID complaintId) {
        // the first page is read before anything is sent, so that an unknown complaint is a 404 problem, not an
        // empty 200; each envelope is written as one line of JSON, the NDJSON stream's framing
        return pages(complaintId, 0)
                .onItem()
                .transformToMultiAndConcatenate(page -> Multi.createFrom().iterable(page))
                .map(LedgerEntry::exported);
    }

    private Multi<List<LedgerEntry>> pages(UUID complaintId, long afterVersion) {
        return Uni.createFrom()
                .completionStage(() -> reader.entries(complaintId, afterVersion, PAGE))
                .onItem()
                .transformToMulti(page -> {
                    if (page.isEmpty() && afterVersion == 0) {
                        return Multi.createFrom().failure(new UnknownStreamException(complaintId));
                    }
                    Multi<List<LedgerEntry>> self = Multi.createFrom().item(page);
                    if (page.size() < PAGE) {
                        return self;
                    }
                    long last = page.getLast().envelope().version();
                    return Multi.createBy()
                            .concatenating()
                            .streams(self, Multi.createFrom().deferred(() -> pages(complaintId, last)));
                });
    }
}
