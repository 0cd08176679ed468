package org.complaintledger.complaint.handling;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.complaintledger.complaint.Complaint;
import org.complaintledger.ledger.ComplaintEventCodec;
import org.complaintledger.ledger.EventEnvelope;
import org.complaintledger.ledger.LedgerReader;

import java.util.List;
import java.util.UUID;

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
        return envelopes(complaintId).map(envelopes -> fold(complaintId, envelopes, Integer.MAX_VALUE));
    }

    public Uni<Complaint> stateAt(UUID complaintId, int version) {
        return envelopes(complaintId).map(envelopes -> fold(complaintId, envelopes, version));
    }

    /** The state after the stored events up to {@code version}. */
    public Complaint fold(UUID complaintId, List<EventEnvelope> envelopes, int version) {
        Complaint state = Complaint.initial(complaintId);
        for (EventEnvelope envelope : envelopes) {
            if (envelope.version() <= version) {
                state = Complaint.evolve(state, codec.decode(envelope));
            }
        }
        return state;
    }
}
