#!/usr/bin/env python3
"""Writes N hash-chained complaint events as CSV for COPY into the events table, for the verification benchmark.

usage: generate-ledger.py N [PART PARTS] > events.csv   (PART of PARTS: disjoint complaints, for parallel runs)
Each complaint gets five events (submitted, two deadline-set, verified, dispatched) with payloads of the sizes the
service writes; every hash is computed with tools/verify-export.py's RFC 8785 canonicalisation, so the service's
verifier must agree with an independent implementation for the benchmark to pass at all.
"""
import base64
import csv
import importlib.util
import os
import random
import sys
import uuid

here = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("verify_export", os.path.join(here, "..", "tools", "verify-export.py"))
verify_export = importlib.util.module_from_spec(spec)
spec.loader.exec_module(verify_export)
canonical, sha256, GENESIS = verify_export.canonical, verify_export.sha256, verify_export.GENESIS

AGENCIES = ["dinas-pupr", "dinkes", "disdik", "disdukcapil", "dlh", "dishub"]


def instant(second, millis):
    minutes, s = divmod(second, 60)
    hours, m = divmod(minutes, 60)
    days, h = divmod(hours, 24)
    return "2026-%02d-%02dT%02d:%02d:%02d.%03dZ" % (1 + days // 28 % 12, 1 + days % 28, h, m, s, millis)


def payloads(n, citizen):
    sealed = "v1." + base64.urlsafe_b64encode(random.randbytes(135)).decode("ascii")
    agency = random.choice(AGENCIES)
    yield "complaint.submitted", {"trackingNumber": "LPR-%04X-%04X" % (n % 65536, n // 65536 % 65536),
                                  "reportType": "COMPLAINT", "category": "INFRASTRUCTURE", "channel": "WEB",
                                  "title": "Jalan berlubang di Jalan Sudirman no. %d" % n,
                                  "description": "Lubang besar dekat pasar, sudah dua minggu. Mohon segera diperbaiki — "
                                                 "warga sekitar kesulitan melintas, terutama saat hujan.",
                                  "location": {"regency": "Bengkalis", "district": "Bengkalis", "village": "Senggoro",
                                               "latitude": round(1.0 + random.random(), 6),
                                               "longitude": round(101.5 + random.random(), 6)},
                                  "anonymous": False, "confidential": False, "complainantId": citizen,
                                  "sealedComplainant": sealed, "occurredOn": None}, citizen, "citizen", None
    for kind in ("VERIFICATION", "RESOLUTION"):
        yield "complaint.deadline-set", {"kind": kind, "dueAt": "2026-12-02T10:15:30.123Z",
                                         "policyId": "lapor-default", "policyVersion": 1}, "system", "system", None
    yield "complaint.verified", {"category": "INFRASTRUCTURE", "reportType": "COMPLAINT"}, "op-7", "operator", None
    yield "complaint.dispatched", {"agencyId": agency, "note": "mohon ditindaklanjuti"}, "op-7", "operator", None


def main():
    total = int(sys.argv[1])
    part, parts = (int(sys.argv[2]), int(sys.argv[3])) if len(sys.argv) == 4 else (0, 1)
    random.seed(42 + part)
    out = csv.writer(sys.stdout, lineterminator="\n")
    written = complaint = 0
    while written < total:
        complaint += 1
        number = complaint * parts + part
        stream = str(uuid.UUID(int=random.getrandbits(128), version=4))
        previous = GENESIS
        for version, (type_, data, subject, role, agency) in enumerate(payloads(number, "warga-%d" % number), 1):
            if written == total:
                break
            at = instant(number * 7 + version, (number * 31 + version) % 1000)
            envelope = {"complaintId": stream, "version": version, "eventId": str(uuid.uuid4()), "type": type_,
                        "schemaVersion": 1, "occurredAt": at, "recordedAt": at,
                        "actor": {"subject": subject, "role": role, "agency": agency}, "data": data,
                        "previousHash": previous}
            previous = sha256(canonical(envelope))
            out.writerow([stream, version, envelope["eventId"], type_, 1, at, at, canonical(envelope["actor"]),
                          canonical(data), "{}", envelope["previousHash"], previous])
            written += 1


if __name__ == "__main__":
    main()
