-- Least privilege (README, "Database roles"). Flyway runs as the migration owner, which owns every table, function and
-- trigger; the service runs as a login role that is a member of ledger_runtime and gets only what it uses. Owning a
-- table is what allows ALTER TABLE ... DISABLE TRIGGER, so the append-only triggers only mean something when the
-- service is not the owner: the runtime role may read and append to the ledger, never change, empty or unprotect it.
--
-- The group role is created here when the migration owner may create roles; otherwise the DBA creates it first
-- (CREATE ROLE ledger_runtime NOLOGIN). A role belongs to the whole cluster, so another database's migration may have
-- created it a moment ago.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ledger_runtime') THEN
        CREATE ROLE ledger_runtime NOLOGIN;
    END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
    NULL;
END
$$;

GRANT USAGE ON SCHEMA public TO ledger_runtime;

-- Every table a migration created so far (the migrations numbered below this one included): the read models, the
-- projections' bookkeeping, data keys (erasure deletes them) and idempotency keys get the four DML privileges; the
-- ledger and the reference data less, below. Never TRUNCATE, REFERENCES or TRIGGER, never ownership.
DO $$
DECLARE
    t record;
BEGIN
    FOR t IN SELECT tablename FROM pg_tables
              WHERE schemaname = 'public' AND tablename <> 'flyway_schema_history' LOOP
        EXECUTE format('REVOKE ALL ON TABLE public.%I FROM ledger_runtime', t.tablename);
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE public.%I TO ledger_runtime', t.tablename);
    END LOOP;
END
$$;

-- The ledger is append-only: read and append, nothing else
REVOKE UPDATE, DELETE ON TABLE events, ledger_chain, ledger_checkpoints FROM ledger_runtime;
-- Keys that verify checkpoints and keys that file Open311 requests are registered by their owners (the service's own
-- signing key at start, with the migration owner's credentials; API keys by the operator), never by a request
REVOKE INSERT, UPDATE, DELETE ON TABLE ledger_signing_keys, open311_api_keys FROM ledger_runtime;
-- Reference data comes with the migrations
REVOKE INSERT, UPDATE, DELETE ON TABLE agencies, categories FROM ledger_runtime;

GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ledger_runtime;

-- Tables later migrations create get the four DML privileges too, so that a new read model works without a grant of
-- its own; a migration that adds an append-only table revokes UPDATE and DELETE on it, as this one does above.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ledger_runtime;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ledger_runtime;
