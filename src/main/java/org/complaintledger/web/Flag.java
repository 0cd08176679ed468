package org.complaintledger.web;

/**
 * A yes-or-no query parameter: {@code true} or {@code false} and nothing else. JAX-RS reads any other text as
 * false, so {@code overdue=maybe} would quietly answer the whole queue.
 */
public record Flag(boolean on) {

    /** Whether the parameter was given as true; absent is false. */
    public static boolean isOn(Flag flag) {
        return flag != null && flag.on();
    }

    static Flag parse(String field, String text) {
        return switch (text) {
            case "true" -> new Flag(true);
            case "false" -> new Flag(false);
            default -> throw ProblemException.badRequest(field, "must be true or false");
        };
    }
}
