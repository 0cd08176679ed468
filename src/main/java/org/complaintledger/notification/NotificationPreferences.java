package org.complaintledger.notification;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.complaintledger.complaint.Channel;

import java.util.UUID;

/**
 * A complainant's choice of channel and language, recorded by the filing edge just before the submission is appended.
 * Kept here rather than in {@code complaint.submitted}: how someone wants to be told is a delivery setting that may
 * change, not a fact of the complaint's handling, and keeping it out of the event spares the event a new schema
 * version and the decider a field it never reads. The row is written first, so the delivery processor always finds
 * it when it reads the submission; a filing that then fails leaves an orphan row that nothing reads.
 */
@ApplicationScoped
public class NotificationPreferences {

    @Inject
    Pool pool;

    /** The plain contacts are used here only to choose the channel and mask the address; they are not stored. */
    public Uni<Void> record(UUID complaintId, NotifyChannel notify, String language, Channel cameThrough,
                            String email, String phone) {
        boolean hasEmail = email != null && !email.isBlank();
        boolean hasPhone = phone != null && !phone.isBlank();
        DeliveryChannel channel = Decisions.channelFor(notify, cameThrough, hasEmail, hasPhone);
        String masked = channel == null ? null
                : channel == DeliveryChannel.EMAIL ? Masking.email(email) : Masking.phone(phone);
        return pool.preparedQuery("""
                        INSERT INTO notification_preferences (complaint_id, channel, language, masked_address)
                        VALUES ($1, $2, $3, $4) ON CONFLICT (complaint_id) DO NOTHING""")
                .execute(Tuple.of(complaintId, channel == null ? NotifyChannel.NONE.name() : channel.name(),
                        Language.of(language).code(), masked))
                .replaceWithVoid();
    }

    /** A chosen channel needs the matching contact: null when it is there, else what is missing. */
    public static String missingContact(NotifyChannel notify, String email, String phone) {
        if (notify == NotifyChannel.EMAIL && (email == null || email.isBlank())) {
            return "notify EMAIL needs complainant.email";
        }
        if ((notify == NotifyChannel.WHATSAPP || notify == NotifyChannel.SMS) && (phone == null || phone.isBlank())) {
            return "notify " + notify + " needs complainant.phone";
        }
        return null;
    }
}
