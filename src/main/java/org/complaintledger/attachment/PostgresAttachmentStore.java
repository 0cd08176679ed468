package org.complaintledger.attachment;

import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Sealed bytes in {@code attachment_segments}, one row per sealed segment, so that the client never holds more than
 * one segment of a file. A file's rows are written in one transaction: a half-written file is never visible.
 */
final class PostgresAttachmentStore implements AttachmentStore {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private final Pool pool;

    PostgresAttachmentStore(Pool pool) {
        this.pool = pool;
    }

    /** On the caller's worker thread throughout: the file is read there, one segment ahead of the insert. */
    @Override
    public void put(UUID attachmentId, Path sealedFile) throws IOException {
        SqlConnection connection = pool.getConnection().await().atMost(TIMEOUT);
        try (InputStream in = Files.newInputStream(sealedFile)) {
            Transaction transaction = connection.begin().await().atMost(TIMEOUT);
            try {
                // the header travels with the first segment
                byte[] bytes = in.readNBytes(SegmentedCipher.HEADER + SegmentedCipher.SEALED_SEGMENT);
                for (int segment = 0; bytes.length > 0; segment++) {
                    connection
                            .preparedQuery(
                                    "INSERT INTO attachment_segments (attachment_id, segment, bytes) VALUES ($1, $2, $3)")
                            .execute(Tuple.of(attachmentId, segment, Buffer.buffer(bytes)))
                            .await()
                            .atMost(TIMEOUT);
                    bytes = in.readNBytes(SegmentedCipher.SEALED_SEGMENT);
                }
                transaction.commit().await().atMost(TIMEOUT);
            } catch (IOException | RuntimeException e) {
                transaction.rollback().await().atMost(TIMEOUT);
                throw e;
            }
        } finally {
            connection.close().await().atMost(TIMEOUT);
        }
    }

    @Override
    public Optional<InputStream> open(UUID attachmentId) {
        if (!exists(attachmentId)) {
            return Optional.empty();
        }
        return Optional.of(new InputStream() {
            private int segment;
            private byte[] current = new byte[0];
            private int position;
            private boolean done;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] target, int offset, int length) throws IOException {
                if (length == 0) {
                    return 0;
                }
                while (position == current.length) {
                    if (done || !fetch()) {
                        done = true;
                        return -1;
                    }
                }
                int count = Math.min(length, current.length - position);
                System.arraycopy(current, position, target, offset, count);
                position += count;
                return count;
            }

            private boolean fetch() {
                RowSet<Row> rows = pool.preparedQuery(
                                "SELECT bytes FROM attachment_segments WHERE attachment_id = $1 AND segment = $2")
                        .execute(Tuple.of(attachmentId, segment))
                        .await()
                        .atMost(TIMEOUT);
                if (rows.size() == 0) {
                    return false;
                }
                current = rows.iterator().next().getBuffer("bytes").getBytes();
                position = 0;
                segment++;
                return true;
            }
        });
    }

    @Override
    public boolean delete(UUID attachmentId) {
        return pool.preparedQuery("DELETE FROM attachment_segments WHERE attachment_id = $1")
                        .execute(Tuple.of(attachmentId))
                        .await()
                        .atMost(TIMEOUT)
                        .rowCount()
                > 0;
    }

    @Override
    public List<UUID> storedBefore(Instant before, int limit) {
        List<UUID> ids = new ArrayList<>();
        pool.preparedQuery("""
                        SELECT attachment_id FROM attachment_segments
                         WHERE segment = 0 AND stored_at < $1 ORDER BY stored_at LIMIT $2""")
                .execute(Tuple.of(before.atOffset(ZoneOffset.UTC), limit))
                .await()
                .atMost(TIMEOUT)
                .forEach(row -> ids.add(row.getUUID("attachment_id")));
        return ids;
    }

    @Override
    public boolean exists(UUID attachmentId) {
        return pool.preparedQuery("SELECT 1 FROM attachment_segments WHERE attachment_id = $1 AND segment = 0")
                        .execute(Tuple.of(attachmentId))
                        .await()
                        .atMost(TIMEOUT)
                        .size()
                > 0;
    }
}
