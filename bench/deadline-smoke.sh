#!/usr/bin/env bash
# The packaged service with a two-second follow-up deadline: a dispatched complaint shows deadline-missed in its
# history within a few seconds, and nothing else happens to it. usage: bench/deadline-smoke.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/java-home.sh
. bench/keys.sh
PORT=${BENCH_PORT:-8097}
DB=ledger_deadline_smoke
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
ISSUER=https://smoke.complaint-ledger.local
KEY=$(mktemp); openssl genpkey -algorithm ed25519 -out "$KEY" 2>/dev/null
QUARKUS_HTTP_PORT=$PORT QUARKUS_MANAGEMENT_PORT=$((PORT + 1000)) QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://$PGHOST:$PGPORT/$DB \
QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://$PGHOST:$PGPORT/$DB QUARKUS_DATASOURCE_USERNAME=$PGUSER \
MP_JWT_VERIFY_PUBLICKEY_LOCATION="$JWT_PUBLIC" LEDGER_JWT_ISSUER=$ISSUER \
LEDGER_CRYPTO_KEK=$(openssl rand -base64 32) LEDGER_SIGNING_PRIVATE_KEY_LOCATION="$KEY" \
LEDGER_DEADLINES_FOLLOW_UP=PT2S \
  "$JAVA_HOME/bin/java" -jar target/quarkus-app/quarkus-run.jar > /tmp/deadline-smoke.log 2>&1 &
SERVICE=$!
trap 'kill $SERVICE 2>/dev/null || true; rm -f "$KEY"' EXIT
until curl -sf "http://127.0.0.1:$((PORT + 1000))/q/health/ready" > /dev/null; do sleep 0.2; done
token() { bench/token.sh "$JWT_PRIVATE" "$ISSUER" "$@"; }
BASE=http://127.0.0.1:$PORT/api/complaints
ID=$(curl -sf -X POST "$BASE" -H "Authorization: Bearer $(token warga-smoke citizen)" -H 'Content-Type: application/json' \
  -d @bench/complaint.json | jq -r .id)
curl -sf -X POST "$BASE/$ID/dispatch" -H "Authorization: Bearer $(token op-smoke operator)" \
  -H 'Content-Type: application/json' -d '{"agencyId":"dinas-pupr"}' > /dev/null
dispatched=$(date +%s.%N)
AUDITOR=$(token auditor-smoke auditor)
for _ in $(seq 1 100); do
  types=$(curl -sf "$BASE/$ID/history" -H "Authorization: Bearer $AUDITOR" | jq -r '[.events[].type] | join(" ")')
  case "$types" in *deadline-missed*) break ;; esac
  sleep 0.1
done
seen=$(echo "$(date +%s.%N) - $dispatched" | bc)
echo "history: $types"
printf 'deadline-missed seen %.1f s after dispatch\n' "$seen"
case "$types" in
  *"deadline-set complaint.deadline-missed") echo "OK: the follow-up deadline fired, nothing else was touched" ;;
  *) echo "FAILED"; exit 1 ;;
esac
