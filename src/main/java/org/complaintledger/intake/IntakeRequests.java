package org.complaintledger.intake;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import org.complaintledger.complaint.ReportType;
import org.complaintledger.web.MultiLine;
import org.complaintledger.web.NotBefore;
import org.complaintledger.web.SingleLine;

/**
 * The inbox's bodies. Filing takes the fields of {@code POST /api/complaints} less {@code channel} (the conversation's)
 * and the complainant's phone (the number the messages came from), with the same limits.
 */
final class IntakeRequests {

    private IntakeRequests() {}

    record FileConversation(
            @NotBlank @Size(max = 200) @SingleLine String title,
            @NotBlank @Size(max = 4000) @MultiLine String description,
            @NotNull ReportType reportType,

            @NotBlank @Pattern(regexp = "[A-Z][A-Z_]{1,63}", message = "must be a category code such as INFRASTRUCTURE")
            String category,

            @Valid Place location,
            Boolean anonymous,
            Boolean confidential,
            @Valid Complainant complainant,
            @PastOrPresent @NotBefore("1900-01-01") LocalDate occurredOn,

            @Pattern(regexp = "id|en", message = "must be id or en")
            String language) {}

    record Place(
            @Size(max = 100) @SingleLine String regency,
            @Size(max = 100) @SingleLine String district,
            @Size(max = 100) @SingleLine String village,
            @DecimalMin("-90") @DecimalMax("90") Double latitude,
            @DecimalMin("-180") @DecimalMax("180") Double longitude) {}

    /** The person behind the number, as they told the operator in the chat; their phone is the chat's number. */
    record Complainant(
            @NotBlank @Size(max = 200) @SingleLine String name,

            @Pattern(regexp = "\\d{16}", message = "must be the 16 digits of a NIK")
            String nationalId,

            @Email(
                    regexp = "[^@\\s]+@[^@\\s.]+(?:\\.[^@\\s.]+)+",
                    message = "must be an e-mail address such as nama@contoh.go.id")
            @Size(max = 254)
            @SingleLine
            String email,

            @Size(max = 500) @MultiLine String address) {}

    record Dismissal(@NotBlank @Size(max = 2000) @MultiLine String reason) {}
}
