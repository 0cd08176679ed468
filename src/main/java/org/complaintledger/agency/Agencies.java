package org.complaintledger.agency;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The regency's agencies and the complaint categories: reference data, seeded by migration. Every command checks
 * against it, so it is read at most once a minute rather than once a request. A category carries the name,
 * description, keywords and group that the Open311 service list publishes for it.
 */
@ApplicationScoped
public class Agencies {

    private static final Duration REFRESH = Duration.ofMinutes(1);

    public record Agency(String id, String name, String regency) {
    }

    public record Category(String code, String name, String description, String keywords, String group) {
    }

    private final Uni<List<Agency>> agencies;
    private final Uni<List<Category>> categories;

    @Inject
    public Agencies(Pool pool) {
        this.agencies = pool.query("SELECT id, name, regency FROM agencies ORDER BY id").execute()
                .map(rows -> {
                    List<Agency> all = new ArrayList<>();
                    rows.forEach(row -> all.add(new Agency(row.getString("id"), row.getString("name"),
                            row.getString("regency"))));
                    return List.copyOf(all);
                })
                .memoize().forFixedDuration(REFRESH);
        this.categories = pool.query("SELECT code, name, description, keywords, group_name FROM categories ORDER BY code")
                .execute()
                .map(rows -> {
                    List<Category> all = new ArrayList<>();
                    rows.forEach(row -> all.add(new Category(row.getString("code"), row.getString("name"),
                            row.getString("description"), row.getString("keywords"), row.getString("group_name"))));
                    return List.copyOf(all);
                })
                .memoize().forFixedDuration(REFRESH);
    }

    public Uni<List<Agency>> all() {
        return agencies;
    }

    public Uni<Boolean> exists(String agencyId) {
        return agencies.map(all -> all.stream().anyMatch(agency -> agency.id().equals(agencyId)));
    }

    public Uni<List<Category>> categories() {
        return categories;
    }

    public Uni<Boolean> categoryExists(String category) {
        return categories.map(all -> all.stream().anyMatch(c -> c.code().equals(category)));
    }
}
