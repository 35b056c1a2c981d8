#!/bin/sh
# render-check.sh - `sparkgen render [ARGS]` (the chart compiled into the binary, release
# "spark") must print exactly what `helm template spark charts/spark-standalone [ARGS]`
# prints: stdout, stderr and exit status.  This proves the embedded copy is the chart in
# the tree and that the render subcommand adds nothing.  Positional values files of
# `render` are compared with `-f` for helm.
# Environment: SPARKGEN (default ./sparkgen), HELM (helm v4.1.4).
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
CACHE=${SPARKGEN_TEST_CACHE:-${HOME:-/root}/.cache/sparkgen-test}
HELM=${HELM:-$CACHE/helm-v4/helm}
SPARKGEN=${SPARKGEN:-$REPO/sparkgen}
case $SPARKGEN in /*) ;; *) SPARKGEN=$PWD/$SPARKGEN ;; esac
for t in "$HELM" "$SPARKGEN"; do
	[ -x "$t" ] || { echo "render-check: $t not found (make; sh .ci/install-test-deps.sh)" >&2; exit 2; }
done
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
cat >"$T/values.yaml" <<'VALUES'
sparkWorker:
  replicas: 3
  cores: 2
  memory: 3g
VALUES
pass=0 fail=0
# check NAME HELM_ARGS -- SPARKGEN_RENDER_ARGS
check() {
	name=$1
	shift
	hargs=""
	while [ "$1" != -- ]; do hargs="$hargs $1"; shift; done
	shift
	# shellcheck disable=SC2086
	(cd "$T" && HOME=$T "$HELM" template spark "$REPO/charts/spark-standalone" $hargs >h.out 2>h.err; echo $? >h.rc)
	(cd "$T" && HOME=$T "$SPARKGEN" render "$@" >s.out 2>s.err; echo $? >s.rc)
	ok=1
	for f in rc out err; do
		if ! cmp -s "$T/h.$f" "$T/s.$f"; then
			[ $ok = 1 ] && echo "FAIL render $name"
			ok=0
			diff -u --label "helm $f" --label "sparkgen render $f" "$T/h.$f" "$T/s.$f" | head -n 30 | sed 's/^/    /'
		fi
	done
	if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
}
check default --
check replicas-namespace --set sparkWorker.replicas=5 -n spark -- --set sparkWorker.replicas=5 -n spark
check values-file -f values.yaml -- values.yaml
check bad-replicas --set sparkWorker.replicas=0 -- --set sparkWorker.replicas=0
echo "render: $pass passed, $fail failed"
[ $fail = 0 ]
