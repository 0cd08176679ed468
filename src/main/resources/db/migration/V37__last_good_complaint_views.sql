-- The complaint views as they stood when an operator's rebuild started, so that the public reads (the tracking lookup
-- and Open311) keep answering from them, marked stale, while the rebuild runs instead of answering 503 (README,
-- "Operating it"). The rebuild fills it from the rows it drops; the next rebuild replaces it. A rebuild for a new
-- row version keeps nothing here: this instance could not read rows of the old shape.
CREATE TABLE complaint_views_last_good (
    id              uuid        PRIMARY KEY,
    version         bigint      NOT NULL,
    tracking_number text        NOT NULL,
    status          text        NOT NULL,
    report_type     text        NOT NULL,
    category        text        NOT NULL,
    channel         text        NOT NULL,
    agency_id       text,
    unit_id         text,
    complainant_id  text        NOT NULL,
    anonymous       boolean     NOT NULL,
    confidential    boolean     NOT NULL,
    escalated       boolean     NOT NULL,
    due_at          timestamptz,
    submitted_at    timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    state           jsonb       NOT NULL
);

CREATE INDEX complaint_views_last_good_tracking_number ON complaint_views_last_good (tracking_number);
CREATE INDEX complaint_views_last_good_submitted ON complaint_views_last_good (submitted_at);

-- whether the rebuild running kept the last good rows, for every instance to know what its public reads may answer
ALTER TABLE projection_rebuilds ADD COLUMN serves_last_good boolean NOT NULL DEFAULT false;
