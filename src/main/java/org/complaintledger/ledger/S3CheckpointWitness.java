package org.complaintledger.ledger;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The checkpoint witness in an S3-compatible bucket: each checkpoint is its own object,
 * {@code <prefix><ledgerSeq, 20 digits>.json}, holding the checkpoint as the API answers it. A ledgerSeq is checkpointed
 * once, so a key never repeats. An object once written is never replaced, not even by this service: each key is looked
 * for before it is written, and the write is conditional ({@code If-None-Match: *}) where the server supports it, which
 * also settles two instances racing; a key found there is compared, and holds either the same checkpoint (a re-run)
 * or another (the database's checkpoints were rewritten, or another ledger writes to the
 * prefix). With {@code retention} set, each object is written under object-lock retention (the bucket must have object
 * lock enabled), so that the bucket's own administrators cannot delete or change it before then either.
 *
 * <p>The same SDK and client set-up as the attachments' S3 store (blocking calls, made on a worker thread).
 */
final class S3CheckpointWitness implements CheckpointWitness.Sink {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The settings under {@code ledger.signing.witness.s3}. */
    record Settings(
            String bucket,
            Optional<String> endpoint,
            String region,
            Optional<String> accessKeyId,
            Optional<String> secretAccessKey,
            boolean pathStyle,
            String prefix,
            Optional<Duration> retention,
            ObjectLockMode retentionMode) {}

    private final S3Client s3;
    private final Settings settings;
    private final Clock clock;

    S3CheckpointWitness(Settings settings, Clock clock) {
        this(settings, clock, List.of());
    }

    /** With interceptors that see every request as sent: a test's way to read the headers a server may ignore. */
    S3CheckpointWitness(Settings settings, Clock clock, List<ExecutionInterceptor> interceptors) {
        var builder = S3Client.builder()
                .overrideConfiguration(c -> c.executionInterceptors(interceptors))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.of(settings.region()))
                .forcePathStyle(settings.pathStyle())
                // checksums only where S3 requires them, as for attachments; every put carries Content-MD5 instead,
                // which S3 requires of writes under object lock and every S3-compatible server understands
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(credentials(settings));
        settings.endpoint()
                .filter(e -> !e.isBlank())
                .ifPresent(endpoint -> builder.endpointOverride(URI.create(endpoint)));
        this.s3 = builder.build();
        this.settings = settings;
        this.clock = clock;
    }

    private static AwsCredentialsProvider credentials(Settings settings) {
        if (settings.accessKeyId().isPresent() && settings.secretAccessKey().isPresent()) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(
                    settings.accessKeyId().get(), settings.secretAccessKey().get()));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    @Override
    public String name() {
        return "s3://" + settings.bucket() + "/" + settings.prefix();
    }

    /** The object key of a checkpoint: zero-padded, so that the bucket lists checkpoints in ledger order. */
    String key(long ledgerSeq) {
        return settings.prefix() + "%020d.json".formatted(ledgerSeq);
    }

    /** The highest ledgerSeq under the prefix, from a listing (one request per 1,000 checkpoints), 0 for none. */
    @Override
    public long lastWitnessed() {
        long last = 0;
        for (S3Object object : s3.listObjectsV2Paginator(
                        request -> request.bucket(settings.bucket()).prefix(settings.prefix()))
                .contents()) {
            String name = object.key().substring(settings.prefix().length());
            if (name.matches("\\d{20}\\.json")) {
                last = Math.max(last, Long.parseLong(name.substring(0, 20)));
            }
        }
        return last;
    }

    @Override
    public void write(List<LedgerCheckpoints.Checkpoint> checkpoints) {
        for (LedgerCheckpoints.Checkpoint checkpoint : checkpoints) {
            put(checkpoint);
        }
    }

    private void put(LedgerCheckpoints.Checkpoint checkpoint) {
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(checkpoint);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String key = key(checkpoint.ledgerSeq());
        PutObjectRequest.Builder request = PutObjectRequest.builder()
                .bucket(settings.bucket())
                .key(key)
                .contentType("application/json")
                .contentMD5(md5(body))
                .ifNoneMatch("*");
        settings.retention()
                .ifPresent(retention -> request.objectLockMode(settings.retentionMode())
                        .objectLockRetainUntilDate(clock.instant().plus(retention)));
        // looked for first: not every S3-compatible server honours If-None-Match on a write (s3proxy 2.6 ignores
        // it), and one that does not would overwrite; where it is honoured, it also settles a race between instances
        Optional<byte[]> there = stored(key);
        if (there.isEmpty()) {
            try {
                s3.putObject(request.build(), RequestBody.fromBytes(body));
                return;
            } catch (S3Exception e) {
                // 412: the key was written meanwhile (409: a concurrent conditional write of it is in flight)
                if (e.statusCode() != 412 && e.statusCode() != 409) {
                    throw e;
                }
                there = stored(key);
            }
        }
        if (there.isEmpty() || !Arrays.equals(there.get(), body)) {
            throw new IllegalStateException("the witness holds a different checkpoint at " + key + " than the "
                    + "database: the checkpoints were rewritten, or another ledger writes to this prefix");
        }
    }

    private Optional<byte[]> stored(String key) {
        try {
            return Optional.of(
                    s3.getObjectAsBytes(r -> r.bucket(settings.bucket()).key(key))
                            .asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static String md5(byte[] body) {
        try {
            return Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("MD5").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }

    @Override
    public void close() {
        s3.close();
    }
}
