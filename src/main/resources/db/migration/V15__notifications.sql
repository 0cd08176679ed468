-- Notifications (notification/): one outbox of delivery decisions, worked by a sender with retries.

-- How a complainant wants to be told, recorded by the filing edge before the submission is appended (an orphan row
-- from a filing that then failed is harmless). Not personal data: the chosen channel, the language and the masked
-- address for display; the address itself stays sealed in the event.
CREATE TABLE notification_preferences (
    complaint_id   uuid PRIMARY KEY,
    channel        text NOT NULL CHECK (channel IN ('EMAIL', 'WHATSAPP', 'SMS', 'NONE')),
    language       text NOT NULL CHECK (language IN ('id', 'en')),
    masked_address text,
    recorded_at    timestamptz NOT NULL DEFAULT now()
);

-- The delivery processor's memory of each complaint's complainant: who they are and how to reach them. The address
-- is the event's sealed personal data (under the complainant's data key), so erasing the key silences it too.
CREATE TABLE notification_subjects (
    complaint_id       uuid PRIMARY KEY,
    complainant_id     text,
    sealed_complainant text,
    tracking_number    text NOT NULL,
    channel            text NOT NULL,
    language           text NOT NULL,
    masked_address     text,
    erased             boolean NOT NULL DEFAULT false,
    -- what a public-safe webhook payload may say: nothing of a confidential complaint but its steps
    confidential       boolean NOT NULL DEFAULT false,
    category           text
);
CREATE INDEX notification_subjects_complainant ON notification_subjects (complainant_id);

-- Agencies' institutional contact addresses (reference data; not personal data).
CREATE TABLE agency_contacts (
    agency_id text PRIMARY KEY REFERENCES agencies (id),
    email     text NOT NULL CHECK (email ~ '^[^@\s]+@[^@\s]+$')
);

-- The outbox. One row per decision, written in the same transaction as the delivery processor's checkpoint;
-- UNIQUE (event_id, recipient, channel) makes a replayed batch decide nothing twice. The id is derived from that
-- triple, so it is stable across rebuilds and serves as the provider's idempotency key.
CREATE TABLE deliveries (
    id              uuid PRIMARY KEY,
    event_id        uuid NOT NULL,
    complaint_id    uuid NOT NULL,
    event_type      text NOT NULL,
    recipient       text NOT NULL,
    channel         text NOT NULL CHECK (channel IN ('EMAIL', 'WHATSAPP', 'SMS', 'WEBHOOK')),
    -- decision order: webhooks go out in this order per complaint and subscription
    seq             bigint GENERATED ALWAYS AS IDENTITY,
    message         text NOT NULL,
    language        text NOT NULL,
    -- a complainant's address: their sealed personal data and which member of it; staff addresses are institutional
    sealed_address  text,
    address_field   text CHECK (address_field IN ('email', 'phone')),
    subject         text,
    address         text,
    masked_address  text NOT NULL,
    -- the template parameters (JSON): tracking number, agency, reason; never personal data
    params          text NOT NULL,
    status          text NOT NULL DEFAULT 'PENDING'
                    CHECK (status IN ('PENDING', 'SENDING', 'SENT', 'FAILED', 'DEAD', 'CANCELLED')),
    attempts        integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    lease_until     timestamptz,
    last_error      text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    sent_at         timestamptz,
    UNIQUE (event_id, recipient, channel),
    CHECK (sealed_address IS NOT NULL OR address IS NOT NULL)
);
CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE status IN ('PENDING', 'FAILED', 'SENDING');
CREATE INDEX deliveries_complaint ON deliveries (complaint_id, created_at);
CREATE INDEX deliveries_trouble ON deliveries (status, created_at) WHERE status IN ('FAILED', 'DEAD');
CREATE INDEX deliveries_subject ON deliveries (subject) WHERE status IN ('PENDING', 'FAILED', 'SENDING');

-- In dev, what would have been sent: the operator's "sent messages" page reads it. Masked address only.
CREATE TABLE notification_dev_sink (
    delivery_id    uuid PRIMARY KEY,
    channel        text NOT NULL,
    masked_address text NOT NULL,
    subject        text,
    body           text NOT NULL,
    sent_at        timestamptz NOT NULL DEFAULT now()
);

-- Integrators' webhook subscriptions (Standard Webhooks). The signing secret is sealed under a data key of its own
-- (subject 'webhook:<id>'), destroyed with the subscription.
CREATE TABLE webhook_subscriptions (
    id            uuid PRIMARY KEY,
    url           text NOT NULL CHECK (url ~ '^https?://'),
    event_types   text[] NOT NULL,
    sealed_secret text NOT NULL,
    created_by    text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX deliveries_webhook_order ON deliveries (complaint_id, recipient, seq)
    WHERE channel = 'WEBHOOK' AND status IN ('PENDING', 'FAILED', 'SENDING');
