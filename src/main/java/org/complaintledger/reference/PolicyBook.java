package org.complaintledger.reference;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.complaintledger.deadline.DeadlineKind;
import org.complaintledger.deadline.DeadlinePolicies;
import org.complaintledger.deadline.DeadlinePolicy;
import org.complaintledger.deadline.DeadlineRule;
import org.complaintledger.deadline.WorkingCalendar;
import org.jboss.logging.Logger;

/**
 * The SLA policies in force, held in memory for the command path: the latest version of every policy an admin set,
 * each with the holidays of the calendar version it names (plus the deploy-time {@code ledger.calendar.holidays}).
 * Until an admin sets one, the configured policy ({@code ledger.deadlines.*}) is in force, as before.
 *
 * <p>Reloaded after every change this instance commits (before the admin's answer, so the next command already uses
 * it) and every {@link #RELOAD_MILLIS} ms, which is how the other instances learn of a change.
 */
@Singleton
public class PolicyBook implements DeadlinePolicies {

    static final long RELOAD_MILLIS = 5_000;
    private static final Logger LOG = Logger.getLogger(PolicyBook.class);

    /** A policy version and what it applies to; null category or report type means any. */
    record Entry(DeadlinePolicy policy, String category, String reportType, java.time.Instant setAt) {

        int specificity() {
            return (category != null ? 2 : 0) + (reportType != null ? 1 : 0);
        }

        boolean appliesTo(String category, String reportType) {
            return (this.category == null || this.category.equals(category))
                    && (this.reportType == null || this.reportType.equals(reportType));
        }
    }

    private final AtomicReference<List<Entry>> entries = new AtomicReference<>(List.of());

    @Inject
    DeadlinePolicy configured;

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    private long timer = -1;

    void start(@Observes StartupEvent startup) {
        reload().await().indefinitely();
        timer = vertx.setPeriodic(
                RELOAD_MILLIS,
                id -> reload().subscribe()
                        .with(
                                ok -> {},
                                failure -> LOG.warnf(
                                        "SLA policies not reloaded (%s); the ones in memory stay in force",
                                        failure.toString())));
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    @Override
    public DeadlinePolicy inForce(String category, String reportType) {
        return entries.get().stream()
                .filter(e -> e.appliesTo(category, reportType))
                .max(Comparator.comparingInt(Entry::specificity).thenComparing(Entry::setAt))
                .map(Entry::policy)
                .orElse(configured);
    }

    /** Every policy that may be in force: the configured one and the latest version of each an admin set. */
    List<DeadlinePolicy> policies() {
        List<DeadlinePolicy> all = new ArrayList<>();
        all.add(configured);
        entries.get().forEach(e -> all.add(e.policy()));
        return all;
    }

    /** The configured policy's rules: what an admin's policy inherits for a kind it does not name. */
    DeadlinePolicy configured() {
        return configured;
    }

    Uni<Void> reload() {
        Uni<Map<String, Set<LocalDate>>> holidays = pool.query("SELECT calendar_id, date FROM holidays")
                .execute()
                .map(rows -> {
                    Map<String, Set<LocalDate>> byCalendar = new HashMap<>();
                    rows.forEach(row -> byCalendar
                            .computeIfAbsent(row.getString("calendar_id"), id -> new HashSet<>())
                            .add(row.getLocalDate("date")));
                    return byCalendar;
                });
        Uni<List<Row>> latest = pool.query("""
                        SELECT DISTINCT ON (policy_id) policy_id, version, category, report_type, rules::text AS rules,
                               calendar_id, calendar_version, set_at
                          FROM sla_policies ORDER BY policy_id, version DESC""").execute().map(rows -> {
            List<Row> all = new ArrayList<>();
            rows.forEach(all::add);
            return all;
        });
        return Uni.combine()
                .all()
                .unis(holidays, latest)
                .asTuple()
                .map(both -> {
                    List<Entry> loaded = new ArrayList<>();
                    for (Row row : both.getItem2()) {
                        // holidays are only ever added, and a calendar change re-versions in the same transaction
                        // every policy that counts with it, so the latest policy's calendar version is the
                        // calendar's current one: all of its holidays, on top of the deploy-time ones
                        Set<LocalDate> days =
                                new HashSet<>(configured.calendar().holidays());
                        days.addAll(both.getItem1().getOrDefault(row.getString("calendar_id"), Set.of()));
                        loaded.add(new Entry(
                                new DeadlinePolicy(
                                        row.getString("policy_id"),
                                        row.getInteger("version"),
                                        inheriting(rules(row.getString("rules"))),
                                        new WorkingCalendar(
                                                row.getString("calendar_id"),
                                                row.getInteger("calendar_version"),
                                                days,
                                                configured.calendar().zone())),
                                row.getString("category"),
                                row.getString("report_type"),
                                row.getOffsetDateTime("set_at").toInstant()));
                    }
                    entries.set(List.copyOf(loaded));
                    return null;
                })
                .replaceWithVoid();
    }

    /**
     * A stored version's rules over the configured ones: a version set before a kind existed (the implementation
     * deadline came after the first policies) names no rule for it, and counts it by configuration; the deadline-set
     * records the rule text it used either way.
     */
    Map<DeadlineKind, DeadlineRule> inheriting(Map<DeadlineKind, DeadlineRule> stored) {
        Map<DeadlineKind, DeadlineRule> rules = new EnumMap<>(configured.rules());
        rules.putAll(stored);
        return rules;
    }

    static Map<DeadlineKind, DeadlineRule> rules(String json) {
        try {
            JsonNode node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
            Map<DeadlineKind, DeadlineRule> rules = new EnumMap<>(DeadlineKind.class);
            node.properties()
                    .forEach(e -> rules.put(
                            DeadlineKind.valueOf(e.getKey()),
                            DeadlineRule.parse(e.getValue().asText())));
            return rules;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored SLA policy rules do not read", e);
        }
    }
}
