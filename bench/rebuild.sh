#!/usr/bin/env bash
# Rebuild of all projections from a generated ledger, against the packaged service.
# usage: bench/rebuild.sh [EVENTS=1000000] [HEAP=256m]
# env: BENCH_DB (database, default ledger_rebuild), BENCH_PORT, SERVICE_JAR (another build), JFR=1 (a CPU profile of
# the whole run, profile.jfr and profile.txt in the results directory), SERVICE_JVM_OPTS (the collector: the image's
# Serial GC unless set, as in bench/service.sh; empty for the JVM's own choice)
# Generates EVENTS correctly hashed events (complete complaint histories) into a fresh database, starts the service
# (which builds its projections from the first event), waits until they have caught up, then asks it to rebuild both
# projections while it keeps serving and times that rebuild. Prints events/s for each.
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/java-home.sh
. bench/keys.sh
# cpu_ticks and pg_ticks (its start_service is replaced by this script's own, below)
. bench/service.sh
EVENTS=${1:-1000000}
HEAP=${2:-256m}
PORT=${BENCH_PORT:-8089}
DB=${BENCH_DB:-ledger_rebuild}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
OUT=bench/results/rebuild-$(date -u +%Y%m%dT%H%M%SZ)-$$; mkdir -p "$OUT"
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
    "$JAVA" ${SERVICE_JVM_OPTS--XX:+UseSerialGC} -Xmx"$HEAP" ${2:-} -jar "${SERVICE_JAR:-target/quarkus-app/quarkus-run.jar}" >> "$OUT/service.log" 2>&1 &
  SERVICE=$!
  until curl -sf "http://127.0.0.1:$((PORT + 1000))/q/health/live" > /dev/null; do
    kill -0 $SERVICE 2>/dev/null || { tail -20 "$OUT/service.log"; exit 1; }
    sleep 0.2
  done
}
applied() { psql -X -Atq -d $DB -c "SELECT coalesce(min(a), 0) FROM (SELECT sum(applied) AS a FROM projection_segments GROUP BY projection) p"; }
wait_caught_up() {
  local total=$1
  until [ "$(applied)" -ge "$total" ] 2>/dev/null; do
    kill -0 $SERVICE 2>/dev/null || { echo "the service stopped before the projections caught up" >&2; tail -5 "$OUT/service.log" >&2; exit 1; }
    sleep 0.5
  done
}

# migrations only, then the generated ledger
start_service false; kill $SERVICE; wait $SERVICE 2>/dev/null || true
"$JAVA" -cp "$CP" org.complaintledger.bench.GenerateLedger "jdbc:postgresql://$PGHOST:$PGPORT/$DB" "$EVENTS" | tee "$OUT/generate.txt"
TOTAL=$(psql -X -Atq -d $DB -c "SELECT count(*) FROM events")
psql -X -q -d $DB -c "VACUUM ANALYZE events"

# waits for the service to stop: a run right after this one found the port still taken, took the old service's
# health for its own and generated into a database its migrations had not reached
trap 'kill $SERVICE 2>/dev/null || true; wait $SERVICE 2>/dev/null || true; rm -f "$KEY"' EXIT
PROFILE=
[ "${JFR:-0}" = 1 ] && PROFILE="-XX:StartFlightRecording=settings=profile,filename=$OUT/profile.jfr"
pg0=$(pg_ticks)
t0=$(date +%s.%N); start_service true "$PROFILE"; wait_caught_up "$TOTAL"; t1=$(date +%s.%N)
# the CPU the initial build took, start-up included: the service's and the whole PostgreSQL server's
service_cpu=$(cpu_ticks $SERVICE); pg_cpu=$(( $(pg_ticks) - pg0 ))
rss_initial=$(awk '/VmRSS/ {print int($2/1024)}' /proc/$SERVICE/status)
first=$(echo "$t1 - $t0" | bc)
TOKEN=$(bench/token.sh "$JWT_PRIVATE" "$ISSUER" bench-operator operator)
# the service rebuilds one projection at a time (a second request while one runs is answered 503), so each is timed
# alone: from the request being accepted to the projection's segments having applied every event again
applied_by() { psql -X -Atq -d $DB -c "SELECT coalesce(sum(applied), 0) FROM projection_segments WHERE projection = '$1'" 2>/dev/null; }
REBUILDS=()
for p in complaint-views agency-assignments; do
  tries=0
  # the status that makes the service refuse a second rebuild is refreshed every 2 s: retry for a little longer
  until curl -sf -X POST -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/projections/$p/rebuild" > /dev/null; do
    tries=$((tries + 1)); [ $tries -lt 50 ] || { echo "rebuild of $p refused" >&2; exit 1; }
    sleep 0.2
  done
  t2=$(date +%s.%N)
  sleep 0.5
  until [ "$(applied_by $p)" -ge "$TOTAL" ] 2>/dev/null; do
    kill -0 $SERVICE 2>/dev/null || { echo "the service stopped during the rebuild of $p" >&2; exit 1; }
    sleep 0.2
  done
  t3=$(date +%s.%N)
  REBUILDS+=("$(printf 'rebuild while serving, %s: %.1f s, %.0f events/s' "$p" "$(echo "$t3 - $t2" | bc)" "$(echo "$TOTAL / ($t3 - $t2)" | bc -l)")")
done
{
  echo "# rebuild benchmark $(date -u +%FT%TZ): $TOTAL events, $(psql -X -Atq -d $DB -c "SELECT count(DISTINCT projection) FROM projection_segments") projections, $(nproc) cores, -Xmx$HEAP, load $(cut -d' ' -f1-3 /proc/loadavg)"
  printf 'initial build (service start to caught up): %.1f s, %.0f events/s per projection; CPU: service %.1f s, PostgreSQL %.1f s\n' \
    "$first" "$(echo "$TOTAL / $first" | bc -l)" "$(echo "$service_cpu / $(getconf CLK_TCK)" | bc -l)" "$(echo "$pg_cpu / $(getconf CLK_TCK)" | bc -l)"
  printf '%s\n' "${REBUILDS[@]}"
  echo "service RSS: after the initial build $rss_initial MB, after the rebuild $(awk '/VmRSS/ {print int($2/1024)}' /proc/$SERVICE/status) MB, peak $(awk '/VmHWM/ {print int($2/1024)}' /proc/$SERVICE/status) MB"
} | tee "$OUT/summary.txt"
if [ "${JFR:-0}" = 1 ]; then
  jcmd $SERVICE JFR.dump filename="$OUT/profile.jfr" > /dev/null; sleep 2
  bench/jfr-top.sh "$OUT/profile.jfr" > "$OUT/profile.txt" || echo "profile not summarised" >&2
fi
