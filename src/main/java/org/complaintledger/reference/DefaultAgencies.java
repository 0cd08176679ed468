package org.complaintledger.reference;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.complaintledger.web.Problem;
import org.complaintledger.web.ProblemException;

import java.util.UUID;

/**
 * The agency a complaint goes to when the operator names none: the default agency of its category. The category is
 * read from the complaint's own events (submitted, or verified if the operator corrected it), not from a read model,
 * so a dispatch right after filing finds it.
 */
@ApplicationScoped
public class DefaultAgencies {

    // the complaint's category (a correction first), then its default agency; no row: the complaint was never filed
    private static final String DEFAULT_AGENCY = """
            SELECT k.code, c.default_agency_id
              FROM (SELECT coalesce($2, (SELECT e.data->>'category' FROM events e
                                          WHERE e.stream_id = $1 AND e.type IN ('complaint.submitted', 'complaint.verified')
                                          ORDER BY e.stream_version DESC LIMIT 1)) AS code) AS k
              LEFT JOIN categories c ON c.code = k.code
             WHERE k.code IS NOT NULL""";

    @Inject
    Pool pool;

    /** {@code requested} when given; otherwise the default agency of the category, or a 400 when it has none. */
    public Uni<String> agencyFor(UUID complaintId, String requested, String correctedCategory) {
        if (requested != null) {
            return Uni.createFrom().item(requested);
        }
        return pool.preparedQuery(DEFAULT_AGENCY).execute(Tuple.of(complaintId, correctedCategory)).map(rows -> {
            if (rows.size() == 0) {
                throw new ProblemException(Problem.of(404, "complaint.not-found", "No complaint " + complaintId));
            }
            var row = rows.iterator().next();
            String agency = row.getString("default_agency_id");
            if (agency == null) {
                throw ProblemException.badRequest("agencyId",
                        "is required: category " + row.getString("code") + " has no default agency");
            }
            return agency;
        });
    }
}
