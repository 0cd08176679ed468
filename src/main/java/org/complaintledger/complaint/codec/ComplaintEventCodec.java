package org.complaintledger.complaint.codec;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import java.util.List;
import org.complaintledger.complaint.Actor;
import org.complaintledger.complaint.ComplaintEvent;
import org.complaintledger.complaint.ComplaintEventType;
import org.complaintledger.complaint.Role;
import org.complaintledger.ledger.EventCodec;
import org.complaintledger.ledger.EventEnvelope;
import org.complaintledger.ledger.EventEnvelope.EventActor;
import org.complaintledger.ledger.EventSchemas;

/**
 * Complaint events in their stored form: the envelope carries the complaint id, occurred-at and actor, and
 * {@code data} holds the rest of the record. Type names and versions come from {@link ComplaintEventType}. New events
 * are written at their type's current schema version; older stored ones are read through {@link ComplaintUpcasters}.
 *
 * <p>A codec made with {@link EventSchemas} checks every payload it encodes against the published schema of its
 * type and version, and refuses one that breaks it, so the command that produced it fails before anything is
 * written. The tests run the service that way ({@code ledger.events.validate-schemas}); production does not pay for
 * checking what the tests have checked.
 */
public final class ComplaintEventCodec implements EventCodec {

    private static final List<String> ENVELOPE_MEMBERS = List.of("complaintId", "occurredAt", "actor");

    private final ObjectMapper json = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(new BlackbirdModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // every member is written, null or not: one missing from stored data means an older schema version
            // that no upcaster brought up to date, which must fail rather than read as a silent null
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .build();
    private final EventSchemas schemas;

    /** A codec that writes what the records say, unchecked. */
    public ComplaintEventCodec() {
        this(null);
    }

    /** A codec that refuses to encode a payload that does not conform to its published schema. */
    public ComplaintEventCodec(EventSchemas schemas) {
        this.schemas = schemas;
        if (schemas != null) {
            // a missing or broken schema stops the service at start, not at some later command of that type
            for (ComplaintEventType type : ComplaintEventType.values()) {
                schemas.schema(type.wireName(), type.schemaVersion());
            }
        }
    }

    @Override
    public Encoded encode(Object payload) {
        if (!(payload instanceof ComplaintEvent event)) {
            throw new IllegalArgumentException(
                    "not a complaint event: " + payload.getClass().getName());
        }
        ComplaintEventType type = event.eventType();
        ObjectNode data = json.valueToTree(event);
        ENVELOPE_MEMBERS.forEach(data::remove);
        if (schemas != null) {
            schemas.check(type.wireName(), type.schemaVersion(), data);
        }
        return new Encoded(
                event.complaintId(),
                type.wireName(),
                type.schemaVersion(),
                EventEnvelope.millis(event.occurredAt()),
                actorOf(event.actor()),
                data);
    }

    @Override
    public ComplaintEvent decode(EventEnvelope envelope) {
        ComplaintEventType type = ComplaintEventType.fromWireName(envelope.type())
                .orElseThrow(() -> new IllegalStateException("unknown stored event type " + envelope.type()));
        if (envelope.schemaVersion() > type.schemaVersion()) {
            throw new IllegalStateException("stored " + envelope.type() + " v" + envelope.schemaVersion()
                    + " was written by a newer release; this one reads up to v" + type.schemaVersion());
        }
        // the envelope's members are added at the top level only, and the record is read from the tree without
        // changing it: an event stored at the current version needs a copy of the top level, not of the whole tree
        // (the deep copy of every event's data was a tenth to a fifth of the decoding in bench/readside.sh's profile);
        // an upcaster edits the tree, so an older event is still copied whole
        ObjectNode node = envelope.schemaVersion() == type.schemaVersion()
                ? json.createObjectNode().setAll(envelope.data())
                : ComplaintUpcasters.upcast(
                        envelope.type(), envelope.schemaVersion(), type.schemaVersion(), envelope.data());
        // the envelope's members go in as the values the record holds, which Jackson takes as they are: printing
        // them to text only to parse them back (the instant's parse above all) was a third of a projection build's
        // decoding (bench/rebuild.sh's profile, BENCHMARKS.md session 6); the instant is cut to milliseconds as its
        // printed form was
        node.putPOJO("complaintId", envelope.complaintId());
        node.putPOJO("occurredAt", EventEnvelope.millis(envelope.occurredAt()));
        node.putPOJO("actor", toActor(envelope.actor()));
        try {
            return json.treeToValue(node, type.recordType());
        } catch (Exception e) {
            throw new IllegalStateException("stored " + envelope.type() + " does not read as its record", e);
        }
    }

    public static EventActor actorOf(Actor actor) {
        return new EventActor(actor.subject(), actor.role().wireName(), actor.agency());
    }

    public static Actor toActor(EventActor actor) {
        return new Actor(actor.subject(), Role.fromWireName(actor.role()), actor.agency());
    }
}
