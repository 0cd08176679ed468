-- Erasure must find every complaint of a complainant, including one filed a moment ago that the read side has not
-- projected yet, so it asks the ledger itself. Partial: only filings carry the complainant, and only they pay for it.
CREATE INDEX events_complainant ON events ((data ->> 'complainantId')) WHERE type = 'complaint.submitted';
