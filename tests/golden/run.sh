#!/bin/sh
# tests/golden/run.sh - black-box tests of `sparkgen golden check|update`: pass, mismatch
# with a per-document diff, missing expected.yaml, extra document, and atomic update (a
# failed update leaves every old file intact).   SPARKGEN=./sparkgen sh tests/golden/run.sh
set -u
SPARKGEN=${SPARKGEN:-./sparkgen}
case "$SPARKGEN" in /*) ;; *) SPARKGEN=$(pwd)/$SPARKGEN ;; esac
CHART=$(pwd)/charts/spark-standalone
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
t() { # NAME WANT_RC COMMAND... ; output in $tmp/out
    name=$1 want=$2; shift 2
    "$@" > "$tmp/out" 2>&1; rc=$?
    if [ "$rc" = "$want" ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL $name: exit $rc, want $want"; sed 's/^/    | /' "$tmp/out"; fi
}
has() { # NAME FIXED-STRING: the last output holds it
    if grep -qF -- "$2" "$tmp/out"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL $1: output lacks: $2"; sed 's/^/    | /' "$tmp/out"; fi
}
g=$tmp/g
mkdir -p "$g/args-case" "$g/values-case"
printf '# helm template arguments\nspark\n%s\n--set\nsparkWorker.replicas=3\n' "$CHART" > "$g/args-case/args"
printf 'sparkWorker:\n  replicas: 2\n' > "$g/values-case/values.yaml"

t missing-expected 1 "$SPARKGEN" golden check "$g"
has missing-expected-message "args-case: missing $g/args-case/expected.yaml"
t update-creates 0 "$SPARKGEN" golden update "$g"
has update-creates-count "golden update: 2 cases, 2 updated"
t check-passes 0 "$SPARKGEN" golden check "$g"
has check-passes-summary "golden check: 2 cases, 2 passed, 0 failed"
t update-noop 0 "$SPARKGEN" golden update "$g"
has update-noop-count "golden update: 2 cases, 0 updated"

cp "$g/args-case/expected.yaml" "$tmp/saved"
sed 's/replicas: 3/replicas: 4/' "$tmp/saved" > "$g/args-case/expected.yaml"
t mismatch 1 "$SPARKGEN" golden check --color never "$g"
has mismatch-header "args-case: document Deployment/spark-worker (spark-standalone/templates/worker-deployment.yaml) differs"
has mismatch-removed "-  replicas: 4"
has mismatch-added "+  replicas: 3"
has mismatch-hunk "@@ -"
cp "$tmp/saved" "$g/args-case/expected.yaml"

printf -- '---\n# Source: spark-standalone/templates/x.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: gone\n' >> "$g/values-case/expected.yaml"
t missing-document 1 "$SPARKGEN" golden check --color never "$g"
has missing-document-header "values-case: missing document ConfigMap/gone (spark-standalone/templates/x.yaml)"
"$SPARKGEN" golden update -q "$g" > /dev/null

head -n 3 "$g/values-case/expected.yaml" > "$tmp/head"
awk 'BEGIN{n=0} /^---$/{n++} n<3' "$g/values-case/expected.yaml" > "$tmp/short"
cp "$tmp/short" "$g/values-case/expected.yaml"
t extra-document 1 "$SPARKGEN" golden check --color never "$g"
has extra-document-header "values-case: extra document"
"$SPARKGEN" golden update -q "$g" > /dev/null

# atomic update: one case cannot render -> nothing is written, old files intact
cp "$g/args-case/expected.yaml" "$tmp/a.before"
cp "$g/values-case/expected.yaml" "$tmp/v.before"
printf 'sparkWorker:\n  replicas: 5\n' > "$g/values-case/values.yaml"
mkdir -p "$g/zz-broken" && printf 'spark\n%s\n--set\nsparkWorker.replicas=99\n' "$CHART" > "$g/zz-broken/args"
t atomic-update-fails 1 "$SPARKGEN" golden update "$g"
has atomic-update-message "nothing was written"
if cmp -s "$tmp/a.before" "$g/args-case/expected.yaml" && cmp -s "$tmp/v.before" "$g/values-case/expected.yaml" &&
   [ ! -e "$g/zz-broken/expected.yaml" ] && ! ls "$g"/*/*.tmp.* >/dev/null 2>&1; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL atomic-update-intact"; fi
rm -r "$g/zz-broken"
t update-after-fix 0 "$SPARKGEN" golden update "$g"
has update-after-fix-count "golden update: 2 cases, 1 updated"
t render-error-reported 1 sh -c "mkdir -p '$g/bad' && printf 'x\n/nonexistent-chart\n' > '$g/bad/args' && '$SPARKGEN' golden check '$g'"
has render-error-message "bad: render failed:"
echo "golden tests: $pass passed, $fail failed"
[ $fail = 0 ]
