package org.complaintledger.complaint;

import java.util.Objects;

/**
 * The subject behind a command, recorded on every event so that an auditor sees who did what. The agency is part
 * of an officer's identity (an officer acts only for its own agency) and meaningless for anyone else, so it is
 * required for officers and refused for the other roles rather than silently carried along.
 */
public record Actor(String subject, Role role, String agency) {

    public static final Actor SYSTEM = new Actor("system", Role.SYSTEM, null);

    public Actor {
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("An actor needs a subject");
        }
        Objects.requireNonNull(role, "role");
        if (role == Role.AGENCY_OFFICER && (agency == null || agency.isBlank())) {
            throw new IllegalArgumentException("An agency officer acts for an agency; none given for " + subject);
        }
        if (role != Role.AGENCY_OFFICER && agency != null) {
            throw new IllegalArgumentException("Only agency officers carry an agency, not a " + role.wireName());
        }
    }

    public static Actor citizen(String subject) {
        return new Actor(subject, Role.CITIZEN, null);
    }

    public static Actor operator(String subject) {
        return new Actor(subject, Role.OPERATOR, null);
    }

    public static Actor officer(String subject, String agency) {
        return new Actor(subject, Role.AGENCY_OFFICER, agency);
    }

    public static Actor ombudsman(String subject) {
        return new Actor(subject, Role.OMBUDSMAN, null);
    }

    public static Actor auditor(String subject) {
        return new Actor(subject, Role.AUDITOR, null);
    }
}
