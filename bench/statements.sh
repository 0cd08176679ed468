#!/usr/bin/env bash
# SQL statements per filing: the packaged service, write side alone, on a scratch database whose statements
# PostgreSQL logs (log_statement=all for that database only); five filings to warm up, then N counted from the
# server log. Needs a local PostgreSQL whose log is /var/log/postgresql/*.log (Debian's), psql, curl, openssl.
# usage: bench/statements.sh [N=10]   (prints each statement with its count, then the statements per filing)
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/java-home.sh
N=${1:-10}
PORT=${BENCH_PORT:-18555}
DB=ledger_bench_statements
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
OUT=bench/results/statements-$(date -u +%Y%m%dT%H%M%SZ); mkdir -p "$OUT"
. bench/service.sh
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB" \
  -c "ALTER DATABASE $DB SET log_statement = 'all'"
start_service "$PORT" "$DB" "$OUT/service.log" LEDGER_PROJECTIONS_ENABLED=false \
  LEDGER_DEADLINES_SCHEDULER_ENABLED=false LEDGER_SEQUENCER_INTERVAL=PT1H LEDGER_NOTIFY_ENABLED=false
trap 'stop_service $SERVICE' EXIT
TOKEN=$(bench/token.sh "$JWT_PRIVATE" "$BENCH_ISSUER" bench-citizen citizen)
file() {
  curl -sf -o /dev/null -X POST "http://127.0.0.1:$PORT/api/complaints" -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: application/json' -d @bench/complaint.json
}
for _ in 1 2 3 4 5; do file; done
LOG=$(ls -t /var/log/postgresql/*.log | head -1)
FROM=$(wc -l < "$LOG")
for _ in $(seq 1 "$N"); do file; done
sleep 1
tail -n +"$((FROM + 1))" "$LOG" | grep "@$DB " | grep -oE "(statement|execute [^:]*): .*" | cut -c1-120 \
  | sort | uniq -c | sort -rn | tee "$OUT/statements.txt"
awk -v n="$N" '{ s += $1 } END { printf "statements per filing: %.1f\n", s / n }' "$OUT/statements.txt" | tee -a "$OUT/statements.txt"
psql -X -q -d postgres -c "ALTER DATABASE $DB RESET log_statement"
