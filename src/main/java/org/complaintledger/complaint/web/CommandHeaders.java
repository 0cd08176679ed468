package org.complaintledger.complaint.web;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.complaintledger.web.ProblemException;

/** If-Match and Idempotency-Key as the API defines them; anything else is a 400, not a surprise later. */
final class CommandHeaders {

    private static final Pattern ETAG = Pattern.compile("(?:W/)?\"(\\d{1,18})\"");
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7E]{1,100}");

    private CommandHeaders() {}

    static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        Matcher matcher = ETAG.matcher(ifMatch.strip());
        if (!matcher.matches()) {
            throw ProblemException.badRequest("If-Match", "must be an ETag such as \"4\"");
        }
        return Long.parseLong(matcher.group(1));
    }

    static String idempotencyKey(String key) {
        if (key == null) {
            return null;
        }
        if (!IDEMPOTENCY_KEY.matcher(key).matches()) {
            throw ProblemException.badRequest("Idempotency-Key", "must be 1 to 100 visible ASCII characters");
        }
        return key;
    }
}
