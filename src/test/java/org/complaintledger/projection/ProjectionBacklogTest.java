package org.complaintledger.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import org.complaintledger.support.Api;
import org.complaintledger.support.ReadSide;
import org.complaintledger.view.ComplaintViewProjector;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** How far behind the status says a projection is: counted event by event, or past that from the ledger's count. */
@QuarkusTest
class ProjectionBacklogTest {

    /** Every event of each segment past its checkpoint, counted one by one with no limit. */
    private static final String PENDING = "SELECT count(*) FROM events e JOIN projection_segments s ON "
            + ReadSide.PAST_CHECKPOINT + " WHERE s.projection = $1";

    @Inject
    Projections projections;

    @Inject
    Pool pool;

    @Test
    void a_backlog_longer_than_what_is_counted_one_by_one_is_still_reported_exactly() throws Exception {
        int countedBacklog = projections.countedBacklog;
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        try (Connection holder = DriverManager.getConnection(url, "postgres", "")) {
            // one pending event is already more than is counted one by one, in each segment
            projections.countedBacklog = 1;
            holder.setAutoCommit(false);
            // a transaction id in flight holds the horizon: events committed after it wait, and are behind
            holder.createStatement().execute("SELECT pg_current_xact_id()");
            for (int i = 0; i < 3; i++) {
                Api.file("warga-backlog-" + i);
            }
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                long pending = pending(ComplaintViewProjector.NAME);
                // more than the two segments' capped counts could add up to
                assertThat(pending).isGreaterThanOrEqualTo(3);
                assertThat(projections.status(ComplaintViewProjector.NAME).behindEvents())
                        .isEqualTo(pending);
            });
            holder.rollback();
        } finally {
            projections.countedBacklog = countedBacklog;
        }
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(
                                projections.status(ComplaintViewProjector.NAME).behindEvents())
                        .isZero());
    }

    private long pending(String projection) {
        return pool.preparedQuery(PENDING)
                .execute(Tuple.of(projection))
                .await()
                .atMost(Duration.ofSeconds(10))
                .iterator()
                .next()
                .getLong(0);
    }
}
