#!/bin/bash
# Trains the JDK's AOT cache (JEP 483/514/515) at image build, on the image's own JDK and with the image's own launcher
# and JVM options, so that the cache matches the JVM that will use it (a cache written by another JDK build, or with
# other class-path or heap-layout options, is refused at start, with a warning, and the service starts without it).
# Run by docker/Dockerfile.jvm as the image's user: starts the packaged service once against the embedded PostgreSQL
# the jar carries (-Dledger.embedded.enabled=true, data under a scratch directory), with throw-away keys mounted from
# the build's key stage ($KEYS), waits until it is ready, asks it a few requests, stops it; the JVM writes the cache
# as it exits. Nothing of the run stays in the image but the cache: the keys are a build mount, the database and the
# logs are removed.
# usage: aot-train.sh CACHE KEYS_DIR   (env: AOT_TRAIN_SECONDS=10, how long to keep it up once ready,
#        AOT_TRAIN_START_TIMEOUT=1500 (tenths of a second: wait for ready so long, at most); LAUNCHER, the
#        command that starts the JVM with JAVA_OPTS_APPEND, default the image's run-java.sh; AOT_TRAIN_PORT=18080,
#        +1 the management port, +2 the embedded PostgreSQL)
set -euo pipefail
CACHE=$1 KEYS=$2
SCRATCH=$(mktemp -d)
SERVICE=
# what the service said, without the JVM's list of classes it left out of the cache
said() { grep -v '^\[[0-9.]*s\]\[warning\]\[aot' "$SCRATCH/service.log" | tail -40 >&2; }
trap '[ -n "$SERVICE" ] && kill -9 $SERVICE 2> /dev/null; rm -rf "$SCRATCH"' EXIT
PORT=${AOT_TRAIN_PORT:-18080}
MANAGEMENT=$((PORT + 1))
# bash asks the endpoint itself: the image has no curl
status() {
  exec 3<> "/dev/tcp/127.0.0.1/$1" || return 1
  printf 'GET %s HTTP/1.0\r\nHost: localhost\r\n\r\n' "$2" >&3
  head -1 <&3 | cut -d' ' -f2
  exec 3>&-
}
env QUARKUS_HTTP_PORT=$PORT QUARKUS_MANAGEMENT_PORT=$MANAGEMENT \
  MP_JWT_VERIFY_PUBLICKEY_LOCATION="$KEYS/jwt-public.pem" \
  LEDGER_JWT_ISSUER=https://aot-training.complaint-ledger.local LEDGER_JWT_AUDIENCES=complaint-ledger \
  LEDGER_CRYPTO_KEK="$(cat "$KEYS/kek")" \
  LEDGER_SIGNING_PRIVATE_KEY_LOCATION="$KEYS/ledger-signing.pem" \
  JAVA_OPTS_APPEND="${JAVA_OPTS_APPEND:-} -XX:AOTCacheOutput=$CACHE -Dledger.embedded.enabled=true \
    -Dledger.embedded.data-dir=$SCRATCH/pgdata -Dledger.embedded.port=$((PORT + 2)) -Dot.epg.working-dir=$SCRATCH" \
  "${LAUNCHER:-/opt/jboss/container/java/run/run-java.sh}" > "$SCRATCH/service.log" 2>&1 &
SERVICE=$!
for _ in $(seq 1 ${AOT_TRAIN_START_TIMEOUT:-1500}); do
  [ "$(status $MANAGEMENT /q/health/ready 2> /dev/null)" = 200 ] && break
  kill -0 $SERVICE 2> /dev/null || { said; exit 1; }
  sleep 0.2
done
[ "$(status $MANAGEMENT /q/health/ready 2> /dev/null)" = 200 ] || { said; exit 1; }
# the public reads and an unauthenticated filing's refusal take the request path's classes in; a filing needs a token
# signed by the build's throw-away key, which the image has no tool to mint
end=$((SECONDS + ${AOT_TRAIN_SECONDS:-10}))
while [ $SECONDS -lt $end ]; do
  status $PORT /api/statistics > /dev/null 2>&1 || true
  status $PORT /api/complaints/mine > /dev/null 2>&1 || true
  status $PORT /open311/v2/services.json > /dev/null 2>&1 || true
done
kill -TERM $SERVICE
wait $SERVICE || true
SERVICE=
[ -s "$CACHE" ] || { said; echo "no AOT cache written" >&2; exit 1; }
echo "AOT cache: $CACHE ($(du -m "$CACHE" | cut -f1) MB)"
