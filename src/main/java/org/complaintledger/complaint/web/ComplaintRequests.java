package org.complaintledger.complaint.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.complaintledger.complaint.ArchiveReason;
import org.complaintledger.complaint.Channel;
import org.complaintledger.complaint.MaladministrationForm;
import org.complaintledger.complaint.ReportType;
import org.complaintledger.web.MultiLine;
import org.complaintledger.web.NotBefore;
import org.complaintledger.web.SingleLine;

/**
 * The JSON bodies of the command endpoints. Unknown fields, wrong types and bad enum values are refused by the
 * JSON reader; lengths, required fields and characters are refused here, all before any command runs.
 * <p>
 * Every text has a length limit: the contract's where it gives one (title 200, description and follow-up 4000),
 * otherwise 100 for a place, 200 for a name, 500 for an address, 2000 for a note, question, reason, comment or
 * outcome and 4000 for an answer or a recommendation. Labels (title, place names, the complainant's name and email)
 * are {@link SingleLine}; everything written as an explanation, reasons included, is {@link MultiLine}, because a
 * complainant's reason for objecting can run to paragraphs.
 */
public final class ComplaintRequests {

    private ComplaintRequests() {}

    public record FileComplaint(
            @NotBlank @Size(max = 200) @SingleLine String title,
            @NotBlank @Size(max = 4000) @MultiLine String description,
            @NotNull ReportType reportType,

            @NotBlank @Pattern(regexp = "[A-Z][A-Z_]{1,63}", message = "must be a category code such as INFRASTRUCTURE")
            String category,

            @NotNull Channel channel,
            @Valid LocationBody location,
            Boolean anonymous,
            Boolean confidential,
            @Valid ComplainantBody complainant,
            @PastOrPresent @NotBefore("1900-01-01") LocalDate occurredOn,

            @Size(max = 100)
            @Pattern(regexp = "[A-Za-z0-9._:@-]+", message = "must be a subject id (1 to 100 letters, digits or ._:@-)")
            String complainantSubject,

            @com.fasterxml.jackson.annotation.JsonProperty("notify")
            org.complaintledger.complaint.NotifyChannel notifyBy,

            @Pattern(regexp = "id|en", message = "must be id or en")
            String language) {

        /** Both flags default to false: a complaint is named and public unless its complainant says otherwise. */
        public boolean wantsAnonymity() {
            return Boolean.TRUE.equals(anonymous);
        }

        public boolean wantsConfidentiality() {
            return Boolean.TRUE.equals(confidential);
        }
    }

    public record LocationBody(
            @Size(max = 100) @SingleLine String regency,
            @Size(max = 100) @SingleLine String district,
            @Size(max = 100) @SingleLine String village,
            @DecimalMin("-90") @DecimalMax("90") Double latitude,
            @DecimalMin("-180") @DecimalMax("180") Double longitude) {}

    public record ComplainantBody(
            @NotBlank @Size(max = 200) @SingleLine String name,

            @Pattern(regexp = "\\d{16}", message = "must be the 16 digits of a NIK")
            String nationalId,
            // 6 to 15 digits (E.164's most), single spaces or hyphens between them: "+62 811-7654-321", not "------"
            @Size(max = 20) @Pattern(regexp = "\\+?(?:[0-9][ -]?){5,14}[0-9]", message = "must be a phone number")
            String phone,
            // @Email alone accepts "budi@example", a host no mail reaches: the domain must have a dot, as the
            // console's own check and its hint ("nama@contoh.go.id") say
            @Email(
                    regexp = "[^@\\s]+@[^@\\s.]+(?:\\.[^@\\s.]+)+",
                    message = "must be an e-mail address such as nama@contoh.go.id")
            @Size(max = 254)
            @SingleLine
            String email,

            @Size(max = 500) @MultiLine String address) {}

    public record ClarificationRequest(
            @NotBlank @Size(max = 2000) @MultiLine String question) {}

    /**
     * The complainant's own steps may be recorded by the operator for them: {@code onBehalfOf} {@code complainant}
     * and {@code via}, how the complainant asked (a few words such as "by phone", kept in clear in the ledger, so
     * never who they are). Both or neither.
     */
    public interface ComplainantStepBody {
        String onBehalfOf();

        String via();
    }

    public record Clarification(
            @NotBlank @Size(max = 4000) @MultiLine String answer,

            @Pattern(regexp = "complainant", message = "must be complainant")
            String onBehalfOf,

            @Size(max = 100) @SingleLine String via)
            implements ComplainantStepBody {}

    public record DispatchRequest(
            // none: the default agency of the complaint's category (reference data, issue 17)
            @Size(min = 2, max = 64) @Pattern(regexp = "[a-z0-9-]+", message = "must be an agency id")
            String agencyId,

            @Size(max = 2000) @MultiLine String note,

            @Pattern(regexp = "[A-Z][A-Z_]{1,63}", message = "must be a category code such as INFRASTRUCTURE")
            String category,

            ReportType reportType) {}

    public record ArchiveRequest(
            @NotNull ArchiveReason reason,
            @Size(max = 2000) @MultiLine String note) {}

    public record VisibilityRequest(
            @NotNull Boolean anonymous,
            @NotNull Boolean confidential,
            @NotBlank @Size(max = 2000) @MultiLine String reason) {}

    /** Acknowledge and open-review take an empty object: nothing to say but the step itself. */
    public record NoFields() {}

    public record DeclineRequest(
            @NotBlank @Size(max = 2000) @MultiLine String reason,

            @Size(max = 64) @Pattern(regexp = "[a-z0-9-]+", message = "must be an agency id")
            String suggestedAgencyId) {}

    public record RedispatchRequest(
            @NotBlank @Size(max = 64) @Pattern(regexp = "[a-z0-9-]+", message = "must be an agency id")
            String agencyId,

            @Size(max = 2000) @MultiLine String note) {}

    public record FollowUpRequest(
            @NotBlank @Size(max = 4000) @MultiLine String message,
            @PastOrPresent @NotBefore("1900-01-01") LocalDate actionTakenOn) {}

    public record AcceptRequest(
            @NotNull @Min(1) @Max(5) Integer rating,
            @Size(max = 2000) @MultiLine String comment,

            @Pattern(regexp = "complainant", message = "must be complainant")
            String onBehalfOf,

            @Size(max = 100) @SingleLine String via)
            implements ComplainantStepBody {}

    /** Object, appeal, escalate and withdraw: a reason in the complainant's or operator's words. */
    public record ImplementationRequest(
            @NotBlank @Size(max = 4000) @MultiLine String report) {}

    /** The note says why to the complainant too: the closure is a public note. */
    public record CloseRequest(
            @NotNull org.complaintledger.complaint.ClosureOutcome outcome,
            @NotBlank @Size(max = 2000) @MultiLine String note) {}

    public record ReasonRequest(
            @NotBlank @Size(max = 2000) @MultiLine String reason) {}

    /** Object, appeal and withdraw: the complainant's reason, and who recorded it when not the complainant. */
    public record ComplainantReasonRequest(
            @NotBlank @Size(max = 2000) @MultiLine String reason,

            @Pattern(regexp = "complainant", message = "must be complainant")
            String onBehalfOf,

            @Size(max = 100) @SingleLine String via)
            implements ComplainantStepBody {}

    public record FindingRequest(
            @NotNull Boolean maladministration,
            @NotNull @Size(max = 10) List<@NotNull MaladministrationForm> forms,
            @NotBlank @Size(max = 4000) @MultiLine String recommendation) {}

    public record CloseReviewRequest(
            @NotBlank @Size(max = 2000) @MultiLine String outcome) {}

    public record DuplicateRequest(@NotNull UUID originalId) {}

    /** {@code audience} {@code public} or {@code internal}; when absent, public for the complainant, internal for staff. */
    public record MessageRequest(
            @NotBlank @Size(max = 4000) @MultiLine String text,

            @Pattern(regexp = "public|internal", message = "must be public or internal")
            String audience) {}

    public record QuestionRequest(
            @NotBlank @Size(max = 2000) @MultiLine String question) {}

    public record ProgressRequest(
            @NotBlank @Size(max = 4000) @MultiLine String message) {}

    public record ExtensionRequest(
            @NotNull @Min(1) @Max(30) Integer days,
            @NotBlank @Size(max = 2000) @MultiLine String reason) {}

    public record ExtensionDecisionRequest(
            @NotNull Boolean granted,
            @Size(max = 2000) @MultiLine String note) {}
}
