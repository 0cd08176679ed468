#!/usr/bin/env bash
# Two builds of the write side, compared in pairs: both start once (projections, sequencer and deadline scheduler
# off, as in bench/compare.sh's write-side run), both are warmed up, then ROUNDS times build A is loaded, then build B,
# so that each pair shares the machine's conditions of that minute. On a shared, noisy machine a change of a few per
# cent shows in the pairs' ratios before it shows in one run's absolute figures.
# usage: bench/ab.sh A_JAR B_JAR [ROUNDS=4] [SECONDS=20] [CONCURRENCY=32]
# env:   WARMUP=30 (seconds of load on each build first), HEAP=256m, BENCH_PORT=8092 (A; B is +1),
#        MODE=write (the write side alone) | whole (everything on, deliveries to the dev sink; a run's CPU is counted
#        until its projections and sequencer have caught up), A_JVM / B_JVM (JVM options of one build alone, after
#        SERVICE_JVM_OPTS: two configurations of one build are compared by giving the same jar twice)
# Per run: filings/s, p99, non-2xx (wrk), and the process's CPU time per filing over the run (utime+stime from
# /proc/PID/stat, divided by the filings the database gained), with the JIT compiler threads' part and the kernel's
# part given apart, and the PostgreSQL server's CPU per filing over the same run.
# Prints each round, then per build the median of the rounds, and the median of the rounds' B/A ratios.
# Writes bench/results/ab-<time>/summary.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/java-home.sh
. bench/service.sh
[ $# -ge 2 ] || { sed -n '2,12p' "$0" >&2; exit 2; }
A_JAR=$(readlink -f "$1") B_JAR=$(readlink -f "$2")
ROUNDS=${3:-4} SECS=${4:-20} C=${5:-32}
WARMUP=${WARMUP:-30} HEAP=${HEAP:-256m}
PORT=${BENCH_PORT:-8092}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
OUT=bench/results/ab-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$OUT"
ticks_per_s=$(getconf CLK_TCK)
declare -A JAR=([A]=$A_JAR [B]=$B_JAR) JVM=([A]=${A_JVM:-} [B]=${B_JVM:-}) PID=() URL=() DB=()
MODE=${MODE:-write}
case $MODE in
  # the write side alone: no projections, no deadline scheduler, and the sequencer's first tick an hour away
  write) SIDE_ENV=(LEDGER_PROJECTIONS_ENABLED=false LEDGER_DEADLINES_SCHEDULER_ENABLED=false LEDGER_SEQUENCER_INTERVAL=PT1H) ;;
  # everything on, deliveries to the dev sink (as bench/compare.sh's whole service)
  whole) SIDE_ENV=(LEDGER_NOTIFY_SINK=dev) ;;
  *) echo "MODE is write or whole" >&2; exit 2 ;;
esac
trap 'kill ${PID[*]} 2>/dev/null || true; wait 2>/dev/null || true' EXIT
i=0
for b in A B; do
  port=$((PORT + i)); i=$((i + 1))
  if curl -s -o /dev/null "http://127.0.0.1:$port/"; then echo "port $port is taken: set BENCH_PORT" >&2; exit 2; fi
  DB[$b]=ledger_bench_ab_${b,,}
  psql -X -q -d postgres -c "DROP DATABASE IF EXISTS ${DB[$b]} WITH (FORCE)" -c "CREATE DATABASE ${DB[$b]}"
  SERVICE_JAR=${JAR[$b]} start_service "$port" "${DB[$b]}" "$OUT/$b.log" \
    QUARKUS_DATASOURCE_REACTIVE_IDLE_TIMEOUT=PT2S "${SIDE_ENV[@]}" -- -Xmx"$HEAP" ${JVM[$b]}
  PID[$b]=$SERVICE
  URL[$b]="http://127.0.0.1:$port/api/complaints"
done
TOKEN=$(bench/token.sh "$JWT_PRIVATE" "$BENCH_ISSUER" bench-citizen citizen)
BODY=bench/complaint.json
filings() { sql "${DB[$1]}" "SELECT count(*) FROM events WHERE type = 'complaint.submitted'"; }
# the write side has no read side to wait for
caught_up() { if [ "$MODE" = write ]; then echo t; else read_side_caught_up "${DB[$1]}"; fi; }
for b in A B; do
  bench/load.sh "${URL[$b]}" $BODY "$TOKEN" 16 "$WARMUP" > /dev/null
  until [ "$(caught_up "$b")" = t ]; do sleep 0.5; done
  # autovacuum's analysis of the tables the warm-up filled: off on this machine (bench/compare.sh says why it matters)
  sql "${DB[$b]}" "VACUUM (ANALYZE)" > /dev/null
done

# run BUILD: one measured load; prints "rps=… p50_ms=… p99_ms=… non2xx=… errors=… cpu_us=… jit_us=… sys_us=… pg_us=…"
# (pg_us: the PostgreSQL server's CPU per filing over the run)
run() {
  local b=$1 pid=${PID[$1]} rows cpu jit sys pg line
  rows=$(filings "$b"); cpu=$(cpu_ticks "$pid"); jit=$(jit_ticks "$pid"); sys=$(sys_ticks "$pid"); pg=$(pg_ticks)
  line=$(bench/load.sh "${URL[$b]}" $BODY "$TOKEN" "$C" "$SECS" | tail -1)
  until [ "$(caught_up "$b")" = t ]; do sleep 0.2; done
  rows=$(( $(filings "$b") - rows )); cpu=$(( $(cpu_ticks "$pid") - cpu )); jit=$(( $(jit_ticks "$pid") - jit ))
  sys=$(( $(sys_ticks "$pid") - sys )); pg=$(( $(pg_ticks) - pg ))
  per_filing() { echo "$1 * 1000000 / $ticks_per_s / ($rows + ($rows == 0))" | bc -l; }
  printf '%s cpu_us=%.0f jit_us=%.0f sys_us=%.0f pg_us=%.0f\n' "$line" "$(per_filing $cpu)" "$(per_filing $jit)" \
    "$(per_filing $sys)" "$(per_filing $pg)"
}
median() { sort -g | awk '{v[NR] = $1} END {print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2)}'; }

{
  echo "# ab benchmark $(date -u +%FT%TZ): $MODE, c=$C, ${SECS}s per run after ${WARMUP}s of warm-up, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "# A: $A_JAR ${JVM[A]}"
  echo "# B: $B_JAR ${JVM[B]}"
  echo "# service: -Xmx$HEAP $SERVICE_JVM_OPTS"
  declare -A RPS=() CPU=() NET=() PG=()
  for r in $(seq 1 "$ROUNDS"); do
    for b in A B; do
      line=$(run "$b")
      echo "round $r $b: $line"
      RPS[$b]+="$(value rps "$line") "; CPU[$b]+="$(value cpu_us "$line") "
      NET[$b]+="$(( $(value cpu_us "$line") - $(value jit_us "$line") )) "; PG[$b]+="$(value pg_us "$line") "
    done
  done
  for b in A B; do
    printf '%s median: rps=%.0f cpu_us_per_filing=%.0f without_jit=%.0f pg_us_per_filing=%.0f\n' "$b" \
      "$(tr ' ' '\n' <<< "${RPS[$b]}" | sed '/^$/d' | median)" \
      "$(tr ' ' '\n' <<< "${CPU[$b]}" | sed '/^$/d' | median)" \
      "$(tr ' ' '\n' <<< "${NET[$b]}" | sed '/^$/d' | median)" \
      "$(tr ' ' '\n' <<< "${PG[$b]}" | sed '/^$/d' | median)"
  done
  paste <(tr ' ' '\n' <<< "${RPS[A]}" | sed '/^$/d') <(tr ' ' '\n' <<< "${RPS[B]}" | sed '/^$/d') \
        <(tr ' ' '\n' <<< "${CPU[A]}" | sed '/^$/d') <(tr ' ' '\n' <<< "${CPU[B]}" | sed '/^$/d') |
    awk '{rs = rs " " sprintf("%.2f", $2 / $1); cs = cs " " sprintf("%.2f", $4 / $3)}
         END {print "B/A per round: rps" rs "; cpu per filing" cs}'
} | tee "$OUT/summary.txt"
