package org.complaintledger.complaint;

import java.util.Objects;

/**
 * A business rule said no. The code is a stable contract (clients and the problem+json body rely on it), the kind
 * tells the edge which HTTP status to answer (404, 403, 409, 400), and the message is plain English for a person.
 */
public final class Rejection extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public enum Kind {
        NOT_FOUND,
        FORBIDDEN,
        CONFLICT,
        INVALID,
        TOO_LARGE
    }

    /**
     * Every code with its kind in one table, so a code can never be answered with two different statuses. There is no
     * "visibility-tightening-not-allowed": the operator and the complainant may both tighten, and neither loosen.
     */
    public enum Reason {
        NOT_FOUND("complaint.not-found", Kind.NOT_FOUND),
        ALREADY_EXISTS("complaint.already-exists", Kind.CONFLICT),
        TRANSITION_NOT_ALLOWED("complaint.transition-not-allowed", Kind.CONFLICT),
        NOT_ASSIGNED_AGENCY("complaint.not-assigned-agency", Kind.FORBIDDEN),
        NOT_OWNER("complaint.not-owner", Kind.FORBIDDEN),
        ROLE_NOT_ALLOWED("complaint.role-not-allowed", Kind.FORBIDDEN),
        APPEAL_WINDOW_CLOSED("complaint.appeal-window-closed", Kind.CONFLICT),
        VISIBILITY_UNCHANGED("complaint.visibility-unchanged", Kind.CONFLICT),
        VISIBILITY_LOOSENING_NOT_ALLOWED("complaint.visibility-loosening-not-allowed", Kind.FORBIDDEN),
        ARCHIVE_REASON_RESERVED("complaint.archive-reason-reserved", Kind.INVALID),
        DUPLICATE_OF_ITSELF("complaint.duplicate-of-itself", Kind.INVALID),
        NOT_A_DUPLICATE("complaint.not-a-duplicate", Kind.CONFLICT),
        FINDING_INCONSISTENT("complaint.finding-inconsistent", Kind.INVALID),
        REVIEW_HAS_NO_FINDING("complaint.review-has-no-finding", Kind.CONFLICT),
        INVALID_RATING("complaint.invalid-rating", Kind.INVALID),
        DEADLINE_NOT_DUE("complaint.deadline-not-due", Kind.CONFLICT),
        NO_PERSONAL_DATA("complaint.no-personal-data", Kind.CONFLICT),
        AUDIENCE_NOT_ALLOWED("complaint.audience-not-allowed", Kind.FORBIDDEN),
        EXTENSION_NOT_FOUND("complaint.extension-not-found", Kind.NOT_FOUND),
        EXTENSION_ALREADY_DECIDED("complaint.extension-already-decided", Kind.CONFLICT),
        EXTENSION_PENDING("complaint.extension-pending", Kind.CONFLICT),
        INVALID_EXTENSION("complaint.invalid-extension", Kind.INVALID),
        ALREADY_ASSIGNED_TO_UNIT("complaint.already-assigned-to-unit", Kind.CONFLICT),
        ATTACHMENT_LIMIT_REACHED("complaint.attachment-limit-reached", Kind.TOO_LARGE),
        ATTACHMENT_EXISTS("complaint.attachment-exists", Kind.CONFLICT),
        ATTACHMENT_NOT_FOUND("complaint.attachment-not-found", Kind.NOT_FOUND),
        ATTACHMENT_ALREADY_REDACTED("complaint.attachment-already-redacted", Kind.CONFLICT),
        NO_RECOMMENDATION_PENDING("complaint.no-recommendation-pending", Kind.CONFLICT),
        TOO_MANY_EVENTS("complaint.too-many-events", Kind.CONFLICT);

        private final String code;
        private final Kind kind;

        Reason(String code, Kind kind) {
            this.code = code;
            this.kind = kind;
        }

        public String code() {
            return code;
        }

        public Kind kind() {
            return kind;
        }
    }

    private final Reason reason;

    public Rejection(Reason reason, String message) {
        super(Objects.requireNonNull(message, "message"), null, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }

    public String code() {
        return reason.code();
    }

    public Kind kind() {
        return reason.kind();
    }
}
