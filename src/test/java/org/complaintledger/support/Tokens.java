package org.complaintledger.support;

import java.time.Duration;
import org.complaintledger.complaint.Role;
import org.complaintledger.security.DevTokenResource;

/** Bearer tokens for tests, signed with the dev key the test profile trusts. */
public final class Tokens {

    private Tokens() {}

    public static String citizen(String subject) {
        return issue(Role.CITIZEN, subject, null);
    }

    public static String operator() {
        return issue(Role.OPERATOR, "op-test", null);
    }

    public static String officer(String agency) {
        return issue(Role.AGENCY_OFFICER, "officer-" + agency, agency);
    }

    public static String ombudsman() {
        return issue(Role.OMBUDSMAN, "ombudsman-test", null);
    }

    public static String auditor() {
        return issue(Role.AUDITOR, "auditor-test", null);
    }

    /** An officer scoped to a unit inside its agency (the unit claim). */
    public static String unitOfficer(String agency, String unit) {
        return DevTokenResource.issue(Role.AGENCY_OFFICER, "officer-" + unit, agency, unit, Duration.ofHours(1))
                .token();
    }

    public static String admin() {
        return issue(Role.ADMIN, "admin-test", null);
    }

    public static String issue(Role role, String subject, String agency) {
        return DevTokenResource.issue(role, subject, agency, Duration.ofHours(1))
                .token();
    }
}
