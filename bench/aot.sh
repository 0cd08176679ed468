#!/usr/bin/env bash
# Trains the JDK's ahead-of-time cache (JEP 483/514/515, JDK 25+) for the packaged service: starts it once with
# -XX:AOTCacheOutput against a scratch database, files complaints and reads them back for 15 s, and stops it; the JVM
# writes the cache as it exits. Started with -XX:AOTCache=<that file>, the service finds its classes already loaded
# and linked and its hottest methods profiled, which is most of a cold start (README, "Start-up time and memory").
# usage: bench/aot.sh [CACHE=<jar dir>/app.aot]   (SERVICE_JAR: the build to train, BENCH_DB, BENCH_PORT; the cache holds only for it and
# for the JDK build that wrote it)
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/java-home.sh
major=$(java_major "$JAVA_HOME")
[ "$major" -ge 25 ] || { echo "the AOT cache needs JDK 25 or newer; JAVA_HOME is Java $major" >&2; exit 3; }
JAR=${SERVICE_JAR:-target/quarkus-app/quarkus-run.jar}
[ -f "$JAR" ] || ./mvnw -B -q package -DskipTests
CACHE=${1:-$(dirname "$JAR")/app.aot}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
OUT=bench/results/aot-$(date -u +%Y%m%dT%H%M%SZ); mkdir -p "$OUT"
. bench/service.sh
DB=${BENCH_DB:-ledger_bench_aot} PORT=${BENCH_PORT:-18655}
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
rm -f "$CACHE"
# the training run keeps the default settings (projections, sequencer, scheduler on), so their code is cached too
start_service "$PORT" "$DB" "$OUT/service.log" -- -Xmx256m -XX:AOTCacheOutput="$CACHE"
trap 'stop_service $SERVICE' EXIT
TOKEN=$(bench/token.sh "$JWT_PRIVATE" "$BENCH_ISSUER" bench-citizen citizen)
bench/load.sh "http://127.0.0.1:$PORT/api/complaints" bench/complaint.json "$TOKEN" 4 12 | tail -1
curl -sf -o /dev/null -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/complaints/mine"
stop_service "$SERVICE"; trap - EXIT
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
[ -s "$CACHE" ] || { echo "no AOT cache written: $OUT/service.log" >&2; exit 1; }
echo "AOT cache: $CACHE ($(du -m "$CACHE" | cut -f1) MB)"
