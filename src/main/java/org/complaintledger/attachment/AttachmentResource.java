package org.complaintledger.attachment;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.complaintledger.complaint.Actor;
import org.complaintledger.complaint.AttachmentAudience;
import org.complaintledger.complaint.Complaint;
import org.complaintledger.complaint.Role;
import org.complaintledger.complaint.handling.Caller;
import org.complaintledger.complaint.handling.ComplaintCommandHandler;
import org.complaintledger.ledger.EventEnvelope;
import org.complaintledger.web.CorrelationId;
import org.complaintledger.web.MultiLine;
import org.complaintledger.web.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * Evidence on a complaint: upload ({@code multipart/form-data}), list, download, redact. Thin: the rules on who may
 * attach are the decider's, the reading rules and the file handling are {@link Attachments}'.
 */
@Path("/api/complaints/{id}/attachments")
@Tag(name = "Attachments")
public class AttachmentResource {

    /** The strictest policy: a downloaded file is data, never a page that runs or loads anything. */
    static final String DOWNLOAD_CSP =
            "default-src 'none'; sandbox; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7E]{1,100}");

    @Schema(name = "AttachmentUpload", description = "multipart/form-data parts")
    public static class UploadForm {
        @Schema(
                type = SchemaType.STRING,
                format = "binary",
                required = true,
                description =
                        "The file: JPEG, PNG, WebP, HEIC, PDF or MP4 (read from its bytes), at most 10 MB by default")
        public String file;

        @Schema(maxLength = 500, description = "What the file shows")
        public String caption;

        @Schema(
                enumeration = {"public", "internal"},
                description = "public (the complainant too) or internal (staff only); default public for the "
                        + "complainant's own files, internal for staff")
        public String audience;
    }

    public record Uploader(String role, String agency) {}

    @Schema(name = "Attachment")
    public record AttachmentView(
            UUID id,
            String mediaType,
            int size,
            String sha256,
            String audience,
            String caption,
            String fileName,
            Instant uploadedAt,
            Uploader uploadedBy,
            boolean redacted) {}

    public record AttachmentList(UUID complaintId, List<AttachmentView> items) {}

    public record RedactionRequest(
            @NotNull @Size(min = 1, max = 500) @MultiLine String reason) {}

    @Inject
    Attachments attachments;

    @Inject
    Caller caller;

    @Inject
    SecurityIdentity identity;

    @Inject
    Clock clock;

    @Inject
    HttpHeaders headers;

    @POST
    @Blocking
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({"citizen", "operator", "agency-officer"})
    @Operation(
            summary = "Attach a file (photo, document, video) to a complaint",
            description = "By the complainant while the complaint is open, the operator, or an officer of the assigned "
                    + "agency. The media type is read from the bytes; image metadata (EXIF GPS, camera serials) is "
                    + "stripped before the file is hashed, encrypted and stored; complaint.attachment-added records "
                    + "its sha256, size and media type. 413 over the size or per-complaint limit, 415 for a type not "
                    + "accepted; nothing is written then.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.MULTIPART_FORM_DATA,
                            schema = @Schema(implementation = UploadForm.class)))
    @APIResponse(
            responseCode = "201",
            description = "Attached",
            headers =
                    @Header(
                            name = "Location",
                            description = "/api/complaints/{id}/attachments/{attachmentId}",
                            schema = @Schema(type = SchemaType.STRING)),
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = AttachmentView.class)))
    public RestResponse<AttachmentView> upload(
            @PathParam("id") UUID complaintId,
            @RestForm("file") FileUpload file,
            @RestForm("caption") String caption,
            @RestForm("audience") String audience) {
        Actor actor = caller.as(Role.CITIZEN, Role.OPERATOR, Role.AGENCY_OFFICER);
        if (file == null || file.uploadedFile() == null) {
            throw ProblemException.badRequest("file", "a part named file is required");
        }
        if (caption != null
                && (caption.length() > 500 || caption.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\t'))) {
            throw ProblemException.badRequest("caption", "at most 500 characters of text");
        }
        AttachmentAudience wanted = audience(audience);
        String fileName = fileName(file.fileName());
        String key = idempotencyKey(headers.getHeaderString("Idempotency-Key"));
        var directives = new ComplaintCommandHandler.Directives(
                null,
                actor.subject(),
                key,
                key == null ? null : requestHash(complaintId, file, caption, audience),
                ComplaintCommandHandler.Effect.CREATED,
                CorrelationId.current());
        Instant now = EventEnvelope.millis(clock.instant());
        ComplaintCommandHandler.Outcome outcome = attachments.upload(
                complaintId, actor, file.uploadedFile(), file.size(), fileName, caption, wanted, directives, now);
        Complaint complaint = outcome.complaint();
        // the one this request recorded, or on a replayed Idempotency-Key the one its first attempt recorded
        Complaint.Attachment added = complaint.attachments().values().stream()
                .reduce((first, second) -> second)
                .orElseThrow();
        Attachments.Details details =
                attachments.details(complaint, added).await().indefinitely().orElse(null);
        AttachmentView view = view(complaint, added, details, actor);
        return RestResponse.ResponseBuilder.<AttachmentView>create(
                        outcome.effect() == ComplaintCommandHandler.Effect.CREATED ? 201 : 200)
                .entity(view)
                .location(URI.create("/api/complaints/" + complaintId + "/attachments/" + added.id()))
                .header(HttpHeaders.ETAG, "\"" + complaint.version() + "\"")
                .build();
    }

    @GET
    @PermitAll
    @Blocking
    @Produces(MediaType.APPLICATION_JSON)
    @SecurityRequirement(name = "jwt")
    @Operation(
            summary = "The complaint's files that the caller may see",
            description =
                    "Staff who handle the complaint (operator, Ombudsman, auditor, the assigned agency) see every "
                            + "file, redacted ones marked; the complainant sees the public ones; anyone else, without a token "
                            + "too, the public files of a complaint that is not confidential.")
    @APIResponse(
            responseCode = "200",
            description = "The visible files, in the order attached",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = AttachmentList.class)))
    public Uni<AttachmentList> list(@PathParam("id") UUID complaintId) {
        Actor actor = callerOrNull();
        return attachments
                .complaint(complaintId)
                .flatMap(complaint -> attachments
                        .list(complaint, actor)
                        .map(visible -> new AttachmentList(
                                complaintId,
                                visible.stream()
                                        .map(v -> view(
                                                complaint,
                                                v.attachment(),
                                                v.details().orElse(null),
                                                actor))
                                        .toList())));
    }

    @GET
    @Path("/{attachmentId}")
    @PermitAll
    @Blocking
    // one concrete type, so that the stream's writer is chosen and not the JSON one; the real type is set per file
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @SecurityRequirement(name = "jwt")
    @Operation(
            summary = "Download a file",
            description = "The stored bytes (metadata stripped) with the media type read from them, as an attachment "
                    + "(Content-Disposition), never sniffed or run by the browser. Their sha256 is the one in the "
                    + "complaint.attachment-added event. 410 once redacted or erased with the complainant's data.")
    @APIResponse(
            responseCode = "200",
            description = "The file's bytes",
            content =
                    @Content(
                            mediaType = "application/octet-stream",
                            schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(
            responseCode = "410",
            description = "Redacted (attachment.redacted) or erased (attachment.erased)",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    public RestResponse<InputStream> download(
            @PathParam("id") UUID complaintId, @PathParam("attachmentId") UUID fileId) {
        Actor actor = callerOrNull();
        Complaint complaint = attachments.complaint(complaintId).await().indefinitely();
        Complaint.Attachment attachment = attachments.readable(complaint, fileId, actor);
        InputStream body;
        try {
            body = attachments.download(complaint, attachment);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return RestResponse.ResponseBuilder.ok(body, attachment.mediaType())
                .header(
                        "Content-Disposition",
                        "attachment; filename=\"" + attachment.id() + extension(attachment.mediaType()) + "\"")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", DOWNLOAD_CSP)
                .header("Content-Length", attachment.size())
                .header(
                        "Digest",
                        "sha-256="
                                + java.util.Base64.getEncoder()
                                        .encodeToString(java.util.HexFormat.of().parseHex(attachment.sha256())))
                .build();
    }

    @POST
    @Path("/{attachmentId}/redaction")
    @Blocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("operator")
    @Operation(
            summary = "Redact a file (the operator)",
            description = "Records complaint.attachment-redacted with the reason, destroys the stored bytes and serves "
                    + "the file to no one from then on (410). The attachment-added event and its hash stay in the ledger, "
                    + "which still verifies.")
    @APIResponse(
            responseCode = "200",
            description = "The file as now on record, redacted",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = AttachmentView.class)))
    public RestResponse<AttachmentView> redact(
            @PathParam("id") UUID complaintId,
            @PathParam("attachmentId") UUID fileId,
            @Valid @NotNull RedactionRequest body) {
        Actor actor = caller.as(Role.OPERATOR);
        String key = idempotencyKey(headers.getHeaderString("Idempotency-Key"));
        var directives = new ComplaintCommandHandler.Directives(
                null,
                actor.subject(),
                key,
                key == null ? null : EventEnvelope.sha256Hex("redact\n" + fileId + "\n" + body.reason()),
                ComplaintCommandHandler.Effect.CHANGED,
                CorrelationId.current());
        ComplaintCommandHandler.Outcome outcome = attachments.redact(
                complaintId, fileId, actor, body.reason(), EventEnvelope.millis(clock.instant()), directives);
        Complaint complaint = outcome.complaint();
        return RestResponse.ResponseBuilder.ok(
                        view(complaint, complaint.attachments().get(fileId), null, actor))
                .header(HttpHeaders.ETAG, "\"" + complaint.version() + "\"")
                .build();
    }

    private static AttachmentView view(
            Complaint complaint, Complaint.Attachment a, Attachments.Details details, Actor reader) {
        Attachments.Reader as = Attachments.reader(complaint, reader);
        String fileName =
                details != null && Attachments.mayKnowFileName(complaint, a, as, reader) ? details.fileName() : null;
        // the uploader's role and agency, never a subject: staff subject ids are not for the complainant or the public
        String agency = a.addedBy().agency();
        return new AttachmentView(
                a.id(),
                a.mediaType(),
                a.size(),
                a.sha256(),
                a.audience().name().toLowerCase(Locale.ROOT),
                details == null ? null : details.caption(),
                fileName,
                a.addedAt(),
                new Uploader(a.addedBy().role().wireName(), agency),
                a.redacted());
    }

    /** The caller as the domain sees it, or null for someone without a token (the public). */
    private Actor callerOrNull() {
        if (identity.isAnonymous()) {
            return null;
        }
        // the administrator is let in and then reads as the public does (Attachments.reader)
        return caller.as(Role.OPERATOR, Role.OMBUDSMAN, Role.AUDITOR, Role.AGENCY_OFFICER, Role.CITIZEN, Role.ADMIN);
    }

    private static AttachmentAudience audience(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        return switch (value) {
            case "public" -> AttachmentAudience.PUBLIC;
            case "internal" -> AttachmentAudience.INTERNAL;
            default -> throw ProblemException.badRequest("audience", "public or internal");
        };
    }

    /** The client's name for the file, kept (sealed) for those who may know the complainant; never used for typing. */
    private static String fileName(String name) {
        if (name == null) {
            return null;
        }
        String base = name.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1).replaceAll("\\p{Cntrl}", "");
        return base.length() > 255 ? base.substring(0, 255) : base;
    }

    private static String idempotencyKey(String key) {
        if (key == null) {
            return null;
        }
        if (!IDEMPOTENCY_KEY.matcher(key).matches()) {
            throw ProblemException.badRequest("Idempotency-Key", "1 to 100 visible ASCII characters");
        }
        return key;
    }

    private static String requestHash(UUID complaintId, FileUpload file, String caption, String audience) {
        try (var in = java.nio.file.Files.newInputStream(file.uploadedFile())) {
            var sha = java.security.MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
            return EventEnvelope.sha256Hex("attachment\n" + complaintId + "\n"
                    + java.util.HexFormat.of().formatHex(sha.digest()) + "\n" + caption + "\n" + audience);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String extension(String mediaType) {
        return switch (mediaType) {
            case "image/jpeg" -> ".jpg";
            case "image/png" -> ".png";
            case "image/webp" -> ".webp";
            case "image/heic", "image/heif" -> ".heic";
            case "application/pdf" -> ".pdf";
            case "video/mp4" -> ".mp4";
            default -> ".bin";
        };
    }
}
