#!/usr/bin/env bash
# Who calls a frame: of a JFR recording's CPU samples (jdk.ExecutionSample), those with a frame whose "class.method"
# contains PATTERN, and the DEPTH frames below it (its callers), most frequent first. The share of samples that a
# change aims at, and where they come from, as BENCHMARKS.md quotes them (e.g. getParameterAnnotations,
# Cipher.getInstance, ObservabilityIntegrationRecorder.setTemplatePath).
# usage: bench/jfr-callers.sh RECORDING.jfr PATTERN [DEPTH=4]
# env:   OUTERMOST=1 takes the match nearest the thread's start instead of the top of the stack, with the first caller
#        outside the matched block: e.g. PATTERN=com/fasterxml/jackson DEPTH=1 gives Jackson's samples by the code
#        that called into it
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/java-home.sh
[ $# -ge 2 ] || { sed -n '2,10p' "$0" >&2; exit 2; }
"$JAVA_HOME/bin/jfr" print --stack-depth 2048 --json --events jdk.ExecutionSample "$1" |
  python3 -c '
import collections, json, sys
pattern, depth, outermost = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "1"
events = json.load(sys.stdin)["recording"]["events"]
callers = collections.Counter()
for event in events:
    names = [f["method"]["type"]["name"] + "." + f["method"]["name"] for f in event["values"]["stackTrace"]["frames"]]
    hits = [i for i, name in enumerate(names) if pattern in name]
    if not hits:
        continue
    i = hits[-1] if outermost else hits[0]
    below = [n for n in names[i + 1:] if not (outermost and pattern in n)]
    callers[" <- ".join(n.split("/")[-1] for n in below[:depth]) or "(thread start)"] += 1
total = sum(callers.values())
print("%d of %d samples (%.1f %%) have %s on the stack" % (total, len(events), 100.0 * total / max(len(events), 1), pattern))
for chain, n in callers.most_common(15):
    print("%5d  %5.1f %%  %s" % (n, 100.0 * n / max(len(events), 1), chain))
' "$2" "${3:-4}" "${OUTERMOST:-0}"
