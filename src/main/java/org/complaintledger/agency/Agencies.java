package org.complaintledger.agency;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;

/** The regency's agencies and the complaint categories: reference data, seeded by migration. */
@ApplicationScoped
public class Agencies {

    public record Agency(String id, String name, String regency) {
    }

    @Inject
    Pool pool;

    public Uni<List<Agency>> all() {
        return pool.query("SELECT id, name, regency FROM agencies ORDER BY id").execute().map(rows -> {
            List<Agency> agencies = new ArrayList<>();
            rows.forEach(row -> agencies.add(new Agency(row.getString("id"), row.getString("name"),
                    row.getString("regency"))));
            return agencies;
        });
    }

    public Uni<Boolean> exists(String agencyId) {
        return pool.preparedQuery("SELECT 1 FROM agencies WHERE id = $1").execute(Tuple.of(agencyId))
                .map(rows -> rows.size() > 0);
    }

    public Uni<Boolean> categoryExists(String category) {
        return pool.preparedQuery("SELECT 1 FROM categories WHERE code = $1").execute(Tuple.of(category))
                .map(rows -> rows.size() > 0);
    }
}
