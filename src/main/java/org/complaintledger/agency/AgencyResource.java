package org.complaintledger.agency;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/agencies")
@Tag(name = "Agencies")
@PermitAll
public class AgencyResource {

    @Inject
    Agencies agencies;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The agencies (Perangkat Daerah) complaints can be dispatched to")
    public Uni<List<Agencies.Agency>> list() {
        return agencies.all();
    }
}
