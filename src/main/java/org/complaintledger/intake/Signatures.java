package org.complaintledger.intake;

import java.util.Optional;
import org.complaintledger.web.Problem;
import org.complaintledger.web.ProblemException;

/** The webhooks' shared refusal of an unsigned or wrongly signed body: 401, before the body is even parsed. */
final class Signatures {

    private Signatures() {}

    static void require(Optional<String> secret, String header, byte[] body, String headerName) {
        if (secret.filter(s -> !s.isBlank()).isEmpty()) {
            throw new ProblemException(Problem.of(
                    503, "webhook.not-configured", "This webhook has no secret configured and takes nothing"));
        }
        if (!WebhookSignature.valid(secret, header, body == null ? new byte[0] : body)) {
            throw new ProblemException(Problem.of(
                    401,
                    "webhook.signature-invalid",
                    headerName + " is missing or is not the HMAC-SHA256 of this body"));
        }
    }
}
