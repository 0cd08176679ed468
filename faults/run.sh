#!/usr/bin/env bash
# The fault suite (BENCHMARKS.md, "Fault suite"): the packaged service under load while faults are injected, then the
# ledger and the read side checked. usage: faults/run.sh [SCENARIO ...]   (default: all, about 10 minutes)
# scenarios: kill9 idempotency races pg-restart held-tx saturation. env: FAULTS_PORT (8297), FAULTS_PG_PORT (55497),
# FAULTS_HOLD (60, seconds the held-tx scenario keeps its transaction open).
# It starts a private PostgreSQL cluster (initdb in /tmp, as user postgres when run as root) so that restarting the
# database and holding the xid horizon back disturb nothing else on the machine. Results: bench/results/faults-<time>/.
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/java-home.sh
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests
OUT=bench/results/faults-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$OUT"
python3 -u faults/faults.py --out "$OUT" --port "${FAULTS_PORT:-8297}" --pg-port "${FAULTS_PG_PORT:-55497}" \
  --hold "${FAULTS_HOLD:-60}" "$@" 2>&1 | tee "$OUT/summary.txt"
exit "${PIPESTATUS[0]}"
