package org.complaintledger.deadline;

import java.time.Instant;
import java.time.Period;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One versioned set of deadline rules. Events record the id and version in force, so a policy that changes
 * must get a new version rather than be edited in place.
 */
public record DeadlinePolicy(String id, int version, Map<DeadlineKind, DeadlineRule> rules, WorkingCalendar calendar) {

    public static final String DEFAULT_ID = "lapor-default";

    public DeadlinePolicy {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("A deadline policy needs an id");
        }
        if (version < 1) {
            throw new IllegalArgumentException("A deadline policy version starts at 1, not " + version);
        }
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(calendar, "calendar");
        Set<DeadlineKind> missing = EnumSet.allOf(DeadlineKind.class);
        missing.removeAll(rules.keySet());
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(
                    "Deadline policy '" + id + "' v" + version + " has no rule for " + missing);
        }
        rules.forEach((kind, rule) ->
                Objects.requireNonNull(rule, () -> "Deadline policy '" + id + "' has a null rule for " + kind));
        rules = Collections.unmodifiableMap(new EnumMap<>(rules));
    }

    /** LAPOR!'s published workflow; the sixty calendar days for resolution come from Perpres 76/2013. */
    public static DeadlinePolicy defaults(WorkingCalendar calendar) {
        Map<DeadlineKind, DeadlineRule> rules = new EnumMap<>(DeadlineKind.class);
        rules.put(DeadlineKind.VERIFICATION, new DeadlineRule.WorkingDays(3));
        rules.put(DeadlineKind.CLARIFICATION, new DeadlineRule.WorkingDays(10));
        rules.put(DeadlineKind.FOLLOW_UP, new DeadlineRule.WorkingDays(5));
        rules.put(DeadlineKind.REDISPATCH, new DeadlineRule.WorkingDays(1));
        rules.put(DeadlineKind.COMPLAINANT_RESPONSE, new DeadlineRule.WorkingDays(10));
        rules.put(DeadlineKind.RESOLUTION, new DeadlineRule.Elapsed(Period.ofDays(60)));
        rules.put(DeadlineKind.IMPLEMENTATION, new DeadlineRule.Elapsed(Period.ofDays(30)));
        return new DeadlinePolicy(DEFAULT_ID, 1, rules, calendar);
    }

    public DeadlineRule rule(DeadlineKind kind) {
        return rules.get(Objects.requireNonNull(kind, "kind"));
    }

    public Instant dueAt(DeadlineKind kind, Instant from) {
        return rule(kind).dueAt(Objects.requireNonNull(from, "from"), calendar);
    }
}
