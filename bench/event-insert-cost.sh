#!/usr/bin/env bash
# PostgreSQL's side of a filing's append, by the indexes of the events table: pgbench inserts a filing's three events
# (complaint.submitted and two deadline-set, with the actor, data and metadata of real ones) in one transaction into a
# copy of the table, with every index, then without some, and prints the server's CPU per transaction (every postgres
# process, as bench/service.sh's pg_ticks) beside pgbench's rate. Each variant runs ROUNDS times, interleaved.
# usage: bench/event-insert-cost.sh [SECONDS=12] [ROUNDS=2]
# env: BENCH_DB, a database whose events table holds at least one filing (default ledger_bench_ab_a, which
#      bench/ab.sh leaves); the copy (bench_events_copy) is dropped at the end
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=${1:-12} ROUNDS=${2:-2}
DB=${BENCH_DB:-ledger_bench_ab_a}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
OUT=bench/results/event-insert-cost-$(date -u +%Y%m%dT%H%M%SZ); mkdir -p "$OUT"
. bench/service.sh
one() { psql -X -Atq -d "$DB" -c "SELECT replace($1::text, '''', '''''') FROM events WHERE type = '$2' LIMIT 1"; }
SUBMITTED=$(one data complaint.submitted) DEADLINE=$(one data complaint.deadline-set)
ACTOR=$(one actor complaint.submitted) METADATA=$(one metadata complaint.submitted)
[ -n "$SUBMITTED" ] && [ -n "$DEADLINE" ] || { echo "no filing in $DB's events: set BENCH_DB" >&2; exit 2; }
cat > "$OUT/filing.sql" <<SQL
INSERT INTO bench_events_copy (stream_id, stream_version, event_id, type, schema_version, occurred_at, recorded_at,
                               actor, data, metadata, previous_hash, hash)
SELECT s, v, gen_random_uuid(), t, 1, now(), now(), '$ACTOR'::jsonb, d::jsonb, '$METADATA'::jsonb, repeat('0', 64),
       repeat('a', 64)
  FROM (SELECT gen_random_uuid() AS s) g,
       (VALUES (1, 'complaint.submitted', '$SUBMITTED'), (2, 'complaint.deadline-set', '$DEADLINE'),
               (3, 'complaint.deadline-set', '$DEADLINE')) x(v, t, d);
SQL
# VARIANT SQL: the copy made anew (LIKE ... INCLUDING ALL: the same columns, defaults, constraints and indexes, no
# triggers), SQL run on it, a short run to warm it, a checkpoint, then the measured run
variant() {
  psql -X -q -d "$DB" -c "DROP TABLE IF EXISTS bench_events_copy" \
    -c "CREATE TABLE bench_events_copy (LIKE events INCLUDING ALL)" -c "$2" > /dev/null
  pgbench -n -c 8 -j 2 -T 3 -f "$OUT/filing.sql" "$DB" > /dev/null 2>&1
  psql -X -q -d "$DB" -c "CHECKPOINT" > /dev/null
  local before out n tps
  before=$(pg_ticks)
  out=$(pgbench -n -c 8 -j 2 -T "$SECS" -f "$OUT/filing.sql" "$DB" 2>&1)
  n=$(sed -nE 's/number of transactions actually processed: ([0-9]+).*/\1/p' <<< "$out")
  tps=$(sed -nE 's/tps = ([0-9.]+).*/\1/p' <<< "$out")
  printf '%-34s tps=%.0f pg_us_per_filing=%.0f\n' "$1" "$tps" \
    "$(echo "($(pg_ticks) - $before) * 1000000 / $(getconf CLK_TCK) / $n" | bc -l)"
}
ONLY_PK="DO \$\$ DECLARE r record; BEGIN
  FOR r IN SELECT conname FROM pg_constraint WHERE conrelid = 'bench_events_copy'::regclass AND contype = 'u' LOOP
    EXECUTE format('ALTER TABLE bench_events_copy DROP CONSTRAINT %I', r.conname); END LOOP;
  FOR r IN SELECT indexrelid::regclass::text AS name FROM pg_index i
            WHERE indrelid = 'bench_events_copy'::regclass AND NOT indisprimary LOOP
    EXECUTE format('DROP INDEX %s', r.name); END LOOP; END \$\$"
{
  echo "# events insert cost $(date -u +%FT%TZ): a filing's 3 events per transaction, c=8, ${SECS}s per run, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
  for _ in $(seq "$ROUNDS"); do
    variant "every index (as the ledger)" "SELECT 1"
    variant "without the BRIN on occurred_at" "DROP INDEX bench_events_copy_occurred_at_idx"
    variant "without both occurred_at indexes" \
      "DROP INDEX bench_events_copy_occurred_at_idx; DROP INDEX bench_events_copy_occurred_at_position_idx"
    variant "primary key only" "$ONLY_PK"
  done
} | tee "$OUT/summary.txt"
psql -X -q -d "$DB" -c "DROP TABLE IF EXISTS bench_events_copy"
