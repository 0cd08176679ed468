package org.complaintledger.notification.web;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.complaintledger.complaint.ComplaintEventType;
import org.complaintledger.complaint.Role;
import org.complaintledger.complaint.handling.Caller;
import org.complaintledger.notification.channel.WebhookChannel;
import org.complaintledger.privacy.PersonalData;
import org.complaintledger.privacy.PersonalDataVault;
import org.complaintledger.web.Problem;
import org.complaintledger.web.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Integrators' subscriptions to the ledger's steps (the national SP4N-LAPOR! sync, regency dashboards): signed
 * Standard Webhooks with a public-safe payload, in order per complaint, retried like every delivery. The secret is
 * sealed at rest and never shown again.
 */
@Path("/api/webhooks")
@Tag(name = "Notifications")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class WebhookResource {

    public record SubscriptionRequest(
            @NotBlank @Size(max = 2000) String url,
            @NotEmpty @Size(max = 30) List<@NotBlank String> eventTypes,
            @NotBlank @Size(min = 16, max = 200) String secret) {}

    public record Created(UUID id) {}

    public record Subscription(UUID id, String url, List<String> eventTypes, Instant createdAt) {}

    public record Subscriptions(List<Subscription> items) {}

    @Inject
    Pool pool;

    @Inject
    PersonalDataVault vault;

    @Inject
    Caller caller;

    @POST
    @RolesAllowed("operator")
    @Operation(summary = "Subscribe a URL to complaint events, delivered as signed Standard Webhooks")
    @APIResponse(
            responseCode = "201",
            description = "Subscribed: the subscription's id",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Created.class)))
    public Uni<RestResponse<Created>> subscribe(@Valid @NotNull SubscriptionRequest body) {
        String operator = caller.as(Role.OPERATOR).subject();
        URI url = url(body.url());
        List<String> unknown = body.eventTypes().stream()
                .filter(type -> ComplaintEventType.fromWireName(type).isEmpty())
                .toList();
        if (!unknown.isEmpty()) {
            throw ProblemException.badRequest(
                    "eventTypes",
                    "unknown event types " + unknown + "; one of "
                            + Arrays.stream(ComplaintEventType.values())
                                    .map(ComplaintEventType::wireName)
                                    .toList());
        }
        if (body.secret().startsWith("whsec_")) {
            try {
                if (WebhookChannel.key(body.secret()).length < 16) {
                    throw ProblemException.badRequest("secret", "a whsec_ secret must hold at least 16 bytes");
                }
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("secret", "after whsec_ the secret must be base64");
            }
        }
        UUID id = UUID.randomUUID();
        return vault.seal("webhook:" + id, new PersonalData(body.secret(), null, null, null, null))
                .flatMap(sealedValue -> pool.preparedQuery("""
                                INSERT INTO webhook_subscriptions (id, url, event_types, sealed_secret, created_by)
                                VALUES ($1, $2, $3, $4, $5)""")
                        .execute(Tuple.of(
                                id,
                                url.toString(),
                                body.eventTypes().stream().distinct().toArray(String[]::new),
                                sealedValue,
                                operator)))
                .map(ignored -> RestResponse.ResponseBuilder.<Created>create(RestResponse.Status.CREATED)
                        .location(URI.create("/api/webhooks/" + id))
                        .entity(new Created(id))
                        .build());
    }

    @GET
    @RolesAllowed("operator")
    @Operation(summary = "The webhook subscriptions (secrets are never shown)")
    public Uni<Subscriptions> list() {
        return pool.query("SELECT id, url, event_types, created_at FROM webhook_subscriptions ORDER BY created_at")
                .execute()
                .map(rows -> {
                    List<Subscription> items = new ArrayList<>();
                    rows.forEach(row -> items.add(new Subscription(
                            row.getUUID("id"),
                            row.getString("url"),
                            Arrays.asList(row.getArrayOfStrings("event_types")),
                            row.getOffsetDateTime("created_at").toInstant())));
                    return new Subscriptions(items);
                });
    }

    @DELETE
    @Path("/{webhookId}")
    @RolesAllowed("operator")
    @Operation(summary = "Delete a webhook subscription; its undelivered messages are cancelled")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Uni<RestResponse<Void>> delete(@PathParam("webhookId") UUID id) {
        return pool.preparedQuery("DELETE FROM webhook_subscriptions WHERE id = $1")
                .execute(Tuple.of(id))
                .flatMap(rows -> {
                    if (rows.rowCount() == 0) {
                        throw new ProblemException(
                                Problem.of(404, "webhook.not-found", "No webhook subscription " + id));
                    }
                    return vault.destroyKey("webhook:" + id);
                })
                .chain(() -> pool.preparedQuery("""
                                UPDATE deliveries SET status = 'CANCELLED', last_error = 'subscription deleted'
                                 WHERE recipient = $1 AND status IN ('PENDING', 'FAILED')""").execute(Tuple.of("webhook:" + id)))
                .map(ignored -> RestResponse.noContent());
    }

    private static URI url(String text) {
        try {
            URI url = new URI(text);
            if (!("https".equals(url.getScheme()) || "http".equals(url.getScheme())) || url.getHost() == null) {
                throw ProblemException.badRequest("url", "must be an absolute http(s) URL");
            }
            return url;
        } catch (java.net.URISyntaxException e) {
            throw ProblemException.badRequest("url", "must be an absolute http(s) URL");
        }
    }
}
