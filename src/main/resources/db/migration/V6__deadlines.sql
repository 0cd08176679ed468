-- The running deadlines of every complaint, kept by the complaint-views projection in the same transaction as the
-- view: the scheduler picks the due ones from here on every instance (FOR UPDATE SKIP LOCKED).
CREATE TABLE complaint_deadlines (
    complaint_id uuid        NOT NULL,
    kind         text        NOT NULL,
    due_at       timestamptz NOT NULL,
    PRIMARY KEY (complaint_id, kind)
);

CREATE INDEX complaint_deadlines_due ON complaint_deadlines (due_at);
