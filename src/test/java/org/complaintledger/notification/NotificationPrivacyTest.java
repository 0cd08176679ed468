package org.complaintledger.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.complaintledger.support.Api.post;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import org.complaintledger.support.ReadSide;
import org.complaintledger.support.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contacts are given, used and never kept in clear: after filings told on e-mail, WhatsApp and SMS, a plain-text
 * search of every table, of every log record written meanwhile and of /q/metrics finds none of them (in any of the
 * forms they were sent in), while the messages really went out.
 */
@QuarkusTest
class NotificationPrivacyTest {

    private static final String NAME = "Wulan Rahasiawati";
    private static final String NIK = "1403017777000123";
    private static final String EMAIL = "wulan.rahasia.7731@warga.example";
    private static final String PHONE = "+62 812 7731 4490";
    private static final String PHONE_INTERNATIONAL = "6281277314490";
    private static final String PHONE_NATIONAL = "081277314490";
    private static final String SMS_PHONE = "0813 7731 5561";
    private static final String SMS_PHONE_INTERNATIONAL = "6281377315561";

    private static final List<String> CONTACT_DETAILS = List.of(
            NAME,
            NIK,
            EMAIL,
            "wulan.rahasia",
            PHONE,
            PHONE_INTERNATIONAL,
            PHONE_NATIONAL,
            "7731 4490",
            "77314490",
            SMS_PHONE,
            SMS_PHONE_INTERNATIONAL,
            "77315561");

    @Inject
    Pool pool;

    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            // the test's SMTP server logs the mailboxes it creates: that is the provider's side, not the service's
            if (record.getLoggerName() != null && record.getLoggerName().startsWith("com.icegreen")) {
                return;
            }
            StringBuilder text = new StringBuilder(String.valueOf(record.getMessage()));
            if (record.getParameters() != null) {
                for (Object parameter : record.getParameters()) {
                    text.append(' ').append(parameter);
                }
            }
            for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
                text.append(' ').append(t);
            }
            logged.add(text.toString());
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void captureLogs() {
        java.util.logging.Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        java.util.logging.Logger.getLogger("").removeHandler(capture);
    }

    private static String filing(String channel, String contacts, String notify) {
        return """
                {"title":"Pungli pembuatan KTP","description":"Diminta membayar di loket.","reportType":"COMPLAINT",
                 "category":"EXTORTION","channel":"%s","anonymous":true,
                 "complainant":{"name":"%s","nationalId":"%s",%s}%s}""".formatted(channel, NAME, NIK, contacts, notify == null ? "" : ",\"notify\":\"" + notify + "\"");
    }

    @Test
    void no_table_log_line_or_metric_holds_a_complainants_contact_details_after_they_were_told() {
        String byEmail = post(
                        Tokens.citizen("warga-privasi"),
                        "/api/complaints",
                        filing("WEB", "\"email\":\"" + EMAIL + "\",\"phone\":\"" + PHONE + "\"", null))
                .statusCode(201)
                .extract()
                .path("id");
        String byWhatsApp = post(
                        Tokens.citizen("warga-privasi"),
                        "/api/complaints",
                        filing("MOBILE_APP", "\"phone\":\"" + PHONE + "\"", "WHATSAPP"))
                .statusCode(201)
                .extract()
                .path("id");
        // a failing try too: its error is kept and logged, and must not quote the address either. Scripted before the
        // filing: the projection decides and the sender sends within milliseconds of it, before a later line ran
        NotificationServers.http.script(SMS_PHONE_INTERNATIONAL, 500);
        String bySms = post(
                        Tokens.citizen("warga-privasi-sms"),
                        "/api/complaints",
                        filing("WEB", "\"phone\":\"" + SMS_PHONE + "\"", "SMS"))
                .statusCode(201)
                .extract()
                .path("id");
        post(
                        Tokens.operator(),
                        "/api/complaints/" + byEmail + "/dispatch",
                        "{\"agencyId\":\"dinas-pupr\",\"note\":\"cek\"}")
                .statusCode(200);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> sent(byEmail) >= 2 && sent(byWhatsApp) == 1 && sent(bySms) == 1);
        ReadSide.caughtUp(pool);

        // they really went out, in clear, to the providers: the search below would find them if they were kept
        assertThat(NotificationServers.http.receivedContaining(PHONE_INTERNATIONAL))
                .isNotEmpty();
        assertThat(NotificationServers.http.receivedContaining(SMS_PHONE_INTERNATIONAL))
                .hasSizeGreaterThanOrEqualTo(2);
        assertThat(java.util.Arrays.stream(NotificationServers.smtp.getReceivedMessages())
                        .anyMatch(m -> recipients(m).contains(EMAIL)))
                .isTrue();

        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("ledger_notification_sent_total");
        List<String> leaks = new ArrayList<>();
        for (String detail : CONTACT_DETAILS) {
            tablesContaining(detail).forEach(table -> leaks.add(detail + " in table " + table));
            logged.stream()
                    .filter(line -> line.contains(detail))
                    .forEach(line -> leaks.add(detail + " in log: " + line));
            if (metrics.contains(detail)) {
                leaks.add(detail + " in /q/metrics");
            }
        }
        assertThat(logged).as("the capture saw the sender's log lines").anyMatch(l -> l.contains("failed (try 1)"));
        assertThat(leaks).isEmpty();
    }

    private static String recipients(jakarta.mail.internet.MimeMessage message) {
        try {
            return java.util.Arrays.toString(message.getAllRecipients());
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private long sent(String complaintId) {
        return pool.preparedQuery("SELECT count(*) FROM deliveries WHERE complaint_id = $1 AND status = 'SENT'")
                .execute(Tuple.of(UUID.fromString(complaintId)))
                .toCompletionStage()
                .toCompletableFuture()
                .join()
                .iterator()
                .next()
                .getLong(0);
    }

    /** The tables whose rows, read as text, contain the value: a plain-text search of the whole schema. */
    private List<String> tablesContaining(String value) {
        var tables = pool.query("""
                        SELECT quote_ident(table_name) AS name FROM information_schema.tables
                         WHERE table_schema = 'public' AND table_type = 'BASE TABLE'""")
                .execute()
                .toCompletionStage()
                .toCompletableFuture()
                .join();
        List<String> found = new ArrayList<>();
        for (var table : tables) {
            String name = table.getString("name");
            var hits = pool.preparedQuery("SELECT count(*) FROM " + name + " t WHERE strpos(t::text, $1) > 0")
                    .execute(Tuple.of(value))
                    .toCompletionStage()
                    .toCompletableFuture()
                    .join();
            if (hits.iterator().next().getLong(0) > 0) {
                found.add(name);
            }
        }
        return found;
    }
}
