#!/usr/bin/env bash
# The whole test suite as CI runs it (./mvnw -B verify, here offline), timed, then where its time went.
# usage: bench/suite-run.sh LOG [extra Maven arguments, e.g. -Dledger.test.db.name=ledger_test_me]
# Writes the Maven output to LOG, and beside it LOG.pauses (one line a second: epoch, state of the Maven process).
# Prints: wall time, CPU time of Maven and everything it waited for, the time the run spent stopped (a shared machine's
# benchmarks may SIGSTOP other work while they measure: the seconds the process was in state T, and gaps in the meter's
# own clock when it was stopped too), the wall time less that, then bench/suite-times.sh on the reports.
set -uo pipefail
cd "$(dirname "$0")/.."
. .ci/java-home.sh
LOG=${1:?usage: bench/suite-run.sh LOG [maven args]}
shift
: > "$LOG.pauses"
start=$(date +%s.%N)
/usr/bin/time -f 'cpu: %U s user, %S s system' -o "$LOG.cpu" ./mvnw -B -o verify "$@" > "$LOG" 2>&1 &
runner=$!
# the Maven JVM is the time command's child
sleep 2
maven=$(pgrep -P "$runner" | head -1)
while kill -0 "$runner" 2>/dev/null; do
  echo "$(date +%s.%N) $(awk '/^State/{print $2}' "/proc/${maven:-$runner}/status" 2>/dev/null)" >> "$LOG.pauses"
  sleep 1
done
wait "$runner"
rc=$?
end=$(date +%s.%N)
python3 - "$start" "$end" "$LOG.pauses" "$rc" <<'EOF'
import sys
start, end, path, rc = float(sys.argv[1]), float(sys.argv[2]), sys.argv[3], sys.argv[4]
samples = [l.split() for l in open(path) if l.strip()]
stopped, last = 0.0, None
for s in samples:
    t, state = float(s[0]), (s[1] if len(s) > 1 else "")
    if last is not None:
        dt = t - last[0]
        if last[1] == "T":
            stopped += dt           # the process was stopped for this interval
        elif dt > 1.5:
            stopped += dt - 1.0     # the meter itself was stopped (and the run with it)
    last = (t, state)
wall = end - start
print(f"exit: {rc}")
print(f"wall: {wall:.0f} s ({wall/60:.1f} min); stopped (SIGSTOP) about {stopped:.0f} s; running: {wall-stopped:.0f} s ({(wall-stopped)/60:.1f} min)")
EOF
cat "$LOG.cpu" 2>/dev/null | grep '^cpu' || true
bench/suite-times.sh target 15 "$LOG"
exit $rc
