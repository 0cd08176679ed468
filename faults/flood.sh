#!/usr/bin/env bash
# Filing under a flood of anonymous reads from one address (faults/flood.py): filings/s without and with the flood,
# and the flood's share of 429s. usage: faults/flood.sh [--seconds 20] [--filers 8] [--flooders 16] [--unlimited]
# Results: bench/results/flood-<time>/.
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/java-home.sh
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests
OUT=bench/results/flood-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$OUT"
python3 -u faults/flood.py --out "$OUT" "$@" 2>&1 | tee "$OUT/summary.txt"
exit "${PIPESTATUS[0]}"
