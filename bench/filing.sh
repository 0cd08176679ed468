#!/usr/bin/env bash
# Filing throughput of the packaged service against the PostgreSQL single-row insert limit of the same machine,
# measured side by side in one run (baseline, service, baseline at each concurrency).
# usage: bench/filing.sh [SECONDS=20] [CONCURRENCIES="8 32"]   (env WARMUP=20 seconds of warm-up load first)
# needs: wrk, pgbench, psql, a PostgreSQL at 127.0.0.1:5432 (postgres, trust), JAVA_HOME with a JDK 21+
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/java-home.sh
. bench/service.sh
SECS=${1:-20}
CONCS=${2:-"8 32"}
PORT=${BENCH_PORT:-8089}
DB=ledger_bench
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
OUT=bench/results/$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$OUT"

[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests

psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
start_service "$PORT" "$DB" "$OUT/service.log"
trap 'kill $SERVICE 2>/dev/null || true' EXIT
ready=$READY_S
ISSUER=$BENCH_ISSUER
TOKEN=$(bench/token.sh src/dev/jwt-private.pem "$ISSUER" bench-citizen citizen)
# the JIT needs a while before the service runs at its steady rate: warm it up, then measure
bench/load.sh "http://127.0.0.1:$PORT/api/complaints" bench/complaint.json "$TOKEN" 16 "${WARMUP:-20}" > /dev/null

rss() { rss_mb $SERVICE; }
value() { sed -nE "s/.*$1=([0-9.]+).*/\1/p" <<< "$2"; }

{
  echo "# filing benchmark $(date -u +%FT%TZ), ${SECS}s per run, $(nproc) cores"
  echo "start_to_ready_s=$ready"
  for c in $CONCS; do
    b1=$(bench/pgbench-baseline.sh "$c" "$SECS" | tail -1)
    s=$(bench/load.sh "http://127.0.0.1:$PORT/api/complaints" bench/complaint.json "$TOKEN" "$c" "$SECS" "$OUT/c$c" | tail -1)
    mem=$(rss)
    b2=$(bench/pgbench-baseline.sh "$c" "$SECS" | tail -1)
    base=$(echo "($(value tps "$b1") + $(value tps "$b2")) / 2" | bc -l)
    ratio=$(echo "$(value rps "$s") / $base" | bc -l)
    printf 'c=%s service: %s rss_mb=%s\n' "$c" "$s" "$mem"
    printf 'c=%s pgbench single-row: before %s | after %s\n' "$c" "$b1" "$b2"
    printf 'c=%s ratio service/pgbench=%.2f\n' "$c" "$ratio"
  done
  echo "events stored: $(psql -X -Atq -d $DB -c 'select count(*) from events')"
} | tee "$OUT/summary.txt"
