package org.complaintledger.reference;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.List;
import org.complaintledger.complaint.ReportType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The report types every filing form offers, with their names, so that a frontend takes the list from the API (as it
 * takes the categories) instead of keeping a copy that drifts. The types are the domain's fixed set (SP4N-LAPOR!'s
 * pengaduan, aspirasi, permintaan informasi), not administered data.
 */
@Path("/api/report-types")
@Tag(name = "Agencies")
@PermitAll
public class ReportTypeResource {

    /** Shaped like a category's name, so a frontend reads both the same way. */
    public record Names(String id, String en) {}

    public record ReportTypeView(ReportType code, Names name) {}

    private static final List<ReportTypeView> TYPES = Arrays.stream(ReportType.values())
            .map(type -> new ReportTypeView(type, names(type)))
            .toList();

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "The report types with their names (id, en)",
            description = "COMPLAINT (pengaduan), ASPIRATION (aspirasi), INFORMATION_REQUEST (permintaan informasi)")
    public List<ReportTypeView> list() {
        return TYPES;
    }

    private static Names names(ReportType type) {
        return switch (type) {
            case COMPLAINT -> new Names("Pengaduan", "Complaint");
            case ASPIRATION -> new Names("Aspirasi", "Aspiration");
            case INFORMATION_REQUEST -> new Names("Permintaan informasi", "Information request");
        };
    }
}
