package org.complaintledger.complaint.handling;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.complaintledger.complaint.Complaint;
import org.complaintledger.complaint.ComplaintSummary;
import org.complaintledger.complaint.codec.ComplaintEventCodec;
import org.complaintledger.ledger.EventEnvelope;
import org.complaintledger.ledger.LedgerEntry;
import org.complaintledger.ledger.LedgerReader;

/** A complaint's stored events, and its state folded from them up to any version. */
@Singleton
public class ComplaintHistory {

    private final ComplaintEventCodec codec = new ComplaintEventCodec();
    private final LedgerReader reader;

    @Inject
    public ComplaintHistory(Pool pool) {
        this.reader = new LedgerReader(pool.getDelegate());
    }

    /** The complaint's latest version in the ledger: one index lookup, to tell whether a read model is current. */
    public Uni<Long> headVersion(UUID complaintId) {
        return Uni.createFrom().completionStage(() -> reader.headVersion(complaintId));
    }

    /** From the ledger, not the read side: a complaint filed a moment ago may not be projected yet. */
    public Uni<List<UUID>> complaintsFiledFor(String complainantId) {
        return Uni.createFrom()
                .completionStage(() -> reader.streamsWith("complaint.submitted", "complainantId", complainantId));
    }

    /** The complaint with this tracking number, from the ledger (null when none): current the moment it is filed. */
    public Uni<UUID> complaintFiledAs(String trackingNumber) {
        return Uni.createFrom().completionStage(() -> reader.streamFiledAs(trackingNumber));
    }

    public Uni<List<EventEnvelope>> envelopes(UUID complaintId) {
        return Uni.createFrom().completionStage(() -> reader.stream(complaintId));
    }

    /** A page of the events after {@code afterVersion}, in version order, with their place in the global ledger. */
    public Uni<List<LedgerEntry>> entries(UUID complaintId, long afterVersion, int limit) {
        return Uni.createFrom().completionStage(() -> reader.entries(complaintId, afterVersion, limit));
    }

    /**
     * The complaint as its filing left it: who filed it and whether it exists, which is all that decides who may read
     * its history, from one row, so that a caller is authorized before any more of the stream is read.
     */
    public Uni<ComplaintSummary> asFiled(UUID complaintId) {
        return entries(complaintId, 0, 1)
                .map(first -> foldSummary(
                        complaintId, first.stream().map(LedgerEntry::envelope).toList(), Integer.MAX_VALUE));
    }

    public Uni<Complaint> current(UUID complaintId) {
        return envelopes(complaintId).map(envelopes -> fold(complaintId, envelopes, Integer.MAX_VALUE));
    }

    /** The decider's state and the read model's summary up to {@code version}, from one read of the stream. */
    public Uni<ComplaintFold> foldAt(UUID complaintId, int version) {
        return envelopes(complaintId).map(envelopes -> {
            ComplaintFold fold = ComplaintFold.initial(complaintId);
            for (EventEnvelope envelope : envelopes) {
                if (envelope.version() <= version) {
                    fold = fold.evolve(codec.decode(envelope));
                }
            }
            return fold;
        });
    }

    /**
     * The state as the ledger stood at {@code instant}: the events recorded by then. A stream is a prefix in time, so
     * the fold stops at the first event recorded later, even should a writer's clock have lagged behind a later one.
     */
    public Uni<Complaint> stateAsOf(UUID complaintId, Instant instant) {
        return envelopes(complaintId)
                .map(envelopes -> fold(
                        complaintId,
                        envelopes.stream()
                                .takeWhile(envelope -> !envelope.recordedAt().isAfter(instant))
                                .toList(),
                        Integer.MAX_VALUE));
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

    // The read model folded straight from the stream: what a caller is shown of a state the view may not hold yet
    // (the answer to its own command, a point in time), made by the same fold as the view's rows.

    public Uni<ComplaintSummary> currentSummary(UUID complaintId) {
        return envelopes(complaintId).map(envelopes -> foldSummary(complaintId, envelopes, Integer.MAX_VALUE));
    }

    /** As {@link #stateAsOf}: the events recorded by {@code instant}. */
    public Uni<ComplaintSummary> summaryAsOf(UUID complaintId, Instant instant) {
        return envelopes(complaintId)
                .map(envelopes -> foldSummary(
                        complaintId,
                        envelopes.stream()
                                .takeWhile(envelope -> !envelope.recordedAt().isAfter(instant))
                                .toList(),
                        Integer.MAX_VALUE));
    }

    public ComplaintSummary foldSummary(UUID complaintId, List<EventEnvelope> envelopes, long version) {
        ComplaintSummary summary = ComplaintSummary.initial(complaintId);
        for (EventEnvelope envelope : envelopes) {
            if (envelope.version() <= version) {
                summary = ComplaintSummary.evolve(summary, codec.decode(envelope));
            }
        }
        return summary;
    }
}
