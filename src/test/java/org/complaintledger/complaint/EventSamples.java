package org.complaintledger.complaint;

import static org.complaintledger.complaint.ComplaintExamples.*;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.complaintledger.deadline.DeadlineKind;

/**
 * One event of every stored type, as the decider's specifications write them: the example histories of
 * {@link ComplaintExamples}, and the steps that none of those histories takes.
 */
public final class EventSamples {

    static final java.util.UUID ATTACHMENT_ID = java.util.UUID.fromString("0b9d3f4e-7c1a-4d5e-9f00-0000000000a1");

    private EventSamples() {}

    public static Map<ComplaintEventType, ComplaintEvent> oneOfEach() {
        List<ComplaintEvent> others = List.of(
                new ComplaintEvent.ClarificationProvided(ID, wib("2026-03-03T15:00"), CITIZEN, "Jalan Pelabuhan, km 2"),
                new ComplaintEvent.VisibilityChanged(
                        ID, HELD_AT, OPERATOR, true, false, "The description names a neighbour"),
                new ComplaintEvent.Redispatched(
                        ID, wib("2026-03-05T13:00"), OPERATOR, "dinas-pupr-provinsi", "A provincial road"),
                new ComplaintEvent.ComplainantObjected(ID, COMPLETED_AT, CITIZEN, "The hole is back after the rain"),
                new ComplaintEvent.DeadlineMissed(ID, FOLLOW_UP_DUE, SYSTEM, DeadlineKind.FOLLOW_UP, FOLLOW_UP_DUE),
                new ComplaintEvent.DuplicateLinkRemoved(ID, DISPATCHED_AT, OPERATOR, ORIGINAL_ID),
                new ComplaintEvent.PersonalDataErased(ID, NOW, CITIZEN, CITIZEN.subject(), "UU PDP Pasal 8"),
                new ComplaintEvent.MessagePosted(
                        ID, ACKNOWLEDGED_AT, OPERATOR, "Please call the village head first", Audience.INTERNAL, null),
                new ComplaintEvent.QuestionAsked(ID, ACKNOWLEDGED_AT, OFFICER, AGENCY, "Which side of the road?"),
                new ComplaintEvent.QuestionAnswered(ID, ACKNOWLEDGED_AT, CITIZEN, "The north side"),
                new ComplaintEvent.ProgressPosted(ID, ACKNOWLEDGED_AT, OFFICER, AGENCY, "Asphalt is ordered"),
                new ComplaintEvent.ExtensionRequested(
                        ID, ACKNOWLEDGED_AT, OFFICER, EXTENSION_ID, AGENCY, 5, "Waiting for the asphalt delivery"),
                new ComplaintEvent.ExtensionDecided(ID, ACKNOWLEDGED_AT, OPERATOR, EXTENSION_ID, true, "Granted once"),
                new ComplaintEvent.AssignedToUnit(
                        ID, DISPATCHED_AT, OFFICER, "dinas-pupr", "pupr-bina-marga", "Mohon dicek ke lokasi", null),
                new ComplaintEvent.AttachmentAdded(
                        ID,
                        NOW,
                        CITIZEN,
                        ATTACHMENT_ID,
                        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                        48213,
                        "image/jpeg",
                        AttachmentAudience.PUBLIC,
                        "v1.c2VhbGVkLWZpbGUtbmFtZS1hbmQtY2FwdGlvbg"),
                new ComplaintEvent.AttachmentRedacted(ID, NOW, OPERATOR, ATTACHMENT_ID, "Shows a bystander's face"),
                new ComplaintEvent.ClosedByOperator(
                        ID, COMPLETED_AT, OPERATOR, ClosureOutcome.RESOLVED, "The road was patched; see the photos"),
                new ComplaintEvent.RecommendationIssued(
                        ID, FINDING_AT, OMBUDSMAN, AGENCY, "Answer within five working days", wib("2026-04-15T10:00")),
                new ComplaintEvent.ImplementationReported(
                        ID, NOW, OFFICER, AGENCY, "A duty roster now answers every complaint within five days"));
        Map<ComplaintEventType, ComplaintEvent> samples = new EnumMap<>(ComplaintEventType.class);
        Stream.of(completed(), awaitingRedispatch(), onHold(), reviewed(), archivedAsDuplicate(), withdrawn(), others)
                .flatMap(List::stream)
                .forEach(event -> samples.putIfAbsent(event.eventType(), event));
        return samples;
    }
}
