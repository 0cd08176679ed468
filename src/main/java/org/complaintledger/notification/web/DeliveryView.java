package org.complaintledger.notification.web;

import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A delivery as staff see it: who (a complainant is named only as such), on which channel, the masked address, and
 * how sending went. Never the address itself.
 */
public record DeliveryView(
        UUID id,
        UUID complaintId,
        String eventType,
        String recipient,
        String channel,
        String message,
        String maskedAddress,
        String status,
        int attempts,
        String lastError,
        Instant decidedAt,
        Instant nextAttemptAt,
        Instant sentAt) {

    static final String COLUMNS = """
            id, complaint_id, event_type, recipient, channel, message, masked_address, status, attempts, last_error,
            created_at, next_attempt_at, sent_at""";

    static DeliveryView of(Row row) {
        String recipient = row.getString("recipient");
        return new DeliveryView(
                row.getUUID("id"),
                row.getUUID("complaint_id"),
                row.getString("event_type"),
                recipient.startsWith("complainant:") ? "complainant" : recipient,
                row.getString("channel"),
                row.getString("message"),
                row.getString("masked_address"),
                row.getString("status"),
                row.getInteger("attempts"),
                row.getString("last_error"),
                instant(row.getOffsetDateTime("created_at")),
                "SENT".equals(row.getString("status")) ? null : instant(row.getOffsetDateTime("next_attempt_at")),
                instant(row.getOffsetDateTime("sent_at")));
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
