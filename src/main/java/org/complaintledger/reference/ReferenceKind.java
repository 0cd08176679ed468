package org.complaintledger.reference;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

/**
 * The kinds of reference data, each with its own stream in the ledger. A stream id is a name-based UUID of a fixed
 * name, never random, so every deployment and every replay finds the same stream for the same kind.
 */
public enum ReferenceKind {
    AGENCIES("agencies"),
    CATEGORIES("categories"),
    CALENDARS("calendars"),
    SLA_POLICIES("sla-policies"),
    OPEN311_KEYS("open311-keys");

    private final String wireName;
    private final UUID streamId;

    ReferenceKind(String wireName) {
        this.wireName = wireName;
        this.streamId =
                UUID.nameUUIDFromBytes(("complaint-ledger:reference:" + wireName).getBytes(StandardCharsets.UTF_8));
    }

    public String wireName() {
        return wireName;
    }

    /** The stream's id: in an exported envelope it stands where a complaint's id stands. */
    public UUID streamId() {
        return streamId;
    }

    public static Optional<ReferenceKind> fromWireName(String name) {
        return Arrays.stream(values()).filter(k -> k.wireName.equals(name)).findFirst();
    }
}
