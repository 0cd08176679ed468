package org.complaintledger.complaint;

/** The Ombudsman's taxonomy of maladministration. */
public enum MaladministrationForm {
    UNDUE_DELAY,
    FAILURE_TO_SERVE,
    INCOMPETENCE,
    ABUSE_OF_AUTHORITY,
    PROCEDURAL_DEVIATION,
    REQUESTING_PAYMENT,
    IMPROPRIETY,
    PARTIALITY,
    DISCRIMINATION,
    CONFLICT_OF_INTEREST
}
