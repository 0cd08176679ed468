#!/usr/bin/env python3
"""The packaged (production-profile) build, started for real: it refuses the repository's keys, a missing audience and
the console's sign-in without its realm, client or secret with a message that names them, and once started with keys of its own it has no /dev/tokens, no demo data and no demo
Open311 key. usage: faults/packaged.sh. Exits 1 on any finding. Standard library only.
"""
import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import faults  # noqa: E402

ROOT = faults.ROOT


def refused(suite, name, env, expected, guard=True):
    try:
        suite.fresh(name, env)
    except RuntimeError as e:
        log = open(os.path.join(suite.out, "%s-service-1.log" % name)).read()
        ok = ("refuses to start" in log or not guard) and all(text in log for text in expected)
        faults.log("%-40s %s (%s)" % (name, "refused, as it must" if ok else "FAILED: refused without the message", e))
        return ok
    faults.log("%-40s FAILED: it started" % name)
    suite.service.stop()
    return False


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    parser.add_argument("--port", type=int, default=8299)
    parser.add_argument("--pg-port", type=int, default=55499)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    pg = faults.Postgres(args.out, args.pg_port)
    pg.start()
    suite = faults.Suite(args.out, pg, args.port)
    results = []
    try:
        results.append(refused(suite, "repository-jwt-key", dict(
            MP_JWT_VERIFY_PUBLICKEY_LOCATION=os.path.join(ROOT, "src/dev/jwt-public.pem")),
            ["token verification key", "src/dev/jwt-public.pem"]))
        results.append(refused(suite, "repository-kek", dict(
            LEDGER_CRYPTO_KEK="ZGV2LW9ubHkta2V5LWVuY3J5cHRpb24ta2V5LTMyYiE="), ["ledger.crypto.kek"]))
        results.append(refused(suite, "no-audience", dict(LEDGER_JWT_AUDIENCES=""), ["mp.jwt.verify.audiences"]))
        # the console's sign-in switched on without its client's secret: the guard's line names what to set (the
        # unreachable realm is never asked, as the service stops first)
        realm = "http://127.0.0.1:9/realms/bengkalis"
        results.append(refused(suite, "sign-in-without-secret", dict(
            LEDGER_OIDC_ENABLED="true", LEDGER_OIDC_AUTH_SERVER_URL=realm,
            LEDGER_OIDC_CLIENT_ID="complaint-ledger-console"), ["LEDGER_OIDC_CLIENT_SECRET"]))
        # without the client id or the realm's address Quarkus OIDC refuses first, before any application code, with
        # a line of its own naming the property
        results.append(refused(suite, "sign-in-without-client", dict(
            LEDGER_OIDC_ENABLED="true", LEDGER_OIDC_AUTH_SERVER_URL=realm),
            ["'quarkus.oidc.client-id' property must be configured"], guard=False))
        results.append(refused(suite, "sign-in-without-realm", dict(LEDGER_OIDC_ENABLED="true"),
                               ["'quarkus.oidc.auth-server-url' property must be configured"], guard=False))
        suite.fresh("own-keys")
        time.sleep(2)
        checks = {
            "no /dev/tokens": faults.call("GET", args.port, "/dev/tokens/operator")[0] == 404,
            "no demo Open311 key": faults.call("POST", args.port, "/open311/v2/requests.json", body=None, headers={
                "Content-Type": "application/x-www-form-urlencoded"})[0] in (400, 403, 415)
            and pg.scalar("SELECT count(*) FROM open311_api_keys") == "0",
            "no demo data": pg.scalar("SELECT count(*) FROM events") == "0",
            "a repository-signed token is refused": faults.call(
                "GET", args.port, "/api/operator/queue", tok=dev_token())[0] == 401,
        }
        for name, ok in checks.items():
            faults.log("%-40s %s" % (name, "yes" if ok else "FAILED"))
            results.append(ok)
        suite.service.stop()
    finally:
        if getattr(suite, "service", None):
            suite.service.stop()
        pg.destroy()
    sys.exit(0 if all(results) else 1)


def dev_token():
    """An operator token signed with the repository's dev key, for the service's audience and issuer."""
    import subprocess
    return subprocess.run([os.path.join(ROOT, "bench/token.sh"), os.path.join(ROOT, "src/dev/jwt-private.pem"),
                           faults.ISSUER, "intruder", "operator"], check=True, stdout=subprocess.PIPE, text=True,
                          env=dict(os.environ, LEDGER_JWT_AUDIENCES=faults.AUDIENCE)).stdout.strip()


if __name__ == "__main__":
    main()
