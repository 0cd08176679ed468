package org.complaintledger.deadline;

/** The service-level timers of the LAPOR! workflow; each is started by one step and satisfied by another. */
public enum DeadlineKind {
    VERIFICATION("verification"),
    CLARIFICATION("clarification"),
    FOLLOW_UP("follow-up"),
    REDISPATCH("redispatch"),
    COMPLAINANT_RESPONSE("complainant-response"),
    RESOLUTION("resolution"),
    /** The agency carries out the Ombudsman's recommendation; started when the review closes with one. */
    IMPLEMENTATION("implementation");

    private final String configKey;

    DeadlineKind(String configKey) {
        this.configKey = configKey;
    }

    /** The suffix of the {@code ledger.deadlines.*} property that configures this timer. */
    public String configKey() {
        return configKey;
    }
}
