-- Each wrapped data key names the key-encryption key that wrapped it (privacy/PersonalDataVault), so that the KEK can
-- rotate: keys under a KEK listed in ledger.crypto.previous-keks are re-wrapped under the current one at start-up.
-- Rows from before have none: their KEK is found by trying the configured ones, and the next start records it.
ALTER TABLE data_keys ADD COLUMN kek_id text;
