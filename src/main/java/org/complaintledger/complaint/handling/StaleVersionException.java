package org.complaintledger.complaint.handling;

/** The caller's If-Match names a version the complaint has moved past: answered 412, nothing written. */
public class StaleVersionException extends RuntimeException {

    private final long expected;
    private final long actual;

    public StaleVersionException(long expected, long actual) {
        super("The complaint is at version " + actual + ", not " + expected + " as If-Match expects", null, false, false);
        this.expected = expected;
        this.actual = actual;
    }

    public long expected() {
        return expected;
    }

    public long actual() {
        return actual;
    }
}
