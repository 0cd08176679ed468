package org.complaintledger.ledger.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import java.util.UUID;
import org.complaintledger.ledger.LedgerEntry;
import org.complaintledger.ledger.LedgerReader;
import org.complaintledger.ledger.UnknownStreamException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * One complaint's history in the documented export format, one envelope per line, so that an auditor can verify it
 * offline with {@code tools/verify-export.py} or any RFC 8785 implementation, without our code.
 */
@Path("/api/complaints/{id}/export")
@Tag(name = "Ledger")
public class ComplaintExportResource {

    public static final String NDJSON = "application/x-ndjson";

    private final LedgerReader reader;
    private final ObjectMapper json;

    @Inject
    public ComplaintExportResource(Pool pool, ObjectMapper json) {
        this.reader = new LedgerReader(pool.getDelegate());
        this.json = json;
    }

    @GET
    @Produces(NDJSON)
    @RolesAllowed("auditor")
    @Operation(summary = "A complaint's events as NDJSON, with their hashes, ledgerSeq and chainHash")
    public Uni<String> export(@PathParam("id") UUID complaintId) {
        return Uni.createFrom()
                .completionStage(() -> reader.entries(complaintId))
                .map(entries -> {
                    if (entries.isEmpty()) {
                        throw new UnknownStreamException(complaintId);
                    }
                    StringBuilder lines = new StringBuilder();
                    for (LedgerEntry entry : entries) {
                        lines.append(line(entry)).append('\n');
                    }
                    return lines.toString();
                });
    }

    private String line(LedgerEntry entry) {
        try {
            return json.writeValueAsString(entry.exported());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
