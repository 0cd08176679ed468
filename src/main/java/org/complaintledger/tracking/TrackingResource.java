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

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Tracked(
            String trackingNumber,
            Status status,
            String category,
            String agencyId,
            Instant submittedAt,
            Instant updatedAt) {}

    @Inject
    Projections projections;

    @Inject
    ComplaintViewQueries queries;

    /** Where a person follows a complaint in a browser; the tracking number is appended. */
    @ConfigProperty(name = "ledger.tracking.link")
    String trackingLink;

    @GET
    @Path("/{trackingNumber}")
    @Operation(summary = "Track a complaint by its tracking number (no sign-in)")
    public Uni<Tracked> track(@PathParam("trackingNumber") String trackingNumber) {
        projections.requireServing(ComplaintViewProjector.NAME);
        requireTrackingNumber(trackingNumber);
        return queries.byTrackingNumber(trackingNumber).map(row -> {
            if (row == null) {
                throw new ProblemException(Problem.of(404, "complaint.not-found", "No complaint " + trackingNumber));
            }
            return row.confidential
                    ? new Tracked(row.trackingNumber, row.status, null, null, null, null)
                    : new Tracked(
                            row.trackingNumber, row.status, row.category, row.agencyId, row.submittedAt, row.updatedAt);
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
