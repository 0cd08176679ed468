package org.complaintledger.view;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.complaintledger.complaint.Channel;
import org.complaintledger.complaint.ReportType;
import org.complaintledger.complaint.Status;

/**
 * The staff list with full-text search, in SQL because the match operator ({@code @@}) that PostgreSQL's GIN index
 * serves has no HQL form. The words are matched with {@code websearch_to_tsquery('indonesian', …)} against the
 * generated {@code search_text} column (V17; public notes since V18), so "perbaikan" finds "diperbaiki"; a text that reads as a tracking
 * number also matches that number exactly.
 */
@Singleton
public class ComplaintSearch {

    private static final Pattern TRACKING = Pattern.compile("LPR([A-Z0-9]{4})([A-Z0-9]{4})([A-Z0-9]{4})?");

    @Inject
    Pool pool;

    /**
     * A tracking number as staff type it: "lpr 7kq2 m9xd 4hpa", "LPR-7KQ2-M9XD-4HPA" or "LPR7KQ2M9XD4HPA" are the
     * same number; null if the text is not one.
     */
    public static String trackingNumber(String text) {
        if (text == null) {
            return null;
        }
        String compact = text.replaceAll("[\\s\\-]", "").toUpperCase(Locale.ROOT);
        var matcher = TRACKING.matcher(compact);
        if (!matcher.matches()) {
            return null;
        }
        return "LPR-" + matcher.group(1) + "-" + matcher.group(2)
                + (matcher.group(3) == null ? "" : "-" + matcher.group(3));
    }

    /** Up to {@code limit + 1} rows matching the filter, newest first, after the cursor. */
    Uni<List<ComplaintViewRow>> list(ComplaintViewQueries.Filter filter, Cursor after, int limit) {
        StringBuilder where = new StringBuilder("TRUE");
        List<Object> values = new ArrayList<>();
        if (filter.text() != null) {
            values.add(filter.text());
            String words = "search_text @@ websearch_to_tsquery('indonesian', $" + values.size() + ")";
            String number = trackingNumber(filter.text());
            if (number != null) {
                values.add(number);
                where.append(" AND (")
                        .append(words)
                        .append(" OR tracking_number = $")
                        .append(values.size())
                        .append(')');
            } else {
                where.append(" AND ").append(words);
            }
        }
        equal(
                where,
                values,
                "status",
                filter.status() == null ? null : filter.status().name());
        equal(where, values, "agency_id", filter.agencyId());
        equal(where, values, "category", filter.category());
        equal(
                where,
                values,
                "channel",
                filter.channel() == null ? null : filter.channel().name());
        if (filter.submittedFrom() != null) {
            values.add(filter.submittedFrom().atOffset(ZoneOffset.UTC));
            where.append(" AND submitted_at >= $").append(values.size());
        }
        if (filter.submittedTo() != null) {
            values.add(filter.submittedTo().atOffset(ZoneOffset.UTC));
            where.append(" AND submitted_at < $").append(values.size());
        }
        if (after != null) {
            values.add(after.at().atOffset(ZoneOffset.UTC));
            values.add(after.id());
            where.append(" AND (submitted_at, id) < ($")
                    .append(values.size() - 1)
                    .append(", $")
                    .append(values.size())
                    .append(')');
        }
        values.add(limit + 1);
        String sql = """
                SELECT id, version, tracking_number, status, report_type, category, channel, agency_id, complainant_id,
                       anonymous, confidential, escalated, due_at, submitted_at, updated_at, state::text AS state
                  FROM complaint_views WHERE %s ORDER BY submitted_at DESC, id DESC LIMIT $%d""".formatted(where, values.size());
        return pool.preparedQuery(sql).execute(Tuple.from(values)).map(rows -> {
            List<ComplaintViewRow> found = new ArrayList<>();
            rows.forEach(row -> found.add(row(row)));
            return found;
        });
    }

    private static void equal(StringBuilder where, List<Object> values, String column, String value) {
        if (value != null) {
            values.add(value);
            where.append(" AND ").append(column).append(" = $").append(values.size());
        }
    }

    private static ComplaintViewRow row(Row row) {
        ComplaintViewRow view = new ComplaintViewRow();
        view.id = row.getUUID("id");
        view.version = row.getLong("version");
        view.trackingNumber = row.getString("tracking_number");
        view.status = Status.valueOf(row.getString("status"));
        view.reportType = ReportType.valueOf(row.getString("report_type"));
        view.category = row.getString("category");
        view.channel = Channel.valueOf(row.getString("channel"));
        view.agencyId = row.getString("agency_id");
        view.complainantId = row.getString("complainant_id");
        view.anonymous = row.getBoolean("anonymous");
        view.confidential = row.getBoolean("confidential");
        view.escalated = row.getBoolean("escalated");
        view.dueAt = instant(row, "due_at");
        view.submittedAt = instant(row, "submitted_at");
        view.updatedAt = instant(row, "updated_at");
        view.state = row.getString("state");
        return view;
    }

    private static Instant instant(Row row, String column) {
        var value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
