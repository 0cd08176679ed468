-- The auditor's ledger (README, "Auditing the ledger"). The events table is append-only, so the global sequence
-- lives beside it: the sequencer appends one row per event, in horizon order, and never changes a row.
CREATE TABLE ledger_chain (
    ledger_seq      bigint      PRIMARY KEY CHECK (ledger_seq > 0),
    -- the event's place in the events table and in horizon order; kept here so that the sequencer's cursor and the
    -- verifier's witness of "what was there" survive any change to the events table itself
    position        bigint      NOT NULL,
    tx              xid8        NOT NULL,
    stream_id       uuid        NOT NULL,
    stream_version  integer     NOT NULL,
    hash            char(64)    NOT NULL,
    chain_hash      char(64)    NOT NULL,
    sequenced_at    timestamptz NOT NULL DEFAULT now()
);
-- Deliberately not unique: ledger_seq, the primary key, is what two sequencers would collide on. A position or a
-- stream version seen twice (a row deleted and forged again behind the ledger's back) must not stop the sequencer;
-- the verifier reports it.
CREATE INDEX ledger_chain_position ON ledger_chain (position);
CREATE INDEX ledger_chain_stream ON ledger_chain (stream_id, stream_version);

-- Every key that ever signed a checkpoint stays here, so a checkpoint signed before a key rotation still verifies.
CREATE TABLE ledger_signing_keys (
    key_id          text        PRIMARY KEY,          -- first 16 hex digits of SHA-256 of the DER public key
    public_key      text        NOT NULL,             -- PEM, SubjectPublicKeyInfo
    first_used_at   timestamptz NOT NULL DEFAULT now()
);

-- A signed checkpoint: Ed25519 over the UTF-8 bytes of "<ledger_seq>:<chain_hash>:<signedAt>", signedAt formatted
-- like the envelopes' instants (UTC, three fraction digits, Z).
CREATE TABLE ledger_checkpoints (
    ledger_seq      bigint      PRIMARY KEY,
    chain_hash      char(64)    NOT NULL,
    signed_at       timestamptz NOT NULL,
    key_id          text        NOT NULL REFERENCES ledger_signing_keys (key_id),
    signature       text        NOT NULL              -- base64
);

CREATE FUNCTION reject_ledger_mutation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the % table is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER ledger_chain_append_only BEFORE UPDATE OR DELETE ON ledger_chain
    FOR EACH ROW EXECUTE FUNCTION reject_ledger_mutation();
CREATE TRIGGER ledger_chain_no_truncate BEFORE TRUNCATE ON ledger_chain
    FOR EACH STATEMENT EXECUTE FUNCTION reject_ledger_mutation();
CREATE TRIGGER ledger_checkpoints_append_only BEFORE UPDATE OR DELETE ON ledger_checkpoints
    FOR EACH ROW EXECUTE FUNCTION reject_ledger_mutation();
CREATE TRIGGER ledger_checkpoints_no_truncate BEFORE TRUNCATE ON ledger_checkpoints
    FOR EACH STATEMENT EXECUTE FUNCTION reject_ledger_mutation();
CREATE TRIGGER ledger_signing_keys_append_only BEFORE UPDATE OR DELETE ON ledger_signing_keys
    FOR EACH ROW EXECUTE FUNCTION reject_ledger_mutation();
