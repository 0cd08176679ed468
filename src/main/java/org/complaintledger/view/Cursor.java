package org.complaintledger.view;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.complaintledger.web.DateOrInstant;
import org.complaintledger.web.ParameterConverters;
import org.complaintledger.web.ProblemException;

/**
 * An opaque paging cursor: the sort key and id of the last item returned. Keyset paging stays correct while rows
 * change between pages, where an offset would skip or repeat them.
 */
public record Cursor(Instant at, UUID id) {

    /** The cursor a page returned; JAX-RS converts the {@code cursor} parameter through this. */
    public static Cursor fromString(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            int bar = decoded.indexOf('|');
            Instant at = Instant.ofEpochMilli(Long.parseLong(decoded.substring(0, bar)));
            UUID id = ParameterConverters.uuid("cursor", decoded.substring(bar + 1));
            // a forged cursor far outside the years the database holds overflowed into a 500
            if (DateOrInstant.isSupported(at)) {
                return new Cursor(at, id);
            }
        } catch (RuntimeException e) {
            // answered below, as every cursor this API did not return
        }
        throw ProblemException.badRequest("cursor", "is not a cursor this API returned");
    }

    public String text() {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((at.toEpochMilli() + "|" + id).getBytes(StandardCharsets.UTF_8));
    }
}
