package org.complaintledger.intake;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** Text messages to the 1708 short code, as a generic HTTP SMS gateway forwards them: the same intake as WhatsApp. */
@Path("/webhooks/sms")
@Tag(name = "Intake")
@PermitAll
public class SmsWebhookResource {

    @ConfigProperty(name = "ledger.sms.webhook-secret")
    Optional<String> secret;

    @Inject
    Intake intake;

    @Inject
    Clock clock;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Text messages from the SMS gateway",
            description = "A form or a JSON object with from, text and id, signed: X-Signature = sha256= and the hex "
                    + "HMAC-SHA256 of the raw body with ledger.sms.webhook-secret (401 otherwise, nothing written). "
                    + "Each id is taken once; a redelivery answers 200 with no effect. Keywords: TERIMA 1-5, "
                    + "TOLAK <alasan>, BANDING <alasan>, STATUS <nomor>.")
    public Uni<RestResponse<Void>> receive(
            @HeaderParam("X-Signature") String signature,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            byte[] body) {
        Signatures.require(secret, signature, body, "X-Signature");
        return intake.receive(SmsPayload.parse(contentType, body, clock.instant()))
                .map(ok -> RestResponse.ok());
    }
}
