package org.complaintledger.open311;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.validation.Validator;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.core.MultivaluedMap;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.complaintledger.attachment.Attachments;
import org.complaintledger.complaint.Actor;
import org.complaintledger.complaint.Channel;
import org.complaintledger.complaint.FilingRefused;
import org.complaintledger.complaint.Location;
import org.complaintledger.complaint.ReportType;
import org.complaintledger.complaint.handling.ComplaintCommandHandler;
import org.complaintledger.complaint.handling.Filing;
import org.complaintledger.deadline.DeadlineKind;
import org.complaintledger.ledger.Waiter;
import org.complaintledger.privacy.PersonalData;
import org.complaintledger.web.MultiLine;
import org.complaintledger.web.SingleLine;

/**
 * POST requests: a GeoReport form becomes the same Submit command as any filing, decided by the same decider into
 * the same events, with channel {@code OPEN311}. The person filing is a citizen without an account: a fresh
 * subject {@code open311:<client>:<uuid>} per request, so the audit trail names the app that filed, and their
 * name, email and phone are sealed under that subject's data key like every complainant's. Nothing is written until
 * every parameter has passed.
 */
@Singleton
public class Open311Filing {

    /** The parameters of POST Service Request. Anything else is refused rather than silently dropped. */
    static final Set<String> PARAMETERS = Set.of(
            "api_key",
            "jurisdiction_id",
            "service_code",
            "lat",
            "long",
            "address_string",
            "address_id",
            "email",
            "device_id",
            "account_id",
            "first_name",
            "last_name",
            "phone",
            "description",
            "media_url");

    private static final int TITLE_LENGTH = 200;

    /** The form parameter behind each checked field, so that an error names what the client sent. */
    private static final Map<String, String> PARAMETER_OF = Map.ofEntries(
            Map.entry("serviceCode", "service_code"),
            Map.entry("description", "description"),
            Map.entry("latitude", "lat"),
            Map.entry("longitude", "long"),
            Map.entry("addressString", "address_string"),
            Map.entry("addressId", "address_id"),
            Map.entry("email", "email"),
            Map.entry("firstName", "first_name"),
            Map.entry("lastName", "last_name"),
            Map.entry("phone", "phone"),
            Map.entry("mediaUrl", "media_url"),
            Map.entry("deviceId", "device_id"),
            Map.entry("accountId", "account_id"));

    /**
     * One service request as filed. {@code deviceId} and {@code accountId} are checked and then dropped: they would
     * identify a person or a device, and the ledger needs neither to handle the complaint.
     */
    record Submission(
            @NotBlank String serviceCode,
            @NotBlank @Size(max = 4000) @MultiLine String description,
            @DecimalMin("-90") @DecimalMax("90") BigDecimal latitude,
            @DecimalMin("-180") @DecimalMax("180") BigDecimal longitude,
            @Size(max = 250) @SingleLine String addressString,
            @Size(max = 100) @SingleLine String addressId,
            @Email @Size(max = 254) String email,
            @Size(max = 100) @SingleLine String firstName,
            @Size(max = 100) @SingleLine String lastName,

            @Pattern(regexp = "\\+?[0-9 -]{6,20}", message = "must be a phone number")
            String phone,

            @Size(max = 1000) @Pattern(regexp = "https?://\\S+", message = "must be an http or https URL")
            String mediaUrl,

            @Size(max = 100) @SingleLine String deviceId,
            @Size(max = 100) @SingleLine String accountId) {}

    /**
     * The form as sent: each parameter at most once, and an empty one counted as absent (GeoReport's rule for
     * optional arguments). Its problems are kept, not thrown, because a missing api_key answers 403 before them.
     */
    record Form(Map<String, String> values, List<String> problems) {

        static Form of(MultivaluedMap<String, String> body) {
            Map<String, String> values = new TreeMap<>();
            List<String> problems = new ArrayList<>();
            body.forEach((name, given) -> {
                if (!PARAMETERS.contains(name)) {
                    problems.add(name + " is not a parameter of POST requests"
                            + (name.startsWith("attribute") ? ": no service here has attributes" : ""));
                } else if (given.size() > 1) {
                    problems.add(name + " is given more than once");
                } else if (!given.getFirst().isEmpty()) {
                    values.put(name, given.getFirst());
                }
            });
            return new Form(values, problems);
        }

        String value(String name) {
            return values.get(name);
        }
    }

    /** The photo (or document) sent as the {@code media} part of a multipart filing: GeoReport's media extension. */
    record Media(java.nio.file.Path file, long size, String fileName) {}

    @Inject
    Validator validator;

    @Inject
    Attachments attachments;

    @Inject
    Filing filing;

    /**
     * Files the request for the client that holds the api_key; the form has passed the key and jurisdiction. A media
     * file is checked as an upload would be before anything is filed (a refused file writes nothing), then attached
     * to the new complaint as its complainant's own public file.
     */
    Uni<GeoReport.Created> file(String client, Form form, Media media, String correlationId) {
        Submission submission = valid(form);
        if (media != null && submission.mediaUrl() != null) {
            throw Open311Exception.badRequest("media and media_url are given together: send one");
        }
        String subject = "open311:" + client + ":" + UUID.randomUUID();
        PersonalData person = personalData(submission);
        Uni<Void> checked = media == null
                ? Uni.createFrom().voidItem()
                : Waiter.onOwnContext(Uni.createFrom()
                        .item(() -> {
                            attachments.check(media.file(), media.size());
                            return (Void) null;
                        })
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()));
        return checked.chain(() -> filing.file(
                                org.complaintledger.complaint.FilingRules.Source.OPEN311,
                                application(submission, subject, person),
                                new ComplaintCommandHandler.Directives(
                                        null,
                                        subject,
                                        null,
                                        null,
                                        ComplaintCommandHandler.Effect.CREATED,
                                        correlationId))
                        .onFailure(FilingRefused.class)
                        .transform(refused -> refusal(submission, (FilingRefused) refused)))
                .chain(outcome -> media == null
                        ? Uni.createFrom().item(outcome)
                        : Waiter.onOwnContext(Uni.createFrom()
                                        .item(() -> attachments.attachFiled(
                                                outcome.complaint().id(),
                                                Actor.citizen(subject),
                                                media.file(),
                                                media.size(),
                                                media.fileName(),
                                                correlationId))
                                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()))
                                .replaceWith(outcome))
                .map(outcome -> {
                    var verification = outcome.complaint().deadlines().get(DeadlineKind.VERIFICATION);
                    return new GeoReport.Created(
                            outcome.summary().trackingNumber(),
                            "Filed as " + outcome.summary().trackingNumber()
                                    + ". The SP4N-LAPOR! operator verifies it"
                                    + (verification == null ? "" : " by " + verification.dueAt())
                                    + " and sends it to the agency responsible.");
                });
    }

    /** The filing rules' refusal in GeoReport's terms: its categories are the service codes. */
    private static Open311Exception refusal(Submission submission, FilingRefused refused) {
        return refused.field().equals("category")
                ? Open311Exception.notFound("service_code '" + submission.serviceCode() + "' was not found")
                : Open311Exception.badRequest(List.of(refused.getMessage()));
    }

    private Submission valid(Form form) {
        List<String> problems = new ArrayList<>(form.problems());
        BigDecimal latitude = decimal(form, "lat", problems);
        BigDecimal longitude = decimal(form, "long", problems);
        Submission submission = new Submission(
                form.value("service_code"),
                form.value("description"),
                latitude,
                longitude,
                form.value("address_string"),
                form.value("address_id"),
                form.value("email"),
                form.value("first_name"),
                form.value("last_name"),
                form.value("phone"),
                form.value("media_url"),
                form.value("device_id"),
                form.value("account_id"));
        validator
                .validate(submission)
                .forEach(violation -> problems.add(
                        PARAMETER_OF.get(violation.getPropertyPath().toString()) + " " + violation.getMessage()));
        boolean coordinates = form.value("lat") != null || form.value("long") != null;
        if (coordinates && (form.value("lat") == null || form.value("long") == null)) {
            problems.add("lat and long are given together");
        }
        if (!coordinates && submission.addressString() == null) {
            problems.add(
                    submission.addressId() == null
                            ? "a location is required: lat and long, or address_string"
                            : "address_id is not supported here: give lat and long, or address_string");
        }
        if (!problems.isEmpty()) {
            throw Open311Exception.badRequest(problems.stream().sorted().toList());
        }
        return submission;
    }

    private static BigDecimal decimal(Form form, String name, List<String> problems) {
        String value = form.value(name);
        if (value == null) {
            return null;
        }
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            problems.add(name + " must be a decimal number of degrees (WGS84)");
            return null;
        }
    }

    /** The citizen behind the client app files for themselves; no identity given means an anonymous complaint. */
    private static Filing.Application application(Submission s, String subject, PersonalData person) {
        Location location = s.latitude() == null
                ? null
                : new Location(
                        null,
                        null,
                        null,
                        s.latitude().doubleValue(),
                        s.longitude().doubleValue());
        return new Filing.Application(
                Actor.citizen(subject),
                null,
                ReportType.COMPLAINT,
                s.serviceCode(),
                Channel.OPEN311,
                title(s.description()),
                description(s),
                location,
                person == null,
                false,
                person,
                null,
                null,
                null);
    }

    private static PersonalData personalData(Submission s) {
        String name = Stream.of(s.firstName(), s.lastName())
                .filter(Objects::nonNull)
                .map(String::strip)
                .collect(Collectors.joining(" "));
        if (name.isEmpty() && s.email() == null && s.phone() == null) {
            return null;
        }
        return new PersonalData(name.isEmpty() ? null : name, null, s.phone(), s.email(), null);
    }

    /** GeoReport has no title; the first line of the description stands in, cut to the ledger's 200 characters. */
    static String title(String description) {
        String line = description.strip().lines().findFirst().orElseThrow().strip();
        return line.length() <= TITLE_LENGTH ? line : line.substring(0, TITLE_LENGTH - 1) + "…";
    }

    /**
     * The complaint's text. The submitted event has no field for a free-text address or a media link, so they follow
     * the citizen's words as labelled lines: kept in the ledger, read by the operator, shown with the request.
     */
    private static String description(Submission s) {
        StringBuilder text = new StringBuilder(s.description().strip());
        if (s.addressString() != null || s.mediaUrl() != null) {
            text.append("\n");
        }
        if (s.addressString() != null) {
            text.append("\nAddress: ").append(s.addressString().strip());
        }
        if (s.mediaUrl() != null) {
            text.append("\nMedia: ").append(s.mediaUrl());
        }
        return text.toString();
    }
}
