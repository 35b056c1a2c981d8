#!/bin/sh
# seed.sh - (re)build the seed corpora tests/fuzz/corpus/TARGET from the test suite:
# templates and values of tests/diff, --set arguments of the diff cases, JSON schemas
# with their chart's values.  Files are named by content hash (dedupes).  Run from the top.
set -eu
C=tests/fuzz/corpus
mkdir -p $C/parse $C/exec $C/yaml $C/json $C/set $C/schema
put() { # put TARGET FILE
	[ -s "$2" ] || return 0
	[ "$(wc -c <"$2")" -le 8192 ] || return 0
	h=$(sha1sum "$2" | cut -c1-16)
	cp "$2" "$C/$1/$h"
}
find tests/diff/cases tests/diff/charts charts -path '*/templates/*' -type f | sort | head -600 |
while read -r f; do put parse "$f"; put exec "$f"; done
find tests/diff/cases tests/diff/charts charts -name 'values*.yaml' -type f | sort | head -300 |
while read -r f; do put yaml "$f"; done
find tests/diff/cases tests/diff/charts charts -name '*.json' -type f | sort | head -100 |
while read -r f; do put json "$f"; done
tmp=$(mktemp); trap 'rm -f "$tmp"' EXIT
for a in tests/diff/cases/*/args; do
	tr ' ' '\n' <"$a" | grep -v '^-' | grep '=' | sed "s/^'//; s/'\$//" | while read -r s; do
		printf '%s' "$s" >"$tmp"; put set "$tmp"
	done
done
find tests/diff/cases tests/diff/charts charts -name values.schema.json | while read -r s; do
	d=$(dirname "$s")
	{ cat "$s"; printf '\n---\n'; cat "$d/values.yaml" 2>/dev/null || true; } >"$tmp"; put schema "$tmp"
done
