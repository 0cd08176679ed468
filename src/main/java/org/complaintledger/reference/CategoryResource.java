package org.complaintledger.reference;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.complaintledger.reference.ReferenceViews.CategoryView;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The complaint categories for every frontend's filing form: public reference data, retired ones flagged. */
@Path("/api/categories")
@Tag(name = "Agencies")
@PermitAll
public class CategoryResource {

    @Inject
    ReferenceQueries queries;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "The complaint categories with their names (id, en), default agency and retired flag",
            description = "A retired category takes no new filings; complaints filed in it still name it")
    public Uni<List<CategoryView>> list() {
        return queries.categories();
    }
}
