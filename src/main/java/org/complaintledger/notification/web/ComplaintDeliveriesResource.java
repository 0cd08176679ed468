package org.complaintledger.notification.web;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.complaintledger.ledger.LedgerReader;
import org.complaintledger.web.Problem;
import org.complaintledger.web.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What the complainant and staff were told about one complaint, and whether it reached them. */
@Path("/api/complaints/{id}/deliveries")
@Tag(name = "Notifications")
@Produces(MediaType.APPLICATION_JSON)
public class ComplaintDeliveriesResource {

    public record Deliveries(UUID complaintId, List<DeliveryView> items) {}

    @Inject
    Pool pool;

    @GET
    @RolesAllowed({"operator", "ombudsman"})
    @Operation(summary = "A complaint's notifications and their delivery state (addresses masked)")
    public Uni<Deliveries> deliveries(@PathParam("id") UUID complaintId) {
        return Uni.createFrom()
                .completionStage(() -> new LedgerReader(pool.getDelegate()).headVersion(complaintId))
                .flatMap(version -> {
                    if (version == 0) {
                        throw new ProblemException(
                                Problem.of(404, "complaint.not-found", "No complaint " + complaintId));
                    }
                    return pool.preparedQuery(
                                    "SELECT " + DeliveryView.COLUMNS
                                            + " FROM deliveries WHERE complaint_id = $1 ORDER BY created_at, recipient, channel")
                            .execute(Tuple.of(complaintId));
                })
                .map(rows -> {
                    List<DeliveryView> items = new ArrayList<>();
                    rows.forEach(row -> items.add(DeliveryView.of(row)));
                    return new Deliveries(complaintId, items);
                });
    }
}
