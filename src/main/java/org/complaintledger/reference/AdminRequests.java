package org.complaintledger.reference;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.complaintledger.complaint.ReportType;
import org.complaintledger.web.MultiLine;
import org.complaintledger.web.SingleLine;

/** The JSON bodies of the administration endpoints; unknown fields and bad enum values are refused by the reader. */
public final class AdminRequests {

    private AdminRequests() {}

    public enum ContactKind {
        EMAIL,
        PHONE
    }

    public enum UnitKind {
        BIDANG,
        UPT,
        KECAMATAN,
        KELURAHAN
    }

    /** An address for alerts; sealed before it is stored anywhere, whether it names a person or an office. */
    public record Contact(
            @NotNull ContactKind kind,
            @NotBlank @Size(max = 200) @SingleLine String address,
            @Size(max = 200) @SingleLine String label) {}

    public record AddAgency(
            @NotBlank @Pattern(regexp = "[a-z0-9-]{2,64}", message = "must be an agency id such as diskominfo")
            String id,

            @NotBlank @Size(max = 200) @SingleLine String name,
            @Size(max = 20) List<@Valid @NotNull Contact> contacts) {}

    public record AddUnit(
            @NotBlank @Pattern(regexp = "[a-z0-9-]{2,64}", message = "must be a unit id such as pupr-bina-marga")
            String id,

            @NotBlank @Size(max = 200) @SingleLine String name,
            @NotNull UnitKind kind,

            @Pattern(regexp = "[a-z0-9-]{2,64}", message = "must be a unit id")
            String parentUnitId,

            @Size(max = 20) List<@Valid @NotNull Contact> contacts) {}

    public record ChangeContacts(@NotNull @Size(max = 20) List<@Valid @NotNull Contact> contacts) {}

    public record LocalizedName(
            @NotBlank @Size(max = 200) @SingleLine String id,
            @NotBlank @Size(max = 200) @SingleLine String en) {}

    public record AddCategory(
            @NotBlank @Pattern(regexp = "[A-Z][A-Z_]{1,63}", message = "must be a category code such as FLOODING")
            String code,

            @NotNull @Valid LocalizedName name,

            @Pattern(regexp = "[a-z0-9-]{2,64}", message = "must be an agency id")
            String defaultAgencyId,

            @Size(max = 2000) @MultiLine String description,
            @Size(max = 500) @SingleLine String keywords,
            @Size(max = 100) @SingleLine String group) {}

    public record AddCalendar(
            @NotBlank @Pattern(regexp = "[a-z0-9-]{2,64}", message = "must be a calendar id such as bengkalis-local")
            String id,

            @NotBlank @Size(max = 200) @SingleLine String name) {}

    public record Holiday(
            @NotNull LocalDate date,
            @NotBlank @Size(max = 200) @SingleLine String name) {}

    public record AddHolidays(
            @NotNull @Size(min = 1, max = 366) List<@Valid @NotNull Holiday> holidays) {}

    /**
     * A new version of an SLA policy. {@code rules} maps a deadline kind (VERIFICATION, CLARIFICATION, FOLLOW_UP,
     * REDISPATCH, COMPLAINANT_RESPONSE, RESOLUTION) to working days ({@code 3wd}) or an ISO-8601 duration
     * ({@code P60D}, {@code PT4H}); a kind left out keeps the configured rule.
     */
    public record SetSlaPolicy(
            @NotBlank @Pattern(regexp = "[a-z0-9-]{2,64}", message = "must be a policy id such as lapor-default")
            String policyId,

            @Pattern(regexp = "[A-Z][A-Z_]{1,63}", message = "must be a category code")
            String category,

            ReportType reportType,
            @NotNull @Size(min = 1, max = 6) Map<@NotBlank String, @NotBlank @Size(max = 40) String> rules,

            @Pattern(regexp = "[a-z0-9-]{2,64}", message = "must be a calendar id")
            String calendarId) {}

    public record IssueKey(
            @NotBlank
            @Pattern(regexp = "[a-z0-9-]{2,64}", message = "must be a client name such as fixmystreet-bengkalis")
            String client) {}
}
