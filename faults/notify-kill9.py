#!/usr/bin/env python3
"""kill -9 while sending (issue 15): every decision is delivered after a restart, none is lost, and the only repeats
carry the same idempotency key.

A WhatsApp Cloud API stand-in (an HTTP server in this script) answers each message slowly, so that the service is
killed with messages in flight. The packaged service files N complaints through WhatsApp, is killed with SIGKILL
mid-send, started again, and left to finish. Then: every receipt decided was received at least once, every request
carried a delivery id the outbox knows, and repeats (same key twice) are the only duplicates.
usage: faults/notify-kill9.py [--filings 40] [--port 8298]   (needs the packaged service, psql, PostgreSQL at 127.0.0.1)
"""
import argparse, base64, collections, http.server, json, os, signal, subprocess, sys, threading, time, urllib.request, uuid

received = []  # (idempotency key, to)
lock = threading.Lock()


class Provider(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        time.sleep(0.3)  # slow enough that a kill lands while messages are out
        with lock:
            received.append((self.headers.get("Idempotency-Key"), json.loads(body)["to"]))
        try:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(b'{"messages":[{"id":"wamid.fault"}]}')
        except (BrokenPipeError, ConnectionResetError):
            pass  # the service was killed while this message was out: it will send it again, same key

    def log_message(self, *args):
        pass


def sql(db, query):
    return subprocess.run(["psql", "-X", "-Atq", "-h", "127.0.0.1", "-U", "postgres", "-d", db, "-c", query],
                          check=True, capture_output=True, text=True).stdout.strip()


def start(env, log):
    service = subprocess.Popen([os.path.join(os.environ.get("JAVA_HOME", "/usr"), "bin", "java"), "-jar",
                                "target/quarkus-app/quarkus-run.jar"], env=env, stdout=log, stderr=subprocess.STDOUT)
    port = env["QUARKUS_MANAGEMENT_PORT"]
    for _ in range(600):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/q/health/ready", timeout=1)
            return service
        except Exception:
            if service.poll() is not None:
                sys.exit("service died at start")
            time.sleep(0.1)
    sys.exit("service not ready")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--filings", type=int, default=40)
    parser.add_argument("--port", type=int, default=8298)
    args = parser.parse_args()
    provider = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Provider)
    threading.Thread(target=provider.serve_forever, daemon=True).start()
    db = "ledger_fault_notify"
    subprocess.run(["psql", "-X", "-q", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-c",
                    f"DROP DATABASE IF EXISTS {db} WITH (FORCE)", "-c", f"CREATE DATABASE {db}"], check=True)
    out = f"bench/results/notify-kill9-{time.strftime('%Y%m%dT%H%M%SZ', time.gmtime())}"
    os.makedirs(out, exist_ok=True)
    subprocess.run(["openssl", "genpkey", "-algorithm", "ed25519", "-out", f"{out}/signing.pem"], check=True)
    # throwaway token keys: the production profile refuses the repository's dev keys (security/ProductionGuard)
    subprocess.run(["openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048",
                    "-out", f"{out}/jwt-private.pem"], check=True, capture_output=True)
    subprocess.run(["openssl", "pkey", "-in", f"{out}/jwt-private.pem", "-pubout", "-out", f"{out}/jwt-public.pem"],
                   check=True)
    issuer = "https://bench.complaint-ledger.local"
    env = dict(os.environ, QUARKUS_HTTP_PORT=str(args.port), QUARKUS_MANAGEMENT_PORT=str(args.port + 1000),
               QUARKUS_DATASOURCE_REACTIVE_URL=f"postgresql://127.0.0.1:5432/{db}",
               QUARKUS_DATASOURCE_JDBC_URL=f"jdbc:postgresql://127.0.0.1:5432/{db}",
               QUARKUS_DATASOURCE_USERNAME="postgres", MP_JWT_VERIFY_PUBLICKEY_LOCATION=f"{out}/jwt-public.pem",
               LEDGER_JWT_ISSUER=issuer, LEDGER_JWT_AUDIENCES="complaint-ledger", LEDGER_CRYPTO_KEK=base64.b64encode(os.urandom(32)).decode(),
               LEDGER_SIGNING_PRIVATE_KEY_LOCATION=f"{out}/signing.pem",
               LEDGER_WHATSAPP_BASE_URL=f"http://127.0.0.1:{provider.server_address[1]}/v21.0",
               LEDGER_WHATSAPP_PHONE_NUMBER_ID="106540352242922", LEDGER_WHATSAPP_ACCESS_TOKEN="fault-token",
               LEDGER_NOTIFY_LEASE="PT5S", LEDGER_NOTIFY_BATCH_SIZE="10",
               LEDGER_RATE_LIMIT_ENABLED="false")  # one citizen files them all
    log = open(f"{out}/service.log", "w")
    service = start(env, log)
    token = subprocess.run(["bench/token.sh", f"{out}/jwt-private.pem", issuer, "fault-citizen", "citizen"],
                           check=True, capture_output=True, text=True).stdout.strip()
    for i in range(args.filings):
        body = json.dumps({"title": "Jalan rusak", "description": "Berlubang.", "reportType": "COMPLAINT",
                           "category": "INFRASTRUCTURE", "channel": "WHATSAPP",
                           "complainant": {"name": "Uji Gangguan", "phone": f"+62 812 9{i:03d} 0000"}})
        request = urllib.request.Request(f"http://127.0.0.1:{args.port}/api/complaints", data=body.encode(),
                                         headers={"Authorization": f"Bearer {token}",
                                                  "Content-Type": "application/json"})
        urllib.request.urlopen(request, timeout=10).read()
    # kill while messages are in flight
    while len(received) < max(1, args.filings // 4):
        time.sleep(0.05)
    service.send_signal(signal.SIGKILL)
    service.wait()
    before = len(received)
    in_flight = sql(db, "select count(*) from deliveries where status = 'SENDING'")
    print(f"killed with {before} messages received, {in_flight} deliveries SENDING")
    service = start(env, log)
    deadline = time.time() + 120
    while time.time() < deadline:
        if sql(db, "select count(*) from deliveries where status <> 'SENT'") == "0" and \
                int(sql(db, "select count(*) from deliveries")) >= args.filings:
            break
        time.sleep(0.5)
    service.send_signal(signal.SIGTERM)
    service.wait()
    ids = set(sql(db, "select id from deliveries").split())
    keys = collections.Counter(key for key, _ in received)
    lost = ids - set(keys)
    unknown = set(keys) - ids
    repeats = {k: n for k, n in keys.items() if n > 1}
    print(f"filings={args.filings} decisions={len(ids)} requests={len(received)} distinct_keys={len(keys)} "
          f"lost={len(lost)} unknown_keys={len(unknown)} repeated_keys={len(repeats)}")
    ok = len(ids) == args.filings and not lost and not unknown
    print("PASS" if ok else "FAIL")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
