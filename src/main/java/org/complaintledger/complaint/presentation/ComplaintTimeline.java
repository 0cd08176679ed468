package org.complaintledger.complaint.presentation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.complaintledger.ledger.EventEnvelope;
import org.complaintledger.ledger.LedgerEntry;

/**
 * A page of the audit timeline of one complaint: its events in version order with the hashes that chain them, and the
 * {@code after} of the next page ({@code nextCursor}, null after the last).
 */
public record ComplaintTimeline(UUID complaintId, List<Entry> events, String nextCursor) {

    public record Entry(
            UUID eventId,
            int version,
            Long ledgerSeq,
            String type,
            int schemaVersion,
            Instant occurredAt,
            Instant recordedAt,
            EventEnvelope.EventActor actor,
            ObjectNode data,
            String hash,
            String previousHash,
            // WHATSAPP or SMS_1708 for a complainant's step taken in a chat (intake/); absent for the API
            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
            String channel,
            // a complainant's step the operator recorded for them; absent for every step taken by its own actor
            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
            OnBehalf onBehalf) {}

    /**
     * Who recorded a complainant's step for them, for whom, and how the complainant asked. Staff read the operator as
     * the entry's actor and the complainant here as {@code principal}; the complainant reads the step as their own
     * (the entry's actor) and the operator here as {@code recordedBy}, by role only.
     */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record OnBehalf(EventEnvelope.EventActor recordedBy, EventEnvelope.EventActor principal, String via) {}

    private static final String PRINCIPAL = "principal";

    /** The stored principal of a complainant's step recorded by the operator: its subject and how they asked. */
    private static JsonNode principalOf(EventEnvelope e) {
        JsonNode principal = e.data().path(PRINCIPAL);
        return principal.isObject() ? principal : null;
    }

    /** Events that are staff talking to staff as a whole: the complainant's timeline leaves them out. */
    private static final Set<String> INTERNAL_EVENTS =
            Set.of("complaint.extension-requested", "complaint.extension-decided");

    /** Members of an event's data that are internal notes (DOMAIN.md: audiences), removed for the complainant. */
    private static final Map<String, List<String>> INTERNAL_MEMBERS = Map.of(
            "complaint.dispatched", List.of("note"),
            "complaint.redispatched", List.of("note"),
            "complaint.declined-by-agency", List.of("reason", "suggestedAgencyId"));

    /**
     * The complainant's timeline: public entries only, and staff named by role and agency, never by subject id. The
     * hashes stay those of the stored events; an auditor verifies the full export, not this view.
     */
    public static ComplaintTimeline forComplainant(UUID complaintId, List<LedgerEntry> entries, String nextCursor) {
        return new ComplaintTimeline(
                complaintId,
                entries.stream()
                        .filter(entry -> isPublic(entry.envelope()))
                        .map(entry -> {
                            EventEnvelope e = entry.envelope();
                            ObjectNode data = e.data().deepCopy();
                            INTERNAL_MEMBERS.getOrDefault(e.type(), List.of()).forEach(data::remove);
                            data.remove(PRINCIPAL);
                            EventEnvelope.EventActor actor = e.actor();
                            boolean staff =
                                    !Objects.equals(actor.role(), "citizen") && !Objects.equals(actor.role(), "system");
                            EventEnvelope.EventActor shown =
                                    staff ? new EventEnvelope.EventActor(null, actor.role(), actor.agency()) : actor;
                            JsonNode principal = principalOf(e);
                            OnBehalf onBehalf = null;
                            if (principal != null) {
                                // the complainant's own step, recorded for them: theirs, with who wrote it down
                                shown = new EventEnvelope.EventActor(
                                        principal.path("subject").asText(), "citizen", null);
                                onBehalf = new OnBehalf(
                                        new EventEnvelope.EventActor(null, actor.role(), null),
                                        null,
                                        principal.path("via").asText());
                            }
                            return new Entry(
                                    e.eventId(),
                                    e.version(),
                                    null,
                                    e.type(),
                                    e.schemaVersion(),
                                    e.occurredAt(),
                                    e.recordedAt(),
                                    shown,
                                    data,
                                    e.hash(),
                                    e.previousHash(),
                                    entry.channel(),
                                    onBehalf);
                        })
                        .toList(),
                nextCursor);
    }

    /** Members that name or hold the complainant: an agency works the complaint, not the person (DOMAIN.md). */
    private static final Map<String, List<String>> COMPLAINANT_MEMBERS = Map.of(
            "complaint.submitted", List.of("complainantId", "sealedComplainant"),
            "complaint.personal-data-erased", List.of("complainantId"));

    /**
     * The assigned agency's timeline: every note addressed to staff (the operator's dispatch note, an earlier agency's
     * decline reason, the complainant's objection), but nothing that names the complainant: not their subject id as
     * the actor of their own steps, nor the sealed personal data, whether or not the complaint is anonymous. An
     * officer who may contact a known complainant reads the name from the complaint's view, which decides that.
     */
    public static ComplaintTimeline forAgency(UUID complaintId, List<LedgerEntry> entries, String nextCursor) {
        return new ComplaintTimeline(
                complaintId,
                entries.stream()
                        .map(entry -> {
                            EventEnvelope e = entry.envelope();
                            ObjectNode data = e.data().deepCopy();
                            COMPLAINANT_MEMBERS
                                    .getOrDefault(e.type(), List.of())
                                    .forEach(data::remove);
                            data.remove(PRINCIPAL);
                            EventEnvelope.EventActor actor = e.actor();
                            EventEnvelope.EventActor shown = Objects.equals(actor.role(), "citizen")
                                    ? new EventEnvelope.EventActor(null, actor.role(), null)
                                    : actor;
                            JsonNode principal = principalOf(e);
                            // the complainant by role only, as on their own steps
                            OnBehalf onBehalf = principal == null
                                    ? null
                                    : new OnBehalf(
                                            null,
                                            new EventEnvelope.EventActor(null, "citizen", null),
                                            principal.path("via").asText());
                            return new Entry(
                                    e.eventId(),
                                    e.version(),
                                    entry.ledgerSeq(),
                                    e.type(),
                                    e.schemaVersion(),
                                    e.occurredAt(),
                                    e.recordedAt(),
                                    shown,
                                    data,
                                    e.hash(),
                                    e.previousHash(),
                                    entry.channel(),
                                    onBehalf);
                        })
                        .toList(),
                nextCursor);
    }

    /** The full timeline's note: the complainant named by subject as principal, the operator as the entry's actor. */
    private static OnBehalf staffView(EventEnvelope e) {
        JsonNode principal = principalOf(e);
        return principal == null
                ? null
                : new OnBehalf(
                        null,
                        new EventEnvelope.EventActor(principal.path("subject").asText(), "citizen", null),
                        principal.path("via").asText());
    }

    private static boolean isPublic(EventEnvelope e) {
        if (INTERNAL_EVENTS.contains(e.type())) {
            return false;
        }
        return !"complaint.message-posted".equals(e.type())
                || "PUBLIC".equals(e.data().path("audience").asText());
    }

    /** {@code ledgerSeq} is null until the sequencer has reached the event, shortly after it commits. */
    public static ComplaintTimeline of(UUID complaintId, List<LedgerEntry> entries, String nextCursor) {
        return new ComplaintTimeline(
                complaintId,
                entries.stream()
                        .map(entry -> {
                            EventEnvelope e = entry.envelope();
                            return new Entry(
                                    e.eventId(),
                                    e.version(),
                                    entry.ledgerSeq(),
                                    e.type(),
                                    e.schemaVersion(),
                                    e.occurredAt(),
                                    e.recordedAt(),
                                    e.actor(),
                                    e.data(),
                                    e.hash(),
                                    e.previousHash(),
                                    entry.channel(),
                                    staffView(e));
                        })
                        .toList(),
                nextCursor);
    }
}
