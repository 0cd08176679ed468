package org.complaintledger.reference;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Optional;
import org.complaintledger.deadline.DeadlinePolicy;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Working days are counted against a holiday calendar that someone must extend every year (the government publishes
 * next year's holidays and cuti bersama in the autumn). Past its last holiday a calendar counts every weekday as a
 * working day, silently: deadlines over Lebaran would fall on days the offices are shut. So readiness warns, and the
 * gauge {@code ledger.calendar.days.remaining} says, how many days are left before the calendar of a policy in force
 * runs out; the warning starts {@code ledger.calendar.warn-within} days ahead (90).
 *
 * <p>A warning, not an outage: the service stays ready (taking it out of a load balancer would stop complaints being
 * filed at all), with the warning in the check's data for whoever watches it.
 */
@Readiness
@Singleton
public class HolidayCalendarReadiness implements HealthCheck {

    @Inject
    PolicyBook policies;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry metrics;

    @ConfigProperty(name = "ledger.calendar.warn-within", defaultValue = "90")
    int warnWithinDays;

    void start(@Observes StartupEvent startup) {
        Gauge.builder("ledger.calendar.days.remaining", () -> daysRemaining().orElse(-1L))
                .description("days until the holiday calendar of a policy in force ends (its last holiday); -1 when "
                        + "a policy counts with no holidays at all")
                .register(metrics);
    }

    /** The days until the earliest end among the calendars in force; empty when one of them holds no holiday. */
    Optional<Long> daysRemaining() {
        // the clock is UTC by contract (tests move it, and refuse another zone); the date is the regency's
        LocalDate today = LocalDate.ofInstant(
                clock.instant(), policies.configured().calendar().zone());
        Optional<LocalDate> end = policies.policies().stream()
                .map(HolidayCalendarReadiness::lastHoliday)
                .reduce((a, b) -> a.isEmpty() || b.isEmpty()
                        ? Optional.empty()
                        : Optional.of(a.get().isBefore(b.get()) ? a.get() : b.get()))
                .orElse(Optional.empty());
        return end.map(last -> ChronoUnit.DAYS.between(today, last));
    }

    private static Optional<LocalDate> lastHoliday(DeadlinePolicy policy) {
        return policy.calendar().holidays().stream().max(Comparator.naturalOrder());
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("holiday-calendar").up();
        Optional<Long> remaining = daysRemaining();
        if (remaining.isEmpty()) {
            return response.withData("warning", "a deadline policy in force counts with no holidays at all")
                    .build();
        }
        response.withData("daysRemaining", remaining.get());
        if (remaining.get() < warnWithinDays) {
            response.withData(
                    "warning",
                    remaining.get() < 0
                            ? "the holiday calendar ended " + -remaining.get() + " days ago: add next year's holidays"
                            : "the holiday calendar ends in " + remaining.get()
                                    + " days: add next year's holidays before then");
        }
        return response.build();
    }
}
