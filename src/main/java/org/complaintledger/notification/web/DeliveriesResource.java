package org.complaintledger.notification.web;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.complaintledger.web.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The operator's view of the outbox's trouble: deliveries failing and being retried, or given up. */
@Path("/api")
@Tag(name = "Notifications")
@Produces(MediaType.APPLICATION_JSON)
public class DeliveriesResource {

    public record Deliveries(List<DeliveryView> items) {}

    public record SentMessage(
            String deliveryId, String channel, String maskedAddress, String subject, String body, Instant sentAt) {}

    public record SentMessages(List<SentMessage> items) {}

    @Inject
    Pool pool;

    @GET
    @Path("/deliveries")
    @RolesAllowed("operator")
    @Operation(summary = "Deliveries that failed (and are being retried) or are dead, newest first")
    public Uni<Deliveries> deliveries(@Parameter(description = "FAILED or DEAD") @QueryParam("status") String status) {
        if (!"FAILED".equals(status) && !"DEAD".equals(status)) {
            throw ProblemException.badRequest("status", "must be FAILED or DEAD");
        }
        return pool.preparedQuery("SELECT " + DeliveryView.COLUMNS
                        + " FROM deliveries WHERE status = $1 ORDER BY created_at DESC LIMIT 200")
                .execute(Tuple.of(status))
                .map(rows -> {
                    List<DeliveryView> items = new ArrayList<>();
                    rows.forEach(row -> items.add(DeliveryView.of(row)));
                    return new Deliveries(items);
                });
    }

    @GET
    @Path("/notifications/dev-sink")
    @RolesAllowed("operator")
    @Operation(
            summary = "Messages the dev sink received instead of being sent (dev mode), newest first",
            description = "Empty unless ledger.notify.sink=dev, as in quarkus:dev: there every message lands here "
                    + "and nothing leaves the machine.")
    public Uni<SentMessages> devSink() {
        return pool.query("""
                        SELECT delivery_id::text AS id, channel, masked_address, subject, body, sent_at
                          FROM notification_dev_sink ORDER BY sent_at DESC LIMIT 200""").execute().map(rows -> {
            List<SentMessage> items = new ArrayList<>();
            rows.forEach(row -> items.add(new SentMessage(
                    row.getString("id"),
                    row.getString("channel"),
                    row.getString("masked_address"),
                    row.getString("subject"),
                    row.getString("body"),
                    row.getOffsetDateTime("sent_at").toInstant())));
            return new SentMessages(items);
        });
    }
}
