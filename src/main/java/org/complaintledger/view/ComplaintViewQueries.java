package org.complaintledger.view;

import org.complaintledger.complaint.ComplaintSummary;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.complaintledger.complaint.Status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The read model's queries: by id, by tracking number, the lists and queues with keyset paging. */
@ApplicationScoped
public class ComplaintViewQueries {

    /** What the operator works on: not yet verified, waiting for the complainant, or declined by an agency. */
    public static final Set<Status> OPERATOR_QUEUE = EnumSet.of(Status.SUBMITTED, Status.ON_HOLD,
            Status.AWAITING_REDISPATCH);

    private static final Set<Status> OPEN_FOR_AGENCY = EnumSet.of(Status.DISPATCHED, Status.IN_PROGRESS,
            Status.RESPONDED);

    public record Page(List<ComplaintViewRow> rows, Cursor next) {
    }

    public record Filter(Status status, String agencyId, String category) {
    }

    /** The row's read-model document: what every reader shows beyond the row's columns. */
    public static ComplaintSummary summary(ComplaintViewRow row) {
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

    /** Every complaint matching the filter, newest first. */
    @WithSession
    public Uni<Page> list(Filter filter, Cursor after, int limit) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        if (filter.status() != null) {
            where.append(" and status = :status");
            parameters.and("status", filter.status());
        }
        if (filter.agencyId() != null) {
            where.append(" and agencyId = :agency");
            parameters.and("agency", filter.agencyId());
        }
        if (filter.category() != null) {
            where.append(" and category = :category");
            parameters.and("category", filter.category());
        }
        if (after != null) {
            where.append(" and (submittedAt < :at or (submittedAt = :at and id < :id))");
            parameters.and("at", after.at()).and("id", after.id());
        }
        return ComplaintViewRow.<ComplaintViewRow>find(where + " order by submittedAt desc, id desc", parameters)
                .page(0, limit + 1).list()
                .map(rows -> page(rows, limit, row -> row.submittedAt));
    }

    /** An agency's open complaints, the most urgent first. */
    @WithSession
    public Uni<Page> agencyQueue(String agencyId, Status status, boolean overdueOnly, Instant now, Cursor after,
                                 int limit) {
        StringBuilder where = new StringBuilder("agencyId = :agency and status in :open and dueAt is not null");
        Parameters parameters = Parameters.with("agency", agencyId).and("open", OPEN_FOR_AGENCY);
        return queue(where, parameters, status, overdueOnly, now, after, limit);
    }

    @WithSession
    public Uni<Page> operatorQueue(Status status, boolean overdueOnly, Instant now, Cursor after, int limit) {
        StringBuilder where = new StringBuilder("status in :open and dueAt is not null");
        Parameters parameters = Parameters.with("open", OPERATOR_QUEUE);
        return queue(where, parameters, status, overdueOnly, now, after, limit);
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
                .page(0, limit + 1).list()
                .map(rows -> page(rows, limit, row -> row.updatedAt));
    }

    private Uni<Page> queue(StringBuilder where, Parameters parameters, Status status, boolean overdueOnly,
                            Instant now, Cursor after, int limit) {
        if (status != null) {
            where.append(" and status = :status");
            parameters.and("status", status);
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
                .page(0, limit + 1).list()
                .map(rows -> page(rows, limit, row -> row.dueAt));
    }

    private static Page page(List<ComplaintViewRow> rows, int limit,
                             java.util.function.Function<ComplaintViewRow, Instant> key) {
        if (rows.size() <= limit) {
            return new Page(rows, null);
        }
        List<ComplaintViewRow> shown = new ArrayList<>(rows.subList(0, limit));
        ComplaintViewRow last = shown.getLast();
        return new Page(shown, new Cursor(key.apply(last), last.id));
    }
}
