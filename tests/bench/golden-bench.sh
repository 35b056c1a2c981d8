#!/bin/sh
# golden-bench.sh - benchmark, not a test: `sparkgen golden check` over N value sets (one
# process) versus a shell loop of N `helm template` runs plus `diff` against the same
# golden files (what CI does without sparkgen).  Prints both wall times and the ratio.
#   sh tests/bench/golden-bench.sh          N=100 by default; SPARKGEN, HELM as bench.sh
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
CACHE=${SPARKGEN_TEST_CACHE:-${HOME:-/root}/.cache/sparkgen-test}
HELM=${HELM:-$CACHE/helm-v4.1.4/helm}
[ -x "$HELM" ] || HELM=/tmp/helmdl/v4/helm/helm
SPARKGEN=${SPARKGEN:-$REPO/sparkgen}
N=${N:-100}
CHART=$REPO/charts/spark-standalone
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
# N value sets: replicas 1..10 x cores 1..4 x memory sizes, namespaces alternate
i=0
while [ $i -lt "$N" ]; do
    d=$T/golden/case-$i
    mkdir -p "$d"
    r=$((i % 10 + 1)) c=$((i % 4 + 1)) m=$((i % 3 + 1))
    lim=$((m * 1024 + 1024 + 512))
    printf 'sparkWorker:\n  replicas: %d\n  cores: %d\n  memory: %dg\n  resources:\n    limits:\n      memory: %dMi\n' $r $c $m $lim > "$d/values.yaml"
    printf 'spark\n%s\n-n\nns%d\n-f\nvalues.yaml\n' "$CHART" $((i % 2)) > "$d/args"
    (cd "$d" && "$HELM" template spark "$CHART" -n ns$((i % 2)) -f values.yaml > expected.yaml)
    i=$((i + 1))
done
now() { date +%s.%N; }
t0=$(now)
"$SPARKGEN" golden check -q "$T/golden" > "$T/sg.txt" || { cat "$T/sg.txt"; echo "golden-bench: sparkgen disagrees with helm" >&2; exit 1; }
t1=$(now)
for d in "$T"/golden/case-*; do
    (cd "$d" && "$HELM" template spark "$CHART" -n ns$(( ${d##*-} % 2 )) -f values.yaml > "$T/h.out" && diff -u expected.yaml "$T/h.out" > /dev/null)
done
t2=$(now)
awk -v a="$t0" -v b="$t1" -v c="$t2" -v n="$N" 'BEGIN {
    s = b - a; h = c - b;
    printf "golden check of %d value sets: sparkgen %.3fs (one process), helm template + diff loop %.3fs: %.1fx faster\n", n, s, h, h / s }'
