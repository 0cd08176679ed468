#!/usr/bin/env python3
"""Verify an exported complaint history or a run of ledger events offline, with Python's standard library only.

usage: verify-export.py FILE.ndjson        (or - for standard input)

FILE is one envelope per line in the documented format (README, "Hash chain format"): the output of
GET /api/complaints/{id}/export, or of GET /api/ledger/events pages turned into lines with
jq -c '.events[]'. Checks, for every line:
  - hash       = SHA-256 of the RFC 8785 canonical form of the envelope without hash, ledgerSeq, chainHash;
  - previousHash of version 1 is 64 zeros, of version n the hash of version n-1 (each stream's versions consecutive);
  - chainHash  = SHA-256 of "0"*64 + hash at ledgerSeq 1, of chainHash(n-1) + hash where line n-1 is present.
Prints OK and exits 0, or prints the first invalid line with its reason and exits 1.
"""
import decimal
import hashlib
import json
import sys

GENESIS = "0" * 64
NOT_HASHED = ("hash", "ledgerSeq", "chainHash")


def es6_number(value):
    """A JSON number as ECMAScript's Number.prototype.toString prints it, as RFC 8785 requires."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(value)
    if isinstance(value, int):
        value = float(value)  # JSON numbers are IEEE 754 doubles in RFC 8785
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError("NaN and Infinity are not JSON")
    if value == 0:
        return "0"
    sign = "-" if value < 0 else ""
    # repr gives the shortest digits that round-trip, the digits ECMAScript picks too; value = 0.digits * 10**n
    _, digit_tuple, exponent = decimal.Decimal(repr(abs(value))).normalize().as_tuple()
    digits = "".join(map(str, digit_tuple))
    k, n = len(digits), len(digit_tuple) + exponent
    if k <= n <= 21:
        text = digits + "0" * (n - k)
    elif 0 < n <= 21:
        text = digits[:n] + "." + digits[n:]
    elif -6 < n <= 0:
        text = "0." + "0" * (-n) + digits
    else:
        e = n - 1
        text = digits[0] + ("." + digits[1:] if k > 1 else "") + "e" + ("+" if e > 0 else "-") + str(abs(e))
    return sign + text


def canonical(value):
    """RFC 8785: sorted members, no whitespace, ECMAScript numbers, minimal string escapes (json.dumps makes them)."""
    if isinstance(value, dict):
        # our member names are ASCII, where sorting by code point equals RFC 8785's sorting by UTF-16 code unit
        return "{" + ",".join(json.dumps(k, ensure_ascii=False) + ":" + canonical(value[k])
                              for k in sorted(value)) + "}"
    if isinstance(value, list):
        return "[" + ",".join(canonical(v) for v in value) + "]"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return es6_number(value)
    return json.dumps(value, ensure_ascii=False)


def sha256(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def verify(lines):
    heads = {}          # complaintId -> (version, hash) of the last line seen of that stream
    previous_seq = previous_chain = None
    count = 0
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        event = json.loads(line)
        where = "line %d (complaint %s, version %s)" % (number, event.get("complaintId"), event.get("version"))
        hashed = {k: v for k, v in event.items() if k not in NOT_HASHED}
        if sha256(canonical(hashed)) != event["hash"]:
            return "%s: altered: its content does not hash to its hash" % where
        stream, version = event["complaintId"], event["version"]
        if stream in heads:
            last_version, last_hash = heads[stream]
            if version != last_version + 1:
                reason = "missing" if version > last_version + 1 else "reordered"
                return "%s: %s: follows version %d of its stream" % (where, reason, last_version)
            if event["previousHash"] != last_hash:
                return "%s: altered: previousHash is not the hash of version %d" % (where, last_version)
        elif version == 1 and event["previousHash"] != GENESIS:
            return "%s: altered: version 1 must follow 64 zeros" % where
        # a ledger page that starts mid-stream cannot check the first previousHash it meets of that stream
        heads[stream] = (version, event["hash"])
        seq = event.get("ledgerSeq")
        if seq is not None:
            if seq == 1:
                expected = sha256(GENESIS + event["hash"])
            elif previous_seq == seq - 1:
                expected = sha256(previous_chain + event["hash"])
            else:
                expected = None  # its predecessor in the ledger is another complaint's event, not in this file
            if expected is not None and expected != event["chainHash"]:
                return "%s: altered: chainHash does not follow from ledgerSeq %d" % (where, seq - 1)
            previous_seq, previous_chain = seq, event["chainHash"]
        count += 1
    if count == 0:
        return "no events"
    print("OK: %d events; last ledgerSeq %s, chainHash %s" % (count, previous_seq, previous_chain))
    return None


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    source = sys.stdin if sys.argv[1] == "-" else open(sys.argv[1], encoding="utf-8")
    with source:
        problem = verify(source)
    if problem:
        print("INVALID: " + problem)
        sys.exit(1)


if __name__ == "__main__":
    main()
