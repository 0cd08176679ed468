-- The orphan-bytes sweeper (attachment/AttachmentSweeper): stored bytes whose file the ledger does not hold (an upload
-- that stored its bytes and then failed to record them, a process killed between the two), or holds as redacted or
-- erased (a delete that failed), are deleted once they are older than a grace period. It needs the age of what is
-- stored and a quick way from a file's id to its events.
ALTER TABLE attachment_segments ADD COLUMN stored_at timestamptz NOT NULL DEFAULT now();
CREATE INDEX attachment_segments_first ON attachment_segments (stored_at) WHERE segment = 0;
-- small: only the attachment events are in it
CREATE INDEX events_attachment_id ON events ((data ->> 'attachmentId'))
    WHERE type IN ('complaint.attachment-added', 'complaint.attachment-redacted');
