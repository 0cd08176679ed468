#!/usr/bin/env bash
# The read side's CPU per filing: what the service spends after an event is appended (projections, the sequencer, the
# deadline scheduler, notification deliveries), apart from the write side that appends it.
# usage: bench/readside.sh [SECONDS=20] [CONCURRENCY=16] [ROUNDS=1]
# env:   READ_JARS (the builds whose read side is measured, in turn within each round; default the packaged build),
#        WRITE_JAR (the writer's build, default the packaged one), HEAP=256m (-Xmx of both JVMs), WARMUP=20 (seconds of
#        load before each reader's first measured phase), BENCH_PORT=18000 (writer; +1 the reader; management ports
#        +500), BENCH_DB=ledger_bench_hw_readside, IDLE_SECS=20, JFR=1 (settings=profile recordings of each reader's
#        idle and backlog phases, summarised by bench/jfr-top.sh)
# Two JVMs share one database: a writer (projections, deadline scheduler and notification sender off, the sequencer's
# first tick an hour away) takes the filings (bench/load.sh, bench/complaint.json), and a reader (the whole service,
# with the same settings as production but deliveries to the dev sink) takes no request and does everything that
# follows an append. The reader's utime+stime (/proc/PID/stat) is the read side's CPU, with no part of the write path
# in it. Per reader and round:
#   idle:    the reader's CPU per second with nothing to do (the polls of the feed, the timers), by kind of thread,
#            and its pool acquisitions per second (sql_pool_usage_seconds_count: a query, or a transaction, each)
#   live:    the reader running beside the load, until it has caught up: CPU per filing and per event (idle included),
#            and per filing net of the idle rate over the phase's wall time
#   backlog: the reader stopped (SIGSTOP) while the load runs, then resumed: CPU per filing and per event, and the
#            events/s at which it catches up (wall time from SIGCONT until caught up)
# "Caught up": every projection has applied, and the sequencer has chained, every event in the ledger, and no
# delivery is waiting to be sent.
# Writes bench/results/readside-<time>/summary.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/java-home.sh
. bench/service.sh
SECS=${1:-20}
CONC=${2:-16}
ROUNDS=${3:-1}
WARMUP=${WARMUP:-20}
IDLE_SECS=${IDLE_SECS:-20}
HEAP=${HEAP:-256m}
PORT=${BENCH_PORT:-18000}
DB=${BENCH_DB:-ledger_bench_hw_readside}
export MANAGEMENT_OFFSET=500
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
OUT=bench/results/readside-$(date -u +%Y%m%dT%H%M%SZ)-$$
mkdir -p "$OUT"
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests
READ_JARS=${READ_JARS:-target/quarkus-app/quarkus-run.jar}
WRITE_JAR=${WRITE_JAR:-target/quarkus-app/quarkus-run.jar}
for port in $PORT $((PORT + 1)); do
  if curl -s -o /dev/null "http://127.0.0.1:$port/"; then echo "port $port is taken: set BENCH_PORT" >&2; exit 2; fi
done
ticks_per_s=$(getconf CLK_TCK)
# thread_ticks PID: the process's CPU ticks by kind of thread: "loop jit gc other" (the Vert.x event loops, where the
# read side's own work runs; the JIT compilers; the collector and VM threads; the rest)
thread_ticks() {
  local f stat comm loop=0 jit=0 gc=0 other=0 t
  for f in /proc/"$1"/task/*/stat; do
    stat=$(cat "$f" 2>/dev/null) || continue
    comm=${stat#*(}; comm=${comm%%)*}
    set -- ${stat##*) }; t=$((${12} + ${13}))
    case $comm in
      vert.x-eventloo*) loop=$((loop + t)) ;;
      "C1 Compi"*|"C2 Compi"*) jit=$((jit + t)) ;;
      VM\ Thread|VMThread|GC*|"VM Periodic"*) gc=$((gc + t)) ;;
      *) other=$((other + t)) ;;
    esac
  done
  echo $loop $jit $gc $other
}
# split BEFORE AFTER SECONDS: the ticks between two thread_ticks, in ms of CPU per second
split() {
  local -a b=($1) a=($2)
  printf 'event loops %.1f, JIT %.1f, GC and VM %.1f, other %.1f ms/s' \
    "$(echo "(${a[0]} - ${b[0]}) * 1000 / $ticks_per_s / $3" | bc -l)" "$(echo "(${a[1]} - ${b[1]}) * 1000 / $ticks_per_s / $3" | bc -l)" \
    "$(echo "(${a[2]} - ${b[2]}) * 1000 / $ticks_per_s / $3" | bc -l)" "$(echo "(${a[3]} - ${b[3]}) * 1000 / $ticks_per_s / $3" | bc -l)"
}
# both JVMs seal and open personal data with one key-encryption key (the reader's deliveries open what the writer sealed)
export BENCH_KEK=${BENCH_KEK:-$(openssl rand -base64 32)}
# PostgreSQL's connections are shared with other work: a small pool each, closed when idle for 2 s
IDLE=(QUARKUS_DATASOURCE_REACTIVE_IDLE_TIMEOUT=PT2S QUARKUS_DATASOURCE_REACTIVE_MAX_SIZE=${POOL:-8})
# the reader's deliveries go to the dev sink (one INSERT per batch), as a provider accepting each at once: with no
# provider configured every message would fail and be retried, and that cost depends on the run's length
WRITER= READER=
trap 'kill -CONT $READER 2>/dev/null || true; kill $WRITER $READER 2>/dev/null || true; wait 2>/dev/null || true' EXIT

psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
SERVICE_JAR=$WRITE_JAR start_service $PORT $DB "$OUT/writer.log" "${IDLE[@]}" LEDGER_PROJECTIONS_ENABLED=false \
  LEDGER_DEADLINES_SCHEDULER_ENABLED=false LEDGER_SEQUENCER_INTERVAL=PT1H LEDGER_NOTIFY_ENABLED=false -- -Xmx"$HEAP"
WRITER=$SERVICE
TOKEN=$(bench/token.sh "$JWT_PRIVATE" "$BENCH_ISSUER" bench-citizen citizen)
URL=http://127.0.0.1:$PORT/api/complaints
filings() { sql "$DB" "SELECT count(*) FROM events WHERE type = 'complaint.submitted'"; }
events() { sql "$DB" "SELECT count(*) FROM events"; }
caught_up() {
  sql "$DB" "SELECT (SELECT count(*) FROM events) <= (SELECT coalesce(min(a), 0) FROM (SELECT sum(applied) AS a
         FROM projection_segments GROUP BY projection) p)
       AND (SELECT count(*) FROM events) <= (SELECT coalesce(max(ledger_seq), 0) FROM ledger_chain)
       AND NOT EXISTS (SELECT 1 FROM deliveries WHERE status IN ('PENDING', 'SENDING'))"
}
wait_caught_up() {
  until [ "$(caught_up)" = t ]; do
    kill -0 "$READER" 2>/dev/null || { echo "the reader stopped" >&2; tail -20 "$OUT/reader.log" >&2; exit 1; }
    sleep 0.2
  done
}
# the reader's Vert.x pool acquisitions so far (a query, or a transaction of several, each)
acquisitions() {
  curl -s "http://127.0.0.1:$((PORT + 1 + MANAGEMENT_OFFSET))/q/metrics" |
    awk '/^sql_pool_usage_seconds_count/ {n += $2} END {printf "%d", n}'
}
load() { bench/load.sh "$URL" bench/complaint.json "$TOKEN" "$CONC" "$1" "${2:-}" | tail -1; }
# phase NAME: CPU of the reader and of the writer, filings and events gained, over one phase
per() { echo "$1 * 1000000 / $ticks_per_s / ($2 + ($2 == 0))" | bc -l; }

{
  echo "# read-side benchmark $(date -u +%FT%TZ): ${SECS}s of load at c=$CONC per phase, ${WARMUP}s warm-up, $ROUNDS round(s), $(nproc) cores, -Xmx$HEAP $SERVICE_JVM_OPTS, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "# writer: $WRITE_JAR; readers: $READ_JARS; head $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src pom.xml || echo '+changes')"
} | tee "$OUT/summary.txt"
n=0
for round in $(seq 1 "$ROUNDS"); do
  for jar in $READ_JARS; do
    n=$((n + 1))
    SERVICE_JAR=$jar start_service $((PORT + 1)) $DB "$OUT/reader.log" "${IDLE[@]}" LEDGER_NOTIFY_SINK=dev -- -Xmx"$HEAP"
    READER=$SERVICE
    load "$WARMUP" > /dev/null; wait_caught_up
    # autovacuum's analysis of the tables the warm-up filled: off on this machine (bench/compare.sh says why it matters)
    sql $DB "VACUUM (ANALYZE)" > /dev/null
    # idle (JFR=1: recorded too)
    sleep 5
    [ "${JFR:-0}" = 1 ] && "$JAVA_HOME/bin/jcmd" $READER JFR.start name=idle settings=profile \
      filename="$(pwd)/$OUT/idle-$n.jfr" > /dev/null
    c0=$(cpu_ticks $READER); i0=$(thread_ticks $READER); q0=$(acquisitions); sleep "$IDLE_SECS"
    idle=$(( $(cpu_ticks $READER) - c0 ))
    idle_split=$(split "$i0" "$(thread_ticks $READER)" "$IDLE_SECS")
    idle_queries=$(echo "($(acquisitions) - $q0) / $IDLE_SECS" | bc -l)
    [ "${JFR:-0}" = 1 ] && "$JAVA_HOME/bin/jcmd" $READER JFR.stop name=idle > /dev/null
    # live
    f0=$(filings); e0=$(events); c0=$(cpu_ticks $READER); w0=$(cpu_ticks $WRITER)
    ls0=$(date +%s.%N)
    live=$(load "$SECS" "$OUT/live-$n"); t0=$(date +%s.%N); wait_caught_up; t1=$(date +%s.%N)
    c1=$(cpu_ticks $READER); w1=$(cpu_ticks $WRITER); f1=$(filings); e1=$(events)
    lf=$((f1 - f0)) le=$((e1 - e0)) lc=$((c1 - c0))
    lw=$((w1 - w0))
    # backlog
    [ "${JFR:-0}" = 1 ] && "$JAVA_HOME/bin/jcmd" $READER JFR.start name=readside settings=profile \
      filename="$(pwd)/$OUT/backlog-$n.jfr" > /dev/null
    f0=$(filings); e0=$(events)
    kill -STOP $READER
    backlog=$(load "$SECS" "$OUT/backlog-$n")
    f1=$(filings); e1=$(events)
    c0=$(cpu_ticks $READER); t2=$(date +%s.%N)
    kill -CONT $READER
    wait_caught_up; t3=$(date +%s.%N); c1=$(cpu_ticks $READER)
    [ "${JFR:-0}" = 1 ] && "$JAVA_HOME/bin/jcmd" $READER JFR.stop name=readside > /dev/null
    bf=$((f1 - f0)) be=$((e1 - e0)) bc=$((c1 - c0))
    {
      printf 'reader %s (round %d): idle %.1f ms CPU/s (%s), %.1f pool acquisitions/s\n' "$jar" "$round" \
        "$(echo "$idle * 1000 / $ticks_per_s / $IDLE_SECS" | bc -l)" "$idle_split" "$idle_queries"
      # net: less what the reader would have spent idle over the phase's wall time
      net=$(echo "$lc - $idle * ($t1 - $ls0) / $IDLE_SECS" | bc -l)
      printf '  live:    %s filings=%d events=%d catch_up_s=%.1f reader_cpu_us_per_filing=%.0f per_event=%.0f net_of_idle_per_filing=%.0f (writer %.0f per filing)\n' \
        "$live" $lf $le "$(echo "$t1 - $t0" | bc)" "$(per $lc $lf)" "$(per $lc $le)" "$(per "$net" $lf)" "$(per $lw $lf)"
      printf '  backlog: filings=%d events=%d catch_up_s=%.1f events_per_s=%.0f reader_cpu_us_per_filing=%.0f per_event=%.0f\n' \
        $bf $be "$(echo "$t3 - $t2" | bc)" "$(echo "$be / ($t3 - $t2)" | bc -l)" "$(per $bc $bf)" "$(per $bc $be)"
    } | tee -a "$OUT/summary.txt"
    stop_service $READER; READER=
    if [ "${JFR:-0}" = 1 ]; then
      bench/jfr-top.sh "$OUT/backlog-$n.jfr" 40 > "$OUT/backlog-$n.txt" || true
      bench/jfr-top.sh "$OUT/idle-$n.jfr" 40 > "$OUT/idle-$n.txt" || true
    fi
  done
done
echo "results: $OUT"
