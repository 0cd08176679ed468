package org.complaintledger.notification;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.complaintledger.complaint.Audience;
import org.complaintledger.complaint.Channel;
import org.complaintledger.complaint.ComplaintEvent;
import org.complaintledger.complaint.CompletionOutcome;
import org.complaintledger.complaint.EscalationCause;
import org.complaintledger.complaint.NotifyChannel;
import org.complaintledger.complaint.Role;

/**
 * Who must be told what about an event: a pure function of the event and what is known of the complaint's
 * complainant, so the rules read (and are tested) without a database. Addresses are resolved by the caller.
 */
public final class Decisions {

    /** Due dates in messages: UTC and saying so, since this pure function knows no regency's zone. */
    private static final DateTimeFormatter DUE_FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private Decisions() {}

    /** Who receives a decision; the complainant's address comes from their sealed data, staff's from configuration. */
    public sealed interface Recipient {
        String key();

        record Complainant(String subject) implements Recipient {
            public String key() {
                return "complainant:" + subject;
            }
        }

        record Agency(String agencyId) implements Recipient {
            public String key() {
                return "agency:" + agencyId;
            }
        }

        record Operator() implements Recipient {
            public String key() {
                return "operator";
            }
        }

        record Ombudsman() implements Recipient {
            public String key() {
                return "ombudsman";
            }
        }
    }

    /** What the processor remembers of a complaint's complainant; {@code channel} null: they are not to be told. */
    public record Subject(String complainantId, String trackingNumber, DeliveryChannel channel, boolean erased) {}

    public record Decision(Recipient recipient, Message message, Map<String, String> params) {}

    /**
     * The channel a complainant is told on: the one they chose, else the one they came through, else e-mail when
     * they gave an address, else a text message to the phone they gave. Null when there is no way to reach them.
     */
    public static DeliveryChannel channelFor(
            NotifyChannel chosen, Channel cameThrough, boolean hasEmail, boolean hasPhone) {
        if (chosen != null) {
            return switch (chosen) {
                case NONE -> null;
                case EMAIL -> hasEmail ? DeliveryChannel.EMAIL : null;
                case WHATSAPP -> hasPhone ? DeliveryChannel.WHATSAPP : null;
                case SMS -> hasPhone ? DeliveryChannel.SMS : null;
            };
        }
        if (cameThrough == Channel.WHATSAPP && hasPhone) {
            return DeliveryChannel.WHATSAPP;
        }
        if (cameThrough == Channel.SMS_1708 && hasPhone) {
            return DeliveryChannel.SMS;
        }
        if (hasEmail) {
            return DeliveryChannel.EMAIL;
        }
        return hasPhone ? DeliveryChannel.SMS : null;
    }

    /** The decisions an event calls for. {@code subject} is the complaint's state before the event (null if unknown). */
    public static List<Decision> decide(ComplaintEvent event, Subject subject) {
        List<Decision> decisions = new ArrayList<>();
        Map<String, String> params = new LinkedHashMap<>();
        if (subject != null) {
            params.put("trackingNumber", subject.trackingNumber());
        }
        switch (event) {
            case ComplaintEvent.Submitted s -> {
                params.put("trackingNumber", s.trackingNumber());
                complainant(decisions, subject, Message.FILED, params);
            }
            case ComplaintEvent.ClarificationRequested c ->
                complainant(decisions, subject, Message.CLARIFICATION_REQUESTED, params);
            case ComplaintEvent.ClarificationProvided c ->
                staff(decisions, new Recipient.Operator(), Message.CLARIFICATION_ANSWERED, params);
            case ComplaintEvent.Dispatched d -> {
                params.put("agencyId", d.agencyId());
                complainant(decisions, subject, Message.DISPATCHED, params);
                staff(decisions, new Recipient.Agency(d.agencyId()), Message.AGENCY_ASSIGNED, params);
            }
            case ComplaintEvent.Redispatched r -> {
                params.put("agencyId", r.agencyId());
                complainant(decisions, subject, Message.DISPATCHED, params);
                staff(decisions, new Recipient.Agency(r.agencyId()), Message.AGENCY_ASSIGNED, params);
            }
            case ComplaintEvent.DeclinedByAgency d -> {
                params.put("agencyId", d.agencyId());
                staff(decisions, new Recipient.Operator(), Message.DECLINED_BY_AGENCY, params);
            }
            case ComplaintEvent.FollowUpPosted f -> complainant(decisions, subject, Message.FOLLOW_UP_POSTED, params);
            // staff writing to the complainant in the conversation; an internal note, or the complainant's own, tells
            // no one
            case ComplaintEvent.MessagePosted m -> {
                if (m.audience() == Audience.PUBLIC && m.actor().role() != Role.CITIZEN) {
                    complainant(decisions, subject, Message.MESSAGE_POSTED, params);
                }
            }
            case ComplaintEvent.QuestionAsked q -> complainant(decisions, subject, Message.QUESTION_ASKED, params);
            case ComplaintEvent.ComplainantObjected o ->
                staff(decisions, new Recipient.Operator(), Message.COMPLAINANT_OBJECTED, params);
            case ComplaintEvent.Completed c ->
                complainant(
                        decisions,
                        subject,
                        c.outcome() == CompletionOutcome.AUTO_CLOSED ? Message.AUTO_CLOSED : Message.COMPLETED,
                        params);
            case ComplaintEvent.Archived a -> {
                params.put("reason", a.reason().name());
                complainant(decisions, subject, Message.ARCHIVED, params);
            }
            case ComplaintEvent.Escalated e -> {
                params.put("cause", e.cause().name());
                complainant(decisions, subject, Message.ESCALATED, params);
                staff(decisions, new Recipient.Ombudsman(), Message.ESCALATION_RECEIVED, params);
                if (e.cause() == EscalationCause.COMPLAINANT_APPEAL) {
                    staff(decisions, new Recipient.Operator(), Message.COMPLAINANT_APPEALED, params);
                }
            }
            case ComplaintEvent.ReviewClosed r -> complainant(decisions, subject, Message.REVIEW_CLOSED, params);
            case ComplaintEvent.ClosedByOperator c -> {
                params.put("outcome", c.outcome().name());
                complainant(decisions, subject, Message.CLOSED_BY_OPERATOR, params);
            }
            // the complainant learns that the agency owes a remedy; the agency, what it owes and by when
            case ComplaintEvent.RecommendationIssued r -> {
                params.put("agencyId", r.agencyId());
                complainant(decisions, subject, Message.RECOMMENDATION_ISSUED, params);
                params.put("dueAt", DUE_FORMAT.format(r.implementationDueAt()));
                staff(decisions, new Recipient.Agency(r.agencyId()), Message.RECOMMENDATION_RECEIVED, params);
            }
            default -> {
                // the other steps concern no one outside the case's handlers, who see them in their queues
            }
        }
        return decisions;
    }

    private static void complainant(
            List<Decision> decisions, Subject subject, Message message, Map<String, String> params) {
        // erased: no new delivery, ever; no channel: they chose not to be told, or left no way to reach them
        if (subject != null && !subject.erased() && subject.channel() != null && subject.complainantId() != null) {
            decisions.add(
                    new Decision(new Recipient.Complainant(subject.complainantId()), message, Map.copyOf(params)));
        }
    }

    private static void staff(
            List<Decision> decisions, Recipient recipient, Message message, Map<String, String> params) {
        decisions.add(new Decision(recipient, message, Map.copyOf(params)));
    }
}
