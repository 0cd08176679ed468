#!/usr/bin/env bash
# Staff search over N complaint views (default 1,000,000): the statement GET /api/complaints?q=… sends (ComplaintSearch:
# the indonesian full-text match on the generated search_text column, newest first, a page of 50 + 1), timed by
# pgbench in PostgreSQL itself, so the figure is the database's share of a search, without HTTP and JSON.
# The views are synthetic rows made by SQL (a title of 4 and a description of 12 words drawn from 60 common
# Indonesian words and 20,000 rare tokens), inserted into the real schema (every migration, V17 included).
# usage: bench/search.sh [rows] [seconds]   (prints p50/p95/p99 per kind of query: common word, rare word, tracking number)
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${1:-1000000}
SECONDS_PER_KIND=${2:-30}
DB=${BENCH_DB:-ledger_bench_search}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
WORK=$(mktemp -d); trap 'rm -rf "$WORK"' EXIT

if [ "${REUSE:-0}" != 1 ]; then
  psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
  for f in $(ls src/main/resources/db/migration/V*.sql | sort -t V -k2 -n); do
    psql -X -q -v ON_ERROR_STOP=1 -d "$DB" -f "$f" > /dev/null
  done
  start=$(date +%s)
  psql -X -q -v ON_ERROR_STOP=1 -d "$DB" <<SQL
CREATE TEMP TABLE common(i int, w text);
INSERT INTO common SELECT row_number() OVER (), w FROM unnest(string_to_array(
 'jalan rusak berlubang lampu padam sampah menumpuk banjir saluran tersumbat air bersih listrik pelayanan puskesmas '
 'sekolah guru izin usaha pungutan liar petugas lambat antrean panjang jembatan retak pasar kotor parkir macet '
 'trotoar diperbaiki perbaikan pembangunan dibangun kerusakan bantuan sosial tidak tepat sasaran kartu keluarga '
 'kependudukan terlambat ditolak pengaduan laporan warga kelurahan kecamatan desa rumah sakit obat dokter', ' ')) w;
INSERT INTO complaint_views (id, version, tracking_number, status, report_type, category, channel, agency_id,
                             complainant_id, anonymous, confidential, escalated, due_at, submitted_at, updated_at, state)
SELECT gen_random_uuid(), 3,
       'LPR-' || upper(substr(md5(g::text), 1, 4)) || '-' || upper(substr(md5(g::text), 5, 4)) || '-' || upper(substr(md5(g::text), 9, 4)),
       (ARRAY['SUBMITTED','DISPATCHED','IN_PROGRESS','RESPONDED','COMPLETED'])[1 + g % 5], 'COMPLAINT',
       (ARRAY['INFRASTRUCTURE','HEALTH','EDUCATION','ENVIRONMENT','SOCIAL_WELFARE','TRANSPORT'])[1 + g % 6],
       (ARRAY['WEB','MOBILE_APP','SMS_1708','WHATSAPP'])[1 + g % 4],
       (ARRAY['dinas-pupr','dinkes','disdik', NULL])[1 + g % 4], 'bench-' || g, false, false, false,
       now() + (g % 60) * interval '1 day', now() - (g % 365) * interval '1 day' - (g % 86400) * interval '1 second',
       now(),
       jsonb_build_object(
         'title', (SELECT string_agg(CASE WHEN k % 2 = 0 THEN (SELECT w FROM common WHERE i = 1 + (g * 7 + k * 13) % 60)
                                          ELSE 'kata' || ((g * 31 + k * 7919) % 20000) END, ' ')
                   FROM generate_series(1, 4) k),
         'description', (SELECT string_agg(CASE WHEN k % 3 <> 0 THEN (SELECT w FROM common WHERE i = 1 + (g * 11 + k * 17) % 60)
                                                ELSE 'kata' || ((g * 97 + k * 104729) % 20000) END, ' ')
                         FROM generate_series(1, 12) k),
         'followUps', '[]'::jsonb)
  FROM generate_series(1, $ROWS) g;
ANALYZE complaint_views;
SQL
  echo "generated $ROWS views in $(( $(date +%s) - start )) s"
fi

QUERY="SELECT id, version, tracking_number, status, report_type, category, channel, agency_id, complainant_id,
       anonymous, confidential, escalated, due_at, submitted_at, updated_at, state::text AS state
  FROM complaint_views WHERE TRUE AND search_text @@ websearch_to_tsquery('indonesian', :term)"
ORDER="ORDER BY submitted_at DESC, id DESC LIMIT 51;"
cat > "$WORK/common.sql" <<SQL
\set n random(0, 9)
SELECT (ARRAY['perbaikan','jalan','sampah','banjir','pelayanan','puskesmas','jembatan','pungutan liar','lampu padam','izin usaha'])[:n + 1] AS term \gset
$QUERY $ORDER
SQL
cat > "$WORK/rare.sql" <<SQL
\set n random(0, 19999)
SELECT 'kata' || :n AS term \gset
$QUERY $ORDER
SQL
cat > "$WORK/tracking.sql" <<SQL
\set n random(1, $ROWS)
SELECT 'LPR-' || upper(substr(md5(:n::text), 1, 4)) || '-' || upper(substr(md5(:n::text), 5, 4)) || '-' || upper(substr(md5(:n::text), 9, 4)) AS number \gset
$QUERY OR tracking_number = :number $ORDER
SQL
# the term is a psql variable: quote it for the statement
# pgbench binds :term and :number as parameters of a prepared statement, as the service does
echo "rows in complaint_views: $(psql -X -Atq -d "$DB" -c 'SELECT count(*) FROM complaint_views')"
for kind in common rare tracking; do
  (cd "$WORK" && pgbench -n -M prepared -c 2 -j 2 -T "$SECONDS_PER_KIND" -l --log-prefix="$kind" -f "$kind.sql" "$DB" > /dev/null 2>&1)
  # per-transaction latency (µs) is the third column of pgbench's log; each transaction here is the lookup of a
  # term (a trivial SELECT) and the search: the figure slightly overstates the search
  cat "$WORK/$kind".* | awk '{print $3}' | sort -n | awk -v kind="$kind" '
    { a[NR] = $1 } END { printf "%-9s n=%d p50=%.1f ms p95=%.1f ms p99=%.1f ms max=%.1f ms\n", kind, NR,
      a[int(NR*0.50)]/1000, a[int(NR*0.95)]/1000, a[int(NR*0.99)]/1000, a[NR]/1000 }'
done
