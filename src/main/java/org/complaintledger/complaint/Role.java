package org.complaintledger.complaint;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

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

    // every stored event's actor is read through this: a stream over the values per event was 2.6 % of a projection
    // build's samples (bench/rebuild.sh, BENCHMARKS.md session 8)
    private static final Map<String, Role> BY_WIRE_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(Role::wireName, Function.identity()));

    public static Role fromWireName(String wireName) {
        Role role = wireName == null ? null : BY_WIRE_NAME.get(wireName);
        if (role == null) {
            throw new IllegalArgumentException("Unknown role '" + wireName + "'");
        }
        return role;
    }
}
