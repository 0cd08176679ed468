#!/usr/bin/env bash
# Evidence uploads under a small heap: N concurrent uploads of a ~10 MB photo each (default 20), the service capped at
# -Xmx256m, against the packaged service on PostgreSQL. Reports upload throughput (MB/s over the wall time of the
# whole burst), each upload's status and the service's peak RSS (VmHWM). usage: bench/attachments.sh [N=20] [MB=10]
# The photo is a synthetic baseline JPEG (SOI, an EXIF segment with a GPS block, a scan of random entropy-coded
# bytes, EOI), so every upload goes through type detection, the metadata stripper, hashing, encryption and storage.
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/java-home.sh
N=${1:-20}
MB=${2:-10}
PORT=${BENCH_PORT:-8091}
DB=ledger_attachments_bench
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
OUT=bench/results/attachments-$(date -u +%Y%m%dT%H%M%SZ); mkdir -p "$OUT"
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests
JAVA="${JAVA_HOME:-/usr}/bin/java"
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
ISSUER=https://bench.complaint-ledger.local
. bench/keys.sh  # throwaway token keys: the production profile refuses the repository's dev keys
KEY=$(mktemp); openssl genpkey -algorithm ed25519 -out "$KEY" 2>/dev/null
PHOTO=$(mktemp --suffix=.jpg)
python3 - "$PHOTO" "$MB" <<'PY'
import os, struct, sys
path, mb = sys.argv[1], float(sys.argv[2])
exif = b"Exif\0\0" + b"MM\0*\0\0\0\x08" + b"GPS 1.4650N 102.1073E serial SN-0042" * 4
scan = bytearray(os.urandom(int(mb * 1000 * 1000) - 2048))
scan = bytes(scan).replace(b"\xff", b"\xff\x00")  # byte stuffing, as in real entropy-coded data
sof = b"\xff\xc0" + struct.pack(">HBHHB", 17, 8, 480, 640, 3) + b"\x01\x22\x00\x02\x11\x01\x03\x11\x01"
sos = b"\xff\xda" + struct.pack(">HB", 12, 3) + b"\x01\x00\x02\x11\x03\x11\x00\x3f\x00"
with open(path, "wb") as f:
    f.write(b"\xff\xd8" + b"\xff\xe1" + struct.pack(">H", len(exif) + 2) + exif + sof + sos + scan[: int(mb * 1000 * 1000) - 200] + b"\xff\xd9")
PY
SIZE=$(stat -c %s "$PHOTO")
if curl -s "http://127.0.0.1:$((PORT + 1000))/q/health" > /dev/null; then echo "port $PORT is taken (BENCH_PORT=...)"; exit 1; fi
QUARKUS_HTTP_PORT=$PORT QUARKUS_MANAGEMENT_PORT=$((PORT + 1000)) QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://$PGHOST:$PGPORT/$DB \
QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://$PGHOST:$PGPORT/$DB QUARKUS_DATASOURCE_USERNAME=$PGUSER \
MP_JWT_VERIFY_PUBLICKEY_LOCATION="$JWT_PUBLIC" LEDGER_JWT_ISSUER=$ISSUER \
LEDGER_CRYPTO_KEK=$(openssl rand -base64 32) LEDGER_SIGNING_PRIVATE_KEY_LOCATION="$KEY" LEDGER_RATE_LIMIT_ENABLED=false \
  "$JAVA" -Xmx256m -jar target/quarkus-app/quarkus-run.jar > "$OUT/service.log" 2>&1 &
SERVICE=$!
trap 'kill $SERVICE 2>/dev/null || true; wait $SERVICE 2>/dev/null || true; rm -f "$KEY" "$PHOTO"' EXIT
until curl -sf "http://127.0.0.1:$((PORT + 1000))/q/health/ready" > /dev/null; do
  kill -0 $SERVICE 2>/dev/null || { tail -20 "$OUT/service.log"; exit 1; }
  sleep 0.2
done
token() { bench/token.sh "$JWT_PRIVATE" "$ISSUER" "$@"; }
CITIZEN=$(token bench-citizen citizen)
ids=()
for i in $(seq 1 "$N"); do
  ids+=("$(curl -sf -H "Authorization: Bearer $CITIZEN" -H 'Content-Type: application/json' \
    --data @bench/complaint.json "http://127.0.0.1:$PORT/api/complaints" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')")
done
RSS_BEFORE=$(awk '/VmRSS/ {print $2}' /proc/$SERVICE/status)
start=$(date +%s.%N)
uploads=()
for i in $(seq 0 $((N - 1))); do
  curl -s -o "$OUT/upload-$i.json" -w '%{http_code}\n' -H "Authorization: Bearer $CITIZEN" \
    -F "file=@$PHOTO;type=image/jpeg" -F "caption=bench $i" \
    "http://127.0.0.1:$PORT/api/complaints/${ids[$i]}/attachments" > "$OUT/status-$i" &
  uploads+=($!)
done
wait "${uploads[@]}"  # not the service, which is a child too
end=$(date +%s.%N)
PEAK=$(awk '/VmHWM/ {print $2}' /proc/$SERVICE/status)
ok=$(cat "$OUT"/status-* | grep -c '^201$' || true)
# one download back, checked against the hash the ledger recorded
first=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$OUT/upload-0.json")
sha=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["sha256"])' "$OUT/upload-0.json")
got=$(curl -sf -H "Authorization: Bearer $CITIZEN" "http://127.0.0.1:$PORT/api/complaints/${ids[0]}/attachments/$first" | sha256sum | cut -d' ' -f1)
{
  echo "# attachment upload benchmark $(date -u +%FT%TZ): $N concurrent uploads of $SIZE bytes, -Xmx256m, $(nproc) cores"
  echo "uploads answered 201: $ok of $N (statuses: $(cat "$OUT"/status-* | sort | uniq -c | tr '\n' ' '))"
  python3 -c "import sys; n,s,a,b=int(sys.argv[1]),int(sys.argv[2]),float(sys.argv[3]),float(sys.argv[4]); print(f'wall time {b-a:.2f} s, throughput {n*s/1e6/(b-a):.1f} MB/s')" "$N" "$SIZE" "$start" "$end"
  echo "service RSS before the burst $((RSS_BEFORE / 1024)) MiB, peak RSS (VmHWM) $((PEAK / 1024)) MiB"
  echo "downloaded sha256 matches the recorded one: $([ "$got" = "$sha" ] && echo yes || echo NO)"
} | tee "$OUT/summary.txt"
