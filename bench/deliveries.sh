#!/usr/bin/env bash
# Notification throughput and lag with the whole packaged service running: N filings (default 10,000), each of
# which the delivery processor decides a receipt for, and the sender delivers to a local sink (the dev sink table,
# ledger.notify.sink=dev: the full path of claim, open the sealed address, render the Qute template, write, mark
# SENT, without a network provider's latency). Reports deliveries/s over the delivery window and the delivery lag
# (event recorded -> delivery SENT) p50/p99.
# usage: bench/deliveries.sh [FILINGS=10000] [CONCURRENCY=16]
# needs: wrk, psql, a PostgreSQL at 127.0.0.1:5432 (postgres, trust), JAVA_HOME with a JDK 21+
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/java-home.sh
N=${1:-10000}
CONC=${2:-16}
PORT=${BENCH_PORT:-18391}
DB=ledger_bench_deliveries
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
OUT=bench/results/deliveries-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$OUT"

[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests

psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
ISSUER=https://bench.complaint-ledger.local
openssl genpkey -algorithm ed25519 -out "$OUT/ledger-signing.pem" 2>/dev/null
QUARKUS_HTTP_PORT=$PORT \
QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://$PGHOST:$PGPORT/$DB \
QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://$PGHOST:$PGPORT/$DB \
QUARKUS_DATASOURCE_USERNAME=$PGUSER \
MP_JWT_VERIFY_PUBLICKEY_LOCATION=src/dev/jwt-public.pem \
LEDGER_JWT_ISSUER=$ISSUER \
LEDGER_CRYPTO_KEK=$(openssl rand -base64 32) \
LEDGER_SIGNING_PRIVATE_KEY_LOCATION=$OUT/ledger-signing.pem \
LEDGER_NOTIFY_SINK=dev \
LEDGER_NOTIFY_BATCH_SIZE=${BATCH:-200} \
LEDGER_NOTIFY_POLL_INTERVAL=PT0.05S \
  "${JAVA_HOME:-/usr}/bin/java" -jar target/quarkus-app/quarkus-run.jar > "$OUT/service.log" 2>&1 &
SERVICE=$!
trap 'kill $SERVICE 2>/dev/null || true' EXIT
until curl -sf "http://127.0.0.1:$PORT/q/health/ready" > /dev/null; do
  kill -0 $SERVICE 2>/dev/null || { cat "$OUT/service.log"; exit 1; }
  sleep 0.1
done
TOKEN=$(bench/token.sh src/dev/jwt-private.pem "$ISSUER" bench-citizen citizen)
# the machine's PostgreSQL is shared: a moment at max_connections is waited out, not taken for an answer
sql() {
  local tries=0
  until psql -X -Atq -d $DB -c "$1" 2>/dev/null; do
    tries=$((tries + 1)); [ $tries -lt 60 ] || { echo "psql keeps failing" >&2; return 1; }; sleep 0.5
  done
}

# file in 5-second bursts until N complaints are in the ledger (wrk runs for a time, not a count)
while [ "$(sql "select count(*) from events where type = 'complaint.submitted'")" -lt "$N" ]; do
  bench/load.sh "http://127.0.0.1:$PORT/api/complaints" bench/complaint.json "$TOKEN" "$CONC" 5 > /dev/null
done
FILED=$(sql "select count(*) from events where type = 'complaint.submitted'")
until [ "$(sql "select count(*) from deliveries where status = 'SENT'")" -ge "$FILED" ]; do
  kill -0 $SERVICE 2>/dev/null || { tail -50 "$OUT/service.log"; exit 1; }
  sleep 0.5
done

{
  echo "# deliveries benchmark $(date -u +%FT%TZ), $(nproc) cores, concurrency $CONC"
  echo "filings=$FILED"
  sql "select 'deliveries_sent=' || count(*) || ' window_s=' || round(extract(epoch from max(sent_at) - min(sent_at))::numeric, 2)
              || ' deliveries_per_s=' || round((count(*) / greatest(extract(epoch from max(sent_at) - min(sent_at)), 0.001))::numeric, 0)
         from deliveries where status = 'SENT'"
  sql "select 'lag_ms p50=' || round(percentile_cont(0.5) within group (order by lag)::numeric, 0)
              || ' p99=' || round(percentile_cont(0.99) within group (order by lag)::numeric, 0)
              || ' max=' || round(max(lag)::numeric, 0)
         from (select extract(epoch from d.sent_at - e.recorded_at) * 1000 as lag
                 from deliveries d join events e on e.event_id = d.event_id where d.status = 'SENT') as l"
  echo "dev sink rows: $(sql 'select count(*) from notification_dev_sink')"
  echo "not SENT: $(sql "select count(*) from deliveries where status <> 'SENT'")"
} | tee "$OUT/summary.txt"

# The live figure above is bounded by how fast complaints are filed. The sender's own capacity: the same deliveries
# made due again at once (the sink emptied, so each send does the same work) and drained by the running service.
sql "begin; truncate notification_dev_sink; update deliveries set status = 'PENDING', attempts = 0, sent_at = null, next_attempt_at = now(); commit" > /dev/null
until [ "$(sql "select count(*) from deliveries where status = 'SENT'")" -ge "$FILED" ]; do
  kill -0 $SERVICE 2>/dev/null || { tail -50 "$OUT/service.log"; exit 1; }
  sleep 0.2
done
sql "select 'drain: deliveries=' || count(*) || ' window_s=' || round(extract(epoch from max(sent_at) - min(sent_at))::numeric, 2)
            || ' deliveries_per_s=' || round((count(*) / greatest(extract(epoch from max(sent_at) - min(sent_at)), 0.001))::numeric, 0)
       from deliveries where status = 'SENT'" | tee -a "$OUT/summary.txt"
