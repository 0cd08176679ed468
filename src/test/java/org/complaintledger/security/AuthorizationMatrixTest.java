package org.complaintledger.security;

import static io.restassured.RestAssured.given;
import static io.restassured.http.Method.DELETE;
import static io.restassured.http.Method.GET;
import static io.restassured.http.Method.POST;
import static io.restassured.http.Method.PUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Method;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.complaintledger.complaint.Role;
import org.complaintledger.support.Api;
import org.complaintledger.support.Events;
import org.complaintledger.support.ReadSide;
import org.complaintledger.support.Tokens;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every operation of the API against every kind of caller, each cell asserting the exact status. A refused request
 * (401 or 403) answers problem+json and writes nothing. An allowed write runs on a complaint of its own, brought into
 * a state where the step is possible, so that the cell shows the real answer (2xx) rather than a conflict; refused
 * cells share one complaint per row, which they must leave untouched. The table is checked against the OpenAPI
 * document, so an endpoint added without a row fails this test.
 */
@QuarkusTest
class AuthorizationMatrixTest {

    /** The columns of the table, in order. */
    enum Caller {
        NO_TOKEN,
        OWNER,
        OTHER_CITIZEN,
        OPERATOR,
        ASSIGNED_OFFICER,
        OTHER_AGENCY_OFFICER,
        OFFICER_WITHOUT_AGENCY,
        OMBUDSMAN,
        AUDITOR,
        ADMIN;

        String token(Scene scene) {
            return switch (this) {
                case NO_TOKEN -> null;
                case OWNER -> Tokens.citizen(scene.owner());
                case OTHER_CITIZEN -> Tokens.citizen("warga-matriks-lain");
                case OPERATOR -> Tokens.operator();
                case ASSIGNED_OFFICER -> Tokens.officer(ASSIGNED_AGENCY);
                case OTHER_AGENCY_OFFICER -> Tokens.officer("dinkes");
                case OFFICER_WITHOUT_AGENCY -> Tokens.issue(Role.AGENCY_OFFICER, "officer-tanpa-dinas", null);
                case OMBUDSMAN -> Tokens.ombudsman();
                case AUDITOR -> Tokens.auditor();
                case ADMIN -> Tokens.admin();
            };
        }
    }

    static final String ASSIGNED_AGENCY = "dinas-pupr";

    /** A unit of the assigned agency, added by the admin once for the assignment row. */
    static final String UNIT = "pupr-matriks";

    /** The projection the rebuild row really rebuilds: the smaller one, so that the rest of the suite barely notices. */
    static final String REBUILT_PROJECTION = "agency-assignments";

    /** The complainant erasure endpoint is being added on main; its row runs once the OpenAPI document has it. */
    static final String ERASURE = "POST /api/complainants/{subject}/erasure";

    static final String ICS =
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//matriks//ID\r\nBEGIN:VEVENT\r\nUID:m@example.id\r\n"
                    + "DTSTAMP:20261201T000000Z\r\nDTSTART;VALUE=DATE:20310311\r\nSUMMARY:Libur matriks\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

    static final String DISPATCH = "{\"agencyId\":\"dinas-pupr\",\"note\":\"mohon ditindaklanjuti\"}";
    static final String ESCALATE = "{\"reason\":\"tidak ada tanggapan\"}";
    /** The upload row's body: a small PDF as multipart/form-data, not JSON. */
    static final String MULTIPART_PDF = "<multipart: a PDF>";

    static final byte[] PDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    static final String FINDING =
            "{\"maladministration\":true,\"forms\":[\"UNDUE_DELAY\"],\"recommendation\":\"Percepat penanganan\"}";

    //  columns:                    none owner other  op  officer otherAg noAgency omb  aud  (admin)
    // A row of nine statuses leaves the admin column to row(): the admin gets what the public gets, and 403 where the
    // public needs a token.
    static final List<Row> TABLE = List.of(
            row(
                    POST,
                    "/api/complaints",
                    Api.complaint("Siti Aminah", false, false),
                    Scene::nobody,
                    "a citizen files their own complaint, the operator one on a complainant's behalf",
                    401,
                    201,
                    201,
                    201,
                    403,
                    403,
                    403,
                    403,
                    403),
            row(
                    GET,
                    "/api/complaints",
                    null,
                    Scene::dispatched,
                    "the full list is for the operator, the Ombudsman and auditors",
                    401,
                    403,
                    403,
                    200,
                    403,
                    403,
                    403,
                    200,
                    200),
            row(
                    GET,
                    "/api/complaints/{id}",
                    null,
                    Scene::dispatched,
                    "the owner, the operator, the Ombudsman, auditors and the officer of the agency it is dispatched to",
                    401,
                    200,
                    403,
                    200,
                    200,
                    403,
                    403,
                    200,
                    200),
            row(
                    GET,
                    "/api/complaints/{id}",
                    "?asOf={now}",
                    null,
                    Scene::dispatched,
                    "replaying to a point in time is for the operator, the Ombudsman and auditors, not the owner",
                    401,
                    403,
                    403,
                    200,
                    403,
                    403,
                    403,
                    200,
                    200),
            row(
                    GET,
                    "/api/complaints/{id}/history",
                    null,
                    Scene::dispatched,
                    "the audit timeline: the owner, the operator, the Ombudsman, auditors and the agency it is "
                            + "dispatched to (its notes for staff, never the complainant's identity)",
                    401,
                    200,
                    403,
                    200,
                    200,
                    403,
                    403,
                    200,
                    200),
            row(
                    GET,
                    "/api/complaints/mine",
                    null,
                    Scene::dispatched,
                    "a citizen's own complaints: every citizen has a list, of their own; staff have the full list",
                    401,
                    200,
                    200,
                    403,
                    403,
                    403,
                    403,
                    403,
                    403),
            row(
                    POST,
                    "/api/complaints/{id}/clarification-requests",
                    "{\"question\":\"Di RT berapa?\"}",
                    Scene::submitted,
                    "the operator holds a submitted complaint with a question",
                    401,
                    403,
                    403,
                    200,
                    403,
                    403,
                    403,
                    403,
                    403),
            row(
                    POST,
                    "/api/complaints/{id}/clarifications",
                    "{\"answer\":\"RT 03 RW 02\"}",
                    Scene::onHold,
                    "only the complainant answers the question of a complaint on hold",
                    401,
                    200,
                    403,
                    403,
                    403,
                    403,
                    403,
                    403,
                    403),
            row(
                    POST,
                    "/api/complaints/{id}/dispatch",
                    DISPATCH,
                    Scene::submitted,
                    "the operator verifies and dispatches a submitted complaint",
                    401,
                    403,
                    403,
                    200,
                    403,
                    403,
                    403,
                    403,
                    403),
            row(
                    POST,
                    "/api/complaints/{id}/archive",
                    "{\"reason\":\"OUT_OF_SCOPE\",\"note\":\"di luar kewenangan\"}",
                    Scene::submitted,
                    "the operator archives a submitted complaint",
                    401,
                    403,
                    403,
                    200,
                    403,
                    403,
                    403,
                    403,
                    403),
            row(
                    POST,
                    "/api/complaints/{id}/visibility",
                    "{\"anonymous\":true,\"confidential\":true,\"reason\":\"pelapor khawatir\"}",
                    Scene::submitted,
                    "the complainant and the operator may only tighten the flags (this body tightens)",
                    401,
                    200,
                    403,
                    200,
                    403,
                    403,
                    403,
                    403,
                    403),
            row(
                    POST,
                    "/api/complaints/{id}/acknowledge",
                    "{}",
                    Scene::dispatched,
                    "only an officer of the agency it is dispatched to takes it up",
                    401,
                    403,
                    403,
                    403,
                    200,
                    403,
                    403,
                    403,
                    403),
            row(
                    POST,
                    "/api/complaints/{id}/decline",
                    "{\"reason\":\"bukan kewenangan kami\",\"suggestedAgencyId\":\"dinkes\"}",
                    Scene::dispatched,
                    "only an officer of the agency it is dispatched to declines it",
                    401,
                    403,
                    403,
                    403,
                    200,
                    403,
                    403,
                    403,
                    403),
            row(
                    POST,
                    "/api/complaints/{id}/redispatch",
                    "{\"agencyId\":\"dinkes\",\"note\":\"salah alamat\"}",
                    Scene::dispatched,
                    "the operator corrects a dispatch to another agency",
                    401,
                    403,
                    403,
                    200,
                    403,
                    403,
                    403,
                    403,
                    403),
            row(
                    POST,
                    "/api/complaints/{id}/assignment",
                    "{\"unitId\":\"" + UNIT + "\",\"note\":\"cek lokasi\"}",
                    Scene::dispatchedWithUnit,
                    "only an officer of the agency it is dispatched to assigns it to one of the agency's units",
                    401,
                    403,
                    403,
                    403,
                    200,
                    403,
                    403,
                    403,
                    403),
            row(
                    POST,
                    "/api/complaints/{id}/follow-ups",
                    "{\"message\":\"Lubang sudah ditambal\"}",
                    Scene::inProgress,
                    "only an officer of the assigned agency answers a complaint it has taken up",
                    401,
                    403,
                    403,
                    403,
                    200,
                    403,
                    403,
                    403,
                    403),
            row(
                    POST,
                    "/api/complaints/{id}/messages",
                    "{\"text\":\"Mohon kabar terbaru\",\"audience\":\"public\"}",
                    Scene::dispatched,
                    "the complainant, the operator, the assigned agency and the Ombudsman write to the conversation",
                    401,
                    200,
                    403,
                    200,
                    200,
                    403,
                    403,
                    200,
                    403),
            row(
                    POST,
                    "/api/complaints/{id}/questions",
                    "{\"question\":\"Sisi jalan yang mana?\"}",
                    Scene::inProgress,
                    "only an officer of the assigned agency asks the complainant",
                    401,
                    403,
                    403,
                    403,
                    200,
                    403,
                    403,
                    403,
                    403),
            row(
                    POST,
                    "/api/complaints/{id}/progress",
                    "{\"message\":\"Aspal sudah dipesan\"}",
                    Scene::inProgress,
                    "only an officer of the assigned agency posts an interim reply",
                    401,
                    403,
                    403,
                    403,
                    200,
                    403,
                    403,
                    403,
                    403),
            row(
                    POST,
                    "/api/complaints/{id}/extension-requests",
                    "{\"days\":5,\"reason\":\"Menunggu aspal\"}",
                    Scene::inProgress,
                    "only an officer of the assigned agency asks for more time",
                    401,
                    403,
                    403,
                    403,
                    200,
                    403,
                    403,
                    403,
                    403),
            row(
                    POST,
                    "/api/complaints/{id}/extension-requests/{requestId}/decision",
                    "{\"granted\":true,\"note\":\"Disetujui sekali\"}",
                    Scene::extensionRequested,
                    "only the operator grants or refuses an extension",
                    401,
                    403,
                    403,
                    200,
                    403,
                    403,
                    403,
                    403,
                    403),
            row(
                    POST,
                    "/api/complaints/{id}/accept",
                    "{\"rating\":5,\"comment\":\"terima kasih\"}",
                    Scene::responded,
                    "only the complainant accepts a follow-up",
                    401,
                    200,
                    403,
                    403,
                    403,
                    403,
                    403,
                    403,
                    403),
            row(
                    POST,
                    "/api/complaints/{id}/object",
                    "{\"reason\":\"belum selesai\"}",
                    Scene::responded,
                    "only the complainant objects to a follow-up",
                    401,
                    200,
                    403,
                    403,
                    403,
                    403,
                    403,
                    403,
                    403),
            row(
                    POST,
                    "/api/complaints/{id}/appeal",
                    "{\"reason\":\"tidak puas\"}",
                    Scene::responded,
                    "only the complainant appeals to the Ombudsman",
                    401,
                    200,
                    403,
                    403,
                    403,
                    403,
                    403,
                    403,
                    403),
            row(
                    POST,
                    "/api/complaints/{id}/escalate",
                    ESCALATE,
                    Scene::dispatched,
                    "the operator escalates an open complaint",
                    401,
                    403,
                    403,
                    200,
                    403,
                    403,
                    403,
                    403,
                    403),
            row(
                    POST,
                    "/api/complaints/{id}/close",
                    "{\"outcome\":\"RESOLVED\",\"note\":\"sudah diaspal ulang\"}",
                    Scene::dispatched,
                    "the operator closes a complaint an agency has, with an outcome",
                    401,
                    403,
                    403,
                    200,
                    403,
                    403,
                    403,
                    403,
                    403),
            row(
                    POST,
                    "/api/complaints/{id}/withdraw",
                    "{\"reason\":\"sudah beres sendiri\"}",
                    Scene::dispatched,
                    "only the complainant withdraws an open complaint",
                    401,
                    200,
                    403,
                    403,
                    403,
                    403,
                    403,
                    403,
                    403),
            row(
                    POST,
                    "/api/complaints/{id}/clarifications",
                    "{\"answer\":\"RT 03 RW 02\",\"onBehalfOf\":\"complainant\",\"via\":\"lewat telepon\"}",
                    Scene::onHold,
                    "only the operator records on the complainant's behalf that the complainant answers the question; the complainant "
                            + "themselves and everyone else naming onBehalfOf are refused",
                    401,
                    403,
                    403,
                    200,
                    403,
                    403,
                    403,
                    403,
                    403),
            row(
                    POST,
                    "/api/complaints/{id}/accept",
                    "{\"rating\":5,\"onBehalfOf\":\"complainant\",\"via\":\"lewat telepon\"}",
                    Scene::responded,
                    "only the operator records on the complainant's behalf that the complainant accepts a follow-up; the complainant "
                            + "themselves and everyone else naming onBehalfOf are refused",
                    401,
                    403,
                    403,
                    200,
                    403,
                    403,
                    403,
                    403,
                    403),
            row(
                    POST,
                    "/api/complaints/{id}/object",
                    "{\"reason\":\"belum selesai\",\"onBehalfOf\":\"complainant\",\"via\":\"lewat telepon\"}",
                    Scene::responded,
                    "only the operator records on the complainant's behalf that the complainant objects to a follow-up; the complainant "
                            + "themselves and everyone else naming onBehalfOf are refused",
                    401,
                    403,
                    403,
                    200,
                    403,
                    403,
                    403,
                    403,
                    403),
            row(
                    POST,
                    "/api/complaints/{id}/appeal",
                    "{\"reason\":\"tidak puas\",\"onBehalfOf\":\"complainant\",\"via\":\"lewat telepon\"}",
                    Scene::responded,
                    "only the operator records on the complainant's behalf that the complainant appeals; the complainant "
                            + "themselves and everyone else naming onBehalfOf are refused",
                    401,
                    403,
                    403,
                    200,
                    403,
                    403,
                    403,
                    403,
                    403),
            row(
                    POST,
                    "/api/complaints/{id}/withdraw",
                    "{\"reason\":\"sudah beres\",\"onBehalfOf\":\"complainant\",\"via\":\"datang ke loket\"}",
                    Scene::dispatched,
                    "only the operator records on the complainant's behalf that the complainant withdraws; the complainant "
                            + "themselves and everyone else naming onBehalfOf are refused",
                    401,
                    403,
                    403,
                    200,
                    403,
                    403,
                    403,
                    403,
                    403),
            row(
                    POST,
                    "/api/complaints/{id}/review/open",
                    "{}",
                    Scene::escalated,
                    "the Ombudsman opens a review of an escalated complaint",
                    401,
                    403,
                    403,
                    403,
                    403,
                    403,
                    403,
                    200,
                    403),
            row(
                    POST,
                    "/api/complaints/{id}/review/findings",
                    FINDING,
                    Scene::underReview,
                    "the Ombudsman records a finding on a complaint under review",
                    401,
                    403,
                    403,
                    403,
                    403,
                    403,
                    403,
                    200,
                    403),
            row(
                    POST,
                    "/api/complaints/{id}/review/close",
                    "{\"outcome\":\"Rekomendasi disampaikan\"}",
                    Scene::underReviewWithFinding,
                    "the Ombudsman closes a review that has a finding",
                    401,
                    403,
                    403,
                    403,
                    403,
                    403,
                    403,
                    200,
                    403),
            row(
                    POST,
                    "/api/complaints/{id}/implementation",
                    "{\"report\":\"Petugas piket menjawab dalam lima hari kerja\"}",
                    Scene::recommended,
                    "the agency the Ombudsman's recommendation went to reports its implementation",
                    401,
                    403,
                    403,
                    403,
                    200,
                    403,
                    403,
                    403,
                    403),
            row(
                    POST,
                    "/api/complaints/{id}/duplicate-of",
                    "{\"originalId\":\"{originalId}\"}",
                    Scene::submittedWithOriginal,
                    "the operator links a submitted complaint to an earlier one",
                    401,
                    403,
                    403,
                    200,
                    403,
                    403,
                    403,
                    403,
                    403),
            row(
                    DELETE,
                    "/api/complaints/{id}/duplicate-of",
                    null,
                    Scene::linkedAsDuplicate,
                    "the operator removes a duplicate link",
                    401,
                    403,
                    403,
                    200,
                    403,
                    403,
                    403,
                    403,
                    403),
            row(
                    POST,
                    "/api/complaints/{id}/attachments",
                    MULTIPART_PDF,
                    Scene::dispatched,
                    "evidence: the complainant, the operator and the officer of the assigned agency attach files",
                    401,
                    201,
                    403,
                    201,
                    201,
                    403,
                    403,
                    403,
                    403),
            row(
                    GET,
                    "/api/complaints/{id}/attachments",
                    null,
                    Scene::withInternalAttachment,
                    "anyone lists the files they may see (the public: public files of a non-confidential complaint)",
                    200,
                    200,
                    200,
                    200,
                    200,
                    200,
                    403,
                    200,
                    200),
            row(
                    GET,
                    "/api/complaints/{id}/attachments/{attachmentId}",
                    null,
                    Scene::withInternalAttachment,
                    "an internal file: staff who handle the complaint only; to anyone else (the admin too) it does not exist",
                    404,
                    404,
                    404,
                    200,
                    200,
                    404,
                    403,
                    200,
                    200,
                    404),
            row(
                    POST,
                    "/api/complaints/{id}/attachments/{attachmentId}/redaction",
                    "{\"reason\":\"wajah orang lain\"}",
                    Scene::withInternalAttachment,
                    "only the operator redacts a file",
                    401,
                    403,
                    403,
                    200,
                    403,
                    403,
                    403,
                    403,
                    403),
            row(
                    GET,
                    "/api/complaints/{id}/export",
                    null,
                    Scene::dispatched,
                    "the offline-verifiable export is the auditor's",
                    401,
                    403,
                    403,
                    403,
                    403,
                    403,
                    403,
                    403,
                    200),
            row(
                    GET,
                    "/api/agencies",
                    null,
                    Scene::nobody,
                    "the agencies are public reference data",
                    200,
                    200,
                    200,
                    200,
                    200,
                    200,
                    200,
                    200,
                    200),
            row(
                    GET,
                    "/api/agencies/{agencyId}/queue",
                    null,
                    Scene::dispatched,
                    "an agency's queue: its own officers, the operator and the Ombudsman",
                    401,
                    403,
                    403,
                    200,
                    200,
                    403,
                    403,
                    200,
                    403),
            row(
                    GET,
                    "/api/operator/queue",
                    null,
                    Scene::submitted,
                    "the operator's queue is the operator's",
                    401,
                    403,
                    403,
                    200,
                    403,
                    403,
                    403,
                    403,
                    403),
            row(
                    GET,
                    "/api/agencies/{agencyId}/queue",
                    "?asOf={now}",
                    null,
                    Scene::dispatched,
                    "an agency's queue as it stood, rebuilt from the ledger: the same callers as the live queue",
                    401,
                    403,
                    403,
                    200,
                    200,
                    403,
                    403,
                    200,
                    403),
            row(
                    GET,
                    "/api/agencies/{agencyId}/queue",
                    "?format=csv",
                    null,
                    Scene::dispatched,
                    "an agency's queue as CSV: the same callers as the queue",
                    401,
                    403,
                    403,
                    200,
                    200,
                    403,
                    403,
                    200,
                    403),
            row(
                    GET,
                    "/api/operator/queue",
                    "?asOf={now}",
                    null,
                    Scene::submitted,
                    "the operator's queue as it stood is the operator's",
                    401,
                    403,
                    403,
                    200,
                    403,
                    403,
                    403,
                    403,
                    403),
            row(
                    GET,
                    "/api/complaints/by-tracking/{trackingNumber}",
                    null,
                    Scene::dispatched,
                    "staff look a complaint up by its number: those who may read it; a citizen tracks it publicly",
                    401,
                    403,
                    403,
                    200,
                    200,
                    403,
                    403,
                    200,
                    200),
            row(
                    GET,
                    "/api/complaints",
                    "?q=jalan&format=csv",
                    null,
                    Scene::dispatched,
                    "searching the list and its CSV: the callers of the list",
                    401,
                    403,
                    403,
                    200,
                    403,
                    403,
                    403,
                    200,
                    200),
            row(
                    GET,
                    "/api/agency-performance",
                    null,
                    Scene::nobody,
                    "agency performance: the operator and the Ombudsman for all, an officer for its own agency",
                    401,
                    403,
                    403,
                    200,
                    200,
                    200,
                    403,
                    200,
                    403),
            row(
                    GET,
                    "/api/review/escalations",
                    null,
                    Scene::escalated,
                    "the Ombudsman's views",
                    401,
                    403,
                    403,
                    403,
                    403,
                    403,
                    403,
                    200,
                    403),
            row(
                    GET,
                    "/api/review/agency-performance",
                    null,
                    Scene::nobody,
                    "the Ombudsman's views",
                    401,
                    403,
                    403,
                    403,
                    403,
                    403,
                    403,
                    200,
                    403),
            row(
                    GET,
                    "/api/track/{trackingNumber}/qr.svg",
                    null,
                    Scene::dispatched,
                    "anyone draws the QR code of a tracking link: it encodes the public link, nothing else",
                    200,
                    200,
                    200,
                    200,
                    200,
                    200,
                    200,
                    200,
                    200),
            row(
                    POST,
                    "/api/complaints/{id}/claim-code",
                    null,
                    Scene::walkIn,
                    "the operator issues the receipt's claim code for a complaint filed at the desk",
                    401,
                    403,
                    403,
                    201,
                    403,
                    403,
                    403,
                    403,
                    403),
            row(
                    POST,
                    "/api/claims",
                    "{\"trackingNumber\":\"{trackingNumber}\"}",
                    Scene::walkIn,
                    "anyone starts a claim: the code, not the token, decides (ClaimApiTest)",
                    201,
                    201,
                    201,
                    201,
                    201,
                    201,
                    201,
                    201,
                    201,
                    201),
            row(
                    POST,
                    "/api/claims/{id}/verify",
                    "{\"code\":\"ABCDE-FGHJK\"}",
                    Scene::walkIn,
                    "anyone verifies a claim with its code; no token helps with a claim that does not exist",
                    404,
                    404,
                    404,
                    404,
                    404,
                    404,
                    404,
                    404,
                    404,
                    404),
            row(
                    GET,
                    "/api/track/{trackingNumber}",
                    null,
                    Scene::dispatched,
                    "anyone tracks a complaint by its number (redacted; see RedactionTest)",
                    200,
                    200,
                    200,
                    200,
                    200,
                    200,
                    200,
                    200,
                    200),
            row(
                    GET,
                    "/api/statistics",
                    null,
                    Scene::nobody,
                    "public statistics",
                    200,
                    200,
                    200,
                    200,
                    200,
                    200,
                    200,
                    200,
                    200),
            row(
                    GET,
                    "/api/ledger/events",
                    null,
                    Scene::nobody,
                    "the whole ledger is the auditor's",
                    401,
                    403,
                    403,
                    403,
                    403,
                    403,
                    403,
                    403,
                    200),
            row(
                    GET,
                    "/api/ledger/verify",
                    "?complaintId={id}",
                    null,
                    Scene::dispatched,
                    "verification is the auditor's",
                    401,
                    403,
                    403,
                    403,
                    403,
                    403,
                    403,
                    403,
                    200),
            row(
                    GET,
                    "/api/ledger/checkpoints",
                    null,
                    Scene::nobody,
                    "signed checkpoints are the auditor's",
                    401,
                    403,
                    403,
                    403,
                    403,
                    403,
                    403,
                    403,
                    200),
            row(
                    GET,
                    "/api/projections",
                    null,
                    Scene::nobody,
                    "projection lag: the operator, the Ombudsman and auditors",
                    401,
                    403,
                    403,
                    200,
                    403,
                    403,
                    403,
                    200,
                    200),
            row(
                    POST,
                    "/api/projections/{name}/rebuild",
                    null,
                    Scene::nobody,
                    "only the operator rebuilds a read model (202: it rebuilds in the background)",
                    401,
                    403,
                    403,
                    202,
                    403,
                    403,
                    403,
                    403,
                    403),
            row(
                    GET,
                    "/api/complaints/{id}/deliveries",
                    null,
                    Scene::dispatched,
                    "who was told what (addresses masked): the operator and the Ombudsman",
                    401,
                    403,
                    403,
                    200,
                    403,
                    403,
                    403,
                    200,
                    403),
            row(
                    GET,
                    "/api/deliveries",
                    "?status=FAILED",
                    null,
                    Scene::nobody,
                    "the outbox's failing deliveries are the operator's",
                    401,
                    403,
                    403,
                    200,
                    403,
                    403,
                    403,
                    403,
                    403),
            row(
                    GET,
                    "/api/notifications/dev-sink",
                    null,
                    Scene::nobody,
                    "dev mode's sent messages are the operator's",
                    401,
                    403,
                    403,
                    200,
                    403,
                    403,
                    403,
                    403,
                    403),
            row(
                    POST,
                    "/api/webhooks",
                    "{\"url\":\"{hookUrl}\",\"eventTypes\":[\"complaint.dispatched\"],"
                            + "\"secret\":\"matriks-rahasia-0123456789\"}",
                    Scene::nobody,
                    "integrators' webhook subscriptions are the operator's",
                    401,
                    403,
                    403,
                    201,
                    403,
                    403,
                    403,
                    403,
                    403),
            row(
                    GET,
                    "/api/intake",
                    null,
                    Scene::nobody,
                    "the intake inbox of WhatsApp and SMS conversations is the operator's",
                    401,
                    403,
                    403,
                    200,
                    403,
                    403,
                    403,
                    403,
                    403),
            row(
                    POST,
                    "/api/intake/{id}/file",
                    "{\"title\":\"Jalan rusak\",\"description\":\"Lubang besar\",\"reportType\":\"COMPLAINT\","
                            + "\"category\":\"INFRASTRUCTURE\",\"complainant\":{\"name\":\"Pak Amir\"}}",
                    Scene::intakeConversation,
                    "only the operator files a chat conversation as a complaint",
                    401,
                    403,
                    403,
                    201,
                    403,
                    403,
                    403,
                    403,
                    403),
            row(
                    POST,
                    "/api/intake/{id}/dismiss",
                    "{\"reason\":\"hanya salam\"}",
                    Scene::intakeConversation,
                    "only the operator dismisses a chat conversation",
                    401,
                    403,
                    403,
                    204,
                    403,
                    403,
                    403,
                    403,
                    403),
            row(
                    GET,
                    "/api/webhooks",
                    null,
                    Scene::nobody,
                    "integrators' webhook subscriptions are the operator's",
                    401,
                    403,
                    403,
                    200,
                    403,
                    403,
                    403,
                    403,
                    403),
            row(
                    DELETE,
                    "/api/webhooks/{webhookId}",
                    null,
                    Scene::webhook,
                    "integrators' webhook subscriptions are the operator's",
                    401,
                    403,
                    403,
                    204,
                    403,
                    403,
                    403,
                    403,
                    403),

            // ---- pending on main: runs once the OpenAPI document has the endpoint (see ERASURE) ----
            row(
                    POST,
                    "/api/complainants/{subject}/erasure",
                    "{\"reason\":\"hak untuk dihapus\"}",
                    Scene::dispatched,
                    "a citizen erases their own personal data, the operator anyone's",
                    401,
                    200,
                    403,
                    200,
                    403,
                    403,
                    403,
                    403,
                    403),

            // ---- administration (issue 17): the admin's alone; every other role 403
            row(
                    GET,
                    "/api/categories",
                    null,
                    Scene::nobody,
                    "the categories are public reference data",
                    200,
                    200,
                    200,
                    200,
                    200,
                    200,
                    200,
                    200,
                    200,
                    200),
            row(
                    GET,
                    "/api/report-types",
                    null,
                    Scene::nobody,
                    "the report types are public reference data, like the categories",
                    200,
                    200,
                    200,
                    200,
                    200,
                    200,
                    200,
                    200,
                    200,
                    200),
            row(
                    GET,
                    "/api/agencies/{agencyId}/units",
                    null,
                    Scene::nobody,
                    "an agency's units (no contacts) are public reference data, for the officer's assignment form",
                    200,
                    200,
                    200,
                    200,
                    200,
                    200,
                    200,
                    200,
                    200,
                    200),
            row(
                    GET,
                    "/api/admin/agencies",
                    null,
                    Scene::nobody,
                    "reference data with contacts opened: the admin's",
                    401,
                    403,
                    403,
                    403,
                    403,
                    403,
                    403,
                    403,
                    403,
                    200),
            row(
                    POST,
                    "/api/admin/agencies",
                    "{\"id\":\"{ref}\",\"name\":\"Dinas Matriks\"}",
                    Scene::nobody,
                    "only the admin adds an agency",
                    401,
                    403,
                    403,
                    403,
                    403,
                    403,
                    403,
                    403,
                    403,
                    201),
            row(
                    POST,
                    "/api/admin/agencies/{agencyId}/units",
                    "{\"id\":\"{ref}\",\"name\":\"Bidang Matriks\",\"kind\":\"BIDANG\"}",
                    Scene::nobody,
                    "only the admin adds a unit to an agency",
                    401,
                    403,
                    403,
                    403,
                    403,
                    403,
                    403,
                    403,
                    403,
                    201),
            row(
                    PUT,
                    "/api/admin/agencies/{agencyId}/contacts",
                    "{\"contacts\":[{\"kind\":\"EMAIL\",\"address\":\"pupr@bengkaliskab.example.id\"}]}",
                    Scene::nobody,
                    "only the admin changes an agency's contacts",
                    401,
                    403,
                    403,
                    403,
                    403,
                    403,
                    403,
                    403,
                    403,
                    200),
            row(
                    POST,
                    "/api/admin/categories",
                    "{\"code\":\"{CODE}\",\"name\":{\"id\":\"Matriks\",\"en\":\"Matrix\"}}",
                    Scene::nobody,
                    "only the admin adds a category",
                    401,
                    403,
                    403,
                    403,
                    403,
                    403,
                    403,
                    403,
                    403,
                    201),
            row(
                    POST,
                    "/api/admin/categories/{code}/retire",
                    null,
                    Scene::withCategory,
                    "only the admin retires a category",
                    401,
                    403,
                    403,
                    403,
                    403,
                    403,
                    403,
                    403,
                    403,
                    200),
            row(
                    GET,
                    "/api/admin/calendars",
                    null,
                    Scene::nobody,
                    "the holiday calendars: the admin's",
                    401,
                    403,
                    403,
                    403,
                    403,
                    403,
                    403,
                    403,
                    403,
                    200),
            row(
                    POST,
                    "/api/admin/calendars",
                    "{\"id\":\"{ref}\",\"name\":\"Kalender matriks\"}",
                    Scene::nobody,
                    "only the admin adds a calendar",
                    401,
                    403,
                    403,
                    403,
                    403,
                    403,
                    403,
                    403,
                    403,
                    201),
            row(
                    POST,
                    "/api/admin/calendars/{calendarId}/holidays",
                    "{\"holidays\":[{\"date\":\"2031-03-10\",\"name\":\"Libur matriks\"}]}",
                    Scene::withCalendar,
                    "only the admin adds holidays (to a calendar no policy counts with, so no other test's deadline moves)",
                    401,
                    403,
                    403,
                    403,
                    403,
                    403,
                    403,
                    403,
                    403,
                    200),
            row(
                    POST,
                    "/api/admin/calendars/{calendarId}/import",
                    ICS,
                    Scene::withCalendar,
                    "only the admin imports an iCalendar file",
                    401,
                    403,
                    403,
                    403,
                    403,
                    403,
                    403,
                    403,
                    403,
                    200),
            row(
                    GET,
                    "/api/admin/sla-policies",
                    null,
                    Scene::nobody,
                    "the SLA policies: the admin's",
                    401,
                    403,
                    403,
                    403,
                    403,
                    403,
                    403,
                    403,
                    403,
                    200),
            row(
                    POST,
                    "/api/admin/sla-policies",
                    "{\"policyId\":\"{ref}\",\"category\":\"{CODE}\",\"rules\":{\"FOLLOW_UP\":\"4wd\"},\"calendarId\":\"{ref}\"}",
                    Scene::withCategoryAndCalendar,
                    "only the admin sets an SLA policy (for a category of its own)",
                    401,
                    403,
                    403,
                    403,
                    403,
                    403,
                    403,
                    403,
                    403,
                    201),
            row(
                    GET,
                    "/api/admin/open311-keys",
                    null,
                    Scene::nobody,
                    "the Open311 keys, masked: the admin's",
                    401,
                    403,
                    403,
                    403,
                    403,
                    403,
                    403,
                    403,
                    403,
                    200),
            row(
                    POST,
                    "/api/admin/open311-keys",
                    "{\"client\":\"{ref}\"}",
                    Scene::nobody,
                    "only the admin issues an Open311 key",
                    401,
                    403,
                    403,
                    403,
                    403,
                    403,
                    403,
                    403,
                    403,
                    201),
            row(
                    POST,
                    "/api/admin/open311-keys/{keyId}/revoke",
                    null,
                    Scene::withOpen311Key,
                    "only the admin revokes an Open311 key",
                    401,
                    403,
                    403,
                    403,
                    403,
                    403,
                    403,
                    403,
                    403,
                    200),
            row(
                    GET,
                    "/api/admin/history/{kind}",
                    null,
                    Scene::nobody,
                    "the reference history: the admin's",
                    401,
                    403,
                    403,
                    403,
                    403,
                    403,
                    403,
                    403,
                    403,
                    200));

    @Inject
    Pool pool;

    @TestFactory
    Stream<DynamicContainer> every_caller_gets_exactly_the_status_the_table_says() {
        Set<String> documented = documentedOperations();
        return TABLE.stream()
                .map(row -> DynamicContainer.dynamicContainer(
                        row.operation() + row.query() + " (" + row.why() + ")", cells(row, documented)));
    }

    private Stream<DynamicTest> cells(Row row, Set<String> documented) {
        var shared = new Object() {
            Scene scene;

            Scene get() {
                if (scene == null) {
                    scene = row.scene().get();
                    // reads served by projections must see the scene, or a 200 would be a 404 by timing alone
                    ReadSide.caughtUp(pool);
                }
                return scene;
            }
        };
        return Arrays.stream(Caller.values())
                .map(caller -> DynamicTest.dynamicTest(caller + " -> " + row.expected(caller), () -> {
                    if (row.operation().equals(ERASURE)) {
                        Assumptions.assumeTrue(documented.contains(ERASURE), "erasure is not merged yet");
                    }
                    int expected = row.expected(caller);
                    boolean allowedWrite = row.writes() && expected < 300;
                    Scene scene = allowedWrite ? row.scene().get() : shared.get();
                    long before = events(scene);
                    Response response = call(row, scene, caller);
                    assertThat(response.statusCode())
                            .as("%s%s as %s: %s", row.operation(), row.query(), caller, response.asString())
                            .isEqualTo(expected);
                    if (expected == 401 || expected == 403) {
                        assertThat(response.contentType()).startsWith("application/problem+json");
                        assertThat(response.jsonPath().getInt("status")).isEqualTo(expected);
                        assertThat(events(scene))
                                .as("events after a refused request")
                                .isEqualTo(before);
                    }
                    if (row.operation().equals("POST /api/projections/{name}/rebuild") && expected == 202) {
                        untilRebuilt();
                    }
                }));
    }

    @Test
    void the_table_has_a_row_for_every_operation_of_the_openapi_document_and_no_other() {
        Set<String> documented = documentedOperations();
        Set<String> tabled = TABLE.stream().map(Row::operation).collect(Collectors.toSet());
        assertThat(documented.stream()
                        .filter(operation -> !tabled.contains(operation))
                        .sorted())
                .as("operations of the API with no row in the authorization table")
                .isEmpty();
        assertThat(tabled.stream()
                        .filter(operation -> !documented.contains(operation) && !operation.equals(ERASURE))
                        .sorted())
                .as("rows for operations the API does not have")
                .isEmpty();
    }

    /**
     * "METHOD /path" of every operation the application documents, but Quarkus's own /q endpoints, the dev-only
     * token issuer, Open311, whose endpoints authenticate with an API key, and the providers' webhooks, which
     * authenticate with a signature of the body: those are tested on their own.
     */
    private static Set<String> documentedOperations() {
        Map<String, Map<String, Object>> paths = given().get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getMap("paths");
        Set<String> methods = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");
        return paths.entrySet().stream()
                .filter(path -> !path.getKey().startsWith("/q/")
                        && !path.getKey().startsWith("/dev/")
                        && !path.getKey().startsWith("/open311")
                        && !path.getKey().startsWith("/webhooks/"))
                .flatMap(path -> path.getValue().keySet().stream()
                        .filter(methods::contains)
                        .map(method -> method.toUpperCase() + " " + path.getKey()))
                .collect(Collectors.toSet());
    }

    private long events(Scene scene) {
        return scene.id() == null ? Events.total(pool) : Events.of(pool, scene.id());
    }

    private static Response call(Row row, Scene scene, Caller caller) {
        RequestSpecification request = MULTIPART_PDF.equals(row.body())
                ? given().multiPart("file", "nota.pdf", PDF, "application/pdf")
                : given().contentType(
                                row.body() != null && row.body().startsWith("BEGIN:VCALENDAR")
                                        ? "text/calendar"
                                        : "application/json");
        String token = caller.token(scene);
        if (token != null) {
            request.auth().oauth2(token);
        }
        if (row.body() != null && !MULTIPART_PDF.equals(row.body())) {
            String body = scene.fill(row.body());
            if (caller == Caller.OPERATOR && row.path().equals("/api/complaints")) {
                // the channel is a fact of who files (issue 16): the operator files at a desk, a citizen on the web
                body = body.replace("\"channel\":\"WEB\"", "\"channel\":\"WALK_IN\"");
            }
            request.body(body);
        }
        return request.request(row.method(), scene.fill(row.path() + row.query()));
    }

    /** Reads of the rebuilt projection answer 503 until it catches up; later rows and tests must not see that. */
    private void untilRebuilt() {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> !given().auth()
                        .oauth2(Tokens.operator())
                        .get("/api/projections")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getBoolean("find { it.projection == '" + REBUILT_PROJECTION + "' }.rebuilding"));
        ReadSide.caughtUp(pool);
    }

    record Row(
            Method method, String path, String query, String body, Supplier<Scene> scene, String why, int[] statuses) {

        String operation() {
            return method + " " + path;
        }

        int expected(Caller caller) {
            return statuses[caller.ordinal()];
        }

        boolean writes() {
            return method != GET;
        }
    }

    static Row row(Method method, String path, String body, Supplier<Scene> scene, String why, int... statuses) {
        return row(method, path, "", body, scene, why, statuses);
    }

    static Row row(
            Method method, String path, String query, String body, Supplier<Scene> scene, String why, int... statuses) {
        if (statuses.length == Caller.values().length - 1) {
            // the admin manages reference data and reads what the public reads (a hidden file is as absent to it as
            // to the public): no complaint work
            statuses = java.util.stream.IntStream.concat(
                            Arrays.stream(statuses),
                            java.util.stream.IntStream.of(statuses[0] == 401 ? 403 : statuses[0]))
                    .toArray();
        }
        if (statuses.length != Caller.values().length) {
            throw new IllegalArgumentException(method + " " + path + ": one status per caller");
        }
        return new Row(method, path, query, body, scene, why, statuses);
    }

    /**
     * A complaint in the state a row needs and the citizen who owns it. {@code id} is null for rows that need no
     * complaint; {@code originalId} is the earlier complaint a duplicate points to.
     */
    record Scene(String id, String owner, String trackingNumber, String originalId, String attachmentId) {

        Scene(String id, String owner, String trackingNumber, String originalId) {
            this(id, owner, trackingNumber, originalId, null);
        }

        String fill(String template) {
            return template.replace("{id}", String.valueOf(id))
                    .replace("{originalId}", String.valueOf(originalId))
                    .replace("{requestId}", String.valueOf(originalId))
                    .replace("{attachmentId}", String.valueOf(attachmentId))
                    .replace("{trackingNumber}", String.valueOf(trackingNumber))
                    .replace("{subject}", owner)
                    .replace("{agencyId}", ASSIGNED_AGENCY)
                    .replace("{name}", REBUILT_PROJECTION)
                    .replace("{now}", Instant.now().toString())
                    .replace("{ref}", reference())
                    .replace("{CODE}", categoryCode())
                    .replace("{code}", categoryCode())
                    .replace("{calendarId}", reference())
                    .replace("{kind}", "categories")
                    .replace("{keyId}", String.valueOf(id))
                    // a webhook scene carries its subscription's id where a duplicate scene carries the original
                    .replace("{webhookId}", String.valueOf(originalId))
                    .replace(
                            "{hookUrl}",
                            org.complaintledger.notification.NotificationServers.http.url("/hooks/matrix"));
        }

        String categoryCode() {
            return reference().replace("-", "_").toUpperCase().replaceAll("[0-9]", "Q");
        }

        /** A reference-data id of this scene's own: the admin rows create, retire and revoke only their own. */
        String reference() {
            return "m-" + owner.substring(owner.lastIndexOf('-') + 1);
        }

        static Scene withCategory() {
            Scene scene = nobody();
            Api.post(
                            Tokens.admin(),
                            "/api/admin/categories",
                            scene.fill("{\"code\":\"{CODE}\",\"name\":{\"id\":\"Matriks\",\"en\":\"Matrix\"}}"))
                    .statusCode(201);
            return scene;
        }

        static Scene withCalendar() {
            Scene scene = nobody();
            Api.post(Tokens.admin(), "/api/admin/calendars", scene.fill("{\"id\":\"{ref}\",\"name\":\"Matriks\"}"))
                    .statusCode(201);
            return scene;
        }

        static Scene withCategoryAndCalendar() {
            Scene scene = withCategory();
            Api.post(Tokens.admin(), "/api/admin/calendars", scene.fill("{\"id\":\"{ref}\",\"name\":\"Matriks\"}"))
                    .statusCode(201);
            return scene;
        }

        /** The key's id stands where a complaint's would: its refused cells count no complaint's events. */
        static Scene withOpen311Key() {
            Scene scene = nobody();
            String keyId = Api.post(Tokens.admin(), "/api/admin/open311-keys", scene.fill("{\"client\":\"{ref}\"}"))
                    .statusCode(201)
                    .extract()
                    .path("keyId");
            return new Scene(keyId, scene.owner(), null, null);
        }

        /** An open conversation in the intake inbox, from a Meta-signed WhatsApp message; {id} is its id. */
        static Scene intakeConversation() {
            return new Scene(org.complaintledger.intake.Chats.openConversation(), newOwner(), null, null);
        }

        static Scene webhook() {
            String id = Api.as(Tokens.operator())
                    .body("{\"url\":\""
                            + org.complaintledger.notification.NotificationServers.http.url("/hooks/matrix")
                            + "\",\"eventTypes\":[\"complaint.submitted\"],\"secret\":\"matriks-rahasia-0123456789\"}")
                    .post("/api/webhooks")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
            return new Scene(null, newOwner(), null, id);
        }

        static Scene nobody() {
            return new Scene(null, newOwner(), null, null);
        }

        /** Filed by the operator for a walk-in complainant without an account. */
        static Scene walkIn() {
            var filed = Api.as(Tokens.operator())
                    .body(Api.complaint("Pak Darman", false, false).replace("\"WEB\"", "\"WALK_IN\""))
                    .post("/api/complaints")
                    .then()
                    .statusCode(201)
                    .extract();
            return new Scene(filed.path("id"), newOwner(), filed.path("trackingNumber"), null);
        }

        static Scene submitted() {
            String owner = newOwner();
            var filed = Api.as(Tokens.citizen(owner))
                    .body(Api.complaint("Siti Aminah", false, false))
                    .post("/api/complaints")
                    .then()
                    .statusCode(201)
                    .extract();
            return new Scene(filed.path("id"), owner, filed.path("trackingNumber"), null);
        }

        static Scene onHold() {
            return submitted().then(Tokens.operator(), "/clarification-requests", "{\"question\":\"Di mana?\"}");
        }

        static Scene dispatched() {
            return submitted().then(Tokens.operator(), "/dispatch", DISPATCH);
        }

        static Scene dispatchedWithUnit() {
            int status = Api.post(
                            Tokens.admin(),
                            "/api/admin/agencies/" + ASSIGNED_AGENCY + "/units",
                            "{\"id\":\"" + UNIT + "\",\"name\":\"Bidang Matriks\",\"kind\":\"BIDANG\"}")
                    .extract()
                    .statusCode();
            assertThat(status).as("the unit is there, added now or before").isIn(201, 409);
            return dispatched();
        }

        static Scene inProgress() {
            return dispatched().then(Tokens.officer(ASSIGNED_AGENCY), "/acknowledge", "{}");
        }

        /** The extension request's id rides in the originalId slot, for {requestId} in the path. */
        static Scene extensionRequested() {
            Scene scene = inProgress();
            String location = Api.post(
                            Tokens.officer(ASSIGNED_AGENCY),
                            "/api/complaints/" + scene.id() + "/extension-requests",
                            "{\"days\":5,\"reason\":\"Menunggu aspal\"}")
                    .statusCode(200)
                    .extract()
                    .header("Location");
            return new Scene(
                    scene.id(),
                    scene.owner(),
                    scene.trackingNumber(),
                    location.substring(location.lastIndexOf('/') + 1));
        }

        static Scene responded() {
            return inProgress()
                    .then(Tokens.officer(ASSIGNED_AGENCY), "/follow-ups", "{\"message\":\"Sudah ditambal\"}");
        }

        /** Dispatched, with an internal file the assigned agency attached. */
        static Scene withInternalAttachment() {
            Scene scene = dispatched();
            String attachmentId = given().auth()
                    .oauth2(Tokens.officer(ASSIGNED_AGENCY))
                    .multiPart("file", "nota.pdf", PDF, "application/pdf")
                    .post("/api/complaints/" + scene.id() + "/attachments")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
            return new Scene(scene.id(), scene.owner(), scene.trackingNumber(), null, attachmentId);
        }

        static Scene escalated() {
            return dispatched().then(Tokens.operator(), "/escalate", ESCALATE);
        }

        static Scene underReview() {
            return escalated().then(Tokens.ombudsman(), "/review/open", "{}");
        }

        static Scene underReviewWithFinding() {
            return underReview().then(Tokens.ombudsman(), "/review/findings", FINDING);
        }

        /** Reviewed with maladministration found: the recommendation went back to the assigned agency. */
        static Scene recommended() {
            return underReviewWithFinding().then(Tokens.ombudsman(), "/review/close", "{\"outcome\":\"selesai\"}");
        }

        static Scene submittedWithOriginal() {
            Scene scene = submitted();
            return new Scene(
                    scene.id(),
                    scene.owner(),
                    scene.trackingNumber(),
                    submitted().id());
        }

        static Scene linkedAsDuplicate() {
            return submittedWithOriginal()
                    .then(Tokens.operator(), "/duplicate-of", "{\"originalId\":\"{originalId}\"}");
        }

        private Scene then(String token, String step, String body) {
            Api.post(token, "/api/complaints/" + id + step, fill(body)).statusCode(200);
            return this;
        }

        private static String newOwner() {
            return "warga-matriks-" + UUID.randomUUID().toString().substring(0, 8);
        }
    }
}
