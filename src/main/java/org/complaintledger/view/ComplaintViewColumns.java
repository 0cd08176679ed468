package org.complaintledger.view;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.time.Instant;
import java.util.UUID;
import org.complaintledger.complaint.Channel;
import org.complaintledger.complaint.ComplaintSummary;
import org.complaintledger.complaint.ReportType;
import org.complaintledger.complaint.Status;
import org.hibernate.annotations.ColumnTransformer;

/**
 * One complaint as the read side keeps it: its {@link ComplaintSummary} document, and the columns queues and statistics
 * select on. The rows of {@code complaint_views} ({@link ComplaintViewRow}) and their last good copy kept during a
 * rebuild ({@link LastGoodViewRow}) have these columns.
 */
@MappedSuperclass
public abstract class ComplaintViewColumns extends PanacheEntityBase {

    @Id
    public UUID id;

    public long version;

    @Column(name = "tracking_number")
    public String trackingNumber;

    @Enumerated(EnumType.STRING)
    public Status status;

    @Enumerated(EnumType.STRING)
    @Column(name = "report_type")
    public ReportType reportType;

    public String category;

    @Enumerated(EnumType.STRING)
    public Channel channel;

    @Column(name = "agency_id")
    public String agencyId;

    /** The unit inside the agency it is assigned to (issue 17); null until an officer assigns it. */
    @Column(name = "unit_id")
    public String unitId;

    @Column(name = "complainant_id")
    public String complainantId;

    public boolean anonymous;

    public boolean confidential;

    public boolean escalated;

    @Column(name = "due_at")
    public Instant dueAt;

    @Column(name = "submitted_at")
    public Instant submittedAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    // a ComplaintSummary of ComplaintSummary.READ_MODEL_VERSION, as ComplaintStates writes it;
    // bound as text and parsed by PostgreSQL: the Vert.x client would store a String parameter as a JSON string
    @ColumnTransformer(read = "state::text", write = "(?::text)::jsonb")
    public String state;
}
