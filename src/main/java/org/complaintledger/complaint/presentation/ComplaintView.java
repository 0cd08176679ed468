package org.complaintledger.complaint.presentation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.complaintledger.complaint.Channel;
import org.complaintledger.complaint.ClosureOutcome;
import org.complaintledger.complaint.Location;
import org.complaintledger.complaint.ReportType;
import org.complaintledger.complaint.Status;
import org.complaintledger.deadline.DeadlineKind;
import org.complaintledger.deadline.runtime.DeadlineClock;

/** The complaint as a detail screen shows it, already redacted for the caller (README, "Visibility"). */
public record ComplaintView(
        UUID id,
        String trackingNumber,
        Status status,
        long version,
        ReportType reportType,
        String category,
        Channel channel,
        String title,
        String description,
        Location location,
        boolean anonymous,
        boolean confidential,
        ComplainantView complainant,
        String agencyId,
        Instant submittedAt,
        Instant updatedAt,
        List<DeadlineView> deadlines,
        List<FollowUpView> followUps,
        Integer rating,
        int reopenCount,
        UUID duplicateOf,
        boolean escalated,
        boolean overdue,
        List<NoteView> conversation,
        // the operator's outcome when it closed the complaint, null otherwise
        ClosureOutcome closureOutcome,
        int declines,
        int handOffs,
        // declined three times or more: the operator's queue flags it
        boolean repeatedlyDeclined,
        // the Ombudsman's recommendation to the agency and its implementation; null when there is none
        RecommendationView recommendation) {

    /** {@code state}: how the implementation stands against its due date while it is not reported, null after. */
    public record RecommendationView(
            String agencyId, String text, Instant dueAt, DeadlineClock.State state, Instant reportedAt) {}

    /** The ETag of a complaint at this version: the value a client sends back in If-Match. */
    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    public record ComplainantView(String name, String phone, String email) {}

    public record DeadlineView(DeadlineKind kind, Instant dueAt, DeadlineClock.State state) {}

    /**
     * One note of the conversation as this reader may see it: the complainant sees only {@code public} ones. The
     * writer is named by role and agency, never by a staff member's subject id.
     */
    public record NoteView(
            String kind, String text, String audience, Instant at, String role, String agencyId, UUID ref) {}

    /** {@code actionTakenOn} is null when the agency did not say, as in every follow-up posted before it could. */
    public record FollowUpView(String message, Instant postedAt, String agencyId, LocalDate actionTakenOn) {}
}
