-- One data key per complainant, wrapped by the key-encryption key from configuration. Personal data in events is
-- ciphertext under this key; deleting the row (erasure) leaves the events intact and their hashes valid, and the
-- personal data unreadable for good (crypto-shredding).
CREATE TABLE data_keys (
    subject     text PRIMARY KEY,
    wrapped_key bytea       NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
