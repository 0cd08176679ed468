package org.complaintledger.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.complaintledger.support.Api.as;
import static org.complaintledger.support.Api.post;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.complaintledger.notification.NotificationServers;
import org.complaintledger.notification.ProviderServer;
import org.complaintledger.support.Tokens;
import org.junit.jupiter.api.Test;

/** Text messages to 1708 through a signed gateway webhook: the same inbox, the same routing, answers by SMS. */
@QuarkusTest
class SmsIntakeTest {

    @Inject
    Pool pool;

    @Test
    void an_sms_complainant_answers_a_clarification_and_asks_the_status_by_text_message() {
        String number = Chats.number();
        String local = "0" + number.substring(2);
        String marker = "Air PDAM keruh sejak Senin " + number.substring(6);
        Chats.sms(local, "gw-" + number + "-1", marker).statusCode(200);

        Map<String, Object> item = inboxItem(marker);
        assertThat(item.get("channel")).isEqualTo("SMS_1708");
        String id = as(Tokens.operator())
                .body("""
                        {"title":"Air PDAM keruh","description":"%s","reportType":"COMPLAINT",
                         "category":"INFRASTRUCTURE","complainant":{"name":"Bu Sari"}}""".formatted(marker))
                .post("/api/intake/" + item.get("id") + "/file")
                .then()
                .statusCode(201)
                .body("channel", equalTo("SMS_1708"))
                .body("complainant.phone", equalTo("+" + number))
                .extract()
                .path("id");
        String tracking = as(Tokens.operator()).get("/api/complaints/" + id).path("trackingNumber");
        // filing the same conversation again is refused, not a second complaint
        as(Tokens.operator())
                .body("""
                        {"title":"lagi","description":"lagi","reportType":"COMPLAINT","category":"INFRASTRUCTURE"}""")
                .post("/api/intake/" + item.get("id") + "/file")
                .then()
                .statusCode(409)
                .body("code", equalTo("intake.already-filed"));

        post(Tokens.operator(), "/api/complaints/" + id + "/clarification-requests", "{\"question\":\"Di RT berapa?\"}")
                .statusCode(200)
                .body("status", equalTo("ON_HOLD"));
        Chats.sms(local, "gw-" + number + "-2", "RT 03 RW 02 Senggoro").statusCode(200);
        as(Tokens.operator()).get("/api/complaints/" + id).then().body("status", equalTo("SUBMITTED"));
        List<Map<String, Object>> events = as(Tokens.operator())
                .get("/api/complaints/" + id + "/history")
                .then()
                .extract()
                .jsonPath()
                .getList("events");
        Map<String, Object> answer = events.stream()
                .filter(e -> e.get("type").equals("complaint.clarification-provided"))
                .findFirst()
                .orElseThrow();
        assertThat(answer.get("channel")).isEqualTo("SMS_1708");
        assertThat(((Map<?, ?>) answer.get("actor")).get("role")).isEqualTo("citizen");
        assertThat(((Map<?, ?>) answer.get("data")).get("answer")).isEqualTo("RT 03 RW 02 Senggoro");
        assertThat(smsTo(number, "telah dicatat")).contains(tracking).contains("SUBMITTED");

        Chats.sms(local, "gw-" + number + "-3", "status " + tracking).statusCode(200);
        assertThat(smsTo(number, "Status pengaduan")).contains(tracking).contains("SUBMITTED");
        // a keyword that the complaint's state does not allow is answered, and changes nothing
        Chats.sms(local, "gw-" + number + "-4", "TERIMA 4").statusCode(200);
        assertThat(smsTo(number, "tidak dapat dicatat")).contains(tracking);
        as(Tokens.operator()).get("/api/complaints/" + id).then().body("status", equalTo("SUBMITTED"));
    }

    @Test
    void by_text_message_the_complainant_objects_then_accepts_then_appeals_each_as_their_own_step() {
        String number = Chats.number();
        String marker = "Drainase tersumbat di Jalan Pramuka " + number.substring(6);
        Chats.sms("+" + number, "gw-" + number + "-a", marker).statusCode(200);
        String id = as(Tokens.operator())
                .body("""
                        {"title":"Drainase tersumbat","description":"%s","reportType":"COMPLAINT",
                         "category":"INFRASTRUCTURE","complainant":{"name":"Pak Udin"}}""".formatted(marker))
                .post("/api/intake/" + inboxItem(marker).get("id") + "/file")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String officer = Tokens.officer("dinas-pupr");
        post(Tokens.operator(), "/api/complaints/" + id + "/dispatch", "{\"agencyId\":\"dinas-pupr\"}")
                .statusCode(200);
        post(officer, "/api/complaints/" + id + "/acknowledge", "{}").statusCode(200);
        post(officer, "/api/complaints/" + id + "/follow-ups", "{\"message\":\"Sudah dibersihkan\"}")
                .statusCode(200);

        Chats.sms("+" + number, "gw-" + number + "-b", "TOLAK masih tergenang").statusCode(200);
        as(Tokens.operator()).get("/api/complaints/" + id).then().body("reopenCount", equalTo(1));
        post(officer, "/api/complaints/" + id + "/follow-ups", "{\"message\":\"Dibersihkan lagi\"}")
                .statusCode(200);
        Chats.sms("+" + number, "gw-" + number + "-c", "terima 2").statusCode(200);
        as(Tokens.operator())
                .get("/api/complaints/" + id)
                .then()
                .body("status", equalTo("COMPLETED"))
                .body("rating", equalTo(2));
        Chats.sms("+" + number, "gw-" + number + "-d", "BANDING dua kali ditolak instansi")
                .statusCode(200);
        as(Tokens.operator())
                .get("/api/complaints/" + id)
                .then()
                .body("status", equalTo("ESCALATED"))
                .body("escalated", equalTo(true));

        List<Map<String, Object>> steps = as(Tokens.operator())
                .get("/api/complaints/" + id + "/history")
                .then()
                .extract()
                .jsonPath()
                .getList("events");
        for (String type :
                List.of("complaint.complainant-objected", "complaint.complainant-accepted", "complaint.escalated")) {
            Map<String, Object> step = steps.stream()
                    .filter(e -> e.get("type").equals(type))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no " + type));
            assertThat(step.get("channel")).as(type).isEqualTo("SMS_1708");
            assertThat(((Map<?, ?>) step.get("actor")).get("role")).as(type).isEqualTo("citizen");
        }
    }

    @Test
    void erasing_the_sender_removes_their_conversations_and_messages() {
        String number = Chats.number();
        String marker = "Pungutan liar di kantor desa " + number.substring(6);
        Chats.sms("+" + number, "gw-" + number + "-erase", marker).statusCode(200);
        String subject = (String) inboxItem(marker).get("subject");
        assertThat(rows(subject)).isPositive();

        post(Tokens.operator(), "/api/complainants/" + subject + "/erasure", "{\"reason\":\"UU PDP\"}")
                .statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> rows(subject) == 0);
        assertThat(as(Tokens.operator())
                        .get("/api/intake")
                        .then()
                        .extract()
                        .jsonPath()
                        .getList("items.subject"))
                .doesNotContain(subject);
    }

    private long rows(String subject) {
        return pool.preparedQuery("""
                        SELECT (SELECT count(*) FROM intake_conversations WHERE subject = $1)
                             + (SELECT count(*) FROM intake_messages WHERE subject = $1)""")
                .execute(Tuple.of(subject))
                .toCompletionStage()
                .toCompletableFuture()
                .join()
                .iterator()
                .next()
                .getLong(0);
    }

    static Map<String, Object> inboxItem(String marker) {
        List<Map<String, Object>> items = as(Tokens.operator())
                .get("/api/intake")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items");
        return items.stream()
                .filter(i -> String.valueOf(i.get("messages")).contains(marker))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no inbox item with " + marker));
    }

    /** The text of the SMS the gateway received for the number that contains {@code words}. */
    private static String smsTo(String number, String words) {
        ProviderServer.Received sent = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> NotificationServers.http.all().stream()
                                .filter(r -> r.path().equals("/sms/send"))
                                .filter(r -> r.body().contains("to=" + number))
                                .filter(r -> URLDecoder.decode(r.body(), StandardCharsets.UTF_8)
                                        .contains(words))
                                .findFirst()
                                .orElse(null),
                        r -> r != null);
        return URLDecoder.decode(sent.body(), StandardCharsets.UTF_8);
    }
}
