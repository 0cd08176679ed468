package org.complaintledger.projection;

/** Which rows a public read answers from (see {@link Projections#requireServingPublic}). */
public enum ReadModel {
    /** The projection's rows, caught up. */
    CURRENT,
    /** The rows as they stood when a rebuild started, kept aside until it has caught up: the answer is stale. */
    LAST_GOOD;

    /**
     * Set to {@code true} on an answer from {@link #LAST_GOOD} rows. A header rather than a field, so that the
     * answer's body keeps its documented shape (GeoReport's included).
     */
    public static final String STALE_HEADER = "X-Ledger-Stale";

    public boolean stale() {
        return this == LAST_GOOD;
    }
}
