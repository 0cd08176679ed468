package org.complaintledger.complaint;

/**
 * A filing broke one of {@link FilingRules}: nothing was written. It names the field of the filing that is wrong, so
 * each channel's edge can answer in its own format (a problem+json field error, an Open311 error list).
 */
public final class FilingRefused extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String field;
    private final String reason;

    public FilingRefused(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
        this.reason = reason;
    }

    /** The filing's field at fault: {@code channel}, {@code complainant}, {@code complainantSubject}, {@code category}. */
    public String field() {
        return field;
    }

    /** What is wrong with it, in plain English, without the field's name. */
    public String reason() {
        return reason;
    }
}
