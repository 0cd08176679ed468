-- Complainants without an account (walk-in, phone and letter desks, WhatsApp, SMS, Open311) claim their complaint
-- with its tracking number and a claim code from the receipt (README, "Claiming a complaint without an account").

-- A tracking number names its complaint from the moment it is filed, before the read side has projected it: Open311
-- clients read their own writes by it, and a claim finds its complaint by it. Partial: only filings carry one.
CREATE INDEX events_tracking_number ON events ((data ->> 'trackingNumber')) WHERE type = 'complaint.submitted';

-- The receipt's claim code, kept only as an HMAC-SHA256 under a key derived from the KEK: a leak of this table alone
-- gives no code, and a short code cannot be searched for offline without the key. A new code replaces the old one.
CREATE TABLE claim_codes (
    complaint_id  uuid        PRIMARY KEY,
    code_hmac     char(64)    NOT NULL CHECK (code_hmac ~ '^[0-9a-f]{64}$'),
    issued_by     text        NOT NULL,
    issued_at     timestamptz NOT NULL
);

-- One attempt to claim: started for a tracking number (which may not exist: the answer is the same either way),
-- verified once with the receipt's code or with a one-time code sent to the contact on file (its HMAC here).
CREATE TABLE claims (
    id               uuid        PRIMARY KEY,
    tracking_number  text        NOT NULL,
    method           text        NOT NULL CHECK (method IN ('code', 'otp')),
    otp_hmac         char(64)    CHECK (otp_hmac ~ '^[0-9a-f]{64}$'),
    created_at       timestamptz NOT NULL,
    expires_at       timestamptz NOT NULL,
    verified_at      timestamptz
);
CREATE INDEX claims_expires_at ON claims (expires_at);

-- Wrong codes per tracking number, whether or not it names a complaint (so a lock says nothing of its existence):
-- the fifth locks every claim on it until locked_until.
CREATE TABLE claim_locks (
    tracking_number  text        PRIMARY KEY,
    failures         integer     NOT NULL CHECK (failures >= 0),
    locked_until     timestamptz,
    updated_at       timestamptz NOT NULL
);
