package org.complaintledger.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.complaintledger.complaint.ArchiveReason;
import org.complaintledger.complaint.Channel;
import org.complaintledger.complaint.ComplaintSummary;
import org.complaintledger.complaint.EscalationCause;
import org.complaintledger.complaint.Location;
import org.complaintledger.complaint.ReportType;
import org.complaintledger.complaint.Status;
import org.complaintledger.deadline.DeadlineKind;
import org.junit.jupiter.api.Test;

/**
 * The stored read-model document is pinned, per {@link ComplaintSummary#READ_MODEL_VERSION}, by a golden file. A field
 * added, removed, renamed or retyped changes the document and fails this test; the fix is to raise the version (so
 * that a start-up rebuilds the rows an older version wrote) and add the golden file for it, never to edit an existing
 * one.
 */
class ComplaintSummaryShapeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every field set, so that every field and every nested record is in the document. */
    static ComplaintSummary full() {
        Instant filed = Instant.parse("2026-03-02T03:00:00Z");
        return new ComplaintSummary(
                UUID.fromString("0b9d3f4e-7c1a-4d5e-9f00-000000000001"),
                12,
                Status.REVIEWED,
                "LPR-7KQ2-M9XD",
                ReportType.COMPLAINT,
                "INFRASTRUCTURE",
                Channel.WHATSAPP,
                "Jalan berlubang",
                "The road to the harbour has a deep pothole",
                new Location("Bengkalis", "Bantan", "Selatbaru", 1.46, 102.1),
                true,
                true,
                "citizen-1",
                "v1.sealed",
                "dinas-pupr",
                "bidang-jalan",
                "officer-7",
                filed,
                Instant.parse("2026-03-16T03:00:00Z"),
                Map.of(
                        DeadlineKind.RESOLUTION,
                        new ComplaintSummary.RunningDeadline(Instant.parse("2026-05-01T03:00:00Z"))),
                List.of(new ComplaintSummary.FollowUp(
                        "Patched on 9 March",
                        Instant.parse("2026-03-09T07:00:00Z"),
                        "dinas-pupr",
                        LocalDate.of(2026, 3, 9))),
                4,
                1,
                UUID.fromString("0b9d3f4e-7c1a-4d5e-9f00-000000000002"),
                true,
                EscalationCause.OPERATOR,
                ArchiveReason.DUPLICATE,
                new ComplaintSummary.ReviewSummary(
                        Instant.parse("2026-03-13T03:00:00Z"),
                        "orp-2",
                        2,
                        true,
                        "Maladministration found",
                        Instant.parse("2026-03-16T03:00:00Z")),
                Map.of(
                        DeadlineKind.FOLLOW_UP,
                        new ComplaintSummary.RunningDeadline(Instant.parse("2026-03-11T04:00:00Z"))),
                List.of(new ComplaintSummary.Note(
                        ComplaintSummary.NoteKind.EXTENSION_REQUEST,
                        "5 working days: asphalt",
                        org.complaintledger.complaint.Audience.INTERNAL,
                        Instant.parse("2026-03-05T01:30:00Z"),
                        org.complaintledger.complaint.Role.AGENCY_OFFICER,
                        "dinas-pupr",
                        UUID.fromString("0b9d3f4e-7c1a-4d5e-9f00-0000000000e1"))),
                org.complaintledger.complaint.ClosureOutcome.PARTIALLY_RESOLVED,
                3,
                2,
                new ComplaintSummary.RecommendationSummary(
                        "dinas-pupr",
                        "Answer within five working days",
                        Instant.parse("2026-04-15T03:00:00Z"),
                        Instant.parse("2026-04-01T03:00:00Z")));
    }

    @Test
    void the_stored_document_has_the_shape_pinned_for_its_read_model_version() throws IOException {
        String golden = "/read-model/complaint-summary-v" + ComplaintSummary.READ_MODEL_VERSION + ".json";
        JsonNode expected;
        try (InputStream in = getClass().getResourceAsStream(golden)) {
            assertThat(in)
                    .as("golden document %s: a new READ_MODEL_VERSION needs its own", golden)
                    .isNotNull();
            expected = JSON.readTree(in);
        }
        JsonNode stored = JSON.readTree(ComplaintStates.write(full()));
        assertThat(stored)
                .as(
                        "the read-model document changed shape: raise ComplaintSummary.READ_MODEL_VERSION and add %s for"
                                + " the new version",
                        "complaint-summary-v<version>.json")
                .isEqualTo(expected);
    }

    @Test
    void a_stored_document_reads_back_as_the_same_summary() {
        ComplaintSummary full = full();
        assertThat(ComplaintStates.read(ComplaintStates.write(full))).isEqualTo(full);
    }

    @Test
    void a_document_of_another_shape_answers_that_the_read_model_is_being_rebuilt_not_a_server_error() {
        // the decider's state, as version 1 stored it: its review held a list of findings
        String versionOne =
                "{\"id\":\"0b9d3f4e-7c1a-4d5e-9f00-000000000001\",\"version\":3,\"status\":\"UNDER_REVIEW\","
                        + "\"review\":{\"openedAt\":\"2026-03-13T03:00:00Z\",\"reviewer\":\"orp-2\",\"findings\":[]},"
                        + "\"lastDeclinedBy\":\"dinas-pupr\"}";
        org.complaintledger.web.ProblemException problem = org.assertj.core.api.Assertions.catchThrowableOfType(
                org.complaintledger.web.ProblemException.class, () -> ComplaintStates.read(versionOne));
        assertThat(problem.problem().status()).isEqualTo(503);
        assertThat(problem.problem().code()).isEqualTo("projection.rebuilding");
    }
}
