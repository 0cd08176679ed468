package org.complaintledger.complaint.handling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.UUID;
import org.complaintledger.complaint.ComplaintCommand;
import org.complaintledger.complaint.Rejection;
import org.complaintledger.support.Events;
import org.complaintledger.support.Filings;
import org.junit.jupiter.api.Test;

/**
 * A filing's first attempt appends without loading the stream of the id just minted for it. The id may still exist
 * (a client-chosen id, a bug, a retry of a filing that did land): then the ledger's unique stream version refuses
 * the append, the retry loads the stream, and the decider answers "already exists", writing nothing more.
 */
@QuarkusTest
class NewStreamFilingTest {

    @Inject
    ComplaintCommandHandler commands;

    @Inject
    Pool pool;

    @Inject
    Clock clock;

    @Test
    void a_filing_under_an_id_that_exists_is_refused_as_already_existing_and_writes_nothing() {
        UUID id = UUID.randomUUID();
        var filed = commands.execute(submit(id, "Antrean puskesmas"), directives())
                .await()
                .indefinitely();
        assertThat(filed.complaint().version())
                .as("the filing and its two deadlines")
                .isEqualTo(3);

        assertThatThrownBy(() -> commands.execute(submit(id, "Judul lain"), directives())
                        .await()
                        .indefinitely())
                .isInstanceOfSatisfying(
                        Rejection.class,
                        rejection -> assertThat(rejection.reason()).isEqualTo(Rejection.Reason.ALREADY_EXISTS));
        assertThat(Events.of(pool, id.toString())).isEqualTo(3);
    }

    @Test
    void filings_racing_under_one_id_leave_one_filing() {
        UUID id = UUID.randomUUID();
        var outcomes = java.util.stream.IntStream.range(0, 8)
                .parallel()
                .mapToObj(i -> commands.execute(submit(id, "Balapan " + i), directives())
                        .onItemOrFailure()
                        .transform((outcome, failure) ->
                                failure == null ? "filed" : failure.getClass().getSimpleName())
                        .await()
                        .indefinitely())
                .toList();
        assertThat(outcomes).filteredOn("filed"::equals).hasSize(1);
        assertThat(outcomes).filteredOn(o -> !o.equals("filed")).containsOnly("Rejection");
        assertThat(Events.of(pool, id.toString())).isEqualTo(3);
    }

    private ComplaintCommand.Submit submit(UUID id, String title) {
        return Filings.submit(id, "warga-new-stream", clock.instant(), title, null);
    }

    private static ComplaintCommandHandler.Directives directives() {
        return Filings.creating();
    }
}
