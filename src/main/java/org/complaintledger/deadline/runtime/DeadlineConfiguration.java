package org.complaintledger.deadline.runtime;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.complaintledger.deadline.DeadlineKind;
import org.complaintledger.deadline.DeadlinePolicy;
import org.complaintledger.deadline.DeadlineRule;
import org.complaintledger.deadline.WorkingCalendar;
import org.eclipse.microprofile.config.Config;

/**
 * The deadline policy in force, from {@code ledger.deadlines.*} and {@code ledger.calendar.*}. Its id and version are
 * written into every deadline-set event, so a replay shows which rule applied; changing the configuration changes
 * only deadlines set afterwards.
 */
@Singleton
public class DeadlineConfiguration {

    @Produces
    @Singleton
    DeadlinePolicy policy(Config config) {
        Set<LocalDate> holidays = config.getOptionalValue("ledger.calendar.holidays", String.class)
                .map(text -> Arrays.stream(text.split(","))
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .map(LocalDate::parse)
                        .collect(Collectors.toUnmodifiableSet()))
                .orElse(Set.of());
        ZoneId zone = ZoneId.of(
                config.getOptionalValue("ledger.calendar.zone", String.class).orElse("Asia/Jakarta"));
        Map<DeadlineKind, DeadlineRule> rules = new EnumMap<>(DeadlineKind.class);
        for (DeadlineKind kind : DeadlineKind.values()) {
            rules.put(kind, DeadlineRule.parse(config.getValue("ledger.deadlines." + kind.configKey(), String.class)));
        }
        return new DeadlinePolicy(
                config.getValue("ledger.deadlines.policy-id", String.class),
                config.getValue("ledger.deadlines.policy-version", Integer.class),
                rules,
                // the deploy-time holidays alone are version 0 of the national calendar; a change to them needs a new
                // ledger.deadlines.policy-version, as any change to this configuration does
                new WorkingCalendar(WorkingCalendar.NATIONAL, 0, holidays, zone));
    }

    /** The one source of "now" for commands; tests replace it to move time instead of sleeping. */
    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
