-- Attachment bytes when ledger.attachments.store=postgres (the default). The ledger holds each file's sha256, size
-- and media type (complaint.attachment-added); the bytes live here, outside the events, AES-256-GCM encrypted in
-- segments of 256 KiB, one row per segment, so that neither a write nor a read holds more than one segment in
-- memory (a bytea of a whole video would be read into the client in one piece). Rows are deleted when the file is
-- redacted or its complainant's data is erased; the events table is never touched.
CREATE TABLE attachment_segments (
    attachment_id uuid    NOT NULL,
    segment       integer NOT NULL,
    bytes         bytea   NOT NULL,
    PRIMARY KEY (attachment_id, segment)
);
