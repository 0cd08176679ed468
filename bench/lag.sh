#!/usr/bin/env bash
# Projection lag while complaints are filed and worked (file, dispatch, acknowledge, follow-up, accept) at a fixed
# rate against the packaged service. usage: bench/lag.sh [FLOWS_PER_SECOND=110] [SECONDS=60] [HEAP=256m]
# env: BENCH_DB (database, default ledger_lag), BENCH_PORT, SERVICE_JAR (another build), JFR=1 (a CPU profile of the
# measured run: profile.jfr and profile.txt in the results directory), SERVICE_JVM_OPTS (the collector: the image's
# Serial GC unless set, as in bench/service.sh; empty for the JVM's own choice)
# Notifications go to the dev sink (a table), as in bench/compare.sh's whole-service run: with no provider configured
# every delivery failed ("channel EMAIL is off"), was logged and retried, work no deployment does.
# Lag = time from an event's recording to the commit of the projection rows that include it, per event, as the
# service's own timer ledger.projection.delay reports it (p50/p99/p999 over the last minute; it times every event of a
# batch of up to 64, and batches at these rates hold a few events).
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/java-home.sh
. bench/keys.sh
. bench/service.sh
RATE=${1:-110}
SECS=${2:-60}
HEAP=${3:-256m}
PORT=${BENCH_PORT:-8089}
DB=${BENCH_DB:-ledger_lag}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
OUT=bench/results/lag-$(date -u +%Y%m%dT%H%M%SZ)-$$; mkdir -p "$OUT"
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests
[ -d target/test-classes/org/complaintledger/bench ] || ./mvnw -B -q test-compile
JAVA="${JAVA_HOME:-/usr}/bin/java"
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
ISSUER=https://bench.complaint-ledger.local
KEY=$(mktemp); openssl genpkey -algorithm ed25519 -out "$KEY" 2>/dev/null
QUARKUS_HTTP_PORT=$PORT QUARKUS_MANAGEMENT_PORT=$((PORT + 1000)) QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://$PGHOST:$PGPORT/$DB \
QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://$PGHOST:$PGPORT/$DB QUARKUS_DATASOURCE_USERNAME=$PGUSER \
MP_JWT_VERIFY_PUBLICKEY_LOCATION="$JWT_PUBLIC" LEDGER_JWT_ISSUER=$ISSUER \
LEDGER_CRYPTO_KEK=$(openssl rand -base64 32) LEDGER_SIGNING_PRIVATE_KEY_LOCATION="$KEY" LEDGER_RATE_LIMIT_ENABLED=false \
LEDGER_NOTIFY_SINK=dev \
  "$JAVA" $SERVICE_JVM_OPTS -Xmx"$HEAP" -jar "${SERVICE_JAR:-target/quarkus-app/quarkus-run.jar}" > "$OUT/service.log" 2>&1 &
SERVICE=$!
# waits for the service to stop (it drains first), so that a run right after this one finds the port free
trap 'kill $SERVICE 2>/dev/null || true; wait $SERVICE 2>/dev/null || true; rm -f "$KEY"' EXIT
until curl -sf "http://127.0.0.1:$((PORT + 1000))/q/health/ready" > /dev/null; do
  kill -0 $SERVICE 2>/dev/null || { tail -20 "$OUT/service.log"; exit 1; }
  sleep 0.2
done
token() { bench/token.sh "$JWT_PRIVATE" "$ISSUER" "$@"; }
CITIZEN=$(token bench-citizen citizen); OPERATOR=$(token bench-operator operator)
OFFICER=$(token bench-officer agency-officer dinas-pupr)
# warm the JIT up at half the rate (a cold JVM falls behind at the full rate), pause until the projections have
# drained, then measure; the delay timer keeps the last minute, so the measured run is longer than the warm-up
"$JAVA" -cp target/test-classes org.complaintledger.bench.WorkloadDriver "http://127.0.0.1:$PORT" \
  "$CITIZEN" "$OPERATOR" "$OFFICER" "$(echo "$RATE / 2" | bc -l)" 20 > /dev/null
# autovacuum's analysis of the tables the warm-up filled: off on this machine (bench/compare.sh says why it matters)
psql -X -q -d $DB -c "VACUUM (ANALYZE)"
sleep 10
[ "${JFR:-0}" = 1 ] && jcmd $SERVICE JFR.start settings=profile filename="$OUT/profile.jfr" > /dev/null
cpu=$(cpu_ticks $SERVICE) pg=$(pg_ticks)
result=$("$JAVA" -cp target/test-classes org.complaintledger.bench.WorkloadDriver "http://127.0.0.1:$PORT" \
  "$CITIZEN" "$OPERATOR" "$OFFICER" "$RATE" "$SECS")
cpu=$(( $(cpu_ticks $SERVICE) - cpu )) pg=$(( $(pg_ticks) - pg ))
curl -s "http://127.0.0.1:$((PORT + 1000))/q/metrics" > "$OUT/metrics.txt"
{
  echo "# projection lag benchmark $(date -u +%FT%TZ): $RATE flows/s (5 commands each) for ${SECS}s, $(nproc) cores, -Xmx$HEAP, load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "load: $result"
  # the CPU of the measured run (the projections' catch-up after it is not waited for) over the commands sent
  commands=$(value commands "$result")
  printf 'cpu per command: service %.0f µs, PostgreSQL %.0f µs\n' \
    "$(echo "$cpu * 1000000 / $(getconf CLK_TCK) / $commands" | bc -l)" "$(echo "$pg * 1000000 / $(getconf CLK_TCK) / $commands" | bc -l)"
  case $result in *" failed=0 "*) ;; *) echo "INVALID: commands failed (see $OUT/service.log)" ;; esac
  grep -E '^ledger_projection_delay_seconds\{' "$OUT/metrics.txt" | sed -E 's/_seconds//' |
    awk '{printf "%s %.1f ms\n", $1, $2 * 1000}'
} | tee "$OUT/summary.txt"
if [ "${JFR:-0}" = 1 ]; then
  jcmd $SERVICE JFR.stop filename="$OUT/profile.jfr" > /dev/null; sleep 2
  bench/jfr-top.sh "$OUT/profile.jfr" > "$OUT/profile.txt" || echo "profile not summarised" >&2
fi
