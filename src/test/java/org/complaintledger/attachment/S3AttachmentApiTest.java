package org.complaintledger.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.complaintledger.attachment.AttachmentApiTest.download;
import static org.complaintledger.attachment.AttachmentApiTest.multipart;
import static org.complaintledger.attachment.AttachmentApiTest.upload;
import static org.complaintledger.support.Api.as;
import static org.complaintledger.support.Api.post;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.sqlclient.Pool;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.UUID;
import org.complaintledger.ledger.LedgerProbe;
import org.complaintledger.support.Api;
import org.complaintledger.support.S3Stores;
import org.complaintledger.support.Tokens;
import org.junit.jupiter.api.Test;

/** The same evidence on {@code ledger.attachments.store=s3}, against a real S3-compatible server (s3proxy). */
@QuarkusTest
@TestProfile(S3Stores.class)
class S3AttachmentApiTest {

    @Inject
    Pool pool;

    @Test
    void a_photo_is_stored_in_the_bucket_stripped_and_sealed_and_served_back_with_the_hash_in_the_ledger()
            throws Exception {
        String id = Api.dispatched("warga-s3");
        byte[] photo = Evidence.jpegWithGps();
        var created =
                upload(Tokens.citizen("warga-s3"), id, "rumah.jpg", photo, "image/jpeg", "Di depan rumah", null, 201);
        String file = created.path("id");

        byte[] object = Files.readAllBytes(S3ProxyResource.object(file));
        assertThat(new String(object, 0, 4, StandardCharsets.US_ASCII))
                .as("sealed, not the JPEG")
                .isEqualTo("CLA1");
        assertThat(new String(object, StandardCharsets.ISO_8859_1))
                .doesNotContain("PhoneMaker")
                .doesNotContain("JFIF");

        byte[] served = download(Tokens.officer("dinas-pupr"), id, file);
        assertThat(Evidence.gps(served)).isNull();
        assertThat(Evidence.sha256(served)).isEqualTo(created.<String>path("sha256"));
        as(Tokens.auditor())
                .get("/api/complaints/" + id + "/history")
                .then()
                .body("events[-1].data.sha256", equalTo(Evidence.sha256(served)));
    }

    @Test
    void a_refused_file_leaves_no_object_and_a_redacted_one_is_deleted_from_the_bucket() throws Exception {
        String id = Api.dispatched("warga-s3-redaksi");
        long objects = objects();
        upload(Tokens.citizen("warga-s3-redaksi"), id, "foto.jpg", Evidence.html(), "image/jpeg", null, null, 415);
        assertThat(objects()).isEqualTo(objects);

        String file = upload(
                        Tokens.citizen("warga-s3-redaksi"),
                        id,
                        "foto.jpg",
                        Evidence.jpegWithGps(),
                        "image/jpeg",
                        null,
                        null,
                        201)
                .path("id");
        assertThat(S3ProxyResource.object(file)).exists();
        post(
                        Tokens.operator(),
                        "/api/complaints/" + id + "/attachments/" + file + "/redaction",
                        "{\"reason\":\"Wajah orang lain\"}")
                .statusCode(200);
        assertThat(S3ProxyResource.object(file)).doesNotExist();
        multipart(Tokens.operator())
                .get("/api/complaints/" + id + "/attachments/" + file)
                .then()
                .statusCode(410);
        LedgerProbe.awaitSequenced(pool, UUID.fromString(id));
        as(Tokens.auditor())
                .queryParam("complaintId", id)
                .get("/api/ledger/verify")
                .then()
                .statusCode(200)
                .body("valid", equalTo(true))
                .body("firstInvalid", nullValue());
    }

    @Test
    void erasure_deletes_the_complainants_objects_from_the_bucket() throws Exception {
        String citizen = "warga-s3-hapus";
        String id = Api.dispatched(citizen);
        String file = upload(
                        Tokens.citizen(citizen), id, "rumah.jpg", Evidence.jpegWithGps(), "image/jpeg", null, null, 201)
                .path("id");
        assertThat(S3ProxyResource.object(file)).exists();
        post(Tokens.citizen(citizen), "/api/complainants/" + citizen + "/erasure", "{}")
                .statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(S3ProxyResource.object(file)));
        multipart(Tokens.operator())
                .get("/api/complaints/" + id + "/attachments/" + file)
                .then()
                .statusCode(410)
                .body("code", equalTo("attachment.erased"));
    }

    private static long objects() throws Exception {
        var dir = S3ProxyResource.root.resolve(S3ProxyResource.BUCKET).resolve("attachments");
        if (!Files.exists(dir)) {
            return 0;
        }
        try (var files = Files.list(dir)) {
            return files.count();
        }
    }
}
