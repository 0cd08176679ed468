package org.complaintledger.tracking;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.complaintledger.complaint.Status;
import org.complaintledger.projection.Projections;
import org.complaintledger.projection.ReadModel;
import org.complaintledger.view.ComplaintViewProjector;
import org.complaintledger.view.ComplaintViewQueries;
import org.complaintledger.web.Problem;
import org.complaintledger.web.ProblemException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The public lookup by tracking number, for anyone without an account. A confidential complaint shows its status
 * and nothing else; no complaint ever shows its complainant or its text.
 */
@Path("/api/track")
@Tag(name = "Public")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class TrackingResource {

    /**
     * {@code stale} is true (and present) only for an answer from the read model's last good rows while it is being
     * rebuilt, as the public statistics say it; the header {@link ReadModel#STALE_HEADER} says the same.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Tracked(
            String trackingNumber,
            Status status,
            String category,
            String agencyId,
            Instant submittedAt,
            Instant updatedAt,
            Boolean stale) {}

    @Inject
    Projections projections;

    @Inject
    ComplaintViewQueries queries;

    /** Where a person follows a complaint in a browser; the tracking number is appended. */
    @ConfigProperty(name = "ledger.tracking.link")
    String trackingLink;

    @GET
    @Path("/{trackingNumber}")
    @Operation(
            summary = "Track a complaint by its tracking number (no sign-in)",
            description = "While the read model is being rebuilt the answer comes from its last good rows, with "
                    + "stale: true and the header X-Ledger-Stale: true")
    public Uni<RestResponse<Tracked>> track(@PathParam("trackingNumber") String trackingNumber) {
        ReadModel from = projections.requireServingPublic(ComplaintViewProjector.NAME);
        requireTrackingNumber(trackingNumber);
        return queries.byTrackingNumber(trackingNumber, from).map(row -> {
            if (row == null) {
                throw new ProblemException(Problem.of(404, "complaint.not-found", "No complaint " + trackingNumber));
            }
            Boolean stale = from.stale() ? true : null;
            Tracked tracked = row.confidential
                    ? new Tracked(row.trackingNumber, row.status, null, null, null, null, stale)
                    : new Tracked(
                            row.trackingNumber,
                            row.status,
                            row.category,
                            row.agencyId,
                            row.submittedAt,
                            row.updatedAt,
                            stale);
            RestResponse.ResponseBuilder<Tracked> answer = RestResponse.ResponseBuilder.ok(tracked);
            if (from.stale()) {
                answer.header(ReadModel.STALE_HEADER, "true");
            }
            return answer.build();
        });
    }

    /**
     * The QR code of the tracking link, for a printed receipt: scanning it opens the tracking page. It encodes the
     * link and nothing else (no claim code), and is drawn for any well-formed number without looking it up, so it
     * tells nothing of whether the complaint exists.
     */
    @GET
    @Path("/{trackingNumber}/qr.svg")
    @Produces("image/svg+xml")
    @Operation(summary = "The QR code (SVG) of a tracking number's public tracking link, for a printed receipt")
    public RestResponse<String> qr(@PathParam("trackingNumber") String trackingNumber) {
        requireTrackingNumber(trackingNumber);
        return RestResponse.ResponseBuilder.ok(QrCodes.svg(trackingLink + trackingNumber), "image/svg+xml")
                .build();
    }

    private static void requireTrackingNumber(String trackingNumber) {
        if (!trackingNumber.matches("LPR-[A-Z0-9]{4}-[A-Z0-9]{4}(-[A-Z0-9]{4})?")) {
            throw ProblemException.badRequest("trackingNumber", "must look like LPR-7KQ2-M9XD-4HPA");
        }
    }
}
