package org.complaintledger.reference;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.complaintledger.web.ProblemException;

import java.util.UUID;

/**
 * The agency a complaint goes to when the operator names none: the default agency of its category. The category is
 * read from the complaint's own events (submitted, or verified if the operator corrected it), not from a read model,
 * so a dispatch right after filing finds it.
 */
@ApplicationScoped
public class DefaultAgencies {

    private static final String DEFAULT_AGENCY = """
            SELECT c.code, c.default_agency_id FROM categories c
             WHERE c.code = coalesce($2, (SELECT e.data->>'category' FROM events e
                                           WHERE e.stream_id = $1 AND e.type IN ('complaint.submitted', 'complaint.verified')
                                           ORDER BY e.stream_version DESC LIMIT 1))""";

    @Inject
    Pool pool;

    /** {@code requested} when given; otherwise the default agency of the category, or a 400 when it has none. */
    public Uni<String> agencyFor(UUID complaintId, String requested, String correctedCategory) {
        if (requested != null) {
            return Uni.createFrom().item(requested);
        }
        return pool.preparedQuery(DEFAULT_AGENCY).execute(Tuple.of(complaintId, correctedCategory)).map(rows -> {
            String agency = rows.size() == 0 ? null : rows.iterator().next().getString("default_agency_id");
            if (agency == null) {
                throw ProblemException.badRequest("agencyId", rows.size() == 0
                        ? "is required: the complaint's category is unknown"
                        : "is required: category " + rows.iterator().next().getString("code") + " has no default agency");
            }
            return agency;
        });
    }
}
