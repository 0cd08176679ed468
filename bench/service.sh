# Sourced by the benchmarks: starts the packaged service (production profile) against a database and waits until it
# is ready. Needs PGHOST, PGPORT, PGUSER and OUT set by the caller.
# start_service PORT DATABASE LOG [ENV=VALUE ...] [-- JVM_OPTION ...]   (SERVICE_JAR: another build to start)
#   sets SERVICE (the pid) and READY_S (seconds from launching the JVM to /q/health/ready answering 200 on the management port, $port + 1000,
#   or $port + MANAGEMENT_OFFSET);
#   the issuer is BENCH_ISSUER, the token key JWT_PUBLIC from bench/keys.sh (bench/token.sh mints with JWT_PRIVATE):
#   the production profile refuses the repository's dev keys. Rate limits and filing quotas are off: one load generator
#   files as one citizen from one address, which production rightly stops after a handful of filings a minute
#   The JVM runs with the collector the image gives it (docker/Dockerfile.jvm: Serial GC; BENCHMARKS.md, "Memory and
#   start, session 2026-12-07 (hm)"): SERVICE_JVM_OPTS replaces it (empty for the JVM's own choice, G1 on this
#   machine; a collector given as a JVM_OPTION needs SERVICE_JVM_OPTS= beside it)
BENCH_ISSUER=https://bench.complaint-ledger.local
SERVICE_JVM_OPTS=${SERVICE_JVM_OPTS--XX:+UseSerialGC}
[ -n "${JWT_PUBLIC:-}" ] || . bench/keys.sh
start_service() {
  local port=$1 db=$2 log=$3; shift 3
  local envs=() jvm=() management=$((port + ${MANAGEMENT_OFFSET:-1000}))
  while [ $# -gt 0 ]; do
    if [ "$1" = -- ]; then shift; jvm=("$@"); break; fi
    envs+=("$1"); shift
  done
  [ -f "$OUT/ledger-signing.pem" ] || openssl genpkey -algorithm ed25519 -out "$OUT/ledger-signing.pem" 2>/dev/null
  local started; started=$(date +%s.%N)
  env QUARKUS_HTTP_PORT="$port" QUARKUS_MANAGEMENT_PORT="$management" \
    QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://$PGHOST:$PGPORT/$db" \
    QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$PGHOST:$PGPORT/$db" \
    QUARKUS_DATASOURCE_USERNAME="$PGUSER" \
    MP_JWT_VERIFY_PUBLICKEY_LOCATION="$JWT_PUBLIC" \
    LEDGER_JWT_ISSUER="$BENCH_ISSUER" \
    LEDGER_CRYPTO_KEK="${BENCH_KEK:=$(openssl rand -base64 32)}" \
    LEDGER_SIGNING_PRIVATE_KEY_LOCATION="$OUT/ledger-signing.pem" \
    LEDGER_RATE_LIMIT_ENABLED=false \
    "${envs[@]}" \
    "${JAVA_HOME:-/usr}/bin/java" $SERVICE_JVM_OPTS "${jvm[@]}" -jar "${SERVICE_JAR:-target/quarkus-app/quarkus-run.jar}" >> "$log" 2>&1 &
  SERVICE=$!
  until curl -sf "http://127.0.0.1:$management/q/health/ready" > /dev/null; do
    kill -0 $SERVICE 2>/dev/null || { tail -30 "$log" >&2; return 1; }
    sleep 0.05
  done
  READY_S=$(echo "$(date +%s.%N) - $started" | bc)
}

# stop_service PID: SIGTERM, then wait for it (the service drains for quarkus.shutdown.delay first)
stop_service() {
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

# cpu_ticks PID: user + system CPU time of a process so far, in clock ticks (/proc/PID/stat fields 14 and 15)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# jit_ticks PID: the part of it spent by the live JIT compiler threads (C1, C2), which a JVM still warming up on a busy
# machine spends much of its time in
jit_ticks() {
  local t=0 f stat comm
  for f in /proc/"$1"/task/*/stat; do
    stat=$(cat "$f" 2>/dev/null) || continue
    comm=${stat#*(}; comm=${comm%%)*}
    case $comm in
      "C1 Compi"*|"C2 Compi"*) set -- ${stat##*) }; t=$((t + ${12} + ${13})) ;;
    esac
  done
  echo $t
}
# sys_ticks PID: the part of cpu_ticks spent in the kernel (sockets, epoll, /dev/urandom), which no JFR sample shows
sys_ticks() { awk '{print $15}' "/proc/$1/stat"; }
# pg_ticks: CPU time of the whole PostgreSQL server so far, in clock ticks: every postgres process's user + system
# time and, through the postmaster's cutime + cstime, that of the backends that have exited. A filing's cost to the
# database is part of what decides throughput on a shared 2-core machine, which the service's own CPU alone does not show
pg_ticks() {
  local t=0 pid
  for pid in $(pgrep -x postgres); do
    t=$((t + $(awk '{print $14 + $15 + $16 + $17}' "/proc/$pid/stat" 2>/dev/null || echo 0)))
  done
  echo $t
}
# read_side_caught_up DB: "t" once the projections have applied, and the sequencer chained, every event in DB
read_side_caught_up() {
  sql "$1" "SELECT (SELECT count(*) FROM events) <= (SELECT coalesce(min(a), 0) FROM (SELECT sum(applied) AS a
              FROM projection_segments GROUP BY projection) p)
           AND (SELECT count(*) FROM events) <= (SELECT coalesce(max(ledger_seq), 0) FROM ledger_chain)"
}
# sql DB QUERY: a query of the benchmark's own, tried again while PostgreSQL has no connection left for it (shared
# with other work on the machine); its errors go to $OUT/psql.err
sql() {
  local attempt
  for attempt in 1 2 3 4 5 6 7 8 9 10; do
    psql -X -Atq -d "$1" -c "$2" 2>> "$OUT/psql.err" && return
    sleep 0.5
  done
  echo "psql failed 10 times: $OUT/psql.err" >&2; return 1
}
# value KEY LINE: the number after KEY= in a line of KEY=VALUE pairs
value() { sed -nE "s/.*(^| )$1=([0-9.]+).*/\2/p" <<< "$2"; }
rss_mb() { awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$1/status"; }
