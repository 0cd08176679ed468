package org.complaintledger.web;

/** A version in one complaint's stream to read after ({@code after}): 0 (the default) for the first event on. */
public record StreamVersion(long value) {

    public static long valueOf(StreamVersion version) {
        return version == null ? 0 : version.value();
    }

    static StreamVersion parse(String field, String text) {
        try {
            long parsed = Long.parseLong(text);
            if (parsed >= 0) {
                return new StreamVersion(parsed);
            }
        } catch (NumberFormatException e) {
            // answered below, with the field named
        }
        throw ProblemException.badRequest(field, "must be a version (a whole number, 0 or more)");
    }
}
