#!/usr/bin/env bash
# Memory under load and start to ready of the packaged service, one JVM configuration at a time (issue 20's floors:
# -Xmx256m, RSS under load <= 350 MB, start to ready <= 3 s on an up-to-date schema). Narrower than compare.sh: no
# peer, no pgbench, so that configurations can be run back to back and compared in the same minutes.
# usage: bench/memory.sh [SECONDS=15] [CONCURRENCY=32] [-- JVM_OPTION ...]
# env:   MODE=write (projections, sequencer, scheduler off, as compare.sh's write side) | whole (everything on,
#        deliveries to the dev sink),
#        HEAP=256m, WARMUP=20 (seconds of load at c=16 first), STARTS=3 (timed starts on the up-to-date schema; the
#        median is reported), NMT=1 (Native Memory Tracking summary at the end of the load: where the RSS goes; it
#        costs a few MB itself), SERVICE_JAR, BENCH_PORT=8740, BENCH_DB=ledger_mem_<mode>, LABEL (names the run),
#        SERVICE_ENV="K=V ..." (more settings for the service, e.g. a pool size)
# Prints one line: label, start to ready of each start and the median (phases of each in start-phases.txt), rps/p99/non-2xx (wrk), CPU per filing (process
# utime+stime over the measured load, load.sh's 3 s warm-up included, divided by the complaints filed), peak and
# end-of-load RSS, the anonymous and file-backed parts of it (/proc/PID/smaps_rollup), threads, and with NMT the
# committed MB of the JVM's areas (heap, class (of which class space), metaspace, thread stacks, code cache, GC, other =
# direct buffers and malloc'd by libraries, ...). Raw outputs in bench/results/memory-<time>-<label>/.
# needs: wrk, psql, openssl, bc, curl, JAVA_HOME with a JDK 21+ (.ci/java-home.sh finds one)
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/java-home.sh
. bench/service.sh
SECS=${1:-15} CONC=${2:-32}
shift $(( $# < 2 ? $# : 2 ))
[ "${1:-}" = -- ] && shift
EXTRA=("$@")
MODE=${MODE:-write} HEAP=${HEAP:-256m} WARMUP=${WARMUP:-20} STARTS=${STARTS:-3}
PORT=${BENCH_PORT:-8740}
DB=${BENCH_DB:-ledger_mem_$MODE}
LABEL=${LABEL:-$MODE}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
OUT=bench/results/memory-$(date -u +%Y%m%dT%H%M%SZ)-$LABEL
mkdir -p "$OUT"
[ -f "${SERVICE_JAR:-target/quarkus-app/quarkus-run.jar}" ] || ./mvnw -B -q package -DskipTests
if curl -s -o /dev/null "http://127.0.0.1:$PORT/"; then echo "port $PORT is taken: set BENCH_PORT" >&2; exit 2; fi

ENVS=(QUARKUS_DATASOURCE_REACTIVE_MAX_SIZE="${QUARKUS_DATASOURCE_REACTIVE_MAX_SIZE:-8}")
[ "$MODE" = write ] && ENVS+=(LEDGER_PROJECTIONS_ENABLED=false LEDGER_DEADLINES_SCHEDULER_ENABLED=false LEDGER_SEQUENCER_INTERVAL=PT1H)
# the whole service delivers its notifications to the dev sink (a table), as bench/compare.sh's does: with no provider
# configured every delivery failed, was logged and retried
[ "$MODE" = whole ] && ENVS+=(LEDGER_NOTIFY_SINK=dev)
# shellcheck disable=SC2206
[ -n "${SERVICE_ENV:-}" ] && ENVS+=($SERVICE_ENV)
JVM=(-Xmx"$HEAP" "${EXTRA[@]}")
LOADED=("${JVM[@]}")
[ "${NMT:-1}" = 1 ] && LOADED+=(-XX:NativeMemoryTracking=summary)

SERVICE= SAMPLER=
trap 'kill $SAMPLER 2>/dev/null || true; [ -n "$SERVICE" ] && stop_service $SERVICE' EXIT
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
# the first start migrates the fresh database; the timed ones (without NMT) find it up to date
start_service "$PORT" "$DB" "$OUT/service.log" "${ENVS[@]}" -- "${JVM[@]}"
stop_service "$SERVICE"
# phases of a start, from its log (seconds from the JVM's launch): Flyway's first line (the JVM and Quarkus's boot
# before it), the schema found up to date, Hibernate's first line, the last bean's line, Quarkus's "started", ready
phases() {
  python3 - "$1" "$2" "$OUT/service.log" <<'PY'
import json, sys, datetime
launch, ready, marks = float(sys.argv[1]), float(sys.argv[2]), {}
for line in open(sys.argv[3]):
    try:
        entry = json.loads(line)
    except ValueError:
        continue
    whole, _, fraction = entry["timestamp"].rstrip("Z").partition(".")
    at = datetime.datetime.fromisoformat(whole + "+00:00").timestamp() + float("0." + (fraction or "0")) - launch
    if at < 0:
        continue
    message, logger = entry.get("message", ""), entry.get("loggerName", "")
    for name, hit in (("flyway", logger.startswith("org.flywaydb")), ("schema_checked", "up to date" in message),
                      ("hibernate", logger.startswith("org.hibernate")), ("started", " started in " in message)):
        if hit and name not in marks:
            marks[name] = at
print(" ".join(f"{k}={v:.2f}" for k, v in marks.items()) + f" ready={ready:.2f}")
PY
}
readies=() cpus=()
for i in $(seq 1 "$STARTS"); do
  launched=$(date +%s.%N)
  start_service "$PORT" "$DB" "$OUT/service.log" "${ENVS[@]}" -- "${JVM[@]}"
  phases "$launched" "$READY_S" >> "$OUT/start-phases.txt"
  readies+=("$(printf %.2f "$READY_S")")
  # the CPU the start took (all threads): on a busy machine the wall time mostly measures the others' load
  cpus+=("$(echo "scale=2; $(cpu_ticks "$SERVICE") / $(getconf CLK_TCK)" | bc)")
  stop_service "$SERVICE"
done
# the start that is loaded (with NMT, which is not timed: it slows a start a little)
start_service "$PORT" "$DB" "$OUT/service.log" "${ENVS[@]}" -- "${LOADED[@]}"
median=$(printf '%s\n' "${readies[@]}" | sort -n | sed -n "$(( (STARTS + 1) / 2 ))p")
cpu_median=$(printf '%s\n' "${cpus[@]}" | sort -n | sed -n "$(( (STARTS + 1) / 2 ))p")
rss_ready=$(rss_mb "$SERVICE")

URL="http://127.0.0.1:$PORT/api/complaints"
TOKEN=$(bench/token.sh "$JWT_PRIVATE" "$BENCH_ISSUER" bench-citizen citizen)
filed() { psql -X -Atq -d "$DB" -c "SELECT count(*) FROM events WHERE type = 'complaint.submitted'"; }
bench/load.sh "$URL" bench/complaint.json "$TOKEN" 16 "$WARMUP" > /dev/null
before_rows=$(filed); before_cpu=$(cpu_ticks "$SERVICE")
( while kill -0 "$SERVICE" 2>/dev/null; do rss_mb "$SERVICE" >> "$OUT/rss.txt"; sleep 0.5; done ) 2>/dev/null &
SAMPLER=$!
line=$(bench/load.sh "$URL" bench/complaint.json "$TOKEN" "$CONC" "$SECS" "$OUT/load" | tail -1)
cpu=$(( $(cpu_ticks "$SERVICE") - before_cpu ))
# right after the load, before anything is given back
cp "/proc/$SERVICE/smaps_rollup" "$OUT/smaps_rollup.txt"; cp "/proc/$SERVICE/smaps" "$OUT/smaps.txt"
threads=$(ls "/proc/$SERVICE/task" | wc -l)
for t in /proc/"$SERVICE"/task/*/comm; do cat "$t"; done 2>/dev/null | sed -E 's/[0-9]+$/N/' | sort | uniq -c | sort -rn > "$OUT/threads.txt"
rss_end=$(rss_mb "$SERVICE")
if [ "${NMT:-1}" = 1 ]; then
  "$JAVA_HOME/bin/jcmd" "$SERVICE" VM.native_memory summary scale=MB > "$OUT/nmt.txt" 2>&1 || true
fi
"$JAVA_HOME/bin/jcmd" "$SERVICE" GC.heap_info > "$OUT/heap_info.txt" 2>&1 || true
"$JAVA_HOME/bin/jcmd" "$SERVICE" VM.classloader_stats > "$OUT/classloaders.txt" 2>&1 || true
kill $SAMPLER 2>/dev/null; wait $SAMPLER 2>/dev/null || true; SAMPLER=
rows=$(( $(filed) - before_rows ))
stop_service "$SERVICE"; SERVICE=
hwm=$(sort -n "$OUT/rss.txt" | tail -1)
# the heap's resident part: the mappings inside the address range GC.heap_info gives (G1 and Serial alike)
heap_rss=$(python3 - "$OUT/heap_info.txt" "$OUT/smaps.txt" <<'PY'
import re, sys
addresses = [int(a, 16) for a in re.findall(r"0x[0-9a-f]{16}", open(sys.argv[1]).read())]
lo, hi, rss, inside = min(addresses), max(addresses), 0, False
for line in open(sys.argv[2]):
    m = re.match(r"^([0-9a-f]+)-([0-9a-f]+) ", line)
    if m:
        inside = lo <= int(m.group(1), 16) and int(m.group(2), 16) <= hi
    elif inside and line.startswith("Rss:"):
        rss += int(line.split()[1])
print(rss // 1024)
PY
)
kb() { awk -v k="$1:" '$1 == k {print int($2 / 1024)}' "$OUT/smaps_rollup.txt"; }
nmt() { sed -nE "s/^-? *$1 \(reserved=[0-9]+MB, committed=([0-9]+)MB.*/\1/p" "$OUT/nmt.txt" | head -1; }
areas=
if [ -s "$OUT/nmt.txt" ]; then
  areas=" nmt_total=$(sed -nE 's/^Total: reserved=[0-9]+MB, committed=([0-9]+)MB.*/\1/p' "$OUT/nmt.txt")"
  for a in "Java Heap" Class Metaspace Thread Code GC Compiler Internal Other Symbol "Native Memory Tracking" "Arena Chunk" "Shared class space"; do
    v=$(nmt "$a"); [ -n "$v" ] && areas+=" $(tr 'A-Z ' 'a-z_' <<< "${a% class space}")=$v"
  done
  areas+=" $(sed -nE 's/^ *malloc: ([0-9]+)MB .*peak=([0-9]+)MB.*/malloc=\1 malloc_peak=\2/p' "$OUT/nmt.txt" | head -1)"
  areas+=" java_threads=$(sed -nE 's/^ *\(threads #([0-9]+)\).*/\1/p' "$OUT/nmt.txt" | head -1)"
  areas+=" classes=$(sed -nE 's/^ *\(classes #([0-9]+)\).*/\1/p' "$OUT/nmt.txt" | head -1)"
fi
printf '%s ready_s=%s (%s) start_cpu_s=%s %s filings=%d cpu_us_per_filing=%.0f rss_ready_mb=%s rss_peak_mb=%s rss_end_mb=%s heap_rss_mb=%s anon_mb=%s file_mb=%s threads=%s%s\n' \
  "$LABEL" "$median" "${readies[*]}" "$cpu_median" "$line" "$rows" "$(echo "$cpu * 1000000 / $(getconf CLK_TCK) / ($rows + ($rows == 0))" | bc -l)" \
  "$rss_ready" "$hwm" "$rss_end" "$heap_rss" "$(kb Anonymous)" "$(( $(kb Rss) - $(kb Anonymous) ))" "$threads" "$areas" | tee "$OUT/summary.txt"
