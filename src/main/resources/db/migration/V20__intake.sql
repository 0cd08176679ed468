-- Intake (intake/): conversations that came in by WhatsApp or SMS, before and after an operator files them.
-- The sender is known only by a pseudonymous subject (a keyed HMAC of the number) and the number sealed under that
-- subject's data key; message texts are sealed the same way, so erasing the subject's key shreds them, and the rows
-- are deleted with it.

CREATE TABLE intake_conversations (
    id             uuid PRIMARY KEY,
    channel        text NOT NULL CHECK (channel IN ('WHATSAPP', 'SMS_1708')),
    subject        text NOT NULL,
    -- the number, as PersonalData {phone} sealed under the subject's data key
    sealed_from    text NOT NULL,
    masked_from    text NOT NULL,
    status         text NOT NULL CHECK (status IN ('OPEN', 'FILED', 'DISMISSED')),
    complaint_id   uuid,
    dismiss_reason text,
    opened_at      timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    CHECK ((status = 'FILED') = (complaint_id IS NOT NULL))
);
-- one conversation waits in the inbox per sender and channel; later messages join it
CREATE UNIQUE INDEX intake_conversations_open ON intake_conversations (subject, channel) WHERE status = 'OPEN';
CREATE INDEX intake_conversations_subject ON intake_conversations (subject, channel, updated_at);
CREATE INDEX intake_conversations_inbox ON intake_conversations (status, opened_at);

CREATE TABLE intake_messages (
    id                  uuid PRIMARY KEY,
    -- arrival order: providers' timestamps are whole seconds, and a text and a photo often share one
    seq                 bigint GENERATED ALWAYS AS IDENTITY,
    conversation_id     uuid NOT NULL REFERENCES intake_conversations (id) ON DELETE CASCADE,
    subject             text NOT NULL,
    -- the text, sealed under the subject's data key (null for a picture without a caption)
    sealed_text         text,
    -- a picture, document, audio or video in the chat: the provider's media id, fetched when the complaint is filed
    media_id            text,
    media_type          text,
    received_at         timestamptz NOT NULL
);
CREATE INDEX intake_messages_conversation ON intake_messages (conversation_id, seq);
CREATE INDEX intake_messages_subject ON intake_messages (subject);

-- Every provider message id seen, so that a redelivered webhook (providers retry until they get a 2xx) has no
-- second effect. No personal data: the provider's opaque id and where it went; kept after an erasure.
CREATE TABLE intake_receipts (
    channel      text NOT NULL,
    message_id   text NOT NULL,
    received_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (channel, message_id)
);
