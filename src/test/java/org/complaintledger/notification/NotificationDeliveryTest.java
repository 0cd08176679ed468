package org.complaintledger.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.complaintledger.support.Api.as;
import static org.complaintledger.support.Api.post;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.complaintledger.notification.channel.EmailChannel;
import org.complaintledger.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * Notifications end to end against real providers started for the suite (NotificationServers): GreenMail for SMTP,
 * an HTTP server for the WhatsApp Cloud API and the SMS gateway.
 */
@QuarkusTest
class NotificationDeliveryTest {

    private static final AtomicInteger SEQUENCE = new AtomicInteger((int) (System.nanoTime() % 9000));

    @Inject
    Pool pool;

    private final ObjectMapper json = new ObjectMapper();

    /** A phone number no other test uses, so the provider's records can be read by it. */
    static String uniquePhone() {
        return "+62 813 5%03d %04d".formatted(SEQUENCE.incrementAndGet() % 1000, (int) (System.nanoTime() % 10000));
    }

    static String uniqueEmail(String who) {
        return who + "." + SEQUENCE.incrementAndGet() + "@warga.example";
    }

    static String filing(String channel, String email, String phone, String notify, String language) {
        String contacts = (email == null ? "" : ",\"email\":\"" + email + "\"")
                + (phone == null ? "" : ",\"phone\":\"" + phone + "\"");
        return """
                {"title":"Jembatan kayu rapuh","description":"Papan jembatan di Desa Kelapapati patah.",
                 "reportType":"COMPLAINT","category":"INFRASTRUCTURE","channel":"%s",
                 "complainant":{"name":"Nur Aisyah"%s}%s%s}""".formatted(
                        channel,
                        contacts,
                        notify == null ? "" : ",\"notify\":\"" + notify + "\"",
                        language == null ? "" : ",\"language\":\"" + language + "\"");
    }

    static io.restassured.response.ExtractableResponse<io.restassured.response.Response> file(
            String citizen, String body) {
        return post(Tokens.citizen(citizen), "/api/complaints", body)
                .statusCode(201)
                .extract();
    }

    private static List<MimeMessage> mailTo(String address) {
        return Arrays.stream(NotificationServers.smtp.getReceivedMessages())
                .filter(m -> {
                    try {
                        return Arrays.stream(m.getAllRecipients())
                                .anyMatch(a -> a.toString().contains(address));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    @Test
    void the_receipt_with_the_tracking_number_arrives_by_email_within_five_seconds_of_filing() throws Exception {
        String email = uniqueEmail("nur");
        var filed = file("warga-surel", filing("WEB", email, null, null, "en"));
        String tracking = filed.path("trackingNumber");
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> !mailTo(email).isEmpty());
        MimeMessage mail = mailTo(email).getFirst();
        assertThat(mail.getSubject()).isEqualTo("Your complaint was received: " + tracking);
        assertThat(mail.getContent().toString()).contains("tracking number " + tracking);
        assertThat(mail.getHeader(EmailChannel.DELIVERY_ID_HEADER)).hasSize(1);
        assertThat(mailTo(email)).as("one receipt, not one per try").hasSize(1);
    }

    @Test
    void a_receipt_is_written_in_bahasa_indonesia_unless_english_was_asked_for() throws Exception {
        String email = uniqueEmail("siti");
        String tracking =
                file("warga-bahasa", filing("WEB", email, null, null, null)).path("trackingNumber");
        await().atMost(Duration.ofSeconds(5)).until(() -> !mailTo(email).isEmpty());
        assertThat(mailTo(email).getFirst().getSubject()).isEqualTo("Pengaduan Anda diterima: " + tracking);
    }

    @Test
    void a_complainant_who_came_through_whatsapp_gets_a_cloud_api_template_message_by_default() throws Exception {
        String phone = uniquePhone();
        String number = "62" + phone.replaceAll("\\D", "").substring(2);
        String tracking = file("warga-wa", filing("MOBILE_APP", null, phone, "WHATSAPP", "en"))
                .path("trackingNumber");
        await().atMost(Duration.ofSeconds(5))
                .until(() ->
                        !NotificationServers.http.receivedContaining(number).isEmpty());
        ProviderServer.Received request =
                NotificationServers.http.receivedContaining(number).getFirst();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path())
                .isEqualTo("/whatsapp/v21.0/" + NotificationServers.WHATSAPP_PHONE_NUMBER_ID + "/messages");
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + NotificationServers.WHATSAPP_TOKEN);
        JsonNode body = json.readTree(request.body());
        assertThat(body.path("messaging_product").asText()).isEqualTo("whatsapp");
        assertThat(body.path("to").asText()).isEqualTo(number);
        assertThat(body.path("type").asText()).isEqualTo("template");
        assertThat(body.path("template").path("name").asText()).isEqualTo("complaint_filed");
        assertThat(body.path("template").path("language").path("code").asText()).isEqualTo("en");
        JsonNode component = body.path("template").path("components").get(0);
        assertThat(component.path("type").asText()).isEqualTo("body");
        assertThat(component.path("parameters").get(0).path("type").asText()).isEqualTo("text");
        assertThat(component.path("parameters").get(0).path("text").asText()).isEqualTo(tracking);
        assertThat(request.header("Idempotency-Key"))
                .isEqualTo(body.path("biz_opaque_callback_data").asText());
    }

    @Test
    void a_complainant_who_asked_for_sms_gets_the_gateways_request_with_credentials_number_and_text() {
        String phone = uniquePhone();
        String number = "62" + phone.replaceAll("\\D", "").substring(2);
        String tracking = file("warga-sms", filing("WEB", uniqueEmail("sms"), phone, "SMS", null))
                .path("trackingNumber");
        await().atMost(Duration.ofSeconds(5))
                .until(() ->
                        !NotificationServers.http.receivedContaining(number).isEmpty());
        ProviderServer.Received request =
                NotificationServers.http.receivedContaining(number).getFirst();
        assertThat(request.path()).isEqualTo("/sms/send");
        assertThat(request.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        var form = java.util.Arrays.stream(request.body().split("&"))
                .map(p -> p.split("=", 2))
                .collect(java.util.stream.Collectors.toMap(
                        p -> p[0], p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
        assertThat(form)
                .containsEntry("username", NotificationServers.SMS_USER)
                .containsEntry("password", NotificationServers.SMS_PASSWORD)
                .containsEntry("to", number)
                .containsEntry("ref", request.header("Idempotency-Key"));
        assertThat(form.get("text")).contains(tracking);
    }

    @Test
    void an_open311_filing_with_only_a_phone_is_told_by_sms_through_the_same_filing_path() {
        String phone = uniquePhone();
        String number = "62" + phone.replaceAll("\\D", "").substring(2);
        String tracking = io.restassured.RestAssured.given()
                .contentType("application/x-www-form-urlencoded; charset=utf-8")
                .formParams(java.util.Map.of(
                        "api_key",
                        "dev-open311-key",
                        "service_code",
                        "INFRASTRUCTURE",
                        "description",
                        "Lampu jalan padam\nSudah seminggu gelap.",
                        "first_name",
                        "Budi",
                        "phone",
                        phone,
                        "address_string",
                        "Jl. Sudirman, Bengkalis"))
                .post("/open311/v2/requests.json")
                .then()
                .statusCode(201)
                .extract()
                .path("[0].service_request_id");
        await().atMost(Duration.ofSeconds(5))
                .until(() ->
                        !NotificationServers.http.receivedContaining(number).isEmpty());
        ProviderServer.Received request =
                NotificationServers.http.receivedContaining(number).getFirst();
        assertThat(request.path()).isEqualTo("/sms/send");
        assertThat(URLDecoder.decode(request.body(), StandardCharsets.UTF_8)).contains(tracking);
    }

    @Test
    void a_provider_that_fails_then_times_out_then_accepts_receives_one_message_under_one_idempotency_key() {
        String phone = uniquePhone();
        String number = "62" + phone.replaceAll("\\D", "").substring(2);
        NotificationServers.http.script(number, 500, ProviderServer.TIMEOUT, 200);
        String id = file("warga-gangguan", filing("MOBILE_APP", null, phone, "WHATSAPP", null))
                .path("id");
        await().atMost(Duration.ofSeconds(20)).until(() -> "SENT".equals(status(id)));
        List<ProviderServer.Received> tries = NotificationServers.http.receivedContaining(number);
        assertThat(tries)
                .extracting(ProviderServer.Received::answered)
                .containsExactly(500, ProviderServer.TIMEOUT, 200);
        assertThat(tries)
                .extracting(r -> r.header("Idempotency-Key"))
                .containsOnly(delivery(id, "filed").getUUID("id").toString());
        assertThat(delivery(id, "filed").getInteger("attempts")).isEqualTo(3);
    }

    @Test
    void staff_are_alerted_the_agency_on_dispatch_the_operator_on_decline_and_the_ombudsman_on_escalation() {
        execute("INSERT INTO agency_contacts (agency_id, email) VALUES ('dlh', 'pengaduan@dlh.bengkaliskab.example') "
                + "ON CONFLICT (agency_id) DO UPDATE SET email = excluded.email");
        String id = file("warga-staf", filing("WEB", uniqueEmail("staf"), null, null, null))
                .path("id");
        String tracking = as(Tokens.operator())
                .get("/api/complaints/" + id)
                .then()
                .extract()
                .path("trackingNumber");
        post(
                        Tokens.operator(),
                        "/api/complaints/" + id + "/dispatch",
                        "{\"agencyId\":\"dlh\",\"note\":\"mohon dicek\"}")
                .statusCode(200);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> mailTo("pengaduan@dlh.bengkaliskab.example").stream()
                        .anyMatch(m -> subject(m).equals("Pengaduan baru untuk dlh: " + tracking)));
        post(Tokens.officer("dlh"), "/api/complaints/" + id + "/decline", "{\"reason\":\"bukan kewenangan kami\"}")
                .statusCode(200);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> mailTo(NotificationServers.OPERATOR_EMAIL).stream()
                        .anyMatch(m -> subject(m).equals("Pengaduan " + tracking + " ditolak oleh dlh")));
        post(Tokens.operator(), "/api/complaints/" + id + "/escalate", "{\"reason\":\"berlarut-larut\"}")
                .statusCode(200);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> mailTo(NotificationServers.OMBUDSMAN_EMAIL).stream()
                        .anyMatch(m -> subject(m).equals("Eskalasi baru: " + tracking)));
    }

    @Test
    void the_complainant_is_told_when_the_operator_closes_and_when_the_ombudsman_recommends_and_the_agency_is_alerted()
            throws Exception {
        execute("INSERT INTO agency_contacts (agency_id, email) VALUES ('dlh', 'pengaduan@dlh.bengkaliskab.example') "
                + "ON CONFLICT (agency_id) DO UPDATE SET email = excluded.email");
        // closed by the operator after the agency's answer
        String closedEmail = uniqueEmail("tutup");
        var closed = file("warga-tutup", filing("WEB", closedEmail, null, null, "en"));
        String closedPath = "/api/complaints/" + closed.<String>path("id");
        post(Tokens.operator(), closedPath + "/dispatch", "{\"agencyId\":\"dlh\"}")
                .statusCode(200);
        post(Tokens.officer("dlh"), closedPath + "/acknowledge", "{}").statusCode(200);
        post(Tokens.officer("dlh"), closedPath + "/follow-ups", "{\"message\":\"Sampah sudah diangkut\"}")
                .statusCode(200);
        post(Tokens.operator(), closedPath + "/close", "{\"outcome\":\"RESOLVED\",\"note\":\"Selesai\"}")
                .statusCode(200);
        String closedTracking = closed.path("trackingNumber");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> mailTo(closedEmail).stream()
                        .anyMatch(m -> subject(m).equals("Complaint " + closedTracking + " closed")));
        MimeMessage closure = mailTo(closedEmail).stream()
                .filter(m -> subject(m).equals("Complaint " + closedTracking + " closed"))
                .findFirst()
                .orElseThrow();
        assertThat(closure.getContent().toString()).contains("RESOLVED");

        // reviewed by the Ombudsman, who found maladministration and recommended a remedy
        String reviewedEmail = uniqueEmail("rekomendasi");
        var reviewed = file("warga-rekomendasi", filing("WEB", reviewedEmail, null, null, null));
        String reviewedPath = "/api/complaints/" + reviewed.<String>path("id");
        String reviewedTracking = reviewed.path("trackingNumber");
        post(Tokens.operator(), reviewedPath + "/dispatch", "{\"agencyId\":\"dlh\"}")
                .statusCode(200);
        post(Tokens.operator(), reviewedPath + "/escalate", "{\"reason\":\"Tidak ada tanggapan\"}")
                .statusCode(200);
        String ombudsman = Tokens.ombudsman();
        post(ombudsman, reviewedPath + "/review/open", "{}").statusCode(200);
        post(
                        ombudsman,
                        reviewedPath + "/review/findings",
                        "{\"maladministration\":true,\"forms\":[\"UNDUE_DELAY\"],\"recommendation\":\"Bentuk piket harian\"}")
                .statusCode(200);
        post(ombudsman, reviewedPath + "/review/close", "{\"outcome\":\"Rekomendasi\"}")
                .statusCode(200);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> mailTo(reviewedEmail).stream()
                        .anyMatch(m -> subject(m).equals("Rekomendasi Ombudsman atas pengaduan " + reviewedTracking)));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> mailTo("pengaduan@dlh.bengkaliskab.example").stream()
                        .anyMatch(m -> subject(m).equals("Rekomendasi Ombudsman untuk dlh: " + reviewedTracking)));
    }

    @Test
    void staff_see_a_complaints_deliveries_with_masked_addresses_and_the_operator_sees_what_failed() {
        String email = uniqueEmail("lihat");
        String phone = uniquePhone();
        String number = "62" + phone.replaceAll("\\D", "").substring(2);
        String id = file("warga-lihat", filing("WEB", email, null, null, null)).path("id");
        await().atMost(Duration.ofSeconds(5)).until(() -> "SENT".equals(status(id)));
        as(Tokens.ombudsman())
                .get("/api/complaints/" + id + "/deliveries")
                .then()
                .statusCode(200)
                .body("items[0].message", equalTo("filed"))
                .body("items[0].recipient", equalTo("complainant"))
                .body("items[0].channel", equalTo("EMAIL"))
                .body("items[0].status", equalTo("SENT"))
                .body("items[0].maskedAddress", equalTo("l•••@w•••.example"));

        NotificationServers.http.script(number, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500);
        String failing = file("warga-gagal", filing("MOBILE_APP", null, phone, "WHATSAPP", null))
                .path("id");
        await().atMost(Duration.ofSeconds(5)).until(() -> "FAILED".equals(status(failing)));
        as(Tokens.operator())
                .get("/api/deliveries?status=FAILED")
                .then()
                .statusCode(200)
                .body("items.find { it.complaintId == '" + failing + "' }.lastError", equalTo("HTTP 500"));
        as(Tokens.operator())
                .get("/api/deliveries?status=SENT")
                .then()
                .statusCode(400)
                .body("code", equalTo("request.invalid"));
    }

    @Test
    void filing_with_a_notify_channel_but_without_its_contact_is_refused_and_writes_nothing() {
        long events = org.complaintledger.support.Events.total(pool);
        long preferences = count(
                "SELECT count(*) FROM notification_preferences WHERE $1::uuid IS NOT NULL",
                java.util.UUID.randomUUID().toString());
        post(Tokens.citizen("warga-tanpa-surel"), "/api/complaints", filing("WEB", null, uniquePhone(), "EMAIL", null))
                .statusCode(400)
                .body("code", equalTo("request.invalid"));
        post(Tokens.citizen("warga-tanpa-surel"), "/api/complaints", filing("WEB", null, null, "PIGEON", null))
                .statusCode(400);
        post(Tokens.citizen("warga-tanpa-surel"), "/api/complaints", filing("WEB", uniqueEmail("x"), null, null, "fr"))
                .statusCode(400);
        assertThat(org.complaintledger.support.Events.total(pool)).isEqualTo(events);
        assertThat(count(
                        "SELECT count(*) FROM notification_preferences WHERE $1::uuid IS NOT NULL",
                        java.util.UUID.randomUUID().toString()))
                .isEqualTo(preferences);
    }

    @Test
    void after_erasure_pending_deliveries_are_cancelled_and_nothing_new_is_sent() {
        String phone = uniquePhone();
        String number = "62" + phone.replaceAll("\\D", "").substring(2);
        NotificationServers.http.script(number, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500);
        String id = file("warga-hapus", filing("MOBILE_APP", null, phone, "WHATSAPP", null))
                .path("id");
        await().atMost(Duration.ofSeconds(5)).until(() -> "FAILED".equals(status(id)));
        post(Tokens.citizen("warga-hapus"), "/api/complainants/warga-hapus/erasure", "{}")
                .statusCode(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> "CANCELLED".equals(status(id)));
        int triesBefore = NotificationServers.http.receivedContaining(number).size();
        post(Tokens.operator(), "/api/complaints/" + id + "/dispatch", "{\"agencyId\":\"dinkes\",\"note\":\"cek\"}")
                .statusCode(200);
        org.complaintledger.support.ReadSide.caughtUp(pool);
        await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(count(
                        "SELECT count(*) FROM deliveries WHERE complaint_id = $1 AND recipient LIKE 'complainant:%'",
                        id))
                .as("only the receipt, cancelled: nothing decided after the erasure")
                .isEqualTo(1);
        assertThat(NotificationServers.http.receivedContaining(number)).hasSize(triesBefore);
    }

    @Test
    void a_delivery_whose_sender_stopped_mid_send_is_sent_again_once_its_lease_has_run_out() throws Exception {
        String email = uniqueEmail("lapsed");
        String id = file("warga-lapsed", filing("WEB", email, null, null, "en")).path("id");
        await().atMost(Duration.ofSeconds(5)).until(() -> "SENT".equals(status(id)));
        // as a sender leaves it when its process dies between the provider's answer and the status: claimed, sent
        // (the mail arrived) and not recorded, its lease over
        UUID delivery = delivery(id, "filed").getUUID("id");
        int attempts = delivery(id, "filed").getInteger("attempts");
        execute("UPDATE deliveries SET status = 'SENDING', lease_until = now() - interval '1 second', sent_at = NULL "
                + "WHERE id = '" + delivery + "'");
        await().atMost(Duration.ofSeconds(5)).until(() -> "SENT".equals(status(id)));
        assertThat(delivery(id, "filed").getInteger("attempts")).isEqualTo(attempts + 1);
        List<MimeMessage> mails = mailTo(email);
        assertThat(mails)
                .as("at least once: the provider sees the same delivery id twice")
                .hasSize(2);
        assertThat(mails.get(1).getHeader(EmailChannel.DELIVERY_ID_HEADER)[0]).isEqualTo(delivery.toString());
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Row delivery(String complaintId, String message) {
        var rows = pool.preparedQuery("SELECT * FROM deliveries WHERE complaint_id = $1 AND message = $2 "
                        + "AND recipient LIKE 'complainant:%'")
                .execute(Tuple.of(java.util.UUID.fromString(complaintId), message))
                .toCompletionStage()
                .toCompletableFuture()
                .join();
        return rows.size() == 0 ? null : rows.iterator().next();
    }

    /** The receipt's delivery status; null before the processor decided it. */
    private String status(String complaintId) {
        Row row = delivery(complaintId, "filed");
        return row == null ? null : row.getString("status");
    }

    private long count(String sql, String complaintId) {
        return pool.preparedQuery(sql)
                .execute(Tuple.of(java.util.UUID.fromString(complaintId)))
                .toCompletionStage()
                .toCompletableFuture()
                .join()
                .iterator()
                .next()
                .getLong(0);
    }

    private void execute(String sql) {
        pool.query(sql).execute().toCompletionStage().toCompletableFuture().join();
    }
}
