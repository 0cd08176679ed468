-- Idempotency keys expire (ledger.idempotency.retention): the purge finds the old rows by this index instead of
-- reading the whole table. The scope and request_hash columns now hold HMAC-SHA-256 values (ledger/IdempotencyKeys);
-- rows written before keep their plain values and simply expire.
CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);
