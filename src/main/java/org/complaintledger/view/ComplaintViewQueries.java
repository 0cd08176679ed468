package org.complaintledger.view;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.complaintledger.complaint.Channel;
import org.complaintledger.complaint.ComplaintSummary;
import org.complaintledger.complaint.Status;
import org.complaintledger.projection.ReadModel;

/** The read model's queries: by id, by tracking number, the lists and queues with keyset paging. */
@Singleton
public class ComplaintViewQueries {

    @jakarta.inject.Inject
    ComplaintSearch search;

    /** What the operator works on: not yet verified, waiting for the complainant, or declined by an agency. */
    public static final Set<Status> OPERATOR_QUEUE =
            EnumSet.of(Status.SUBMITTED, Status.ON_HOLD, Status.AWAITING_REDISPATCH);

    /**
     * What an agency's queue holds: complaints it must act on, and reviewed ones whose recommendation it has yet to
     * carry out. A reviewed complaint has a due date only while that implementation is awaited (its deadline, running
     * or missed), so the queues' {@code dueAt is not null} keeps the others off.
     */
    public static final Set<Status> AGENCY_QUEUE =
            EnumSet.of(Status.DISPATCHED, Status.IN_PROGRESS, Status.RESPONDED, Status.REVIEWED);

    public record Page(List<ComplaintViewRow> rows, Cursor next) {}

    /**
     * What staff narrow a list or queue by; null means any. {@code submittedFrom} is inclusive, {@code submittedTo}
     * exclusive. {@code text} (the list only) is full-text search or a tracking number.
     */
    public record Filter(
            Status status,
            String agencyId,
            String category,
            Channel channel,
            Instant submittedFrom,
            Instant submittedTo,
            String text) {

        public static final Filter NONE = new Filter(null, null, null, null, null, null, null);

        public Filter withStatus(Status value) {
            return new Filter(value, agencyId, category, channel, submittedFrom, submittedTo, text);
        }
    }

    /** Most rows a CSV export holds: a spreadsheet's own limit is about a million. */
    public static final int EXPORT_LIMIT = 100_000;

    private static final int EXPORT_PAGE = 500;

    /**
     * Every row the paged query answers, fetched a page at a time as the consumer asks for them (a CSV download is
     * streamed, never built in memory), up to {@link #EXPORT_LIMIT}.
     */
    public static Multi<ComplaintViewRow> export(java.util.function.BiFunction<Cursor, Integer, Uni<Page>> query) {
        return pages(query, null).select().first(EXPORT_LIMIT);
    }

    private static Multi<ComplaintViewRow> pages(
            java.util.function.BiFunction<Cursor, Integer, Uni<Page>> query, Cursor after) {
        return query.apply(after, EXPORT_PAGE).onItem().transformToMulti(page -> {
            Multi<ComplaintViewRow> rows = Multi.createFrom().iterable(page.rows());
            return page.next() == null
                    ? rows
                    : Multi.createBy()
                            .concatenating()
                            .streams(rows, Multi.createFrom().deferred(() -> pages(query, page.next())));
        });
    }

    /** The row's read-model document: what every reader shows beyond the row's columns. */
    public static ComplaintSummary summary(ComplaintViewColumns row) {
        return ComplaintStates.read(row.state);
    }

    @WithSession
    public Uni<ComplaintViewRow> byId(UUID id) {
        return ComplaintViewRow.findById(id);
    }

    @WithSession
    public Uni<ComplaintViewRow> byTrackingNumber(String trackingNumber) {
        return ComplaintViewRow.find("trackingNumber", trackingNumber).firstResult();
    }

    /** A public read's row by id: from the read model, or during a rebuild from the rows kept before it. */
    @WithSession
    public Uni<ComplaintViewColumns> byId(UUID id, ReadModel from) {
        return from.stale() ? LastGoodViewRow.findById(id) : ComplaintViewRow.findById(id);
    }

    /** A public read's row by tracking number, as {@link #byId(UUID, ReadModel)}. */
    @WithSession
    public Uni<ComplaintViewColumns> byTrackingNumber(String trackingNumber, ReadModel from) {
        return (from.stale()
                        ? LastGoodViewRow.find("trackingNumber", trackingNumber)
                        : ComplaintViewRow.find("trackingNumber", trackingNumber))
                .firstResult();
    }

    /** Every complaint matching the filter, newest first (see {@link ComplaintSearch}). */
    public Uni<Page> list(Filter filter, Cursor after, int limit) {
        return search.list(filter, after, limit).map(rows -> page(rows, limit, row -> row.submittedAt));
    }

    /** An agency's open complaints, the most urgent first. */
    @WithSession
    public Uni<Page> agencyQueue(
            String agencyId, Filter filter, boolean overdueOnly, Instant now, Cursor after, int limit) {
        StringBuilder where = new StringBuilder("agencyId = :agency and status in :open and dueAt is not null");
        Parameters parameters = Parameters.with("agency", agencyId).and("open", AGENCY_QUEUE);
        return queue(where, parameters, filter, overdueOnly, now, after, limit);
    }

    /** The part of an agency's queue assigned to one of its units: what a unit-scoped officer works. */
    @WithSession
    public Uni<Page> unitQueue(
            String agencyId, String unitId, Filter filter, boolean overdueOnly, Instant now, Cursor after, int limit) {
        StringBuilder where =
                new StringBuilder("agencyId = :agency and unitId = :unit and status in :open and dueAt is not null");
        Parameters parameters =
                Parameters.with("agency", agencyId).and("unit", unitId).and("open", AGENCY_QUEUE);
        return queue(where, parameters, filter, overdueOnly, now, after, limit);
    }

    @WithSession
    public Uni<Page> operatorQueue(Filter filter, boolean overdueOnly, Instant now, Cursor after, int limit) {
        StringBuilder where = new StringBuilder("status in :open and dueAt is not null");
        Parameters parameters = Parameters.with("open", OPERATOR_QUEUE);
        return queue(where, parameters, filter, overdueOnly, now, after, limit);
    }

    /** Complaints that went to the Ombudsman, the most recently changed first. */
    @WithSession
    public Uni<Page> escalations(Cursor after, int limit) {
        StringBuilder where = new StringBuilder("escalated = true");
        Parameters parameters = new Parameters();
        if (after != null) {
            where.append(" and (updatedAt < :at or (updatedAt = :at and id < :id))");
            parameters.and("at", after.at()).and("id", after.id());
        }
        return ComplaintViewRow.<ComplaintViewRow>find(where + " order by updatedAt desc, id desc", parameters)
                .page(0, limit + 1)
                .list()
                .map(rows -> page(rows, limit, row -> row.updatedAt));
    }

    private Uni<Page> queue(
            StringBuilder where,
            Parameters parameters,
            Filter filter,
            boolean overdueOnly,
            Instant now,
            Cursor after,
            int limit) {
        if (filter.status() != null) {
            where.append(" and status = :status");
            parameters.and("status", filter.status());
        }
        if (filter.agencyId() != null) {
            where.append(" and agencyId = :filterAgency");
            parameters.and("filterAgency", filter.agencyId());
        }
        if (filter.category() != null) {
            where.append(" and category = :category");
            parameters.and("category", filter.category());
        }
        if (filter.channel() != null) {
            where.append(" and channel = :channel");
            parameters.and("channel", filter.channel());
        }
        if (filter.submittedFrom() != null) {
            where.append(" and submittedAt >= :from");
            parameters.and("from", filter.submittedFrom());
        }
        if (filter.submittedTo() != null) {
            where.append(" and submittedAt < :to");
            parameters.and("to", filter.submittedTo());
        }
        if (overdueOnly) {
            where.append(" and dueAt < :now");
            parameters.and("now", now);
        }
        if (after != null) {
            where.append(" and (dueAt > :at or (dueAt = :at and id > :id))");
            parameters.and("at", after.at()).and("id", after.id());
        }
        return ComplaintViewRow.<ComplaintViewRow>find(where + " order by dueAt, id", parameters)
                .page(0, limit + 1)
                .list()
                .map(rows -> page(rows, limit, row -> row.dueAt));
    }

    static Page page(
            List<ComplaintViewRow> rows, int limit, java.util.function.Function<ComplaintViewRow, Instant> key) {
        if (rows.size() <= limit) {
            return new Page(rows, null);
        }
        List<ComplaintViewRow> shown = new ArrayList<>(rows.subList(0, limit));
        ComplaintViewRow last = shown.getLast();
        return new Page(shown, new Cursor(key.apply(last), last.id));
    }
}
