#!/bin/bash
# PostgreSQL's first start (docker-entrypoint-initdb.d): the two roles of README's "Database roles". ledger_owner owns
# the database and runs Flyway; the service logs in as ledger_app, a member of ledger_runtime, which V12 grants only
# what the service needs. The superuser is for this script and the DBA only.
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
     -v owner_password="$(cat /keys/db-owner-password)" -v app_password="$(cat /keys/db-app-password)" <<'SQL'
CREATE ROLE ledger_owner LOGIN PASSWORD :'owner_password';
CREATE ROLE ledger_runtime NOLOGIN;
CREATE ROLE ledger_app LOGIN PASSWORD :'app_password' IN ROLE ledger_runtime;
-- the image created the database (POSTGRES_DB) as the superuser; from PostgreSQL 15 its public schema belongs to
-- whoever owns the database
ALTER DATABASE ledger OWNER TO ledger_owner;
SQL
