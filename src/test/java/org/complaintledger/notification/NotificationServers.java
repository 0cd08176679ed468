package org.complaintledger.notification;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

/**
 * Real providers for the whole suite, on free ports: a GreenMail SMTP server and an HTTP server for the WhatsApp
 * Cloud API and the SMS gateway. Every filing in every test therefore really sends its receipt.
 */
public class NotificationServers implements QuarkusTestResourceLifecycleManager {

    public static final String WHATSAPP_PHONE_NUMBER_ID = "106540352242922";
    public static final String WHATSAPP_TOKEN = "test-access-token-7f3a";
    public static final String SMS_USER = "ledger-sms";
    public static final String SMS_PASSWORD = "rahasia-sms";
    public static final String OPERATOR_EMAIL = "operator@lapor.bengkaliskab.example";
    public static final String OMBUDSMAN_EMAIL = "pengaduan@ombudsman.example";

    public static volatile GreenMail smtp;
    public static volatile ProviderServer http;

    /** Registers the servers for every Quarkus test of the suite, as {@code UsesDatabase} does the database. */
    @QuarkusTestResource(NotificationServers.class)
    public static final class Registration {
        private Registration() {}
    }

    @Override
    public Map<String, String> start() {
        try {
            smtp = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            smtp.start();
            http = new ProviderServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.ofEntries(
                Map.entry("ledger.mail.host", "127.0.0.1"),
                Map.entry("ledger.mail.port", String.valueOf(smtp.getSmtp().getPort())),
                Map.entry("ledger.mail.from", "LAPOR! Bengkalis <lapor@bengkaliskab.example>"),
                Map.entry("ledger.mail.start-tls", "DISABLED"),
                Map.entry("ledger.whatsapp.base-url", http.url("/whatsapp/v21.0")),
                Map.entry("ledger.whatsapp.phone-number-id", WHATSAPP_PHONE_NUMBER_ID),
                Map.entry("ledger.whatsapp.access-token", WHATSAPP_TOKEN),
                Map.entry("ledger.sms.url", http.url("/sms/send")),
                Map.entry("ledger.sms.username", SMS_USER),
                Map.entry("ledger.sms.password", SMS_PASSWORD),
                Map.entry("ledger.notify.operator-email", OPERATOR_EMAIL),
                Map.entry("ledger.notify.ombudsman-email", OMBUDSMAN_EMAIL));
    }

    @Override
    public void stop() {
        if (smtp != null) {
            smtp.stop();
        }
        if (http != null) {
            http.stop();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
