#!/usr/bin/env bash
# Mints an RS256 bearer token with openssl alone, for benchmarks against the packaged (production-profile) service,
# which has no dev token endpoint. usage: token.sh PRIVATE_KEY_PEM ISSUER SUBJECT ROLE [AGENCY]
# The audience is the first of LEDGER_JWT_AUDIENCES (bench/keys.sh exports it for the service too).
set -euo pipefail
KEY=$1 ISS=$2 SUB=$3 ROLE=$4 AGENCY=${5:-}
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
now=$(date +%s); exp=$((now + 86400))
header='{"alg":"RS256","typ":"JWT"}'
agency_claim=""; [ -n "$AGENCY" ] && agency_claim=",\"agency\":\"$AGENCY\""
AUD=${LEDGER_JWT_AUDIENCES:-complaint-ledger}; AUD=${AUD%%,*}
payload="{\"iss\":\"$ISS\",\"aud\":\"$AUD\",\"sub\":\"$SUB\",\"upn\":\"$SUB\",\"groups\":[\"$ROLE\"],\"iat\":$now,\"exp\":$exp$agency_claim}"
unsigned="$(printf %s "$header" | b64url).$(printf %s "$payload" | b64url)"
signature=$(printf %s "$unsigned" | openssl dgst -sha256 -sign "$KEY" | b64url)
printf '%s.%s\n' "$unsigned" "$signature"
