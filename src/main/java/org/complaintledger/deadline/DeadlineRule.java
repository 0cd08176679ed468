package org.complaintledger.deadline;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAmount;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a timer runs. The text form ({@code 3wd}, {@code PT30S}, {@code P60D}) is what configuration holds and
 * what every {@code deadline-set} event records, so {@link #toString()} must give a text that {@link #parse} accepts.
 */
public sealed interface DeadlineRule {

    Instant dueAt(Instant from, WorkingCalendar calendar);

    static DeadlineRule parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(
                    "Deadline rule is missing: expected working days such as '3wd' or an ISO-8601 duration such as 'PT30S' or 'P60D'");
        }
        String trimmed = text.strip();
        try {
            Matcher workingDays = WorkingDays.TEXT.matcher(trimmed);
            if (workingDays.matches()) {
                return new WorkingDays(Integer.parseInt(workingDays.group(1)));
            }
            // A time part means an exact duration (PT30S, P1DT2H); without one, days are calendar days in the
            // zone (P60D), which is how Perpres 76/2013 counts its sixty days.
            TemporalAmount amount =
                    trimmed.toUpperCase(Locale.ROOT).contains("T") ? Duration.parse(trimmed) : Period.parse(trimmed);
            return new Elapsed(amount);
        } catch (DateTimeParseException | NumberFormatException unreadable) {
            throw new IllegalArgumentException(
                    "Deadline rule '" + text
                            + "' is neither working days such as '3wd' nor an ISO-8601 duration such as 'PT30S' or 'P60D'",
                    unreadable);
        } catch (IllegalArgumentException outOfRange) {
            throw new IllegalArgumentException(
                    "Deadline rule '" + text + "' is invalid: " + outOfRange.getMessage(), outOfRange);
        }
    }

    /** Working days of the calendar, keeping the local time of day. */
    record WorkingDays(int days) implements DeadlineRule {
        private static final Pattern TEXT = Pattern.compile("(\\d+)wd", Pattern.CASE_INSENSITIVE);

        public WorkingDays {
            if (days < 1) {
                throw new IllegalArgumentException("A deadline needs at least one working day, not " + days);
            }
        }

        @Override
        public Instant dueAt(Instant from, WorkingCalendar calendar) {
            return calendar.addWorkingDays(from, days);
        }

        @Override
        public String toString() {
            return days + "wd";
        }
    }

    /**
     * Elapsed time, either a {@link Duration} (exact, e.g. seconds in a demo) or a {@link Period} (calendar days
     * in the calendar's zone, holidays included).
     */
    record Elapsed(TemporalAmount amount) implements DeadlineRule {

        public Elapsed {
            Objects.requireNonNull(amount, "amount");
            // TemporalAmount is open-ended; only these two have a meaning a replay can rely on.
            boolean positive;
            if (amount instanceof Duration duration) {
                positive = duration.isPositive();
            } else if (amount instanceof Period period) {
                positive = !period.isNegative() && !period.isZero();
            } else {
                throw new IllegalArgumentException("An elapsed deadline is a java.time.Duration or Period, not "
                        + amount.getClass().getName());
            }
            if (!positive) {
                throw new IllegalArgumentException("A deadline must lie in the future, not " + amount);
            }
        }

        @Override
        public Instant dueAt(Instant from, WorkingCalendar calendar) {
            return from.atZone(calendar.zone()).plus(amount).toInstant();
        }

        @Override
        public String toString() {
            return amount.toString();
        }
    }
}
