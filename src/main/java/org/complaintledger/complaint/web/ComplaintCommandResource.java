package org.complaintledger.complaint.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.complaintledger.agency.Agencies;
import org.complaintledger.agency.DefaultAgencies;
import org.complaintledger.complaint.Actor;
import org.complaintledger.complaint.ComplaintCommand;
import org.complaintledger.complaint.ComplaintCommand.OnBehalf;
import org.complaintledger.complaint.FilingRules;
import org.complaintledger.complaint.Location;
import org.complaintledger.complaint.Rejection;
import org.complaintledger.complaint.Role;
import org.complaintledger.complaint.handling.Caller;
import org.complaintledger.complaint.handling.ComplaintCommandHandler;
import org.complaintledger.complaint.handling.ComplaintHistory;
import org.complaintledger.complaint.handling.Filing;
import org.complaintledger.complaint.presentation.ComplaintView;
import org.complaintledger.complaint.presentation.ComplaintViews;
import org.complaintledger.complaint.web.ComplaintRequests.AcceptRequest;
import org.complaintledger.complaint.web.ComplaintRequests.ArchiveRequest;
import org.complaintledger.complaint.web.ComplaintRequests.Clarification;
import org.complaintledger.complaint.web.ComplaintRequests.ClarificationRequest;
import org.complaintledger.complaint.web.ComplaintRequests.CloseReviewRequest;
import org.complaintledger.complaint.web.ComplaintRequests.ComplainantReasonRequest;
import org.complaintledger.complaint.web.ComplaintRequests.DeclineRequest;
import org.complaintledger.complaint.web.ComplaintRequests.DispatchRequest;
import org.complaintledger.complaint.web.ComplaintRequests.DuplicateRequest;
import org.complaintledger.complaint.web.ComplaintRequests.FileComplaint;
import org.complaintledger.complaint.web.ComplaintRequests.FindingRequest;
import org.complaintledger.complaint.web.ComplaintRequests.FollowUpRequest;
import org.complaintledger.complaint.web.ComplaintRequests.NoFields;
import org.complaintledger.complaint.web.ComplaintRequests.ReasonRequest;
import org.complaintledger.complaint.web.ComplaintRequests.RedispatchRequest;
import org.complaintledger.complaint.web.ComplaintRequests.VisibilityRequest;
import org.complaintledger.ledger.EventEnvelope;
import org.complaintledger.privacy.PersonalData;
import org.complaintledger.web.CorrelationId;
import org.complaintledger.web.Problem;
import org.complaintledger.web.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The complaint's commands: request in, command out, view back. The reads are {@code view.web.ComplaintQueryResource};
 * both serve {@code /api/complaints}.
 */
@Path("/api/complaints")
@Tag(name = "Complaints")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ComplaintCommandResource {

    @Inject
    Caller caller;

    @Inject
    ComplaintCommandHandler commands;

    @Inject
    Filing filing;

    @Inject
    ComplaintHistory history;

    @Inject
    ComplaintViews views;

    @Inject
    Agencies agencies;

    @Inject
    DefaultAgencies defaultAgencies;

    @Inject
    Clock clock;

    @Inject
    ObjectMapper json;

    @Context
    HttpHeaders headers;

    @Context
    UriInfo uri;

    static final String ON_BEHALF =
            "The complainant's own step. The operator may record it for a complainant who asked "
                    + "by phone, at the desk or by letter: onBehalfOf \"complainant\" and via (how they asked, up to 100 "
                    + "characters). The event then names the operator as actor and the complainant as principal; any other "
                    + "role naming onBehalfOf is 403";

    @FunctionalInterface
    interface CommandFactory {
        ComplaintCommand create(UUID complaintId, Actor actor, Instant issuedAt);
    }

    @POST
    @RolesAllowed({"citizen", "operator"})
    @Operation(
            summary = "File a complaint",
            description = "A citizen files their own, through channel WEB or MOBILE_APP; an operator files on behalf "
                    + "of a walk-in, phone or letter complainant (WALK_IN, PHONE, LETTER, or a transcribed EMAIL or "
                    + "SOCIAL_MEDIA). WHATSAPP and SMS_1708 come only from the intake inbox, OPEN311 only from "
                    + "Open311: claiming another channel is 400")
    @APIResponse(
            responseCode = "201",
            description = "Filed: the complaint view, with its tracking number",
            headers =
                    @Header(
                            name = "Location",
                            description = "/api/complaints/{id}",
                            schema = @Schema(type = SchemaType.STRING)),
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ComplaintView.class)))
    public Uni<RestResponse<ComplaintView>> file(@Valid @NotNull FileComplaint body) {
        Actor actor = caller.as(Role.CITIZEN, Role.OPERATOR);
        PersonalData personal = body.complainant() == null ? null : personalData(body.complainant());
        // a citizen files through the web or an app; an operator here is at a desk (WhatsApp and SMS filings come
        // from the intake inbox, Open311 from its own endpoint)
        FilingRules.Source source =
                actor.role() == Role.CITIZEN ? FilingRules.Source.CITIZEN_API : FilingRules.Source.OPERATOR_DESK;
        // the operator names the citizen's account; the filing turns it into the pseudonym the ledger knows it by
        return filing.file(
                        source,
                        new Filing.Application(
                                actor,
                                body.complainantSubject(),
                                body.reportType(),
                                body.category(),
                                body.channel(),
                                body.title(),
                                body.description(),
                                location(body.location()),
                                body.wantsAnonymity(),
                                body.wantsConfidentiality(),
                                personal,
                                body.occurredOn(),
                                body.notifyBy(),
                                body.language()),
                        directives(body, actor, ComplaintCommandHandler.Effect.CREATED))
                .flatMap(outcome -> respond(outcome, views.viewForFiler(outcome.summary(), actor, personal)));
    }

    @POST
    @Path("/{id}/clarification-requests")
    @RolesAllowed("operator")
    @Operation(summary = "Hold the complaint and ask the complainant a question")
    public Uni<RestResponse<ComplaintView>> requestClarification(
            @PathParam("id") UUID complaintId, @Valid @NotNull ClarificationRequest body) {
        return run(
                complaintId,
                body,
                (c, a, now) -> new ComplaintCommand.RequestClarification(c, a, now, body.question()),
                Role.OPERATOR);
    }

    @POST
    @Path("/{id}/clarifications")
    @RolesAllowed({"citizen", "operator"})
    @Operation(summary = "Answer the operator's question (the complainant)", description = ON_BEHALF)
    public Uni<RestResponse<ComplaintView>> clarify(
            @PathParam("id") UUID complaintId, @Valid @NotNull Clarification body) {
        return complainantStep(
                complaintId,
                body,
                (c, a, now, onBehalf) -> new ComplaintCommand.ProvideClarification(c, a, now, body.answer(), onBehalf));
    }

    @POST
    @Path("/{id}/dispatch")
    @RolesAllowed("operator")
    @Operation(
            summary = "Verify the complaint and dispatch it to an agency",
            description = "Without agencyId, to the default agency of the complaint's category (400 when it has none)")
    public Uni<RestResponse<ComplaintView>> dispatch(
            @PathParam("id") UUID complaintId, @Valid @NotNull DispatchRequest body) {
        return agencyFor(complaintId, body)
                .flatMap(agencyId -> requireAgency("agencyId", agencyId)
                        .flatMap(ok -> body.category() == null
                                ? Uni.createFrom().item(true)
                                : requireCategory(body.category()))
                        .flatMap(ok -> execute(
                                complaintId,
                                body,
                                caller.as(Role.OPERATOR),
                                (c, a, now) -> new ComplaintCommand.Dispatch(
                                        c, a, now, agencyId, body.note(), body.category(), body.reportType()))));
    }

    @POST
    @Path("/{id}/archive")
    @RolesAllowed("operator")
    @Operation(summary = "Archive a complaint that will not be handled")
    public Uni<RestResponse<ComplaintView>> archive(
            @PathParam("id") UUID complaintId, @Valid @NotNull ArchiveRequest body) {
        return run(
                complaintId,
                body,
                (c, a, now) -> new ComplaintCommand.Archive(c, a, now, body.reason(), body.note()),
                Role.OPERATOR);
    }

    @POST
    @Path("/{id}/visibility")
    @RolesAllowed({"operator", "citizen"})
    @Operation(
            summary = "Change the anonymous and confidential flags",
            description = "Only ever tightened: by the operator, or by the complainant on their own complaint")
    public Uni<RestResponse<ComplaintView>> visibility(
            @PathParam("id") UUID complaintId, @Valid @NotNull VisibilityRequest body) {
        return run(
                complaintId,
                body,
                (c, a, now) -> new ComplaintCommand.ChangeVisibility(
                        c, a, now, body.anonymous(), body.confidential(), body.reason()),
                Role.OPERATOR,
                Role.CITIZEN);
    }

    @POST
    @Path("/{id}/acknowledge")
    @RolesAllowed("agency-officer")
    @Operation(summary = "The assigned agency takes the complaint up")
    public Uni<RestResponse<ComplaintView>> acknowledge(
            @PathParam("id") UUID complaintId, @Valid @NotNull NoFields body) {
        return run(complaintId, body, ComplaintCommand.Acknowledge::new, Role.AGENCY_OFFICER);
    }

    @POST
    @Path("/{id}/decline")
    @RolesAllowed("agency-officer")
    @Operation(summary = "The assigned agency declines: not its authority")
    public Uni<RestResponse<ComplaintView>> decline(
            @PathParam("id") UUID complaintId, @Valid @NotNull DeclineRequest body) {
        Uni<Boolean> suggested = body.suggestedAgencyId() == null
                ? Uni.createFrom().item(true)
                : requireAgency("suggestedAgencyId", body.suggestedAgencyId());
        return suggested.flatMap(ok -> execute(
                complaintId,
                body,
                caller.as(Role.AGENCY_OFFICER),
                (c, a, now) -> new ComplaintCommand.Decline(c, a, now, body.reason(), body.suggestedAgencyId())));
    }

    @POST
    @Path("/{id}/redispatch")
    @RolesAllowed("operator")
    @Operation(summary = "Dispatch again, to another agency")
    public Uni<RestResponse<ComplaintView>> redispatch(
            @PathParam("id") UUID complaintId, @Valid @NotNull RedispatchRequest body) {
        return requireAgency("agencyId", body.agencyId())
                .flatMap(ok -> execute(
                        complaintId,
                        body,
                        caller.as(Role.OPERATOR),
                        (c, a, now) -> new ComplaintCommand.Redispatch(c, a, now, body.agencyId(), body.note())));
    }

    @POST
    @Path("/{id}/follow-ups")
    @RolesAllowed("agency-officer")
    @Operation(summary = "The assigned agency posts its follow-up (tindak lanjut)")
    public Uni<RestResponse<ComplaintView>> followUp(
            @PathParam("id") UUID complaintId, @Valid @NotNull FollowUpRequest body) {
        return run(
                complaintId,
                body,
                (c, a, now) -> new ComplaintCommand.PostFollowUp(c, a, now, body.message(), body.actionTakenOn()),
                Role.AGENCY_OFFICER);
    }

    @POST
    @Path("/{id}/accept")
    @RolesAllowed({"citizen", "operator"})
    @Operation(summary = "The complainant accepts the follow-up, with a rating", description = ON_BEHALF)
    public Uni<RestResponse<ComplaintView>> accept(
            @PathParam("id") UUID complaintId, @Valid @NotNull AcceptRequest body) {
        return complainantStep(
                complaintId,
                body,
                (c, a, now, onBehalf) ->
                        new ComplaintCommand.Accept(c, a, now, body.rating(), body.comment(), onBehalf));
    }

    @POST
    @Path("/{id}/object")
    @RolesAllowed({"citizen", "operator"})
    @Operation(summary = "The complainant objects to the follow-up: the complaint reopens", description = ON_BEHALF)
    public Uni<RestResponse<ComplaintView>> object(
            @PathParam("id") UUID complaintId, @Valid @NotNull ComplainantReasonRequest body) {
        return complainantStep(
                complaintId,
                body,
                (c, a, now, onBehalf) -> new ComplaintCommand.ObjectToResponse(c, a, now, body.reason(), onBehalf));
    }

    @POST
    @Path("/{id}/appeal")
    @RolesAllowed({"citizen", "operator"})
    @Operation(summary = "The complainant appeals to the Ombudsman", description = ON_BEHALF)
    public Uni<RestResponse<ComplaintView>> appeal(
            @PathParam("id") UUID complaintId, @Valid @NotNull ComplainantReasonRequest body) {
        return complainantStep(
                complaintId,
                body,
                (c, a, now, onBehalf) -> new ComplaintCommand.Appeal(c, a, now, body.reason(), onBehalf));
    }

    @POST
    @Path("/{id}/escalate")
    @RolesAllowed("operator")
    @Operation(summary = "The operator escalates to the Ombudsman")
    public Uni<RestResponse<ComplaintView>> escalate(
            @PathParam("id") UUID complaintId, @Valid @NotNull ReasonRequest body) {
        return run(
                complaintId,
                body,
                (c, a, now) -> new ComplaintCommand.Escalate(c, a, now, body.reason()),
                Role.OPERATOR);
    }

    @POST
    @Path("/{id}/close")
    @RolesAllowed("operator")
    @Operation(
            summary = "The operator closes a complaint an agency has, with an outcome",
            description = "From DISPATCHED, IN_PROGRESS, RESPONDED or AWAITING_REDISPATCH: the complaint is completed "
                    + "and the complainant may appeal for thirty days. The note is public: the complainant reads it.")
    public Uni<RestResponse<ComplaintView>> close(
            @PathParam("id") UUID complaintId, @Valid @NotNull ComplaintRequests.CloseRequest body) {
        return run(
                complaintId,
                body,
                (c, a, now) -> new ComplaintCommand.Close(c, a, now, body.outcome(), body.note()),
                Role.OPERATOR);
    }

    @POST
    @Path("/{id}/implementation")
    @RolesAllowed("agency-officer")
    @Operation(
            summary = "The agency reports how it carried out the Ombudsman's recommendation",
            description = "Once, by an officer of the agency the recommendation went to when the review closed with "
                    + "maladministration found; due thirty days after the review closed, taken late too. The report "
                    + "is public: the complainant reads it.")
    public Uni<RestResponse<ComplaintView>> reportImplementation(
            @PathParam("id") UUID complaintId, @Valid @NotNull ComplaintRequests.ImplementationRequest body) {
        return run(
                complaintId,
                body,
                (c, a, now) -> new ComplaintCommand.ReportImplementation(c, a, now, body.report()),
                Role.AGENCY_OFFICER);
    }

    @POST
    @Path("/{id}/withdraw")
    @RolesAllowed({"citizen", "operator"})
    @Operation(summary = "The complainant withdraws the complaint", description = ON_BEHALF)
    public Uni<RestResponse<ComplaintView>> withdraw(
            @PathParam("id") UUID complaintId, @Valid @NotNull ComplainantReasonRequest body) {
        return complainantStep(
                complaintId,
                body,
                (c, a, now, onBehalf) -> new ComplaintCommand.Withdraw(c, a, now, body.reason(), onBehalf));
    }

    @POST
    @Path("/{id}/review/open")
    @RolesAllowed("ombudsman")
    @Operation(summary = "The Ombudsman opens a review of an escalated complaint")
    public Uni<RestResponse<ComplaintView>> openReview(
            @PathParam("id") UUID complaintId, @Valid @NotNull NoFields body) {
        return run(complaintId, body, ComplaintCommand.OpenReview::new, Role.OMBUDSMAN);
    }

    @POST
    @Path("/{id}/review/findings")
    @RolesAllowed("ombudsman")
    @Operation(summary = "The Ombudsman records a finding on maladministration")
    public Uni<RestResponse<ComplaintView>> finding(
            @PathParam("id") UUID complaintId, @Valid @NotNull FindingRequest body) {
        return run(
                complaintId,
                body,
                (c, a, now) -> new ComplaintCommand.RecordFinding(
                        c, a, now, body.maladministration(), body.forms(), body.recommendation()),
                Role.OMBUDSMAN);
    }

    @POST
    @Path("/{id}/review/close")
    @RolesAllowed("ombudsman")
    @Operation(summary = "The Ombudsman closes the review")
    public Uni<RestResponse<ComplaintView>> closeReview(
            @PathParam("id") UUID complaintId, @Valid @NotNull CloseReviewRequest body) {
        return run(
                complaintId,
                body,
                (c, a, now) -> new ComplaintCommand.CloseReview(c, a, now, body.outcome()),
                Role.OMBUDSMAN);
    }

    @POST
    @Path("/{id}/duplicate-of")
    @RolesAllowed("operator")
    @Operation(summary = "Archive the complaint as a duplicate of another")
    public Uni<RestResponse<ComplaintView>> linkDuplicate(
            @PathParam("id") UUID complaintId, @Valid @NotNull DuplicateRequest body) {
        return history.current(body.originalId()).flatMap(original -> {
            if (!original.exists()) {
                throw ProblemException.badRequest("originalId", "no such complaint");
            }
            return execute(
                    complaintId,
                    body,
                    caller.as(Role.OPERATOR),
                    (c, a, now) -> new ComplaintCommand.LinkAsDuplicate(c, a, now, body.originalId()));
        });
    }

    @DELETE
    @Path("/{id}/duplicate-of")
    @RolesAllowed("operator")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Remove a duplicate link: the complaint returns to verification")
    public Uni<RestResponse<ComplaintView>> unlinkDuplicate(@PathParam("id") UUID complaintId) {
        return run(complaintId, null, ComplaintCommand.RemoveDuplicateLink::new, Role.OPERATOR);
    }

    @POST
    @Path("/{id}/messages")
    @RolesAllowed({"citizen", "operator", "agency-officer", "ombudsman"})
    @Operation(
            summary = "Write to the complaint's conversation, to everyone or to staff only",
            description = "audience public (the complainant and staff) or internal (the operator, the assigned agency "
                    + "and the Ombudsman); the complainant writes only public messages, and while the agency's "
                    + "question is open the complainant's message is the answer. Without audience: public for the "
                    + "complainant, internal for staff")
    public Uni<RestResponse<ComplaintView>> message(
            @PathParam("id") UUID complaintId, @Valid @NotNull ComplaintRequests.MessageRequest body) {
        Actor actor = caller.as(Role.CITIZEN, Role.OPERATOR, Role.AGENCY_OFFICER, Role.OMBUDSMAN);
        org.complaintledger.complaint.Audience audience = body.audience() != null
                ? org.complaintledger.complaint.Audience.fromWireName(body.audience())
                : actor.role() == Role.CITIZEN
                        ? org.complaintledger.complaint.Audience.PUBLIC
                        : org.complaintledger.complaint.Audience.INTERNAL;
        return execute(
                complaintId,
                body,
                actor,
                (c, a, now) -> new ComplaintCommand.PostMessage(c, a, now, body.text(), audience));
    }

    @POST
    @Path("/{id}/questions")
    @RolesAllowed("agency-officer")
    @Operation(
            summary = "The assigned agency asks the complainant a question",
            description = "A complainant-response deadline runs until the answer comes through /clarifications or a "
                    + "message; the complaint stays with the agency")
    public Uni<RestResponse<ComplaintView>> question(
            @PathParam("id") UUID complaintId, @Valid @NotNull ComplaintRequests.QuestionRequest body) {
        return run(
                complaintId,
                body,
                (c, a, now) -> new ComplaintCommand.AskQuestion(c, a, now, body.question()),
                Role.AGENCY_OFFICER);
    }

    @POST
    @Path("/{id}/progress")
    @RolesAllowed("agency-officer")
    @Operation(summary = "The assigned agency posts an interim reply; the complaint stays IN_PROGRESS")
    public Uni<RestResponse<ComplaintView>> progress(
            @PathParam("id") UUID complaintId, @Valid @NotNull ComplaintRequests.ProgressRequest body) {
        return run(
                complaintId,
                body,
                (c, a, now) -> new ComplaintCommand.PostProgress(c, a, now, body.message()),
                Role.AGENCY_OFFICER);
    }

    @POST
    @Path("/{id}/extension-requests")
    @RolesAllowed("agency-officer")
    @Operation(
            summary = "The assigned agency asks the operator for more working days to follow up",
            description = "The request's id is in the Location header and in the conversation's ref")
    @APIResponse(
            responseCode = "200",
            description = "Requested: the complaint view",
            headers =
                    @Header(
                            name = "Location",
                            description = "/api/complaints/{id}/extension-requests/{requestId}",
                            schema = @Schema(type = SchemaType.STRING)),
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ComplaintView.class)))
    public Uni<RestResponse<ComplaintView>> requestExtension(
            @PathParam("id") UUID complaintId, @Valid @NotNull ComplaintRequests.ExtensionRequest body) {
        UUID requestId = UUID.randomUUID();
        return execute(
                        complaintId,
                        body,
                        caller.as(Role.AGENCY_OFFICER),
                        (c, a, now) ->
                                new ComplaintCommand.RequestExtension(c, a, now, requestId, body.days(), body.reason()))
                .map(response -> RestResponse.ResponseBuilder.fromResponse(response)
                        .location(URI.create("/api/complaints/" + complaintId + "/extension-requests/" + requestId))
                        .build());
    }

    @POST
    @Path("/{id}/extension-requests/{requestId}/decision")
    @RolesAllowed("operator")
    @Operation(
            summary = "The operator grants or refuses an agency's extension request",
            description = "A grant records a new follow-up deadline: the days requested, in working days, after the "
                    + "follow-up deadline the agency had (or after now, when that one was already missed)")
    public Uni<RestResponse<ComplaintView>> decideExtension(
            @PathParam("id") UUID complaintId,
            @PathParam("requestId") UUID request,
            @Valid @NotNull ComplaintRequests.ExtensionDecisionRequest body) {
        return execute(
                complaintId,
                body,
                caller.as(Role.OPERATOR),
                (c, a, now) -> new ComplaintCommand.DecideExtension(c, a, now, request, body.granted(), body.note()));
    }

    /**
     * The complainant's step: the complainant's own, or the operator's record of it for them (and then only the
     * operator's: any other role naming {@code onBehalfOf} is refused here, before anything is read or written).
     */
    /** A command of the complainant's own, taken by them or recorded by the operator on their behalf. */
    @FunctionalInterface
    interface ComplainantStep {
        ComplaintCommand create(UUID complaintId, Actor actor, Instant issuedAt, OnBehalf onBehalf);
    }

    private Uni<RestResponse<ComplaintView>> complainantStep(
            UUID complaintId, ComplaintRequests.ComplainantStepBody body, ComplainantStep step) {
        OnBehalf onBehalf = onBehalf(body);
        return execute(
                complaintId, body, complainantOrOperator(onBehalf), (c, a, now) -> step.create(c, a, now, onBehalf));
    }

    private Actor complainantOrOperator(OnBehalf onBehalf) {
        if (onBehalf == null) {
            return caller.as(Role.CITIZEN);
        }
        if (!caller.holds(Role.OPERATOR)) {
            throw new ProblemException(Problem.of(
                    403,
                    Rejection.Reason.ROLE_NOT_ALLOWED.code(),
                    "Only the operator records a complainant's step on their behalf"));
        }
        return caller.as(Role.OPERATOR);
    }

    private static OnBehalf onBehalf(ComplaintRequests.ComplainantStepBody body) {
        if (body.onBehalfOf() == null) {
            if (body.via() != null) {
                throw ProblemException.badRequest("via", "only with onBehalfOf");
            }
            return null;
        }
        if (body.via() == null || body.via().isBlank()) {
            throw ProblemException.badRequest("via", "say how the complainant asked, such as by phone");
        }
        return new OnBehalf(body.via().strip());
    }

    private Uni<RestResponse<ComplaintView>> run(UUID complaintId, Object body, CommandFactory factory, Role... roles) {
        return execute(complaintId, body, caller.as(roles), factory);
    }

    private Uni<RestResponse<ComplaintView>> execute(
            UUID complaintId, Object body, Actor actor, CommandFactory factory) {
        Instant now = EventEnvelope.millis(clock.instant());
        return commands.execute(
                        factory.create(complaintId, actor, now),
                        directives(body, actor, ComplaintCommandHandler.Effect.CHANGED))
                .flatMap(outcome -> views.view(outcome.summary(), actor).flatMap(view -> respond(outcome, view)));
    }

    private ComplaintCommandHandler.Directives directives(
            Object body, Actor actor, ComplaintCommandHandler.Effect effect) {
        String idempotencyKey = CommandHeaders.idempotencyKey(headers.getHeaderString("Idempotency-Key"));
        return new ComplaintCommandHandler.Directives(
                CommandHeaders.expectedVersion(headers.getHeaderString(HttpHeaders.IF_MATCH)),
                actor.subject(),
                idempotencyKey,
                idempotencyKey == null ? null : requestHash(body),
                effect,
                CorrelationId.current());
    }

    private static Uni<RestResponse<ComplaintView>> respond(
            ComplaintCommandHandler.Outcome outcome, ComplaintView view) {
        var response = RestResponse.ResponseBuilder.<ComplaintView>create(
                        ComplaintProblemMappers.status(outcome.effect()))
                .entity(view)
                .header(HttpHeaders.ETAG, ComplaintView.etag(view.version()));
        if (outcome.effect() == ComplaintCommandHandler.Effect.CREATED) {
            response.location(URI.create("/api/complaints/" + view.id()));
        }
        return Uni.createFrom().item(response.build());
    }

    private String requestHash(Object body) {
        try {
            return EventEnvelope.sha256Hex(uri.getPath() + "\n" + json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The agency named, or else the default agency of the category: the operator's correction if the request makes
     * one, otherwise the complaint's own, folded from its stream rather than read from the view, so that a dispatch
     * right after filing finds it.
     */
    private Uni<String> agencyFor(UUID complaintId, DispatchRequest body) {
        if (body.agencyId() != null) {
            return Uni.createFrom().item(body.agencyId());
        }
        Uni<String> category = body.category() != null
                ? Uni.createFrom().item(body.category())
                : history.currentSummary(complaintId).map(summary -> {
                    if (!summary.exists()) {
                        throw new Rejection(Rejection.Reason.NOT_FOUND, "Complaint " + complaintId + " does not exist");
                    }
                    return summary.category();
                });
        return category.flatMap(defaultAgencies::defaultAgencyOf);
    }

    private Uni<Boolean> requireAgency(String field, String agencyId) {
        return agencies.exists(agencyId).map(exists -> {
            if (!exists) {
                throw ProblemException.badRequest(field, "no agency '" + agencyId + "'");
            }
            return true;
        });
    }

    private Uni<Boolean> requireCategory(String category) {
        return agencies.categoryExists(category).map(exists -> {
            if (!exists) {
                throw ProblemException.badRequest("category", "no category '" + category + "'");
            }
            return true;
        });
    }

    private static PersonalData personalData(ComplaintRequests.ComplainantBody body) {
        return new PersonalData(body.name(), body.nationalId(), body.phone(), body.email(), body.address());
    }

    private static Location location(ComplaintRequests.LocationBody body) {
        return body == null
                ? null
                : new Location(body.regency(), body.district(), body.village(), body.latitude(), body.longitude());
    }
}
