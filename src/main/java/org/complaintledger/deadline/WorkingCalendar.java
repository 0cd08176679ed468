package org.complaintledger.deadline;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Set;

/**
 * Working days of a regency's public service: Monday to Friday, minus national holidays and cuti bersama.
 * Counting happens in the regency's zone, because "three working days" means three office days where the
 * office is, not three UTC dates.
 *
 * <p>A calendar is versioned like the policy that counts with it: {@code id} and {@code version} name the holiday
 * calendar an administrator keeps (a change to its holidays is its next version), and every {@code deadline-set}
 * records them, so a replay shows which holidays a due time was counted with.
 */
public record WorkingCalendar(String id, int version, Set<LocalDate> holidays, ZoneId zone) {

    /**
     * The regency's national holidays and cuti bersama. Its version 0 is the deploy-time list alone
     * ({@code ledger.calendar.holidays}); each administered change adds holidays on top as the next version.
     */
    public static final String NATIONAL = "national";

    public WorkingCalendar {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("A holiday calendar needs an id");
        }
        if (version < 0) {
            throw new IllegalArgumentException("A holiday calendar version starts at 0, not " + version);
        }
        Objects.requireNonNull(zone, "zone");
        holidays = Set.copyOf(Objects.requireNonNull(holidays, "holidays"));
    }

    public boolean isWorkingDay(LocalDate date) {
        DayOfWeek day = date.getDayOfWeek();
        return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY && !holidays.contains(date);
    }

    /**
     * Keeps the local time of day, so that something filed on Saturday at 10:00 is due at 10:00 on a working day:
     * the start day itself never counts, working or not.
     */
    public Instant addWorkingDays(Instant from, int days) {
        Objects.requireNonNull(from, "from");
        if (days < 0) {
            throw new IllegalArgumentException("Cannot add a negative number of working days: " + days);
        }
        ZonedDateTime start = from.atZone(zone);
        LocalDate date = start.toLocalDate();
        int counted = 0;
        while (counted < days) {
            date = date.plusDays(1);
            if (isWorkingDay(date)) {
                counted++;
            }
        }
        return ZonedDateTime.of(date, start.toLocalTime(), zone).toInstant();
    }

    /**
     * Whole working days from one instant to a later one, counted as {@link #addWorkingDays} counts them: the
     * number of working days after {@code from}'s date up to and including {@code to}'s date.
     */
    public int workingDaysBetween(Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        LocalDate date = from.atZone(zone).toLocalDate();
        LocalDate end = to.atZone(zone).toLocalDate();
        int days = 0;
        while (date.isBefore(end)) {
            date = date.plusDays(1);
            if (isWorkingDay(date)) {
                days++;
            }
        }
        return days;
    }
}
