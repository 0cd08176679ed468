#!/usr/bin/env python3
"""The fault suite: drives the packaged service while faults are injected, then checks the ledger and the read side.

Runs against a private PostgreSQL cluster of its own (initdb in a temporary directory, its own port), so that
restarting the database or holding a transaction open (which holds back the xid horizon of the whole cluster) never
disturbs anything else using the machine's PostgreSQL. usage: faults/run.sh [scenario ...] (see faults/run.sh).

Every scenario prints what it tried and what it found, with counts; "lost" must be 0. Standard library only.
"""
import argparse
import base64
import collections
import http.client
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PG_BIN = os.environ.get("PG_BIN") or "/usr/lib/postgresql/%s/bin" % sorted(os.listdir("/usr/lib/postgresql"))[-1]
ISSUER = "https://faults.complaint-ledger.local"
DB = "ledger_faults"
FILING = json.load(open(os.path.join(ROOT, "bench", "complaint.json")))


def log(*args):
    print(*args, flush=True)


# ---------------------------------------------------------------- PostgreSQL, a private cluster

class Postgres:
    def __init__(self, out, port):
        self.port = port
        self.dir = tempfile.mkdtemp(prefix="ledger-faults-pg-")
        self.data = os.path.join(self.dir, "data")
        self.logfile = os.path.join(out, "postgres.log")
        self.as_postgres = os.geteuid() == 0  # initdb refuses to run as root
        if self.as_postgres:
            shutil.chown(self.dir, "postgres")
            open(self.logfile, "a").close()
            shutil.chown(self.logfile, "postgres")
        self._run([PG_BIN + "/initdb", "-D", self.data, "-A", "trust", "-U", "postgres", "--no-sync"])
        with open(os.path.join(self.data, "postgresql.conf"), "a") as conf:
            conf.write("\nport = %d\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '%s'\n"
                       "max_connections = 200\nshared_buffers = 256MB\n" % (port, self.dir))

    def _run(self, cmd, check=True):
        if self.as_postgres:
            cmd = ["su", "postgres", "-c", " ".join("'%s'" % c for c in cmd)]
        return subprocess.run(cmd, check=check, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

    def start(self):
        self._run([PG_BIN + "/pg_ctl", "-D", self.data, "-l", self.logfile, "-w", "start"])

    def stop(self, mode="fast"):
        self._run([PG_BIN + "/pg_ctl", "-D", self.data, "-m", mode, "-w", "stop"], check=False)

    def restart(self):
        self._run([PG_BIN + "/pg_ctl", "-D", self.data, "-l", self.logfile, "-m", "fast", "-w", "restart"])

    def ready(self):
        return subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1", "-p", str(self.port)]).returncode == 0

    def destroy(self):
        self.stop("immediate")
        shutil.rmtree(self.dir, ignore_errors=True)

    def psql(self, sql, db=DB):
        """Rows of the last statement, as lists of strings."""
        r = subprocess.run(["psql", "-X", "-q", "-A", "-t", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1",
                            "-p", str(self.port), "-U", "postgres", "-d", db],
                           input=sql, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if r.returncode != 0:
            raise RuntimeError("psql failed: %s\n%s" % (r.stderr, sql[:500]))
        return [line.split("\t") for line in r.stdout.splitlines() if line]

    def scalar(self, sql, db=DB):
        rows = self.psql(sql, db)
        return rows[0][0] if rows else None

    def session(self, sql, db=DB):
        """A psql session in the background (for a transaction held open)."""
        return subprocess.Popen(["psql", "-X", "-q", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres",
                                 "-d", db, "-c", sql], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


# ---------------------------------------------------------------- the service

class Service:
    def __init__(self, out, pg, port, name, extra_env=None):
        self.out, self.pg, self.port, self.proc, self.starts, self.name = out, pg, port, None, 0, name
        key = os.path.join(pg.dir, "ledger-signing.pem")  # a throwaway key, not kept with the results
        if not os.path.exists(key):
            subprocess.run(["openssl", "genpkey", "-algorithm", "ed25519", "-out", key], check=True)
        jwt_keys(pg.dir)
        self.env = dict(os.environ,
                        QUARKUS_HTTP_PORT=str(port),
                        # health and metrics answer on the management port (production's), the API's port + 1000
                        QUARKUS_MANAGEMENT_PORT=str(port + 1000),
                        QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://127.0.0.1:%d/%s" % (pg.port, DB),
                        QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:%d/%s" % (pg.port, DB),
                        QUARKUS_DATASOURCE_USERNAME="ledger_app",
                        LEDGER_MIGRATION_USERNAME="postgres",
                        LEDGER_MIGRATION_PASSWORD="trusted-locally",
                        MP_JWT_VERIFY_PUBLICKEY_LOCATION=JWT["public"],
                        LEDGER_JWT_ISSUER=ISSUER,
                        LEDGER_JWT_AUDIENCES=AUDIENCE,
                        LEDGER_CRYPTO_KEK=base64.b64encode(os.urandom(32)).decode(),
                        LEDGER_SIGNING_PRIVATE_KEY_LOCATION=key,
                        # the load is a few accounts from one address, which production rightly stops after a
                        # handful of filings a minute (429): the faults, not the quotas, are under test here
                        LEDGER_RATE_LIMIT_ENABLED="false",
                        QUARKUS_LOG_CONSOLE_JSON_ENABLED="false")
        # a scenario's settings replace the defaults above (a repository key, an empty audience)
        self.env.update(extra_env or {})
        self.java = os.path.join(os.environ.get("JAVA_HOME", "/usr"), "bin", "java")

    def start(self, timeout=90):
        self.starts += 1
        logf = open(os.path.join(self.out, "%s-service-%d.log" % (self.name, self.starts)), "w")
        began = time.time()
        self.proc = subprocess.Popen([self.java, "-jar", os.path.join(ROOT, "target/quarkus-app/quarkus-run.jar")],
                                     cwd=ROOT, env=self.env, stdout=logf, stderr=subprocess.STDOUT)
        while time.time() - began < timeout:
            if self.proc.poll() is not None:
                raise RuntimeError("service exited with %s, see %s-service-%d.log" % (self.proc.returncode, self.name, self.starts))
            if self.ready():
                return time.time() - began
            time.sleep(0.1)
        raise RuntimeError("service not ready after %ds" % timeout)

    def ready(self):
        status, _, _ = call("GET", self.port + 1000, "/q/health/ready", timeout=2)
        return status == 200

    def kill9(self):
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait()

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(40)
            except subprocess.TimeoutExpired:
                self.kill9()


# The packaged service refuses the repository's dev keys (security/ProductionGuard): a throwaway pair per run
JWT = {}
AUDIENCE = "complaint-ledger-faults"


def jwt_keys(directory):
    if not JWT:
        private, public = os.path.join(directory, "jwt-private.pem"), os.path.join(directory, "jwt-public.pem")
        subprocess.run(["openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", private],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        subprocess.run(["openssl", "pkey", "-in", private, "-pubout", "-out", public], check=True)
        JWT.update(private=private, public=public)


def token(subject, role, agency=None):
    args = [os.path.join(ROOT, "bench/token.sh"), JWT["private"], ISSUER, subject, role]
    if agency:
        args.append(agency)
    return subprocess.run(args, check=True, stdout=subprocess.PIPE, text=True,
                          env=dict(os.environ, LEDGER_JWT_AUDIENCES=AUDIENCE)).stdout.strip()


class ServerErrors:
    """Every 500 any request of the running scenario got, whichever thread made it: the suite fails on any (a
    database out of reach is a 503 with Retry-After, a fault of ours is a 500)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.seen = []  # (method, path, body)

    def reset(self):
        with self.lock:
            self.seen = []

    def add(self, method, path, body):
        with self.lock:
            self.seen.append((method, path, body[:200]))

    def count(self):
        with self.lock:
            return len(self.seen)


SERVER_ERRORS = ServerErrors()


def call(method, port, path, tok=None, body=None, headers=None, timeout=10.0):
    """(status, headers, body) or (None, None, 'ExceptionName: ...') when no answer came. A 500 is also counted in
    SERVER_ERRORS."""
    status, answer_headers, text = _call(method, port, path, tok, body, headers, timeout)
    if status == 500:
        SERVER_ERRORS.add(method, path, text)
    return status, answer_headers, text


def _call(method, port, path, tok, body, headers, timeout):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    h = {"Content-Type": "application/json"} if body is not None else {}
    if tok:
        h["Authorization"] = "Bearer " + tok
    h.update(headers or {})
    try:
        conn.request(method, path, body=json.dumps(body) if body is not None else None, headers=h)
        r = conn.getresponse()
        return r.status, dict((k.lower(), v) for k, v in r.getheaders()), r.read().decode("utf-8", "replace")
    except Exception as e:  # noqa: BLE001 - any failure to get an answer is an outcome we count
        return None, None, "%s: %s" % (type(e).__name__, e)
    finally:
        conn.close()


def etag_version(headers):
    return int(headers["etag"].strip('"').split("/")[-1].strip('"'))


class Tally:
    """Thread-safe counters and the acknowledged (complaint id, version) pairs."""

    def __init__(self):
        self.lock = threading.Lock()
        self.counts = collections.Counter()
        self.acked = []            # (complaint id, version from ETag, idempotency key)
        self.in_doubt = []         # (key, body) of requests that got no answer
        self.errors = []           # (time, status or exception)

    def add(self, name, n=1):
        with self.lock:
            self.counts[name] += n


# ---------------------------------------------------------------- load

class FilingLoad:
    """Threads filing complaints in a closed loop, each with a fresh Idempotency-Key; records every 2xx answer."""

    def __init__(self, port, tok, threads=12, timeout=10.0):
        self.port, self.tok, self.threads, self.timeout = port, tok, threads, timeout
        self.tally = Tally()
        self.stop_flag = threading.Event()
        self.workers = []

    def start(self):
        for _ in range(self.threads):
            t = threading.Thread(target=self._run, daemon=True)
            t.start()
            self.workers.append(t)

    def _run(self):
        while not self.stop_flag.is_set():
            key = str(uuid.uuid4())
            started = time.time()
            status, headers, body = call("POST", self.port, "/api/complaints", self.tok, FILING,
                                         {"Idempotency-Key": key}, self.timeout)
            t = self.tally
            t.add("attempted")
            if status is not None and 200 <= status < 300:
                with t.lock:
                    t.counts["acked"] += 1
                    t.acked.append((json.loads(body)["id"], etag_version(headers), key))
            else:
                # a refused connection never sent the request; any other failure leaves the filing in doubt
                refused = status is None and body.startswith("ConnectionRefusedError")
                with t.lock:
                    t.counts["refused" if refused else "no_answer" if status is None else "status_%d" % status] += 1
                    t.errors.append((started, time.time(), status if status is not None else body[:80]))
                    # so may a 5xx: the connection to the database may have been lost after the append was sent
                    if (status is None and not refused) or (status is not None and status >= 500):
                        t.in_doubt.append(key)
                time.sleep(0.05)  # a refused connection fails at once: do not spin

    def stop(self):
        self.stop_flag.set()
        for t in self.workers:
            t.join()


def retry_in_doubt(port, tok, tally):
    """A client that got no answer retries with the same key: it gets the first answer, or the filing now."""
    resolved = 0
    for key in tally.in_doubt:
        status, headers, body = call("POST", port, "/api/complaints", tok, FILING, {"Idempotency-Key": key}, 30)
        if status is not None and 200 <= status < 300:
            tally.acked.append((json.loads(body)["id"], etag_version(headers), key))
            resolved += 1
    return resolved


# ---------------------------------------------------------------- checks

def check_ledger(pg, acked, subject=None):
    """Every acknowledged (id, version) present with all versions up to it, no duplicated event, dense streams."""
    path = os.path.join(pg.dir, "acked-%d.csv" % random.randrange(1 << 30))
    with open(path, "w") as f:
        for cid, version, key in acked:
            f.write("%s,%d,%s\n" % (cid, version, key))
    os.chmod(path, 0o644)
    rows = pg.psql("""
        CREATE TEMP TABLE acked (id uuid, version int, key text);
        \\copy acked FROM '%s' WITH (FORMAT csv)
        WITH heads AS (SELECT stream_id, count(*) AS n, min(stream_version) AS lo, max(stream_version) AS hi
                         FROM events GROUP BY stream_id)
        SELECT (SELECT count(*) FROM acked),
               (SELECT count(*) FROM acked a LEFT JOIN heads h ON h.stream_id = a.id
                 WHERE h.stream_id IS NULL OR h.hi < a.version OR h.lo <> 1 OR h.n <> h.hi),
               (SELECT count(*) - count(DISTINCT event_id) FROM events),
               (SELECT count(*) FROM heads WHERE lo <> 1 OR n <> hi),
               (SELECT count(*) FROM heads),
               (SELECT count(*) FROM events),
               (SELECT count(*) FROM (SELECT key FROM acked GROUP BY key HAVING count(DISTINCT id) > 1) k),
               (SELECT count(*) FROM acked a JOIN idempotency_keys k ON k.key = a.key AND k.stream_id <> a.id);
    """ % path)
    os.unlink(path)
    r = [int(x) for x in rows[0]]
    found = dict(acked=r[0], lost=r[1], duplicated_event_ids=r[2], non_dense_streams=r[3], streams=r[4], events=r[5],
                 key_with_two_complaints=r[6], key_row_mismatch=r[7])
    if subject:
        complainant = recorded_subject(pg, [cid for cid, _, _ in acked])
        found["filings_by_subject"] = int(pg.scalar(
            "SELECT count(*) FROM events WHERE type = 'complaint.submitted' AND actor->>'subject' = '%s'" % complainant))
    return found


def recorded_subject(pg, complaint_ids):
    """The subject a citizen's filings are recorded under: the ledger knows a citizen by the pseudonym of their
    account (README, "Pseudonymous complainants"), never by the token's subject, so it is read off a filing of theirs
    (empty when they have none: then nothing matches it)."""
    if not complaint_ids:
        return ""
    return pg.scalar("SELECT actor->>'subject' FROM events WHERE stream_id = '%s' AND stream_version = 1"
                     % complaint_ids[0]) or ""


def wait_projections(port, tok, timeout=180):
    """Until every projection has applied everything and none is rebuilding; the worst lag seen on the way."""
    began, worst = time.time(), (0, 0)
    while time.time() - began < timeout:
        status, _, body = call("GET", port, "/api/projections", tok, timeout=5)
        if status == 200:
            ps = json.loads(body)
            worst = max(worst, (max(p["behindEvents"] for p in ps), max(p["behindMillis"] for p in ps)))
            if all(p["behindEvents"] == 0 and not p["rebuilding"] for p in ps):
                return time.time() - began, worst
        time.sleep(0.5)
    raise RuntimeError("projections did not catch up in %ds: %s" % (timeout, body))


def views_snapshot(pg):
    views = pg.psql("SELECT id, version, status, md5(state::text) FROM complaint_views ORDER BY id")
    assignments = pg.psql("SELECT complaint_id, assignment, md5(a::text) FROM agency_assignments a ORDER BY 1, 2")
    return views, assignments


def check_projections(pg, port, operator):
    """The views against the ledger (each view at its complaint's last version), then against a rebuild."""
    caught_up, worst = wait_projections(port, operator)
    stale = pg.psql("""
        SELECT count(*) FILTER (WHERE v.id IS NULL), count(*) FILTER (WHERE v.version <> h.hi)
          FROM (SELECT stream_id, max(stream_version) AS hi FROM events GROUP BY stream_id) h
          LEFT JOIN complaint_views v ON v.id = h.stream_id""")[0]
    before = views_snapshot(pg)
    started = time.time()
    # one rebuild at a time: the service refuses a second while one runs (503 operation.busy)
    for name in ("complaint-views", "agency-assignments"):
        status, _, body = call("POST", port, "/api/projections/%s/rebuild" % name, operator, timeout=30)
        if status != 202:
            raise RuntimeError("rebuild of %s answered %s %s" % (name, status, body))
        time.sleep(1)
        wait_projections(port, operator, 300)
    rebuilt_in = time.time() - started
    after = views_snapshot(pg)

    def differ(a, b):
        return len(set(map(tuple, a)) ^ set(map(tuple, b)))

    return dict(caught_up_s=round(caught_up, 1), views=len(before[0]), views_missing=int(stale[0]),
                views_behind_ledger=int(stale[1]), assignments=len(before[1]),
                rows_differing_from_rebuild=differ(before[0], after[0]) + differ(before[1], after[1]),
                rebuild_s=round(rebuilt_in, 1))


def verdict(found, must_be_zero):
    bad = [k for k in must_be_zero if found.get(k, 0) != 0]
    return "PASS" if not bad else "FAIL (" + ", ".join("%s=%s" % (k, found[k]) for k in bad) + ")"


# ---------------------------------------------------------------- scenarios

class Suite:
    def __init__(self, out, pg, port):
        self.out, self.pg, self.port = out, pg, port
        self.citizen_subject = "faults-citizen"
        jwt_keys(pg.dir)
        self.citizen = token(self.citizen_subject, "citizen")
        self.operator = token("faults-operator", "operator")
        self.officer = token("faults-officer", "agency-officer", "dinas-pupr")
        self.results = collections.OrderedDict()

    def fresh(self, name, extra_env=None):
        SERVER_ERRORS.reset()
        self.pg.psql("DROP DATABASE IF EXISTS %s WITH (FORCE)" % DB, db="postgres")
        self.pg.psql("CREATE DATABASE %s" % DB, db="postgres")
        # the service runs as production's does: a member of ledger_runtime, Flyway as the owner (README, "Database roles")
        self.pg.psql("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ledger_runtime') THEN "
                     "CREATE ROLE ledger_runtime NOLOGIN; CREATE ROLE ledger_app LOGIN IN ROLE ledger_runtime; "
                     "END IF; END $$", db="postgres")
        self.service = Service(self.out, self.pg, self.port, name, extra_env)
        return self.service.start()

    def record(self, name, tried, found, must_be_zero):
        # whatever else a scenario checks, no request of it may have been answered 500
        found["any_status_500"] = SERVER_ERRORS.count()
        for method, path, body in SERVER_ERRORS.seen[:3]:
            log("  500: %s %s %s" % (method, path, body))
        must_be_zero = list(must_be_zero) + ["any_status_500"]
        v = verdict(found, must_be_zero)
        self.results[name] = dict(tried=tried, found=found, verdict=v)
        log("  tried: " + tried)
        log("  found: " + ", ".join("%s=%s" % kv for kv in found.items()))
        log("  " + v)
        with open(os.path.join(self.out, "%s.json" % name), "w") as f:
            json.dump(self.results[name], f, indent=2)

    # 1 -------------------------------------------------------------------------------------------------------------
    def kill9(self, kills=5, threads=12):
        log("\n== kill9: kill -9 of the service under filing load, restarted, %d times" % kills)
        self.fresh("kill9")
        load = FilingLoad(self.port, self.citizen, threads)
        load.start()
        restarts = []
        for i in range(kills):
            time.sleep(random.uniform(8, 15))
            before = load.tally.counts["acked"]
            self.service.kill9()
            down = time.time()
            ready_in = self.service.start()
            restarts.append(round(time.time() - down, 1))
            log("  kill %d: after %d acknowledged filings, ready again in %.1fs" % (i + 1, before, ready_in))
        time.sleep(5)
        load.stop()
        t = load.tally
        in_doubt = len(t.in_doubt)
        resolved = retry_in_doubt(self.port, self.citizen, t)
        found = dict(filings_attempted=t.counts["attempted"], kills=kills, acked_before_retry=t.counts["acked"],
                     refused_while_down=t.counts["refused"], unanswered=t.counts["no_answer"], unanswered_then_retried_2xx=resolved,
                     other_errors=sum(v for k, v in t.counts.items() if k.startswith("status_")),
                     restart_to_ready_s=restarts)
        found.update(check_ledger(self.pg, t.acked, self.citizen_subject))
        found["filings_beyond_keys"] = found["filings_by_subject"] - len({k for _, _, k in t.acked}) - (in_doubt - resolved)
        found.update(check_projections(self.pg, self.port, self.operator))
        found["status_5xx"] = sum(v for k, v in t.counts.items() if k.startswith("status_5"))
        self.record("kill9", "%d filing threads; kill -9 every 8-15 s, %d times, restart at once; unanswered "
                             "requests retried with their Idempotency-Key after the last restart" % (threads, kills),
                    found, ["lost", "duplicated_event_ids", "non_dense_streams", "key_with_two_complaints",
                            "key_row_mismatch", "views_missing", "views_behind_ledger", "rows_differing_from_rebuild"])
        self.service.stop()

    # 2 -------------------------------------------------------------------------------------------------------------
    def idempotency(self, workers=12, flows_per_worker=6):
        log("\n== idempotency: short client timeouts under load, retried with the same Idempotency-Key")
        self.fresh("idempotency")
        citizen_subject = "faults-retrier"
        citizen = token(citizen_subject, "citizen")
        tally = Tally()
        flows = []
        background = FilingLoad(self.port, self.citizen, 4)  # keeps the service busy so that answers are slow
        background.start()

        def once(path, tok, body):
            """One logical request: short timeouts (0.02-0.3 s), retried with its key, then a patient last try."""
            key = str(uuid.uuid4())
            tally.add("operations")
            for attempt in range(6):
                patient = attempt == 5
                status, headers, text = call("POST", self.port, path, tok, body, {"Idempotency-Key": key},
                                             30 if patient else random.uniform(0.02, 0.3))
                if status is None:
                    tally.add("timeouts_injected")
                    tally.add("retries")
                    continue
                if 200 <= status < 300:
                    tally.add("acked")
                    return json.loads(text)["id"], etag_version(headers), key
                tally.add("status_%d" % status)
                with tally.lock:
                    tally.errors.append((path, status, text[:200]))
                return None
            tally.add("never_answered")
            return None

        def worker():
            for _ in range(flows_per_worker):
                filed = once("/api/complaints", citizen, FILING)
                if not filed:
                    continue
                cid = filed[0]
                p = "/api/complaints/" + cid
                steps = [filed,
                         once(p + "/dispatch", self.operator, {"agencyId": "dinas-pupr"}),
                         once(p + "/acknowledge", self.officer, {})]
                for _ in range(3):
                    steps.append(once(p + "/follow-ups", self.officer, {"message": "Sudah ditinjau ke lapangan"}))
                    steps.append(once(p + "/object", citizen, {"reason": "Lampu masih padam"}))
                with tally.lock:
                    flows.append((cid, steps))
                    tally.acked.extend(s for s in steps if s)

        threads = [threading.Thread(target=worker) for _ in range(workers)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        background.stop()
        counts = collections.Counter()
        for cid, steps in flows:
            if all(steps):
                counts["complete_flows"] += 1
        rows = self.pg.psql("""
            SELECT type, count(*) FROM events
             WHERE stream_id IN (SELECT stream_id FROM events WHERE type = 'complaint.submitted'
                                    AND actor->>'subject' = '%s') GROUP BY type"""
                            % recorded_subject(self.pg, [cid for cid, _ in flows if cid]))
        by_type = {r[0]: int(r[1]) for r in rows}
        n = len(flows)
        found = dict(operations=tally.counts["operations"], timeouts_injected=tally.counts["timeouts_injected"],
                     acked=tally.counts["acked"], errors=sum(v for k, v in tally.counts.items() if k.startswith("status_")),
                     never_answered=tally.counts["never_answered"], flows=n, complete_flows=counts["complete_flows"])
        found.update(check_ledger(self.pg, tally.acked, citizen_subject))
        expected = {"complaint.submitted": n, "complaint.dispatched": n, "complaint.acknowledged": n,
                    "complaint.follow-up-posted": 3 * n, "complaint.complainant-objected": 3 * n}
        found["events_by_type"] = {k.split(".")[1]: by_type.get(k, 0) for k in expected}
        found["extra_effects"] = sum(max(0, by_type.get(k, 0) - v) for k, v in expected.items())
        found["missing_effects"] = sum(max(0, v - by_type.get(k, 0)) for k, v in expected.items())
        found["incomplete_flows"] = n - counts["complete_flows"]
        for e in tally.errors[:5]:
            log("  error: %s %s %s" % e)
        self.record("idempotency", "%d clients x %d flows (file, dispatch, acknowledge, 3 x (follow-up, object)), "
                                   "every request with its own Idempotency-Key, client timeout 20-300 ms, retried "
                                   "with the same key up to 5 times and then once with 30 s; 4 filing threads of "
                                   "background load" % (workers, flows_per_worker),
                    found, ["lost", "extra_effects", "missing_effects", "errors", "never_answered", "incomplete_flows",
                            "duplicated_event_ids", "non_dense_streams", "key_with_two_complaints"])
        self.service.stop()

    # 3 -------------------------------------------------------------------------------------------------------------
    def races(self, complaints=30, racers=8):
        log("\n== races: racing clients on the same complaints")
        self.fresh("races")
        outcomes = collections.Counter()
        acked = []
        expected = collections.Counter()
        lock = threading.Lock()

        def post(path, tok, body, kind):
            status, headers, text = call("POST", self.port, path, tok, body, timeout=30)
            with lock:
                outcomes["%s_%s" % (kind, status)] += 1
                if status is not None and 200 <= status < 300:
                    acked.append((json.loads(text)["id"], etag_version(headers), str(uuid.uuid4())))
                    expected[kind] += 1
            return status

        def race(*calls):
            barrier = threading.Barrier(len(calls))

            def go(c):
                barrier.wait()
                post(*c)
            ts = [threading.Thread(target=go, args=(c,)) for c in calls]
            for t in ts:
                t.start()
            for t in ts:
                t.join()

        def file():
            return json.loads(call("POST", self.port, "/api/complaints", self.citizen, FILING)[2])["id"]

        def setup(cid, to):
            p = "/api/complaints/" + cid
            steps = [(p + "/dispatch", self.operator, {"agencyId": "dinas-pupr"}, "dispatch"),
                     (p + "/acknowledge", self.officer, {}, "acknowledge"),
                     (p + "/follow-ups", self.officer, {"message": "Sudah diperbaiki"}, "follow-up")]
            for s in steps[:to]:
                assert post(*s) == 200, s

        def round_of(cid):
            p = "/api/complaints/" + cid
            # dispatch against archive, and dispatches to two agencies
            race((p + "/dispatch", self.operator, {"agencyId": "dinas-pupr"}, "dispatch"),
                 (p + "/archive", self.operator, {"reason": "OUT_OF_SCOPE"}, "archive"),
                 (p + "/dispatch", self.operator, {"agencyId": "satpol-pp"}, "dispatch"))
            cid2 = file()
            p2 = "/api/complaints/" + cid2
            setup(cid2, 2)
            # many follow-ups at once, then accept against object, over and over
            for _ in range(3):
                race(*[(p2 + "/follow-ups", self.officer, {"message": "Tindak lanjut %d" % i}, "follow-up")
                       for i in range(racers)])
                race((p2 + "/accept", self.citizen, {"rating": 4}, "accept"),
                     (p2 + "/object", self.citizen, {"reason": "Belum selesai"}, "object"),
                     (p2 + "/object", self.citizen, {"reason": "Masih rusak"}, "object"))
            return cid, cid2

        threads, pairs = [], []
        for _ in range(complaints):
            cid = file()
            threads.append(threading.Thread(target=lambda c=cid: pairs.append(round_of(c))))
        for i in range(0, len(threads), 6):  # six complaints raced at a time
            for t in threads[i:i + 6]:
                t.start()
            for t in threads[i:i + 6]:
                t.join()
        by_type = {r[0].split(".")[1]: int(r[1]) for r in self.pg.psql(
            "SELECT type, count(*) FROM events WHERE type NOT IN ('complaint.submitted', 'complaint.deadline-set') "
            "GROUP BY type")}
        kinds = {"dispatch": "dispatched", "archive": "archived", "acknowledge": "acknowledged",
                 "follow-up": "follow-up-posted", "accept": "complainant-accepted", "object": "complainant-objected"}
        found = dict(commands=sum(outcomes.values()), status_2xx=sum(v for k, v in outcomes.items() if "_2" in k),
                     status_409=sum(v for k, v in outcomes.items() if k.endswith("_409")),
                     status_5xx=sum(v for k, v in outcomes.items() if k.split("_")[-1].startswith("5")),
                     no_answer=sum(v for k, v in outcomes.items() if k.endswith("_None")),
                     other=sum(v for k, v in outcomes.items() if k.split("_")[-1] not in ("200", "201", "409", "None")
                               and not k.split("_")[-1].startswith("5")))
        found["outcomes"] = dict(sorted(outcomes.items()))
        found["events_vs_2xx_mismatch"] = sum(abs(by_type.get(kinds[k], 0) - expected[k]) for k in kinds)
        found["dispatch_and_archive_both_won"] = int(self.pg.scalar("""
            SELECT count(*) FROM (SELECT stream_id FROM events WHERE type IN ('complaint.dispatched', 'complaint.archived')
                                   GROUP BY stream_id HAVING count(*) > 1) x"""))
        found.update(check_ledger(self.pg, acked))
        found.update(check_projections(self.pg, self.port, self.operator))
        self.record("races", "%d complaints: dispatch/archive/dispatch raced three ways; %d more worked to IN_PROGRESS, "
                             "then 3 rounds of %d follow-ups at once and accept/object/object at once; six complaints "
                             "raced at a time, no If-Match" % (complaints, complaints, racers),
                    found, ["status_5xx", "no_answer", "other", "lost", "events_vs_2xx_mismatch",
                            "dispatch_and_archive_both_won", "duplicated_event_ids", "non_dense_streams",
                            "views_missing", "views_behind_ledger", "rows_differing_from_rebuild"])
        self.service.stop()

    # 4 -------------------------------------------------------------------------------------------------------------
    def pg_restart(self, threads=12):
        log("\n== pg-restart: PostgreSQL restarted under filing load")
        self.fresh("pg-restart")
        load = FilingLoad(self.port, self.citizen, threads, timeout=30)
        readiness = []
        stop = threading.Event()

        def probe():
            while not stop.is_set():
                status, _, _ = call("GET", self.port + 1000, "/q/health/ready", timeout=2)
                readiness.append((time.time(), status))
                time.sleep(0.1)
        prober = threading.Thread(target=probe, daemon=True)
        prober.start()
        load.start()
        time.sleep(8)
        fault_at = time.time()
        self.pg.restart()
        db_back = time.time()
        log("  PostgreSQL restarted in %.1fs" % (db_back - fault_at))
        # until the service says it is ready again, then 10 more seconds of load
        ready_again = None
        while time.time() - db_back < 120:
            if readiness and readiness[-1][1] == 200 and readiness[-1][0] > db_back:
                ready_again = readiness[-1][0]
                break
            time.sleep(0.1)
        settle = time.time()
        time.sleep(10)
        load.stop()
        stop.set()
        prober.join()
        t = load.tally
        went_down = [ts for ts, s in readiness if s != 200 and ts >= fault_at]
        late_errors = [e for e in t.errors if e[0] > (ready_again or db_back) + 2]
        in_doubt = len(t.in_doubt)
        resolved = retry_in_doubt(self.port, self.citizen, t)
        found = dict(filings_attempted=t.counts["attempted"], faults=1, acked_before_retry=t.counts["acked"],
                     in_doubt_retried=in_doubt, in_doubt_retried_2xx=resolved,
                     errors=len(t.errors), error_kinds=dict((k, v) for k, v in t.counts.items()
                                                            if k not in ("attempted", "acked")),
                     readiness_went_down=bool(went_down),
                     readiness_back_s_after_db=round(ready_again - db_back, 1) if ready_again else None,
                     errors_more_than_2s_after_ready=len(late_errors))
        with t.lock:
            found["last_10s_errors"] = sum(1 for e in t.errors if e[0] >= settle)
        found["not_recovered"] = 0 if ready_again else 1
        found.update(check_ledger(self.pg, t.acked, self.citizen_subject))
        found["filings_beyond_keys"] = found["filings_by_subject"] - len({k for _, _, k in t.acked}) - (in_doubt - resolved)
        found.update(check_projections(self.pg, self.port, self.operator))
        for e in t.errors[:3]:
            log("  error: at +%.1fs: %s" % (e[0] - fault_at, e[2]))
        self.record("pg-restart", "%d filing threads (30 s client timeout); after 8 s, pg_ctl restart -m fast of the "
                                  "service's PostgreSQL; readiness probed every 100 ms; 10 s of load after the "
                                  "service is ready again; then every request answered 5xx or not at all retried "
                                  "with its Idempotency-Key" % threads,
                    found, ["lost", "not_recovered", "errors_more_than_2s_after_ready", "last_10s_errors",
                            "filings_beyond_keys", "key_with_two_complaints", "key_row_mismatch",
                            "duplicated_event_ids", "non_dense_streams", "views_missing", "views_behind_ledger",
                            "rows_differing_from_rebuild"])
        self.service.stop()

    # 5 -------------------------------------------------------------------------------------------------------------
    def held_tx(self, hold=60, threads=6):
        log("\n== held-tx: a transaction held open for %d s during filing load" % hold)
        self.fresh("held-tx")
        load = FilingLoad(self.port, self.citizen, threads)
        load.start()
        time.sleep(5)
        holder = self.pg.session("BEGIN; SELECT pg_current_xact_id(); SELECT pg_sleep(%d); COMMIT;" % hold)
        began = time.time()
        samples = []
        while holder.poll() is None:
            status, _, body = call("GET", self.port, "/api/projections", self.operator, timeout=5)
            ready, _, _ = call("GET", self.port + 1000, "/q/health/ready", timeout=5)
            if status == 200:
                ps = json.loads(body)
                samples.append((time.time() - began, max(p["behindEvents"] for p in ps),
                                max(p["behindMillis"] for p in ps), ready))
            time.sleep(1)
        released = time.time()
        # load goes on; the lag must come back down
        recovered = None
        while time.time() - released < 60:
            status, _, body = call("GET", self.port, "/api/projections", self.operator, timeout=5)
            if status == 200 and max(p["behindMillis"] for p in json.loads(body)) < 2000:
                recovered = time.time() - released
                break
            time.sleep(0.5)
        load.stop()
        t = load.tally
        found = dict(filings_attempted=t.counts["attempted"], hold_s=hold, acked=len(t.acked),
                     errors=len(t.errors),
                     max_lag_events_reported=max((s[1] for s in samples), default=0),
                     max_lag_ms_reported=max((s[2] for s in samples), default=0),
                     readiness_down_samples=sum(1 for s in samples if s[3] != 200), samples=len(samples),
                     lag_below_2s_after_release_s=round(recovered, 1) if recovered is not None else None)
        found["lag_not_reported"] = 0 if found["max_lag_events_reported"] > 0 else 1
        found["lag_not_recovered"] = 0 if recovered is not None else 1
        with open(os.path.join(self.out, "held-tx-lag.tsv"), "w") as f:
            f.write("seconds\tbehind_events\tbehind_ms\tready_status\n")
            for s in samples:
                f.write("%.1f\t%d\t%d\t%s\n" % s)
        found.update(check_ledger(self.pg, t.acked))
        found.update(check_projections(self.pg, self.port, self.operator))
        self.record("held-tx", "%d filing threads; psql BEGIN; SELECT pg_current_xact_id(); pg_sleep(%d); COMMIT "
                               "on the service's database; GET /api/projections and readiness every second"
                    % (threads, hold),
                    found, ["lost", "errors", "lag_not_reported", "lag_not_recovered", "duplicated_event_ids",
                            "non_dense_streams", "views_missing", "views_behind_ledger", "rows_differing_from_rebuild"])
        self.service.stop()

    # 6 -------------------------------------------------------------------------------------------------------------
    def saturation(self, hold=40, clients=200):
        log("\n== saturation: every append blocked by a table lock, %d clients at once" % clients)
        self.fresh("saturation")
        filed = [json.loads(call("POST", self.port, "/api/complaints", self.citizen, FILING)[2])["id"]
                 for _ in range(20)]
        holder = self.pg.session("BEGIN; LOCK TABLE events IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(%d); COMMIT;" % hold)
        time.sleep(1)
        results = []
        lock = threading.Lock()
        began = time.time()

        def client(i):
            started = time.time()
            if i % 4 == 3:  # reads beside the writes
                status, headers, body = call("GET", self.port, "/api/complaints/" + filed[i % 20], self.citizen,
                                             timeout=hold + 30)
                kind = "read"
            else:
                status, headers, body = call("POST", self.port, "/api/complaints", self.citizen, FILING,
                                             {"Idempotency-Key": str(uuid.uuid4())}, hold + 30)
                kind = "filing"
            with lock:
                results.append((kind, status, time.time() - started, (headers or {}).get("retry-after"),
                                body[:160] if status and status >= 500 else ""))

        ts = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
        for t in ts:
            t.start()
        health = []
        while any(t.is_alive() for t in ts) and time.time() - began < hold + 40:
            status, _, _ = call("GET", self.port + 1000, "/q/health/ready", timeout=5)
            live, _, _ = call("GET", self.port + 1000, "/q/health/live", timeout=5)
            health.append((round(time.time() - began, 1), status, live))
            time.sleep(1)
        for t in ts:
            t.join()
        holder.wait()
        c = collections.Counter("%s_%s" % (k, s) for k, s, _, _, _ in results)
        answered_503 = [r for r in results if r[1] == 503]
        found = dict(clients=clients, lock_held_s=hold, outcomes=dict(sorted(c.items())),
                     status_500=sum(1 for r in results if r[1] == 500),
                     no_answer=sum(1 for r in results if r[1] is None),
                     status_503=len(answered_503),
                     status_503_without_retry_after=sum(1 for r in answered_503 if not r[3]),
                     slowest_answer_s=round(max(r[2] for r in results), 1),
                     answered_after_lock_released=sum(1 for r in results if r[2] > hold - 1),
                     answered_within_10s=sum(1 for r in results if r[2] <= 10),
                     live_failed_samples=sum(1 for h in health if h[2] != 200),
                     ready_failed_samples=sum(1 for h in health if h[1] != 200), health_samples=len(health))
        found["status_503_missing"] = 0 if answered_503 else 1  # a stalled database must be said, not waited out
        samples = [r[4] for r in results if r[4]][:3]
        for s in samples:
            log("  5xx body: " + s)
        with open(os.path.join(self.out, "saturation-answers.tsv"), "w") as f:
            for r in sorted(results, key=lambda r: r[2]):
                f.write("%s\t%s\t%.2f\t%s\t%s\n" % r)
        found.update(check_ledger(self.pg, []))
        self.record("saturation", "%d filings (and reads, one in four) at once while psql holds LOCK TABLE events IN "
                                  "ACCESS EXCLUSIVE MODE for %d s, so every command (and every read that folds the "
                                  "ledger) waits holding a pooled connection; client "
                                  "timeout %d s" % (clients, hold, hold + 30),
                    found, ["status_500", "no_answer", "status_503_without_retry_after", "live_failed_samples",
                            "status_503_missing",
                            "duplicated_event_ids", "non_dense_streams"])
        self.service.stop()


SCENARIOS = ["kill9", "idempotency", "races", "pg-restart", "held-tx", "saturation"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("scenarios", nargs="*", default=SCENARIOS)
    parser.add_argument("--out", required=True)
    parser.add_argument("--port", type=int, default=8297)
    parser.add_argument("--pg-port", type=int, default=55497)
    parser.add_argument("--hold", type=int, default=60)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    pg = Postgres(args.out, args.pg_port)
    pg.start()
    suite = Suite(args.out, pg, args.port)
    log("# fault suite %s, %d cores, private PostgreSQL on port %d, service on port %d"
        % (time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), os.cpu_count(), args.pg_port, args.port))
    try:
        for name in args.scenarios:
            method = {"kill9": suite.kill9, "idempotency": suite.idempotency, "races": suite.races,
                      "pg-restart": suite.pg_restart, "held-tx": lambda: suite.held_tx(args.hold),
                      "saturation": suite.saturation}[name]
            try:
                method()
            except Exception as e:  # noqa: BLE001 - one broken scenario is reported and the others still run
                log("  ERROR: %s: %s" % (type(e).__name__, e))
                suite.results[name] = dict(verdict="ERROR %s" % e)
                if getattr(suite, "service", None):
                    suite.service.stop()
                if not pg.ready():
                    pg.start()
    finally:
        if getattr(suite, "service", None):
            suite.service.stop()
        pg.destroy()
    log("\n# summary")
    for name, r in suite.results.items():
        log("%-12s %s" % (name, r["verdict"]))
    with open(os.path.join(args.out, "results.json"), "w") as f:
        json.dump(suite.results, f, indent=2)
    sys.exit(0 if all(r["verdict"] == "PASS" for r in suite.results.values()) else 1)


if __name__ == "__main__":
    main()
