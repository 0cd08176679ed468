package org.complaintledger.complaint;

/**
 * Who may read a free-text note. {@code PUBLIC}: the complainant and staff. {@code INTERNAL}: the operator, the
 * assigned agency and the Ombudsman, never the complainant or the public. Notes recorded before audiences existed
 * (dispatch and re-dispatch notes, decline reasons) read as internal, clarifications and follow-ups as public: see
 * {@link ComplaintSummary.Note}.
 */
public enum Audience {
    PUBLIC,
    INTERNAL;

    /** The name the API uses: {@code public}, {@code internal}. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Audience fromWireName(String name) {
        return switch (name) {
            case "public" -> PUBLIC;
            case "internal" -> INTERNAL;
            default -> throw new IllegalArgumentException("no audience '" + name + "'");
        };
    }
}
