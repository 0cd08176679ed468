package org.complaintledger.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes every signed checkpoint outside the database as well: one JSON line per checkpoint appended to
 * {@code ledger.signing.witness.file} (on storage the database's administrators cannot write: another volume, a WORM
 * mount, a file shipped to a log archive). A checkpoint in the witness that the database no longer holds, or holds
 * differently, is a rewrite of the checkpoints themselves, which their signatures alone cannot show.
 *
 * <p>The witness copies what the database holds beyond the last line it wrote, every
 * {@code ledger.signing.witness.interval}, whichever instance signed it; so every instance's file is a whole copy, and
 * a write that failed is made again on the next round. Lines are only ever appended and forced to disk.
 */
@ApplicationScoped
public class CheckpointWitness {

    private static final Logger LOG = Logger.getLogger(CheckpointWitness.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAGE = 1000;

    private final LedgerCheckpoints checkpoints;
    private final Vertx vertx;
    private final Optional<Path> file;
    private final Duration interval;
    private final AtomicBoolean running = new AtomicBoolean();
    private long witnessed = -1;
    private long timer = -1;

    @Inject
    public CheckpointWitness(
            LedgerCheckpoints checkpoints,
            Vertx vertx,
            @ConfigProperty(name = "ledger.signing.witness.file") Optional<String> file,
            @ConfigProperty(name = "ledger.signing.witness.interval", defaultValue = "PT5S") Duration interval) {
        this.checkpoints = checkpoints;
        this.vertx = vertx;
        this.file = file.filter(f -> !f.isBlank()).map(Path::of);
        this.interval = interval;
    }

    void start(@Observes StartupEvent startup) {
        if (file.isEmpty()) {
            LOG.info("No checkpoint witness (ledger.signing.witness.file): checkpoints are kept in the database only");
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
    }

    /** Appends the checkpoints the file does not hold yet and answers how many; nothing without a witness file. */
    public Uni<Integer> publish() {
        if (file.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return Uni.createFrom()
                .item(this::lastWitnessed)
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .flatMap(after -> checkpoints.page(after, PAGE))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(page -> append(page.checkpoints()));
    }

    private synchronized long lastWitnessed() {
        if (witnessed < 0) {
            witnessed = readLast(file.orElseThrow());
        }
        return witnessed;
    }

    private synchronized int append(List<LedgerCheckpoints.Checkpoint> page) {
        if (page.isEmpty()) {
            return 0;
        }
        StringBuilder lines = new StringBuilder();
        for (LedgerCheckpoints.Checkpoint checkpoint : page) {
            if (checkpoint.ledgerSeq() <= witnessed) {
                continue;
            }
            try {
                lines.append(JSON.writeValueAsString(checkpoint)).append('\n');
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        Path path = file.orElseThrow();
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
        witnessed = page.getLast().ledgerSeq();
        return page.size();
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
