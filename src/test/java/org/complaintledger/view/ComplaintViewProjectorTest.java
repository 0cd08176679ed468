package org.complaintledger.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.complaintledger.ledger.FeedEvent;
import org.complaintledger.ledger.LedgerReader;
import org.complaintledger.support.Api;
import org.complaintledger.support.OnVertx;
import org.complaintledger.support.ReadSide;
import org.junit.jupiter.api.Test;

/**
 * The view projector writes a batch's rows on the reactive client's connection: a complaint it has no row for is
 * inserted, one it has a row for is updated (not upserted), and a batch replayed after a lost commit answer changes
 * nothing. Whichever way the events arrive, the row ends as the service's own projection built it.
 */
@QuarkusTest
class ComplaintViewProjectorTest {

    @Inject
    ComplaintViewProjector projector;

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    private <T> T run(java.util.function.Supplier<io.smallrye.mutiny.Uni<T>> work) {
        return OnVertx.await(vertx, work);
    }

    @Test
    void a_new_row_is_inserted_a_known_row_updated_and_a_replayed_batch_changes_nothing() {
        UUID id = UUID.fromString(Api.dispatched("warga-view-projector"));
        ReadSide.caughtUp(pool.getDelegate());
        String built = row(id);
        long deadlines = deadlines(id);
        List<FeedEvent> events = events(id);
        assertThat(events).hasSizeGreaterThan(2);

        // from nothing: the first event inserts the row
        run(() -> pool.withTransaction(connection -> connection
                .preparedQuery("DELETE FROM complaint_views WHERE id = $1")
                .execute(Tuple.of(id))
                .chain(() -> projector.apply(connection, events.subList(0, 1)))));
        assertThat(row(id)).startsWith("1|SUBMITTED|");

        // the rest update the row the batch read
        run(() -> pool.withTransaction(connection -> projector.apply(connection, events.subList(1, events.size()))));
        assertThat(row(id)).isEqualTo(built);
        assertThat(deadlines(id)).isEqualTo(deadlines);

        // the first batch again, as after a commit whose answer was lost: already applied, nothing moves back
        run(() -> pool.withTransaction(connection -> projector.apply(connection, events.subList(0, 1))));
        assertThat(row(id)).isEqualTo(built);
        assertThat(deadlines(id)).isEqualTo(deadlines);
    }

    private String row(UUID id) {
        return run(() -> pool.preparedQuery("""
                        SELECT concat_ws('|', version, status, agency_id, due_at, updated_at, search_text::text,
                                         state::text)
                          FROM complaint_views WHERE id = $1""")
                .execute(Tuple.of(id))
                .map(rows -> rows.iterator().next().getString(0)));
    }

    private long deadlines(UUID id) {
        return run(() -> pool.preparedQuery("SELECT count(*) FROM complaint_deadlines WHERE complaint_id = $1")
                .execute(Tuple.of(id))
                .map(rows -> rows.iterator().next().getLong(0)));
    }

    private List<FeedEvent> events(UUID id) {
        return run(() -> pool.preparedQuery("""
                        SELECT e.stream_id, e.stream_version, e.event_id, e.type, e.schema_version, e.occurred_at,
                               e.recorded_at, e.actor::text AS actor, e.data::text AS data, e.previous_hash, e.hash,
                               e.tx::text AS tx, e.position
                          FROM events e WHERE e.stream_id = $1 ORDER BY e.stream_version""").execute(Tuple.of(id)).map(rows -> {
            List<FeedEvent> events = new ArrayList<>();
            rows.forEach(row -> events.add(new FeedEvent(
                    row.getString("tx"), row.getLong("position"), LedgerReader.envelope(row.getDelegate()))));
            return events;
        }));
    }
}
