package org.complaintledger.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.complaintledger.complaint.Actor;
import org.complaintledger.complaint.ArchiveReason;
import org.complaintledger.complaint.Audience;
import org.complaintledger.complaint.Channel;
import org.complaintledger.complaint.ComplaintEvent;
import org.complaintledger.complaint.CompletionOutcome;
import org.complaintledger.complaint.EscalationCause;
import org.complaintledger.complaint.NotifyChannel;
import org.complaintledger.complaint.ReportType;
import org.complaintledger.deadline.DeadlineKind;
import org.junit.jupiter.api.Test;

/** Who is told what: the rules of the delivery processor, without a database. */
class DecisionsTest {

    private static final UUID ID = UUID.randomUUID();
    private static final Instant AT = Instant.parse("2026-11-27T03:00:00Z");
    private static final Actor OPERATOR = Actor.operator("op-7");
    private static final Decisions.Subject TOLD_BY_EMAIL =
            new Decisions.Subject("citizen-1", "LPR-7KQ2-M9XD", DeliveryChannel.EMAIL, false);

    private static List<String> told(ComplaintEvent event, Decisions.Subject subject) {
        return Decisions.decide(event, subject).stream()
                .map(d -> d.recipient().key() + " " + d.message().key())
                .toList();
    }

    @Test
    void the_complainant_gets_a_receipt_with_the_tracking_number_on_filing() {
        var submitted = new ComplaintEvent.Submitted(
                ID,
                AT,
                Actor.citizen("citizen-1"),
                "LPR-7KQ2-M9XD",
                ReportType.COMPLAINT,
                "INFRASTRUCTURE",
                Channel.WEB,
                "t",
                "d",
                null,
                true,
                false,
                "citizen-1",
                "v1.sealed",
                null);
        var decisions = Decisions.decide(submitted, TOLD_BY_EMAIL);
        assertThat(decisions).singleElement().satisfies(d -> {
            assertThat(d.recipient()).isEqualTo(new Decisions.Recipient.Complainant("citizen-1"));
            assertThat(d.message()).isEqualTo(Message.FILED);
            assertThat(d.params()).containsEntry("trackingNumber", "LPR-7KQ2-M9XD");
        });
    }

    @Test
    void a_dispatch_tells_the_complainant_and_alerts_the_assigned_agency() {
        assertThat(told(new ComplaintEvent.Dispatched(ID, AT, OPERATOR, "dinas-pupr", "n"), TOLD_BY_EMAIL))
                .containsExactly("complainant:citizen-1 dispatched", "agency:dinas-pupr agency-assigned");
        assertThat(told(new ComplaintEvent.Redispatched(ID, AT, OPERATOR, "dinkes", "n"), TOLD_BY_EMAIL))
                .containsExactly("complainant:citizen-1 dispatched", "agency:dinkes agency-assigned");
    }

    @Test
    void the_operator_is_alerted_of_a_decline_an_answered_clarification_an_objection_and_an_appeal() {
        Actor officer = Actor.officer("officer-3", "dinas-pupr");
        Actor citizen = Actor.citizen("citizen-1");
        assertThat(told(new ComplaintEvent.DeclinedByAgency(ID, AT, officer, "dinas-pupr", "r", null), TOLD_BY_EMAIL))
                .containsExactly("operator declined-by-agency");
        assertThat(told(new ComplaintEvent.ClarificationProvided(ID, AT, citizen, "a"), TOLD_BY_EMAIL))
                .containsExactly("operator clarification-answered");
        assertThat(told(new ComplaintEvent.ComplainantObjected(ID, AT, citizen, "r"), TOLD_BY_EMAIL))
                .containsExactly("operator complainant-objected");
        assertThat(told(
                        new ComplaintEvent.Escalated(ID, AT, citizen, EscalationCause.COMPLAINANT_APPEAL, "r"),
                        TOLD_BY_EMAIL))
                .containsExactly(
                        "complainant:citizen-1 escalated",
                        "ombudsman escalation-received",
                        "operator complainant-appealed");
        assertThat(told(
                        new ComplaintEvent.Escalated(ID, AT, Actor.SYSTEM, EscalationCause.RESOLUTION_OVERDUE, null),
                        TOLD_BY_EMAIL))
                .containsExactly("complainant:citizen-1 escalated", "ombudsman escalation-received");
    }

    @Test
    void
            a_public_message_from_staff_and_an_agency_question_tell_the_complainant_an_internal_note_or_their_own_does_not() {
        Actor officer = Actor.officer("officer-3", "dinas-pupr");
        assertThat(told(
                        new ComplaintEvent.MessagePosted(
                                ID, AT, OPERATOR, "Kami sedang memeriksa", Audience.PUBLIC, null),
                        TOLD_BY_EMAIL))
                .containsExactly("complainant:citizen-1 message-posted");
        assertThat(told(
                        new ComplaintEvent.MessagePosted(
                                ID, AT, officer, "Sudah dijadwalkan", Audience.PUBLIC, "dinas-pupr"),
                        TOLD_BY_EMAIL))
                .containsExactly("complainant:citizen-1 message-posted");
        assertThat(told(
                        new ComplaintEvent.MessagePosted(
                                ID, AT, OPERATOR, "Hubungi kepala desa dulu", Audience.INTERNAL, null),
                        TOLD_BY_EMAIL))
                .isEmpty();
        assertThat(told(
                        new ComplaintEvent.MessagePosted(
                                ID, AT, Actor.citizen("citizen-1"), "Terima kasih", Audience.PUBLIC, null),
                        TOLD_BY_EMAIL))
                .isEmpty();
        assertThat(told(
                        new ComplaintEvent.QuestionAsked(ID, AT, officer, "dinas-pupr", "Sisi jalan yang mana?"),
                        TOLD_BY_EMAIL))
                .containsExactly("complainant:citizen-1 question-asked");
    }

    @Test
    void completion_says_whether_the_complainant_accepted_or_it_closed_on_its_own() {
        assertThat(told(
                        new ComplaintEvent.Completed(ID, AT, Actor.SYSTEM, CompletionOutcome.AUTO_CLOSED),
                        TOLD_BY_EMAIL))
                .containsExactly("complainant:citizen-1 auto-closed");
        assertThat(told(
                        new ComplaintEvent.Completed(ID, AT, Actor.citizen("citizen-1"), CompletionOutcome.ACCEPTED),
                        TOLD_BY_EMAIL))
                .containsExactly("complainant:citizen-1 completed");
    }

    @Test
    void the_operators_closing_tells_the_complainant_the_outcome() {
        var decisions = Decisions.decide(
                new ComplaintEvent.ClosedByOperator(
                        ID, AT, OPERATOR, org.complaintledger.complaint.ClosureOutcome.RESOLVED, "Sudah diaspal"),
                TOLD_BY_EMAIL);
        assertThat(decisions).singleElement().satisfies(d -> {
            assertThat(d.recipient()).isEqualTo(new Decisions.Recipient.Complainant("citizen-1"));
            assertThat(d.message()).isEqualTo(Message.CLOSED_BY_OPERATOR);
            assertThat(d.params())
                    .containsEntry("outcome", "RESOLVED")
                    .containsEntry("trackingNumber", "LPR-7KQ2-M9XD");
        });
    }

    @Test
    void a_recommendation_tells_the_complainant_and_alerts_the_agency_with_its_implementation_date() {
        var issued = new ComplaintEvent.RecommendationIssued(
                ID, AT, Actor.ombudsman("orp-2"), "dinas-pupr", "Bentuk piket harian", AT.plusSeconds(30 * 86_400));
        assertThat(told(issued, TOLD_BY_EMAIL))
                .containsExactly(
                        "complainant:citizen-1 recommendation-issued", "agency:dinas-pupr recommendation-received");
        assertThat(Decisions.decide(issued, TOLD_BY_EMAIL).getLast().params())
                .containsEntry("dueAt", "2026-12-27 03:00 UTC")
                .containsEntry("agencyId", "dinas-pupr");
        assertThat(told(issued, new Decisions.Subject("citizen-1", "LPR-7KQ2-M9XD", DeliveryChannel.EMAIL, true)))
                .as("an erased complainant is not told; the agency still is")
                .containsExactly("agency:dinas-pupr recommendation-received");
    }

    @Test
    void an_archived_complaint_tells_the_complainant_the_reason() {
        var decisions = Decisions.decide(
                new ComplaintEvent.Archived(ID, AT, OPERATOR, ArchiveReason.OUT_OF_SCOPE, "n"), TOLD_BY_EMAIL);
        assertThat(decisions)
                .singleElement()
                .satisfies(d -> assertThat(d.params()).containsEntry("reason", "OUT_OF_SCOPE"));
    }

    @Test
    void nobody_outside_the_case_is_told_of_internal_steps() {
        assertThat(told(new ComplaintEvent.Acknowledged(ID, AT, Actor.officer("o", "dinkes"), "dinkes"), TOLD_BY_EMAIL))
                .isEmpty();
        assertThat(told(
                        new ComplaintEvent.DeadlineSet(
                                ID, AT, Actor.SYSTEM, DeadlineKind.FOLLOW_UP, AT, "p", 1, "5wd", "national", 0),
                        TOLD_BY_EMAIL))
                .isEmpty();
    }

    @Test
    void an_erased_complainant_or_one_who_chose_none_is_never_told_but_staff_still_are() {
        var erased = new Decisions.Subject("citizen-1", "LPR-7KQ2-M9XD", DeliveryChannel.EMAIL, true);
        var silent = new Decisions.Subject("citizen-1", "LPR-7KQ2-M9XD", null, false);
        var dispatched = new ComplaintEvent.Dispatched(ID, AT, OPERATOR, "dinas-pupr", "n");
        assertThat(told(dispatched, erased)).containsExactly("agency:dinas-pupr agency-assigned");
        assertThat(told(dispatched, silent)).containsExactly("agency:dinas-pupr agency-assigned");
    }

    @Test
    void the_default_channel_is_the_one_they_came_through_else_email_else_a_text_message() {
        assertThat(Decisions.channelFor(null, Channel.WHATSAPP, true, true)).isEqualTo(DeliveryChannel.WHATSAPP);
        assertThat(Decisions.channelFor(null, Channel.SMS_1708, true, true)).isEqualTo(DeliveryChannel.SMS);
        assertThat(Decisions.channelFor(null, Channel.WEB, true, true)).isEqualTo(DeliveryChannel.EMAIL);
        assertThat(Decisions.channelFor(null, Channel.WHATSAPP, true, false)).isEqualTo(DeliveryChannel.EMAIL);
        assertThat(Decisions.channelFor(null, Channel.WALK_IN, false, true)).isEqualTo(DeliveryChannel.SMS);
        assertThat(Decisions.channelFor(null, Channel.WEB, false, false)).isNull();
        assertThat(Decisions.channelFor(NotifyChannel.NONE, Channel.WEB, true, true))
                .isNull();
        assertThat(Decisions.channelFor(NotifyChannel.WHATSAPP, Channel.WEB, true, true))
                .isEqualTo(DeliveryChannel.WHATSAPP);
    }

    @Test
    void a_masked_address_tells_two_apart_without_revealing_either() {
        assertThat(Masking.email("pelapor@example.id")).isEqualTo("p•••@e•••.id");
        assertThat(Masking.phone("+62 812 1111 2222")).isEqualTo("•••2222");
    }
}
