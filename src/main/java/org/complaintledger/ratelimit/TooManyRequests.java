package org.complaintledger.ratelimit;

import jakarta.ws.rs.core.Response;
import java.time.Duration;
import org.complaintledger.web.Problem;

/** The 429 every limit answers: problem+json, and Retry-After in whole seconds (at least one). */
public final class TooManyRequests {

    private TooManyRequests() {}

    public static Response of(RateLimiter.Kind kind, Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        String detail = switch (kind) {
            case PUBLIC -> "Too many requests from this address; retry after " + seconds + " s";
            case FILING_ADDRESS -> "Too many filings from this address; retry after " + seconds + " s";
            case FILING_SUBJECT -> "Too many filings by this account; retry after " + seconds + " s";
            case OPEN311_KEY -> "This api_key's filing quota is spent; retry after " + seconds + " s";
            case CLAIM_ADDRESS -> "Too many claim attempts from this address; retry after " + seconds + " s";
        };
        return Response.fromResponse(Problem.of(429, "rate-limited", detail).toResponse())
                .header("Retry-After", Long.toString(seconds))
                .build();
    }
}
