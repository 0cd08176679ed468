#!/usr/bin/env bash
# Deadlines falling due at once: generates complaints dispatched months ago (two due deadlines each: follow-up and
# resolution), starts the packaged service and times how fast its scheduler turns them into commands.
# usage: bench/deadlines.sh [DEADLINES=100000]
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/java-home.sh
. bench/keys.sh
DEADLINES=${1:-100000}
PORT=${BENCH_PORT:-8098}
DB=ledger_deadlines
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
OUT=bench/results/deadlines-$(date -u +%Y%m%dT%H%M%SZ); mkdir -p "$OUT"
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests
[ -d target/test-classes/org/complaintledger/bench ] || ./mvnw -B -q test-compile
CP="target/test-classes:target/classes:$(./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=/dev/stdout)"
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
KEY=$(mktemp); openssl genpkey -algorithm ed25519 -out "$KEY" 2>/dev/null
start_service() {
  QUARKUS_HTTP_PORT=$PORT QUARKUS_MANAGEMENT_PORT=$((PORT + 1000)) QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://$PGHOST:$PGPORT/$DB \
  QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://$PGHOST:$PGPORT/$DB QUARKUS_DATASOURCE_USERNAME=$PGUSER \
  MP_JWT_VERIFY_PUBLICKEY_LOCATION="$JWT_PUBLIC" LEDGER_JWT_ISSUER=bench \
  LEDGER_CRYPTO_KEK=$(openssl rand -base64 32) LEDGER_SIGNING_PRIVATE_KEY_LOCATION="$KEY" LEDGER_RATE_LIMIT_ENABLED=false \
  LEDGER_DEADLINES_SCHEDULER_ENABLED=$1 LEDGER_DEADLINES_SCHEDULER_PAGE=${PAGE:-500} \
  LEDGER_DEADLINES_SCHEDULER_INTERVAL=PT0.1S \
    "$JAVA_HOME/bin/java" ${BENCH_JAVA_OPTS:-} -jar target/quarkus-app/quarkus-run.jar >> "$OUT/service.log" 2>&1 &
  SERVICE=$!
  until curl -sf "http://127.0.0.1:$((PORT + 1000))/q/health/live" > /dev/null; do
    kill -0 $SERVICE 2>/dev/null || { tail -20 "$OUT/service.log"; exit 1; }
    sleep 0.2
  done
}
q() { psql -X -Atq -d $DB -c "$1"; }
# migrations, then the generated complaints, then their projections (deadlines table) with the scheduler off
start_service false; kill $SERVICE; wait $SERVICE 2>/dev/null || true
"$JAVA_HOME/bin/java" -cp "$CP" org.complaintledger.bench.GenerateLedger "jdbc:postgresql://$PGHOST:$PGPORT/$DB" \
  $((DEADLINES * 3)) due | tee "$OUT/generate.txt"
trap 'kill $SERVICE 2>/dev/null || true; rm -f "$KEY"' EXIT
start_service false
TOTAL=$(q "SELECT count(*) FROM events")
until [ "$(q "SELECT coalesce(min(a),0) FROM (SELECT sum(applied) a FROM projection_segments GROUP BY projection) p")" -ge "$TOTAL" ]; do sleep 0.5; done
DUE=$(q "SELECT count(*) FROM complaint_deadlines WHERE due_at <= now()")
kill $SERVICE; wait $SERVICE 2>/dev/null || true
# now the scheduler alone, on the due deadlines
start_service true
t0=$(date +%s.%N)
until [ "$(q "SELECT count(*) FROM events WHERE type = 'complaint.deadline-missed'")" -ge "$DUE" ]; do sleep 0.5; done
t1=$(date +%s.%N)
seconds=$(echo "$t1 - $t0" | bc)
{
  echo "# deadline benchmark $(date -u +%FT%TZ): $DUE due deadlines, $(nproc) cores, page ${PAGE:-500}"
  printf 'fired %s deadlines in %.1f s: %.0f deadlines/s (service start included)\n' "$DUE" "$seconds" "$(echo "$DUE / $seconds" | bc -l)"
  echo "missed events: $(q "SELECT count(*) FROM events WHERE type = 'complaint.deadline-missed'"), distinct (complaint, due): $(q "SELECT count(DISTINCT (stream_id, data->>'kind')) FROM events WHERE type = 'complaint.deadline-missed'")"
} | tee "$OUT/summary.txt"
