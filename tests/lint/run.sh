#!/bin/sh
# tests/lint/run.sh - the lint suite: every tests/lint/cases/*.case is a small chart
# (sections "=== path" hold its files; Chart.yaml, values.yaml and one clean template are
# supplied when absent).  Header lines before the first section:
#   expect: LINE   a line `sparkgen lint` must print exactly (the chart path is "c")
#   rc: N          the expected exit status (default 1)
#   args: ...      extra arguments for both linters
# Each case is also linted by real helm, live: whenever helm lint fails, sparkgen lint must
# fail too.  Helm's finding lines that sparkgen prints identically are counted.  When
# kubernetes-validate is installed (make spark-deps), helm's rendering of each case is
# validated strictly: every case it rejects must be rejected by sparkgen lint too.
#   SPARKGEN=./sparkgen HELM=... sh tests/lint/run.sh [PATTERN]   UPDATE=1 writes expect lines
set -u
SPARKGEN=${SPARKGEN:-./sparkgen}
HELM=${HELM:-$HOME/.cache/sparkgen-test/helm-v4.1.4/helm}
[ -x "$HELM" ] || HELM=/tmp/helmdl/v4/helm/helm
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
KV=${KV:-${SPARKGEN_TEST_CACHE:-$HOME/.cache/sparkgen-test}/spark-venv/bin/kubernetes-validate}
pass=0 fail=0 helm_lines=0 helm_same=0 helm_rejects=0 kv_n=0 kv_both=0 kv_only=0 sg_only=0 kv_list=
for case in "$here"/cases/${1:-*}.case; do
    name=$(basename "$case" .case)
    rm -rf "$tmp/c" && mkdir -p "$tmp/c"
    awk -v dir="$tmp/c" '
        /^=== / { f = dir "/" substr($0, 5); d = f; sub(/\/[^\/]*$/, "", d); system("mkdir -p \"" d "\""); printf "" > f; next }
        f != "" { print >> f }' "$case"
    [ -f "$tmp/c/Chart.yaml" ] || printf 'apiVersion: v2\nname: c\nversion: 0.1.0\nicon: https://example.com/icon.png\n' > "$tmp/c/Chart.yaml"
    [ -f "$tmp/c/values.yaml" ] || printf '{}\n' > "$tmp/c/values.yaml"
    [ -d "$tmp/c/templates" ] || { mkdir -p "$tmp/c/templates"; printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n' > "$tmp/c/templates/cm.yaml"; }
    args=$(sed -n 's/^args: //p' "$case" | head -1)
    want_rc=$(sed -n 's/^rc: //p' "$case" | head -1)
    # shellcheck disable=SC2086
    out=$(cd "$tmp" && "$OLDPWD/$SPARKGEN" lint c --color never $args 2>/dev/null); rc=$?
    case "$SPARKGEN" in /*) out=$(cd "$tmp" && "$SPARKGEN" lint c --color never $args 2>/dev/null); rc=$? ;; esac
    hout=$(cd "$tmp" && "$HELM" lint c $args 2>/dev/null); hrc=$?
    ok=1 why=""
    if [ "${UPDATE:-}" = 1 ]; then
        { grep -v '^expect: \|^rc: ' "$case" | sed '/^=== /,$d'
          printf '%s\n' "$out" | grep '^\[ERROR\]\|^\[WARNING\]' | sed 's/^/expect: /'
          [ "$rc" = 1 ] || echo "rc: $rc"
          sed -n '/^=== /,$p' "$case"; } > "$case.new" && mv "$case.new" "$case"
        continue
    fi
    [ "$rc" = "${want_rc:-1}" ] || { ok=0; why="exit $rc, want ${want_rc:-1}"; }
    n_expect=0
    while IFS= read -r line; do
        n_expect=$((n_expect + 1))
        printf '%s\n' "$out" | grep -qxF -- "$line" || { ok=0; why="$why; missing: $line"; }
    done <<EOT
$(sed -n 's/^expect: //p' "$case")
EOT
    [ "$n_expect" -gt 0 ] || [ "${want_rc:-1}" = 0 ] || { ok=0; why="$why; no expect line"; }
    if [ "$hrc" != 0 ]; then
        helm_rejects=$((helm_rejects + 1))
        [ "$rc" != 0 ] || { ok=0; why="$why; helm lint rejects, sparkgen lint passes"; }
    fi
    # kubernetes-validate (strict, 1.31) on helm's rendering, where helm renders the case
    if [ -x "$KV" ] && (cd "$tmp" && "$HELM" template r c > "$tmp/m.yaml" 2>/dev/null) && grep -q '^kind:' "$tmp/m.yaml"; then
        kv_n=$((kv_n + 1))
        if (cd "$tmp" && HOME=$tmp "$KV" --strict --quiet -k 1.31.0 m.yaml) > /dev/null 2>&1; then kvrc=0; else kvrc=1; fi
        if [ $kvrc = 1 ] && [ "$rc" != 0 ]; then kv_both=$((kv_both + 1))
        elif [ $kvrc = 1 ]; then kv_only=$((kv_only + 1)); kv_list="$kv_list $name"
        elif [ "$rc" != 0 ]; then sg_only=$((sg_only + 1)); fi
    fi
    hl=$(printf '%s\n' "$hout" | grep '^\[ERROR\]\|^\[WARNING\]\|^\[INFO\]')
    if [ -n "$hl" ]; then
        while IFS= read -r line; do
            helm_lines=$((helm_lines + 1))
            printf '%s\n' "$out" | grep -qxF -- "$line" && helm_same=$((helm_same + 1))
        done <<EOT
$hl
EOT
    fi
    if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL $name:$why"; printf '%s\n' "$out" | sed 's/^/    | /'; fi
done
[ "${UPDATE:-}" = 1 ] && exit 0

# output formats, exit codes and flags (on two fixed cases)
mk_case() { rm -rf "$tmp/$2" && mkdir -p "$tmp/$2" && awk -v dir="$tmp/$2" '
        /^=== / { f = dir "/" substr($0, 5); d = f; sub(/\/[^\/]*$/, "", d); system("mkdir -p \"" d "\""); printf "" > f; next }
        f != "" { print >> f }' "$here/cases/$1.case"
    [ -f "$tmp/$2/Chart.yaml" ] || printf 'apiVersion: v2\nname: c\nversion: 0.1.0\nicon: https://example.com/icon.png\n' > "$tmp/$2/Chart.yaml"
    [ -f "$tmp/$2/values.yaml" ] || printf '{}\n' > "$tmp/$2/values.yaml"; }
mk_case 030-container-port-range e
mk_case 039-service-selector-orphan w
sg() { (cd "$tmp" && "$SG" "$@") > "$tmp/o.out" 2> "$tmp/o.err"; echo $? > "$tmp/o.rc"; }
expect_out() { # NAME RC FIXED-STRING
    if [ "$(cat "$tmp/o.rc")" = "$2" ] && grep -qF -- "$3" "$tmp/o.out" "$tmp/o.err"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL output $1 (exit $(cat "$tmp/o.rc"), want $2; want text: $3)"; sed 's/^/    | /' "$tmp/o.out" "$tmp/o.err"; fi; }
SG=$SPARKGEN; case "$SG" in /*) ;; *) SG=$(pwd)/$SG ;; esac
sg lint e -o json
expect_out json 1 '{"chart": "e", "severity": "error", "path": "templates/dep.yaml", "line": 18, "rule": "container-port", "object": "Deployment/web", "message": "Deployment/web: container web: containerPort 70000 must be between 1 and 65535, inclusive"}'
sg lint e --output github
expect_out github 1 '::error file=e/templates/dep.yaml,line=18,title=sparkgen lint (container-port)::Deployment/web: container web: containerPort 70000 must be between 1 and 65535, inclusive'
sg lint w --color never
expect_out warning-passes 0 '1 chart(s) linted, 0 chart(s) failed'
sg lint w --strict --color never
expect_out strict-fails 1 'Error: 1 chart(s) linted, 1 chart(s) failed'
sg lint w e --color never
expect_out two-charts 1 'Error: 2 chart(s) linted, 1 chart(s) failed'
sg lint e --color always
expect_out color "1" "$(printf '\033[31m[ERROR]\033[0m')"
sg lint e --color sometimes
expect_out color-invalid 1 'invalid argument "sometimes" for "--color" flag'
sg lint e -o yaml
expect_out output-invalid 1 'invalid argument "yaml" for "--output" flag'
(cd "$tmp" && "$HELM" template r e > m.yaml 2>/dev/null)
sg lint --manifests m.yaml --color never
expect_out manifests 1 '[ERROR] templates/dep.yaml: Deployment/web: container web: containerPort 70000 must be between 1 and 65535, inclusive'
sg lint e --set x=1 -f /nonexistent.yaml
expect_out missing-values-file 1 'Error: open /nonexistent.yaml: no such file or directory'
echo "lint suite: $pass passed, $fail failed; helm lint rejected $helm_rejects cases (sparkgen rejects all of them unless listed); $helm_same of $helm_lines helm finding lines printed identically"
[ $kv_n = 0 ] || echo "kubernetes-validate --strict (1.31) on $kv_n rendered cases: both reject $kv_both; only kubernetes-validate rejects $kv_only${kv_list:+ (}${kv_list# }${kv_list:+)}; only sparkgen lint rejects $sg_only"
[ $fail = 0 ] && [ $kv_only = 0 ]
