#!/bin/sh
# tests/examples/run.sh - keeps examples/ from rotting:
#   1. examples/golden: every expected.yaml is what real helm prints for the case's args
#      (regenerated live; `--write` rewrites them with helm - never edit them by hand),
#      and `sparkgen golden check examples/golden` passes;
#   2. `sparkgen lint` of the shipped chart with every examples/values file: no error or
#      warning (helm lint agrees);
#   3. the run: steps of examples/ci/github-workflow.yaml, the entries of
#      examples/ci/pre-commit-config.yaml and the targets of examples/ci/sparkgen.mk run
#      and pass with ./sparkgen on PATH.
set -u
SPARKGEN=${SPARKGEN:-./sparkgen}
case "$SPARKGEN" in /*) ;; *) SPARKGEN=$(pwd)/$SPARKGEN ;; esac
HELM=${HELM:-$HOME/.cache/sparkgen-test/helm-v4.1.4/helm}
[ -x "$HELM" ] || HELM=/tmp/helmdl/v4/helm/helm
root=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }

# 1. golden files are helm's output
for dir in examples/golden/*/; do
    c=$(basename "$dir")
    set --
    while IFS= read -r line; do
        case "$line" in ''|'#'*) continue ;; esac
        set -- "$@" "$line"
    done < "$dir/args"
    (cd "$dir" && "$HELM" template "$@") > "$tmp/helm.out" 2> "$tmp/helm.err" || { bad "golden $c: helm template failed: $(cat "$tmp/helm.err")"; continue; }
    if [ "${WRITE:-}" = 1 ]; then cp "$tmp/helm.out" "$dir/expected.yaml"; echo "wrote $dir/expected.yaml (helm)"; fi
    if cmp -s "$tmp/helm.out" "$dir/expected.yaml"; then ok; else bad "golden $c: expected.yaml is not what helm prints now (WRITE=1 sh tests/examples/run.sh regenerates it)"; fi
done
if "$SPARKGEN" golden check --color never -q examples/golden > "$tmp/g.out" 2>&1; then ok; else bad "sparkgen golden check examples/golden"; cat "$tmp/g.out"; fi

# 2. the shipped chart lints clean with every example values file
for v in examples/values/*.yaml; do
    out=$("$SPARKGEN" lint charts/spark-standalone -f "$v" --strict --color never 2>&1); rc=$?
    if [ $rc = 0 ] && ! printf '%s\n' "$out" | grep -q '^\[ERROR\]\|^\[WARNING\]'; then ok; else bad "lint $v"; printf '%s\n' "$out"; fi
    if "$HELM" lint charts/spark-standalone -f "$v" --strict > /dev/null 2>&1; then ok; else bad "helm lint $v"; fi
done

# 3. CI integrations
mkdir -p "$tmp/bin" && ln -s "$SPARKGEN" "$tmp/bin/sparkgen"
PATH=$tmp/bin:$PATH
export PATH
n=0
sed -n 's/^ *run: //p' examples/ci/github-workflow.yaml > "$tmp/steps"
while IFS= read -r step; do
    n=$((n + 1))
    case "$step" in *install*|*checkout*|make*) continue ;; esac
    if sh -c "$step" > "$tmp/step.out" 2>&1; then ok; else bad "workflow step: $step"; sed 's/^/    | /' "$tmp/step.out"; fi
done < "$tmp/steps"
[ $n -gt 0 ] || bad "no run: steps found in the workflow"
n=0
sed -n 's/^ *entry: //p' examples/ci/pre-commit-config.yaml > "$tmp/entries"
while IFS= read -r entry; do
    n=$((n + 1))
    if sh -c "$entry" > "$tmp/e.out" 2>&1; then ok; else bad "pre-commit entry: $entry"; sed 's/^/    | /' "$tmp/e.out"; fi
done < "$tmp/entries"
[ $n -gt 0 ] || bad "no entry: lines found in the pre-commit config"
printf 'include %s/examples/ci/sparkgen.mk\n' "$root" > "$tmp/Makefile"
if make --no-print-directory -C "$root" -f "$tmp/Makefile" sparkgen-lint sparkgen-golden > "$tmp/mk.out" 2>&1; then ok; else bad "Makefile snippet"; sed 's/^/    | /' "$tmp/mk.out"; fi
# and the snippet catches a broken golden file
cp -r examples/golden "$tmp/golden"
sed -i 's/replicas: 10/replicas: 9/' "$tmp/golden/production-10-workers/expected.yaml"
sed -i "s|\.\./\.\./\.\./charts|$root/charts|; s|\.\./\.\./values|$root/examples/values|" "$tmp"/golden/*/args
if make --no-print-directory -C "$root" -f "$tmp/Makefile" sparkgen-golden SPARKGEN_GOLDEN="$tmp/golden" > "$tmp/mk.out" 2>&1; then bad "Makefile snippet passes a broken golden file"; else ok; fi
echo "examples tests: $pass passed, $fail failed"
[ $fail = 0 ]
