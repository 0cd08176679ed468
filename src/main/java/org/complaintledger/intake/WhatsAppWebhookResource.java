package org.complaintledger.intake;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;
import org.complaintledger.web.Problem;
import org.complaintledger.web.ProblemException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The WhatsApp Business Cloud API's webhook. {@code GET} is Meta's verification handshake; {@code POST} bodies are
 * taken only with a valid {@code X-Hub-Signature-256} over the raw bytes. A delivery Meta repeats (it retries until it
 * gets a 2xx) is answered 200 again and changes nothing.
 */
@Path("/webhooks/whatsapp")
@Tag(name = "Intake")
@PermitAll
public class WhatsAppWebhookResource {

    @ConfigProperty(name = "ledger.whatsapp.app-secret")
    Optional<String> appSecret;

    @ConfigProperty(name = "ledger.whatsapp.verify-token")
    Optional<String> verifyToken;

    @Inject
    Intake intake;

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(
            summary = "Meta's verification handshake",
            description = "hub.mode=subscribe and hub.verify_token equal to ledger.whatsapp.verify-token: 200 with "
                    + "hub.challenge as the body; anything else 403")
    public RestResponse<String> verify(
            @QueryParam("hub.mode") String mode,
            @QueryParam("hub.verify_token") String token,
            @QueryParam("hub.challenge") String challenge) {
        boolean matches = verifyToken.filter(expected -> !expected.isBlank()).isPresent()
                && "subscribe".equals(mode)
                && token != null
                && java.security.MessageDigest.isEqual(
                        verifyToken.get().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        token.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                && challenge != null
                && challenge.length() <= 200;
        if (!matches) {
            throw new ProblemException(Problem.of(
                    403, "webhook.verification-failed", "hub.mode or hub.verify_token do not match this service"));
        }
        return RestResponse.ok(challenge);
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Messages from WhatsApp chats (Cloud API webhook)",
            description = "Signed by Meta: X-Hub-Signature-256 = sha256= and the hex HMAC-SHA256 of the raw body with "
                    + "ledger.whatsapp.app-secret (401 otherwise, nothing written). Each message id is taken once; a "
                    + "redelivery answers 200 with no effect. Bodies over ledger.intake.max-body-size (1 MB) are 413, "
                    + "bodies not of the Cloud API's shape 400.")
    public Uni<RestResponse<Void>> receive(@HeaderParam("X-Hub-Signature-256") String signature, byte[] body) {
        Signatures.require(appSecret, signature, body, "X-Hub-Signature-256");
        return intake.receive(WhatsAppPayload.parse(body)).map(ok -> RestResponse.ok());
    }
}
