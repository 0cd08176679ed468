package org.complaintledger.complaint;

/**
 * Why verification ended without dispatch. {@link #DUPLICATE} and {@link #NO_CLARIFICATION} are reserved for the
 * steps that imply them (linking a duplicate, a missed clarification deadline), so the record always says how.
 */
public enum ArchiveReason {
    OUT_OF_SCOPE,
    UNINTELLIGIBLE,
    INCOMPLETE,
    NOT_PUBLIC_SERVICE,
    OTHER,
    DUPLICATE,
    NO_CLARIFICATION;

    public boolean isReserved() {
        return switch (this) {
            case DUPLICATE, NO_CLARIFICATION -> true;
            case OUT_OF_SCOPE, UNINTELLIGIBLE, INCOMPLETE, NOT_PUBLIC_SERVICE, OTHER -> false;
        };
    }
}
