-- Staff alerts (notification/StaffReminders): a reminder to the assigned agency one working day before each of its
-- due dates, and, per agency, a daily digest instead of single mails.

-- An agency that asked for a digest gets its alerts gathered into one mail a day.
ALTER TABLE agency_contacts ADD COLUMN digest boolean NOT NULL DEFAULT false;

-- HELD: an alert waiting for its agency's digest; DIGESTED: sent as part of one (the digest is a delivery of its own).
-- A digest gathers many complaints' alerts and belongs to none of them, so complaint_id may be empty.
ALTER TABLE deliveries ALTER COLUMN complaint_id DROP NOT NULL;
ALTER TABLE deliveries DROP CONSTRAINT deliveries_status_check;
ALTER TABLE deliveries ADD CONSTRAINT deliveries_status_check
    CHECK (status IN ('PENDING', 'SENDING', 'SENT', 'FAILED', 'DEAD', 'CANCELLED', 'HELD', 'DIGESTED'));
CREATE INDEX deliveries_held ON deliveries (recipient, seq) WHERE status = 'HELD';
