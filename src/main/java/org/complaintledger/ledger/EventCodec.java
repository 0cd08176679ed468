package org.complaintledger.ledger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.UUID;
import org.complaintledger.ledger.EventEnvelope.EventActor;

/**
 * Maps domain events to their stored form and back. The stored type name and schema version come from a registry,
 * never from a class name, so renaming a record never breaks the ledger; older schema versions are upcast here.
 */
public interface EventCodec {

    record Encoded(
            UUID streamId, String type, int schemaVersion, Instant occurredAt, EventActor actor, ObjectNode data) {}

    Encoded encode(Object event);

    Object decode(EventEnvelope envelope);
}
