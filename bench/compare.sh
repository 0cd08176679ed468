#!/usr/bin/env bash
# Filing beside the peer a user would pick instead (Axon 4 with its stock JDBC event store, ../shared/perf/peer.sh) and
# beside PostgreSQL's single-row insert limit, all in one run on one machine: at each concurrency, pgbench, the peer,
# the service's write side alone (projections, sequencer and deadline scheduler off), the whole service, pgbench again.
# usage: bench/compare.sh [SECONDS=15] [CONCURRENCIES="8 32"]
# env:   WARMUP=20 (seconds of load on each JVM before the first measured run), HEAP=256m (the service's -Xmx),
#        JFR=1 (record a JFR profile, settings=profile, of the write side's run at the last concurrency; JFR_SIDE=whole
#        records the whole service's instead),
#        PEER_SH (default ../shared/perf/peer.sh), BENCH_PORT=8089 (write side; +1 whole service; +2 the peer),
#        SERVICE_JAR (default target/quarkus-app/quarkus-run.jar: e.g. a copy of an earlier build, for a before/after),
#        AOT=1 (on JDK 25+: train the JDK's AOT cache with bench/aot.sh and start the services with it; 0: without),
#        SIDES="write whole" (which of the service's two runs to make: "write" alone is the quick loop while profiling;
#        the peer and pgbench always run, for the ratios)
# Per run: filings/s, p99, non-2xx (wrk), the ratio to the peer, the process's CPU time per filing (utime+stime from
# /proc/PID/stat over the load, warm-up of load.sh included, divided by the filings the database gained meanwhile; for
# the whole service until its projections and sequencer have caught up), peak RSS under load, start-to-ready on an
# up-to-date schema (with and without the AOT cache). Writes bench/results/compare-<time>/summary.txt and the raw outputs beside it.
# needs: wrk, pgbench, psql, openssl, bc, curl, JAVA_HOME with a JDK 21+ (.ci/java-home.sh finds one), JDK 17 for the peer
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/java-home.sh
. bench/service.sh
SECS=${1:-15}
CONCS=${2:-"8 32"}
WARMUP=${WARMUP:-20}
HEAP=${HEAP:-256m}
PORT=${BENCH_PORT:-8089}
WRITE_PORT=$PORT WHOLE_PORT=$((PORT + 1)) PEER_PORT=$((PORT + 2))
WRITE_DB=ledger_bench_write WHOLE_DB=ledger_bench_whole PEER_DB=ledger_bench_peer
PEER_SH=${PEER_SH:-}
for candidate in ../shared/perf/peer.sh ../../shared/perf/peer.sh /work/shared/perf/peer.sh; do
  [ -z "$PEER_SH" ] && [ -x "$candidate" ] && PEER_SH=$candidate
done
[ -n "$PEER_SH" ] || { echo "peer.sh not found: set PEER_SH" >&2; exit 2; }
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
for port in $WRITE_PORT $WHOLE_PORT $PEER_PORT; do
  # a health check answered by someone else's process on the port would be taken for ours
  if curl -s -o /dev/null "http://127.0.0.1:$port/"; then echo "port $port is taken: set BENCH_PORT" >&2; exit 2; fi
done
OUT=bench/results/compare-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$OUT"
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests

# PostgreSQL's 100 connections are shared with other work on the machine, and pgbench needs up to 32 of them: every JVM
# closes the connections it has left idle for 2 s (between its runs), instead of keeping a full pool for 5 minutes
IDLE=(QUARKUS_DATASOURCE_REACTIVE_IDLE_TIMEOUT=PT2S)
WRITE= WHOLE= PEER= SAMPLER=
# the services drain for quarkus.shutdown.delay before they exit: wait, so that the next run finds the ports free
trap 'kill $WRITE $WHOLE $PEER $SAMPLER 2>/dev/null || true; wait 2>/dev/null || true' EXIT
ticks_per_s=$(getconf CLK_TCK)

# the write side alone: no projections, no deadline scheduler, and the sequencer's first tick an hour away
WRITE_ONLY=("${IDLE[@]}" LEDGER_PROJECTIONS_ENABLED=false LEDGER_DEADLINES_SCHEDULER_ENABLED=false LEDGER_SEQUENCER_INTERVAL=PT1H)
# the JDK's AOT cache of this build (bench/aot.sh), where the JDK has one
AOT_OPTS=()
if [ "${AOT:-1}" = 1 ] && [ "$(java_major "$JAVA_HOME")" -ge 25 ]; then
  CACHE=$OUT/app.aot
  bench/aot.sh "$CACHE" > "$OUT/aot.txt" 2>&1 || { cat "$OUT/aot.txt" >&2; exit 1; }
  AOT_OPTS=(-XX:AOTCache="$(pwd)/$CACHE")
fi
# a fresh database, migrated by a first start, then the starts that are timed (on an up-to-date schema): one without
# the AOT cache (PLAIN_READY) and the one that stays up, with it
start_timed() {
  local port=$1 db=$2 name=$3; shift 3
  psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
  start_service "$port" "$db" "$OUT/$name.log" "$@" -- -Xmx"$HEAP"
  stop_service "$SERVICE"
  start_service "$port" "$db" "$OUT/$name.log" "$@" -- -Xmx"$HEAP"
  PLAIN_READY=$READY_S
  if [ ${#AOT_OPTS[@]} -gt 0 ]; then
    stop_service "$SERVICE"
    start_service "$port" "$db" "$OUT/$name.log" "$@" -- -Xmx"$HEAP" "${AOT_OPTS[@]}"
  fi
}
SIDES=${SIDES:-write whole}
side() { [[ " $SIDES " == *" $1 "* ]]; }
WRITE_READY=0 WRITE_PLAIN=0 WHOLE_READY=0 WHOLE_PLAIN=0
if side write; then
  start_timed $WRITE_PORT $WRITE_DB write "${WRITE_ONLY[@]}"; WRITE=$SERVICE; WRITE_READY=$READY_S; WRITE_PLAIN=$PLAIN_READY
fi
# the whole service delivers its notifications to the dev sink (a table): with no provider configured, every
# acknowledgement failed ("channel EMAIL is off"), was logged and retried from 10 s on, CPU no deployment spends
WHOLE_ONLY=("${IDLE[@]}" LEDGER_NOTIFY_SINK=dev)
if side whole; then
  start_timed $WHOLE_PORT $WHOLE_DB whole "${WHOLE_ONLY[@]}"; WHOLE=$SERVICE; WHOLE_READY=$READY_S; WHOLE_PLAIN=$PLAIN_READY
fi
peer_started=$(date +%s.%N)
PEER=$(QUARKUS_DATASOURCE_JDBC_IDLE_REMOVAL_INTERVAL=PT2S "$PEER_SH" start $PEER_PORT $PEER_DB | tail -1)
PEER_READY=$(echo "$(date +%s.%N) - $peer_started" | bc)

TOKEN=$(bench/token.sh "$JWT_PRIVATE" "$BENCH_ISSUER" bench-citizen citizen)
BODY=bench/complaint.json
declare -A URL=([write]="http://127.0.0.1:$WRITE_PORT/api/complaints" [whole]="http://127.0.0.1:$WHOLE_PORT/api/complaints"
                [peer]="$("$PEER_SH" url $PEER_PORT)")
declare -A PID=([write]=$WRITE [whole]=$WHOLE [peer]=$PEER)
declare -A AUTH=([write]=$TOKEN [whole]=$TOKEN [peer]=-)
declare -A DB=([write]=$WRITE_DB [whole]=$WHOLE_DB [peer]=$PEER_DB)
filings() {
  case $1 in
    peer) sql $PEER_DB "SELECT count(*) FROM domainevententry" ;;
    *) sql "${DB[$1]}" "SELECT count(*) FROM events WHERE type = 'complaint.submitted'" ;;
  esac
}
caught_up() { read_side_caught_up $WHOLE_DB; }

# the JIT needs a while before each JVM runs at its steady rate
for s in peer $SIDES; do
  bench/load.sh "${URL[$s]}" $BODY "${AUTH[$s]}" 16 "$WARMUP" > /dev/null
done
if side whole; then until [ "$(caught_up)" = t ]; do sleep 0.5; done; fi
# What autovacuum does in production within a minute of a table's first rows, done once here for every database:
# this machine's PostgreSQL runs with autovacuum off (CI's conf.d/90-ci.conf), so tables created empty by the runs'
# migrations are never analysed, and a statement prepared while its table was empty keeps that first plan (a
# sequential scan of the ledger for every poll of the feed, found in session 4's pg_stat_statements and auto_explain)
for s in peer $SIDES; do sql "${DB[$s]}" "VACUUM (ANALYZE)" > /dev/null; done

# run NAME C: one measured load; prints "rps=… p50_ms=… p99_ms=… non2xx=… errors=… filings=… cpu_us_per_filing=…
# of_which_jit=… (the JIT compiler threads' part) rss_mb=… [catch_up_s=…]"
run() {
  local s=$1 c=$2 pid=${PID[$1]} before_rows before_cpu before_jit before_pg line rows cpu jit pg extra=
  before_rows=$(filings "$s"); before_cpu=$(cpu_ticks "$pid"); before_jit=$(jit_ticks "$pid"); before_pg=$(pg_ticks)
  : > "$OUT/rss-$s-c$c.txt"
  ( while kill -0 "$pid" 2>/dev/null; do rss_mb "$pid" >> "$OUT/rss-$s-c$c.txt"; sleep 0.5; done ) 2>/dev/null &
  SAMPLER=$!
  if [ "${JFR:-0}" = 1 ] && [ "$s" = "${JFR_SIDE:-write}" ] && [ "$c" = "${CONCS##* }" ]; then
    "$JAVA_HOME/bin/jcmd" "$pid" JFR.start name=compare settings=profile filename="$(pwd)/$OUT/$s-c$c.jfr" > /dev/null
  fi
  line=$(bench/load.sh "${URL[$s]}" $BODY "${AUTH[$s]}" "$c" "$SECS" "$OUT/$s-c$c" | tail -1)
  if [ "${JFR:-0}" = 1 ] && [ "$s" = "${JFR_SIDE:-write}" ] && [ "$c" = "${CONCS##* }" ]; then
    "$JAVA_HOME/bin/jcmd" "$pid" JFR.stop name=compare > /dev/null
  fi
  if [ "$s" = whole ]; then
    local loaded; loaded=$(date +%s.%N)
    until [ "$(caught_up)" = t ]; do sleep 0.2; done
    extra=" catch_up_s=$(printf %.1f "$(echo "$(date +%s.%N) - $loaded" | bc)")"
  fi
  cpu=$(( $(cpu_ticks "$pid") - before_cpu )); jit=$(( $(jit_ticks "$pid") - before_jit ))
  pg=$(( $(pg_ticks) - before_pg ))
  rows=$(( $(filings "$s") - before_rows ))
  kill $SAMPLER 2>/dev/null; wait $SAMPLER 2>/dev/null || true; SAMPLER=
  printf '%s filings=%d cpu_us_per_filing=%.0f of_which_jit=%.0f pg_us_per_filing=%.0f rss_mb=%s%s\n' "$line" "$rows" \
    "$(echo "$cpu * 1000000 / $ticks_per_s / ($rows + ($rows == 0))" | bc -l)" \
    "$(echo "$jit * 1000000 / $ticks_per_s / ($rows + ($rows == 0))" | bc -l)" \
    "$(echo "$pg * 1000000 / $ticks_per_s / ($rows + ($rows == 0))" | bc -l)" "$(sort -n "$OUT/rss-$s-c$c.txt" | tail -1)" "$extra"
}

# baseline C WHEN: pgbench at C connections; tried again when PostgreSQL has no connections left for it just then
baseline() {
  for attempt in 1 2 3; do
    PGB_OUT="$OUT/pgbench-c$1-$2" bench/pgbench-baseline.sh "$1" "$SECS" 2>> "$OUT/pgbench.err" | tail -1 && return
    sleep 5
  done
  echo "tps=0 (failed 3 times: $OUT/pgbench.err)"
}

{
  echo "# compare benchmark $(date -u +%FT%TZ): ${SECS}s per run after ${WARMUP}s of warm-up, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "# service: -Xmx$HEAP $SERVICE_JVM_OPTS, ${SERVICE_JAR:-$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src pom.xml || echo '+changes')}; peer: $PEER_SH"
  if [ ${#AOT_OPTS[@]} -gt 0 ]; then
    printf 'start to ready (s, up-to-date schema): write side %.1f, whole service %.1f with the AOT cache (%.1f, %.1f without); peer %.1f (fresh schema)\n' \
      "$WRITE_READY" "$WHOLE_READY" "$WRITE_PLAIN" "$WHOLE_PLAIN" "$PEER_READY"
  else
    printf 'start to ready (s, up-to-date schema): write side %.1f, whole service %.1f, peer %.1f (fresh schema)\n' \
      "$WRITE_READY" "$WHOLE_READY" "$PEER_READY"
  fi
  for c in $CONCS; do
    b1=$(baseline "$c" before)
    p=$(run peer "$c")
    if side write; then w=$(run write "$c"); fi
    if side whole; then a=$(run whole "$c"); fi
    b2=$(baseline "$c" after)
    peer_rps=$(value rps "$p")
    echo "c=$c pgbench single-row: before $b1 | after $b2"
    echo "c=$c peer:       $p"
    if side write; then
      printf 'c=%s write side: %s ratio_to_peer=%.2f\n' "$c" "$w" "$(echo "$(value rps "$w") / $peer_rps" | bc -l)"
    fi
    if side whole; then
      printf 'c=%s whole:      %s ratio_to_peer=%.2f\n' "$c" "$a" "$(echo "$(value rps "$a") / $peer_rps" | bc -l)"
    fi
  done
} | tee "$OUT/summary.txt"
if [ "${JFR:-0}" = 1 ]; then
  bench/jfr-top.sh "$OUT/${JFR_SIDE:-write}-c${CONCS##* }.jfr" | tee "$OUT/profile.txt"
fi
