-- A scheduler claims due deadlines for a lease in a short transaction of its own and acts after it has committed, so
-- that it holds no row lock and no open transaction (which would hold back the gap-free horizon of the readers) while
-- it loads streams and runs commands. The claim names the pass that took it; a crashed claimer's lease runs out.
ALTER TABLE complaint_deadlines
    ADD COLUMN claim         uuid,
    ADD COLUMN claimed_until timestamptz;
