#!/usr/bin/env bash
# Summarises a JFR recording's CPU samples (jdk.ExecutionSample): the top frames (self), the share of samples with a
# given library anywhere on the stack (inclusive; one sample can count for several), each library's own frames (each
# sample counted once, to the first library frame from its top), the application's own methods by the share of samples
# with them on the stack, and the busiest threads.
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
# for "own frames": each sample counts once, for the first of these that a frame from the top of its stack matches
# (frames of the JDK count for the library that called them); the context propagation is apart from ArC here
own_groups = [(label, re.compile(rx)) for label, rx in [
    ("context propagation", r"^io\.smallrye\.context|^io\.smallrye\.mutiny\.context"),
    ("ArC", r"^io\.quarkus\.arc"),
    ("Axon", r"^org\.axonframework"),
    ("RESTEasy Reactive", r"^org\.jboss\.resteasy|^io\.quarkus\.resteasy"),
    ("Mutiny", r"^io\.smallrye\.mutiny"),
    ("Vert.x PG client", r"^io\.vertx\.pgclient|^io\.vertx\.sqlclient"),
    ("Vert.x core, Netty", r"^io\.vertx|^io\.netty"),
    ("Jackson", r"^com\.fasterxml"),
    ("Hibernate Validator", r"^org\.hibernate\.validator"),
    ("security, token", r"^io\.quarkus\.security|^io\.quarkus\.vertx\.http\.runtime\.security|^io\.quarkus\.smallrye\.jwt|^io\.smallrye\.jwt|^org\.jose4j"),
    ("Micrometer", r"^io\.micrometer"),
    ("org.complaintledger (our code)", r"^org\.complaintledger"),
    ("other Quarkus", r"^io\.quarkus"),
    ("other SmallRye", r"^io\.smallrye"),
    ("JDK security, crypto", r"^sun\.security|^com\.sun\.crypto"),
    ("JBoss (logging, threads)", r"^org\.jboss"),
]]
own, own_frames = collections.Counter(), collections.defaultdict(collections.Counter)
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
    owner = "the JDK alone"
    for f in frames:
        hit = next((label for label, rx in own_groups if rx.search(f)), None)
        if hit:
            owner = hit
            own_frames[hit][f] += 1
            break
    own[owner] += 1
print(f"# {n} CPU samples (jdk.ExecutionSample)")
print("## libraries on the stack (inclusive)")
for label, count in inclusive.most_common():
    print(f"{100.0 * count / n:5.1f} %  {label}")
print("## libraries by their own frames (each sample once, to the first library frame from its top), top 6 frames each")
for label, count in own.most_common():
    print(f"{100.0 * count / n:5.1f} %  {label}")
    for frame, c in own_frames[label].most_common(6):
        print(f"          {100.0 * c / n:4.1f} %  {frame}")
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
