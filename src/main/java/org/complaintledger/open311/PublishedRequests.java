package org.complaintledger.open311;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.complaintledger.agency.Agencies;
import org.complaintledger.attachment.Attachments;
import org.complaintledger.complaint.ComplaintSummary;
import org.complaintledger.complaint.Location;
import org.complaintledger.complaint.Status;
import org.complaintledger.complaint.handling.ComplaintHistory;
import org.complaintledger.deadline.DeadlineKind;
import org.complaintledger.projection.ReadModel;
import org.complaintledger.view.ComplaintViewColumns;
import org.complaintledger.view.ComplaintViewQueries;
import org.complaintledger.view.ComplaintViewRow;
import org.complaintledger.view.LastGoodViewRow;

/**
 * Complaints as GeoReport's service requests, from the complaint-views read model, with the ledger's visibility
 * rules. The service_request_id is the tracking number: the public, non-enumerable reference a complainant already
 * holds. A confidential complaint is hidden from the public (DOMAIN.md), so lists and the update feed leave it out
 * and a lookup by its id answers its status alone, as the tracking lookup does. No request ever carries the
 * complainant: name, contact details and the account stay out, anonymous or not. Before an operator has verified a
 * complaint only its id, status and service are published; after, its description (never an anonymous
 * complaint's), its address and its coordinates rounded to about 100 m.
 */
@Singleton
public class PublishedRequests {

    /** GeoReport's response volume: "first 1000 requests returned". */
    static final int MAX_REQUESTS = 1000;

    private static final Set<Status> CLOSED = Arrays.stream(Status.values())
            .filter(Status::isTerminal)
            .collect(Collectors.toCollection(() -> EnumSet.noneOf(Status.class)));
    private static final Set<Status> OPEN = EnumSet.complementOf(EnumSet.copyOf(CLOSED));

    /** The filters of GET requests; empty lists mean "all". */
    record Query(List<String> serviceRequestIds, List<String> serviceCodes, List<String> statuses, Window window) {}

    @Inject
    Agencies agencies;

    @Inject
    ComplaintViewQueries views;

    @Inject
    ComplaintHistory history;

    @Inject
    Attachments attachments;

    @Inject
    Open311Config config;

    /**
     * The requests matching the query, newest first, at most {@link #MAX_REQUESTS}. The specification lets a list
     * of service_request_id override every other filter, and so it does here.
     */
    @WithSession
    Uni<List<GeoReport.ServiceRequest>> list(Query query, ReadModel from) {
        return rows(query, from).flatMap(rows -> withUnprojected(query, rows)).flatMap(this::published);
    }

    private static Uni<List<ComplaintViewColumns>> rows(Query query, ReadModel from) {
        StringBuilder where = new StringBuilder("confidential = false");
        Parameters parameters = new Parameters();
        if (!query.serviceRequestIds().isEmpty()) {
            where.append(" and trackingNumber in :ids");
            parameters.and("ids", query.serviceRequestIds());
        } else {
            where.append(" and submittedAt >= :start and submittedAt <= :end");
            parameters
                    .and("start", query.window().start())
                    .and("end", query.window().end());
            if (!query.serviceCodes().isEmpty()) {
                where.append(" and category in :codes");
                parameters.and("codes", query.serviceCodes());
            }
            Set<Status> statuses = statuses(query.statuses());
            if (statuses.size() < Status.values().length) {
                where.append(" and status in :statuses");
                parameters.and("statuses", statuses);
            }
        }
        String ordered = where + " order by submittedAt desc, id desc";
        return (from.stale() ? LastGoodViewRow.find(ordered, parameters) : ComplaintViewRow.find(ordered, parameters))
                .page(0, MAX_REQUESTS)
                .list();
    }

    /** The request behind one service_request_id, or null when there is none. */
    Uni<GeoReport.ServiceRequest> one(String serviceRequestId, ReadModel from) {
        return views.byTrackingNumber(serviceRequestId, from)
                .flatMap(row -> row != null
                        ? Uni.createFrom().item(ComplaintViewQueries.summary(row))
                        : fromLedger(serviceRequestId))
                .flatMap(complaint -> complaint == null
                        ? Uni.createFrom().nullItem()
                        : published(List.of(complaint)).map(List::getFirst));
    }

    /**
     * A request the read side does not hold yet, folded from the ledger (null when there is none): a client that
     * files and reads at once gets its request, as the JSON API's callers read their own writes (issue 16).
     */
    private Uni<ComplaintSummary> fromLedger(String serviceRequestId) {
        return history.complaintFiledAs(serviceRequestId)
                .flatMap(id -> id == null ? Uni.createFrom().nullItem() : history.currentSummary(id));
    }

    /** The requests asked for by id that the read side has not projected yet, from the ledger, newest first. */
    private Uni<List<ComplaintSummary>> withUnprojected(Query query, List<ComplaintViewColumns> rows) {
        List<ComplaintSummary> found =
                rows.stream().map(ComplaintViewQueries::summary).toList();
        Set<String> projected = rows.stream().map(row -> row.trackingNumber).collect(Collectors.toSet());
        List<Uni<ComplaintSummary>> missing = query.serviceRequestIds().stream()
                .filter(id -> !projected.contains(id))
                .map(this::fromLedger)
                .toList();
        if (missing.isEmpty()) {
            return Uni.createFrom().item(found);
        }
        return Uni.join().all(missing).andFailFast().map(extra -> {
            List<ComplaintSummary> all = new java.util.ArrayList<>(found);
            // a confidential complaint stays out of lists, as the query's own condition keeps it out
            extra.stream()
                    .filter(Objects::nonNull)
                    .filter(c -> !c.confidential())
                    .forEach(all::add);
            all.sort(java.util.Comparator.comparing(ComplaintSummary::submittedAt)
                    .thenComparing(c -> c.id().toString())
                    .reversed());
            return all;
        });
    }

    private static Set<Status> statuses(List<String> wanted) {
        Set<Status> statuses = EnumSet.noneOf(Status.class);
        wanted.forEach(status -> statuses.addAll(status.equals(PublicStatus.OPEN) ? OPEN : CLOSED));
        return wanted.isEmpty() ? EnumSet.allOf(Status.class) : statuses;
    }

    private Uni<List<GeoReport.ServiceRequest>> published(List<ComplaintSummary> complaints) {
        List<java.util.UUID> published = complaints.stream()
                .filter(complaint -> !complaint.confidential())
                .map(ComplaintSummary::id)
                .toList();
        return Uni.combine()
                .all()
                .unis(agencies.categories(), agencies.all(), attachments.publicMedia(published))
                .asTuple()
                .map(reference -> {
                    Map<java.util.UUID, java.util.UUID> media = reference.getItem3();
                    Map<String, String> serviceNames = reference.getItem1().stream()
                            .collect(Collectors.toMap(Agencies.Category::code, Agencies.Category::name));
                    Map<String, String> agencyNames = reference.getItem2().stream()
                            .collect(Collectors.toMap(Agencies.Agency::id, Agencies.Agency::name));
                    return complaints.stream()
                            .map(complaint -> request(
                                    complaint, serviceNames::get, agencyNames::get, mediaUrl(complaint.id(), media)))
                            .toList();
                });
    }

    /** Where the public downloads the complaint's first public file, or null when it has none. */
    private String mediaUrl(java.util.UUID complaintId, Map<java.util.UUID, java.util.UUID> media) {
        java.util.UUID file = media.get(complaintId);
        return file == null
                ? null
                : jakarta.ws.rs.core.UriBuilder.fromUri(config.baseUrl())
                        .path("api/complaints/{id}/attachments/{file}")
                        .build(complaintId, file)
                        .toString();
    }

    /** The statuses a complaint reaches only through the operator's verification (which dispatches it). */
    private static final Set<Status> VERIFIED = EnumSet.of(
            Status.DISPATCHED,
            Status.IN_PROGRESS,
            Status.AWAITING_REDISPATCH,
            Status.RESPONDED,
            Status.COMPLETED,
            Status.ESCALATED,
            Status.UNDER_REVIEW,
            Status.REVIEWED);

    /**
     * Whether an operator has verified the complaint: until then its text and location are the complainant's word,
     * which nobody has looked at (it may name a neighbour or show a house), so the public gets its id, status and
     * service only. A withdrawn complaint counts as verified if it had reached an agency.
     */
    static boolean verified(Status status, String agencyId) {
        return VERIFIED.contains(status) || status == Status.WITHDRAWN && agencyId != null;
    }

    /** Three decimals, about 110 m: enough to find the pothole, not enough to find the complainant's door. */
    static Double rounded(Double coordinate) {
        return coordinate == null ? null : Math.round(coordinate * 1000) / 1000.0;
    }

    private static GeoReport.ServiceRequest request(
            ComplaintSummary complaint,
            Function<String, String> serviceName,
            Function<String, String> agencyName,
            String mediaUrl) {
        String status = PublicStatus.of(complaint.status());
        if (complaint.confidential()) {
            return GeoReport.ServiceRequest.statusOnly(complaint.trackingNumber(), status);
        }
        String notes = PublicStatus.notes(complaint.status(), complaint.archiveReason());
        if (!verified(complaint.status(), complaint.agencyId())) {
            return new GeoReport.ServiceRequest(
                    complaint.trackingNumber(),
                    status,
                    notes,
                    serviceName.apply(complaint.category()),
                    complaint.category(),
                    null,
                    null,
                    complaint.submittedAt(),
                    complaint.updatedAt(),
                    null,
                    null,
                    null,
                    null,
                    null);
        }
        Location location = complaint.location();
        ComplaintSummary.RunningDeadline followUp = complaint.deadlines().get(DeadlineKind.FOLLOW_UP);
        return new GeoReport.ServiceRequest(
                complaint.trackingNumber(),
                status,
                notes,
                serviceName.apply(complaint.category()),
                complaint.category(),
                // an anonymous complainant's own words may identify them: the public sees the service, never the text
                complaint.anonymous() ? null : complaint.description(),
                complaint.agencyId() == null ? null : agencyName.apply(complaint.agencyId()),
                complaint.submittedAt(),
                complaint.updatedAt(),
                followUp == null ? null : followUp.dueAt(),
                address(location),
                location == null ? null : rounded(location.latitude()),
                location == null ? null : rounded(location.longitude()),
                mediaUrl);
    }

    /** Most specific first, as the specification asks: village, district, regency. */
    private static String address(Location location) {
        if (location == null) {
            return null;
        }
        String address = Stream.of(location.village(), location.district(), location.regency())
                .filter(Objects::nonNull)
                .filter(part -> !part.isBlank())
                .collect(Collectors.joining(", "));
        return address.isEmpty() ? null : address;
    }
}
