package org.complaintledger.review;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** One time a complaint was put in an agency's hands, and how the agency answered it. */
@Entity
@Table(name = "agency_assignments")
@IdClass(AgencyAssignmentRow.Key.class)
public class AgencyAssignmentRow extends PanacheEntityBase {

    public static class Key implements Serializable {
        public UUID complaintId;
        public int assignment;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.assignment == assignment && Objects.equals(k.complaintId, complaintId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(complaintId, assignment);
        }
    }

    @Id
    @Column(name = "complaint_id")
    public UUID complaintId;

    @Id
    public int assignment;

    @Column(name = "agency_id")
    public String agencyId;

    @Column(name = "assigned_at")
    public Instant assignedAt;

    @Column(name = "follow_up_due")
    public Instant followUpDue;

    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;

    @Column(name = "followed_up_at")
    public Instant followedUpAt;

    @Column(name = "declined_at")
    public Instant declinedAt;

    public int reopened;

    public Integer rating;

    @Column(name = "deadline_missed")
    public boolean deadlineMissed;

    @Column(name = "last_version")
    public int lastVersion;
}
