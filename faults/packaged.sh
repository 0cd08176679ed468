#!/usr/bin/env bash
# The packaged production build, started for real (faults/packaged.py): refuses the repository's keys, a missing
# audience and the console's sign-in without its realm, client or secret; with keys of its own, no /dev/tokens, no demo data, no demo Open311 key. Results: bench/results/packaged-<time>/.
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/java-home.sh
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests
OUT=bench/results/packaged-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$OUT"
python3 -u faults/packaged.py --out "$OUT" "$@" 2>&1 | tee "$OUT/summary.txt"
exit "${PIPESTATUS[0]}"
