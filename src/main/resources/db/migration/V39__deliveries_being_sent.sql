-- The deliveries being sent, on their own. A claim looks among them for leases that ran out, and a send's result is
-- written to the ones it holds; the only indexes that covered them (deliveries_due, deliveries_subject) cover every
-- PENDING and FAILED row too, so both statements read the whole backlog: with 25,000 deliveries waiting for a retry,
-- each claim and each result touched 5,000-6,000 pages (pg_stat_statements, BENCHMARKS.md, "PostgreSQL's share of a
-- filing"). Being sent is a few rows at a time, however long the backlog.
CREATE INDEX deliveries_sending ON deliveries (lease_until) WHERE status = 'SENDING';
