package org.complaintledger.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;

/**
 * Publishes every signed checkpoint outside the database as well, to one or both witnesses: an append-only file,
 * {@code ledger.signing.witness.file}, one JSON line per checkpoint (on storage the database's administrators cannot
 * write: another volume, a WORM mount, a file shipped to a log archive), and an S3-compatible bucket,
 * {@code ledger.signing.witness.s3.*}, one object per checkpoint that is never overwritten, under object-lock
 * retention if configured ({@link S3CheckpointWitness}). A checkpoint in the witness that the database no longer
 * holds, or holds differently, is a rewrite of the checkpoints themselves, which their signatures alone cannot show.
 *
 * <p>Each witness copies what the database holds beyond the last checkpoint it holds, every
 * {@code ledger.signing.witness.interval}, whichever instance signed it; so every instance's file is a whole copy, and
 * a write that failed is made again on the next round, each witness on its own (a bucket that is away does not hold
 * the file back).
 */
@Singleton
public class CheckpointWitness {

    private static final Logger LOG = Logger.getLogger(CheckpointWitness.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAGE = 1000;

    /** Where checkpoints are published: the last one it holds, and how to add more. */
    interface Sink extends AutoCloseable {
        String name();

        /** The ledgerSeq of the last checkpoint it holds, 0 for none; read once, at the first round. */
        long lastWitnessed();

        /** Adds these checkpoints, in order; one written before (a retry) is not written twice. */
        void write(List<LedgerCheckpoints.Checkpoint> checkpoints);

        @Override
        default void close() {}
    }

    /** A sink and how far it got: -1 until read from the sink itself. */
    private static final class Position {
        final Sink sink;
        long witnessed = -1;

        Position(Sink sink) {
            this.sink = sink;
        }
    }

    private final LedgerCheckpoints checkpoints;
    private final Vertx vertx;
    private final List<Position> positions = new ArrayList<>();
    private final Duration interval;
    private final AtomicBoolean running = new AtomicBoolean();
    private long timer = -1;

    @Inject
    public CheckpointWitness(LedgerCheckpoints checkpoints, Vertx vertx, Config config, Clock clock) {
        this(
                checkpoints,
                vertx,
                sinks(config, clock),
                config.getOptionalValue("ledger.signing.witness.interval", Duration.class)
                        .orElse(Duration.ofSeconds(5)));
    }

    CheckpointWitness(LedgerCheckpoints checkpoints, Vertx vertx, List<Sink> sinks, Duration interval) {
        this.checkpoints = checkpoints;
        this.vertx = vertx;
        sinks.forEach(sink -> positions.add(new Position(sink)));
        this.interval = interval;
    }

    private static List<Sink> sinks(Config config, Clock clock) {
        List<Sink> sinks = new ArrayList<>();
        config.getOptionalValue("ledger.signing.witness.file", String.class)
                .filter(f -> !f.isBlank())
                .ifPresent(file -> sinks.add(new FileSink(Path.of(file))));
        s3Settings(config).ifPresent(settings -> sinks.add(new S3CheckpointWitness(settings, clock)));
        return sinks;
    }

    /** {@code ledger.signing.witness.s3.*}; a bucket turns the S3 witness on. */
    static Optional<S3CheckpointWitness.Settings> s3Settings(Config config) {
        String p = "ledger.signing.witness.s3.";
        return config.getOptionalValue(p + "bucket", String.class)
                .filter(b -> !b.isBlank())
                .map(bucket -> new S3CheckpointWitness.Settings(
                        bucket,
                        config.getOptionalValue(p + "endpoint", String.class),
                        config.getOptionalValue(p + "region", String.class).orElse("us-east-1"),
                        config.getOptionalValue(p + "access-key-id", String.class),
                        config.getOptionalValue(p + "secret-access-key", String.class),
                        config.getOptionalValue(p + "path-style", Boolean.class).orElse(true),
                        config.getOptionalValue(p + "prefix", String.class).orElse("checkpoints/"),
                        config.getOptionalValue(p + "retention", Duration.class),
                        ObjectLockMode.fromValue(config.getOptionalValue(p + "retention-mode", String.class)
                                .orElse("COMPLIANCE")
                                .toUpperCase(Locale.ROOT))));
    }

    void start(@Observes StartupEvent startup) {
        if (positions.isEmpty()) {
            LOG.info("No checkpoint witness (ledger.signing.witness.file, ledger.signing.witness.s3.bucket): "
                    + "checkpoints are kept in the database only");
            return;
        }
        timer = vertx.setPeriodic(interval.toMillis(), id -> {
            if (running.compareAndSet(false, true)) {
                publish().subscribe().with(n -> running.set(false), failure -> {
                    running.set(false);
                    LOG.error("checkpoint witness: could not publish; the next round tries again", failure);
                });
            }
        });
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        positions.forEach(position -> position.sink.close());
    }

    /**
     * Copies to each witness the checkpoints it does not hold yet and answers how many were written in all; fails
     * when a witness failed, after every other has had its turn.
     */
    public Uni<Integer> publish() {
        if (positions.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        List<Uni<Integer>> rounds = positions.stream().map(this::publish).toList();
        return Uni.join()
                .all(rounds)
                .andCollectFailures()
                .map(counts -> counts.stream().mapToInt(Integer::intValue).sum());
    }

    private Uni<Integer> publish(Position position) {
        return Uni.createFrom()
                .item(() -> lastWitnessed(position))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .flatMap(after -> checkpoints.page(after, PAGE))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(page -> write(position, page.checkpoints()));
    }

    private static long lastWitnessed(Position position) {
        synchronized (position) {
            if (position.witnessed < 0) {
                position.witnessed = position.sink.lastWitnessed();
            }
            return position.witnessed;
        }
    }

    private static int write(Position position, List<LedgerCheckpoints.Checkpoint> page) {
        synchronized (position) {
            List<LedgerCheckpoints.Checkpoint> fresh = page.stream()
                    .filter(c -> c.ledgerSeq() > position.witnessed)
                    .toList();
            if (fresh.isEmpty()) {
                return 0;
            }
            try {
                position.sink.write(fresh);
            } catch (RuntimeException e) {
                throw new IllegalStateException(
                        "checkpoint witness " + position.sink.name() + ": " + e.getMessage(), e);
            }
            position.witnessed = fresh.getLast().ledgerSeq();
            return fresh.size();
        }
    }

    /** The append-only file: lines only ever appended and forced to disk. */
    static final class FileSink implements Sink {

        private final Path path;

        FileSink(Path path) {
            this.path = path;
        }

        @Override
        public String name() {
            return path.toString();
        }

        @Override
        public long lastWitnessed() {
            return readLast(path);
        }

        @Override
        public void write(List<LedgerCheckpoints.Checkpoint> page) {
            StringBuilder lines = new StringBuilder();
            for (LedgerCheckpoints.Checkpoint checkpoint : page) {
                try {
                    lines.append(JSON.writeValueAsString(checkpoint)).append('\n');
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            }
            try {
                if (path.toAbsolutePath().getParent() != null) {
                    Files.createDirectories(path.toAbsolutePath().getParent());
                }
                try (FileChannel channel = FileChannel.open(
                        path, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE)) {
                    channel.write(ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8)));
                    channel.force(true);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot append to the checkpoint witness " + path, e);
            }
        }
    }

    /** The ledgerSeq of the file's last line, 0 for a missing or empty file. */
    static long readLast(Path path) {
        if (!Files.exists(path)) {
            return 0;
        }
        try (RandomAccessFile raf = new RandomAccessFile(path.toFile(), "r")) {
            long end = raf.length();
            while (end > 0) {
                raf.seek(end - 1);
                if (raf.read() != '\n') {
                    break;
                }
                end--;
            }
            long start = end;
            while (start > 0) {
                raf.seek(start - 1);
                if (raf.read() == '\n') {
                    break;
                }
                start--;
            }
            if (end == start) {
                return 0;
            }
            byte[] line = new byte[(int) (end - start)];
            raf.seek(start);
            raf.readFully(line);
            JsonNode last = JSON.readTree(line);
            return last.path("ledgerSeq").asLong();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the checkpoint witness " + path, e);
        }
    }
}
