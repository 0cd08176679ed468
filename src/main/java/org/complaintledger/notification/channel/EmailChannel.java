package org.complaintledger.notification.channel;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.complaintledger.notification.DeliveryChannel;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * E-mail over SMTP with Quarkus Mailer ({@code quarkus.mailer.*}). SMTP has no idempotency key; the delivery id
 * travels in a header, so a mailbox rule or a support person can tell a retried message from a new one.
 */
@ApplicationScoped
public class EmailChannel implements ChannelAdapter {

    public static final String DELIVERY_ID_HEADER = "X-Ledger-Delivery-Id";

    @Inject
    ReactiveMailer mailer;

    @ConfigProperty(name = "quarkus.mailer.from")
    Optional<String> from;

    @ConfigProperty(name = "quarkus.mailer.host", defaultValue = "localhost")
    String host;

    @ConfigProperty(name = "ledger.notify.http-timeout", defaultValue = "PT10S")
    Duration timeout;

    @Override
    public DeliveryChannel channel() {
        return DeliveryChannel.EMAIL;
    }

    @Override
    public boolean enabled() {
        return from.isPresent();
    }

    @Override
    public String status() {
        return enabled() ? "on, SMTP server " + host : "off: set quarkus.mailer.from and quarkus.mailer.host";
    }

    @Override
    public Uni<Void> send(OutgoingMessage message) {
        Mail mail = Mail.withText(message.address(), message.subject(), message.body())
                .addHeader(DELIVERY_ID_HEADER, message.deliveryId().toString());
        return mailer.send(mail)
                .ifNoItem()
                .after(timeout.multipliedBy(3))
                .failWith(() -> new SendFailure("timeout"))
                // an SMTP server's reply may quote the address: keep only what kind of failure it was
                .onFailure(f -> !(f instanceof SendFailure))
                .transform(f -> new SendFailure("SMTP failure (" + f.getClass().getSimpleName() + ")"));
    }
}
