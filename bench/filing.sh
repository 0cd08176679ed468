#!/usr/bin/env bash
# Filing throughput of the packaged service against the PostgreSQL single-row insert limit of the same machine,
# measured side by side in one run (baseline, service, baseline at each concurrency).
# usage: bench/filing.sh [SECONDS=20] [CONCURRENCIES="8 32"]   (env WARMUP=20 seconds of warm-up load first)
# needs: wrk, pgbench, psql, a PostgreSQL at 127.0.0.1:5432 (postgres, trust), JAVA_HOME with a JDK 21+
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/java-home.sh
. bench/keys.sh
SECS=${1:-20}
CONCS=${2:-"8 32"}
PORT=${BENCH_PORT:-8089}
DB=ledger_bench
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
OUT=bench/results/$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$OUT"

[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests

psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
ISSUER=https://bench.complaint-ledger.local
openssl genpkey -algorithm ed25519 -out "$OUT/ledger-signing.pem" 2>/dev/null
started=$(date +%s.%N)
QUARKUS_HTTP_PORT=$PORT \
QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://$PGHOST:$PGPORT/$DB \
QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://$PGHOST:$PGPORT/$DB \
QUARKUS_DATASOURCE_USERNAME=$PGUSER \
MP_JWT_VERIFY_PUBLICKEY_LOCATION="$JWT_PUBLIC" \
LEDGER_JWT_ISSUER=$ISSUER \
LEDGER_CRYPTO_KEK=$(openssl rand -base64 32) \
LEDGER_SIGNING_PRIVATE_KEY_LOCATION=$OUT/ledger-signing.pem \
  "${JAVA_HOME:-/usr}/bin/java" -jar target/quarkus-app/quarkus-run.jar > "$OUT/service.log" 2>&1 &
SERVICE=$!
trap 'kill $SERVICE 2>/dev/null || true' EXIT
until curl -sf "http://127.0.0.1:$PORT/q/health/ready" > /dev/null; do
  kill -0 $SERVICE 2>/dev/null || { cat "$OUT/service.log"; exit 1; }
  sleep 0.1
done
ready=$(echo "$(date +%s.%N) - $started" | bc)
TOKEN=$(bench/token.sh "$JWT_PRIVATE" "$ISSUER" bench-citizen citizen)
# the JIT needs a while before the service runs at its steady rate: warm it up, then measure
bench/load.sh "http://127.0.0.1:$PORT/api/complaints" bench/complaint.json "$TOKEN" 16 "${WARMUP:-20}" > /dev/null

rss() { awk '/VmRSS/ {print int($2/1024)}' /proc/$SERVICE/status; }
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
