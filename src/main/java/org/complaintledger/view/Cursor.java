package org.complaintledger.view;

import org.complaintledger.web.ProblemException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

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
            return new Cursor(Instant.ofEpochMilli(Long.parseLong(decoded.substring(0, bar))),
                    UUID.fromString(decoded.substring(bar + 1)));
        } catch (RuntimeException e) {
            throw ProblemException.badRequest("cursor", "is not a cursor this API returned");
        }
    }

    public String text() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((at.toEpochMilli() + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    public static int limit(Integer requested) {
        if (requested == null) {
            return 50;
        }
        if (requested < 1 || requested > 200) {
            throw ProblemException.badRequest("limit", "must be between 1 and 200");
        }
        return requested;
    }
}
