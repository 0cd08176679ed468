package org.complaintledger.notification.channel;

import io.smallrye.mutiny.Uni;
import io.vertx.core.MultiMap;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.mail.MailClient;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import org.complaintledger.notification.DeliveryChannel;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * E-mail over SMTP with the Vert.x mail client ({@code ledger.mail.*}). SMTP has no idempotency key; the delivery id
 * travels in a header, so a mailbox rule or a support person can tell a retried message from a new one.
 *
 * <p>The client is the one Quarkus Mailer wraps. The extension itself is not used: it brings Qute's extension, whose
 * dev-mode-only debugger artifact the build's repository does not serve, so {@code ./mvnw quarkus:dev} could not
 * start; and the ledger needs none of its templating or mocking (tests send to a real SMTP server).
 */
@Singleton
public class EmailChannel implements ChannelAdapter {

    public static final String DELIVERY_ID_HEADER = "X-Ledger-Delivery-Id";

    private static final Logger LOG = Logger.getLogger(EmailChannel.class);

    @Inject
    Vertx vertx;

    @ConfigProperty(name = "ledger.mail.from")
    Optional<String> from;

    @ConfigProperty(name = "ledger.mail.host", defaultValue = "localhost")
    String host;

    @ConfigProperty(name = "ledger.mail.port", defaultValue = "25")
    int port;

    @ConfigProperty(name = "ledger.mail.username")
    Optional<String> username;

    @ConfigProperty(name = "ledger.mail.password")
    Optional<String> password;

    /** Implicit TLS from the first byte (port 465). */
    @ConfigProperty(name = "ledger.mail.tls", defaultValue = "false")
    boolean tls;

    /** STARTTLS on a plain connection: DISABLED, OPTIONAL or REQUIRED. */
    @ConfigProperty(name = "ledger.mail.start-tls", defaultValue = "OPTIONAL")
    StartTLSOptions startTls;

    @ConfigProperty(name = "ledger.notify.http-timeout", defaultValue = "PT10S")
    Duration timeout;

    private volatile MailClient client;

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
        return enabled() ? "on, SMTP server " + host + ":" + port : "off: set ledger.mail.from and ledger.mail.host";
    }

    @Override
    public Uni<Void> send(OutgoingMessage message) {
        MailMessage mail = new MailMessage()
                .setFrom(from.orElseThrow())
                .setTo(message.address())
                .setSubject(message.subject())
                .setText(message.body())
                .setHeaders(MultiMap.caseInsensitiveMultiMap()
                        .add(DELIVERY_ID_HEADER, message.deliveryId().toString()));
        return client().sendMail(mail)
                .replaceWithVoid()
                .ifNoItem()
                .after(timeout.multipliedBy(3))
                .failWith(() -> new SendFailure("timeout"))
                // an SMTP server's reply may quote the address: keep only what kind of failure it was
                .onFailure(f -> !(f instanceof SendFailure))
                .transform(f -> new SendFailure("SMTP failure (" + f.getClass().getSimpleName() + ")"));
    }

    private MailClient client() {
        MailClient current = client;
        if (current == null) {
            synchronized (this) {
                if (client == null) {
                    client = MailClient.createShared(vertx, config(), "ledger-mail");
                }
                current = client;
            }
        }
        return current;
    }

    private MailConfig config() {
        MailConfig config = new MailConfig()
                .setHostname(host)
                .setPort(port)
                .setSsl(tls)
                .setStarttls(startTls)
                .setConnectTimeout((int) timeout.toMillis());
        username.ifPresent(config::setUsername);
        password.ifPresent(config::setPassword);
        return config;
    }

    @PreDestroy
    void close() {
        if (client != null) {
            // bounded: a close that never completes must not hold the service's stop forever
            try {
                client.close().await().atMost(timeout);
            } catch (RuntimeException e) {
                LOG.warnf("the SMTP client did not close within %s (%s); stopping anyway", timeout, e);
            }
        }
    }
}
