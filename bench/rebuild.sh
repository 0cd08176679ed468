#!/usr/bin/env bash
# Rebuild of all projections from a generated ledger, against the packaged service.
# usage: bench/rebuild.sh [EVENTS=1000000] [HEAP=256m]
# env: BENCH_DB (database, default ledger_rebuild), BENCH_PORT, SERVICE_JAR (another build), JFR=1 (a CPU profile of
# the whole run, profile.jfr and profile.txt in the results directory)
# Generates EVENTS correctly hashed events (complete complaint histories) into a fresh database, starts the service
# (which builds its projections from the first event), waits until they have caught up, then asks it to rebuild both
# projections while it keeps serving and times that rebuild. Prints events/s for each.
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/java-home.sh
. bench/keys.sh
EVENTS=${1:-1000000}
HEAP=${2:-256m}
PORT=${BENCH_PORT:-8089}
DB=${BENCH_DB:-ledger_rebuild}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
OUT=bench/results/rebuild-$(date -u +%Y%m%dT%H%M%SZ); mkdir -p "$OUT"
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests
[ -d target/test-classes/org/complaintledger/bench ] || ./mvnw -B -q test-compile
CP="target/test-classes:target/classes:$(./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=/dev/stdout)"
JAVA="${JAVA_HOME:-/usr}/bin/java"

psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
ISSUER=https://bench.complaint-ledger.local
KEY=$(mktemp); openssl genpkey -algorithm ed25519 -out "$KEY" 2>/dev/null
start_service() {
  QUARKUS_HTTP_PORT=$PORT QUARKUS_MANAGEMENT_PORT=$((PORT + 1000)) QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://$PGHOST:$PGPORT/$DB \
  QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://$PGHOST:$PGPORT/$DB QUARKUS_DATASOURCE_USERNAME=$PGUSER \
  MP_JWT_VERIFY_PUBLICKEY_LOCATION="$JWT_PUBLIC" LEDGER_JWT_ISSUER=$ISSUER \
  LEDGER_CRYPTO_KEK=$(openssl rand -base64 32) LEDGER_SIGNING_PRIVATE_KEY_LOCATION="$KEY" \
  LEDGER_PROJECTIONS_ENABLED=${1:-true} \
    "$JAVA" -Xmx"$HEAP" ${2:-} -jar "${SERVICE_JAR:-target/quarkus-app/quarkus-run.jar}" >> "$OUT/service.log" 2>&1 &
  SERVICE=$!
  until curl -sf "http://127.0.0.1:$((PORT + 1000))/q/health/live" > /dev/null; do
    kill -0 $SERVICE 2>/dev/null || { tail -20 "$OUT/service.log"; exit 1; }
    sleep 0.2
  done
}
applied() { psql -X -Atq -d $DB -c "SELECT coalesce(min(a), 0) FROM (SELECT sum(applied) AS a FROM projection_segments GROUP BY projection) p"; }
wait_caught_up() {
  local total=$1
  until [ "$(applied)" -ge "$total" ]; do sleep 0.5; done
}

# migrations only, then the generated ledger
start_service false; kill $SERVICE; wait $SERVICE 2>/dev/null || true
"$JAVA" -cp "$CP" org.complaintledger.bench.GenerateLedger "jdbc:postgresql://$PGHOST:$PGPORT/$DB" "$EVENTS" | tee "$OUT/generate.txt"
TOTAL=$(psql -X -Atq -d $DB -c "SELECT count(*) FROM events")
psql -X -q -d $DB -c "VACUUM ANALYZE events"

trap 'kill $SERVICE 2>/dev/null || true; rm -f "$KEY"' EXIT
PROFILE=
[ "${JFR:-0}" = 1 ] && PROFILE="-XX:StartFlightRecording=settings=profile,filename=$OUT/profile.jfr"
t0=$(date +%s.%N); start_service true "$PROFILE"; wait_caught_up "$TOTAL"; t1=$(date +%s.%N)
rss_initial=$(awk '/VmRSS/ {print int($2/1024)}' /proc/$SERVICE/status)
first=$(echo "$t1 - $t0" | bc)
TOKEN=$(bench/token.sh "$JWT_PRIVATE" "$ISSUER" bench-operator operator)
t2=$(date +%s.%N)
for p in complaint-views agency-assignments; do
  curl -sf -X POST -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/projections/$p/rebuild" > /dev/null
done
sleep 1; wait_caught_up "$TOTAL"; t3=$(date +%s.%N)
second=$(echo "$t3 - $t2" | bc)
{
  echo "# rebuild benchmark $(date -u +%FT%TZ): $TOTAL events, 2 projections, $(nproc) cores, -Xmx$HEAP, load $(cut -d' ' -f1-3 /proc/loadavg)"
  printf 'initial build (service start to caught up): %.1f s, %.0f events/s per projection\n' "$first" "$(echo "$TOTAL / $first" | bc -l)"
  printf 'rebuild while serving (POST rebuild to caught up): %.1f s, %.0f events/s per projection\n' "$second" "$(echo "$TOTAL / $second" | bc -l)"
  echo "service RSS: after the initial build $rss_initial MB, after the rebuild $(awk '/VmRSS/ {print int($2/1024)}' /proc/$SERVICE/status) MB, peak $(awk '/VmHWM/ {print int($2/1024)}' /proc/$SERVICE/status) MB"
  grep -a "rebuilding" "$OUT/service.log" | tail -2
} | tee "$OUT/summary.txt"
if [ "${JFR:-0}" = 1 ]; then
  jcmd $SERVICE JFR.dump filename="$OUT/profile.jfr" > /dev/null; sleep 2
  bench/jfr-top.sh "$OUT/profile.jfr" > "$OUT/profile.txt" || echo "profile not summarised" >&2
fi
