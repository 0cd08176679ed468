package org.complaintledger.attachment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.complaintledger.support.Api.as;
import static org.complaintledger.support.Api.post;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.complaintledger.ledger.LedgerProbe;
import org.complaintledger.support.Api;
import org.complaintledger.support.Events;
import org.complaintledger.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * Evidence end to end on the default store (PostgreSQL): what is accepted, what is stripped, who sees what, and that
 * the ledger proves the stored bytes and still verifies after redaction and erasure.
 */
@QuarkusTest
class AttachmentApiTest {

    @Inject
    Pool pool;

    static RequestSpecification multipart(String token) {
        RequestSpecification request = given();
        return token == null ? request : request.auth().oauth2(token);
    }

    static ExtractableResponse<Response> upload(
            String token,
            String complaintId,
            String name,
            byte[] bytes,
            String clientType,
            String caption,
            String audience,
            int status) {
        RequestSpecification request = multipart(token).multiPart("file", name, bytes, clientType);
        if (caption != null) {
            request.multiPart("caption", caption);
        }
        if (audience != null) {
            request.multiPart("audience", audience);
        }
        return request.post("/api/complaints/" + complaintId + "/attachments")
                .then()
                .statusCode(status)
                .extract();
    }

    static byte[] download(String token, String complaintId, String attachmentId) {
        return multipart(token)
                .get("/api/complaints/" + complaintId + "/attachments/" + attachmentId)
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
    }

    long storedSegments() {
        return pool.query("SELECT count(*) FROM attachment_segments")
                .execute()
                .toCompletionStage()
                .toCompletableFuture()
                .join()
                .iterator()
                .next()
                .getLong(0);
    }

    long segmentsOf(String attachmentId) {
        return pool.preparedQuery("SELECT count(*) FROM attachment_segments WHERE attachment_id = $1")
                .execute(Tuple.of(UUID.fromString(attachmentId)))
                .toCompletionStage()
                .toCompletableFuture()
                .join()
                .iterator()
                .next()
                .getLong(0);
    }

    void ledgerVerifies(String complaintId) {
        LedgerProbe.awaitSequenced(pool, UUID.fromString(complaintId));
        as(Tokens.auditor())
                .queryParam("complaintId", complaintId)
                .get("/api/ledger/verify")
                .then()
                .statusCode(200)
                .body("valid", equalTo(true))
                .body("firstInvalid", nullValue());
    }

    @Test
    void a_citizens_photo_is_stored_without_its_gps_and_the_ledger_holds_the_hash_of_exactly_what_is_served()
            throws Exception {
        String id = Api.dispatched("warga-foto");
        byte[] photo = Evidence.jpegWithGps();
        assertThat(Evidence.gps(photo)).as("the test photo carries a position").isNotNull();

        var created = upload(
                Tokens.citizen("warga-foto"),
                id,
                "rumah-saya.jpg",
                photo,
                "image/jpeg",
                "Lubang di depan rumah",
                null,
                201);
        String attachmentId = created.path("id");
        assertThat(created.header("Location")).endsWith("/api/complaints/" + id + "/attachments/" + attachmentId);
        assertThat(created.<String>path("mediaType")).isEqualTo("image/jpeg");
        assertThat(created.<String>path("audience")).isEqualTo("public");
        assertThat(created.<String>path("caption")).isEqualTo("Lubang di depan rumah");
        assertThat(created.<String>path("uploadedBy.role")).isEqualTo("citizen");
        assertThat(created.<String>path("sha256")).matches("[0-9a-f]{64}");

        Response response =
                multipart(Tokens.officer("dinas-pupr")).get("/api/complaints/" + id + "/attachments/" + attachmentId);
        response.then()
                .statusCode(200)
                .header("Content-Type", "image/jpeg")
                .header("Content-Disposition", matchesPattern("attachment; filename=\"" + attachmentId + "\\.jpg\""))
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .header("Content-Security-Policy", containsString("sandbox"));
        byte[] served = response.asByteArray();
        assertThat(Evidence.gps(served))
                .as("no GPS position in what the officer gets")
                .isNull();
        assertThat(Evidence.hasExif(served))
                .as("no EXIF at all: camera serials go too")
                .isFalse();
        assertThat(new String(served, StandardCharsets.ISO_8859_1)).doesNotContain("SN-4471-0093");
        assertThat(served.length).isEqualTo(created.<Integer>path("size")).isLessThan(photo.length);

        String sha = Evidence.sha256(served);
        assertThat(sha).isEqualTo(created.<String>path("sha256"));
        var history = as(Tokens.auditor())
                .get("/api/complaints/" + id + "/history")
                .then()
                .statusCode(200)
                .extract();
        assertThat(history.<String>path("events[-1].type")).isEqualTo("complaint.attachment-added");
        assertThat(history.<String>path("events[-1].data.sha256")).isEqualTo(sha);
        assertThat(history.<Integer>path("events[-1].data.size")).isEqualTo(served.length);
        assertThat(history.<String>path("events[-1].data.mediaType")).isEqualTo("image/jpeg");
        String event = history.asString();
        assertThat(event)
                .as("file name and caption are sealed in the ledger")
                .doesNotContain("rumah-saya")
                .doesNotContain("Lubang di depan rumah");
        ledgerVerifies(id);
    }

    @Test
    void who_sees_which_file_follows_the_complaint_and_the_files_audience() throws Exception {
        String citizen = "warga-lihat";
        String id = Api.dispatched(citizen);
        String own = upload(
                        Tokens.citizen(citizen),
                        id,
                        "foto.png",
                        Evidence.pngWithText("x"),
                        "image/png",
                        null,
                        null,
                        201)
                .path("id");
        String internal = upload(
                        Tokens.officer("dinas-pupr"),
                        id,
                        "nota-dinas.pdf",
                        Evidence.pdf(),
                        "application/pdf",
                        "Nota dinas",
                        null,
                        201)
                .path("id");
        String letter = upload(
                        Tokens.officer("dinas-pupr"),
                        id,
                        "surat.pdf",
                        Evidence.pdf(),
                        "application/pdf",
                        "Surat jawaban",
                        "public",
                        201)
                .path("id");

        String list = "/api/complaints/" + id + "/attachments";
        multipart(Tokens.operator())
                .get(list)
                .then()
                .statusCode(200)
                .body("items", hasSize(3))
                .body("items[1].audience", equalTo("internal"))
                .body("items[1].fileName", equalTo("nota-dinas.pdf"));
        multipart(Tokens.officer("dinas-pupr")).get(list).then().statusCode(200).body("items", hasSize(3));
        multipart(Tokens.ombudsman()).get(list).then().statusCode(200).body("items", hasSize(3));
        multipart(Tokens.citizen(citizen))
                .get(list)
                .then()
                .statusCode(200)
                .body("items", hasSize(2))
                .body("items.id", org.hamcrest.Matchers.contains(own, letter))
                .body("items[0].fileName", equalTo("foto.png"));
        // anyone else: the public files of a complaint that is not confidential, no file names
        for (String token : new String[] {null, Tokens.citizen("warga-lain"), Tokens.officer("dinas-kesehatan")}) {
            multipart(token)
                    .get(list)
                    .then()
                    .statusCode(200)
                    .body("items", hasSize(2))
                    .body("items[0].fileName", nullValue());
            multipart(token)
                    .get(list + "/" + internal)
                    .then()
                    .statusCode(404)
                    .body("code", equalTo("attachment.not-found"));
            download(token, id, letter);
        }
        multipart(Tokens.citizen(citizen)).get(list + "/" + internal).then().statusCode(404);
        assertThat(download(Tokens.citizen(citizen), id, letter)).isEqualTo(Evidence.pdf());
        assertThat(download(Tokens.officer("dinas-pupr"), id, internal)).isEqualTo(Evidence.pdf());

        // once the complaint is confidential the public sees none of its files
        post(
                        Tokens.operator(),
                        "/api/complaints/" + id + "/visibility",
                        "{\"anonymous\":false,\"confidential\":true,\"reason\":\"Menyangkut pejabat\"}")
                .statusCode(200);
        multipart(null).get(list).then().statusCode(200).body("items", empty());
        multipart(null).get(list + "/" + letter).then().statusCode(404);
        multipart(Tokens.citizen(citizen)).get(list).then().statusCode(200).body("items", hasSize(2));
    }

    @Test
    void an_officer_sees_an_anonymous_complaints_photo_without_its_location_nor_its_file_name() throws Exception {
        String citizen = "warga-anonim";
        String id = as(Tokens.citizen(citizen))
                .body(Api.complaint("Anonim", true, false))
                .post("/api/complaints")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        post(Tokens.operator(), "/api/complaints/" + id + "/dispatch", "{\"agencyId\":\"dinas-pupr\"}")
                .statusCode(200);
        String file = upload(
                        Tokens.citizen(citizen),
                        id,
                        "budi-santoso.jpg",
                        Evidence.jpegWithGps(),
                        "image/jpeg",
                        null,
                        null,
                        201)
                .path("id");
        multipart(Tokens.officer("dinas-pupr"))
                .get("/api/complaints/" + id + "/attachments")
                .then()
                .statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].fileName", nullValue());
        assertThat(Evidence.gps(download(Tokens.officer("dinas-pupr"), id, file)))
                .isNull();
    }

    @Test
    void a_program_or_a_web_page_renamed_jpg_is_415_and_nothing_is_written() {
        String id = Api.file("warga-nakal");
        long events = Events.of(pool, id);
        long segments = storedSegments();
        for (byte[] disguised : List.of(Evidence.executable(), Evidence.html())) {
            upload(Tokens.citizen("warga-nakal"), id, "foto.jpg", disguised, "image/jpeg", null, null, 415)
                    .path("code")
                    .equals("attachment.unsupported-media-type");
            multipart(Tokens.citizen("warga-nakal"))
                    .multiPart("file", "foto.jpg", disguised, "image/jpeg")
                    .post("/api/complaints/" + id + "/attachments")
                    .then()
                    .statusCode(415)
                    .contentType("application/problem+json")
                    .body("code", equalTo("attachment.unsupported-media-type"));
        }
        assertThat(Events.of(pool, id)).isEqualTo(events);
        assertThat(storedSegments()).isEqualTo(segments);
    }

    @Test
    void eleven_megabytes_is_413_and_nothing_is_written() throws Exception {
        String id = Api.file("warga-besar");
        long events = Events.of(pool, id);
        long segments = storedSegments();
        byte[] big = new byte[11 * 1024 * 1024];
        big[0] = (byte) 0xFF;
        big[1] = (byte) 0xD8;
        // declared: refused as a problem before the body is read
        String boundary = "----evidence" + UUID.randomUUID();
        var body = new java.io.ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"besar.jpg\"\r\n"
                        + "Content-Type: image/jpeg\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        body.write(big);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        var client = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .build();
        var response = client.send(
                java.net.http.HttpRequest.newBuilder(URI.create("http://localhost:" + io.restassured.RestAssured.port
                                + "/api/complaints/" + id + "/attachments"))
                        .header("Authorization", "Bearer " + Tokens.citizen("warga-besar"))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .expectContinue(true)
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(response.body()).contains("request.too-large");
        // chunked (no declared length): cut off while it is read
        multipart(Tokens.citizen("warga-besar"))
                .multiPart("file", "besar.jpg", big, "image/jpeg")
                .post("/api/complaints/" + id + "/attachments")
                .then()
                .statusCode(413);
        assertThat(Events.of(pool, id)).isEqualTo(events);
        assertThat(storedSegments()).isEqualTo(segments);
    }

    @Test
    void other_endpoints_keep_their_small_body_limit() {
        String id = Api.file("warga-json");
        String huge = "{\"reason\":\"" + "x".repeat(100 * 1024) + "\"}";
        as(Tokens.citizen("warga-json"))
                .body(huge)
                .post("/api/complaints/" + id + "/withdraw")
                .then()
                .statusCode(413);
    }

    @Test
    void a_png_loses_its_text_chunks() throws Exception {
        String id = Api.file("warga-png");
        String file = upload(
                        Tokens.citizen("warga-png"),
                        id,
                        "peta.png",
                        Evidence.pngWithText("Jl. Melati 7, Bengkalis"),
                        "image/png",
                        null,
                        null,
                        201)
                .path("id");
        byte[] served = download(Tokens.citizen("warga-png"), id, file);
        assertThat(new String(served, StandardCharsets.ISO_8859_1))
                .doesNotContain("Melati")
                .doesNotContain("tEXt");
        assertThat(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(served))
                        .getWidth())
                .isEqualTo(8);
    }

    @Test
    void who_may_attach_follows_the_deciders_rules() throws Exception {
        String id = Api.file("warga-aturan");
        long segments = storedSegments();
        upload(Tokens.citizen("warga-lain"), id, "a.pdf", Evidence.pdf(), "application/pdf", null, null, 403)
                .path("code")
                .equals("complaint.not-owner");
        upload(Tokens.officer("dinas-pupr"), id, "a.pdf", Evidence.pdf(), "application/pdf", null, null, 403);
        multipart(Tokens.auditor())
                .multiPart("file", "a.pdf", Evidence.pdf(), "application/pdf")
                .post("/api/complaints/" + id + "/attachments")
                .then()
                .statusCode(403);
        multipart(null)
                .multiPart("file", "a.pdf", Evidence.pdf(), "application/pdf")
                .post("/api/complaints/" + id + "/attachments")
                .then()
                .statusCode(401);
        upload(
                Tokens.citizen("warga-aturan"),
                UUID.randomUUID().toString(),
                "a.pdf",
                Evidence.pdf(),
                "application/pdf",
                null,
                null,
                404);
        upload(Tokens.citizen("warga-aturan"), id, "a.pdf", Evidence.pdf(), "application/pdf", null, "secret", 400);
        multipart(Tokens.citizen("warga-aturan"))
                .multiPart("caption", "no file")
                .post("/api/complaints/" + id + "/attachments")
                .then()
                .statusCode(400);
        assertThat(storedSegments()).isEqualTo(segments);
        // the complainant may attach no more once the complaint is withdrawn
        post(Tokens.citizen("warga-aturan"), "/api/complaints/" + id + "/withdraw", "{\"reason\":\"selesai\"}")
                .statusCode(200);
        upload(Tokens.citizen("warga-aturan"), id, "a.pdf", Evidence.pdf(), "application/pdf", null, null, 409);
        assertThat(storedSegments()).isEqualTo(segments);
    }

    @Test
    void a_redacted_file_answers_410_its_bytes_are_gone_and_the_ledger_still_verifies() throws Exception {
        String id = Api.dispatched("warga-redaksi");
        String file = upload(
                        Tokens.citizen("warga-redaksi"),
                        id,
                        "wajah.jpg",
                        Evidence.jpegWithGps(),
                        "image/jpeg",
                        null,
                        null,
                        201)
                .path("id");
        assertThat(segmentsOf(file)).isPositive();
        String path = "/api/complaints/" + id + "/attachments/" + file + "/redaction";
        post(Tokens.citizen("warga-redaksi"), path, "{\"reason\":\"x\"}").statusCode(403);
        post(Tokens.operator(), path, "{}").statusCode(400);
        post(Tokens.operator(), path, "{\"reason\":\"Memperlihatkan wajah orang lain\"}")
                .statusCode(200)
                .body("redacted", equalTo(true));
        post(Tokens.operator(), path, "{\"reason\":\"again\"}")
                .statusCode(409)
                .body("code", equalTo("complaint.attachment-already-redacted"));
        assertThat(segmentsOf(file)).isZero();
        for (String token : List.of(Tokens.operator(), Tokens.officer("dinas-pupr"), Tokens.citizen("warga-redaksi"))) {
            multipart(token)
                    .get("/api/complaints/" + id + "/attachments/" + file)
                    .then()
                    .statusCode(410)
                    .body("code", equalTo("attachment.redacted"));
        }
        multipart(Tokens.citizen("warga-redaksi"))
                .get("/api/complaints/" + id + "/attachments")
                .then()
                .body("items", empty());
        multipart(Tokens.operator())
                .get("/api/complaints/" + id + "/attachments")
                .then()
                .body("items[0].redacted", equalTo(true));
        as(Tokens.auditor())
                .get("/api/complaints/" + id + "/history")
                .then()
                .body("events[-1].type", equalTo("complaint.attachment-redacted"))
                .body("events[-2].type", equalTo("complaint.attachment-added"));
        ledgerVerifies(id);
    }

    @Test
    void after_erasure_the_complainants_files_are_gone_staff_files_stay_and_the_ledger_still_verifies()
            throws Exception {
        String citizen = "warga-hapus-berkas";
        String id = Api.dispatched(citizen);
        String own = upload(
                        Tokens.citizen(citizen),
                        id,
                        "rumah.jpg",
                        Evidence.jpegWithGps(),
                        "image/jpeg",
                        "Rumah saya",
                        null,
                        201)
                .path("id");
        String staff = upload(
                        Tokens.officer("dinas-pupr"),
                        id,
                        "nota.pdf",
                        Evidence.pdf(),
                        "application/pdf",
                        null,
                        "public",
                        201)
                .path("id");
        post(Tokens.citizen(citizen), "/api/complainants/" + citizen + "/erasure", "{\"reason\":\"UU PDP\"}")
                .statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> segmentsOf(own) == 0);
        assertThat(segmentsOf(staff)).isPositive();
        multipart(Tokens.operator())
                .get("/api/complaints/" + id + "/attachments/" + own)
                .then()
                .statusCode(410)
                .body("code", equalTo("attachment.erased"));
        multipart(Tokens.operator())
                .get("/api/complaints/" + id + "/attachments")
                .then()
                .statusCode(200)
                .body("items[0].caption", nullValue());
        assertThat(download(Tokens.operator(), id, staff)).isEqualTo(Evidence.pdf());
        ledgerVerifies(id);
    }

    @Test
    void a_retried_upload_with_the_same_idempotency_key_records_one_file() throws Exception {
        String id = Api.file("warga-ulang");
        long segments = storedSegments();
        String first = multipart(Tokens.citizen("warga-ulang"))
                .header("Idempotency-Key", "upload-1")
                .multiPart("file", "a.pdf", Evidence.pdf(), "application/pdf")
                .post("/api/complaints/" + id + "/attachments")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        long events = Events.of(pool, id);
        String again = multipart(Tokens.citizen("warga-ulang"))
                .header("Idempotency-Key", "upload-1")
                .multiPart("file", "a.pdf", Evidence.pdf(), "application/pdf")
                .post("/api/complaints/" + id + "/attachments")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        assertThat(again).isEqualTo(first);
        assertThat(Events.of(pool, id)).isEqualTo(events);
        assertThat(storedSegments()).isEqualTo(segments + segmentsOf(first));
    }
}
