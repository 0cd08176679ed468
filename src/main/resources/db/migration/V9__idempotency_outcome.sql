-- An idempotency key stores what its command did (created a complaint, changed one), not an HTTP status: the
-- status is the web edge's choice, and the ledger knows no HTTP.
ALTER TABLE idempotency_keys ADD COLUMN outcome text;
UPDATE idempotency_keys SET outcome = CASE WHEN status = 201 THEN 'CREATED' ELSE 'CHANGED' END;
ALTER TABLE idempotency_keys ALTER COLUMN outcome SET NOT NULL;
ALTER TABLE idempotency_keys DROP COLUMN status;
