package org.complaintledger.reference;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.complaintledger.web.ProblemException;

/** The units inside the agencies, as the complaint edge needs them: does a unit belong to an agency. */
@ApplicationScoped
public class AgencyUnits {

    @Inject
    Pool pool;

    /**
     * Fails with a 400 on {@code field} unless the unit is one of the agency's, when that agency holds the complaint
     * now; otherwise passes, so that the decider answers the officer of another agency with its 403 first.
     */
    public Uni<Void> requireUnitOfHolder(String field, String unitId, String agencyId, java.util.UUID complaintId) {
        return pool.preparedQuery("""
                        SELECT e.type, e.data->>'agencyId' AS agency FROM events e
                         WHERE e.stream_id = $1
                           AND e.type IN ('complaint.dispatched', 'complaint.redispatched', 'complaint.declined-by-agency')
                         ORDER BY e.stream_version DESC LIMIT 1""")
                .execute(Tuple.of(complaintId))
                .chain(rows -> {
                    boolean holds = rows.size() > 0 && !"complaint.declined-by-agency".equals(rows.iterator().next().getString("type"))
                            && agencyId.equals(rows.iterator().next().getString("agency"));
                    return holds ? requireUnitOf(field, unitId, agencyId) : Uni.createFrom().voidItem();
                });
    }

    /** Fails with a 400 on {@code field} unless the unit is one of the agency's. */
    public Uni<Void> requireUnitOf(String field, String unitId, String agencyId) {
        return pool.preparedQuery("SELECT 1 FROM agency_units WHERE id = $1 AND agency_id = $2")
                .execute(Tuple.of(unitId, agencyId))
                .invoke(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.badRequest(field, "no unit '" + unitId + "' in agency '" + agencyId + "'");
                    }
                })
                .replaceWithVoid();
    }
}
