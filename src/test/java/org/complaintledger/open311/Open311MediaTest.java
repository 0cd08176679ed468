package org.complaintledger.open311;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.complaintledger.open311.Open311Calls.BASE;
import static org.complaintledger.open311.Open311Calls.filing;
import static org.complaintledger.support.Api.as;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.vertx.sqlclient.Pool;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.complaintledger.attachment.Evidence;
import org.complaintledger.support.ReadSide;
import org.complaintledger.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * GeoReport's media extension: a filing sent as multipart/form-data with its photo as the {@code media} part; the
 * photo becomes the complaint's public attachment, stripped of its location, and GET requests answer its
 * {@code media_url}, which anyone can download.
 */
@QuarkusTest
class Open311MediaTest {

    @Inject
    Pool pool;

    private static RequestSpecification multipart(Map<String, String> parameters) {
        RequestSpecification request = given();
        parameters.forEach(request::multiPart);
        return request;
    }

    private long events() {
        return pool.query("SELECT count(*) FROM events")
                .execute()
                .toCompletionStage()
                .toCompletableFuture()
                .join()
                .iterator()
                .next()
                .getLong(0);
    }

    @Test
    void a_filing_with_a_media_part_attaches_the_photo_without_its_location_and_requests_answer_its_media_url()
            throws Exception {
        byte[] photo = Evidence.jpegWithGps();
        String tracking = multipart(filing())
                .multiPart("media", "lampu-padam.jpg", photo, "image/jpeg")
                .post(BASE + "requests.json")
                .then()
                .log()
                .ifValidationFails()
                .statusCode(201)
                .extract()
                .path("[0].service_request_id");
        String id = Open311Calls.complaintId(tracking);
        List<Map<String, Object>> history = as(Tokens.auditor())
                .get("/api/complaints/" + id + "/history")
                .then()
                .statusCode(200)
                .extract()
                .path("events");
        Map<String, Object> added = history.stream()
                .filter(e -> "complaint.attachment-added".equals(e.get("type")))
                .findFirst()
                .orElseThrow();
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) added.get("data");
        assertThat(data.get("audience")).isEqualTo("PUBLIC");

        // the public sees a request's words and files only once an operator has verified it (by dispatching it)
        ReadSide.caughtUp(pool);
        given().get(BASE + "requests/" + tracking + ".json")
                .then()
                .statusCode(200)
                .body("[0].media_url", equalTo(null));
        as(Tokens.operator())
                .contentType("application/json")
                .body("{\"agencyId\":\"dinas-pupr\"}")
                .post("/api/complaints/" + id + "/dispatch")
                .then()
                .statusCode(200);
        ReadSide.caughtUp(pool);
        String mediaUrl = given().get(BASE + "requests/" + tracking + ".json")
                .then()
                .statusCode(200)
                .extract()
                .path("[0].media_url");
        assertThat(mediaUrl).endsWith("/api/complaints/" + id + "/attachments/" + data.get("attachmentId"));
        given().get(BASE + "requests/" + tracking + ".xml")
                .then()
                .statusCode(200)
                .body("service_requests.request.media_url", equalTo(mediaUrl));

        byte[] served = given().get(URI.create(mediaUrl).getPath())
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        assertThat(Evidence.gps(served)).as("no EXIF location for the public").isNull();
        assertThat(Evidence.sha256(served)).isEqualTo(data.get("sha256"));
    }

    @Test
    void a_media_part_that_is_really_html_is_a_415_in_geo_reports_format_and_files_nothing() {
        long before = events();
        multipart(filing())
                .multiPart("media", "foto.jpg", Evidence.html(), "image/jpeg")
                .post(BASE + "requests.json")
                .then()
                .log()
                .ifValidationFails()
                .statusCode(415)
                .body("[0].description", org.hamcrest.Matchers.containsString("text/html"))
                .contentType("application/json")
                .body("[0].code", equalTo(415));
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void a_request_filed_without_media_has_no_media_url() {
        String tracking = Open311Calls.file(filing());
        ReadSide.caughtUp(pool);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> given().get(BASE + "requests/" + tracking + ".json")
                                .then()
                                .extract()
                                .statusCode()
                        == 200);
        given().get(BASE + "requests/" + tracking + ".json")
                .then()
                .statusCode(200)
                .body("[0].media_url", equalTo(null));
    }
}
