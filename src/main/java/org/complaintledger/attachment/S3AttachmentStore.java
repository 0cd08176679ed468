package org.complaintledger.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Sealed bytes as objects {@code attachments/<id>} in an S3-compatible bucket: for deployments whose files outgrow
 * one database. The objects are ciphertext; the keys stay in PostgreSQL, so the bucket alone reveals nothing.
 */
final class S3AttachmentStore implements AttachmentStore, AutoCloseable {

    private final S3Client s3;
    private final String bucket;

    S3AttachmentStore(AttachmentSettings.S3 settings) {
        var builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.of(settings.region()))
                .forcePathStyle(settings.pathStyle())
                // checksums only where S3 requires them: many S3-compatible servers refuse the SDK's newer default
                // of trailing checksums in aws-chunked bodies; GCM authenticates every segment anyway
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(credentials(settings));
        settings.endpoint()
                .filter(e -> !e.isBlank())
                .ifPresent(endpoint -> builder.endpointOverride(URI.create(endpoint)));
        this.s3 = builder.build();
        this.bucket = settings.bucket();
    }

    private static AwsCredentialsProvider credentials(AttachmentSettings.S3 settings) {
        if (settings.accessKeyId().isPresent() && settings.secretAccessKey().isPresent()) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(
                    settings.accessKeyId().get(), settings.secretAccessKey().get()));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    private static final String PREFIX = "attachments/";

    private static String key(UUID attachmentId) {
        return PREFIX + attachmentId;
    }

    @Override
    public void put(UUID attachmentId, Path sealedFile) {
        s3.putObject(
                request -> request.bucket(bucket).key(key(attachmentId)).contentType("application/octet-stream"),
                RequestBody.fromFile(sealedFile));
    }

    @Override
    public Optional<InputStream> open(UUID attachmentId) throws IOException {
        try {
            return Optional.of(s3.getObject(request -> request.bucket(bucket).key(key(attachmentId))));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw new IOException("the attachment store failed: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean delete(UUID attachmentId) throws IOException {
        boolean existed = exists(attachmentId);
        s3.deleteObject(request -> request.bucket(bucket).key(key(attachmentId)));
        return existed;
    }

    @Override
    public boolean exists(UUID attachmentId) throws IOException {
        try {
            s3.headObject(request -> request.bucket(bucket).key(key(attachmentId)));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw new IOException("the attachment store failed: " + e.getMessage(), e);
        }
    }

    /** Paged through ListObjectsV2 under {@code attachments/}; an object's age is its LastModified. */
    @Override
    public List<UUID> storedBefore(Instant before, int limit) throws IOException {
        List<UUID> ids = new ArrayList<>();
        try {
            for (S3Object object : s3.listObjectsV2Paginator(
                            request -> request.bucket(bucket).prefix(PREFIX))
                    .contents()) {
                if (ids.size() >= limit) {
                    break;
                }
                if (object.lastModified().isBefore(before)) {
                    try {
                        ids.add(UUID.fromString(object.key().substring(PREFIX.length())));
                    } catch (IllegalArgumentException e) {
                        // not one of ours: the bucket may hold other things under the prefix; they are left alone
                    }
                }
            }
        } catch (S3Exception e) {
            throw new IOException("the attachment store failed: " + e.getMessage(), e);
        }
        return ids;
    }

    @Override
    public void close() {
        s3.close();
    }
}
