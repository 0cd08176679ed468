package org.complaintledger.notification;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.complaintledger.privacy.PersonalDataVault;
import org.jboss.logging.Logger;

/**
 * WhatsApp's customer-service window: for 24 hours after a person writes to a business, the business may answer
 * with any message (free text, an interactive message with reply buttons); outside it, only with a template approved
 * by Meta, which Meta otherwise refuses. Intake records every WhatsApp message's arrival here, by the sender's
 * pseudonymous subject; the sender reads it when it claims a delivery ({@code whatsapp_windows}, V33).
 */
@Singleton
public class CustomerServiceWindows {

    private static final Logger LOG = Logger.getLogger(CustomerServiceWindows.class);

    @Inject
    Pool pool;

    /** {@code subject} just wrote on WhatsApp: their window opens again for 24 hours from now. */
    public Uni<Void> opened(String subject) {
        return pool.preparedQuery("""
                        INSERT INTO whatsapp_windows (subject, last_inbound_at) VALUES ($1, now())
                        ON CONFLICT (subject) DO UPDATE
                           SET last_inbound_at = greatest(whatsapp_windows.last_inbound_at, excluded.last_inbound_at)""").execute(Tuple.of(subject)).replaceWithVoid();
    }

    /** An erased subject's trace of when they last wrote goes with their key. */
    void onKeyDestroyed(@Observes PersonalDataVault.DataKeyDestroyed destroyed) {
        pool.preparedQuery("DELETE FROM whatsapp_windows WHERE subject = $1")
                .execute(Tuple.of(destroyed.subject()))
                .subscribe()
                .with(rows -> {}, failure -> LOG.warn("Could not delete an erased subject's WhatsApp window", failure));
    }
}
