package org.complaintledger.reference;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.complaintledger.complaint.handling.Caller;
import org.complaintledger.deadline.DeadlinePolicy;
import org.complaintledger.ledger.EventEnvelope.EventActor;
import org.complaintledger.ledger.LedgerEntry;
import org.complaintledger.reference.AdminRequests.AddAgency;
import org.complaintledger.reference.AdminRequests.AddCategory;
import org.complaintledger.reference.AdminRequests.AddHolidays;
import org.complaintledger.reference.AdminRequests.AddUnit;
import org.complaintledger.reference.AdminRequests.ChangeContacts;
import org.complaintledger.reference.AdminRequests.IssueKey;
import org.complaintledger.reference.AdminRequests.SetSlaPolicy;
import org.complaintledger.reference.ReferenceViews.AgencyView;
import org.complaintledger.reference.ReferenceViews.CalendarView;
import org.complaintledger.reference.ReferenceViews.CategoryView;
import org.complaintledger.reference.ReferenceViews.History;
import org.complaintledger.reference.ReferenceViews.IssuedKey;
import org.complaintledger.reference.ReferenceViews.KeyView;
import org.complaintledger.reference.ReferenceViews.SlaPolicyView;
import org.complaintledger.web.Problem;
import org.complaintledger.web.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The regency SP4N administrator's API: reference data that used to be fixed at deploy time. Every write is an event
 * in the reference stream of its kind (see {@link ReferenceAdministration}); {@code /history/{kind}} shows them with
 * their actor, hashes and ledger positions.
 */
@Path("/api/admin")
@Tag(
        name = "Administration",
        description = "Agencies and units, categories, holiday calendars, SLA policies, Open311 keys (role admin)")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
public class AdminResource {

    @Inject
    ReferenceAdministration administration;

    @Inject
    ReferenceQueries queries;

    @Inject
    ReferenceLedger ledger;

    @Inject
    DeadlinePolicy configured;

    @Inject
    SecurityIdentity identity;

    private static <T> RestResponse<T> created(URI location, T entity) {
        return RestResponse.ResponseBuilder.<T>created(location).entity(entity).build();
    }

    private EventActor admin() {
        return ReferenceLedger.admin(Caller.token(identity).getSubject());
    }

    // ---- agencies

    @GET
    @Path("/agencies")
    @Operation(summary = "Every agency with its units as a tree and its contact addresses for alerts")
    public Uni<List<AgencyView>> agencies() {
        return queries.agencies();
    }

    @POST
    @Path("/agencies")
    @Operation(summary = "Add an agency (Perangkat Daerah) complaints can be dispatched to")
    @APIResponse(
            responseCode = "201",
            description = "Added: the agency",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = AgencyView.class)))
    public Uni<RestResponse<AgencyView>> addAgency(@Valid @NotNull AddAgency body) {
        return administration
                .addAgency(admin(), body)
                .chain(() -> agency(body.id()))
                .map(view -> created(URI.create("/api/admin/agencies/" + body.id()), view));
    }

    @POST
    @Path("/agencies/{agencyId}/units")
    @Operation(summary = "Add a unit (bidang, UPT, kecamatan, kelurahan) to an agency, optionally under another unit")
    @APIResponse(
            responseCode = "201",
            description = "Added: the agency with its units",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = AgencyView.class)))
    public Uni<RestResponse<AgencyView>> addUnit(@PathParam("agencyId") String agencyId, @Valid @NotNull AddUnit body) {
        return administration
                .addUnit(admin(), agencyId, body)
                .chain(() -> agency(agencyId))
                .map(view -> created(URI.create("/api/admin/agencies/" + agencyId), view));
    }

    @PUT
    @Path("/agencies/{agencyId}/contacts")
    @Operation(summary = "Replace an agency's contact addresses for alerts")
    public Uni<AgencyView> changeContacts(@PathParam("agencyId") String agencyId, @Valid @NotNull ChangeContacts body) {
        return administration.changeContacts(admin(), agencyId, body.contacts()).chain(() -> agency(agencyId));
    }

    private Uni<AgencyView> agency(String id) {
        return queries.agencies()
                .map(all ->
                        all.stream().filter(a -> a.id().equals(id)).findFirst().orElseThrow());
    }

    // ---- categories

    @POST
    @Path("/categories")
    @Operation(summary = "Add a complaint category, with its names and the agency its complaints go to by default")
    @APIResponse(
            responseCode = "201",
            description = "Added: the category, at once in /api/categories and Open311",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = CategoryView.class)))
    public Uni<RestResponse<CategoryView>> addCategory(@Valid @NotNull AddCategory body) {
        return administration
                .addCategory(admin(), body)
                .chain(() -> category(body.code()))
                .map(view -> created(URI.create("/api/categories"), view));
    }

    @POST
    @Path("/categories/{code}/retire")
    @Operation(summary = "Retire a category: no new filings in it; complaints filed in it keep it")
    public Uni<CategoryView> retireCategory(@PathParam("code") String code) {
        return administration.retireCategory(admin(), code).chain(() -> category(code));
    }

    private Uni<CategoryView> category(String code) {
        return queries.categories()
                .map(all -> all.stream()
                        .filter(c -> c.code().equals(code))
                        .findFirst()
                        .orElseThrow());
    }

    // ---- holiday calendars

    @GET
    @Path("/calendars")
    @Operation(summary = "The holiday calendars, each with its version and dates")
    public Uni<List<CalendarView>> calendars() {
        return queries.calendars();
    }

    @POST
    @Path("/calendars")
    @Operation(summary = "Add a holiday calendar (empty, version 0), such as a regency's own days off")
    @APIResponse(
            responseCode = "201",
            description = "Added: the calendar",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = CalendarView.class)))
    public Uni<RestResponse<CalendarView>> addCalendar(@Valid @NotNull AdminRequests.AddCalendar body) {
        return administration
                .addCalendar(admin(), body)
                .chain(() -> calendar(body.id()))
                .map(view -> created(URI.create("/api/admin/calendars"), view));
    }

    @POST
    @Path("/calendars/{calendarId}/holidays")
    @Operation(
            summary =
                    "Add holidays to a calendar: its next version, and the next version of every policy counting with it")
    public Uni<CalendarView> addHolidays(@PathParam("calendarId") String calendarId, @Valid @NotNull AddHolidays body) {
        return administration
                .addHolidays(admin(), calendarId, body.holidays(), "manual")
                .chain(() -> calendar(calendarId));
    }

    @POST
    @Path("/calendars/{calendarId}/import")
    @Consumes("text/calendar")
    @Operation(
            summary = "Import the holidays of an iCalendar (.ics) file, such as the national holidays and cuti bersama",
            description = "Each VEVENT is a holiday named by its SUMMARY, on every date from DTSTART to before DTEND; "
                    + "dates already in the calendar are left as they are")
    public Uni<CalendarView> importHolidays(@PathParam("calendarId") String calendarId, String body) {
        if (body == null || body.isBlank()) {
            throw ProblemException.badRequest("body", "an iCalendar file is required");
        }
        return administration
                .addHolidays(
                        admin(),
                        calendarId,
                        IcsHolidays.parse(body, configured.calendar().zone()),
                        "ics")
                .chain(() -> calendar(calendarId));
    }

    private Uni<CalendarView> calendar(String id) {
        return queries.calendars()
                .map(all ->
                        all.stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow());
    }

    // ---- SLA policies

    @GET
    @Path("/sla-policies")
    @Operation(summary = "Every version of every SLA policy; the latest of each is in force for new deadlines")
    public Uni<List<SlaPolicyView>> policies() {
        return queries.policies();
    }

    @POST
    @Path("/sla-policies")
    @Operation(
            summary = "Set the next version of an SLA policy, for all complaints or one category or report type",
            description = "Applies to deadlines set from now on; a running deadline keeps its due time")
    @APIResponse(
            responseCode = "201",
            description = "The new policy version, in force for new deadlines",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = SlaPolicyView.class)))
    public Uni<RestResponse<SlaPolicyView>> setPolicy(@Valid @NotNull SetSlaPolicy body) {
        return administration
                .setPolicy(admin(), body)
                .chain(version -> queries.policies()
                        .map(all -> all.stream()
                                .filter(p -> p.policyId().equals(body.policyId()) && p.version() == version)
                                .findFirst()
                                .orElseThrow()))
                .map(view -> created(URI.create("/api/admin/sla-policies"), view));
    }

    // ---- Open311 keys

    @GET
    @Path("/open311-keys")
    @Operation(summary = "The Open311 API keys, masked: client, last four characters, created and revoked")
    public Uni<List<KeyView>> keys() {
        return queries.keys();
    }

    @POST
    @Path("/open311-keys")
    @Operation(summary = "Issue an Open311 API key to a client application: the key is shown in this answer only")
    @APIResponse(
            responseCode = "201",
            description = "Issued: the key, never shown again (only its SHA-256 is kept)",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = IssuedKey.class)))
    public Uni<RestResponse<IssuedKey>> issueKey(@Valid @NotNull IssueKey body) {
        return administration
                .issueKey(admin(), body.client())
                .map(issued -> created(URI.create("/api/admin/open311-keys"), issued));
    }

    @POST
    @Path("/open311-keys/{keyId}/revoke")
    @Operation(summary = "Revoke an Open311 API key: filings with it are refused from now on")
    public Uni<KeyView> revokeKey(@PathParam("keyId") UUID id) {
        return administration
                .revokeKey(admin(), id)
                .chain(() -> queries.keys()
                        .map(all -> all.stream()
                                .filter(k -> k.keyId().equals(id))
                                .findFirst()
                                .orElseThrow()));
    }

    // ---- history

    @GET
    @Path("/history/{kind}")
    @Operation(
            summary = "The reference stream of a kind (agencies, categories, calendars, sla-policies, open311-keys)",
            description = "Every change in order, with its actor, hashes and ledger position, in the export format")
    public Uni<History> history(@PathParam("kind") String kind) {
        ReferenceKind parsed = ReferenceKind.fromWireName(kind)
                .orElseThrow(() -> new ProblemException(
                        Problem.of(404, "reference.kind-not-found", "No reference data kind '" + kind + "'")));
        return ledger.history(parsed)
                .map(entries -> new History(
                        parsed.wireName(),
                        parsed.streamId(),
                        entries.stream().map(LedgerEntry::exported).toList()));
    }
}
