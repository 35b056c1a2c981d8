#!/bin/sh
# selftest.sh - checks the differential runner itself with fake sparkgens built on real helm:
# an exact one must pass, and ones that change stdout, stderr, the exit status or a written
# file must each be caught.  Not part of `make check` (it proves the harness, not sparkgen).
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
CACHE=${SPARKGEN_TEST_CACHE:-${HOME:-/root}/.cache/sparkgen-test}
HELM=${HELM:-$CACHE/helm-v4/helm}
export HELM
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fails=0

fake() { # NAME BODY: a fake sparkgen script
	printf '#!/bin/sh\n%s\n' "$2" >"$T/$1"
	chmod +x "$T/$1"
}
fake exact 'exec "$HELM" "$@"'
fake stdout '"$HELM" "$@" | sed "s/ConfigMap/Configmap/"'
fake stderr '"$HELM" "$@"; rc=$?; echo extra >&2; exit $rc'
fake status '"$HELM" "$@"; exit 3'
fake tree '"$HELM" "$@"; rc=$?; [ -d out ] && echo x >>out/extra; exit $rc'

# expect FAKE WANT_RC PATTERN...: run the suite on the cases PATTERN with a fake.
expect() {
	f=$1 want=$2
	shift 2
	SPARKGEN=$T/$f sh "$HERE/run.sh" "$@" >"$T/out" 2>&1
	rc=$?
	last=$(tail -n 1 "$T/out")
	if [ "$rc" != "$want" ]; then
		echo "selftest: fake '$f' on $*: exit $rc, want $want ($last)"
		fails=$((fails + 1))
	else
		echo "selftest: fake '$f': $last (ok)"
	fi
}
expect exact 0 '00[1-2]-*' 609-output-dir 735-required-missing
expect stdout 1 002-text-and-action
expect stderr 1 735-required-missing
expect status 1 001-text
expect tree 1 609-output-dir
[ $fails = 0 ] && echo "selftest: runner OK"
[ $fails = 0 ]
