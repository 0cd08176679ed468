package org.complaintledger.open311;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.complaintledger.complaint.Actor;
import org.complaintledger.complaint.ArchiveReason;
import org.complaintledger.complaint.Audience;
import org.complaintledger.complaint.Channel;
import org.complaintledger.complaint.Complaint;
import org.complaintledger.complaint.ComplaintEvent;
import org.complaintledger.complaint.ComplaintEvent.Acknowledged;
import org.complaintledger.complaint.ComplaintEvent.Archived;
import org.complaintledger.complaint.ComplaintEvent.ClarificationProvided;
import org.complaintledger.complaint.ComplaintEvent.ClarificationRequested;
import org.complaintledger.complaint.ComplaintEvent.ComplainantAccepted;
import org.complaintledger.complaint.ComplaintEvent.ComplainantObjected;
import org.complaintledger.complaint.ComplaintEvent.Completed;
import org.complaintledger.complaint.ComplaintEvent.DeadlineMissed;
import org.complaintledger.complaint.ComplaintEvent.DeadlineSet;
import org.complaintledger.complaint.ComplaintEvent.DeclinedByAgency;
import org.complaintledger.complaint.ComplaintEvent.Dispatched;
import org.complaintledger.complaint.ComplaintEvent.DuplicateLinkRemoved;
import org.complaintledger.complaint.ComplaintEvent.Escalated;
import org.complaintledger.complaint.ComplaintEvent.FindingRecorded;
import org.complaintledger.complaint.ComplaintEvent.FollowUpPosted;
import org.complaintledger.complaint.ComplaintEvent.LinkedAsDuplicate;
import org.complaintledger.complaint.ComplaintEvent.PersonalDataErased;
import org.complaintledger.complaint.ComplaintEvent.Redispatched;
import org.complaintledger.complaint.ComplaintEvent.ReviewClosed;
import org.complaintledger.complaint.ComplaintEvent.ReviewOpened;
import org.complaintledger.complaint.ComplaintEvent.Submitted;
import org.complaintledger.complaint.ComplaintEvent.Verified;
import org.complaintledger.complaint.ComplaintEvent.VisibilityChanged;
import org.complaintledger.complaint.ComplaintEvent.Withdrawn;
import org.complaintledger.complaint.ComplaintEventType;
import org.complaintledger.complaint.CompletionOutcome;
import org.complaintledger.complaint.EscalationCause;
import org.complaintledger.complaint.Location;
import org.complaintledger.complaint.MaladministrationForm;
import org.complaintledger.complaint.ReportType;
import org.complaintledger.complaint.Status;
import org.complaintledger.deadline.DeadlineKind;
import org.junit.jupiter.api.Test;

/**
 * The update feed decides from an event's type alone which status it leads to. These histories fold every event
 * type through the decider's own {@code evolve}: the mapping must name exactly the events after which the status
 * differs, and the status they lead to.
 */
class Open311StatusMappingTest {

    private static final UUID ID = UUID.fromString("0b9d3f4e-7c1a-4d5e-9f00-00000000311a");
    private static final Instant AT = Instant.parse("2026-03-02T03:00:00Z");
    private static final Actor CITIZEN = Actor.citizen("open311:dev:citizen");
    private static final Actor OPERATOR = Actor.operator("op-7");
    private static final Actor OFFICER = Actor.officer("officer-3", "dinas-pupr");
    private static final Actor OMBUDSMAN = Actor.ombudsman("orp-2");

    private static Submitted submitted() {
        return new Submitted(
                ID,
                AT,
                CITIZEN,
                "LPR-7KQ2-M9XD-4HPA",
                ReportType.COMPLAINT,
                "INFRASTRUCTURE",
                Channel.OPEN311,
                "Jalan berlubang",
                "Lubang besar dekat pasar",
                new Location(null, null, null, 1.46, 102.1),
                true,
                false,
                CITIZEN.subject(),
                null,
                null);
    }

    private static final UUID ATTACHMENT = UUID.fromString("0b9d3f4e-7c1a-4d5e-9f00-0000000000a1");
    private static final UUID REQUEST = UUID.fromString("0b9d3f4e-7c1a-4d5e-9f00-0000000000e1");

    private static final List<List<ComplaintEvent>> HISTORIES = List.of(
            List.of(
                    submitted(),
                    new DeadlineSet(
                            ID,
                            AT,
                            CITIZEN,
                            DeadlineKind.VERIFICATION,
                            AT.plusSeconds(86_400),
                            "p",
                            1,
                            "3wd",
                            "national",
                            0),
                    new ClarificationRequested(ID, AT, OPERATOR, "Di mana?"),
                    new ClarificationProvided(ID, AT, CITIZEN, "Dekat pasar"),
                    new LinkedAsDuplicate(ID, AT, OPERATOR, UUID.randomUUID()),
                    new Archived(ID, AT, OPERATOR, ArchiveReason.DUPLICATE, null),
                    new DuplicateLinkRemoved(ID, AT, OPERATOR, UUID.randomUUID()),
                    new Verified(ID, AT, OPERATOR, "INFRASTRUCTURE", ReportType.COMPLAINT),
                    new Dispatched(ID, AT, OPERATOR, "dinas-pupr", null),
                    new Acknowledged(ID, AT, OFFICER, "dinas-pupr"),
                    new ComplaintEvent.AssignedToUnit(ID, AT, OFFICER, "dinas-pupr", "pupr-bina-marga", null, null),
                    new DeclinedByAgency(ID, AT, OFFICER, "dinas-pupr", "bukan kami", null),
                    new Redispatched(ID, AT, OPERATOR, "dinas-pupr", null),
                    new Acknowledged(ID, AT, OFFICER, "dinas-pupr"),
                    new ComplaintEvent.MessagePosted(
                            ID, AT, OFFICER, "catatan internal", Audience.INTERNAL, "dinas-pupr"),
                    new ComplaintEvent.QuestionAsked(ID, AT, OFFICER, "dinas-pupr", "Sisi mana?"),
                    new ComplaintEvent.QuestionAnswered(ID, AT, CITIZEN, "Utara"),
                    new ComplaintEvent.ProgressPosted(ID, AT, OFFICER, "dinas-pupr", "aspal dipesan"),
                    new ComplaintEvent.AttachmentAdded(
                            ID,
                            AT,
                            CITIZEN,
                            ATTACHMENT,
                            "0".repeat(64),
                            1024,
                            "image/jpeg",
                            org.complaintledger.complaint.AttachmentAudience.PUBLIC,
                            "v1.sealed"),
                    new ComplaintEvent.AttachmentRedacted(ID, AT, OPERATOR, ATTACHMENT, "wajah orang lain"),
                    new ComplaintEvent.ExtensionRequested(ID, AT, OFFICER, REQUEST, "dinas-pupr", 5, "aspal"),
                    new ComplaintEvent.ExtensionDecided(ID, AT, OPERATOR, REQUEST, false, "tidak"),
                    new FollowUpPosted(ID, AT, OFFICER, "dinas-pupr", "sudah ditambal", null),
                    new ComplainantObjected(ID, AT, CITIZEN, "belum"),
                    new FollowUpPosted(ID, AT, OFFICER, "dinas-pupr", "sudah ditambal lagi", null),
                    new ComplainantAccepted(ID, AT, CITIZEN, 5, null),
                    new Completed(ID, AT, CITIZEN, CompletionOutcome.ACCEPTED),
                    new Escalated(ID, AT, CITIZEN, EscalationCause.COMPLAINANT_APPEAL, "tidak puas"),
                    new ReviewOpened(ID, AT, OMBUDSMAN),
                    new FindingRecorded(
                            ID, AT, OMBUDSMAN, true, List.of(MaladministrationForm.UNDUE_DELAY), "perbaiki"),
                    new ReviewClosed(ID, AT, OMBUDSMAN, "selesai"),
                    new ComplaintEvent.RecommendationIssued(ID, AT, OMBUDSMAN, "dinas-pupr", "perbaiki", AT),
                    new ComplaintEvent.ImplementationReported(ID, AT, OFFICER, "dinas-pupr", "sudah"),
                    new PersonalDataErased(ID, AT, CITIZEN, CITIZEN.subject(), null)),
            List.of(
                    submitted(),
                    new VisibilityChanged(ID, AT, OPERATOR, true, true, "melindungi pelapor"),
                    new DeadlineMissed(ID, AT, Actor.SYSTEM, DeadlineKind.VERIFICATION, AT),
                    new Withdrawn(ID, AT, CITIZEN, "sudah diperbaiki")),
            List.of(
                    submitted(),
                    new Verified(ID, AT, OPERATOR, "INFRASTRUCTURE", ReportType.COMPLAINT),
                    new Dispatched(ID, AT, OPERATOR, "dinas-pupr", null),
                    new ComplaintEvent.ClosedByOperator(
                            ID, AT, OPERATOR, org.complaintledger.complaint.ClosureOutcome.RESOLVED, "sudah beres")),
            List.of(
                    submitted(),
                    new Archived(ID, AT, OPERATOR, ArchiveReason.OUT_OF_SCOPE, "bukan layanan kabupaten")));

    @Test
    void the_histories_hold_every_event_type() {
        Set<ComplaintEventType> seen = EnumSet.noneOf(ComplaintEventType.class);
        HISTORIES.forEach(history -> history.forEach(event -> seen.add(event.eventType())));
        assertThat(seen).containsExactlyInAnyOrder(ComplaintEventType.values());
    }

    @Test
    void an_update_is_published_exactly_for_the_events_after_which_the_status_differs() {
        for (List<ComplaintEvent> history : HISTORIES) {
            Complaint state = Complaint.initial(ID);
            for (ComplaintEvent event : history) {
                Status before = state.status();
                state = Complaint.evolve(state, event);
                Optional<Status> published = PublicStatus.after(event.eventType());
                if (event instanceof Submitted) {
                    assertThat(published)
                            .as("filing creates the request; it is not an update")
                            .isEmpty();
                } else if (state.status() != before) {
                    assertThat(published).as(event.eventType().wireName()).contains(state.status());
                } else {
                    assertThat(published).as(event.eventType().wireName()).isEmpty();
                }
            }
        }
    }

    @Test
    void closed_means_the_end_of_the_agency_flow_and_everything_else_is_open() {
        assertThat(EnumSet.allOf(Status.class).stream()
                        .filter(s -> PublicStatus.of(s).equals("closed")))
                .containsExactlyInAnyOrder(Status.ARCHIVED, Status.COMPLETED, Status.WITHDRAWN, Status.REVIEWED);
        assertThat(PublicStatus.of(Status.RESPONDED)).isEqualTo("open");
        assertThat(PublicStatus.of(Status.ESCALATED)).isEqualTo("open");
    }

    @Test
    void an_archived_request_says_why_from_the_fixed_reasons() {
        assertThat(PublicStatus.notes(Status.ARCHIVED, ArchiveReason.DUPLICATE)).endsWith("Duplicate request.");
        assertThat(PublicStatus.notes(Status.DISPATCHED, null)).isEqualTo(PublicStatus.notes(Status.DISPATCHED));
    }

    @Test
    void a_title_is_the_first_line_of_the_description_cut_to_two_hundred_characters() {
        assertThat(Open311Filing.title("  Lampu padam\nsudah seminggu")).isEqualTo("Lampu padam");
        String title = Open311Filing.title("x".repeat(300));
        assertThat(title).hasSize(200).endsWith("…");
    }
}
