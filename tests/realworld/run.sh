#!/bin/sh
# run.sh - the real-world check: public charts, taken from local git snapshots a developer
# fetched, are rendered by real `helm template` and by `sparkgen template`, and the two must
# agree byte for byte on stdout, stderr and exit status.  Not part of `make check`: CI has no
# network and this repository never holds fetched charts.  Each difference found here is
# reduced to a small case of its own under tests/diff/cases/.
#
#   sh tests/realworld/run.sh [-v] [PATTERN...]    PATTERN: shell glob over chart labels
#
# The charts come from tests/realworld/charts.list (see its header for the line format):
# each names a repository, a commit and a path; the chart is `git archive`d from the bare
# git directory $REALWORLD_MIRROR/<owner>+<name>/repo (or .../<owner>+<name> itself when
# that is the git directory), its subcharts are placed under charts/ from the same (or
# another) snapshot, and it is rendered once with its default values, once per values file,
# per helm-unittest test (its values; python3 with PyYAML reads the suites) and per extra run,
# against helm v4.1.4 (sparkgen default mode) and helm v3.17.3 (sparkgen --helm-compat v3).  Both tools render the same extracted directory, at the same path,
# each with a private empty HOME.
#
# Each run is reported as one of:
#   IDENT   stdout, stderr and exit status byte-identical;
#   DIFF    a difference (helm, run twice, printed the same bytes both times);
#   MASKED  helm's own two runs differ (random passwords, bcrypt salts, generated certificates)
#           and sparkgen agrees with helm on every byte outside the lines helm randomised
#           (see masked_same); pin such values with args= in charts.list where the chart allows;
#   NONDET  helm's own two runs differ and cannot be lined up line by line.
#
# Environment: SPARKGEN (default ./sparkgen), HELM (helm v4.1.4), HELM3 (helm v3.17.3),
# REALWORLD_MIRROR (default /work/.mirror), REALWORLD_LIST (default charts.list beside this
# script), REALWORLD_MAJORS (default "4 3"), REALWORLD_TIMEOUT (seconds per run, default 120),
# REALWORLD_KEEP=1 (keep the scratch directory and print its path), REALWORLD_ARGS (helm
# arguments added to every run, e.g. '--include-crds -n other'), REALWORLD_PACK=deps (every
# subchart packaged into charts/NAME-VERSION.tgz with helm package, the layout `helm
# dependency build` leaves) or REALWORLD_PACK=all (the chart itself rendered from its .tgz too),
# REALWORLD_UNITTEST=0 (skip the unittest= runs: the quick pass).
# Output: one line per run, a short diff with -v for each run not IDENT, then per major
# "N of M charts byte-identical (R of S runs), K more identical outside helm's random values";
# exit status 0 iff no run was DIFF or NONDET, 1 otherwise, 2 on a setup error (missing tool,
# snapshot, commit or file).
set -u

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
CACHE=${SPARKGEN_TEST_CACHE:-${HOME:-/root}/.cache/sparkgen-test}
HELM=${HELM:-$CACHE/helm-v4/helm}
HELM3=${HELM3:-$CACHE/helm-v3/helm}
SPARKGEN=${SPARKGEN:-$REPO/sparkgen}
MIRROR=${REALWORLD_MIRROR:-/work/.mirror}
LIST=${REALWORLD_LIST:-$HERE/charts.list}
MAJORS=${REALWORLD_MAJORS:-4 3}
TIMEOUT=${REALWORLD_TIMEOUT:-120}

verbose=0
if [ "${1:-}" = -v ]; then verbose=1; shift; fi

# abspath P: P made absolute (relative to the current directory).
abspath() {
	case $1 in /*) printf '%s\n' "$1" ;; *) printf '%s\n' "$PWD/$1" ;; esac
}
SPARKGEN=$(abspath "$SPARKGEN")
HELM=$(abspath "$HELM")
HELM3=$(abspath "$HELM3")
for t in "$SPARKGEN" "$HELM"; do
	[ -x "$t" ] || { echo "run.sh: $t not found (build sparkgen with make; helm: sh .ci/install-test-deps.sh)" >&2; exit 2; }
done
case " $MAJORS " in *" 3 "*) [ -x "$HELM3" ] || { echo "run.sh: helm v3 not found at $HELM3" >&2; exit 2; } ;; esac

WORK=$(mktemp -d "${TMPDIR:-/tmp}/sparkgen-realworld.XXXXXX")
if [ -z "${REALWORLD_KEEP:-}" ]; then
	trap 'rm -rf "$WORK"' EXIT
else
	echo "scratch: $WORK"
fi

# gitdir REPO: the bare git directory of the snapshot of owner/name REPO (empty if none).
gitdir() {
	d=$MIRROR/$(printf '%s' "$1" | tr / +)
	if [ -f "$d/repo/HEAD" ]; then
		printf '%s\n' "$d/repo"
	elif [ -f "$d/HEAD" ]; then
		printf '%s\n' "$d"
	fi
}

# extract REPO COMMIT PATH DEST: DEST becomes the tree PATH of REPO at COMMIT; false (with a
# message) when the snapshot, the commit or the path is missing.
extract() {
	g=$(gitdir "$1")
	if [ -z "$g" ]; then
		echo "run.sh: no snapshot of $1 under $MIRROR (fetch it: github:$1)" >&2
		return 1
	fi
	obj="$2:$3"
	[ "$3" = . ] && obj="$2^{tree}"
	if ! git --git-dir="$g" cat-file -e "$obj" 2>/dev/null; then
		echo "run.sh: $1 has no $3 at commit $2" >&2
		return 1
	fi
	x=$WORK/x.$$
	rm -rf "$x"
	mkdir -p "$x" "$(dirname "$4")"
	# git archive complains about objects a partial snapshot lacks even outside PATH: its
	# stderr is dropped, and the extracted files are counted against the tree instead.
	git --git-dir="$g" archive "$2" "$3" 2>/dev/null | tar -x -C "$x" || return 1
	want=$(git --git-dir="$g" ls-tree -r --name-only "$2" "$3" | wc -l)
	got=$(find "$x/$3" ! -type d | wc -l)
	if [ "$want" != "$got" ]; then
		echo "run.sh: $1 $3 at $2: only $got of $want files could be extracted" >&2
		return 1
	fi
	rm -rf "$4"
	if [ "$3" = . ]; then mv "$x" "$4"; else mv "$x/$3" "$4"; fi
	rm -rf "$x"
}

# run_tool TOOL MAJOR TAG CHARTDIR ARGS...: run `TOOL template rw CHARTDIR ARGS` with a
# private HOME; leaves $WORK/r/TAG.out/.err/.rc.
run_tool() {
	tool=$1 major=$2 tag=$3 chart=$4
	shift 4
	rm -rf "$WORK/home"
	mkdir -p "$WORK/home" "$WORK/r"
	(
		cd "$WORK" || exit 125
		HOME=$WORK/home
		HELM_CONFIG_HOME=$HOME/config HELM_CACHE_HOME=$HOME/cache HELM_DATA_HOME=$HOME/data
		export HOME HELM_CONFIG_HOME HELM_CACHE_HOME HELM_DATA_HOME
		unset KUBECONFIG HELM_NAMESPACE HELM_KUBECONTEXT HELM_DEBUG SPARKGEN_HELM_COMPAT SPARKGEN_HELM_MAJOR
		LC_ALL=C.UTF-8 TZ=UTC
		export LC_ALL TZ
		if [ "$tag" = sparkgen ] && [ "$major" = 3 ]; then
			set -- --helm-compat v3 "$@"
		fi
		timeout -k 5 "$TIMEOUT" "$tool" template rw "$chart" "$@" \
			>"$WORK/r/$tag.out" 2>"$WORK/r/$tag.err" </dev/null
		echo $? >"$WORK/r/$tag.rc"
	)
	[ -f "$WORK/r/$tag.rc" ] || echo 125 >"$WORK/r/$tag.rc"
}

# same A B: the two runs tagged A and B printed the same bytes and exit status.
same() {
	cmp -s "$WORK/r/$1.out" "$WORK/r/$2.out" && cmp -s "$WORK/r/$1.err" "$WORK/r/$2.err" &&
		cmp -s "$WORK/r/$1.rc" "$WORK/r/$2.rc"
}

# masked_same: helm's two runs (helm1, helm) differ, and sparkgen's run agrees with them
# everywhere except in what helm itself randomises: same stderr and exit status, the same
# number of stdout lines, lines helm printed identically twice printed identically, and
# each line that changed between helm's runs printed with the same YAML key (or common
# prefix) and closing quote (`  password: "` ... `"`).  Exit status 0: agrees, 1: differs, 2: helm's runs cannot be lined up.
masked_same() {
	cmp -s "$WORK/r/helm.err" "$WORK/r/sparkgen.err" && cmp -s "$WORK/r/helm.rc" "$WORK/r/sparkgen.rc" || return 1
	cmp -s "$WORK/r/helm1.err" "$WORK/r/helm.err" || return 2
	awk '
		FILENAME == ARGV[1] { a[FNR] = $0; na = FNR; next }
		FILENAME == ARGV[2] { b[FNR] = $0; nb = FNR; next }
		{ c[FNR] = $0; nc = FNR }
		END {
			if (na != nb) exit 2
			if (nc != na) exit 1
			for (i = 1; i <= na; i++) {
				if (a[i] == b[i]) { if (c[i] != a[i]) exit 1; continue }
				x = a[i]; y = b[i]; p = 0
				while (p < length(x) && p < length(y) && substr(x, p + 1, 1) == substr(y, p + 1, 1)) p++
				q = 0
				while (q < length(x) - p && q < length(y) - p &&
				       substr(x, length(x) - q, 1) == substr(y, length(y) - q, 1)) q++
				# bytes of a random value can agree by chance in the two helm runs (a base64
				# digit carrying two fixed bits, a certificate serial of the same length):
				# keep only the YAML key of the prefix, or drop its last two bytes, and of
				# the suffix only a closing quote
				k = index(substr(x, 1, p), ": ")
				if (k > 0) p = k + 1; else p = (p > 2) ? p - 2 : 0
				e = substr(x, length(x), 1)
				q = (q > 0 && (e == "\"" || e == "\047")) ? 1 : 0
				z = c[i]
				if (length(z) < p + q || substr(z, 1, p) != substr(x, 1, p) ||
				    substr(z, length(z) - q + 1) != substr(x, length(x) - q + 1)) exit 1
			}
		}' "$WORK/r/helm1.out" "$WORK/r/helm.out" "$WORK/r/sparkgen.out"
}

# show_diff: a short unified diff of helm's and sparkgen's stdout and stderr.
show_diff() {
	echo "    exit: helm $(cat "$WORK/r/helm.rc"), sparkgen $(cat "$WORK/r/sparkgen.rc")"
	for s in out err; do
		cmp -s "$WORK/r/helm.$s" "$WORK/r/sparkgen.$s" && continue
		diff -u --label "helm std$s" --label "sparkgen std$s" "$WORK/r/helm.$s" "$WORK/r/sparkgen.$s" |
			head -n 30 | sed 's/^/    /'
	done
}

# Results: one line per run in $WORK/results: "MAJOR LABEL VALUES STATUS".
: >"$WORK/results"

# check_chart LABEL CHARTDIR RUNFILE: every run of RUNFILE (one argv per line, shell-quoted)
# against every major.
check_chart() {
	label=$1 chart=$2 runs=$3
	for major in $MAJORS; do
		h=$HELM
		[ "$major" = 3 ] && h=$HELM3
		while IFS= read -r run; do
			eval "set -- $run"
			desc=$(printf "%s" "${run:-default}" | sed "s#$WORK/src/$label/chart/##g; s#$WORK/src/$label/repo/#/#g; s#$WORK/src/$label/##g" | tr -d "\047")
			run_tool "$h" "$major" helm "$chart" "$@"
			run_tool "$SPARKGEN" "$major" sparkgen "$chart" "$@"
			if same helm sparkgen; then
				st=IDENT
			else
				for s in out err rc; do mv "$WORK/r/helm.$s" "$WORK/r/helm1.$s"; done
				run_tool "$h" "$major" helm "$chart" "$@"
				if same helm helm1; then
					st=DIFF
				else
					masked_same
					case $? in 0) st=MASKED ;; 1) st=DIFF ;; *) st=NONDET ;; esac
				fi
			fi
			rc=$(cat "$WORK/r/helm.rc")
			note=""
			[ "$rc" = 0 ] || note=" (helm exit $rc: $(grep -m1 . "$WORK/r/helm.err" | cut -c1-100))"
			printf '%-6s v%s %s [%s]%s\n' "$st" "$major" "$label" "$desc" "$note"
			[ $verbose = 1 ] && [ "$st" != IDENT ] && show_diff
			if [ "$st" != IDENT ] && [ -n "${REALWORLD_KEEP:-}" ]; then
				nkept=$((nkept + 1))
				k=$WORK/kept/$nkept-$label@v$major
				mkdir -p "$k"
				cp "$WORK/r/"* "$k/"
				printf '%s\n' "$run" >"$k/args"
				echo "    kept: $k"
			fi
			printf '%s %s %s %s\n' "$major" "$label" "$(printf '%s' "$desc" | tr ' ' _)" "$st" >>"$WORK/results"
		done <"$runs"
	done
}

# unittest_runs CHART GLOB DIR: the helm-unittest suites GLOB of CHART as helm arguments, one
# line per distinct test: its set: values and values: files merged into DIR/N.yaml (suite
# level first), its release namespace (-n), capabilities (--kube-version, --api-versions) and
# upgrade flag.  The whole chart is rendered, not only the suite's templates, and the asserts
# are ignored: the test is only a source of values that reach the chart's branches.  Needs
# python3 with PyYAML.
unittest_runs() {
	mkdir -p "$3"
	python3 - "$1" "$2" "$3" <<'PY'
import glob, json, os, re, sys
import yaml

chart, pattern, out = sys.argv[1:4]

def set_path(root, path, value):
    # helm-unittest set: paths: a.b[0].c, with \. for a literal dot
    parts = []
    for raw in re.split(r'(?<!\\)\.', path):
        raw = raw.replace('\\.', '.')
        m = re.match(r'^(.*?)((?:\[\d+\])*)$', raw)
        if m.group(1):
            parts.append(m.group(1))
        parts += [int(i) for i in re.findall(r'\[(\d+)\]', m.group(2))]
    node = root
    for i, k in enumerate(parts):
        last = i == len(parts) - 1
        nxt = None if last else ([] if isinstance(parts[i + 1], int) else {})
        if isinstance(k, int):
            if not isinstance(node, list):
                return
            while len(node) <= k:
                node.append(None)
            if last:
                node[k] = value
            else:
                if not isinstance(node[k], type(nxt)):
                    node[k] = nxt
                node = node[k]
        else:
            if not isinstance(node, dict):
                return
            if last:
                node[k] = value
            else:
                if not isinstance(node.get(k), type(nxt)):
                    node[k] = nxt
                node = node[k]

def merge(dst, src):
    for k, v in src.items():
        if isinstance(v, dict) and isinstance(dst.get(k), dict):
            merge(dst[k], v)
        else:
            dst[k] = v

seen = set()
n = 0
for f in sorted(glob.glob(os.path.join(chart, pattern), recursive=True)):
    try:
        suites = [d for d in yaml.safe_load_all(open(f)) if isinstance(d, dict)]
    except Exception as e:
        print('run.sh: %s: %s' % (f, e), file=sys.stderr)
        continue
    for suite in suites:
        for t in suite.get('tests') or []:
            if not isinstance(t, dict):
                continue
            values = {}
            files = []
            args = []
            for layer in (suite, t):
                for v in layer.get('values') or []:
                    files.append(os.path.normpath(os.path.join(os.path.dirname(f), str(v))))
                for k, v in (layer.get('set') or {}).items():
                    one = {}
                    set_path(one, str(k), v)
                    merge(values, one)
            rel = dict(suite.get('release') or {}, **(t.get('release') or {}))
            cap = dict(suite.get('capabilities') or {}, **(t.get('capabilities') or {}))
            for v in files:
                if os.path.isfile(v):
                    args += ['-f', v]
            if rel.get('namespace'):
                args += ['-n', str(rel['namespace'])]
            if rel.get('upgrade'):
                args += ['--is-upgrade']
            if cap.get('majorVersion') and cap.get('minorVersion'):
                args += ['--kube-version', 'v%s.%s.0' % (cap['majorVersion'], cap['minorVersion'])]
            for a in cap.get('apiVersions') or []:
                args += ['--api-versions', str(a)]
            text = yaml.safe_dump(values, default_flow_style=False) if values else ''
            key = json.dumps([text, args])
            if key in seen or (not text and not args):
                continue
            seen.add(key)
            n += 1
            if text:
                path = os.path.join(out, '%d.yaml' % n)
                open(path, 'w').write(text)
                args = ['-f', path] + args
            print(' '.join("'" + a.replace("'", "'\\''") + "'" for a in args))
PY
}

setup_err=0
nkept=0
: >"$WORK/patterns"
for p in "$@"; do printf '%s\n' "$p" >>"$WORK/patterns"; done
# The manifest: each line is parsed with the shell's own quoting (eval "set -- LINE").
while IFS= read -r line; do
	case $line in '' | '#'*) continue ;; esac
	eval "set -- $line"
	label=$1 repo=$2 commit=$3 path=$4
	shift 4
	if [ -s "$WORK/patterns" ]; then
		hit=0
		while IFS= read -r p; do
			# shellcheck disable=SC2254
			case $label in $p) hit=1 ;; esac
		done <"$WORK/patterns"
		[ $hit = 1 ] || continue
	fi
	root=$WORK/src/$label
	chart=$root/chart
	rm -rf "$root"
	if ! extract "$repo" "$commit" "$path" "$chart"; then
		setup_err=1
		continue
	fi
	: >"$root/runs"
	echo "" >>"$root/runs"
	extra=""
	for opt in "$@"; do
		key=${opt%%=*} val=${opt#*=}
		case $key in
		dep)
			# dep=DEST:PATH (same snapshot) or dep=DEST:OWNER/NAME@COMMIT:PATH
			dest=${val%%:*} src=${val#*:}
			drepo=$repo dcommit=$commit dpath=$src
			case $src in
			*@*:*)
				drepo=${src%%@*}
				rest=${src#*@}
				dcommit=${rest%%:*} dpath=${rest#*:}
				;;
			esac
			extract "$drepo" "$dcommit" "$dpath" "$chart/charts/$dest" || setup_err=1
			;;
		values)
			# values=GLOB relative to the chart, or /GLOB relative to the repository root
			case $val in
			/*) base=$WORK/src/$label/repo ;;
			*) base=$chart ;;
			esac
			if [ "$base" != "$chart" ]; then
				# extract only the glob's leading directories that hold no pattern
				case ${val#/} in
				*[][*?]*) dir=$(printf '%s\n' "${val#/}" | sed 's#/[^/]*[][*?].*##') ;;
				*) dir=$(dirname "${val#/}") ;;
				esac
				[ -d "$base/$dir" ] || extract "$repo" "$commit" "$dir" "$base/$dir" || setup_err=1
			fi
			found=0
			for f in $base/${val#/}; do
				[ -f "$f" ] || continue
				found=1
				printf -- '-f %s\n' "$f" >>"$root/runs"
			done
			[ $found = 1 ] || echo "run.sh: $label: no values file matches $val" >&2
			;;
		unittest)
			# unittest=GLOB: one more run per helm-unittest test (GLOB relative to the chart)
			[ "${REALWORLD_UNITTEST:-1}" = 0 ] && continue
			unittest_runs "$chart" "$val" "$root/ut" >>"$root/runs" || setup_err=1
			;;
		run)
			# run='ARGS': one more run with these arguments (shell-quoted)
			printf '%s\n' "$val" >>"$root/runs"
			;;
		args)
			# args='ARGS': added to every run of this chart
			extra="$extra $val"
			;;
		*)
			echo "run.sh: $label: unknown option $opt" >&2
			setup_err=1
			;;
		esac
	done
	extra="$extra${REALWORLD_ARGS:+ $REALWORLD_ARGS}"
	if [ -n "$extra" ]; then
		while IFS= read -r r; do printf '%s%s\n' "$r" "$extra"; done <"$root/runs" >"$root/runs.x"
		mv "$root/runs.x" "$root/runs"
	fi
	case ${REALWORLD_PACK:-} in
	deps | all)
		# the layout `helm dependency build` leaves: every subchart a .tgz under charts/
		for d in "$chart"/charts/*/; do
			[ -f "$d/Chart.yaml" ] || continue
			"$HELM" package "$d" -d "$chart/charts" >/dev/null 2>&1 &&
				rm -rf "$d" || echo "run.sh: $label: helm package $d failed" >&2
		done
		if [ "$REALWORLD_PACK" = all ]; then
			rm -rf "$root/pkg"
			mkdir -p "$root/pkg"
			if "$HELM" package "$chart" -d "$root/pkg" >/dev/null 2>&1; then
				chart=$(ls "$root"/pkg/*.tgz)
			else
				echo "run.sh: $label: helm package failed" >&2
			fi
		fi
		;;
	esac
	check_chart "$label" "$chart" "$root/runs"
done <<EOF
$(cat "$LIST")
EOF

# Summary per major: a chart is byte-identical when every one of its runs is.
status=0
for major in $MAJORS; do
	awk -v m="$major" '
		$1 == m {
			runs++; charts[$2] = 1
			if ($4 == "IDENT") ok++
			else if ($4 == "MASKED") { masked++; rnd[$2] = 1 }
			else bad[$2] = 1
		}
		END {
			nc = 0; nb = 0; nr = 0
			for (c in charts) nc++
			for (c in bad) nb++
			for (c in rnd) if (!(c in bad)) nr++
			what = (m == 3) ? "helm v3.17.3 vs sparkgen --helm-compat v3" : "helm v4.1.4 vs sparkgen"
			printf "%s: %d of %d charts byte-identical (%d of %d runs), %d more identical outside helm'"'"'s random values (%d runs)\n",
				what, nc - nb - nr, nc, ok, runs, nr, masked + 0
		}' "$WORK/results"
done
grep -qE ' (DIFF|NONDET)$' "$WORK/results" && status=1
[ $setup_err = 1 ] && status=2
exit $status
