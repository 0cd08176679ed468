#!/usr/bin/env python3
"""Flood: one address floods the anonymous endpoints (statistics over random whole-day windows, so that no cached
answer helps, and Open311's request lists and updates feed) while other clients file complaints, each from an address
of its own (127.0.0.x: every loopback address is this machine's). Reports filings/s without and with the flood, the
flood's answers by status and its share of 429s. Reuses the fault suite's private PostgreSQL and packaged service.

usage: faults/flood.sh [--seconds 20] [--filers 8] [--flooders 16] [--unlimited]
--unlimited adds a third phase with the rate limits off, to show what they protect. Filing quotas are lifted for the
measurement (the filers are a handful of citizens filing far more than any real one), the public limit keeps its
default (ledger.rate-limit.public-per-minute=120). Standard library only.
"""
import argparse
import collections
import http.client
import json
import os
import random
import sys
import threading
import time
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import faults  # noqa: E402

LIFTED_FILING_QUOTAS = dict(LEDGER_RATE_LIMIT_FILING_PER_MINUTE="0", LEDGER_RATE_LIMIT_FILING_PER_HOUR="0",
                            LEDGER_RATE_LIMIT_FILING_PER_DAY="0", LEDGER_RATE_LIMIT_FILING_PER_MINUTE_PER_ADDRESS="0")


def request(port, method, path, source, tok=None, body=None, headers=None, timeout=10.0):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout, source_address=(source, 0))
    h = {"Content-Type": "application/json"} if body is not None else {}
    if tok:
        h["Authorization"] = "Bearer " + tok
    h.update(headers or {})
    try:
        conn.request(method, path, body=json.dumps(body) if body is not None else None, headers=h)
        r = conn.getresponse()
        r.read()
        return r.status, r.getheader("Retry-After")
    except Exception as e:  # noqa: BLE001 - no answer is an outcome we count
        return type(e).__name__, None
    finally:
        conn.close()


def flood_path(rng):
    kind = rng.randrange(3)
    if kind == 0:
        start = 20000 + rng.randrange(365)  # days since 1970: whole days within the cap, a new window each time
        days = 1 + rng.randrange(300)
        day = lambda n: time.strftime("%Y-%m-%d", time.gmtime(n * 86400))
        return "/api/statistics?from=%s&to=%s" % (day(start), day(start + days))
    if kind == 1:
        return "/open311/v2/requests.json"
    return "/open311/v2/servicerequestupdates.json"


def phase(port, seconds, filers, flooders, citizen_tokens):
    stop = threading.Event()
    filed = collections.Counter()
    flood = collections.Counter()
    retry_after_missing = [0]
    lock = threading.Lock()

    def filer(i):
        source = "127.0.0.%d" % (10 + i)
        while not stop.is_set():
            status, _ = request(port, "POST", "/api/complaints", source, citizen_tokens[i], faults.FILING,
                                {"Idempotency-Key": str(uuid.uuid4())})
            with lock:
                filed[status] += 1

    def flooder(i):
        rng = random.Random(i)
        while not stop.is_set():
            status, retry_after = request(port, "GET", flood_path(rng), "127.0.0.1")
            with lock:
                flood[status] += 1
                if status == 429 and not retry_after:
                    retry_after_missing[0] += 1

    threads = [threading.Thread(target=filer, args=(i,), daemon=True) for i in range(filers)]
    threads += [threading.Thread(target=flooder, args=(i,), daemon=True) for i in range(flooders)]
    for t in threads:
        t.start()
    time.sleep(seconds)
    stop.set()
    for t in threads:
        t.join()
    return filed, flood, retry_after_missing[0]


def report(name, seconds, filed, flood, missing):
    ok = sum(n for s, n in filed.items() if isinstance(s, int) and 200 <= s < 300)
    total_flood = sum(flood.values())
    limited = flood.get(429, 0)
    faults.log("%-22s filings/s %7.1f  (answers %s)" % (name, ok / seconds, dict(filed)))
    if total_flood:
        faults.log("%-22s flood req/s %6.1f, 429 share %.1f%%, answers %s, 429 without Retry-After: %d"
                   % ("", total_flood / seconds, 100.0 * limited / total_flood, dict(flood), missing))
    return dict(filings_per_s=round(ok / seconds, 1), filing_answers={str(k): v for k, v in filed.items()},
                flood_per_s=round(total_flood / seconds, 1),
                flood_429_share=round(limited / total_flood, 3) if total_flood else None,
                flood_answers={str(k): v for k, v in flood.items()}, missing_retry_after=missing)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    parser.add_argument("--port", type=int, default=8298)
    parser.add_argument("--pg-port", type=int, default=55498)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--filers", type=int, default=8)
    parser.add_argument("--flooders", type=int, default=16)
    parser.add_argument("--unlimited", action="store_true")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    pg = faults.Postgres(args.out, args.pg_port)
    pg.start()
    suite = faults.Suite(args.out, pg, args.port)
    citizens = [faults.token("flood-citizen-%d" % i, "citizen") for i in range(args.filers)]
    results = {}
    faults.log("# flood %s, %d cores, %d filers (one address each), %d flooders from 127.0.0.1, %d s a phase"
               % (time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), os.cpu_count(), args.filers, args.flooders,
                  args.seconds))
    try:
        suite.fresh("flood", LIFTED_FILING_QUOTAS)
        phase(args.port, 5, args.filers, 0, citizens)  # warm-up: the JIT, the pools
        results["no_flood"] = report("without flood", args.seconds, *phase(args.port, args.seconds, args.filers, 0, citizens))
        time.sleep(61)  # the flooding address starts with a full bucket, like any client
        results["flood_limited"] = report("with flood (limited)", args.seconds,
                                          *phase(args.port, args.seconds, args.filers, args.flooders, citizens))
        suite.service.stop()
        if args.unlimited:
            suite.fresh("flood-unlimited", dict(LIFTED_FILING_QUOTAS, LEDGER_RATE_LIMIT_ENABLED="false"))
            phase(args.port, 5, args.filers, 0, citizens)
            results["flood_unlimited"] = report("with flood (no limits)", args.seconds,
                                                *phase(args.port, args.seconds, args.filers, args.flooders, citizens))
            suite.service.stop()
    finally:
        if getattr(suite, "service", None):
            suite.service.stop()
        pg.destroy()
    with open(os.path.join(args.out, "flood.json"), "w") as f:
        json.dump(results, f, indent=2)
    limited = results.get("flood_limited", {})
    bad = any(r["missing_retry_after"] for r in results.values()) or any(
        k.startswith("5") for k in list(limited.get("flood_answers", {})) + list(limited.get("filing_answers", {})))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
