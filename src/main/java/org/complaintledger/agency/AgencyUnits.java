package org.complaintledger.agency;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.complaintledger.web.ProblemException;

/**
 * The units inside the agencies (kept by the administration, issue 17), as the complaint's commands need them: does a
 * unit belong to an agency. Read from the current table, so a unit added a moment ago can take complaints at once.
 */
@Singleton
public class AgencyUnits {

    @Inject
    Pool pool;

    /** Fails with a 400 on {@code field} unless the unit is one of the agency's. */
    public Uni<Void> requireUnitOf(String field, String unitId, String agencyId) {
        return pool.preparedQuery("SELECT 1 FROM agency_units WHERE id = $1 AND agency_id = $2")
                .execute(Tuple.of(unitId, agencyId))
                .invoke(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.badRequest(
                                field, "no unit '" + unitId + "' in agency '" + agencyId + "'");
                    }
                })
                .replaceWithVoid();
    }
}
