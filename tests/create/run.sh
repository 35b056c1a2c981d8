#!/bin/sh
# tests/create/run.sh - `sparkgen create`: each starter scaffolds, lints clean (sparkgen
# lint --strict: no finding at all; helm lint --strict passes) and renders byte-identically
# with helm template (defaults, and a second release/namespace/values set).
set -u
SPARKGEN=${SPARKGEN:-./sparkgen}
case "$SPARKGEN" in /*) ;; *) SPARKGEN=$(pwd)/$SPARKGEN ;; esac
HELM=${HELM:-$HOME/.cache/sparkgen-test/helm-v4.1.4/helm}
[ -x "$HELM" ] || HELM=/tmp/helmdl/v4/helm/helm
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }
cd "$tmp" || exit 1
for starter in generic spark-app; do
    name=my-$starter
    if "$SPARKGEN" create "$name" --starter "$starter" > out 2>&1 && grep -qx "Creating $name" out; then ok; else bad "$starter: create"; cat out; fi
    grep -q "^name: $name\$" "$name/Chart.yaml" && ok || bad "$starter: Chart.yaml name"
    ! grep -rq '<CHARTNAME>' "$name" && ok || bad "$starter: <CHARTNAME> left in the files"
    out=$("$SPARKGEN" lint "$name" --strict --color never 2>&1); rc=$?
    if [ $rc = 0 ] && ! printf '%s\n' "$out" | grep -q '^\['; then ok; else bad "$starter: sparkgen lint"; printf '%s\n' "$out"; fi
    "$HELM" lint "$name" --strict > /dev/null 2>&1 && ok || bad "$starter: helm lint --strict"
    for args in "rel $name" "other $name -n team --set nameOverride=x" "$name $name --set fullnameOverride=full"; do
        # shellcheck disable=SC2086
        "$HELM" template $args > h.out 2>&1; hrc=$?
        # shellcheck disable=SC2086
        "$SPARKGEN" template $args > s.out 2>&1; src=$?
        if [ $hrc = $src ] && cmp -s h.out s.out; then ok; else bad "$starter: template $args differs from helm"; diff h.out s.out | head -20; fi
    done
done
"$SPARKGEN" create x --starter nope > out 2>&1 && bad "unknown starter accepted" || { grep -q 'unknown starter "nope"' out && ok || bad "unknown starter message"; }
"$SPARKGEN" create 'bad name!' > out 2>&1 && bad "invalid chart name accepted" || ok
echo "create tests: $pass passed, $fail failed"
[ $fail = 0 ]
