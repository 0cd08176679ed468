package org.complaintledger.ledger;

import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.complaintledger.support.ReadSide;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * What an attacker with superuser access does to the ledger, undone on close: every touched row of {@code events}
 * and {@code ledger_chain} is copied aside first and put back exactly (same position, same tx), and forged rows are
 * removed, so that tests which verify the whole ledger see no other test's tampering, whatever the order.
 */
public final class Tampering implements AutoCloseable {

    private final Connection connection;
    private final String events =
            "tampered_events_" + UUID.randomUUID().toString().replace("-", "");
    private final String chain =
            "tampered_chain_" + UUID.randomUUID().toString().replace("-", "");
    private final List<Long> forged = new ArrayList<>();

    public Tampering() throws SQLException {
        var config = ConfigProvider.getConfig();
        connection = DriverManager.getConnection(
                config.getValue("quarkus.datasource.jdbc.url", String.class), "postgres", "");
        awaitReadSide();
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE " + events + " AS SELECT * FROM events WITH NO DATA");
            statement.execute("CREATE TABLE " + chain + " AS SELECT * FROM ledger_chain WITH NO DATA");
        }
    }

    /**
     * A forger finds a settled ledger: every projection has applied every event before anything is touched. A
     * projection still behind would apply what the tampering does (a forged row, an altered one, one missing) and
     * keep it after the tampering is undone: its views would hold an event the ledger does not. Caught up as
     * ReadSide.caughtUp asks it, each segment's checkpoint past every event of its segment. (The projections of
     * ProjectionProcessorTest, named test-..., stop half-way.)
     */
    private void awaitReadSide() {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    try (Statement statement = connection.createStatement();
                            var rows = statement.executeQuery("SELECT " + ReadSide.ALL_SEGMENTS_CAUGHT_UP
                                    + " FROM projection_segments s WHERE s.projection NOT LIKE 'test-%'")) {
                        rows.next();
                        return rows.getBoolean(1);
                    }
                });
    }

    /** The sequencers of every instance wait (their try-lock fails) while this session holds their lock. */
    void holdSequencers() throws SQLException {
        execute("SELECT pg_advisory_lock(" + LedgerSequencer.LOCK_KEY + ")");
    }

    public void mergeIntoData(UUID stream, int version, String json) throws SQLException {
        backUp(stream, version);
        mutate(
                "UPDATE events SET data = data || ?::jsonb WHERE stream_id = ? AND stream_version = ?",
                json,
                stream,
                version);
    }

    void delete(UUID stream, int version) throws SQLException {
        backUp(stream, version);
        mutate("DELETE FROM events WHERE stream_id = ? AND stream_version = ?", stream, version);
    }

    /** Swaps two versions' places; a third number, since (stream_id, stream_version) is checked row by row. */
    void swap(UUID stream, int a, int b) throws SQLException {
        backUp(stream, a);
        backUp(stream, b);
        inTransaction(() -> {
            update("UPDATE events SET stream_version = 1000000 WHERE stream_id = ? AND stream_version = ?", stream, a);
            update("UPDATE events SET stream_version = ? WHERE stream_id = ? AND stream_version = ?", a, stream, b);
            update("UPDATE events SET stream_version = ? WHERE stream_id = ? AND stream_version = 1000000", b, stream);
        });
    }

    /** Writes an event row in the given transaction id's place in horizon order; the engine is not involved. */
    void forge(EventEnvelope envelope, long tx) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO events (stream_id, stream_version, event_id, type, schema_version, occurred_at, recorded_at,
                                    actor, data, previous_hash, hash, tx)
                VALUES (?, ?, ?, ?, ?, ?::timestamptz, ?::timestamptz, ?::jsonb, ?::jsonb, ?, ?, ?::text::xid8)
                RETURNING position""")) {
            bind(
                    insert,
                    envelope.complaintId(),
                    envelope.version(),
                    envelope.eventId(),
                    envelope.type(),
                    envelope.schemaVersion(),
                    envelope.occurredAt().toString(),
                    envelope.recordedAt().toString(),
                    envelope.hashedObject().get("actor").toString(),
                    envelope.data().toString(),
                    envelope.previousHash(),
                    envelope.hash(),
                    Long.toString(tx));
            try (var rows = insert.executeQuery()) {
                rows.next();
                forged.add(rows.getLong(1));
            }
        }
    }

    /** Rewrites stored columns of one event, as a forger who also recomputes what hashes over them. */
    void rewrite(UUID stream, int version, String data, String previousHash, String hash) throws SQLException {
        backUp(stream, version);
        mutate(
                "UPDATE events SET data = ?::jsonb, previous_hash = ?, hash = ? WHERE stream_id = ? AND stream_version = ?",
                data,
                previousHash,
                hash,
                stream,
                version);
    }

    /** Rewrites the chain from {@code fromSeq} on, as a forger who recomputes it after changing an event's hash. */
    void rewriteChain(long fromSeq, List<String> eventHashes, List<String> chainHashes) throws SQLException {
        update("INSERT INTO " + chain + " SELECT * FROM ledger_chain WHERE ledger_seq >= ?", fromSeq);
        inTransaction(() -> {
            execute("ALTER TABLE ledger_chain DISABLE TRIGGER ledger_chain_append_only");
            for (int i = 0; i < eventHashes.size(); i++) {
                update(
                        "UPDATE ledger_chain SET hash = ?, chain_hash = ? WHERE ledger_seq = ?",
                        eventHashes.get(i),
                        chainHashes.get(i),
                        fromSeq + i);
            }
            execute("ALTER TABLE ledger_chain ENABLE TRIGGER ledger_chain_append_only");
        });
    }

    @Override
    public void close() throws SQLException {
        try {
            inTransaction(() -> {
                execute("ALTER TABLE events DISABLE TRIGGER events_append_only");
                execute("ALTER TABLE ledger_chain DISABLE TRIGGER ledger_chain_append_only");
                execute("DELETE FROM events WHERE position IN (SELECT position FROM " + events + ")");
                for (long position : forged) {
                    update("DELETE FROM events WHERE position = ?", position);
                }
                execute("INSERT INTO events OVERRIDING SYSTEM VALUE SELECT * FROM " + events);
                execute("DELETE FROM ledger_chain WHERE ledger_seq IN (SELECT ledger_seq FROM " + chain + ")");
                execute("INSERT INTO ledger_chain SELECT * FROM " + chain);
                execute("ALTER TABLE events ENABLE TRIGGER events_append_only");
                execute("ALTER TABLE ledger_chain ENABLE TRIGGER ledger_chain_append_only");
                execute("DROP TABLE " + events);
                execute("DROP TABLE " + chain);
            });
        } finally {
            connection.close();
        }
    }

    private void backUp(UUID stream, int version) throws SQLException {
        update(
                "INSERT INTO " + events + " SELECT * FROM events WHERE stream_id = ? AND stream_version = ?",
                stream,
                version);
    }

    /** One change with the append-only trigger off for that transaction only: no one else ever sees it disabled. */
    private void mutate(String sql, Object... parameters) throws SQLException {
        inTransaction(() -> update(sql, parameters));
    }

    private interface Work {
        void run() throws SQLException;
    }

    private void inTransaction(Work work) throws SQLException {
        connection.setAutoCommit(false);
        try {
            execute("ALTER TABLE events DISABLE TRIGGER events_append_only");
            work.run();
            execute("ALTER TABLE events ENABLE TRIGGER events_append_only");
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private void update(String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            statement.executeUpdate();
        }
    }

    private static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
    }
}
