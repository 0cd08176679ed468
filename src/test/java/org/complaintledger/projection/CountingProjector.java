package org.complaintledger.projection;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.List;
import org.complaintledger.ledger.FeedEvent;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * A projection for tests: counts each complaint's events and remembers the highest version applied, so that an
 * event applied twice or skipped shows. It can be told to fail half-way through a batch, after writing.
 */
final class CountingProjector implements Projector {

    private final String name;
    volatile boolean failMidBatch;
    /** The synchronous_commit setting each batch's transaction ran with. */
    final java.util.Set<String> commitModes = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** The plan_cache_mode each batch's transaction ran with. */
    final java.util.Set<String> planModes = java.util.concurrent.ConcurrentHashMap.newKeySet();

    CountingProjector(String name) {
        this.name = name;
    }

    /** As the migration owner: the service's runtime role may not create tables (V12), it gets DML on this one. */
    static Uni<Void> createTable(Mutiny.SessionFactory sessions) {
        return Uni.createFrom()
                .item(() -> {
                    String url = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                            .getValue("quarkus.datasource.jdbc.url", String.class);
                    try (var connection = java.sql.DriverManager.getConnection(url, "postgres", "");
                            var statement = connection.createStatement()) {
                        statement.execute("""
                        CREATE TABLE IF NOT EXISTS test_event_counts (
                            projection text, stream_id uuid, events integer NOT NULL, max_version integer NOT NULL,
                            PRIMARY KEY (projection, stream_id))""");
                    } catch (java.sql.SQLException e) {
                        throw new IllegalStateException(e);
                    }
                    return (Void) null;
                })
                .runSubscriptionOn(io.smallrye.mutiny.infrastructure.Infrastructure.getDefaultWorkerPool());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Uni<Void> apply(SqlConnection connection, List<FeedEvent> events) {
        Uni<Void> chain = connection
                .query("SHOW synchronous_commit")
                .execute()
                .invoke(rows -> commitModes.add(rows.iterator().next().getString(0)))
                .chain(() -> connection.query("SHOW plan_cache_mode").execute())
                .invoke(rows -> planModes.add(rows.iterator().next().getString(0)))
                .replaceWithVoid();
        for (int i = 0; i < events.size(); i++) {
            FeedEvent event = events.get(i);
            if (failMidBatch && i == events.size() / 2) {
                chain = chain.invoke(() -> {
                    throw new IllegalStateException("a handler failed in the middle of the batch");
                });
            }
            chain = chain.chain(() -> connection
                    .preparedQuery("""
                            INSERT INTO test_event_counts (projection, stream_id, events, max_version)
                            VALUES ($1, $2, 1, $3)
                            ON CONFLICT (projection, stream_id) DO UPDATE
                               SET events = test_event_counts.events + 1,
                                   max_version = greatest(test_event_counts.max_version, excluded.max_version)""")
                    .execute(Tuple.of(
                            name,
                            event.envelope().complaintId(),
                            event.envelope().version()))
                    .replaceWithVoid());
        }
        return chain;
    }

    @Override
    public Uni<Void> reset(Mutiny.Session session) {
        return session.createNativeQuery("DELETE FROM test_event_counts WHERE projection = :projection")
                .setParameter("projection", name)
                .executeUpdate()
                .replaceWithVoid();
    }
}
