#!/bin/sh
# audit-functions.sh - the function coverage audit of the differential suite: every function
# `sparkgen functions` lists must appear in at least one passing run of a case where helm
# exited 0, and, unless the reviewed CANNOT_FAIL list below names it, in one passing run
# where helm exited non-zero because of that very function.
#
#   DIFF_RESULTS=FILE sh tests/diff/run.sh; sh tests/diff/audit-functions.sh [-q|-d] FILE
#
# FILE holds the lines tests/diff/run.sh appends under DIFF_RESULTS:
#   case major helm_rc sparkgen_rc PASS|FAIL helm_stderr (newlines turned into spaces)
# Only PASS runs count (sparkgen agreed with helm byte for byte).
#
# Uses: a case uses F when F is called in one of its files (args, env, values, the chart's
# templates and files, and the shared chart its args name): inside a {{ }} action, F is an
# identifier not preceded by '.', '$' or a word character (so `{{ x | f }}`, `(f ...)`,
# `{{ f }}`, not `.Values.f` or `$f`); string literals are skipped, but one holding "{{" (a
# tpl argument) is scanned as template text itself; {{/* comments */}} are skipped.
#
# Failures: a failing run (helm exit != 0) counts for F when helm's stderr names F:
# "error calling F:", "wrong number of args for F:", "at <F>" / "at <F ...", or when an error
# location FILE:LINE:COL (Go's 0-based column) points, in the case's own files, at a call of
# F (fail and required print only "execution error at (FILE:L:C): msg"), or, for an argument
# type error ("expected ...; found/got ...", "can't handle", "cannot assign", "invalid
# value"), at an argument of a call of F.
#
# Environment: SPARKGEN (default ./sparkgen), the binary whose `functions` list is audited.
# Output: per function "NAME pass=N fail=N" (PASS runs where helm exited 0 / PASS runs where
# helm failed because of NAME), left out with -q; then each function lacking coverage, and a
# summary line; -d also prints, per failing run, "case@vN fails: F..." (the functions it
# is credited to).  Exit status 1 when a function lacks coverage, 2 on usage errors.
set -u

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
SPARKGEN=${SPARKGEN:-$REPO/sparkgen}
case $SPARKGEN in /*) ;; *) SPARKGEN=$PWD/$SPARKGEN ;; esac

verbose=1 debug=0
if [ "${1:-}" = -q ]; then verbose=0; shift; fi
if [ "${1:-}" = -d ]; then debug=1; shift; fi
if [ $# -ne 1 ] || [ ! -f "$1" ]; then
	echo "usage: sh tests/diff/audit-functions.sh [-q|-d] RESULTS-FILE (written by DIFF_RESULTS=FILE sh tests/diff/run.sh)" >&2
	exit 2
fi
RESULTS=$1

# The functions that cannot fail in any template helm parses, each with its reason.  Every
# one takes only `...interface {}`, so no argument count or type is wrong, and its body
# cannot return an error or panic.  Review this list when a function is added.
CANNOT_FAIL='
add	variadic interface{}; Sprig toInt64 turns anything (even nil, strings, maps) into an int64
all	variadic interface{}; Sprig empty() on each argument, which handles every kind
any	variadic interface{}; Sprig empty() on each argument, which handles every kind
cat	variadic interface{}; fmt.Sprint of the non-nil arguments
coalesce	variadic interface{}; returns the first non-empty argument or nil
dict	variadic interface{}; keys go through strval, an odd count gives the last key ""
html	Go builtin, variadic interface{}; fmt.Sprint then HTML escaping
js	Go builtin, variadic interface{}; fmt.Sprint then JavaScript escaping
list	variadic interface{}; builds a []interface{} of its arguments
print	Go builtin, variadic interface{}; fmt.Sprint
println	Go builtin, variadic interface{}; fmt.Sprintln
quote	variadic interface{}; %q of strval of each non-nil argument
squote	variadic interface{}; strval of each non-nil argument in single quotes
tuple	variadic interface{}; the same function as list
urlquery	Go builtin, variadic interface{}; fmt.Sprint then query escaping
'

work=$(mktemp -d "${TMPDIR:-/tmp}/sparkgen-audit.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM

if ! "$SPARKGEN" functions >"$work/sig" 2>/dev/null; then
	echo "audit-functions.sh: '$SPARKGEN functions' failed: build sparkgen first" >&2
	exit 2
fi
sed 's/(.*//' "$work/sig" >"$work/funcs"
printf '%s\n' "$CANNOT_FAIL" | awk -F'\t' 'NF >= 2 { print $1 }' >"$work/cannot"

# The scanner: awk over a case's files, printing "F" for each function used, or, given
# LOCS (lines "FILE LINE COL KIND"), the function each location points at.
cat >"$work/scan.awk" <<'EOF'
function scan(t,    n, i, j, k, e, c, s, act) {
	n = length(t)
	i = 1
	while ((j = index(substr(t, i), "{{")) > 0) {
		i += j + 1
		k = i
		while (k <= n && substr(t, k, 1) ~ /[- \t\n]/) k++
		if (substr(t, k, 2) == "/*") {
			e = index(substr(t, k), "*/")
			if (e == 0) return
			i = k + e + 1
			continue
		}
		act = ""
		while (i <= n) {
			c = substr(t, i, 1)
			if (c == "}" && substr(t, i + 1, 1) == "}") { i += 2; break }
			if (c == "\"" || c == "`") {
				s = ""
				i++
				while (i <= n && substr(t, i, 1) != c) {
					if (c == "\"" && substr(t, i, 1) == "\\" && i < n) { i++ }
					s = s substr(t, i, 1)
					i++
				}
				i++
				if (index(s, "{{")) scan(s)
				act = act " "
				continue
			}
			if (c == "'" && (e = index(substr(t, i + 1, 6), "'")) > 0) {
				i += e + 1
				act = act " "
				continue
			}
			act = act c
			i++
		}
		words(act)
	}
}
function words(a,    w) {
	a = " " a
	while (match(a, /[^.$A-Za-z0-9_][A-Za-z_][A-Za-z0-9_]*/)) {
		w = substr(a, RSTART + 1, RLENGTH - 1)
		if (w in isfn) used[w] = 1
		a = substr(a, RSTART + RLENGTH)
	}
}
# callee(line, col, kind): the function called at 0-based column col of line (kind "id"), or
# whose argument starts there (kind "arg": a function there is only credited when a pipe
# feeds it, since `f (g)` and `f g` make g an argument of f); "" when there is none.
function callee(l, col, kind,    pre, d, c, k, w, fn) {
	w = substr(l, col + 1)
	fn = ""
	if (match(w, /^[A-Za-z_][A-Za-z0-9_]*/) && substr(l, col, 1) !~ /[.$A-Za-z0-9_]/) {
		w = substr(w, 1, RLENGTH)
		if (w in isfn) fn = w
	}
	if (kind != "arg") return fn
	pre = substr(l, 1, col)
	sub(/[ \t]+$/, "", pre)
	if (fn != "" && substr(pre, length(pre), 1) == "|") return fn
	if (substr(pre, length(pre), 1) == "(") pre = substr(pre, 1, length(pre) - 1)
	d = 0
	for (k = length(pre); k > 0; k--) {
		c = substr(pre, k, 1)
		if (c == ")") d++
		else if (c == "(") { if (d == 0) break; d-- }
		else if (d == 0 && (c == "|" || (c == "{" && substr(pre, k - 1, 1) == "{"))) break
	}
	w = substr(pre, k + 1)
	sub(/^[- \t]*/, "", w)
	if (match(w, /^[A-Za-z_][A-Za-z0-9_]*/)) {
		w = substr(w, 1, RLENGTH)
		if (w in isfn) return w
	}
	return ""
}
FNR == 1 && FILENAME != ARGV[1] {
	nfile++
	path[nfile] = FILENAME
}
FILENAME == ARGV[1] { isfn[$1] = 1; next }
{
	text[nfile] = text[nfile] $0 "\n"
	line[nfile, FNR] = $0
}
END {
	if (LOCS == "") {
		for (f = 1; f <= nfile; f++) scan(text[f])
		for (w in used) print w
		exit
	}
	while ((getline loc < LOCS) > 0) {
		split(loc, p, " ")
		for (f = 1; f <= nfile; f++) {
			if (length(path[f]) < length(p[1]) + 1) continue
			if (substr(path[f], length(path[f]) - length(p[1])) != "/" p[1]) continue
			w = callee(line[f, p[2]], p[3] + 0, p[4])
			if (w != "") print w
			break
		}
	}
}
EOF

# files_of CASE: the files of the case and of the shared chart its args name, one a line.
files_of() {
	cdir=$HERE/cases/$1
	find "$cdir" -type f ! -name '*.tgz' ! -name helm-major
	for c in $(grep -o '\(\.\./\.\./\|\$REPO/\)charts/[A-Za-z0-9._-]*' "$cdir/args" 2>/dev/null | sort -u); do
		case $c in
		../../*) d=$HERE/charts/${c#../../charts/} ;;
		*) d=$REPO/charts/${c#\$REPO/charts/} ;;
		esac
		[ -d "$d" ] && find "$d" -type f ! -name '*.tgz'
	done
}

# One pass per run line.  uses: "case F"; credit: "pass F" or "fail F" per run.
: >"$work/credit"
while read -r cname major hrc src res err; do
	[ "$res" = PASS ] || continue
	[ -d "$HERE/cases/$cname" ] || continue
	if [ ! -f "$work/used.$cname" ]; then
		files_of "$cname" | sort >"$work/files.$cname"
		tr '\n' '\0' <"$work/files.$cname" | xargs -0 awk -f "$work/scan.awk" "$work/funcs" \
			>"$work/used.$cname" 2>/dev/null
	fi
	if [ "$hrc" = 0 ]; then
		sed 's/^/pass /' "$work/used.$cname" >>"$work/credit"
		continue
	fi
	# Names in the message, then locations: "FILE:L:C" with FILE a chart path.
	kind=id
	case $err in
	*expected*found* | *expected*got* | *"can't handle"* | *"cannot assign"* | *"invalid value"*) kind=arg ;;
	esac
	# "at <F" names the failing node: for an argument type error that node is the argument
	# (`f (dict)` fails "at <dict>"), so then only the location decides.
	atf='\|at <[A-Za-z_][A-Za-z0-9_]*[ >]'
	[ $kind = arg ] && atf=
	printf '%s\n' "$err" |
		grep -o "error calling [A-Za-z_][A-Za-z0-9_]*:\\|wrong number of args for [A-Za-z_][A-Za-z0-9_]*:$atf" |
		sed 's/^error calling //; s/^wrong number of args for //; s/^at <//; s/[ >:]$//' >"$work/named"
	printf '%s\n' "$err" | grep -o '[A-Za-z0-9._-]*/[A-Za-z0-9._/-]*:[0-9][0-9]*:[0-9][0-9]*' |
		sed 's#^[^/]*/##; s#:# #g' | sed "s/\$/ $kind/" >"$work/locs"
	if [ -s "$work/locs" ]; then
		tr '\n' '\0' <"$work/files.$cname" | xargs -0 awk -v LOCS="$work/locs" -f "$work/scan.awk" \
			"$work/funcs" >>"$work/named" 2>/dev/null
	fi
	sort -u "$work/named" | grep -Fxf "$work/funcs" >"$work/credited"
	[ $debug = 1 ] && echo "$cname@v$major fails: $(tr '\n' ' ' <"$work/credited")"
	sed 's/^/fail /' "$work/credited" >>"$work/credit"
done <"$RESULTS"

awk -v V=$verbose -v CF="$work/cannot" '
	BEGIN { while ((getline w < CF) > 0) cannot[w] = 1 }
	FILENAME == ARGV[1] { fn[++n] = $1; isfn[$1] = 1; next }
	{ cnt[$1, $2]++ }
	END {
		for (w in cannot) if (!(w in isfn)) { printf "stale CANNOT_FAIL entry: %s\n", w; bad++ }
		for (i = 1; i <= n; i++) {
			w = fn[i]
			p = cnt["pass", w] + 0; f = cnt["fail", w] + 0
			if (p > 0) np++
			if (f > 0) nf++
			if (w in cannot) nc++
			if (V) printf "%-28s pass=%d fail=%d%s\n", w, p, f, (w in cannot) ? " (cannot fail)" : ""
			if (p == 0) { printf "MISSING passing case: %s\n", w; bad++ }
			if (f == 0 && !(w in cannot)) { printf "MISSING failing case: %s\n", w; bad++ }
		}
		printf "functions: %d listed, %d with a passing case, %d with a failing case, %d cannot fail; %d missing\n", n, np, nf, nc, bad
		exit bad > 0
	}' "$work/funcs" "$work/credit"
