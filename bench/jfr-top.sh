#!/usr/bin/env bash
# Summarises a JFR recording's CPU samples (jdk.ExecutionSample): the top frames (self), the share of samples with a
# given library anywhere on the stack (inclusive; one sample can count for several), the application's own methods by
# the share of samples with them on the stack, and the busiest threads.
# usage: bench/jfr-top.sh RECORDING.jfr [TOP=25]
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/java-home.sh
# whole stacks: jfr print keeps 5 frames unless told otherwise, which hides every inclusive cost
"$JAVA_HOME/bin/jfr" print --stack-depth 2048 --json --events jdk.ExecutionSample "$1" | python3 -c '
import json, sys, re, collections
top = int(sys.argv[1])
events = json.load(sys.stdin)["recording"]["events"]
groups = [  # (label, regular expression on "class.method")
    ("token: smallrye-jwt, jose4j, RSA", r"^(org\.jose4j|io\.smallrye\.jwt|sun\.security\.rsa|io\.quarkus\.smallrye\.jwt)"),
    ("Axon (bus, unit of work, handlers)", r"^org\.axonframework"),
    ("RESTEasy Reactive", r"^org\.jboss\.resteasy\.reactive"),
    ("Mutiny", r"^io\.smallrye\.mutiny"),
    ("Vert.x PG client", r"^io\.vertx\.pgclient|^io\.vertx\.sqlclient"),
    ("Vert.x core, Netty", r"^io\.vertx\.core|^io\.netty"),
    ("Jackson", r"^com\.fasterxml\.jackson"),
    ("Hibernate Validator", r"^org\.hibernate\.validator"),
    ("Hibernate Reactive / ORM", r"^org\.hibernate\.(reactive|orm|engine|internal|event|persister|sql|loader|query)"),
    ("ArC request context, context propagation", r"^io\.quarkus\.arc\.impl\.(RequestContext|CurrentManagedContext)|^io\.smallrye\.context|^io\.quarkus\.arc\.runtime\.context"),
    ("Quarkus security", r"^io\.quarkus\.security|^io\.quarkus\.vertx\.http\.runtime\.security"),
    ("Micrometer", r"^io\.micrometer"),
    ("hashing: RFC 8785 canonical JSON, SHA-256", r"CanonicalJson|^org\.erdtman|^sun\.security\.provider\.(SHA|Digest)"),
    ("AES-GCM", r"^com\.sun\.crypto\.provider\.(GaloisCounterMode|GHASH|AES)"),
    ("logging", r"^org\.jboss\.logmanager|^org\.jboss\.logging"),
    ("org.complaintledger (our code)", r"^org\.complaintledger"),
]
compiled = [(label, re.compile(rx)) for label, rx in groups]
self_frames, inclusive, threads = collections.Counter(), collections.Counter(), collections.Counter()
ours = collections.Counter()
n = 0
for e in events:
    v = e["values"]
    st = v.get("stackTrace") or {}
    frames = [f["method"]["type"]["name"].replace("/", ".") + "." + f["method"]["name"] for f in st.get("frames", [])]
    if not frames:
        continue
    n += 1
    self_frames[frames[0]] += 1
    th = (v.get("sampledThread") or {}).get("javaName") or "?"
    threads[re.sub(r"[-#]?\d+$", "", th)] += 1
    for label, rx in compiled:
        if any(rx.search(f) for f in frames):
            inclusive[label] += 1
    for f in set(frames):
        if f.startswith("org.complaintledger.") and "$$Lambda" not in f:
            ours[f] += 1
print(f"# {n} CPU samples (jdk.ExecutionSample)")
print("## libraries on the stack (inclusive)")
for label, count in inclusive.most_common():
    print(f"{100.0 * count / n:5.1f} %  {label}")
print(f"## top {top} frames (self)")
for frame, count in self_frames.most_common(top):
    print(f"{100.0 * count / n:5.1f} %  {frame}")
print(f"## top {top} of our methods (inclusive: on the stack)")
for frame, count in ours.most_common(top):
    print(f"{100.0 * count / n:5.1f} %  {frame}")
print("## threads")
for th, count in threads.most_common(8):
    print(f"{100.0 * count / n:5.1f} %  {th}")
' "${2:-25}"
