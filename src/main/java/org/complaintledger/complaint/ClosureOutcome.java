package org.complaintledger.complaint;

/**
 * How the operator judged a complaint it closed (DOMAIN.md: the operator may close): the agency's answer settled
 * the matter, settled part of it, or could not; the complainant may still appeal for thirty days, as after any
 * completion.
 */
public enum ClosureOutcome {
    RESOLVED,
    PARTIALLY_RESOLVED,
    NOT_RESOLVED
}
