package org.complaintledger.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Query parameters parsed by us rather than by JAX-RS, whose failed conversions answer 404: a bad filter is the
 * client's mistake, and it gets a 400 that names the parameter.
 */
public final class QueryParams {

    /** The instants a request may name: years 1 to 9999, which PostgreSQL and the ledger's arithmetic can hold. */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    private static final Pattern UUID_TEXT =
            Pattern.compile("\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}");

    private QueryParams() {}

    public static <E extends Enum<E>> E enumValue(String field, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(field, "must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    /** An instant ({@code 2026-11-27T10:15:30Z}) or a date ({@code 2026-11-27}, its start in UTC). */
    public static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return supported(
                    field,
                    value.length() == 10
                            ? LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC)
                            : Instant.parse(value));
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

    /**
     * A UUID in its canonical 36-character form. {@link UUID#fromString} also takes "1-2-3-4-5", which then looks
     * like an unknown complaint (404) rather than the malformed id it is.
     */
    public static UUID uuid(String field, String value) {
        if (value == null || !UUID_TEXT.matcher(value).matches()) {
            throw ProblemException.badRequest(field, "must be a UUID");
        }
        return UUID.fromString(value);
    }

    public static boolean flag(String field, String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ProblemException.badRequest(field, "must be true or false");
        };
    }

    public static String code(String field, String value, String pattern) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!value.matches(pattern)) {
            throw ProblemException.badRequest(field, "is not a valid value");
        }
        return value;
    }
}
