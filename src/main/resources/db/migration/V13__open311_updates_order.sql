-- Open311's servicerequestupdates feed reads the status changes of a period oldest first, at most 1,000
-- (open311/RequestUpdates). The BRIN index of V8 finds the period's pages but leaves every event of the period to be
-- sorted, 90 days of them for an anonymous request; this one hands them over in the feed's order, so the query stops
-- at the 1,000th. Not CONCURRENTLY: Flyway holds its lock in an open transaction, which such a build waits for
-- forever; on a large ledger, build it by hand first (CREATE INDEX CONCURRENTLY ... with this name), and this
-- migration finds it there.
CREATE INDEX IF NOT EXISTS events_occurred_at_position ON events (occurred_at, position);
