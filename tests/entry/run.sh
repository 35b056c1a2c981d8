#!/usr/bin/env bash
# Black-box tests of sparkgen-entry (tini-style): exit codes, signal forwarding, zombie
# reaping, configuration errors, the spark-class argv, and waiting for the master.
# A fake SPARK_HOME whose bin/spark-class records its argv stands in for Spark here; the
# real-Spark test is tests/spark/.
set -u
ENTRY=${ENTRY:-$(pwd)/sparkgen-entry}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0 fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
expect_rc() { # name want got
    if [ "$2" = "$3" ]; then ok; else bad "$1: exit status $3, want $2"; fi
}

mkdir -p "$T/spark/bin"
cat > "$T/spark/bin/spark-class" <<'EOF'
#!/bin/sh
printf '%s\n' "$@" > "$ARGS_OUT"
env > "$ARGS_OUT.env"
exit "${FAKE_RC:-0}"
EOF
chmod +x "$T/spark/bin/spark-class"
export SPARK_HOME="$T/spark" ARGS_OUT="$T/args"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# --- pass-through: exit codes 0..255 survive
for code in 0 1 3 42 126 255; do
    "$ENTRY" sh -c "exit $code"; expect_rc "exit $code" "$code" $?
done

# --- killed child -> 128+signal
"$ENTRY" sh -c 'kill -KILL $$'; expect_rc "child killed by KILL" 137 $?
"$ENTRY" sh -c 'kill -TERM $$'; expect_rc "child killed by TERM" 143 $?

# --- exec failures
"$ENTRY" /nonexistent/prog 2>"$T/err"; expect_rc "missing program" 127 $?
grep -q 'cannot execute /nonexistent/prog' "$T/err" || bad "missing program message: $(cat "$T/err")"
printf 'x' > "$T/noexec"; chmod -x "$T/noexec"
"$ENTRY" "$T/noexec" 2>/dev/null; expect_rc "non-executable program" 126 $?

# --- SIGTERM (and USR1) are forwarded to the child, whose exit status is returned
"$ENTRY" sh -c 'trap "exit 42" TERM; echo ready > '"$T"'/ready; while :; do sleep 0.05; done' &
pid=$!
for _ in $(seq 100); do [ -f "$T/ready" ] && break; sleep 0.05; done
kill -TERM $pid; wait $pid; expect_rc "TERM forwarded" 42 $?
for sig in INT HUP USR1 USR2; do
    rm -f "$T/ready"
    "$ENTRY" sh -c 'trap "exit 7" '$sig'; echo ready > '"$T"'/ready; while :; do sleep 0.05; done' &
    pid=$!
    for _ in $(seq 100); do [ -f "$T/ready" ] && break; sleep 0.05; done
    kill -$sig $pid; wait $pid; expect_rc "$sig forwarded" 7 $?
done

# --- orphaned grandchildren are reaped (entry is a subreaper when not PID 1)
"$ENTRY" sh -c 'for i in 1 2 3; do (sleep 0.2 &); done; sleep 1.5' &
pid=$!
sleep 1
zombies=$(ps -o stat= --ppid $pid | grep -c '^Z')
wait $pid; rc=$?
expect_rc "reaper run" 0 $rc
[ "$zombies" = 0 ] && ok || bad "$zombies zombie children left under the entrypoint"

# --- configuration errors: exit 64 and a message naming the problem, nothing started
check_config() { # name expected-message-regex env...
    local name=$1 re=$2; shift 2
    rm -f "$ARGS_OUT"
    env "$@" "$ENTRY" 2>"$T/err"; local rc=$?
    expect_rc "$name" 64 $rc
    grep -Eq "$re" "$T/err" || bad "$name: message: $(cat "$T/err")"
    [ ! -f "$ARGS_OUT" ] || bad "$name: spark-class was started"
}
check_config "no mode" 'SPARK_MODE is not set'
check_config "bad mode" 'SPARK_MODE=driver is not valid' SPARK_MODE=driver
check_config "memory without unit" 'has no unit' SPARK_MODE=worker SPARK_MASTER_HOST=m SPARK_WORKER_MEMORY=1024
check_config "kubernetes memory unit" 'unknown unit "Gi"' SPARK_MODE=worker SPARK_MASTER_HOST=m SPARK_WORKER_MEMORY=1Gi
check_config "fractional memory" 'unknown unit' SPARK_MODE=worker SPARK_MASTER_HOST=m SPARK_WORKER_MEMORY=1.5g
check_config "zero cores" 'SPARK_WORKER_CORES=0' SPARK_MODE=worker SPARK_MASTER_HOST=m SPARK_WORKER_CORES=0
check_config "millicores" 'SPARK_WORKER_CORES=500m' SPARK_MODE=worker SPARK_MASTER_HOST=m SPARK_WORKER_CORES=500m
check_config "port out of range" 'SPARK_WORKER_WEBUI_PORT=70000' SPARK_MODE=worker SPARK_MASTER_HOST=m SPARK_WORKER_WEBUI_PORT=70000
check_config "worker without master host" 'SPARK_MASTER_HOST must name' SPARK_MODE=worker
check_config "bad host" 'not a valid host' SPARK_MODE=worker 'SPARK_MASTER_HOST=a b'
check_config "bad wait timeout" 'SPARK_MASTER_WAIT_TIMEOUT=soon' SPARK_MODE=worker SPARK_MASTER_HOST=m SPARK_MASTER_WAIT_TIMEOUT=soon

# --- master argv, with a service-link SPARK_MASTER_PORT dropped
env SPARK_MODE=master SPARK_MASTER_PORT=tcp://10.0.0.1:7077 "$ENTRY" 2>"$T/err"; expect_rc "master start" 0 $?
want=$'org.apache.spark.deploy.master.Master\n--port\n7077\n--webui-port\n8080'
[ "$(cat "$ARGS_OUT")" = "$want" ] && ok || bad "master argv: $(tr '\n' ' ' < "$ARGS_OUT")"
grep -q 'ignoring SPARK_MASTER_PORT=tcp://10.0.0.1:7077' "$T/err" && ok || bad "service link not reported"
grep -q '^SPARK_MASTER_PORT=' "$ARGS_OUT.env" && bad "service-link SPARK_MASTER_PORT reached spark-class" || ok
env SPARK_MODE=master SPARK_MASTER_HOST=10.1.2.3 SPARK_MASTER_PORT=7000 SPARK_MASTER_WEBUI_PORT=9090 "$ENTRY" 2>/dev/null
want=$'org.apache.spark.deploy.master.Master\n--host\n10.1.2.3\n--port\n7000\n--webui-port\n9090'
[ "$(cat "$ARGS_OUT")" = "$want" ] && ok || bad "master argv with host: $(tr '\n' ' ' < "$ARGS_OUT")"
env SPARK_MODE=master FAKE_RC=5 "$ENTRY" 2>/dev/null; expect_rc "master exit status" 5 $?

# --- worker waits for a master that comes up late, then starts with the right argv
port=$(free_port)
( sleep 1.2; exec python3 -c "import socket,time; s=socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(('127.0.0.1',$port)); s.listen(5); time.sleep(6)" ) &
lpid=$!
start=$(date +%s%N)
env SPARK_MODE=worker SPARK_MASTER_HOST=localhost SPARK_MASTER_PORT=$port SPARK_WORKER_CORES=3 SPARK_WORKER_MEMORY=512m \
    SPARK_MASTER_WAIT_TIMEOUT=20 "$ENTRY" 2>"$T/err"; rc=$?
elapsed=$(( ($(date +%s%N) - start) / 1000000 ))
kill $lpid 2>/dev/null; wait $lpid 2>/dev/null
expect_rc "worker after late master" 0 $rc
want="org.apache.spark.deploy.worker.Worker
spark://localhost:$port
--port
7078
--webui-port
8081
--cores
3
--memory
512m"
[ "$(cat "$ARGS_OUT")" = "$want" ] && ok || bad "worker argv: $(tr '\n' ' ' < "$ARGS_OUT")"
[ "$elapsed" -ge 1000 ] && ok || bad "worker did not wait for the master (${elapsed}ms)"
grep -q 'is accepting connections' "$T/err" && ok || bad "no readiness message: $(cat "$T/err")"

# --- worker gives up after the deadline, with exit 69
rm -f "$ARGS_OUT"
port=$(free_port)
start=$(date +%s%N)
env SPARK_MODE=worker SPARK_MASTER_HOST=127.0.0.1 SPARK_MASTER_PORT=$port SPARK_MASTER_WAIT_TIMEOUT=2 "$ENTRY" 2>"$T/err"; rc=$?
elapsed=$(( ($(date +%s%N) - start) / 1000000 ))
expect_rc "master never comes" 69 $rc
[ "$elapsed" -ge 1900 ] && [ "$elapsed" -lt 6000 ] && ok || bad "deadline not kept: ${elapsed}ms"
grep -q 'gave up' "$T/err" && ok || bad "no give-up message"
[ ! -f "$ARGS_OUT" ] && ok || bad "spark-class started without a master"

# --- an unresolvable name is retried until the deadline too
env SPARK_MODE=worker SPARK_MASTER_HOST=no-such-host.invalid SPARK_MASTER_WAIT_TIMEOUT=1 "$ENTRY" 2>/dev/null
expect_rc "unresolvable master" 69 $?

# --- SIGTERM while waiting stops promptly with 128+15
port=$(free_port)
env SPARK_MODE=worker SPARK_MASTER_HOST=127.0.0.1 SPARK_MASTER_PORT=$port SPARK_MASTER_WAIT_TIMEOUT=60 "$ENTRY" 2>/dev/null &
pid=$!
sleep 0.7
start=$(date +%s%N)
kill -TERM $pid; wait $pid; rc=$?
elapsed=$(( ($(date +%s%N) - start) / 1000000 ))
expect_rc "TERM while waiting" 143 $rc
[ "$elapsed" -lt 1500 ] && ok || bad "slow to stop on TERM: ${elapsed}ms"

echo "entry: $pass passed, $fail failed"
[ "$fail" = 0 ]
