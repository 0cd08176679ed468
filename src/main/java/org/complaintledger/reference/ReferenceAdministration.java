package org.complaintledger.reference;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.complaintledger.agency.Agencies;
import org.complaintledger.deadline.DeadlineKind;
import org.complaintledger.deadline.DeadlinePolicy;
import org.complaintledger.deadline.DeadlineRule;
import org.complaintledger.ledger.EventEnvelope.EventActor;
import org.complaintledger.reference.AdminRequests.AddAgency;
import org.complaintledger.reference.AdminRequests.AddCategory;
import org.complaintledger.reference.AdminRequests.AddUnit;
import org.complaintledger.reference.AdminRequests.Holiday;
import org.complaintledger.reference.AdminRequests.SetSlaPolicy;
import org.complaintledger.reference.ReferenceViews.IssuedKey;
import org.complaintledger.web.Problem;
import org.complaintledger.web.ProblemException;

/**
 * Every change to the reference data: checks it, writes the current-state rows and appends its event to the kind's
 * reference stream, in one transaction, so the ledger and the tables never disagree. After the commit the caches that
 * serve commands (agencies and categories, SLA policies) are refreshed before the admin gets an answer.
 */
@Singleton
public class ReferenceAdministration {

    /** The calendar a policy counts with unless it names another. */
    static final String NATIONAL_CALENDAR = org.complaintledger.deadline.WorkingCalendar.NATIONAL;

    private final ObjectMapper json = new ObjectMapper();
    private final SecureRandom random = new SecureRandom();

    @Inject
    Pool pool;

    @Inject
    ReferenceLedger ledger;

    @Inject
    AgencyContacts contacts;

    @Inject
    Agencies agencies;

    @Inject
    PolicyBook policies;

    @Inject
    Clock clock;

    // ---- agencies and units

    public Uni<Void> addAgency(EventActor admin, AddAgency body) {
        return contacts.seal(false, body.id(), body.contacts())
                .chain(sealedValue -> inTransaction(tx -> tx.preparedQuery("""
                                INSERT INTO agencies (id, name, regency, contacts)
                                SELECT $1, $2, coalesce((SELECT regency FROM agencies ORDER BY id LIMIT 1), 'Bengkalis'), $3::text::jsonb
                                RETURNING regency""")
                        .execute(Tuple.of(body.id(), body.name(), sealedValue.toString()))
                        .onFailure(PgException.class)
                        .transform(e -> conflictOr(
                                e, "reference.agency-exists", "There is already an agency '" + body.id() + "'"))
                        .chain(rows -> ledger.append(
                                tx,
                                ReferenceEventType.AGENCY_ADDED,
                                admin,
                                clock.instant(),
                                json.createObjectNode()
                                        .put("agencyId", body.id())
                                        .put("name", body.name())
                                        .put("regency", rows.iterator().next().getString("regency"))
                                        .set("contacts", sealedValue)))
                        .replaceWithVoid()));
    }

    public Uni<Void> addUnit(EventActor admin, String agencyId, AddUnit body) {
        return requireAgency(agencyId)
                .chain(() -> body.parentUnitId() == null
                        ? Uni.createFrom().voidItem()
                        : pool.preparedQuery("SELECT 1 FROM agency_units WHERE id = $1 AND agency_id = $2")
                                .execute(Tuple.of(body.parentUnitId(), agencyId))
                                .invoke(rows -> {
                                    if (rows.size() == 0) {
                                        throw ProblemException.badRequest(
                                                "parentUnitId",
                                                "no unit '" + body.parentUnitId() + "' in agency '" + agencyId + "'");
                                    }
                                })
                                .replaceWithVoid())
                .chain(() -> contacts.seal(true, body.id(), body.contacts()))
                .chain(sealedValue -> inTransaction(tx -> {
                    Instant now = clock.instant();
                    return tx.preparedQuery("""
                                    INSERT INTO agency_units (id, agency_id, parent_id, kind, name, contacts, added_at)
                                    VALUES ($1, $2, $3, $4, $5, $6::text::jsonb, $7)""")
                            .execute(Tuple.tuple()
                                    .addString(body.id())
                                    .addString(agencyId)
                                    .addString(body.parentUnitId())
                                    .addString(body.kind().name())
                                    .addString(body.name())
                                    .addString(sealedValue.toString())
                                    .addOffsetDateTime(now.atOffset(ZoneOffset.UTC)))
                            .onFailure(PgException.class)
                            .transform(e -> conflictOr(
                                    e, "reference.unit-exists", "There is already a unit '" + body.id() + "'"))
                            .chain(() -> ledger.append(
                                    tx,
                                    ReferenceEventType.UNIT_ADDED,
                                    admin,
                                    now,
                                    json.createObjectNode()
                                            .put("unitId", body.id())
                                            .put("agencyId", agencyId)
                                            .put("parentUnitId", body.parentUnitId())
                                            .put("kind", body.kind().name())
                                            .put("name", body.name())
                                            .set("contacts", sealedValue)))
                            .replaceWithVoid();
                }));
    }

    public Uni<Void> changeContacts(EventActor admin, String agencyId, List<AdminRequests.Contact> list) {
        return requireAgency(agencyId)
                .chain(() -> contacts.seal(false, agencyId, list))
                .chain(sealedValue -> inTransaction(tx -> tx.preparedQuery(
                                "UPDATE agencies SET contacts = $2::text::jsonb WHERE id = $1")
                        .execute(Tuple.of(agencyId, sealedValue.toString()))
                        .chain(() -> ledger.append(
                                tx,
                                ReferenceEventType.CONTACTS_CHANGED,
                                admin,
                                clock.instant(),
                                json.createObjectNode()
                                        .put("agencyId", agencyId)
                                        .putNull("unitId")
                                        .set("contacts", sealedValue)))
                        .replaceWithVoid()));
    }

    // ---- categories

    public Uni<Void> addCategory(EventActor admin, AddCategory body) {
        Uni<Void> agencyKnown = body.defaultAgencyId() == null
                ? Uni.createFrom().voidItem()
                : agencies.exists(body.defaultAgencyId())
                        .invoke(exists -> {
                            if (!exists) {
                                throw ProblemException.badRequest(
                                        "defaultAgencyId", "no agency '" + body.defaultAgencyId() + "'");
                            }
                        })
                        .replaceWithVoid();
        String description =
                body.description() != null ? body.description() : body.name().en();
        String keywords = body.keywords() != null
                ? body.keywords()
                : body.name().en() + ", " + body.name().id();
        String group = body.group() != null ? body.group() : "other";
        return agencyKnown.chain(() -> inTransaction(tx -> tx.preparedQuery("""
                                INSERT INTO categories (code, name, description, keywords, group_name, name_id, name_en,
                                                        default_agency_id)
                                VALUES ($1, $2, $3, $4, $5, $6, $2, $7)""")
                .execute(Tuple.tuple()
                        .addString(body.code())
                        .addString(body.name().en())
                        .addString(description)
                        .addString(keywords)
                        .addString(group)
                        .addString(body.name().id())
                        .addString(body.defaultAgencyId()))
                .onFailure(PgException.class)
                .transform(e ->
                        conflictOr(e, "reference.category-exists", "There is already a category '" + body.code() + "'"))
                .chain(() -> {
                    ObjectNode data = json.createObjectNode().put("code", body.code());
                    data.putObject("name")
                            .put("id", body.name().id())
                            .put("en", body.name().en());
                    data.put("defaultAgencyId", body.defaultAgencyId())
                            .put("description", description)
                            .put("keywords", keywords)
                            .put("group", group);
                    return ledger.append(tx, ReferenceEventType.CATEGORY_ADDED, admin, clock.instant(), data);
                })
                .replaceWithVoid()));
    }

    public Uni<Void> retireCategory(EventActor admin, String code) {
        return inTransaction(tx -> {
            Instant now = clock.instant();
            return tx.preparedQuery("SELECT retired_at FROM categories WHERE code = $1 FOR UPDATE")
                    .execute(Tuple.of(code))
                    .chain(rows -> {
                        if (rows.size() == 0) {
                            throw new ProblemException(
                                    Problem.of(404, "reference.category-not-found", "No category '" + code + "'"));
                        }
                        if (rows.iterator().next().getValue("retired_at") != null) {
                            throw new ProblemException(Problem.of(
                                    409, "reference.category-retired", "Category '" + code + "' is already retired"));
                        }
                        return tx.preparedQuery("UPDATE categories SET retired_at = $2 WHERE code = $1")
                                .execute(Tuple.of(code, now.atOffset(ZoneOffset.UTC)));
                    })
                    .chain(() -> ledger.append(
                            tx,
                            ReferenceEventType.CATEGORY_RETIRED,
                            admin,
                            now,
                            json.createObjectNode().put("code", code)))
                    .replaceWithVoid();
        });
    }

    // ---- holiday calendars

    /** A new, empty calendar at version 0: a policy may count with it once it has holidays, or from the start. */
    public Uni<Void> addCalendar(EventActor admin, AdminRequests.AddCalendar body) {
        return inTransaction(tx -> tx.preparedQuery("INSERT INTO holiday_calendars (id, name) VALUES ($1, $2)")
                .execute(Tuple.of(body.id(), body.name()))
                .onFailure(PgException.class)
                .transform(e -> conflictOr(
                        e, "reference.calendar-exists", "There is already a holiday calendar '" + body.id() + "'"))
                .chain(() -> ledger.append(
                        tx,
                        ReferenceEventType.CALENDAR_ADDED,
                        admin,
                        clock.instant(),
                        json.createObjectNode().put("calendarId", body.id()).put("name", body.name())))
                .replaceWithVoid());
    }

    /** Adds the holidays not yet in the calendar as its next version; answers that version (unchanged if none were new). */
    public Uni<Integer> addHolidays(EventActor admin, String calendarId, List<Holiday> holidays, String source) {
        return inTransaction(tx -> tx.preparedQuery("SELECT version FROM holiday_calendars WHERE id = $1 FOR UPDATE")
                .execute(Tuple.of(calendarId))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        throw new ProblemException(Problem.of(
                                404, "reference.calendar-not-found", "No holiday calendar '" + calendarId + "'"));
                    }
                    int current = rows.iterator().next().getInteger("version");
                    Map<java.time.LocalDate, String> byDate = new LinkedHashMap<>();
                    holidays.forEach(h -> byDate.putIfAbsent(h.date(), h.name()));
                    return tx.preparedQuery("""
                                    INSERT INTO holidays (calendar_id, date, name)
                                    SELECT $1, d, n FROM unnest($2::date[], $3::text[]) AS u(d, n)
                                    ON CONFLICT DO NOTHING RETURNING date, name""")
                            .execute(Tuple.of(
                                    calendarId,
                                    byDate.keySet().toArray(java.time.LocalDate[]::new),
                                    byDate.values().toArray(String[]::new)))
                            .chain(added -> {
                                if (added.size() == 0) {
                                    return Uni.createFrom().item(current);
                                }
                                int version = current + 1;
                                Instant now = clock.instant();
                                ObjectNode data = json.createObjectNode()
                                        .put("calendarId", calendarId)
                                        .put("calendarVersion", version)
                                        .put("source", source);
                                ArrayNode list = data.putArray("holidays");
                                List<Row> sorted = new ArrayList<>();
                                added.forEach(sorted::add);
                                sorted.sort(java.util.Comparator.comparing(r -> r.getLocalDate("date")));
                                sorted.forEach(r -> list.addObject()
                                        .put("date", r.getLocalDate("date").toString())
                                        .put("name", r.getString("name")));
                                return tx.preparedQuery("UPDATE holiday_calendars SET version = $2 WHERE id = $1")
                                        .execute(Tuple.of(calendarId, version))
                                        .chain(() ->
                                                ledger.append(tx, ReferenceEventType.HOLIDAYS_ADDED, admin, now, data))
                                        .chain(() -> reversionPolicies(tx, admin, now, calendarId, version))
                                        .replaceWith(version);
                            });
                }));
    }

    /**
     * A calendar change is a new version of every policy that counts with it: a deadline-set names the policy
     * version, and through it the calendar version, it was computed with. Before any admin policy exists, the
     * configured policy is what counts with the national calendar, so it becomes an admin-managed one here.
     */
    private Uni<Void> reversionPolicies(
            SqlConnection tx, EventActor admin, Instant now, String calendarId, int calendarVersion) {
        return tx.preparedQuery("""
                        SELECT DISTINCT ON (policy_id) policy_id, version, category, report_type, rules::text AS rules,
                               calendar_id
                          FROM sla_policies ORDER BY policy_id, version DESC""").execute().chain(rows -> {
            List<Row> current = new ArrayList<>();
            rows.forEach(current::add);
            boolean hasGeneral = current.stream()
                    .anyMatch(r -> r.getString("category") == null && r.getString("report_type") == null);
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Row row : current) {
                if (row.getString("calendar_id").equals(calendarId)) {
                    chain = chain.chain(() -> insertPolicy(
                            tx,
                            admin,
                            now,
                            row.getString("policy_id"),
                            row.getInteger("version") + 1,
                            row.getString("category"),
                            row.getString("report_type"),
                            // the next version names every rule, the ones this version inherited included
                            policies.inheriting(PolicyBook.rules(row.getString("rules"))),
                            calendarId,
                            calendarVersion,
                            "calendar-changed"));
                }
            }
            if (!hasGeneral && NATIONAL_CALENDAR.equals(calendarId)) {
                DeadlinePolicy configured = policies.configured();
                chain = chain.chain(() -> insertPolicy(
                        tx,
                        admin,
                        now,
                        configured.id(),
                        configured.version() + 1,
                        null,
                        null,
                        configured.rules(),
                        calendarId,
                        calendarVersion,
                        "calendar-changed"));
            }
            return chain;
        });
    }

    // ---- SLA policies

    /** Answers the new version. */
    public Uni<Integer> setPolicy(EventActor admin, SetSlaPolicy body) {
        Map<DeadlineKind, DeadlineRule> rules =
                new EnumMap<>(policies.configured().rules());
        body.rules().forEach((kind, text) -> {
            DeadlineKind parsed;
            try {
                parsed = DeadlineKind.valueOf(kind);
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest(
                        "rules",
                        "no deadline kind '" + kind + "'; use one of "
                                + java.util.Arrays.toString(DeadlineKind.values()));
            }
            try {
                rules.put(parsed, DeadlineRule.parse(text));
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("rules." + kind, e.getMessage());
            }
        });
        String calendarId = body.calendarId() != null ? body.calendarId() : NATIONAL_CALENDAR;
        String reportType = body.reportType() == null ? null : body.reportType().name();
        Uni<Void> categoryKnown = body.category() == null
                ? Uni.createFrom().voidItem()
                : pool.preparedQuery("SELECT 1 FROM categories WHERE code = $1")
                        .execute(Tuple.of(body.category()))
                        .invoke(rows -> {
                            if (rows.size() == 0) {
                                throw ProblemException.badRequest("category", "no category '" + body.category() + "'");
                            }
                        })
                        .replaceWithVoid();
        return categoryKnown.chain(() -> inTransaction(tx -> tx.preparedQuery(
                        "SELECT version FROM holiday_calendars WHERE id = $1 FOR SHARE")
                .execute(Tuple.of(calendarId))
                .chain(calendars -> {
                    if (calendars.size() == 0) {
                        throw ProblemException.badRequest("calendarId", "no holiday calendar '" + calendarId + "'");
                    }
                    int calendarVersion = calendars.iterator().next().getInteger("version");
                    // the configured policy is version n of its id: an admin's first version of that id is n + 1
                    int floor = body.policyId().equals(policies.configured().id())
                            ? policies.configured().version()
                            : 0;
                    return tx.preparedQuery("SELECT pg_advisory_xact_lock(hashtextextended($1, 18))")
                            .execute(Tuple.of(body.policyId()))
                            .chain(() -> tx.preparedQuery(
                                            "SELECT coalesce(max(version), $2) AS v FROM sla_policies WHERE policy_id = $1")
                                    .execute(Tuple.of(body.policyId(), floor)))
                            .chain(max -> {
                                int version = Math.max(max.iterator().next().getInteger("v"), floor) + 1;
                                return insertPolicy(
                                                tx,
                                                admin,
                                                clock.instant(),
                                                body.policyId(),
                                                version,
                                                body.category(),
                                                reportType,
                                                rules,
                                                calendarId,
                                                calendarVersion,
                                                "admin")
                                        .replaceWith(version);
                            });
                })));
    }

    private Uni<Void> insertPolicy(
            SqlConnection tx,
            EventActor admin,
            Instant now,
            String policyId,
            int version,
            String category,
            String reportType,
            Map<DeadlineKind, DeadlineRule> rules,
            String calendarId,
            int calendarVersion,
            String cause) {
        ObjectNode rulesNode = json.createObjectNode();
        rules.forEach((kind, rule) -> rulesNode.put(kind.name(), rule.toString()));
        ObjectNode data = json.createObjectNode()
                .put("policyId", policyId)
                .put("version", version)
                .put("category", category)
                .put("reportType", reportType);
        data.set("rules", rulesNode);
        data.put("calendarId", calendarId)
                .put("calendarVersion", calendarVersion)
                .put("cause", cause);
        return tx.preparedQuery("""
                        INSERT INTO sla_policies (policy_id, version, category, report_type, rules, calendar_id,
                                                  calendar_version, set_at, set_by)
                        VALUES ($1, $2, $3, $4, $5::text::jsonb, $6, $7, $8, $9)""")
                .execute(Tuple.tuple()
                        .addString(policyId)
                        .addInteger(version)
                        .addString(category)
                        .addString(reportType)
                        .addString(rulesNode.toString())
                        .addString(calendarId)
                        .addInteger(calendarVersion)
                        .addOffsetDateTime(now.atOffset(ZoneOffset.UTC))
                        .addString(admin.subject()))
                .chain(() -> ledger.append(tx, ReferenceEventType.SLA_POLICY_VERSIONED, admin, now, data))
                .replaceWithVoid();
    }

    // ---- Open311 keys

    public Uni<IssuedKey> issueKey(EventActor admin, String client) {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String key = "o311_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String hash = sha256(key);
        String hint = key.substring(key.length() - 4);
        UUID keyId = UUID.randomUUID();
        Instant now = clock.instant();
        return inTransaction(tx -> tx.preparedQuery("""
                        INSERT INTO open311_api_keys (key_hash, client, created_at, key_id, hint)
                        VALUES ($1, $2, $3, $4, $5)""")
                        .execute(Tuple.of(hash, client, now.atOffset(ZoneOffset.UTC), keyId, hint))
                        .chain(() -> ledger.append(
                                tx,
                                ReferenceEventType.OPEN311_KEY_ISSUED,
                                admin,
                                now,
                                json.createObjectNode()
                                        .put("keyId", keyId.toString())
                                        .put("client", client)
                                        .put("keyHash", hash)
                                        .put("hint", hint))))
                .replaceWith(new IssuedKey(keyId, client, key, mask(hint), now));
    }

    public Uni<Void> revokeKey(EventActor admin, UUID keyId) {
        return inTransaction(tx -> {
            Instant now = clock.instant();
            return tx.preparedQuery("""
                            UPDATE open311_api_keys SET revoked_at = $2 WHERE key_id = $1 AND revoked_at IS NULL
                            RETURNING client""")
                    .execute(Tuple.of(keyId, now.atOffset(ZoneOffset.UTC)))
                    .chain(rows -> {
                        if (rows.size() == 0) {
                            throw new ProblemException(
                                    Problem.of(404, "reference.key-not-found", "No active Open311 key " + keyId));
                        }
                        return ledger.append(
                                        tx,
                                        ReferenceEventType.OPEN311_KEY_REVOKED,
                                        admin,
                                        now,
                                        json.createObjectNode()
                                                .put("keyId", keyId.toString())
                                                .put(
                                                        "client",
                                                        rows.iterator().next().getString("client")))
                                .replaceWithVoid();
                    });
        });
    }

    static String mask(String hint) {
        return "o311_••••" + hint;
    }

    // ---- plumbing

    private Uni<Void> requireAgency(String agencyId) {
        return pool.preparedQuery("SELECT 1 FROM agencies WHERE id = $1")
                .execute(Tuple.of(agencyId))
                .invoke(rows -> {
                    if (rows.size() == 0) {
                        throw new ProblemException(Problem.of(404, "agency.not-found", "No agency '" + agencyId + "'"));
                    }
                })
                .replaceWithVoid();
    }

    /** Runs the change in one transaction, then refreshes what commands read, before anyone hears of it. */
    private <T> Uni<T> inTransaction(Function<SqlConnection, Uni<T>> change) {
        return pool.withTransaction(change).call(() -> {
            agencies.invalidate();
            return policies.reload();
        });
    }

    private static Throwable conflictOr(Throwable failure, String code, String detail) {
        if (failure instanceof PgException pg && "23505".equals(pg.getSqlState())) {
            return new ProblemException(Problem.of(409, code, detail));
        }
        return failure;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
