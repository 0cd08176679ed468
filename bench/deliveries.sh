#!/usr/bin/env bash
# Notification throughput and lag with the whole packaged service running: N filings (default 10,000), each of
# which the delivery processor decides a receipt for, and the sender delivers to a local sink (the dev sink table,
# ledger.notify.sink=dev: the full path of claim, open the sealed address, render the Qute template, write, mark
# SENT, without a network provider's latency).
#
# Three figures, each over the whole service (HTTP, projections, deadline scheduler, delivery processor, sender):
#  1. live: deliveries/s while the N complaints are filed, and the delivery lag (event recorded -> SENT) p50/p99.
#     Bounded by the filing rate: receipts cannot go out faster than complaints come in.
#  2. backlog: the N filings' receipts decided and delivered from scratch (the service restarted with the outbox
#     emptied and the delivery processor's checkpoint at the start of the ledger): deliveries/s from the moment the
#     service is ready until the last receipt is SENT. This is the notification path's own rate.
#  3. drain: the sender alone, every delivery made due again at once.
# usage: bench/deliveries.sh [FILINGS=10000] [CONCURRENCY=16]
# env: JFR=1 records a CPU profile of the backlog phase (OUT/backlog.jfr; summarise with bench/jfr-top.sh);
#      BATCH (ledger.notify.batch-size, default 200)
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
. bench/service.sh
# one key-encryption key for both starts: start_service's own default is made in the background job's subshell, so a
# second start would make another, and the first start's sealed addresses would not open
BENCH_KEK=${BENCH_KEK:-$(openssl rand -base64 32)}

[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests

psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
SETTINGS=(LEDGER_RATE_LIMIT_ENABLED=false LEDGER_NOTIFY_SINK=dev LEDGER_NOTIFY_BATCH_SIZE=${BATCH:-200} LEDGER_NOTIFY_POLL_INTERVAL=PT0.05S)
start_service "$PORT" "$DB" "$OUT/service.log" "${SETTINGS[@]}"
trap 'kill $SERVICE 2>/dev/null || true' EXIT
TOKEN=$(bench/token.sh "$JWT_PRIVATE" "$BENCH_ISSUER" bench-citizen citizen)
# the machine's PostgreSQL is shared: a moment at max_connections is waited out, not taken for an answer
sql() {
  local tries=0
  until psql -X -Atq -d $DB -c "$1" 2>/dev/null; do
    tries=$((tries + 1)); [ $tries -lt 60 ] || { echo "psql keeps failing" >&2; return 1; }; sleep 0.5
  done
}
await_sent() {
  until [ "$(sql "select count(*) from deliveries where status = 'SENT'")" -ge "$1" ]; do
    kill -0 $SERVICE 2>/dev/null || { tail -50 "$OUT/service.log"; exit 1; }
    sleep 0.2
  done
}
rate() { # label, since (SQL timestamp expression)
  sql "select '$1: deliveries=' || count(*) || ' window_s=' || round(extract(epoch from max(sent_at) - $2)::numeric, 2)
              || ' deliveries_per_s=' || round((count(*) / greatest(extract(epoch from max(sent_at) - $2), 0.001))::numeric, 0)
         from deliveries where status = 'SENT'"
}

# 1. live: file in 5-second bursts until N complaints are in the ledger (wrk runs for a time, not a count)
while [ "$(sql "select count(*) from events where type = 'complaint.submitted'")" -lt "$N" ]; do
  bench/load.sh "http://127.0.0.1:$PORT/api/complaints" bench/complaint.json "$TOKEN" "$CONC" 5 > /dev/null
done
FILED=$(sql "select count(*) from events where type = 'complaint.submitted'")
await_sent "$FILED"
{
  echo "# deliveries benchmark $(date -u +%FT%TZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), concurrency $CONC"
  echo "filings=$FILED filing_rate_per_s=$(sql "select round((count(*) / extract(epoch from max(recorded_at) - min(recorded_at)))::numeric, 0) from events where type = 'complaint.submitted'")"
  rate live "min(sent_at)"
  sql "select 'live lag_ms p50=' || round(percentile_cont(0.5) within group (order by lag)::numeric, 0)
              || ' p99=' || round(percentile_cont(0.99) within group (order by lag)::numeric, 0)
              || ' max=' || round(max(lag)::numeric, 0)
         from (select extract(epoch from d.sent_at - e.recorded_at) * 1000 as lag
                 from deliveries d join events e on e.event_id = d.event_id where d.status = 'SENT') as l"
  echo "dev sink rows: $(sql 'select count(*) from notification_dev_sink')"
  echo "not SENT: $(sql "select count(*) from deliveries where status <> 'SENT'")"
} | tee "$OUT/summary.txt"

# 2. backlog: the outbox emptied and the delivery processor sent back to the start of the ledger, then the service
# started again; everything it must do for the N filings (decide, claim, open, render, write, mark) is timed
stop_service $SERVICE
sql "begin;
     truncate deliveries, notification_subjects, notification_dev_sink;
     update projection_segments set last_tx = '0', last_position = 0, applied = 0, owner = null, lease_until = null
      where projection = 'deliveries';
     commit" > /dev/null
JVM=()
[ -n "${JFR:-}" ] && JVM=(-- "-XX:StartFlightRecording=filename=$OUT/backlog.jfr,settings=profile")
start_service "$PORT" "$DB" "$OUT/service.log" "${SETTINGS[@]}" "${JVM[@]}"
READY_AT=$(sql "select now()")
await_sent "$FILED"
rate backlog "'$READY_AT'::timestamptz" | tee -a "$OUT/summary.txt"
sql "select 'backlog decided_in_s=' || round(extract(epoch from max(created_at) - '$READY_AT'::timestamptz)::numeric, 2)
       from deliveries" | tee -a "$OUT/summary.txt"

# 3. drain: the sender alone, the same deliveries made due again at once (the sink emptied: each send does the same
# work) and drained by the running service
sql "begin; truncate notification_dev_sink; update deliveries set status = 'PENDING', attempts = 0, sent_at = null, next_attempt_at = now(); commit" > /dev/null
await_sent "$FILED"
rate drain "min(sent_at)" | tee -a "$OUT/summary.txt"
stop_service $SERVICE
echo "results in $OUT"
