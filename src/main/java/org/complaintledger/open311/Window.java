package org.complaintledger.open311;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.complaintledger.web.DateOrInstant;

/**
 * The period a list covers, both ends included, from start_date and end_date in the W3C format with a time zone.
 * GeoReport's rule: at most 90 days, the most recent 90 when neither end is given; one end alone reaches 90 days
 * from it.
 */
record Window(Instant start, Instant end) {

    static final Duration MAX_SPAN = Duration.ofDays(90);
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    static Window of(String startDate, String endDate, Instant now) {
        List<String> errors = new ArrayList<>();
        Instant start = instant("start_date", startDate, errors);
        Instant end = instant("end_date", endDate, errors);
        if (!errors.isEmpty()) {
            throw Open311Exception.badRequest(errors);
        }
        if (start == null && end == null) {
            return new Window(now.minus(MAX_SPAN), now);
        }
        if (start == null) {
            return new Window(max(end.minus(MAX_SPAN), EARLIEST), end);
        }
        if (end == null) {
            return new Window(start, min(start.plus(MAX_SPAN), LATEST));
        }
        if (end.isBefore(start)) {
            throw Open311Exception.badRequest("end_date must not be before start_date");
        }
        if (Duration.between(start, end).compareTo(MAX_SPAN) > 0) {
            throw Open311Exception.badRequest("start_date and end_date may not span more than 90 days");
        }
        return new Window(start, end);
    }

    private static Instant instant(String name, String value, List<String> errors) {
        if (value == null) {
            return null;
        }
        try {
            Instant instant = OffsetDateTime.parse(value).toInstant();
            // Java parses years far beyond the database's, whose encoding then overflows (a 500, not a 400)
            if (!DateOrInstant.isSupported(instant)) {
                errors.add(name + " must lie in the years 0001 to 9999");
                return null;
            }
            return instant;
        } catch (DateTimeParseException e) {
            errors.add(name + " must be a date and time with a time zone, such as 2026-11-27T10:15:30Z");
            return null;
        }
    }
}
