#!/usr/bin/env bash
# Verification of a large ledger by the packaged service: generates EVENTS hash-chained events with an independent
# implementation of the hash format (bench/generate-ledger.py), COPYs them in, lets the service's sequencer chain and
# checkpoint them, then times GET /api/ledger/verify (a cold run, then a warm one) while sampling the service's
# resident memory and heap. The heap is capped (HEAP), which a verifier that held the ledger in memory could not pass.
# The projections and the deadline scheduler are off: they would be building from the same million events meanwhile.
# usage: bench/verify.sh [EVENTS=1000000] [HEAP=256m]
# env: BENCH_DB (database, default ledger_bench_verify), BENCH_PORT, SERVICE_JAR (another build), REUSE=1 (see below),
# JFR=1 (a CPU profile of the cold verification: profile.jfr and profile.txt in the results directory), WARM=0 (the
# cold run only), SERVICE_JVM_OPTS (the collector: the image's Serial GC unless set, as in bench/service.sh; empty for
# the JVM's own choice, G1 on this machine)
# needs: python3, psql, openssl, curl, a PostgreSQL at 127.0.0.1:5432 (postgres, trust), JAVA_HOME with a JDK 21+
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/java-home.sh
. bench/keys.sh
. bench/service.sh
EVENTS=${1:-1000000}
HEAP=${2:-256m}
PORT=${BENCH_PORT:-8091}
DB=${BENCH_DB:-ledger_bench_verify}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
OUT=bench/results/verify-$(date -u +%Y%m%dT%H%M%SZ)-$$
mkdir -p "$OUT"

[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests

# REUSE=1 keeps a ledger of at least EVENTS from an earlier run (its checkpoints then verify under the old key)
reuse=0
if [ "${REUSE:-0}" = 1 ] && [ "$(psql -X -Atq -d $DB -c 'SELECT coalesce(max(ledger_seq), 0) FROM ledger_chain' 2>/dev/null || echo 0)" -ge "$EVENTS" ]; then
  reuse=1
else
  psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
fi
# the ledger's checkpoint key is kept beside the results for the database, so that a REUSE run trusts the checkpoints
# the first run signed
SIGNING_KEY=bench/results/$DB-ledger-signing.pem
[ $reuse = 1 ] && [ -f "$SIGNING_KEY" ] || openssl genpkey -algorithm ed25519 -out "$SIGNING_KEY" 2>/dev/null
ISSUER=https://bench.complaint-ledger.local
QUARKUS_HTTP_PORT=$PORT QUARKUS_MANAGEMENT_PORT=$((PORT + 1000)) \
QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://$PGHOST:$PGPORT/$DB \
QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://$PGHOST:$PGPORT/$DB \
QUARKUS_DATASOURCE_USERNAME=$PGUSER \
MP_JWT_VERIFY_PUBLICKEY_LOCATION="$JWT_PUBLIC" \
LEDGER_JWT_ISSUER=$ISSUER \
LEDGER_CRYPTO_KEK=$(openssl rand -base64 32) \
LEDGER_SIGNING_PRIVATE_KEY_LOCATION=$SIGNING_KEY \
LEDGER_SEQUENCER_BATCH_SIZE=${BATCH:-5000} \
LEDGER_PROJECTIONS_ENABLED=false LEDGER_DEADLINES_SCHEDULER_ENABLED=false \
  "${JAVA_HOME:-/usr}/bin/java" $SERVICE_JVM_OPTS -Xmx"$HEAP" -jar "${SERVICE_JAR:-target/quarkus-app/quarkus-run.jar}" > "$OUT/service.log" 2>&1 &
SERVICE=$!
SAMPLER=
trap 'kill $SERVICE ${SAMPLER:-} 2>/dev/null || true; wait $SERVICE 2>/dev/null || true' EXIT
until curl -sf "http://127.0.0.1:$((PORT + 1000))/q/health/ready" > /dev/null; do
  kill -0 $SERVICE 2>/dev/null || { cat "$OUT/service.log"; exit 1; }
  sleep 0.2
done

now() { date +%s.%N; }
elapsed() { echo "$(now) - $1" | bc; }
COLUMNS="stream_id, stream_version, event_id, type, schema_version, occurred_at, recorded_at, actor, data, metadata, previous_hash, hash"
if [ $reuse = 0 ]; then
  started=$(now)
  copies=()
  for part in 0 1; do
    python3 bench/generate-ledger.py $((EVENTS / 2 + part * (EVENTS % 2))) $part 2 \
      | psql -X -q -d $DB -c "\\copy events ($COLUMNS) FROM STDIN WITH (FORMAT csv)" &
    copies+=($!)
  done
  wait "${copies[@]}"
  generated=$(elapsed "$started")
  started=$(now)
  until [ "$(psql -X -Atq -d $DB -c 'SELECT coalesce(max(ledger_seq), 0) FROM ledger_chain')" -ge "$EVENTS" ]; do
    sleep 1
  done
  sequenced=$(elapsed "$started")
fi
# what autovacuum would soon do after a bulk load; the planner needs the statistics
psql -X -q -d $DB -c "ANALYZE"

TOKEN=$(bench/token.sh "$JWT_PRIVATE" "$ISSUER" bench-auditor auditor)
heap_mb() {
  curl -s "http://127.0.0.1:$((PORT + 1000))/q/metrics" \
    | awk 'index($0, "jvm_memory_used_bytes{area=\"heap\"") == 1 {sum += $NF} END {printf "%d", sum / 1048576}'
}
# seconds of CPU since a count of clock ticks (bench/service.sh's cpu_ticks, pg_ticks, jit_ticks): the service's
# CPU, user and system, of all its threads, is on a shared machine a steadier figure than the time
seconds_since() { echo "($1 - $2) / $(getconf CLK_TCK)" | bc -l; }
verify() {
  : > "$OUT/samples-$1.txt"
  ( while kill -0 $SERVICE 2>/dev/null; do echo "$(rss_mb $SERVICE) $(heap_mb)" >> "$OUT/samples-$1.txt"; sleep 0.5; done ) \
    > /dev/null 2>&1 &
  SAMPLER=$!
  cpu_before=$(cpu_ticks $SERVICE) pg_before=$(pg_ticks) jit_before=$(jit_ticks $SERVICE)
  [ "${JFR:-0}" = 1 ] && [ "$1" = cold ] && jcmd $SERVICE JFR.start settings=profile filename="$OUT/profile.jfr" > /dev/null
  seconds=$(curl -s -o "$OUT/verify-$1.json" -w '%{time_total}' -H "Authorization: Bearer $TOKEN" \
    "http://127.0.0.1:$PORT/api/ledger/verify")
  cpu=$(seconds_since "$(cpu_ticks $SERVICE)" "$cpu_before")
  pg=$(seconds_since "$(pg_ticks)" "$pg_before")
  jit=$(seconds_since "$(jit_ticks $SERVICE)" "$jit_before")
  kill $SAMPLER; wait $SAMPLER 2>/dev/null || true
  if [ "${JFR:-0}" = 1 ] && [ "$1" = cold ]; then
    jcmd $SERVICE JFR.stop filename="$OUT/profile.jfr" > /dev/null
    # on a loaded machine the recording can take longer than a moment to be written out
    for _ in $(seq 300); do "$JAVA_HOME/bin/jfr" summary "$OUT/profile.jfr" > /dev/null 2>&1 && break; sleep 1; done
    bench/jfr-top.sh "$OUT/profile.jfr" > "$OUT/profile.txt" || echo "profile not summarised" >&2
  fi
  checked=$(python3 -c "import json,sys; r=json.load(open(sys.argv[1])); assert r['valid'], r; print(r['checkedEvents'])" \
    "$OUT/verify-$1.json")
  read -r rss heap < <(sort -n -k1 "$OUT/samples-$1.txt" | tail -1)
  maxheap=$(sort -n -k2 "$OUT/samples-$1.txt" | tail -1 | cut -d' ' -f2)
  printf 'verify %s: %s events in %.1f s = %.0f events/s; service CPU %.1f s = %.1f µs/event (JIT compiler threads %.1f µs); PostgreSQL CPU %.1f s = %.1f µs/event; peak RSS %s MB, peak heap used %s MB (-Xmx%s)\n' \
    "$1" "$checked" "$seconds" "$(echo "$checked / $seconds" | bc -l)" "$cpu" "$(echo "$cpu * 1000000 / $checked" | bc -l)" "$(echo "$jit * 1000000 / $checked" | bc -l)" "$pg" "$(echo "$pg * 1000000 / $checked" | bc -l)" \
    "$rss" "$maxheap" "$HEAP"
}

{
  echo "# verification benchmark $(date -u +%FT%TZ), $EVENTS events, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
  if [ $reuse = 0 ]; then
    printf 'generated and copied: %.1f s; sequenced (batches of %s, signed checkpoints): %.1f s = %.0f events/s\n' \
      "$generated" "${BATCH:-5000}" "$sequenced" "$(echo "$EVENTS / $sequenced" | bc -l)"
  else
    echo "reused the ledger of an earlier run: $(psql -X -Atq -d $DB -c 'SELECT max(ledger_seq) FROM ledger_chain') events"
  fi
  echo "checkpoints: $(psql -X -Atq -d $DB -c 'SELECT count(*) FROM ledger_checkpoints')"
  echo "RSS before verification: $(rss_mb $SERVICE) MB"
  verify cold
  if [ "${WARM:-1}" = 1 ]; then verify warm; cat "$OUT/verify-warm.json"; else cat "$OUT/verify-cold.json"; fi; echo
} | tee "$OUT/summary.txt"
