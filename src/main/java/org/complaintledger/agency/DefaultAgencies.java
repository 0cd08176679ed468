package org.complaintledger.agency;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.complaintledger.web.ProblemException;

/**
 * The agency a complaint goes to when the operator names none: the default agency of its category, set by the
 * administration (issue 17). Read from the current table, not the memoized category list, so a default set a moment
 * ago applies at once.
 */
@Singleton
public class DefaultAgencies {

    @Inject
    Pool pool;

    /** The category's default agency, or a 400 on {@code agencyId} when it has none. */
    public Uni<String> defaultAgencyOf(String category) {
        return pool.preparedQuery("SELECT default_agency_id FROM categories WHERE code = $1")
                .execute(Tuple.of(category))
                .map(rows -> {
                    String agency =
                            rows.size() == 0 ? null : rows.iterator().next().getString("default_agency_id");
                    if (agency == null) {
                        throw ProblemException.badRequest(
                                "agencyId", "is required: category " + category + " has no default agency");
                    }
                    return agency;
                });
    }
}
