package org.complaintledger.view;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.sqlclient.Pool;
import jakarta.inject.Inject;
import org.complaintledger.support.Api;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
class ComplaintViewProjectionSmokeTest {

    @Inject
    Pool pool;

    @Test
    void a_dispatched_complaint_reaches_the_view() {
        String id = Api.dispatched("warga-view");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            var rows = pool.preparedQuery("SELECT status, agency_id, version FROM complaint_views WHERE id = $1")
                    .execute(io.vertx.sqlclient.Tuple.of(UUID.fromString(id)))
                    .toCompletionStage().toCompletableFuture().join();
            assertThat(rows.size()).isEqualTo(1);
            var row = rows.iterator().next();
            assertThat(row.getString("status")).isEqualTo("DISPATCHED");
            assertThat(row.getLong("version")).isEqualTo(6);
        });
    }
}
