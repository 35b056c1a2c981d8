#!/bin/sh
# check.sh - `make layers`: every `#include "..."` in src/ points to the file's own layer
# or a lower one (docs: /work/shared/STYLE.md section 2.1), so dependencies only point down:
#   base < value < io < tmpl < exec < funcs < chart < render < lint < cli
# include/sparkgen.h (the public API's types, libc only) may be included from any layer;
# src/entry stands alone (libc only: no quoted include outside src/entry).
# Prints one line per offending include and exits 1 if there is any.
cd "$(dirname "$0")/../.." || exit 2
find src -name '*.[ch]' | LC_ALL=C sort | xargs grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' |
awk -v order="base value io tmpl exec funcs chart render lint cli" '
BEGIN { n = split(order, L, " "); for (i = 1; i <= n; i++) rank[L[i]] = i }
{
	split($0, f, ":"); file = f[1]; line = f[2]
	inc = $0; sub(/^[^"]*"/, "", inc); sub(/".*$/, "", inc)
	split(file, p, "/"); from = p[2]
	# resolve inc against the including file'"'"'s directory
	dir = file; sub(/\/[^\/]*$/, "", dir)
	m = split(dir "/" inc, seg, "/"); k = 0
	for (i = 1; i <= m; i++) {
		if (seg[i] == "." || seg[i] == "") continue
		if (seg[i] == "..") { if (k > 0) k--; continue }
		out[++k] = seg[i]
	}
	path = out[1]; for (i = 2; i <= k; i++) path = path "/" out[i]
	to = (out[1] == "src" && k >= 3) ? out[2] : ""
	exists = (getline tmp < path) >= 0; close(path)
	if (!exists) {
		if (inc == "sparkgen.h" && from != "entry") next        # include/: the public API types
		bad(file, line, inc, "does not resolve to a file")
		next
	}
	if (from == "entry" || to == "entry") {
		if (from != to) bad(file, line, inc, "src/entry stands alone (libc only)")
		next
	}
	if (to == "") { bad(file, line, inc, "outside src/"); next }
	if (!(from in rank)) { bad(file, line, inc, "src/" from " is in no layer"); next }
	if (!(to in rank)) { bad(file, line, inc, "src/" to " is in no layer"); next }
	if (rank[to] > rank[from]) bad(file, line, inc, from " may not include " to " (a higher layer)")
}
function bad(file, line, inc, why) { printf "%s:%s: #include \"%s\": %s\n", file, line, inc, why; nbad++ }
END { if (nbad) { printf "make layers: %d include(s) point up\n", nbad; exit 1 } print "make layers: every include points down" }
'
