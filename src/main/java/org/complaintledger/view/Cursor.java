package org.complaintledger.view;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.complaintledger.web.ProblemException;
import org.complaintledger.web.QueryParams;

/**
 * An opaque paging cursor: the sort key and id of the last item returned. Keyset paging stays correct while rows
 * change between pages, where an offset would skip or repeat them.
 */
public record Cursor(Instant at, UUID id) {

    public static Cursor parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            int bar = decoded.indexOf('|');
            Instant at = Instant.ofEpochMilli(Long.parseLong(decoded.substring(0, bar)));
            UUID id = QueryParams.uuid("cursor", decoded.substring(bar + 1));
            // a forged cursor far outside the years the database holds overflowed into a 500
            if (QueryParams.isSupported(at)) {
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

    /** Read as text: JAX-RS answers a limit that is not a number with a bare 404, as if the list did not exist. */
    public static int limit(String requested) {
        if (requested == null || requested.isBlank()) {
            return 50;
        }
        try {
            int size = Integer.parseInt(requested);
            if (size >= 1 && size <= 200) {
                return size;
            }
        } catch (NumberFormatException e) {
            // answered below, with the parameter named
        }
        throw ProblemException.badRequest("limit", "must be a whole number from 1 to 200");
    }
}
