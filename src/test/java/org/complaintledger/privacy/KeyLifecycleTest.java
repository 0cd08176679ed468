package org.complaintledger.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.complaintledger.support.Api.as;
import static org.complaintledger.support.Api.post;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.complaintledger.support.Api;
import org.complaintledger.support.Tokens;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The data keys' life (issue 18, medium): data sealed under a key that an erasure destroyed stays erased after the
 * complainant's next key exists, never a 500, also when the erasure races the filing on real threads; and the KEK
 * rotates, every data key re-wrapped under the new one.
 */
@QuarkusTest
class KeyLifecycleTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final PersonalData SITI = new PersonalData("Siti Aminah", "1403012345678901", null, null, null);
    private static final PersonalData BUDI = new PersonalData("Budi Santoso", "1403019876543210", null, null, null);

    @Inject
    PersonalDataVault vault;

    @Inject
    Pool pool;

    @Inject
    io.vertx.mutiny.core.Vertx vertx;

    @Test
    void a_key_destroyed_on_one_instance_leaves_every_other_instances_cache() {
        var config = ConfigProvider.getConfig();
        // another instance: its own cache, which would keep a key an hour, listening as the service's instances do
        String kek = config.getValue("ledger.crypto.kek", String.class);
        PersonalDataVault other = new PersonalDataVault(kek, Optional.empty(), pool, 100, Duration.ofHours(1));
        other.listen(
                        vertx,
                        config.getValue("quarkus.datasource.reactive.url", String.class),
                        config.getOptionalValue("quarkus.datasource.username", String.class),
                        config.getOptionalValue("quarkus.datasource.password", String.class))
                .await()
                .atMost(WAIT);
        try {
            String subject =
                    "warga-dua-instansi-" + UUID.randomUUID().toString().substring(0, 8);
            String first = other.seal(subject, SITI).await().atMost(WAIT);
            assertThat(vault.open(subject, first).await().atMost(WAIT)).contains(SITI);

            assertThat(vault.destroyKey(subject).await().atMost(WAIT)).isTrue();
            // sealed by the other instance after the erasure: under the subject's new key, never the destroyed one
            // that its cache held, or the complainant's new data would read as erased
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                String next = other.seal(subject, BUDI).await().atMost(WAIT);
                assertThat(vault.open(subject, next).await().atMost(WAIT)).contains(BUDI);
            });
            assertThat(vault.open(subject, first).await().atMost(WAIT)).isEmpty();
        } finally {
            other.stop(null);
        }
    }

    @Test
    void data_sealed_under_an_erased_key_reads_as_erased_even_once_the_subject_has_a_new_key() {
        String subject = "warga-kunci-" + UUID.randomUUID().toString().substring(0, 8);
        String before = vault.seal(subject, SITI).await().atMost(WAIT);
        assertThat(vault.destroyKey(subject).await().atMost(WAIT)).isTrue();
        String after = vault.seal(subject, BUDI).await().atMost(WAIT);

        assertThat(vault.open(subject, before).await().atMost(WAIT)).isEmpty();
        assertThat(vault.open(subject, after).await().atMost(WAIT)).contains(BUDI);
    }

    @Test
    void an_erasure_racing_filings_on_real_threads_never_makes_a_complaint_answer_500() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 6; round++) {
                String citizen = "warga-balapan-" + round + "-"
                        + UUID.randomUUID().toString().substring(0, 6);
                String first = Api.file(citizen); // so that the erasure has a complainant to find
                CyclicBarrier start = new CyclicBarrier(2);
                Future<String> filing = threads.submit(() -> {
                    start.await();
                    return as(Tokens.citizen(citizen))
                            .body(Api.complaint("Siti Aminah", false, false))
                            .post("/api/complaints")
                            .then()
                            .statusCode(201)
                            .extract()
                            .path("id");
                });
                Future<Integer> erasure = threads.submit(() -> {
                    start.await();
                    return post(
                                    Tokens.citizen(citizen),
                                    "/api/complainants/" + citizen + "/erasure",
                                    "{\"reason\":\"UU PDP\"}")
                            .extract()
                            .statusCode();
                });
                String raced = filing.get();
                assertThat(erasure.get()).isEqualTo(200);
                String later = Api.file(citizen); // a new data key for the same subject

                List<String> ids = new ArrayList<>(List.of(first, raced, later));
                for (String id : ids) {
                    int status = as(Tokens.operator())
                            .get("/api/complaints/" + id)
                            .then()
                            .extract()
                            .statusCode();
                    assertThat(status).as("round %d, complaint %s", round, id).isEqualTo(200);
                }
                as(Tokens.operator())
                        .get("/api/complaints/" + first)
                        .then()
                        .body("complainant", org.hamcrest.Matchers.nullValue());
                as(Tokens.operator())
                        .get("/api/complaints/" + later)
                        .then()
                        .body("complainant.name", org.hamcrest.Matchers.equalTo("Siti Aminah"));
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void a_kek_rotation_rewraps_every_data_key_under_the_new_kek_and_the_data_still_opens() {
        String testKek = ConfigProvider.getConfig().getValue("ledger.crypto.kek", String.class);
        String newKek = Base64.getEncoder().encodeToString("a-new-key-encryption-key-32bytes".getBytes());
        String subject = "warga-rotasi-" + UUID.randomUUID().toString().substring(0, 8);
        String sealed = vault.seal(subject, SITI).await().atMost(WAIT);

        PersonalDataVault rotated =
                new PersonalDataVault(newKek, Optional.of(List.of(testKek)), pool, 100, Duration.ofSeconds(30));
        try {
            assertThat(rotated.kekId()).isNotEqualTo(vault.kekId());
            assertThat(rotated.rewrap().await().atMost(WAIT)).isPositive();
            assertThat(kekIdOf(subject)).isEqualTo(rotated.kekId());
            // the old KEK can go: a vault that knows only the new one opens the data
            PersonalDataVault newOnly =
                    new PersonalDataVault(newKek, Optional.empty(), pool, 100, Duration.ofSeconds(30));
            assertThat(newOnly.open(subject, sealed).await().atMost(WAIT)).contains(SITI);
            assertThat(rotated.rewrap().await().atMost(WAIT)).isZero();
        } finally {
            // the rest of the suite runs under the test KEK: rotate back
            new PersonalDataVault(testKek, Optional.of(List.of(newKek)), pool, 100, Duration.ofSeconds(30))
                    .rewrap()
                    .await()
                    .atMost(WAIT);
        }
        assertThat(kekIdOf(subject)).isEqualTo(vault.kekId());
        assertThat(vault.open(subject, sealed).await().atMost(WAIT)).contains(SITI);
    }

    private String kekIdOf(String subject) {
        return pool.preparedQuery("SELECT kek_id FROM data_keys WHERE subject = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(subject))
                .await()
                .atMost(WAIT)
                .iterator()
                .next()
                .getString("kek_id");
    }
}
