package org.complaintledger.reference;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the administration endpoints and {@code GET /api/categories} answer. */
public final class ReferenceViews {

    private ReferenceViews() {}

    public record ContactView(AdminRequests.ContactKind kind, String address, String label) {}

    public record UnitView(
            String id,
            String agencyId,
            String parentUnitId,
            AdminRequests.UnitKind kind,
            String name,
            List<ContactView> contacts,
            List<UnitView> units) {}

    /** An agency with its units as a tree: {@code units} are the top-level ones, each holding its own. */
    public record AgencyView(
            String id, String name, String regency, List<ContactView> contacts, List<UnitView> units) {}

    public record CategoryView(
            String code,
            Map<String, String> name,
            String defaultAgencyId,
            boolean retired,
            String description,
            String keywords,
            String group) {}

    public record HolidayView(LocalDate date, String name) {}

    public record CalendarView(String id, String name, int version, List<HolidayView> holidays) {}

    public record SlaPolicyView(
            String policyId,
            int version,
            String category,
            String reportType,
            Map<String, String> rules,
            String calendarId,
            int calendarVersion,
            Instant setAt,
            String setBy,
            boolean inForce) {}

    /** A key as listed: never the key, only its id, client and last four characters. */
    public record KeyView(UUID keyId, String client, String masked, Instant createdAt, Instant revokedAt) {}

    /** The answer to issuing a key: the only time the key itself is shown. */
    public record IssuedKey(UUID keyId, String client, String apiKey, String masked, Instant createdAt) {}

    public record History(String kind, UUID streamId, List<ObjectNode> events) {}
}
