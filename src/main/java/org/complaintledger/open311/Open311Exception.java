package org.complaintledger.open311;

import java.util.List;

/**
 * A request that GeoReport answers with its own error list, {@code [{code, description}]} or
 * {@code <errors><error>}: 404 for what does not exist, 403 for a missing or wrong api_key, 400 for the rest. A
 * filing names every bad parameter at once, so that a client fixes them in one round.
 */
public class Open311Exception extends RuntimeException {

    private final int status;
    private final List<String> descriptions;

    Open311Exception(int status, List<String> descriptions) {
        super(String.join("; ", descriptions), null, false, false);
        this.status = status;
        this.descriptions = List.copyOf(descriptions);
    }

    static Open311Exception badRequest(List<String> descriptions) {
        return new Open311Exception(400, descriptions);
    }

    static Open311Exception badRequest(String description) {
        return badRequest(List.of(description));
    }

    static Open311Exception forbidden(String description) {
        return new Open311Exception(403, List.of(description));
    }

    static Open311Exception notFound(String description) {
        return new Open311Exception(404, List.of(description));
    }

    int status() {
        return status;
    }

    List<String> descriptions() {
        return descriptions;
    }
}
