package org.complaintledger.complaint;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.complaintledger.complaint.ComplaintEvent.Acknowledged;
import org.complaintledger.complaint.ComplaintEvent.Archived;
import org.complaintledger.complaint.ComplaintEvent.ClarificationRequested;
import org.complaintledger.complaint.ComplaintEvent.ComplainantAccepted;
import org.complaintledger.complaint.ComplaintEvent.Completed;
import org.complaintledger.complaint.ComplaintEvent.DeadlineSet;
import org.complaintledger.complaint.ComplaintEvent.DeclinedByAgency;
import org.complaintledger.complaint.ComplaintEvent.Dispatched;
import org.complaintledger.complaint.ComplaintEvent.Escalated;
import org.complaintledger.complaint.ComplaintEvent.FindingRecorded;
import org.complaintledger.complaint.ComplaintEvent.FollowUpPosted;
import org.complaintledger.complaint.ComplaintEvent.LinkedAsDuplicate;
import org.complaintledger.complaint.ComplaintEvent.ReviewClosed;
import org.complaintledger.complaint.ComplaintEvent.ReviewOpened;
import org.complaintledger.complaint.ComplaintEvent.Submitted;
import org.complaintledger.complaint.ComplaintEvent.Verified;
import org.complaintledger.complaint.ComplaintEvent.Withdrawn;
import org.complaintledger.deadline.DeadlineKind;
import org.complaintledger.deadline.DeadlinePolicy;
import org.complaintledger.deadline.WorkingCalendar;

/**
 * One complaint's story in Bengkalis, March 2026, as events: the histories that the specifications start from.
 * Deadlines in these histories are written out as instants, never computed, so that a broken calendar cannot
 * quietly agree with itself.
 */
final class ComplaintExamples {

    static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");

    /** The holidays of this test calendar around Nyepi and Idul Fitri 2026, cuti bersama included. */
    static final WorkingCalendar CALENDAR = new WorkingCalendar(
            WorkingCalendar.NATIONAL,
            4,
            Set.of(
                    LocalDate.of(2026, 3, 18),
                    LocalDate.of(2026, 3, 19),
                    LocalDate.of(2026, 3, 20),
                    LocalDate.of(2026, 3, 23),
                    LocalDate.of(2026, 3, 24)),
            JAKARTA);

    static final DeadlinePolicy POLICY = DeadlinePolicy.defaults(CALENDAR);

    static final UUID ID = UUID.fromString("0b9d3f4e-7c1a-4d5e-9f00-000000000001");
    static final UUID ORIGINAL_ID = UUID.fromString("0b9d3f4e-7c1a-4d5e-9f00-000000000002");
    static final UUID EXTENSION_ID = UUID.fromString("0b9d3f4e-7c1a-4d5e-9f00-0000000000e1");

    static final String AGENCY = "dinas-pupr";
    static final String OTHER_AGENCY = "dinas-kesehatan";

    static final Actor CITIZEN = Actor.citizen("citizen-1");
    static final Actor OTHER_CITIZEN = Actor.citizen("citizen-2");
    static final Actor OPERATOR = Actor.operator("op-7");
    static final Actor OFFICER = Actor.officer("officer-3", AGENCY);
    static final Actor OTHER_OFFICER = Actor.officer("officer-9", OTHER_AGENCY);
    static final Actor OMBUDSMAN = Actor.ombudsman("orp-2");
    static final Actor AUDITOR = Actor.auditor("aud-1");
    static final Actor SYSTEM = Actor.SYSTEM;

    static final Location LOCATION = new Location("Bengkalis", "Bantan", "Selatbaru", 1.46, 102.1);

    /** The complainant's personal data as the vault seals it: "v1." and the base64url of IV, ciphertext and tag. */
    static final String SEALED = "v1.LgHITjjANdThz9c5D5J9YhDl4zT8tNvIleChFose3zv0JAdxltae1Pa8wisxfFi5";

    /** Monday 2 March 2026, 10:00 in Bengkalis. */
    static final Instant FILED_AT = wib("2026-03-02T10:00");

    static final Instant VERIFICATION_DUE = wib("2026-03-05T10:00");
    static final Instant RESOLUTION_DUE = wib("2026-05-01T10:00");
    static final Instant HELD_AT = wib("2026-03-03T09:00");
    static final Instant CLARIFICATION_DUE = wib("2026-03-17T09:00");
    static final Instant DISPATCHED_AT = wib("2026-03-04T11:00");
    static final Instant FOLLOW_UP_DUE = wib("2026-03-11T11:00");
    static final Instant ACKNOWLEDGED_AT = wib("2026-03-05T08:30");
    static final Instant DECLINED_AT = wib("2026-03-05T09:00");
    static final Instant REDISPATCH_DUE = wib("2026-03-06T09:00");
    static final Instant RESPONDED_AT = wib("2026-03-09T14:00");
    /** Ten working days after Monday 9 March, stepping over 18 to 24 March. */
    static final Instant COMPLAINANT_RESPONSE_DUE = wib("2026-03-30T14:00");

    static final Instant COMPLETED_AT = wib("2026-03-10T10:00");
    static final Instant ESCALATED_AT = wib("2026-03-12T10:00");
    static final Instant REVIEW_OPENED_AT = wib("2026-03-13T10:00");
    static final Instant FINDING_AT = wib("2026-03-16T10:00");
    /** When the command under test is issued, unless a test says otherwise. */
    static final Instant NOW = wib("2026-03-16T10:00");

    private ComplaintExamples() {}

    static Instant wib(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(JAKARTA).toInstant();
    }

    static DeadlineSet deadlineSet(Instant at, Actor actor, DeadlineKind kind, Instant dueAt, String rule) {
        return new DeadlineSet(ID, at, actor, kind, dueAt, "lapor-default", 1, rule, WorkingCalendar.NATIONAL, 4);
    }

    static Submitted submitted() {
        return new Submitted(
                ID,
                FILED_AT,
                CITIZEN,
                "LPR-7KQ2-M9XD",
                ReportType.COMPLAINT,
                "INFRASTRUCTURE",
                Channel.WHATSAPP,
                "Jalan berlubang",
                "The road to the harbour has a deep pothole",
                LOCATION,
                false,
                false,
                CITIZEN.subject(),
                SEALED,
                LocalDate.of(2026, 2, 28));
    }

    static List<ComplaintEvent> filed() {
        return List.of(
                submitted(),
                deadlineSet(FILED_AT, CITIZEN, DeadlineKind.VERIFICATION, VERIFICATION_DUE, "3wd"),
                deadlineSet(FILED_AT, CITIZEN, DeadlineKind.RESOLUTION, RESOLUTION_DUE, "P60D"));
    }

    static List<ComplaintEvent> onHold() {
        return concat(
                filed(),
                new ClarificationRequested(ID, HELD_AT, OPERATOR, "Which stretch of the road?"),
                deadlineSet(HELD_AT, OPERATOR, DeadlineKind.CLARIFICATION, CLARIFICATION_DUE, "10wd"));
    }

    static List<ComplaintEvent> dispatched() {
        return concat(
                filed(),
                new Verified(ID, DISPATCHED_AT, OPERATOR, "INFRASTRUCTURE", ReportType.COMPLAINT),
                new Dispatched(ID, DISPATCHED_AT, OPERATOR, AGENCY, "Road maintenance"),
                deadlineSet(DISPATCHED_AT, OPERATOR, DeadlineKind.FOLLOW_UP, FOLLOW_UP_DUE, "5wd"));
    }

    static List<ComplaintEvent> inProgress() {
        return concat(dispatched(), new Acknowledged(ID, ACKNOWLEDGED_AT, OFFICER, AGENCY));
    }

    static List<ComplaintEvent> awaitingRedispatch() {
        return concat(
                dispatched(),
                new DeclinedByAgency(ID, DECLINED_AT, OFFICER, AGENCY, "A provincial road", "dinas-pupr-provinsi"),
                deadlineSet(DECLINED_AT, OFFICER, DeadlineKind.REDISPATCH, REDISPATCH_DUE, "1wd"));
    }

    static List<ComplaintEvent> responded() {
        return concat(
                inProgress(),
                new FollowUpPosted(ID, RESPONDED_AT, OFFICER, AGENCY, "Patched on 9 March", LocalDate.of(2026, 3, 9)),
                deadlineSet(
                        RESPONDED_AT, OFFICER, DeadlineKind.COMPLAINANT_RESPONSE, COMPLAINANT_RESPONSE_DUE, "10wd"));
    }

    static List<ComplaintEvent> completed() {
        return concat(
                responded(),
                new ComplainantAccepted(ID, COMPLETED_AT, CITIZEN, 5, "Thank you"),
                new Completed(ID, COMPLETED_AT, CITIZEN, CompletionOutcome.ACCEPTED));
    }

    static List<ComplaintEvent> escalated() {
        return concat(
                dispatched(), new Escalated(ID, ESCALATED_AT, OPERATOR, EscalationCause.OPERATOR, "No answer at all"));
    }

    static List<ComplaintEvent> underReview() {
        return concat(escalated(), new ReviewOpened(ID, REVIEW_OPENED_AT, OMBUDSMAN));
    }

    static List<ComplaintEvent> withFinding() {
        return concat(
                underReview(),
                new FindingRecorded(
                        ID,
                        FINDING_AT,
                        OMBUDSMAN,
                        true,
                        List.of(MaladministrationForm.UNDUE_DELAY),
                        "Answer within five working days"));
    }

    static List<ComplaintEvent> reviewed() {
        return concat(withFinding(), new ReviewClosed(ID, FINDING_AT, OMBUDSMAN, "Maladministration found"));
    }

    static List<ComplaintEvent> archived() {
        return concat(filed(), new Archived(ID, HELD_AT, OPERATOR, ArchiveReason.OUT_OF_SCOPE, "A private dispute"));
    }

    static List<ComplaintEvent> archivedAsDuplicate() {
        return concat(
                filed(),
                new LinkedAsDuplicate(ID, HELD_AT, OPERATOR, ORIGINAL_ID),
                new Archived(ID, HELD_AT, OPERATOR, ArchiveReason.DUPLICATE, null));
    }

    static List<ComplaintEvent> withdrawn() {
        return concat(filed(), new Withdrawn(ID, HELD_AT, CITIZEN, "Solved by neighbours"));
    }

    static List<ComplaintEvent> concat(List<ComplaintEvent> history, ComplaintEvent... more) {
        List<ComplaintEvent> all = new ArrayList<>(history);
        all.addAll(Arrays.asList(more));
        return List.copyOf(all);
    }

    static Complaint state(List<ComplaintEvent> history) {
        return Complaint.replay(ID, history);
    }
}
