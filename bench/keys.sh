# Sourced by the benchmark scripts: a throwaway token key pair and an audience for one run of the packaged service,
# whose production profile refuses the repository's dev keys (security/ProductionGuard). Sets JWT_PRIVATE and
# JWT_PUBLIC and exports LEDGER_JWT_AUDIENCES, which both the service and bench/token.sh read.
BENCH_KEYS=$(mktemp -d /tmp/ledger-bench-keys.XXXXXX)
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$BENCH_KEYS/jwt-private.pem" 2>/dev/null
openssl pkey -in "$BENCH_KEYS/jwt-private.pem" -pubout -out "$BENCH_KEYS/jwt-public.pem"
JWT_PRIVATE=$BENCH_KEYS/jwt-private.pem
JWT_PUBLIC=$BENCH_KEYS/jwt-public.pem
export LEDGER_JWT_AUDIENCES=${LEDGER_JWT_AUDIENCES:-complaint-ledger-bench}
