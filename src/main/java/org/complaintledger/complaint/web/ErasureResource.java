package org.complaintledger.complaint.web;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import org.complaintledger.complaint.Actor;
import org.complaintledger.complaint.Role;
import org.complaintledger.complaint.handling.Caller;
import org.complaintledger.complaint.handling.ComplainantPseudonyms;
import org.complaintledger.complaint.handling.Erasure;
import org.complaintledger.ledger.EventEnvelope;
import org.complaintledger.web.CorrelationId;
import org.complaintledger.web.MultiLine;
import org.complaintledger.web.Problem;
import org.complaintledger.web.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Erasure of a complainant's personal data, by the complainant or by an operator on their written request. */
@Path("/api/complainants")
@Tag(name = "Privacy")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ErasureResource {

    public record ErasureRequest(@Size(max = 500) @MultiLine String reason) {}

    /** The subjects that tokens and operators' filings give complainants; anything else names no one. */
    private static final String SUBJECT = "[A-Za-z0-9._:@-]{1,100}";

    @Inject
    Caller caller;

    @Inject
    Erasure erasure;

    @Inject
    ComplainantPseudonyms pseudonyms;

    @Inject
    Clock clock;

    @POST
    @Path("/{subject}/erasure")
    @RolesAllowed({"citizen", "operator"})
    @Operation(
            summary = "Erase a complainant's personal data (crypto-shredding)",
            description = "Destroys the complainant's data key and records personal-data-erased on each of their "
                    + "complaints. The history and its hashes stay intact; the personal data can never be read again. "
                    + "A citizen erases their own; an operator acts on a complainant's request and must give a reason.")
    public Uni<Erasure.Result> erase(@PathParam("subject") String subject, @Valid @NotNull ErasureRequest body) {
        Actor actor = caller.as(Role.CITIZEN, Role.OPERATOR);
        if (!subject.matches(SUBJECT)) {
            throw ProblemException.badRequest("subject", "must be a complainant's subject id");
        }
        // a citizen names themselves by their account's id (their token's subject) or by its pseudonym, as their
        // complaints show it; either way the ledger erases the pseudonym's data
        if (actor.role() == Role.CITIZEN && !actor.subject().equals(subject) && !caller.isOwnAccount(subject)) {
            throw new ProblemException(
                    Problem.of(403, "auth.forbidden", "A citizen may erase only their own personal data"));
        }
        // the complainant needs no justification for their own data; an operator acting for them leaves one on record
        if (actor.role() == Role.OPERATOR
                && (body.reason() == null || body.reason().isBlank())) {
            throw ProblemException.badRequest("reason", "an operator must say on whose request the data is erased");
        }
        Instant at = EventEnvelope.millis(clock.instant());
        String correlation = CorrelationId.current();
        // an operator names the subject a complaint shows (a pseudonym, or a subject the service minted: offline,
        // Open311, phone) or, on the citizen's written request, the citizen's account id, known by its pseudonym if it
        // has one (looked up without making one: naming an account must not give it a pseudonym)
        Uni<Erasure.Result> erased = actor.role() == Role.CITIZEN
                ? erasure.erase(actor.subject(), actor, body.reason(), at, correlation)
                : erasure.erase(subject, actor, body.reason(), at, correlation)
                        .onItem()
                        .ifNull()
                        .switchTo(() -> pseudonyms
                                .existing(subject)
                                .flatMap(pseudonym -> pseudonym.equals(subject)
                                        ? Uni.createFrom().nullItem()
                                        : erasure.erase(pseudonym, actor, body.reason(), at, correlation)));
        return erased.onItem()
                .ifNull()
                .failWith(() -> new ProblemException(Problem.of(
                        404, "complainant.not-found", "No personal data and no complaint is known for " + subject)));
    }
}
