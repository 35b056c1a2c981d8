#!/bin/sh
# run.sh - the bad-input catalogue: malformed charts, values, templates and flags, and the
# inputs on which helm hangs, crashes or exhausts memory.  sparkgen must answer each with
# a clear error (or helm's exact text) quickly.
#
#   sh tests/bad/run.sh [-v] [PATTERN...]     PATTERN: shell glob over case names
#
# A case is a directory tests/bad/cases/<NNN-name>/ holding
#   args     the argv after `template`, shell-quoted, one line (as tests/diff cases)
#   chart/   the case's own chart (optional)
#   expect-match  optional: line 1 the exit status, line 2 a regexp stderr must match.
#   expect   optional: our own expectation (helm hangs, crashes or reads outside the
#            chart): line 1 the exit status, the rest stderr exactly ("$CASE" stands for
#            the case's absolute scratch directory).  stdout must then be empty, unless
#            a file `stdout` holds the expected stdout.
#            Without `expect`, the case runs live through real helm v4 too, and stdout,
#            stderr and exit status must agree byte for byte (helm answers these quickly).
# Every run has a timeout (BAD_TIMEOUT seconds, default 20) and a 6 GiB address-space cap
# for sparkgen (BAD_VMEM KiB; a limit that fails to cut in shows up as a failure, not a dead
# machine).  After the cases, built-in checks: a full disk (/dev/full) and a closed pipe
# (`| head -c1`) give exit 1 and an error, a failed render leaves --output-dir empty, and
# a file over helm's 5 MiB limit and charts with unreadable files (chmod 000; run as
# nobody) get helm's answer byte for byte.
# Environment: SPARKGEN (default ./sparkgen), HELM (default as tests/diff/run.sh).
# Output: a diff per failing case, then one line "N passed, N failed"; exit 0 iff none failed.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
CACHE=${SPARKGEN_TEST_CACHE:-${HOME:-/root}/.cache/sparkgen-test}
HELM=${HELM:-$CACHE/helm-v4/helm}
[ -x "$HELM" ] || HELM=/tmp/helmdl/v4/helm/helm
SPARKGEN=${SPARKGEN:-$REPO/sparkgen}
case $SPARKGEN in /*) ;; *) SPARKGEN=$PWD/$SPARKGEN ;; esac
T=${BAD_TIMEOUT:-20}
# address-space cap in KiB (0 = none; none by default under ASan, which maps terabytes)
if [ -n "${ASAN_OPTIONS:-}" ]; then VMEM=${BAD_VMEM:-0}; else VMEM=${BAD_VMEM:-6291456}; fi
VERBOSE=0
[ "${1:-}" = -v ] && { VERBOSE=1; shift; }
[ -x "$SPARKGEN" ] || { echo "no sparkgen at $SPARKGEN" >&2; exit 2; }
W=$(mktemp -d /tmp/sparkgen-bad.XXXXXX)
trap 'rm -rf "$W"' EXIT INT TERM

# runone TOOL CASEDIR OUTPREFIX: run TOOL in a fresh copy of the case at $W/run/NAME
runone() {
	name=$(basename "$2")
	rm -rf "$W/run" "$W/home" && mkdir -p "$W/run" "$W/home"
	cp -R "$2" "$W/run/$name"
	(
		cd "$W/run/$name" || exit 125
		export HOME="$W/home" HELM_CONFIG_HOME="$W/home/c" HELM_CACHE_HOME="$W/home/k" HELM_DATA_HOME="$W/home/d"
		unset HELM_NAMESPACE HELM_DEBUG SPARKGEN_HELM_COMPAT SPARKGEN_HELM_MAJOR
		eval "set -- $(cat args)"
		if [ "$1" = sparkgen ]; then :; fi
		case $TOOLKIND in
		sparkgen) [ "$VMEM" = 0 ] || ulimit -v "$VMEM" 2>/dev/null; exec timeout "$T" "$SPARKGEN" template "$@" ;;
		helm) exec timeout "$T" "$HELM" template "$@" ;;
		esac
	) >"$3.out" 2>"$3.err" </dev/null
	echo $? >"$3.rc"
	sed "s#$W/run/$name#\$CASE#g" "$3.err" >"$3.err2" && mv "$3.err2" "$3.err"
}

pass=0 fail=0
for d in "$HERE"/cases/*/; do
	d=${d%/}
	name=$(basename "$d")
	if [ $# -gt 0 ]; then
		m=0
		for p in "$@"; do case $name in $p) m=1 ;; esac; done
		[ $m = 1 ] || continue
	fi
	r="$W/res" && rm -rf "$r" && mkdir -p "$r"
	TOOLKIND=sparkgen runone sparkgen "$d" "$r/s"
	if [ -f "$d/expect-match" ]; then
		# line 1 the exit status, line 2 an extended regexp stderr must match (for messages
		# that depend on the build, e.g. the C stack of a sanitizer build)
		ok=0
		[ "$(cat "$r/s.rc")" = "$(head -n1 "$d/expect-match")" ] && [ ! -s "$r/s.out" ] &&
			grep -Eq "$(sed -n 2p "$d/expect-match")" "$r/s.err" && ok=1
		if [ $ok = 1 ]; then pass=$((pass + 1)); [ $VERBOSE = 1 ] && echo "ok   $name"
		else fail=$((fail + 1)); echo "FAIL $name"; echo "  rc $(cat "$r/s.rc")"; head -c 600 "$r/s.err"; fi
		continue
	fi
	if [ -f "$d/expect" ]; then
		head -n1 "$d/expect" >"$r/e.rc"
		tail -n +2 "$d/expect" >"$r/e.err"
		if [ -f "$d/stdout" ]; then cp "$d/stdout" "$r/e.out"; else : >"$r/e.out"; fi
	else
		[ -x "$HELM" ] || { echo "$name: no helm at $HELM (make test-deps)"; fail=$((fail + 1)); continue; }
		TOOLKIND=helm runone helm "$d" "$r/e"
	fi
	ok=1
	for k in rc out err; do cmp -s "$r/e.$k" "$r/s.$k" || ok=0; done
	if [ $ok = 1 ]; then
		pass=$((pass + 1))
		[ $VERBOSE = 1 ] && echo "ok   $name"
	else
		fail=$((fail + 1))
		echo "FAIL $name"
		for k in rc err out; do
			cmp -s "$r/e.$k" "$r/s.$k" || diff -u --label "expected.$k" --label "sparkgen.$k" "$r/e.$k" "$r/s.$k" | head -20
		done
	fi
done
# ---- built-in output checks (no partial output, ever)
io_check() { # io_check NAME: the previous command set ok=1 or ok=0
	if [ $ok = 1 ]; then pass=$((pass + 1)); [ $VERBOSE = 1 ] && echo "ok   io-$1"
	else fail=$((fail + 1)); echo "FAIL io-$1"; fi
}
if [ $# -eq 0 ] || case "io-" in $1) true ;; *) false ;; esac; then
	c="$W/io/c" && mkdir -p "$c/templates"
	printf 'apiVersion: v2\nname: c\nversion: 0.1.0\n' >"$c/Chart.yaml"
	printf 'a: {{ repeat 200000 "x" }}\n' >"$c/templates/a.yaml"
	"$SPARKGEN" template rel "$c" >/dev/full 2>"$W/io/err"; rc=$?
	ok=0; [ $rc = 1 ] && grep -q '^Error: write /dev/stdout: write error$' "$W/io/err" && ok=1; io_check full-disk
	{ "$SPARKGEN" template rel "$c" 2>"$W/io/err"; echo $? >"$W/io/rc"; } | head -c1 >/dev/null
	ok=0; [ "$(cat "$W/io/rc")" = 1 ] && grep -q 'write error' "$W/io/err" && ok=1; io_check closed-pipe
	printf 'b: {{ fail "late" }}\n' >"$c/templates/z.yaml"
	mkdir -p "$W/io/out"
	"$SPARKGEN" template rel "$c" --output-dir "$W/io/out" >"$W/io/stdout" 2>/dev/null; rc=$?
	ok=0; [ $rc = 1 ] && [ -z "$(ls -A "$W/io/out")" ] && [ ! -s "$W/io/stdout" ] && ok=1; io_check output-dir-failed-render
	rm -f "$c/templates/z.yaml"
	"$SPARKGEN" template rel "$c" --output-dir "$W/io/out" >/dev/null 2>&1; rc=$?
	ok=0; [ $rc = 0 ] && [ -z "$(find "$W/io/out" -name '*sparkgen-tmp*')" ] && [ -s "$W/io/out/c/templates/a.yaml" ] && ok=1
	io_check output-dir-no-temp-files
fi
# ---- a chart file over helm's 5 MiB file limit (archive.MaxDecompressedFileSize, helm 3.17
# and 4), and one of exactly 5 MiB: generated here rather than committed
if [ $# -eq 0 ] || case "big-file-" in $1) true ;; *) false ;; esac; then
	HELM3=${HELM3:-$CACHE/helm-v3/helm}
	for size in 5242881 5242880; do
		c="$W/big/$size" && mkdir -p "$c/templates" "$c/files/sub"
		printf 'apiVersion: v2\nname: c\nversion: 0.1.0\n' >"$c/Chart.yaml"
		printf 'a: {{ len (.Files.Get "files/sub/big.txt") }}\n' >"$c/templates/a.yaml"
		head -c $size /dev/zero | tr '\0' x >"$c/files/sub/big.txt"
		for major in 4 3; do
			if [ $major = 4 ]; then h=$HELM; compat=; else h=$HELM3; compat="--helm-compat v3"; fi
			[ -x "$h" ] || continue
			(cd "$W/big" && "$h" template rel "./$size" >"$c/h.out" 2>"$c/h.err"; echo $? >"$c/h.rc")
			(cd "$W/big" && "$SPARKGEN" template rel "./$size" $compat >"$c/s.out" 2>"$c/s.err"; echo $? >"$c/s.rc")
			ok=1
			for k in rc out err; do cmp -s "$c/h.$k" "$c/s.$k" || ok=0; done
			[ $ok = 1 ] || for k in rc err out; do diff -u "$c/h.$k" "$c/s.$k" | head -10; done
			io_check "big-file-$size-v$major"
		done
	done
fi
# ---- unreadable files (chmod 000) answered as helm answers them.  The checks run as root,
# who reads everything: helm and sparkgen run as nobody (setpriv) on a world-readable copy.
if [ $# -eq 0 ] || case "unreadable-" in $1) true ;; *) false ;; esac; then
	if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1 && [ -x "$HELM" ]; then
		U="$W/unr" && mkdir -p "$U/bin" && chmod 755 "$W" "$U" "$U/bin"
		cp "$HELM" "$U/bin/helm" && cp "$SPARKGEN" "$U/bin/sparkgen" && chmod 755 "$U/bin/helm" "$U/bin/sparkgen"
		for v in file template chart-yaml values dir templates-dir ignored-dir helmignore; do
			c="$U/$v" && rm -rf "$c" && mkdir -p "$c/c/templates" "$c/c/files" "$c/c/sub" "$c/home"
			printf 'apiVersion: v2\nname: c\nversion: 0.1.0\n' >"$c/c/Chart.yaml"
			printf 'a: {{ .Files.Get "files/x.txt" | quote }}\n' >"$c/c/templates/a.yaml"
			echo x >"$c/c/files/x.txt"; echo y >"$c/c/sub/y.txt"; echo 'k: 1' >"$c/c/values.yaml"
			[ $v = ignored-dir ] || [ $v = helmignore ] && printf 'sub/\n' >"$c/c/.helmignore"
			chmod -R a+rX "$c" && chmod 777 "$c/home"
			case $v in
			file) chmod 000 "$c/c/files/x.txt" ;; template) chmod 000 "$c/c/templates/a.yaml" ;;
			chart-yaml) chmod 000 "$c/c/Chart.yaml" ;; values) chmod 000 "$c/c/values.yaml" ;;
			dir|ignored-dir) chmod 000 "$c/c/sub" ;; templates-dir) chmod 000 "$c/c/templates" ;;
			helmignore) chmod 000 "$c/c/.helmignore" ;;
			esac
			for t in helm sparkgen; do
				(cd "$c" && HOME="$c/home" HELM_CONFIG_HOME="$c/home/c" HELM_CACHE_HOME="$c/home/k" \
					HELM_DATA_HOME="$c/home/d" timeout "$T" setpriv --reuid=65534 --regid=65534 --clear-groups \
					"$U/bin/$t" template rel ./c >"$c/$t.out" 2>"$c/$t.err" </dev/null; echo $? >"$c/$t.rc")
			done
			ok=1
			for k in rc out err; do cmp -s "$c/helm.$k" "$c/sparkgen.$k" || ok=0; done
			[ $ok = 1 ] || for k in rc err out; do diff -u "$c/helm.$k" "$c/sparkgen.$k" | head -10; done
			io_check "unreadable-$v"
			chmod -R u+rwX "$c"
		done
	else
		echo "note: unreadable-file checks skipped (need root, setpriv and helm)"
	fi
fi
echo "$pass passed, $fail failed"
[ $fail = 0 ]
