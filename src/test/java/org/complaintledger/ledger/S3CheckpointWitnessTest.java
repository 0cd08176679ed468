package org.complaintledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.complaintledger.ledger.LedgerProbe.awaitSequenced;
import static org.complaintledger.support.Api.as;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.core.Vertx;
import io.vertx.sqlclient.Pool;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.complaintledger.support.Api;
import org.complaintledger.support.S3Stores;
import org.complaintledger.support.Tokens;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * The checkpoint witness in an S3-compatible bucket, against a real one (s3proxy over a directory, so the test reads
 * the objects as files): every checkpoint becomes its own object holding what the API answers for it; a witness that
 * starts again writes nothing twice and overwrites nothing (conditional writes); a write that failed is made on the
 * next round.
 */
@QuarkusTest
@TestProfile(S3Stores.class)
class S3CheckpointWitnessTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Pool pool;

    @Inject
    LedgerCheckpoints checkpoints;

    @Inject
    Vertx vertx;

    @Inject
    Clock clock;

    @Test
    void every_checkpoint_becomes_an_object_a_restart_writes_nothing_twice_and_nothing_is_overwritten()
            throws Exception {
        long seq = awaitCheckpointedAndWitnessed();
        Map<String, JsonNode> objects = objects(S3WitnessBucket.BUCKET);
        assertThat(objects).isNotEmpty();
        // each object is the checkpoint as the API answers it, under a key made of its ledgerSeq
        JsonNode api = as(Tokens.auditor())
                .queryParam("limit", "1000")
                .get("/api/ledger/checkpoints")
                .then()
                .statusCode(200)
                .extract()
                .as(JsonNode.class);
        Map<String, JsonNode> byKey = new TreeMap<>();
        api.get("checkpoints")
                .forEach(
                        c -> byKey.put("%020d.json".formatted(c.get("ledgerSeq").asLong()), c));
        for (var object : objects.entrySet()) {
            assertThat(object.getValue()).as(object.getKey()).isEqualTo(byKey.get(object.getKey()));
        }
        assertThat(objects.keySet().stream().map(k -> Long.parseLong(k.substring(0, 20))))
                .anyMatch(s -> s >= seq);

        Map<String, FileTime> written = modified(S3WitnessBucket.BUCKET);
        S3CheckpointWitness.Settings settings = settings();
        try (S3CheckpointWitness bucket = new S3CheckpointWitness(settings, clock)) {
            // a witness starting again (another instance, a restart) finds where the bucket ends and adds nothing
            var restarted = new CheckpointWitness(checkpoints, vertx, List.of(bucket), Duration.ofHours(1));
            assertThat(restarted.publish().await().atMost(Duration.ofSeconds(30)))
                    .isZero();

            // written again from the start, every key is refused (If-None-Match: *) and found to hold the same
            List<LedgerCheckpoints.Checkpoint> all =
                    checkpoints.page(0, 1000).await().atMost(Duration.ofSeconds(10)).checkpoints().stream()
                            .filter(c -> written.containsKey("%020d.json".formatted(c.ledgerSeq())))
                            .toList();
            Thread.sleep(1100); // a rewrite would show in the files' modification times, which have 1 s granularity
            bucket.write(all);

            // a different checkpoint under an existing key is refused, and the object keeps what it held
            LedgerCheckpoints.Checkpoint first = all.getFirst();
            var forged = new LedgerCheckpoints.Checkpoint(
                    first.ledgerSeq(), "00".repeat(32), first.signedAt(), first.signature(), first.keyId());
            assertThatThrownBy(() -> bucket.write(List.of(forged)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("different checkpoint");
        }
        Map<String, FileTime> after = modified(S3WitnessBucket.BUCKET);
        for (var object : written.entrySet()) {
            assertThat(after.get(object.getKey())).as(object.getKey()).isEqualTo(object.getValue());
        }
        assertThat(objects(S3WitnessBucket.BUCKET)).containsAllEntriesOf(objects);
    }

    @Test
    void a_write_that_failed_is_made_on_the_next_round() throws Exception {
        awaitCheckpointedAndWitnessed();
        String late = "late-" + UUID.randomUUID().toString().substring(0, 8);
        S3CheckpointWitness.Settings settings = in(late, settings().secretAccessKey());
        List<SdkHttpRequest> puts = new CopyOnWriteArrayList<>();
        // s3proxy has no object lock and refuses its headers (501): they are recorded as the SDK made them, then
        // removed before the request is signed and sent
        ExecutionInterceptor recorder = new ExecutionInterceptor() {
            @Override
            public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
                SdkHttpRequest request = context.httpRequest();
                if (request.method() != SdkHttpMethod.PUT) {
                    return request;
                }
                puts.add(request);
                return request.toBuilder()
                        .removeHeader("x-amz-object-lock-mode")
                        .removeHeader("x-amz-object-lock-retain-until-date")
                        .build();
            }
        };
        AtomicInteger writes = new AtomicInteger();
        try (S3CheckpointWitness bucket = new S3CheckpointWitness(settings, clock, List.of(recorder));
                S3CheckpointWitness denied = new S3CheckpointWitness(
                        in(late, java.util.Optional.of("not-the-secret")), clock, List.of(recorder))) {
            // the first write is refused by the server (a wrong signature), every later one goes through
            CheckpointWitness.Sink flaky = new CheckpointWitness.Sink() {
                @Override
                public String name() {
                    return bucket.name();
                }

                @Override
                public long lastWitnessed() {
                    return bucket.lastWitnessed();
                }

                @Override
                public void write(List<LedgerCheckpoints.Checkpoint> page) {
                    (writes.getAndIncrement() == 0 ? denied : bucket).write(page);
                }
            };
            var witness = new CheckpointWitness(checkpoints, vertx, List.of(flaky), Duration.ofHours(1));
            // no bucket yet: the round fails before any write, and nothing counts as witnessed
            assertThatThrownBy(() -> witness.publish().await().atMost(Duration.ofSeconds(30)))
                    .isInstanceOf(Exception.class);
            assertThat(writes).hasValue(0);
            Files.createDirectories(S3WitnessBucket.proxy.root().resolve(late));
            // the bucket is there, the write is refused: nothing written, nothing counts as witnessed
            assertThatThrownBy(() -> witness.publish().await().atMost(Duration.ofSeconds(30)))
                    .isInstanceOf(Exception.class);
            assertThat(writes).hasValue(1);
            assertThat(objects(late)).isEmpty();

            int written = witness.publish().await().atMost(Duration.ofSeconds(30));
            assertThat(written).isPositive();
            assertThat(objects(late)).hasSize(written);
            assertThat(objects(S3WitnessBucket.BUCKET)).containsAllEntriesOf(objects(late));
            assertThat(witness.publish().await().atMost(Duration.ofSeconds(30))).isZero();
        }
        // what a server with conditional writes and object lock is asked for
        assertThat(puts).isNotEmpty().allSatisfy(put -> {
            assertThat(put.firstMatchingHeader("If-None-Match")).hasValue("*");
            assertThat(put.firstMatchingHeader("Content-MD5")).isPresent();
            assertThat(put.firstMatchingHeader("x-amz-object-lock-mode")).hasValue("COMPLIANCE");
            assertThat(put.firstMatchingHeader("x-amz-object-lock-retain-until-date"))
                    .hasValueSatisfying(until -> assertThat(Instant.parse(until))
                            .isAfter(Instant.now().plus(Duration.ofDays(3649))));
        });
    }

    /** The witness's settings for another bucket, with this secret, under ten years' object-lock retention. */
    private static S3CheckpointWitness.Settings in(String bucket, java.util.Optional<String> secret) {
        S3CheckpointWitness.Settings base = settings();
        return new S3CheckpointWitness.Settings(
                bucket,
                base.endpoint(),
                base.region(),
                base.accessKeyId(),
                secret,
                base.pathStyle(),
                base.prefix(),
                java.util.Optional.of(Duration.ofDays(3650)),
                base.retentionMode());
    }

    /** Files complaints until a checkpoint covers one, and waits for the service's witness to hold it; its ledgerSeq. */
    private long awaitCheckpointedAndWitnessed() throws Exception {
        UUID complaint = UUID.fromString(Api.file("warga-saksi-s3"));
        long seq = awaitSequenced(pool, complaint).getLast();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (true) {
            boolean witnessed = objects(S3WitnessBucket.BUCKET).keySet().stream()
                    .anyMatch(k -> Long.parseLong(k.substring(0, 20)) >= seq);
            if (witnessed) {
                return seq;
            }
            Api.file("warga-saksi-s3-pengisi"); // more events, so that a checkpoint comes due
            assertThat(Instant.now())
                    .as("a checkpoint at or after %d in the bucket", seq)
                    .isBefore(deadline);
            Thread.sleep(300);
        }
    }

    private static S3CheckpointWitness.Settings settings() {
        return CheckpointWitness.s3Settings(ConfigProvider.getConfig()).orElseThrow();
    }

    private static Path directory(String bucket) {
        return S3WitnessBucket.proxy.root().resolve(bucket).resolve("ledger").resolve("checkpoints");
    }

    /** The bucket's checkpoint objects, by name under the prefix. */
    private static Map<String, JsonNode> objects(String bucket) throws IOException {
        Map<String, JsonNode> objects = new TreeMap<>();
        if (!Files.isDirectory(directory(bucket))) {
            return objects;
        }
        try (Stream<Path> files = Files.list(directory(bucket))) {
            for (Path file : files.toList()) {
                objects.put(file.getFileName().toString(), JSON.readTree(file.toFile()));
            }
        }
        return objects;
    }

    private static Map<String, FileTime> modified(String bucket) throws IOException {
        Map<String, FileTime> times = new TreeMap<>();
        try (Stream<Path> files = Files.list(directory(bucket))) {
            for (Path file : files.toList()) {
                times.put(file.getFileName().toString(), Files.getLastModifiedTime(file));
            }
        }
        return times;
    }
}
