package org.complaintledger.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How many items a page may hold, from 1 to the {@link Max} its parameter declares (give the default with
 * {@code @DefaultValue}). A limit that is not a number is the client's 400, not JAX-RS's bare 404.
 */
public record Limit(int value) {

    /** The largest page the endpoint serves. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.RECORD_COMPONENT})
    public @interface Max {
        int value();
    }

    static Limit parse(String field, String text, int max) {
        try {
            int parsed = Integer.parseInt(text);
            if (parsed >= 1 && parsed <= max) {
                return new Limit(parsed);
            }
        } catch (NumberFormatException e) {
            // answered below, with the field named
        }
        throw ProblemException.badRequest(field, "must be a whole number from 1 to " + max);
    }
}
