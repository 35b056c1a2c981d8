#!/bin/sh
# run.sh - the differential suite: every case under tests/diff/cases/ is run through real
# `helm template` and through `sparkgen template`, live, and the two runs must agree byte
# for byte on stdout, stderr and exit status (and on the files they write: the whole
# scratch tree of each run is compared, which covers --output-dir).  Nothing is golden.
#
#   sh tests/diff/run.sh [-v] [PATTERN...]    PATTERN: shell glob over case names ('1*')
#
# A case is a directory tests/diff/cases/<NNN-name>/ holding
#   args        the argv after `template`, shell-quoted, one line (e.g. rel ./chart --set a=1);
#               it may name a shared chart as ../../charts/<name>, or "$REPO/charts/..."
#   chart/      the case's own chart (optional when args names a shared one)
#   env         optional: sh assignments exported to both tools (KEY=value lines)
#   helm-major  optional: the helm majors the case is compared with, words among "4 3"
#               (lines starting with # are comments: say why a case is restricted).
#               Default: both.  Every case runs once per major: against helm v4.1.4 with
#               sparkgen in its default mode, and against helm v3.17.3 with sparkgen given
#               SPARKGEN_HELM_MAJOR=3 (the --helm-compat v3 mode); results are named case@vN.
# Each tool runs in an identical copy of the case at the same absolute path (the copies are
# made one after the other), with a private HOME/HELM_*_HOME, under a timeout.
#
# Environment: SPARKGEN (default ./sparkgen), HELM (helm v4.1.4), HELM3 (helm v3.17.3),
# JOBS (parallel cases, default 2), DIFF_TIMEOUT (seconds per run, default 20),
# DIFF_MAJORS (majors to run, default "4 3"; e.g. DIFF_MAJORS=4 for a quick v4-only pass),
# DIFF_RESULTS=FILE (append one line per run: "case major helm_rc sparkgen_rc PASS|FAIL helm_stderr",
# helm's stderr last, its newlines turned into spaces; tests/diff/audit-functions.sh reads it),
# DIFF_KEEP=1 (keep the scratch directory and print its path).
# Output: a short unified diff per failing case, then exactly one line "N passed, N failed";
# exit status 0 iff nothing failed (2 if helm or sparkgen is missing).
set -u

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
CACHE=${SPARKGEN_TEST_CACHE:-${HOME:-/root}/.cache/sparkgen-test}
HELM=${HELM:-$CACHE/helm-v4/helm}
HELM3=${HELM3:-$CACHE/helm-v3/helm}
SPARKGEN=${SPARKGEN:-$REPO/sparkgen}
JOBS=${JOBS:-2}
DIFF_MAJORS=${DIFF_MAJORS:-4 3}
DIFF_TIMEOUT=${DIFF_TIMEOUT:-20}
export HERE REPO HELM HELM3 DIFF_TIMEOUT

# abspath P: P made absolute (relative to the current directory).
abspath() {
	case $1 in /*) printf '%s\n' "$1" ;; *) printf '%s\n' "$PWD/$1" ;; esac
}

# run_tool TOOL MAJOR CASEDIR WORK TAG: copy the case into WORK/t, run `TOOL template ARGS`
# there, leave TAG.out/.err/.rc in WORK and the scratch tree in WORK/TAG-tree.
run_tool() {
	tool=$1 major=$2 cdir=$3 work=$4 tag=$5
	name=$(basename "$cdir")
	rm -rf "$work/t" "$work/home"
	mkdir -p "$work/t/cases" "$work/home"
	cp -R "$cdir" "$work/t/cases/$name"
	ln -s "$HERE/charts" "$work/t/charts"
	(
		cd "$work/t/cases/$name" || exit 125
		HOME=$work/home
		HELM_CONFIG_HOME=$work/home/config HELM_CACHE_HOME=$work/home/cache HELM_DATA_HOME=$work/home/data
		export HOME HELM_CONFIG_HOME HELM_CACHE_HOME HELM_DATA_HOME
		unset KUBECONFIG HELM_NAMESPACE HELM_KUBECONTEXT HELM_DEBUG
		LC_ALL=C.UTF-8 TZ=UTC
		export LC_ALL TZ
		if [ "$tag" = sparkgen ] && [ "$major" = 3 ]; then
			SPARKGEN_HELM_MAJOR=3
			export SPARKGEN_HELM_MAJOR
		fi
		if [ -f env ]; then
			set -a
			. ./env
			set +a
		fi
		eval "set -- $(cat args)"
		timeout -k 5 "$DIFF_TIMEOUT" "$tool" template "$@" >"$work/$tag.out" 2>"$work/$tag.err" </dev/null
		echo $? >"$work/$tag.rc"
	)
	[ -f "$work/$tag.rc" ] || echo 125 >"$work/$tag.rc"
	mv "$work/t" "$work/$tag-tree"
}

# compare WHAT A B REPORT: append a short unified diff of A vs B to REPORT; false on difference.
compare() {
	if cmp -s "$2" "$3"; then return 0; fi
	{
		echo "  $1 differs:"
		diff -u --label "helm $1" --label "sparkgen $1" "$2" "$3" | head -n 40 | sed 's/^/    /'
	} >>"$4"
	return 1
}

# majors_of CASEDIR: the majors the case runs in (its helm-major file, or "4 3").
majors_of() {
	if [ -f "$1/helm-major" ]; then
		grep -v '^#' "$1/helm-major" | tr -s ' \n' '  '
	else
		echo "4 3"
	fi
}

# one_case CASEDIR@MAJOR WORKROOT: run one case in one major; leaves
# WORKROOT/<name>@v<major>/result (PASS|FAIL) + report.
one_case() {
	cdir=${1%@*}
	major=${1##*@}
	name=$(basename "$cdir")
	work=$2/$name@v$major
	mkdir -p "$work"
	h=$HELM
	[ "$major" = 3 ] && h=$HELM3
	if [ ! -f "$cdir/args" ]; then
		echo "FAIL $name: no args file" >"$work/report"
		echo FAIL >"$work/result"
		return
	fi
	run_tool "$h" "$major" "$cdir" "$work" helm
	run_tool "$SPARKGEN" "$major" "$cdir" "$work" sparkgen
	: >"$work/report"
	ok=1
	cmp -s "$work/helm.rc" "$work/sparkgen.rc" || ok=0
	compare stdout "$work/helm.out" "$work/sparkgen.out" "$work/report" || ok=0
	compare stderr "$work/helm.err" "$work/sparkgen.err" "$work/report" || ok=0
	if ! diff -r --no-dereference "$work/helm-tree" "$work/sparkgen-tree" >"$work/tree.diff" 2>&1; then
		ok=0
		{
			echo "  written files differ:"
			sed -e "s#$work/helm-tree#helm#g" -e "s#$work/sparkgen-tree#sparkgen#g" "$work/tree.diff" |
				head -n 30 | sed 's/^/    /'
		} >>"$work/report"
	fi
	if [ $ok = 1 ]; then
		echo PASS >"$work/result"
		[ -n "${DIFF_KEEP:-}" ] || rm -rf "$work/helm-tree" "$work/sparkgen-tree"
	else
		echo FAIL >"$work/result"
		src=$(cat "$work/sparkgen.rc")
		[ "$src" = 124 ] && src="124, timed out after ${DIFF_TIMEOUT}s"
		sed -i "1i FAIL $name (helm v$major: exit $(cat "$work/helm.rc"), sparkgen: exit $src)" "$work/report"
	fi
}

if [ "${1:-}" = --one ]; then
	export SPARKGEN
	one_case "$2" "$3"
	exit 0
fi

verbose=0
if [ "${1:-}" = -v ]; then verbose=1; shift; fi

SPARKGEN=$(abspath "$SPARKGEN")
HELM=$(abspath "$HELM")
HELM3=$(abspath "$HELM3")
export SPARKGEN HELM HELM3
if [ ! -x "$HELM" ]; then
	echo "run.sh: real helm not found at $HELM: run 'sh .ci/install-test-deps.sh' (or set HELM=)" >&2
	exit 2
fi
if [ ! -x "$SPARKGEN" ]; then
	echo "run.sh: sparkgen not found at $SPARKGEN: build it with 'make' (or set SPARKGEN=)" >&2
	exit 2
fi

# The case list, filtered by the PATTERN arguments.
list=$(mktemp)
for d in "$HERE"/cases/*/; do
	d=${d%/}
	n=$(basename "$d")
	[ -d "$d" ] || continue
	if [ $# -gt 0 ]; then
		hit=0
		for p in "$@"; do
			# shellcheck disable=SC2254
			case $n in $p) hit=1 ;; esac
		done
		[ $hit = 1 ] || continue
	fi
	for m in $(majors_of "$d"); do
		case " $DIFF_MAJORS " in *" $m "*) ;; *) continue ;; esac
		if [ "$m" = 3 ] && [ ! -x "$HELM3" ]; then
			echo "run.sh: helm v3 not found at $HELM3 (needed by $n): run 'sh .ci/install-test-deps.sh'" >&2
			rm -f "$list"
			exit 2
		fi
		printf '%s@%s\n' "$d" "$m" >>"$list"
	done
done

WORKROOT=$(mktemp -d "${TMPDIR:-/tmp}/sparkgen-diff.XXXXXX")
tr '\n' '\0' <"$list" | xargs -0 -P "$JOBS" -I{} sh "$HERE/run.sh" --one {} "$WORKROOT"

pass=0 fail=0
while IFS= read -r d; do
	m=${d##*@}
	n=$(basename "${d%@*}")@v$m
	r=$(cat "$WORKROOT/$n/result" 2>/dev/null)
	if [ "$r" = PASS ]; then
		pass=$((pass + 1))
		[ $verbose = 1 ] && echo "ok   $n"
	else
		fail=$((fail + 1))
		if [ -f "$WORKROOT/$n/report" ]; then cat "$WORKROOT/$n/report"; else echo "FAIL $n (no result)"; fi
	fi
	if [ -n "${DIFF_RESULTS:-}" ]; then
		printf '%s %s %s %s %s %s\n' "${n%@*}" "$m" "$(cat "$WORKROOT/$n/helm.rc" 2>/dev/null || echo -)" \
			"$(cat "$WORKROOT/$n/sparkgen.rc" 2>/dev/null || echo -)" "${r:-FAIL}" \
			"$(tr '\n' ' ' <"$WORKROOT/$n/helm.err" 2>/dev/null)" >>"$DIFF_RESULTS"
	fi
done <"$list"
rm -f "$list"
if [ -n "${DIFF_KEEP:-}" ]; then echo "run.sh: scratch kept in $WORKROOT" >&2; else rm -rf "$WORKROOT"; fi
echo "$pass passed, $fail failed"
[ $fail = 0 ]
