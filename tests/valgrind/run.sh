#!/bin/sh
# run.sh - a representative subset of the differential suite under valgrind memcheck.
# Each sparkgen run goes through valgrind (errors and definite/indirect leaks make it exit
# 99, which the differential runner reports as a mismatch with helm), and every valgrind log
# must be empty.  Usage: sh tests/valgrind/run.sh [case-glob ...]   (SPARKGEN= the binary)
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
SPARKGEN=${SPARKGEN:-$REPO/sparkgen}
command -v valgrind >/dev/null || { echo "valgrind-check: valgrind is not installed (apt-get install valgrind)" >&2; exit 1; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
mkdir "$T/logs"
cat > "$T/sparkgen" <<EOW
#!/bin/sh
exec valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
    --show-leak-kinds=definite,indirect --log-file="$T/logs/vg.%p" "$SPARKGEN" "\$@"
EOW
chmod +x "$T/sparkgen"
# text, pipelines, control flow, printf, values, --set, functions, toYaml/toJson, include/tpl,
# errors of every kind, hooks/sorting, subcharts, schema, archives, the spark chart
set -- "${@:-0[0-4]* 1[0-2]* 2[0-2]* 3[0-1]* 45[0-9]* 50[0-4]* 63* 68[0-3]* 7[0-2]* 90[0-3]*}"
# shellcheck disable=SC2086
SPARKGEN="$T/sparkgen" DIFF_TIMEOUT=${DIFF_TIMEOUT:-120} sh "$REPO/tests/diff/run.sh" $*
bad=0
for f in "$T"/logs/vg.*; do
	[ -s "$f" ] || continue
	bad=$((bad + 1))
	echo "valgrind report ($f):"
	cat "$f"
done
n=$(ls "$T/logs" | wc -l)
echo "valgrind: $n runs, $bad with reports"
[ "$bad" = 0 ]
