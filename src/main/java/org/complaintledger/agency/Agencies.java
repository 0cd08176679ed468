package org.complaintledger.agency;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.complaintledger.ledger.Waiter;

/**
 * The regency's agencies and the complaint categories: reference data, seeded by migration. Every command checks
 * against it, so it is read at most once a minute rather than once a request. A category carries the name,
 * description, keywords and group that the Open311 service list publishes for it.
 */
@Singleton
public class Agencies {

    private static final Duration REFRESH = Duration.ofMinutes(1);

    public record Agency(String id, String name, String regency) {}

    /** A retired category stays here, so old complaints still name it, but takes no new filings. */
    public record Category(
            String code, String name, String description, String keywords, String group, boolean retired) {}

    private final Pool pool;
    private volatile Uni<List<Agency>> agencies;
    private volatile Uni<List<Category>> categories;

    @Inject
    public Agencies(Pool pool) {
        this.pool = pool;
        invalidate();
    }

    /**
     * Reads the lists afresh on next use: the administration calls this after a change commits, so this instance
     * files and publishes with the change at once; other instances see it within {@link #REFRESH}.
     */
    public void invalidate() {
        this.agencies = pool.query("SELECT id, name, regency FROM agencies ORDER BY id")
                .execute()
                .map(rows -> {
                    List<Agency> all = new ArrayList<>();
                    rows.forEach(row ->
                            all.add(new Agency(row.getString("id"), row.getString("name"), row.getString("regency"))));
                    return List.copyOf(all);
                })
                .memoize()
                .forFixedDuration(REFRESH);
        this.categories = pool.query(
                        "SELECT code, name, description, keywords, group_name, retired_at IS NOT NULL AS retired"
                                + " FROM categories ORDER BY code")
                .execute()
                .map(rows -> {
                    List<Category> all = new ArrayList<>();
                    rows.forEach(row -> all.add(new Category(
                            row.getString("code"),
                            row.getString("name"),
                            row.getString("description"),
                            row.getString("keywords"),
                            row.getString("group_name"),
                            row.getBoolean("retired"))));
                    return List.copyOf(all);
                })
                .memoize()
                .forFixedDuration(REFRESH);
    }

    /** The lists are read once for all callers (see invalidate()); each caller continues on its own context. */
    public Uni<List<Agency>> all() {
        return Waiter.onOwnContext(agencies);
    }

    public Uni<Boolean> exists(String agencyId) {
        return all().map(all -> all.stream().anyMatch(agency -> agency.id().equals(agencyId)));
    }

    public Uni<List<Category>> categories() {
        return Waiter.onOwnContext(categories);
    }

    /** Whether new complaints may be filed in (or corrected to) this category: it exists and is not retired. */
    public Uni<Boolean> categoryExists(String category) {
        return categories().map(all -> all.stream().anyMatch(c -> c.code().equals(category) && !c.retired()));
    }
}
