#!/bin/sh
# run.sh - a representative subset of the differential suite under valgrind memcheck.
# Each sparkgen run goes through valgrind (errors and definite/indirect leaks make it exit
# 99, which the differential runner reports as a mismatch with helm), and every valgrind log
# must be empty.  Usage: sh tests/valgrind/run.sh [case-glob ...]   (SPARKGEN= the binary)
set -u
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
# errors of every kind, hooks/sorting, subcharts, schema, archives, the spark chart, time
# values against helm v4; then helm v3's own paths (exec errors, values, the gojsonschema
# port) against helm v3 in compat mode
rc=0
if [ $# -gt 0 ]; then
	SPARKGEN="$T/sparkgen" DIFF_TIMEOUT=${DIFF_TIMEOUT:-120} sh "$REPO/tests/diff/run.sh" "$@" || rc=1
else
	SPARKGEN="$T/sparkgen" DIFF_TIMEOUT=${DIFF_TIMEOUT:-120} DIFF_MAJORS=4 sh "$REPO/tests/diff/run.sh" \
		'0[0-4]?-*' '1[0-2]?-*' '2[0-2]?-*' '3[0-1]?-*' '45[0-9]-*' '50[0-4]-*' '63?-*' '68[0-3]-*' \
		'7[0-2]?-*' '90[0-3]-*' '150?-*' '1359-*' || rc=1
	SPARKGEN="$T/sparkgen" DIFF_TIMEOUT=${DIFF_TIMEOUT:-120} DIFF_MAJORS=3 sh "$REPO/tests/diff/run.sh" \
		'80?-*' '170?-*' '171?-*' '1600-*' || rc=1
fi
bad=0
for f in "$T"/logs/vg.*; do
	[ -s "$f" ] || continue
	bad=$((bad + 1))
	echo "valgrind report ($f):"
	cat "$f"
done
n=$(ls "$T/logs" | wc -l)
echo "valgrind: $n runs, $bad with reports"
[ "$bad" = 0 ] && [ "$rc" = 0 ]
