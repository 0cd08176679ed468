package org.complaintledger.reference;

/**
 * The stored type names of reference-data events: published contracts, like the complaint events' (never rename or
 * reuse one; a new payload shape is a new schema version). Each has a JSON Schema in {@code event-schemas/}.
 */
public enum ReferenceEventType {
    AGENCY_ADDED("reference.agency-added", ReferenceKind.AGENCIES),
    UNIT_ADDED("reference.unit-added", ReferenceKind.AGENCIES),
    CONTACTS_CHANGED("reference.contacts-changed", ReferenceKind.AGENCIES),
    CATEGORY_ADDED("reference.category-added", ReferenceKind.CATEGORIES),
    CATEGORY_RETIRED("reference.category-retired", ReferenceKind.CATEGORIES),
    CALENDAR_ADDED("reference.calendar-added", ReferenceKind.CALENDARS),
    HOLIDAYS_ADDED("reference.holidays-added", ReferenceKind.CALENDARS),
    SLA_POLICY_VERSIONED("reference.sla-policy-versioned", ReferenceKind.SLA_POLICIES),
    OPEN311_KEY_ISSUED("reference.open311-key-issued", ReferenceKind.OPEN311_KEYS),
    OPEN311_KEY_REVOKED("reference.open311-key-revoked", ReferenceKind.OPEN311_KEYS);

    private final String wireName;
    private final ReferenceKind kind;

    ReferenceEventType(String wireName, ReferenceKind kind) {
        this.wireName = wireName;
        this.kind = kind;
    }

    public String wireName() {
        return wireName;
    }

    public int schemaVersion() {
        return 1;
    }

    public ReferenceKind kind() {
        return kind;
    }
}
