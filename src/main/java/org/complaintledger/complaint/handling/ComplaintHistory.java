package org.complaintledger.complaint.handling;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.complaintledger.complaint.Complaint;
import org.complaintledger.complaint.ComplaintEvent;
import org.complaintledger.ledger.ComplaintEventCodec;
import org.complaintledger.ledger.EventEnvelope;
import org.complaintledger.ledger.LedgerReader;

import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

/** A complaint's stored events, and its state folded from them up to any version. */
@ApplicationScoped
public class ComplaintHistory {

    private final ComplaintEventCodec codec = new ComplaintEventCodec();
    private final LedgerReader reader;

    @Inject
    public ComplaintHistory(Pool pool) {
        this.reader = new LedgerReader(pool.getDelegate());
    }

    public Uni<List<EventEnvelope>> envelopes(UUID complaintId) {
        return Uni.createFrom().completionStage(() -> reader.stream(complaintId));
    }

    public Uni<Complaint> current(UUID complaintId) {
        return fold(complaintId, envelope -> true);
    }

    public Uni<Complaint> stateAt(UUID complaintId, int version) {
        return fold(complaintId, envelope -> envelope.version() <= version);
    }

    private Uni<Complaint> fold(UUID complaintId, Predicate<EventEnvelope> included) {
        return envelopes(complaintId).map(envelopes -> {
            Complaint state = Complaint.initial(complaintId);
            for (EventEnvelope envelope : envelopes) {
                if (included.test(envelope)) {
                    state = Complaint.evolve(state, (ComplaintEvent) codec.decode(envelope));
                }
            }
            return state;
        });
    }
}
