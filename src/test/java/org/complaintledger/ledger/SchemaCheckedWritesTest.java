package org.complaintledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.UUID;
import org.complaintledger.complaint.ComplaintCommand;
import org.complaintledger.complaint.handling.ComplaintCommandHandler;
import org.complaintledger.support.Events;
import org.complaintledger.support.Filings;
import org.junit.jupiter.api.Test;

/**
 * The test profile runs the service with {@code ledger.events.validate-schemas}: an event that breaks its published
 * schema fails its command and nothing is written, which is what makes every other test of the suite a check that
 * the events it causes conform.
 */
@QuarkusTest
class SchemaCheckedWritesTest {

    @Inject
    ComplaintCommandHandler commands;

    @Inject
    Pool pool;

    @Inject
    Clock clock;

    @Test
    void a_command_whose_event_breaks_its_schema_fails_and_writes_nothing() {
        UUID leaking = UUID.randomUUID();
        assertThatThrownBy(() -> commands.execute(submit(leaking, "Budi Santoso, NIK 1403011234567890"), directives())
                        .await()
                        .indefinitely())
                .hasMessageContaining("complaint.submitted v1")
                .hasMessageContaining("sealedComplainant");
        assertThat(Events.of(pool, leaking.toString())).isZero();

        UUID sealed = UUID.randomUUID();
        commands.execute(
                        submit(sealed, "v1.LgHITjjANdThz9c5D5J9YhDl4zT8tNvIleChFose3zv0JAdxltae1Pa8wisxfFi5"),
                        directives())
                .await()
                .indefinitely();
        assertThat(Events.of(pool, sealed.toString()))
                .as("the filing and its two deadlines")
                .isEqualTo(3);
    }

    private ComplaintCommand.Submit submit(UUID id, String sealedComplainant) {
        return Filings.submit(id, "warga-schema", clock.instant(), "Antrean puskesmas", sealedComplainant);
    }

    private static ComplaintCommandHandler.Directives directives() {
        return Filings.creating();
    }
}
