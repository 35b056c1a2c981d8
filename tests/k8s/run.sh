#!/bin/sh
# run.sh - offline Kubernetes schema validation of the spark-standalone chart: `sparkgen render`
# output for several values sets is checked by kubernetes-validate (pinned in
# .ci/install-spark-deps.sh; it ships the schemas, so no network is used) in strict mode
# (unknown fields rejected) for each Kubernetes version in K8S_VERSIONS.
#   sh tests/k8s/run.sh
# Environment: SPARKGEN, SPARKGEN_TEST_CACHE, K8S_VERSIONS (default "1.29.0 1.31.0 1.34.0").
# Output ends with one line "k8s-validate: N passed, N failed".
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
CACHE=${SPARKGEN_TEST_CACHE:-${HOME:-/root}/.cache/sparkgen-test}
KV=$CACHE/spark-venv/bin/kubernetes-validate
SPARKGEN=${SPARKGEN:-$REPO/sparkgen}
case $SPARKGEN in /*) ;; *) SPARKGEN=$PWD/$SPARKGEN ;; esac
K8S_VERSIONS=${K8S_VERSIONS:-1.29.0 1.31.0 1.34.0}
for f in "$SPARKGEN" "$KV"; do
	[ -x "$f" ] || { echo "k8s-validate: $f missing (make; sh .ci/install-spark-deps.sh)" >&2; exit 2; }
done
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
cat >"$T/opt-ins.yaml" <<'VALUES'
fullnameOverride: analytics
sparkMaster:
  service: {type: NodePort}
  resources:
    requests: {cpu: 500m, memory: 1536Mi}
    limits: {memory: 1536Mi}
sparkWorker:
  cores: 4
  memory: 6g
  daemonMemory: 512m
  shuffleService: {enabled: true}
  resources:
    requests: {cpu: "4", memory: 7Gi}
    limits: {cpu: "4", memory: 7Gi}
securityContext:
  enabled: true
VALUES
pass=0 fail=0
# case NAME RENDER_ARGS...
case_() {
	name=$1
	shift
	if ! "$SPARKGEN" render "$@" >"$T/$name.yaml" 2>"$T/$name.err"; then
		echo "FAIL $name: render failed"; sed 's/^/    /' "$T/$name.err"; fail=$((fail + 1)); return
	fi
	# --show-only of a hook keeps it; the test pod is part of every default render.
	for v in $K8S_VERSIONS; do
		if (cd "$T" && HOME=$T "$KV" --strict --quiet -k "$v" "$name.yaml") >"$T/out" 2>&1; then
			echo "ok   $name (Kubernetes $v)"; pass=$((pass + 1))
		else
			echo "FAIL $name (Kubernetes $v)"; sed 's/^/    /' "$T/out" | head -n 20; fail=$((fail + 1))
		fi
	done
}
case_ defaults
case_ replicas-1 --set sparkWorker.replicas=1
case_ replicas-10 --set sparkWorker.replicas=10
case_ resources --set sparkWorker.resources.requests.cpu=2 --set sparkWorker.resources.limits.memory=4Gi \
	--set sparkMaster.resources.requests.memory=1Gi
case_ opt-ins "$T/opt-ins.yaml"
case_ name-override-worker-disabled --set nameOverride=sp --set sparkWorker.enabled=false
echo "k8s-validate: $pass passed, $fail failed"
[ $fail = 0 ]
