package org.complaintledger.reference;

/**
 * The stored type names of reference-data events: published contracts, like the complaint events' (never rename or
 * reuse one; a new payload shape is a new schema version). Each has a JSON Schema in {@code event-schemas/}.
 */
public enum ReferenceEventType {
    AGENCY_ADDED("reference.agency-added", 1, ReferenceKind.AGENCIES),
    UNIT_ADDED("reference.unit-added", 1, ReferenceKind.AGENCIES),
    CONTACTS_CHANGED("reference.contacts-changed", 1, ReferenceKind.AGENCIES),
    CATEGORY_ADDED("reference.category-added", 1, ReferenceKind.CATEGORIES),
    CATEGORY_RETIRED("reference.category-retired", 1, ReferenceKind.CATEGORIES),
    CALENDAR_ADDED("reference.calendar-added", 1, ReferenceKind.CALENDARS),
    HOLIDAYS_ADDED("reference.holidays-added", 1, ReferenceKind.CALENDARS),
    // v2: every version names the IMPLEMENTATION rule too
    SLA_POLICY_VERSIONED("reference.sla-policy-versioned", 2, ReferenceKind.SLA_POLICIES),
    OPEN311_KEY_ISSUED("reference.open311-key-issued", 1, ReferenceKind.OPEN311_KEYS),
    OPEN311_KEY_REVOKED("reference.open311-key-revoked", 1, ReferenceKind.OPEN311_KEYS);

    private final String wireName;
    private final int schemaVersion;
    private final ReferenceKind kind;

    ReferenceEventType(String wireName, int schemaVersion, ReferenceKind kind) {
        this.wireName = wireName;
        this.schemaVersion = schemaVersion;
        this.kind = kind;
    }

    public String wireName() {
        return wireName;
    }

    /** The schema version new events of this type are written in; older stored ones keep theirs. */
    public int schemaVersion() {
        return schemaVersion;
    }

    public ReferenceKind kind() {
        return kind;
    }
}
