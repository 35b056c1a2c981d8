#!/bin/bash
# run.sh - real Spark, end to end: the spark-standalone chart's rendered containers run as local
# processes through the native entrypoint, on loopback, with PyPI's pyspark 3.5 as SPARK_HOME.
#
#   bash tests/spark/run.sh        (after `make sparkgen sparkgen-entry` and .ci/install-spark-deps.sh)
#
# The master's and workers' env and readiness-probe commands are read from `sparkgen render`
# output (tests/spark/manifest_env.py), so the chart and this test cannot drift apart; only
# pod IP / Service name become 127.0.0.1, the probe's image path becomes ./sparkgen-entry, and
# each worker gets its own RPC/UI port (rendered port + index).  Checks, each its own line:
#   a worker started before the master waits, then registers; the master log says ALIVE and
#   its readiness probe passes; every worker logs "Successfully registered with master" and its
#   probe passes; /json/ lists exactly `replicas` ALIVE workers; pi.py via spark-submit gives ~3.14;
#   master killed (SIGTERM -> 143) and restarted: every worker registers again within 60 s and
#   a second Pi job completes; SIGTERM to every entrypoint stops it with 143 within 20 s.
# Every wait is bounded; every process started here is stopped on exit.
# Environment: SPARKGEN, ENTRY, SPARKGEN_TEST_CACHE, SPARK_E2E_KEEP=1 (keep logs),
# SPARK_E2E_WORKERS (worker replicas, 1-10, default 2).
# Output ends with one line "spark-e2e: N passed, N failed".
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
CACHE=${SPARKGEN_TEST_CACHE:-${HOME:-/root}/.cache/sparkgen-test}
VENV=$CACHE/spark-venv
SPARKGEN=${SPARKGEN:-$REPO/sparkgen}
case $SPARKGEN in /*) ;; *) SPARKGEN=$PWD/$SPARKGEN ;; esac
ENTRY=${ENTRY:-$REPO/sparkgen-entry}
case $ENTRY in /*) ;; *) ENTRY=$PWD/$ENTRY ;; esac
PY=$VENV/bin/python
for f in "$SPARKGEN" "$ENTRY" "$PY"; do
	[ -x "$f" ] || { echo "spark-e2e: $f missing (make sparkgen sparkgen-entry; sh .ci/install-spark-deps.sh)" >&2; exit 2; }
done
SPARK_HOME=$("$PY" -c 'import os, pyspark; print(os.path.dirname(pyspark.__file__))') || exit 2
export SPARK_HOME
export PYSPARK_PYTHON=$PY PYSPARK_DRIVER_PYTHON=$PY
# Ports well away from the defaults, so a real cluster on this machine is not disturbed.
MPORT=27077 MUI=28080 WPORT=27178 WUI=28181 NWORKERS=${SPARK_E2E_WORKERS:-2}
T=$(mktemp -d /tmp/spark-e2e.XXXXXX)
pass=0 fail=0
declare -A PIDS=()

ok() { echo "ok   $*"; pass=$((pass + 1)); }
bad() { echo "FAIL $*"; fail=$((fail + 1)); }
check() { # check DESCRIPTION COMMAND...
	local d=$1; shift
	if "$@"; then ok "$d"; else bad "$d"; fi
}

cleanup() {
	local p c
	for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null; done
	sleep 1
	for p in "${PIDS[@]}"; do
		for c in $(pgrep -P "$p" 2>/dev/null); do kill -KILL "$c" 2>/dev/null; done
		kill -KILL "$p" 2>/dev/null
	done
	wait 2>/dev/null
	if [ "${SPARK_E2E_KEEP:-}" = 1 ] || [ $fail != 0 ]; then echo "spark-e2e: logs in $T"; else rm -rf "$T"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- the chart, rendered by sparkgen ----
"$SPARKGEN" render --set sparkWorker.replicas=$NWORKERS \
	--set sparkMaster.port=$MPORT --set sparkMaster.webUIPort=$MUI \
	--set sparkWorker.port=$WPORT --set sparkWorker.webUIPort=$WUI \
	--set sparkWorker.memory=1g --set sparkWorker.cores=1 >"$T/rendered.yaml" || { echo "spark-e2e: render failed" >&2; exit 1; }
"$PY" "$HERE/manifest_env.py" master env <"$T/rendered.yaml" >"$T/master.env" &&
	"$PY" "$HERE/manifest_env.py" worker env <"$T/rendered.yaml" >"$T/worker.env" &&
	"$PY" "$HERE/manifest_env.py" master probe <"$T/rendered.yaml" >"$T/master.probe" &&
	"$PY" "$HERE/manifest_env.py" worker probe <"$T/rendered.yaml" >"$T/worker.probe" || exit 1
check "chart: worker Deployment renders replicas $NWORKERS" grep -q "^  replicas: $NWORKERS\$" "$T/rendered.yaml"
check "chart: worker env has preferConfiguredMasterAddress and cleanup" \
	grep -q "preferConfiguredMasterAddress=true -Dspark.worker.cleanup.enabled=true" "$T/worker.env"
check "chart: master advertises the pod IP (SPARK_MASTER_HOST from status.podIP)" grep -qx "SPARK_MASTER_HOST=127.0.0.1" "$T/master.env"

# env_of FILE [KEY=VALUE...]: the container env from FILE (shell-quoted lines) plus overrides, as argv.
env_of() {
	local f=$1; shift
	local -a out=()
	local line
	while IFS= read -r line; do eval "out+=($line)"; done <"$f"
	printf '%s\0' "${out[@]}" "$@"
}
# start NAME ENVFILE [KEY=VALUE...]: run the entrypoint with exactly that env (plus PATH,
# HOME, SPARK_HOME, JAVA_HOME) in the background; log in $T/NAME.log.
start() {
	local name=$1 f=$2; shift 2
	local -a e=()
	mapfile -d '' e < <(env_of "$f" "$@")
	env -i PATH="$PATH" HOME="$T" SPARK_HOME="$SPARK_HOME" ${JAVA_HOME:+JAVA_HOME=$JAVA_HOME} \
		SPARK_LOG_DIR="$T" SPARK_WORKER_DIR="$T/work-$name" "${e[@]}" "$ENTRY" >>"$T/$name.log" 2>&1 &
	PIDS[$name]=$!
}
# probe NAME ENVFILE PROBEFILE [KEY=VALUE...]: the chart's readiness probe, image path -> $ENTRY.
probe() {
	local name=$1 f=$2 pf=$3; shift 3
	local -a e=() cmd=()
	mapfile -d '' e < <(env_of "$f" "$@")
	mapfile -t cmd <"$pf"
	case ${cmd[0]} in */sparkgen-entry) cmd[0]=$ENTRY ;; esac
	env -i PATH="$PATH" "${e[@]}" "${cmd[@]}" >/dev/null 2>&1
}
# wait_for SECONDS COMMAND...: poll every second until COMMAND succeeds.
wait_for() {
	local n=$1; shift
	local end=$((SECONDS + n))
	while [ $SECONDS -lt $end ]; do "$@" && return 0; sleep 1; done
	"$@"
}
worker_args() { echo "SPARK_WORKER_PORT=$((WPORT + $1)) SPARK_WORKER_WEBUI_PORT=$((WUI + $1))"; }
registrations() { grep -sc "Successfully registered with master" "$T/worker$1.log" 2>/dev/null || true; }
alive_workers() {
	"$PY" - "$MUI" <<'PY'
import json, sys, urllib.request
try:
    with urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/json/", timeout=5) as r:
        d = json.load(r)
    print(sum(1 for w in d.get("workers", []) if w.get("state") == "ALIVE"))
except Exception:
    print(-1)
PY
}
alive_is() { [ "$(alive_workers)" = "$1" ]; }
registered_n() { [ "$(registrations "$1")" -ge "$2" ]; }
pi() { # pi N: submit pi.py, check "Pi is roughly 3.1x"
	timeout 180 "$SPARK_HOME/bin/spark-submit" --master "spark://127.0.0.1:$MPORT" \
		--conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1 \
		--conf spark.executor.memory=512m --conf spark.ui.enabled=false \
		"$SPARK_HOME/examples/src/main/python/pi.py" 4 >"$T/pi$1.out" 2>"$T/pi$1.err" || return 1
	"$PY" -c 'import re,sys; m=re.search(r"Pi is roughly ([0-9.]+)", open(sys.argv[1]).read()); sys.exit(0 if m and abs(float(m.group(1))-3.14159)<0.05 else 1)' "$T/pi$1.out"
}
exit_status() { # exit_status NAME SECONDS: wait for that entrypoint; its status (or "timeout") in $st
	local p=${PIDS[$1]} end=$((SECONDS + $2))
	while kill -0 "$p" 2>/dev/null && [ $SECONDS -lt $end ]; do sleep 0.2; done
	if kill -0 "$p" 2>/dev/null; then st=timeout; return; fi
	wait "$p"; st=$?
}

t0=$SECONDS
# ---- worker 1 first: it must wait for the master ----
# shellcheck disable=SC2046
start worker1 "$T/worker.env" $(worker_args 0)
sleep 3
check "worker started before the master is still waiting (no JVM yet)" \
	sh -c "kill -0 ${PIDS[worker1]} && grep -q 'waiting for the master' '$T/worker1.log' && ! grep -q 'Starting Spark worker' '$T/worker1.log'"

start master "$T/master.env"
check "master log shows it is ALIVE" wait_for 60 grep -qs "New state: ALIVE" "$T/master.log"
check "master readiness probe (chart's exec command) passes" wait_for 30 probe master "$T/master.env" "$T/master.probe"
for ((i = 2; i <= NWORKERS; i++)); do
	# shellcheck disable=SC2046
	start "worker$i" "$T/worker.env" $(worker_args $((i - 1)))
done
for ((i = 1; i <= NWORKERS; i++)); do
	check "worker$i log shows Successfully registered with master" wait_for 90 registered_n "$i" 1
	# shellcheck disable=SC2046
	check "worker$i readiness probe (chart's exec command) passes" \
		wait_for 20 probe "worker$i" "$T/worker.env" "$T/worker.probe" $(worker_args $((i - 1)))
done
check "master /json/ lists exactly $NWORKERS ALIVE workers" wait_for 20 alive_is $NWORKERS
echo "     (cluster up after $((SECONDS - t0)) s)"
check "Pi (pi.py via spark-submit) completes near 3.14" pi 1
echo "     (first Pi done after $((SECONDS - t0)) s)"

# ---- master restart ----
kill -TERM "${PIDS[master]}"
exit_status master 20
check "master entrypoint stops on SIGTERM with 143 (got $st)" test "$st" = 143
unset 'PIDS[master]'
check "master probe fails while the master is down" sh -c "! env SPARK_MASTER_WEBUI_PORT=$MUI '$ENTRY' probe master 2>/dev/null"
mv "$T/master.log" "$T/master-1.log"
start master "$T/master.env"
t1=$SECONDS
for ((i = 1; i <= NWORKERS; i++)); do
	check "worker$i registers again with the restarted master within 60 s" wait_for 60 registered_n "$i" 2
done
check "restarted master /json/ lists exactly $NWORKERS ALIVE workers" wait_for 20 alive_is $NWORKERS
echo "     (re-registration took $((SECONDS - t1)) s)"
check "second Pi job completes near 3.14" pi 2

# ---- shutdown ----
names=$(for ((i = 1; i <= NWORKERS; i++)); do echo "worker$i"; done; echo master)
for n in $names; do kill -TERM "${PIDS[$n]}"; done
for n in $names; do
	exit_status "$n" 20
	check "$n entrypoint stops on SIGTERM with 143 (got $st)" test "$st" = 143
	unset "PIDS[$n]"
done
echo "     (total $((SECONDS - t0)) s)"
echo "spark-e2e: $pass passed, $fail failed"
[ $fail = 0 ]
