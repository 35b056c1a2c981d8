#!/bin/sh
# bench.sh - benchmark, not a test: median wall time over N runs and peak RSS of
#   sparkgen template spark-sa charts/spark-standalone   vs   helm template ... (same args)
# and their ratios.  Extra arguments are appended to both command lines.
#   sh tests/bench/bench.sh [--set sparkWorker.replicas=5 ...]
# Environment: N (runs per tool, default 21), SPARKGEN (default ./sparkgen), HELM (helm v4.1.4).
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
CACHE=${SPARKGEN_TEST_CACHE:-${HOME:-/root}/.cache/sparkgen-test}
HELM=${HELM:-$CACHE/helm-v4/helm}
SPARKGEN=${SPARKGEN:-$REPO/sparkgen}
N=${N:-21}
CHART=$REPO/charts/spark-standalone

for t in "$HELM" "$SPARKGEN"; do
	[ -x "$t" ] || { echo "bench: $t not found (make; sh .ci/install-test-deps.sh)" >&2; exit 2; }
done
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
${CC:-cc} -O2 -o "$T/rusage" "$HERE/rusage.c"

# Same bytes first: a benchmark of a wrong answer is meaningless.
"$HELM" template spark-sa "$CHART" "$@" >"$T/helm.out" 2>&1 || true
"$SPARKGEN" template spark-sa "$CHART" "$@" >"$T/sg.out" 2>&1 || true
if ! cmp -s "$T/helm.out" "$T/sg.out"; then
	echo "bench: WARNING: sparkgen output differs from helm's" >&2
fi

# measure TAG CMD...: N runs (after one warm-up) into $T/TAG.txt ("us kb rc" lines).
measure() {
	tag=$1
	shift
	"$T/rusage" "$@" >/dev/null
	i=0
	: >"$T/$tag.txt"
	while [ $i -lt "$N" ]; do
		"$T/rusage" "$@" >>"$T/$tag.txt"
		i=$((i + 1))
	done
}
# median COLUMN FILE: the median of a numeric column.
median() {
	cut -d' ' -f"$1" "$2" | sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'
}
peak() {
	cut -d' ' -f"$1" "$2" | sort -n | tail -n 1
}

measure helm "$HELM" template spark-sa "$CHART" "$@"
measure sg "$SPARKGEN" template spark-sa "$CHART" "$@"

hw=$(median 1 "$T/helm.txt") sw=$(median 1 "$T/sg.txt")
hr=$(peak 2 "$T/helm.txt") sr=$(peak 2 "$T/sg.txt")
echo "spark-standalone, release spark-sa, $N runs each ($(uname -m), $(nproc) cpus)"
awk -v hw="$hw" -v sw="$sw" -v hr="$hr" -v sr="$sr" 'BEGIN {
	printf "| tool     | median wall (ms) | peak RSS (MiB) |\n"
	printf "|----------|-----------------:|---------------:|\n"
	printf "| helm     | %16.2f | %14.1f |\n", hw / 1000, hr / 1024
	printf "| sparkgen | %16.2f | %14.1f |\n", sw / 1000, sr / 1024
	printf "| ratio helm/sparkgen | %.1fx faster | %.1fx less memory |\n", hw / (sw > 0 ? sw : 1), hr / (sr > 0 ? sr : 1)
}'
