#!/bin/sh
# Run once by compose's "keys" service, before PostgreSQL and the service start: fresh secrets in the ledger-keys
# volume on the first start, kept on later ones. Nothing here comes from the repository, whose demo keys the packaged
# service refuses (security/ProductionGuard). A value given in the environment (LEDGER_CRYPTO_KEK ...) wins over the
# generated file at the service's start (docker/compose.yaml).
set -eu
cd /keys
umask 022
[ -s jwt-private.pem ] || openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out jwt-private.pem
[ -s jwt-public.pem ] || openssl pkey -in jwt-private.pem -pubout -out jwt-public.pem
[ -s ledger-signing.pem ] || openssl genpkey -algorithm ed25519 -out ledger-signing.pem
[ -s kek ] || openssl rand -base64 32 > kek
for role in superuser owner app; do
  [ -s "db-$role-password" ] || openssl rand -hex 24 > "db-$role-password"
done
# read by the service (uid 185) and PostgreSQL (uid 999); the volume is mounted by these containers only
chmod 0444 ./*
echo "keys ready in the ledger-keys volume (token signing key: jwt-private.pem)"
