package org.complaintledger.view;

import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import java.util.regex.Pattern;
import org.complaintledger.complaint.Channel;
import org.complaintledger.complaint.Status;
import org.complaintledger.view.ComplaintViewQueries.Filter;
import org.complaintledger.web.DateOrInstant;
import org.complaintledger.web.ProblemException;

/**
 * The filters a complaint list or queue takes, as one {@code @BeanParam}: each value converted by the web edge's
 * converters (a bad one is a 400 naming it), the rules between them checked by {@link #filter}.
 */
public record FilterParameters(
        @QueryParam("status") Status status,
        @QueryParam("agencyId") String agencyId,
        @QueryParam("category") String category,
        @QueryParam("channel") Channel channel,
        @QueryParam("from") DateOrInstant from,
        @QueryParam("to") DateOrInstant to) {

    private static final Pattern AGENCY = Pattern.compile("[a-z0-9-]{2,64}");

    private static final Pattern CATEGORY = Pattern.compile("[A-Z][A-Z_]{1,63}");

    /** The filters within one agency's queue, whose agency the path names. */
    public FilterParameters withoutAgency() {
        return new FilterParameters(status, null, category, channel, from, to);
    }

    /** The filter without a text search. */
    public Filter filter() {
        return filter(null);
    }

    /** The filter, with {@code q} (the list only): full-text search or a tracking number. */
    public Filter filter(String q) {
        Instant submittedFrom = DateOrInstant.valueOf(from);
        Instant submittedTo = DateOrInstant.valueOf(to);
        if (submittedFrom != null && submittedTo != null && !submittedFrom.isBefore(submittedTo)) {
            throw ProblemException.badRequest("from", "must be before to");
        }
        String text = q == null || q.isBlank() ? null : q.strip();
        if (text != null && (text.length() > 200 || text.chars().anyMatch(Character::isISOControl))) {
            throw ProblemException.badRequest("q", "must be at most 200 characters on one line");
        }
        return new Filter(
                status,
                code("agencyId", agencyId, AGENCY),
                code("category", category, CATEGORY),
                channel,
                submittedFrom,
                submittedTo,
                text);
    }

    /** An agency or category code: checked here, since an unknown shape can only ever match nothing. */
    public static String code(String field, String value, Pattern pattern) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!pattern.matcher(value).matches()) {
            throw ProblemException.badRequest(field, "is not a valid value");
        }
        return value;
    }

    public static String agency(String value) {
        return code("agencyId", value, AGENCY);
    }
}
