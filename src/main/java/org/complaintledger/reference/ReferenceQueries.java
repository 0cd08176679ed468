package org.complaintledger.reference;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.complaintledger.reference.ReferenceViews.AgencyView;
import org.complaintledger.reference.ReferenceViews.CalendarView;
import org.complaintledger.reference.ReferenceViews.CategoryView;
import org.complaintledger.reference.ReferenceViews.HolidayView;
import org.complaintledger.reference.ReferenceViews.KeyView;
import org.complaintledger.reference.ReferenceViews.SlaPolicyView;
import org.complaintledger.reference.ReferenceViews.UnitView;

/** The current reference data, read from the tables the administration keeps with its events. */
@Singleton
public class ReferenceQueries {

    private final ObjectMapper json = new ObjectMapper();

    @Inject
    Pool pool;

    @Inject
    AgencyContacts contacts;

    @Inject
    PolicyBook policies;

    public Uni<List<CategoryView>> categories() {
        return pool.query("""
                        SELECT code, name, name_id, name_en, default_agency_id, retired_at IS NOT NULL AS retired,
                               description, keywords, group_name
                          FROM categories ORDER BY code""").execute().map(rows -> {
            List<CategoryView> all = new ArrayList<>();
            rows.forEach(r -> {
                Map<String, String> name = new LinkedHashMap<>();
                name.put("id", r.getString("name_id") != null ? r.getString("name_id") : r.getString("name"));
                name.put("en", r.getString("name_en") != null ? r.getString("name_en") : r.getString("name"));
                all.add(new CategoryView(
                        r.getString("code"),
                        name,
                        r.getString("default_agency_id"),
                        r.getBoolean("retired"),
                        r.getString("description"),
                        r.getString("keywords"),
                        r.getString("group_name")));
            });
            return all;
        });
    }

    /** Every agency with its units as a tree and every contact opened: the admin's screen, not a public list. */
    public Uni<List<AgencyView>> agencies() {
        Uni<List<Row>> agencyRows =
                rows("SELECT id, name, regency, contacts::text AS contacts FROM agencies ORDER BY id");
        Uni<List<Row>> unitRows = rows("""
                SELECT id, agency_id, parent_id, kind, name, contacts::text AS contacts FROM agency_units ORDER BY id""");
        return Uni.combine().all().unis(agencyRows, unitRows).asTuple().chain(both -> {
            Uni<List<UnitView>> flatUnits = Multi.createFrom()
                    .iterable(both.getItem2())
                    .onItem()
                    .transformToUniAndConcatenate(r -> contacts.open(
                                    true, r.getString("id"), contacts.read(r.getString("contacts")))
                            .map(opened -> new UnitView(
                                    r.getString("id"),
                                    r.getString("agency_id"),
                                    r.getString("parent_id"),
                                    AdminRequests.UnitKind.valueOf(r.getString("kind")),
                                    r.getString("name"),
                                    opened,
                                    List.of())))
                    .collect()
                    .asList();
            return flatUnits.chain(units -> Multi.createFrom()
                    .iterable(both.getItem1())
                    .onItem()
                    .transformToUniAndConcatenate(r -> contacts.open(
                                    false, r.getString("id"), contacts.read(r.getString("contacts")))
                            .map(opened -> new AgencyView(
                                    r.getString("id"),
                                    r.getString("name"),
                                    r.getString("regency"),
                                    opened,
                                    tree(units, r.getString("id"), null))))
                    .collect()
                    .asList());
        });
    }

    /**
     * One agency's units as a tree, without their contact addresses: what an officer chooses from when assigning a
     * complaint inside the agency. The names of government offices are public; their alert addresses are not.
     */
    public Uni<List<UnitView>> units(String agencyId) {
        return pool.preparedQuery(
                        "SELECT id, agency_id, parent_id, kind, name FROM agency_units WHERE agency_id = $1 ORDER BY id")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(agencyId))
                .map(rows -> {
                    List<UnitView> flat = new ArrayList<>();
                    rows.forEach(r -> flat.add(new UnitView(
                            r.getString("id"),
                            r.getString("agency_id"),
                            r.getString("parent_id"),
                            AdminRequests.UnitKind.valueOf(r.getString("kind")),
                            r.getString("name"),
                            List.of(),
                            List.of())));
                    return tree(flat, agencyId, null);
                });
    }

    private static List<UnitView> tree(List<UnitView> units, String agencyId, String parentId) {
        return units.stream()
                .filter(u -> u.agencyId().equals(agencyId) && java.util.Objects.equals(u.parentUnitId(), parentId))
                .map(u -> new UnitView(
                        u.id(),
                        u.agencyId(),
                        u.parentUnitId(),
                        u.kind(),
                        u.name(),
                        u.contacts(),
                        tree(units, agencyId, u.id())))
                .toList();
    }

    public Uni<List<CalendarView>> calendars() {
        return Uni.combine()
                .all()
                .unis(
                        rows("SELECT id, name, version FROM holiday_calendars ORDER BY id"),
                        rows("SELECT calendar_id, date, name FROM holidays ORDER BY date"))
                .asTuple()
                .map(both -> {
                    Map<String, List<HolidayView>> days = new HashMap<>();
                    both.getItem2()
                            .forEach(r -> days.computeIfAbsent(r.getString("calendar_id"), id -> new ArrayList<>())
                                    .add(new HolidayView(r.getLocalDate("date"), r.getString("name"))));
                    return both.getItem1().stream()
                            .map(r -> new CalendarView(
                                    r.getString("id"),
                                    r.getString("name"),
                                    r.getInteger("version"),
                                    days.getOrDefault(r.getString("id"), List.of())))
                            .toList();
                });
    }

    /** Every version of every policy, newest first; {@code inForce} marks the latest version of each. */
    public Uni<List<SlaPolicyView>> policies() {
        return rows("""
                SELECT policy_id, version, category, report_type, rules::text AS rules, calendar_id, calendar_version,
                       set_at, set_by FROM sla_policies ORDER BY policy_id, version DESC""").map(list -> {
            Set<String> seen = new HashSet<>();
            return list.stream()
                    .map(r -> {
                        Map<String, String> rules = new LinkedHashMap<>();
                        PolicyBook.rules(r.getString("rules")).forEach((k, v) -> rules.put(k.name(), v.toString()));
                        return new SlaPolicyView(
                                r.getString("policy_id"),
                                r.getInteger("version"),
                                r.getString("category"),
                                r.getString("report_type"),
                                rules,
                                r.getString("calendar_id"),
                                r.getInteger("calendar_version"),
                                r.getOffsetDateTime("set_at").toInstant(),
                                r.getString("set_by"),
                                seen.add(r.getString("policy_id")));
                    })
                    .toList();
        });
    }

    public Uni<List<KeyView>> keys() {
        return rows("SELECT key_id, client, hint, created_at, revoked_at FROM open311_api_keys ORDER BY created_at, client")
                .map(list -> list.stream()
                        .map(r -> new KeyView(
                                r.getUUID("key_id"),
                                r.getString("client"),
                                ReferenceAdministration.mask(r.getString("hint")),
                                instant(r.getOffsetDateTime("created_at")),
                                instant(r.getOffsetDateTime("revoked_at"))))
                        .toList());
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    private Uni<List<Row>> rows(String sql) {
        return pool.query(sql).execute().map(rows -> {
            List<Row> all = new ArrayList<>();
            rows.forEach(all::add);
            return all;
        });
    }
}
