package org.complaintledger.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.complaintledger.privacy.PersonalData;
import org.complaintledger.privacy.PersonalDataVault;
import org.complaintledger.reference.ReferenceViews.ContactView;

/**
 * The contact addresses of agencies and units for alerts (notifications read them here). An address is stored, in
 * the current tables and in the ledger's events alike, only sealed under the data key of its agency or unit
 * ({@link #subject}), as a complainant's personal data is: an officer's own phone number is personal data, and
 * sealing every address spares anyone from judging which are. Destroying that key erases them everywhere.
 */
@Singleton
public class AgencyContacts {

    private final ObjectMapper json = new ObjectMapper();

    @Inject
    PersonalDataVault vault;

    @Inject
    Pool pool;

    /** The data-key subject of an agency's or a unit's contacts. */
    static String subject(boolean unit, String id) {
        return (unit ? "unit-contacts:" : "agency-contacts:") + id;
    }

    /** The agency's (or, given a unit id, the unit's) contacts in clear; empty for an unknown id or erased key. */
    public Uni<List<ContactView>> of(String agencyOrUnitId) {
        return pool.preparedQuery("""
                        SELECT false AS unit, contacts::text AS contacts FROM agencies WHERE id = $1
                        UNION ALL SELECT true, contacts::text FROM agency_units WHERE id = $1""").execute(Tuple.of(agencyOrUnitId)).chain(rows -> {
            if (rows.size() == 0) {
                return Uni.createFrom().item(List.of());
            }
            var row = rows.iterator().next();
            return open(row.getBoolean("unit"), agencyOrUnitId, read(row.getString("contacts")));
        });
    }

    /** Seals each address; the answer is the JSON array stored in the table and carried by the event. */
    Uni<ArrayNode> seal(boolean unit, String id, List<AdminRequests.Contact> contacts) {
        if (contacts == null || contacts.isEmpty()) {
            return Uni.createFrom().item(json.createArrayNode());
        }
        String subject = subject(unit, id);
        return Multi.createFrom()
                .iterable(contacts)
                .onItem()
                .transformToUniAndConcatenate(c -> vault.seal(
                                subject,
                                new PersonalData(
                                        c.label(),
                                        null,
                                        c.kind() == AdminRequests.ContactKind.PHONE ? c.address() : null,
                                        c.kind() == AdminRequests.ContactKind.EMAIL ? c.address() : null,
                                        null))
                        .map(sealedValue -> json.createObjectNode()
                                .put("kind", c.kind().name())
                                .put("sealed", sealedValue)))
                .collect()
                .asList()
                .map(nodes -> {
                    ArrayNode array = json.createArrayNode();
                    nodes.forEach(array::add);
                    return array;
                });
    }

    Uni<List<ContactView>> open(boolean unit, String id, JsonNode stored) {
        if (stored == null || stored.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<JsonNode> items = new ArrayList<>();
        stored.forEach(items::add);
        String subject = subject(unit, id);
        return Multi.createFrom()
                .iterable(items)
                .onItem()
                .transformToUniAndConcatenate(node -> vault.open(
                                subject, node.path("sealed").asText(null))
                        .map(opened -> opened.map(p -> {
                                    AdminRequests.ContactKind kind = AdminRequests.ContactKind.valueOf(
                                            node.path("kind").asText());
                                    return new ContactView(
                                            kind,
                                            kind == AdminRequests.ContactKind.PHONE ? p.phone() : p.email(),
                                            p.name());
                                })
                                .orElse(null)))
                .select()
                .where(java.util.Objects::nonNull)
                .collect()
                .asList();
    }

    JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
