package org.complaintledger.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

/**
 * Query parameters parsed by us rather than by JAX-RS, whose failed conversions answer 404: a bad filter is the
 * client's mistake, and it gets a 400 that names the parameter.
 */
public final class QueryParams {

    private QueryParams() {
    }

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
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC)
                    : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(field, "must be a date (2026-11-27) or an instant (2026-11-27T10:15:30Z)");
        }
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
