package org.complaintledger.notification;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.UUID;
import org.complaintledger.complaint.Channel;
import org.complaintledger.complaint.NotifyChannel;
import org.complaintledger.complaint.handling.Filing;
import org.complaintledger.complaint.handling.FilingStep;
import org.complaintledger.database.StatementBatcher;
import org.complaintledger.privacy.PersonalData;

/**
 * A complainant's choice of channel and language, recorded as a step of every filing (the REST API, Open311, the demo
 * data: {@link Filing} runs it just before the submission is appended). Kept here rather than in
 * {@code complaint.submitted}: how someone wants to be told is a delivery setting that may change, not a fact of the
 * complaint's handling, and keeping it out of the event spares the event a new schema version and the decider a field
 * it never reads. The row is written first, so the delivery processor always finds it when it reads the submission; a
 * filing that then fails leaves an orphan row that nothing reads. A filing that chose nothing (Open311, say) gets
 * the channel its contacts allow ({@link Decisions#channelFor}).
 */
@Singleton
public class NotificationPreferences implements FilingStep {

    private static final String INSERT = """
            INSERT INTO notification_preferences (complaint_id, channel, language, masked_address)
            VALUES ($1, $2, $3, $4) ON CONFLICT (complaint_id) DO NOTHING""";

    /** Every filing writes a row: concurrent filings' rows go out in one round trip (issue 20). */
    private final StatementBatcher inserts;

    @Inject
    NotificationPreferences(Pool pool) {
        this.inserts = new StatementBatcher(pool.getDelegate(), INSERT, 64);
    }

    @Override
    public Uni<Void> beforeSubmit(UUID complaintId, Filing.Application application) {
        PersonalData person = application.complainant();
        return record(
                complaintId,
                application.notifyBy(),
                application.language(),
                application.channel(),
                person == null ? null : person.email(),
                person == null ? null : person.phone());
    }

    /** The plain contacts are used here only to choose the channel and mask the address; they are not stored. */
    public Uni<Void> record(
            UUID complaintId, NotifyChannel notify, String language, Channel cameThrough, String email, String phone) {
        boolean hasEmail = email != null && !email.isBlank();
        boolean hasPhone = phone != null && !phone.isBlank();
        DeliveryChannel channel = Decisions.channelFor(notify, cameThrough, hasEmail, hasPhone);
        String masked =
                channel == null ? null : channel == DeliveryChannel.EMAIL ? Masking.email(email) : Masking.phone(phone);
        return inserts.execute(Tuple.of(
                complaintId,
                channel == null ? NotifyChannel.NONE.name() : channel.name(),
                Language.of(language).code(),
                masked));
    }
}
