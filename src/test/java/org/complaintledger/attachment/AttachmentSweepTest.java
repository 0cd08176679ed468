package org.complaintledger.attachment;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;

/** The orphan-bytes sweep on the PostgreSQL store, whose segments carry the time they were stored. */
@QuarkusTest
class AttachmentSweepTest extends SweepScenario {

    @Inject
    Pool pool;

    @Override
    void age(UUID file, Duration ago) {
        pool.preparedQuery("UPDATE attachment_segments SET stored_at = now() - $2 * interval '1 second' "
                        + "WHERE attachment_id = $1")
                .execute(Tuple.of(file, ago.toSeconds()))
                .toCompletionStage()
                .toCompletableFuture()
                .join();
    }
}
