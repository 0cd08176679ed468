-- Open311's servicerequestupdates feed reads the status changes of a period oldest first, at most 1,000
-- (open311/RequestUpdates). The BRIN index of V8 finds the period's pages but leaves every event of the period to be
-- sorted, 90 days of them for an anonymous request; this one hands them over in the feed's order, so the query stops
-- at the 1,000th. Built without blocking appends, which a long build on a large ledger would otherwise hold up.
CREATE INDEX CONCURRENTLY IF NOT EXISTS events_occurred_at_position ON events (occurred_at, position);
