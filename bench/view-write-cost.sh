#!/usr/bin/env bash
# PostgreSQL's side of writing complaint views: what one statement of a projection batch costs the database, by the
# way it is written, on a database that a rebuild benchmark left (bench/rebuild.sh, BENCH_DB). Everything runs in one
# transaction that is rolled back: the rows are not changed.
# usage: bench/view-write-cost.sh [ROWS=1000]   env: BENCH_DB (default ledger_rebuild)
# Prints EXPLAIN ANALYZE's execution time of, for the same ROWS rows:
#   - an UPDATE ... FROM of rows that exist and an upsert (INSERT ... ON CONFLICT DO UPDATE) of the same rows, twice
#     in turn (each leaves dead row versions behind for the next), then an upsert of the rows once deleted (the
#     insert path);
#   - a plain INSERT into copies of the table: as it is, without the GIN index on the search column, without the
#     search column (the stored tsvector generated from the document) at all.
set -euo pipefail
ROWS=${1:-1000}
DB=${BENCH_DB:-ledger_rebuild}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
COLS="id, version, tracking_number, status, report_type, category, channel, agency_id, unit_id, complainant_id,
      anonymous, confidential, escalated, due_at, submitted_at, updated_at, state"
SET="version = excluded.version, status = excluded.status, due_at = excluded.due_at,
     updated_at = excluded.updated_at, state = excluded.state"
echo "# complaint_views write cost $(date -u +%FT%TZ): $ROWS rows of $DB, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
psql -X -q -d "$DB" -v ON_ERROR_STOP=1 <<SQL | awk -v rows="$ROWS" '/^#/ {what = substr($0, 3); next}
  /Execution Time/ {printf "%-58s %8.1f ms, %4.0f us a row\n", what, $3, $3 * 1000 / rows}'
BEGIN;
CREATE TEMP TABLE src AS SELECT $COLS FROM complaint_views ORDER BY id LIMIT $ROWS;
\echo '# UPDATE ... FROM of the same rows, first'
EXPLAIN (ANALYZE, TIMING OFF) UPDATE complaint_views v SET version = s.version, status = s.status, due_at = s.due_at,
       updated_at = s.updated_at, state = s.state FROM src s WHERE v.id = s.id;
\echo '# upsert of existing rows (ON CONFLICT DO UPDATE), first'
EXPLAIN (ANALYZE, TIMING OFF) INSERT INTO complaint_views ($COLS) SELECT $COLS FROM src ON CONFLICT (id) DO UPDATE SET $SET;
\echo '# UPDATE ... FROM of the same rows, second'
EXPLAIN (ANALYZE, TIMING OFF) UPDATE complaint_views v SET version = s.version, status = s.status, due_at = s.due_at,
       updated_at = s.updated_at, state = s.state FROM src s WHERE v.id = s.id;
\echo '# upsert of existing rows (ON CONFLICT DO UPDATE), second'
EXPLAIN (ANALYZE, TIMING OFF) INSERT INTO complaint_views ($COLS) SELECT $COLS FROM src ON CONFLICT (id) DO UPDATE SET $SET;
DELETE FROM complaint_views WHERE id IN (SELECT id FROM src);
\echo '# upsert of the same rows, absent (the insert path)'
EXPLAIN (ANALYZE, TIMING OFF) INSERT INTO complaint_views ($COLS) SELECT $COLS FROM src ON CONFLICT (id) DO UPDATE SET $SET;
CREATE TABLE bench_views_copy (LIKE complaint_views INCLUDING ALL);
\echo '# INSERT into a copy of the table, every index and column'
EXPLAIN (ANALYZE, TIMING OFF) INSERT INTO bench_views_copy ($COLS) SELECT $COLS FROM src;
TRUNCATE bench_views_copy;
DROP INDEX bench_views_copy_search_text_idx;
\echo '# the same without the GIN index on search_text'
EXPLAIN (ANALYZE, TIMING OFF) INSERT INTO bench_views_copy ($COLS) SELECT $COLS FROM src;
TRUNCATE bench_views_copy;
ALTER TABLE bench_views_copy DROP COLUMN search_text;
\echo '# the same without the generated search_text column'
EXPLAIN (ANALYZE, TIMING OFF) INSERT INTO bench_views_copy ($COLS) SELECT $COLS FROM src;
ROLLBACK;
SQL
