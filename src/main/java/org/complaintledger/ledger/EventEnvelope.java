package org.complaintledger.ledger;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.UUID;

/**
 * One stored event as an auditor sees it: the exact object whose RFC 8785 canonical form is hashed
 * (README, "Hash chain format"). Nothing outside these members is hashed, so tracing metadata and the ledger
 * sequence never change a stream's hashes.
 */
public record EventEnvelope(
        UUID complaintId,
        int version,
        UUID eventId,
        String type,
        int schemaVersion,
        Instant occurredAt,
        Instant recordedAt,
        EventActor actor,
        ObjectNode data,
        String previousHash,
        String hash) {

    /** The previousHash of a stream's first event. */
    public static final String GENESIS_HASH = "0".repeat(64);

    private static final DateTimeFormatter INSTANT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private static final HexFormat HEX = HexFormat.of();

    /**
     * One digest per thread: looking SHA-256 up among the security providers for each hash was most of a short
     * text's cost (every appended event, every link of the global chain).
     */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    });

    public record EventActor(String subject, String role, String agency) {}

    /** An envelope whose hash is computed from its content and its predecessor's hash. */
    public static EventEnvelope sealed(
            UUID complaintId,
            int version,
            UUID eventId,
            String type,
            int schemaVersion,
            Instant occurredAt,
            Instant recordedAt,
            EventActor actor,
            ObjectNode data,
            String previousHash) {
        return sealedForStorage(
                        complaintId,
                        version,
                        eventId,
                        type,
                        schemaVersion,
                        occurredAt,
                        recordedAt,
                        actor,
                        data,
                        previousHash)
                .envelope();
    }

    /**
     * An envelope sealed together with the text its actor and data are stored as. The canonical text hashed is JSON,
     * so writing it once serves the hash and the row, where Jackson wrote the same trees a second time; data whose
     * numbers RFC 8785 would alter (see {@link CanonicalJson#faithful}) is stored as Jackson writes it.
     */
    public record Stored(EventEnvelope envelope, String actorJson, String dataJson) {}

    /** As {@link #sealed}, with the stored text of the actor and the data. */
    public static Stored sealedForStorage(
            UUID complaintId,
            int version,
            UUID eventId,
            String type,
            int schemaVersion,
            Instant occurredAt,
            Instant recordedAt,
            EventActor actor,
            ObjectNode data,
            String previousHash) {
        EventEnvelope unsealed = new EventEnvelope(
                complaintId,
                version,
                eventId,
                type,
                schemaVersion,
                millis(occurredAt),
                millis(recordedAt),
                actor,
                data,
                previousHash,
                null);
        String actorJson = CanonicalJson.of(unsealed.actorObject());
        String canonicalData = CanonicalJson.faithful(data);
        if (canonicalData == null) {
            return new Stored(unsealed.withHash(unsealed.computeHash()), actorJson, data.toString());
        }
        return new Stored(
                unsealed.withHash(sha256Hex(unsealed.canonicalWith(actorJson, canonicalData))),
                actorJson,
                canonicalData);
    }

    /**
     * {@code canonical(hashedObject())} from the canonical text of the actor and the data: the members written in
     * RFC 8785's order, their names sorted ({@code CanonicalJsonTest} holds the two equal).
     */
    String canonicalWith(String actorJson, String dataJson) {
        return new StringBuilder(320 + dataJson.length())
                .append("{\"actor\":")
                .append(actorJson)
                .append(",\"complaintId\":")
                .append(CanonicalJson.text(complaintId.toString()))
                .append(",\"data\":")
                .append(dataJson)
                .append(",\"eventId\":")
                .append(CanonicalJson.text(eventId.toString()))
                .append(",\"occurredAt\":")
                .append(CanonicalJson.text(format(occurredAt)))
                .append(",\"previousHash\":")
                .append(CanonicalJson.text(previousHash))
                .append(",\"recordedAt\":")
                .append(CanonicalJson.text(format(recordedAt)))
                .append(",\"schemaVersion\":")
                .append(CanonicalJson.integer(schemaVersion))
                .append(",\"type\":")
                .append(CanonicalJson.text(type))
                .append(",\"version\":")
                .append(CanonicalJson.integer(version))
                .append('}')
                .toString();
    }

    /** Instants in the envelope carry exactly millisecond precision, as the hashed text does. */
    public static Instant millis(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }

    public static String format(Instant instant) {
        return INSTANT.format(instant);
    }

    /** The members that are hashed, in JSON; canonical ordering is the canonicalizer's job. */
    public ObjectNode hashedObject() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("complaintId", complaintId.toString());
        node.put("version", version);
        node.put("eventId", eventId.toString());
        node.put("type", type);
        node.put("schemaVersion", schemaVersion);
        node.put("occurredAt", format(occurredAt));
        node.put("recordedAt", format(recordedAt));
        node.set("actor", actorObject());
        node.set("data", data);
        node.put("previousHash", previousHash);
        return node;
    }

    /** The actor as hashed and stored. */
    public ObjectNode actorObject() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("subject", actor.subject());
        node.put("role", actor.role());
        node.put("agency", actor.agency());
        return node;
    }

    public String computeHash() {
        return sha256Hex(canonical(hashedObject()));
    }

    public EventEnvelope withHash(String newHash) {
        return new EventEnvelope(
                complaintId,
                version,
                eventId,
                type,
                schemaVersion,
                occurredAt,
                recordedAt,
                actor,
                data,
                previousHash,
                newHash);
    }

    /** RFC 8785, held to the reference implementation by {@code CanonicalJsonTest}. */
    public static String canonical(ObjectNode node) {
        return CanonicalJson.of(node);
    }

    public static String sha256Hex(String text) {
        // digest() leaves the digest reset for the next use
        return HEX.formatHex(SHA256.get().digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
