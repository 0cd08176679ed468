#!/usr/bin/env bash
# Where the test suite's time goes, read from the reports of the last `./mvnw -B verify` (or of a copy of them).
# usage: bench/suite-times.sh [REPORTS_DIR=target] [TOP=15] [MAVEN_LOG]
#   REPORTS_DIR: a directory holding surefire-reports/ and failsafe-reports/ (target/, or a copy kept for a
#                before/after, e.g. `cp -r target/surefire-reports target/failsafe-reports /tmp/before/`)
#   MAVEN_LOG:   the run's Maven output, for the wall time ("Total time") and the number of Quarkus starts
# Prints: the TOP slowest test classes (seconds, tests, skipped, failures+errors), the sum of all classes' times per
# plugin, the counts of tests, and from the log the wall time and how many times the application started.
# A class's time is what JUnit reports for it: the Quarkus start, when that class was the first of its profile, is in it.
set -euo pipefail
cd "$(dirname "$0")/.."
DIR=${1:-target}
TOP=${2:-15}
LOG=${3:-}
python3 - "$DIR" "$TOP" <<'EOF'
import glob, os, sys, xml.etree.ElementTree as ET
directory, top = sys.argv[1], int(sys.argv[2])
rows, totals = [], {}
for plugin in ("surefire-reports", "failsafe-reports"):
    for path in sorted(glob.glob(os.path.join(directory, plugin, "TEST-*.xml"))):
        suite = ET.parse(path).getroot()
        t = float(suite.get("time", "0").replace(",", ""))
        tests, skipped = int(suite.get("tests", 0)), int(suite.get("skipped", 0))
        bad = int(suite.get("failures", 0)) + int(suite.get("errors", 0))
        rows.append((t, suite.get("name").rsplit(".", 1)[-1], tests, skipped, bad, plugin.split("-")[0]))
        s = totals.setdefault(plugin.split("-")[0], [0.0, 0, 0, 0, 0])
        s[0] += t; s[1] += tests; s[2] += skipped; s[3] += bad; s[4] += 1
if not rows:
    sys.exit(f"no TEST-*.xml under {directory}/surefire-reports or {directory}/failsafe-reports")
rows.sort(reverse=True)
print(f"{'seconds':>8} {'tests':>6} {'skip':>5} {'fail':>5}  class")
for t, name, tests, skipped, bad, plugin in rows[:top]:
    print(f"{t:8.1f} {tests:6d} {skipped:5d} {bad:5d}  {name}" + ("  (failsafe)" if plugin == "failsafe" else ""))
for plugin, (t, tests, skipped, bad, classes) in totals.items():
    print(f"{plugin}: {classes} classes, {tests} tests, {skipped} skipped, {bad} failed; classes' time summed {t:.1f} s")
EOF
if [ -n "$LOG" ]; then
  grep -E '^\[INFO\] Total time:' "$LOG" | sed 's/^\[INFO\] /maven wall: /' || true
  # one line per application start in the tests (the packaged jar's start in failsafe included)
  echo "quarkus starts: $(grep -cE 'complaint-ledger .* started in [0-9.]+s' "$LOG" || true)"
fi
