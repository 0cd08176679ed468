package org.complaintledger.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.complaintledger.support.Api.as;
import static org.complaintledger.support.Api.file;
import static org.complaintledger.support.Api.post;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import org.complaintledger.complaint.Actor;
import org.complaintledger.complaint.Channel;
import org.complaintledger.complaint.FilingRules;
import org.complaintledger.complaint.ReportType;
import org.complaintledger.complaint.Role;
import org.complaintledger.complaint.handling.ComplainantPseudonyms;
import org.complaintledger.complaint.handling.ComplaintCommandHandler;
import org.complaintledger.complaint.handling.Filing;
import org.complaintledger.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * A citizen's pseudonym is stored, random and deletable: two first requests agree on it, erasure deletes the mapping
 * so that the account starts afresh under a new one, and an account with complaints under the pseudonym computed
 * before the mapping was stored keeps them until it is erased.
 */
@QuarkusTest
class StoredPseudonymTest {

    @Inject
    Pool pool;

    @Inject
    ComplainantPseudonyms pseudonyms;

    @Inject
    SubjectPseudonyms keys;

    @Inject
    Filing filing;

    @Inject
    io.vertx.mutiny.sqlclient.Pool reactivePool;

    @Inject
    org.complaintledger.complaint.handling.ComplaintHistory history;

    @Inject
    io.vertx.mutiny.core.Vertx vertx;

    @Test
    void racing_first_lookups_of_one_account_agree_on_one_pseudonym() {
        for (int round = 0; round < 5; round++) {
            String account = "warga-race-" + UUID.randomUUID();
            List<Uni<String>> lookups = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                lookups.add(pseudonyms.of(account));
            }
            // all subscribed at once: each misses the cache and the table, and each inserts its own candidate
            List<String> answers = Uni.join().all(lookups).andFailFast().await().atMost(Duration.ofSeconds(10));
            assertThat(new HashSet<>(answers)).hasSize(1);
            String pseudonym = answers.getFirst();
            assertThat(pseudonym).matches("c-[0-9a-f]{40}").isNotEqualTo(keys.legacy(account));
            assertThat(rows(
                            "SELECT count(*) FROM complainant_pseudonyms WHERE account_hash = $1",
                            keys.accountHash(account)))
                    .isOne();
        }
    }

    @Test
    void two_racing_first_filings_over_http_are_filed_under_one_pseudonym() throws Exception {
        String account = "warga-race-http-" + UUID.randomUUID();
        var threads = Executors.newFixedThreadPool(2);
        try {
            var first = CompletableFuture.supplyAsync(() -> file(account), threads);
            var second = CompletableFuture.supplyAsync(() -> file(account), threads);
            Set<String> subjects = new HashSet<>();
            for (String id : List.of(first.get(), second.get())) {
                subjects.add(as(Tokens.auditor())
                        .get("/api/complaints/" + id + "/history")
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("events[0].actor.subject"));
            }
            assertThat(subjects).containsExactly(pseudonyms.of(account).await().indefinitely());
        } finally {
            threads.shutdown();
        }
    }

    @Test
    void after_erasure_the_account_files_under_a_new_pseudonym_and_nothing_links_it_to_the_old() {
        String account = "warga-afresh-" + UUID.randomUUID();
        String erased = file(account);
        String old = pseudonyms.of(account).await().indefinitely();
        as(Tokens.citizen(account))
                .get("/api/complaints/mine")
                .then()
                .statusCode(200)
                .body("items.id", contains(erased));

        post(Tokens.citizen(account), "/api/complainants/" + account + "/erasure", "{}")
                .statusCode(200)
                .body("erased", contains(erased));
        assertThat(rows("SELECT count(*) FROM complainant_pseudonyms WHERE pseudonym = $1", old))
                .as("the old mapping")
                .isZero();
        assertThat(rows(
                        "SELECT count(*) FROM complainant_pseudonyms WHERE account_hash = $1",
                        keys.accountHash(account)))
                .as("no mapping of the account until its next request")
                .isZero();

        as(Tokens.citizen(account))
                .get("/api/complaints/mine")
                .then()
                .statusCode(200)
                .body("items", empty());
        String later = file(account);
        String fresh = pseudonyms.of(account).await().indefinitely();
        assertThat(fresh).isNotEqualTo(old);
        as(Tokens.citizen(account))
                .get("/api/complaints/mine")
                .then()
                .statusCode(200)
                .body("items.id", contains(later));
        as(Tokens.auditor())
                .get("/api/complaints/" + later + "/history")
                .then()
                .body("events[0].actor.subject", org.hamcrest.Matchers.equalTo(fresh));
        for (String value : List.of(account, old)) {
            assertThat(rows("SELECT count(*) FROM complainant_pseudonyms t WHERE strpos(t::text, $1) > 0", value))
                    .as(value)
                    .isZero();
        }
    }

    @Test
    void an_account_with_complaints_under_its_legacy_pseudonym_keeps_them_until_it_is_erased() {
        String account = "warga-legacy-" + UUID.randomUUID();
        String legacy = keys.legacy(account);
        // filed as the release before stored pseudonyms did: under the computed value, with no mapping
        UUID filed = filing.file(
                        FilingRules.Source.CITIZEN_API,
                        new Filing.Application(
                                new Actor(legacy, Role.CITIZEN, null),
                                null,
                                ReportType.COMPLAINT,
                                "INFRASTRUCTURE",
                                Channel.WEB,
                                "Lampu jalan mati",
                                "Sudah seminggu gelap di gang kami.",
                                null,
                                true,
                                false,
                                null,
                                null,
                                null,
                                null),
                        new ComplaintCommandHandler.Directives(
                                null, null, null, null, ComplaintCommandHandler.Effect.CREATED, "legacy-test"))
                .await()
                .atMost(Duration.ofSeconds(10))
                .complaint()
                .id();

        as(Tokens.citizen(account))
                .get("/api/complaints/mine")
                .then()
                .statusCode(200)
                .body("items.id", contains(filed.toString()));
        assertThat(pseudonyms.of(account).await().indefinitely()).isEqualTo(legacy);

        post(Tokens.citizen(account), "/api/complainants/" + account + "/erasure", "{}")
                .statusCode(200);
        as(Tokens.citizen(account))
                .get("/api/complaints/mine")
                .then()
                .statusCode(200)
                .body("items", empty());
        assertThat(pseudonyms.of(account).await().indefinitely())
                .as("an erased legacy pseudonym is never adopted again")
                .isNotEqualTo(legacy);
    }

    @Test
    void an_erasure_on_one_instance_empties_every_other_instances_cached_mapping() {
        var config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        // another instance: its own cache, which keeps an entry an hour, listening as the service's instances do
        var other = new ComplainantPseudonyms(reactivePool, keys, history, 100, Duration.ofHours(1));
        other.listen(
                        vertx,
                        config.getValue("quarkus.datasource.reactive.url", String.class),
                        config.getOptionalValue("quarkus.datasource.username", String.class),
                        config.getOptionalValue("quarkus.datasource.password", String.class))
                .await()
                .atMost(Duration.ofSeconds(10));
        String account = "warga-two-instances-" + UUID.randomUUID();
        file(account);
        String old = other.of(account).await().indefinitely();
        assertThat(old).isEqualTo(pseudonyms.of(account).await().indefinitely());

        post(Tokens.citizen(account), "/api/complainants/" + account + "/erasure", "{}")
                .statusCode(200);
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .untilAsserted(() ->
                        assertThat(other.of(account).await().indefinitely()).isNotEqualTo(old));
        assertThat(pseudonyms.of(account).await().indefinitely())
                .isEqualTo(other.of(account).await().indefinitely());
        other.stop(null);
    }

    @Test
    void an_operator_filing_for_an_account_makes_its_pseudonym_and_a_refused_one_leaves_no_mapping() {
        String account = "warga-desk-" + UUID.randomUUID();
        String walkIn = org.complaintledger.support.Api.complaint("Siti Aminah", false, false)
                .replace("\"channel\":\"WEB\"", "\"channel\":\"WALK_IN\",\"complainantSubject\":\"" + account + "\"");
        var clientError = org.hamcrest.Matchers.both(org.hamcrest.Matchers.greaterThanOrEqualTo(400))
                .and(org.hamcrest.Matchers.lessThan(500));
        post(Tokens.operator(), "/api/complaints", walkIn.replace("\"INFRASTRUCTURE\"", "\"NO-SUCH-CATEGORY\""))
                .statusCode(clientError);
        post(Tokens.operator(), "/api/complaints", walkIn.replace("WALK_IN", "WEB"))
                .statusCode(clientError);
        assertThat(rows(
                        "SELECT count(*) FROM complainant_pseudonyms WHERE account_hash = $1",
                        keys.accountHash(account)))
                .as("a refused filing makes no pseudonym")
                .isZero();

        String id = post(Tokens.operator(), "/api/complaints", walkIn)
                .statusCode(201)
                .extract()
                .path("id");
        assertThat(rows(
                        "SELECT count(*) FROM complainant_pseudonyms WHERE account_hash = $1",
                        keys.accountHash(account)))
                .isOne();
        as(Tokens.citizen(account))
                .get("/api/complaints/mine")
                .then()
                .statusCode(200)
                .body("items.id", contains(id));
    }

    @Test
    void with_pseudonyms_off_the_account_id_is_the_subject() {
        var off = new ComplainantPseudonyms(
                null, new SubjectPseudonyms(DerivedKeyTest.KEK, false), null, 10, Duration.ofSeconds(1));
        assertThat(off.of("warga-42").await().indefinitely()).isEqualTo("warga-42");
        assertThat(off.existing("warga-42").await().indefinitely()).isEqualTo("warga-42");
        assertThat(off.forget("warga-42").await().indefinitely()).isNull();
    }

    private long rows(String sql, String value) {
        return pool.preparedQuery(sql)
                .execute(Tuple.of(value))
                .toCompletionStage()
                .toCompletableFuture()
                .join()
                .iterator()
                .next()
                .getLong(0);
    }
}
