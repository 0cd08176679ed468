package org.complaintledger.reference;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.complaintledger.reference.ReferenceViews.UnitView;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The units inside one agency (bidang, UPT, kecamatan, kelurahan), for the officer's assignment form and any
 * frontend: public reference data like the agencies, without the units' alert addresses.
 */
@Path("/api/agencies/{agencyId}/units")
@Tag(name = "Agencies")
@PermitAll
public class AgencyUnitResource {

    @Inject
    ReferenceQueries queries;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "The agency's units as a tree (no contact addresses)",
            description = "Empty for an agency without units, or one that does not exist")
    public Uni<List<UnitView>> units(
            @PathParam("agencyId") @Pattern(regexp = "[a-z0-9-]{2,64}", message = "must be an agency id")
                    String agencyId) {
        return queries.units(agencyId);
    }
}
