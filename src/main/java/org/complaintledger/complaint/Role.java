package org.complaintledger.complaint;

import java.util.Arrays;

/** Who acts. The wire name is the JWT {@code groups} value and the {@code actor.role} of stored events. */
public enum Role {
    CITIZEN("citizen"),
    OPERATOR("operator"),
    AGENCY_OFFICER("agency-officer"),
    OMBUDSMAN("ombudsman"),
    AUDITOR("auditor"),
    /** The regency's SP4N administrator: manages reference data (agencies, categories, calendars, SLA policies). */
    ADMIN("admin"),
    SYSTEM("system");

    private final String wireName;

    Role(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Role fromWireName(String wireName) {
        return Arrays.stream(values())
                .filter(role -> role.wireName.equals(wireName))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown role '" + wireName + "'"));
    }
}
