package org.complaintledger.ledger.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.complaintledger.ledger.LedgerCheckpoints;
import org.complaintledger.ledger.LedgerCheckpoints.CheckpointPage;
import org.complaintledger.ledger.LedgerEntry;
import org.complaintledger.ledger.LedgerReader;
import org.complaintledger.ledger.LedgerVerifier;
import org.complaintledger.ledger.VerificationReport;
import org.complaintledger.web.Limit;
import org.complaintledger.web.Problem;
import org.complaintledger.web.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The auditor's view of the whole ledger: its events in ledger order, its signed checkpoints, its verification. */
@Path("/api/ledger")
@Tag(name = "Ledger")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("auditor")
public class LedgerResource {

    private static final int MAX_LIMIT = 1000;

    /** A page of ledger events; {@code nextCursor} is the {@code after} of the next page, null at the head. */
    public record EventPage(List<ObjectNode> events, String nextCursor) {}

    private final LedgerVerifier verifier;
    private final LedgerCheckpoints checkpoints;
    private final LedgerReader reader;
    private final AtomicBoolean verifyingLedger = new AtomicBoolean();

    @Inject
    public LedgerResource(LedgerVerifier verifier, LedgerCheckpoints checkpoints, Pool pool) {
        this.verifier = verifier;
        this.checkpoints = checkpoints;
        this.reader = new LedgerReader(pool.getDelegate());
    }

    @GET
    @Path("/events")
    @Operation(summary = "Sequenced events in ledger order, each in the export format with ledgerSeq and chainHash")
    public Uni<EventPage> events(
            @QueryParam("after") LedgerSeq after,
            @QueryParam("limit") @DefaultValue("100") @Limit.Max(MAX_LIMIT) Limit limit) {
        long from = LedgerSeq.valueOf(after);
        int size = limit.value();
        return Uni.createFrom()
                .completionStage(() -> reader.page(from, size))
                .map(entries -> new EventPage(
                        entries.stream().map(LedgerEntry::exported).toList(),
                        entries.size() == size ? Long.toString(entries.getLast().ledgerSeq()) : null));
    }

    @GET
    @Path("/verify")
    @Operation(
            summary = "Recompute every stream hash and the chain, and check the signed checkpoints",
            description = "The whole sequenced ledger, or with complaintId one complaint's events")
    public Uni<VerificationReport> verify(@QueryParam("complaintId") UUID complaintId) {
        if (complaintId != null) {
            return verifier.verifyStream(complaintId);
        }
        // the whole ledger is read and hashed on every core: one such run at a time on an instance, so that a few
        // impatient clicks (or a leaked auditor token) cannot keep the cores and the database busy many times over
        if (!verifyingLedger.compareAndSet(false, true)) {
            throw new ProblemException(Problem.of(
                    503,
                    "operation.busy",
                    "A verification of the whole ledger is already running here; its report is due shortly"));
        }
        return Uni.createFrom()
                .deferred(verifier::verifyLedger)
                .onTermination()
                .invoke(() -> verifyingLedger.set(false));
    }

    @GET
    @Path("/checkpoints")
    @Operation(summary = "Signed checkpoints of the chain head, with the public keys that verify them")
    public Uni<CheckpointPage> checkpoints(
            @QueryParam("after") LedgerSeq after,
            @QueryParam("limit") @DefaultValue("100") @Limit.Max(MAX_LIMIT) Limit limit) {
        return checkpoints.page(LedgerSeq.valueOf(after), limit.value());
    }
}
