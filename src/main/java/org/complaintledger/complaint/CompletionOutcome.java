package org.complaintledger.complaint;

/** {@link #AUTO_CLOSED}: the complainant stayed silent for the whole response period after the follow-up. */
public enum CompletionOutcome {
    ACCEPTED,
    AUTO_CLOSED
}
