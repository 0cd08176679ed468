package org.complaintledger.complaint.handling;

/**
 * The command handler could not carry out a request as sent, for a reason of the request rather than of the
 * complaint's rules: the complaint kept changing under it, or its Idempotency-Key was already used for another
 * request. The code is stable; the web edge answers 409 with it.
 */
public final class RequestConflict extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public static final String CONCURRENT_UPDATE = "request.concurrent-update";
    public static final String IDEMPOTENCY_KEY_REUSED = "request.idempotency-key-reused";

    private final String code;

    private RequestConflict(String code, String message) {
        super(message);
        this.code = code;
    }

    static RequestConflict concurrentUpdate() {
        return new RequestConflict(CONCURRENT_UPDATE, "The complaint kept changing under this request; try again");
    }

    static RequestConflict idempotencyKeyReused() {
        return new RequestConflict(IDEMPOTENCY_KEY_REUSED, "This Idempotency-Key was used for a different request");
    }

    public String code() {
        return code;
    }
}
