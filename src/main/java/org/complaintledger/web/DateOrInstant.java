package org.complaintledger.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * A query parameter that names a moment: an instant ({@code 2026-11-27T10:15:30Z}) or a date ({@code 2026-11-27},
 * its start in UTC), in the years 1 to 9999. Converted by {@link ParameterConverters}, so a bad value is a 400 that
 * names the parameter.
 */
public record DateOrInstant(Instant value) {

    /** The instants a request may name: years 1 to 9999, which PostgreSQL and the ledger's arithmetic can hold. */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    /** The instant, or null where the parameter was not given. */
    public static Instant valueOf(DateOrInstant parameter) {
        return parameter == null ? null : parameter.value();
    }

    static DateOrInstant parse(String field, String text) {
        try {
            return new DateOrInstant(supported(
                    field,
                    text.length() == 10
                            ? LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC)
                            : Instant.parse(text)));
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(
                    field, "must be a date (2026-11-27) or an instant (2026-11-27T10:15:30Z)");
        }
    }

    /**
     * The instant, if it lies in the years 1 to 9999. Java parses instants a billion years either way, and the
     * period arithmetic and the database encoding then overflow: the agency-performance report answered 500.
     */
    public static Instant supported(String field, Instant instant) {
        if (!isSupported(instant)) {
            throw ProblemException.badRequest(field, "must lie in the years 0001 to 9999");
        }
        return instant;
    }

    public static boolean isSupported(Instant instant) {
        return !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
    }
}
