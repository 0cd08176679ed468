-- The read side. Each projection's work is split into segments by complaint (all events of one complaint fall in
-- one segment, so their order holds); running instances claim segments with a lease, and each segment's checkpoint
-- is the (tx, position) of the last event applied, written in the same transaction as the rows it produced.
CREATE TABLE projection_segments (
    projection    text        NOT NULL,
    segment       integer     NOT NULL,
    segment_count integer     NOT NULL,
    owner         text,
    lease_until   timestamptz,
    last_tx       xid8        NOT NULL DEFAULT '0',
    last_position bigint      NOT NULL DEFAULT 0,
    applied       bigint      NOT NULL DEFAULT 0,
    -- raised by a rebuild: a batch that started before it cannot commit its checkpoint (or its rows) after it
    generation    integer     NOT NULL DEFAULT 0,
    updated_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (projection, segment)
);

-- The instances running each projection, so that each claims only its fair share of segments.
CREATE TABLE projection_instances (
    projection  text        NOT NULL,
    owner       text        NOT NULL,
    alive_until timestamptz NOT NULL,
    PRIMARY KEY (projection, owner)
);

-- A projection being rebuilt answers "rebuilding" until its segments have caught up with the head it started from.
CREATE TABLE projection_rebuilds (
    projection    text        PRIMARY KEY,
    started_at    timestamptz NOT NULL,
    target_events bigint      NOT NULL
);

-- One row per complaint: the folded complaint (from which each caller's redacted view is made) and the columns that
-- the queues, the tracking lookup and the statistics filter and order by.
CREATE TABLE complaint_views (
    id              uuid        PRIMARY KEY,
    version         bigint      NOT NULL,
    tracking_number text        NOT NULL,
    status          text        NOT NULL,
    report_type     text        NOT NULL,
    category        text        NOT NULL,
    channel         text        NOT NULL,
    agency_id       text,
    complainant_id  text        NOT NULL,
    anonymous       boolean     NOT NULL,
    confidential    boolean     NOT NULL,
    escalated       boolean     NOT NULL,
    -- the earliest running deadline of the agency flow: queues are ordered by it
    due_at          timestamptz,
    submitted_at    timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    state           jsonb       NOT NULL
);

-- not unique: a projection must never wedge on a row the ledger holds; numbers are random over 31^12
CREATE INDEX complaint_views_tracking_number ON complaint_views (tracking_number);
CREATE INDEX complaint_views_agency_queue ON complaint_views (agency_id, due_at, id) WHERE agency_id IS NOT NULL;
CREATE INDEX complaint_views_status_due ON complaint_views (status, due_at, id);
CREATE INDEX complaint_views_submitted ON complaint_views (submitted_at);
CREATE INDEX complaint_views_complainant ON complaint_views (complainant_id);

-- One row per time a complaint was put in an agency's hands: what agency performance is computed from.
CREATE TABLE agency_assignments (
    complaint_id    uuid        NOT NULL,
    assignment      integer     NOT NULL,
    agency_id       text        NOT NULL,
    assigned_at     timestamptz NOT NULL,
    follow_up_due   timestamptz,
    acknowledged_at timestamptz,
    followed_up_at  timestamptz,
    declined_at     timestamptz,
    reopened        integer     NOT NULL DEFAULT 0,
    rating          integer,
    deadline_missed boolean     NOT NULL DEFAULT false,
    -- the complaint's last event folded into this row
    last_version    integer     NOT NULL,
    PRIMARY KEY (complaint_id, assignment)
);

CREATE INDEX agency_assignments_agency_period ON agency_assignments (agency_id, assigned_at);
