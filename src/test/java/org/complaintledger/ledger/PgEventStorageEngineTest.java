package org.complaintledger.ledger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import org.complaintledger.complaint.codec.ComplaintEventCodec;

/** The engine's contract with each append its own statement, as soon as it comes. */
@QuarkusTest
class PgEventStorageEngineTest extends StorageEngineContract {

    @Override
    PgEventStorageEngine newEngine() {
        return new PgEventStorageEngine(
                pool, new ComplaintEventCodec(new EventSchemas()), clock, new SimpleMeterRegistry());
    }
}
