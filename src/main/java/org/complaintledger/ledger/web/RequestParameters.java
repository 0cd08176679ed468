package org.complaintledger.ledger.web;

import java.util.UUID;
import org.complaintledger.web.ProblemException;
import org.complaintledger.web.QueryParams;

/** Parameters read as text, so that a bad value is a 400 that names it rather than JAX-RS's bare 404. */
final class RequestParameters {

    private RequestParameters() {}

    static long ledgerSeq(String field, String value) {
        if (value == null || value.isEmpty()) {
            return 0;
        }
        try {
            long parsed = Long.parseLong(value);
            if (parsed >= 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below, with the field named
        }
        throw ProblemException.badRequest(field, "must be a ledgerSeq (a whole number, 0 or more)");
    }

    static int limit(String value, int fallback, int max) {
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= 1 && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below, with the field named
        }
        throw ProblemException.badRequest("limit", "must be a whole number from 1 to " + max);
    }

    static UUID uuid(String field, String value) {
        return QueryParams.uuid(field, value);
    }
}
