-- The ledger: one append-only table of complaint events.
-- position orders inserts; tx (the inserting transaction's xid8) lets readers stay below the horizon of
-- transactions still in flight, so a late commit is never skipped (see README, "Gap-free reading").
CREATE TABLE events (
    position        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tx              xid8        NOT NULL DEFAULT pg_current_xact_id(),
    stream_id       uuid        NOT NULL,
    stream_version  integer     NOT NULL CHECK (stream_version > 0),
    event_id        uuid        NOT NULL,
    type            text        NOT NULL,
    schema_version  integer     NOT NULL CHECK (schema_version > 0),
    occurred_at     timestamptz NOT NULL,
    -- set by the writer before hashing, never by a database default: it is part of the hashed envelope
    recorded_at     timestamptz NOT NULL,
    actor           jsonb       NOT NULL,
    data            jsonb       NOT NULL,
    -- correlation and causation ids; not hashed, so tracing never changes the history
    metadata        jsonb       NOT NULL DEFAULT '{}',
    previous_hash   char(64)    NOT NULL,
    hash            char(64)    NOT NULL,
    -- optimistic concurrency per complaint: a stale writer collides here, writers of different complaints never wait
    CONSTRAINT events_stream_version_unique UNIQUE (stream_id, stream_version),
    CONSTRAINT events_event_id_unique UNIQUE (event_id)
);

CREATE INDEX events_tx_position ON events (tx, position);

CREATE FUNCTION reject_event_mutation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the events table is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER events_append_only
    BEFORE UPDATE OR DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION reject_event_mutation();

CREATE TRIGGER events_no_truncate
    BEFORE TRUNCATE ON events
    FOR EACH STATEMENT EXECUTE FUNCTION reject_event_mutation();

-- A command's Idempotency-Key, written in the same statement as its events: a retry finds the stream version
-- the first attempt produced and answers with the view at that version, appending nothing.
CREATE TABLE idempotency_keys (
    scope           text        NOT NULL,   -- the caller's subject: two clients may pick the same key
    key             text        NOT NULL,
    request_hash    char(64)    NOT NULL,
    stream_id       uuid        NOT NULL,
    stream_version  integer     NOT NULL,
    status          smallint    NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (scope, key)
);
