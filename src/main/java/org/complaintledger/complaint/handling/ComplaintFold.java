package org.complaintledger.complaint.handling;

import java.util.UUID;
import org.complaintledger.complaint.Complaint;
import org.complaintledger.complaint.ComplaintEvent;
import org.complaintledger.complaint.ComplaintSummary;

/**
 * What a command handler folds from a complaint's events: the decider's state, which decisions read, and the read
 * model's summary, which the command's answer shows. Folded together from the events the handler loads anyway, so
 * the answer needs no second read of the stream.
 */
public record ComplaintFold(Complaint state, ComplaintSummary summary) {

    public static ComplaintFold initial(UUID complaintId) {
        return new ComplaintFold(Complaint.initial(complaintId), ComplaintSummary.initial(complaintId));
    }

    public ComplaintFold evolve(ComplaintEvent event) {
        return new ComplaintFold(Complaint.evolve(state, event), ComplaintSummary.evolve(summary, event));
    }
}
