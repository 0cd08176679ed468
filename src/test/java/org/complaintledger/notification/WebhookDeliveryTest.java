package org.complaintledger.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.complaintledger.support.Api.as;
import static org.complaintledger.support.Api.post;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.complaintledger.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * Integrators' webhooks against a receiver that checks what the Standard Webhooks specification asks it to: the
 * signature over "id.timestamp.body" with the subscription's secret, a fresh timestamp; and that the payload is
 * public-safe and arrives in the complaint's order, also when a delivery had to be retried.
 */
@QuarkusTest
class WebhookDeliveryTest {

    private static final String SECRET_BYTES_BASE64 =
            Base64.getEncoder().encodeToString("kunci-rahasia-webhook-32-byte!!!".getBytes(StandardCharsets.UTF_8));

    private final ObjectMapper json = new ObjectMapper();

    private static String subscribe(String path, String secret, String... types) {
        String body = "{\"url\":\"" + NotificationServers.http.url(path) + "\",\"eventTypes\":" + "[\""
                + String.join("\",\"", types) + "\"],\"secret\":\"" + secret + "\"}";
        return post(Tokens.operator(), "/api/webhooks", body)
                .statusCode(201)
                .extract()
                .path("id");
    }

    /** The receiver's side of the specification, written from it rather than from the sender's code. */
    private static boolean verifies(ProviderServer.Received request, byte[] key) throws Exception {
        String id = request.header("webhook-id");
        String timestamp = request.header("webhook-timestamp");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        String expected = Base64.getEncoder()
                .encodeToString(
                        mac.doFinal((id + "." + timestamp + "." + request.body()).getBytes(StandardCharsets.UTF_8)));
        boolean fresh = Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)) < 300;
        return fresh && List.of(request.header("webhook-signature").split(" ")).contains("v1," + expected);
    }

    @Test
    void a_subscriber_receives_signed_public_safe_events_in_the_complaints_order_even_after_a_retry() throws Exception {
        String path = "/hooks/" + UUID.randomUUID();
        subscribe(path, "whsec_" + SECRET_BYTES_BASE64, "complaint.submitted", "complaint.dispatched");
        // the first delivery fails once: the second must wait for it, not overtake it
        String citizen = "warga-webhook";
        String id = post(Tokens.citizen(citizen), "/api/complaints", """
                {"title":"Sampah menumpuk","description":"Sampah tidak diangkut dua minggu.","reportType":"COMPLAINT",
                 "category":"ENVIRONMENT","channel":"WEB","notify":"NONE",
                 "complainant":{"name":"Rudi Webhookwan","phone":"+62 811 7000 4321","email":"rudi.hook@warga.example"}}""")
                .statusCode(201)
                .extract()
                .path("id");
        NotificationServers.http.script(id, 503);
        post(
                        Tokens.operator(),
                        "/api/complaints/" + id + "/dispatch",
                        "{\"agencyId\":\"dlh\",\"note\":\"catatan internal\"}")
                .statusCode(200);
        await().atMost(Duration.ofSeconds(15)).until(() -> delivered(path, id).size() >= 2);

        List<ProviderServer.Received> tries = NotificationServers.http.all().stream()
                .filter(r -> r.path().equals(path) && r.body().contains(id))
                .toList();
        assertThat(tries.getFirst().answered()).as("the first try was refused").isEqualTo(503);
        List<ProviderServer.Received> delivered = delivered(path, id);
        assertThat(delivered)
                .extracting(r -> json.readTree(r.body()).path("type").asText())
                .containsExactly("complaint.submitted", "complaint.dispatched");
        assertThat(tries.getFirst().header("webhook-id"))
                .isEqualTo(delivered.getFirst().header("webhook-id"));
        byte[] key = Base64.getDecoder().decode(SECRET_BYTES_BASE64);
        for (ProviderServer.Received request : tries) {
            assertThat(verifies(request, key))
                    .as("signature of %s", request.body())
                    .isTrue();
            assertThat(verifies(request, "some-other-secret-entirely".getBytes(StandardCharsets.UTF_8)))
                    .isFalse();
        }
        JsonNode dispatched = json.readTree(delivered.getLast().body());
        assertThat(dispatched.path("data").path("agencyId").asText()).isEqualTo("dlh");
        assertThat(dispatched.path("data").path("trackingNumber").asText()).startsWith("LPR-");
        for (String personal : List.of(
                "Rudi",
                "Webhookwan",
                "7000 4321",
                "70004321",
                "rudi.hook",
                "catatan internal",
                "Sampah tidak diangkut")) {
            assertThat(tries).noneMatch(r -> r.body().contains(personal));
        }
    }

    @Test
    void a_plain_secret_is_used_as_its_utf8_bytes_and_a_confidential_complaint_says_only_its_steps() throws Exception {
        String path = "/hooks/" + UUID.randomUUID();
        String secret = "rahasia-dashboard-kabupaten";
        subscribe(path, secret, "complaint.dispatched");
        String id = post(Tokens.citizen("warga-rahasia"), "/api/complaints", """
                {"title":"Dugaan pungli","description":"Rahasia.","reportType":"COMPLAINT","category":"EXTORTION",
                 "channel":"WEB","confidential":true,"complainant":{"name":"Tari Rahasia"}}""")
                .statusCode(201)
                .extract()
                .path("id");
        post(Tokens.operator(), "/api/complaints/" + id + "/dispatch", "{\"agencyId\":\"inspektorat\",\"note\":\"n\"}")
                .statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> !delivered(path, id).isEmpty());
        ProviderServer.Received request = delivered(path, id).getFirst();
        assertThat(verifies(request, secret.getBytes(StandardCharsets.UTF_8))).isTrue();
        JsonNode data = json.readTree(request.body()).path("data");
        assertThat(data.path("confidential").asBoolean()).isTrue();
        assertThat(data.has("agencyId")).isFalse();
        assertThat(data.has("category")).isFalse();
    }

    @Test
    void subscriptions_are_listed_without_their_secret_deleted_and_bad_ones_refused() {
        String path = "/hooks/" + UUID.randomUUID();
        String id = subscribe(path, "rahasia-yang-cukup-panjang", "complaint.completed");
        as(Tokens.operator())
                .get("/api/webhooks")
                .then()
                .statusCode(200)
                .body("items.find { it.id == '" + id + "' }.eventTypes", equalTo(List.of("complaint.completed")))
                .body("items.find { it.id == '" + id + "' }.secret", equalTo(null));
        as(Tokens.operator()).delete("/api/webhooks/" + id).then().statusCode(204);
        as(Tokens.operator()).get("/api/webhooks").then().body("items.id", not(hasItem(id)));
        as(Tokens.operator())
                .delete("/api/webhooks/" + id)
                .then()
                .statusCode(404)
                .body("code", equalTo("webhook.not-found"));
        post(
                        Tokens.operator(),
                        "/api/webhooks",
                        "{\"url\":\"ftp://x.example/\",\"eventTypes\":[\"complaint.completed\"],"
                                + "\"secret\":\"rahasia-yang-cukup-panjang\"}")
                .statusCode(400)
                .body("code", equalTo("request.invalid"));
        post(
                        Tokens.operator(),
                        "/api/webhooks",
                        "{\"url\":\"https://x.example/\",\"eventTypes\":[\"complaint.nope\"],"
                                + "\"secret\":\"rahasia-yang-cukup-panjang\"}")
                .statusCode(400);
        post(
                        Tokens.operator(),
                        "/api/webhooks",
                        "{\"url\":\"https://x.example/\",\"eventTypes\":[\"complaint.completed\"],"
                                + "\"secret\":\"pendek\"}")
                .statusCode(400);
    }

    private List<ProviderServer.Received> delivered(String path, String complaintId) {
        return NotificationServers.http.all().stream()
                .filter(r -> r.path().equals(path) && r.body().contains(complaintId) && r.answered() == 200)
                .toList();
    }
}
