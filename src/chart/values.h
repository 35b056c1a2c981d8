/* values.h - Helm's values: user values (-f files, --set family) and coalescing with the
 * chart defaults, subchart scoping and globals (pkg/chart/common/util coalesce.go,
 * pkg/cli/values/options.go, pkg/strvals).
 */
#ifndef SG_VALUES_H
#define SG_VALUES_H
#include <stdbool.h>
#include "../base/buf.h"
#include "../value/value.h"
#include "chart.h"
#include "sparkgen.h"

/* The user's values, as Helm's values.Options.MergeValues builds them: every -f file in
 * order (map-merged, later wins; "-" = stdin), then --set-json, --set, --set-string,
 * --set-file, --set-literal, each parsed INTO the map.  Throws Helm's text, e.g.
 * "open nope.yaml: no such file or directory", "failed parsing --set data: key \"a\"
 * has no value". */
sg_value values_user(const sg_render_opts *o);

/* The values of a `helm template` render: first the dependency steps of deps.c
 * (deps_check, then deps_process, each done once per chart: conditions, tags, aliases,
 * import-values), then CoalesceValues(chart, user): the final values tree for the root
 * chart, gotype GT_MAP_VALUES at the top.  user is deep-copied first.  Subchart values
 * appear under their names with `global` pushed down.  Warnings (Helm's log lines,
 * formatted for sg_helm_major, each ending in "\n") are appended to `log` (may be NULL).
 * Throws Helm's errors ("type mismatch on NAME: %t...", "an error occurred while
 * checking for chart dependencies ...", "chart dependencies processing failed: ..."). */
sg_value values_coalesce(const sg_helmchart *c, sg_value user, sg_buf *log);

/* Helm's CoalesceValues (merge=false) / MergeValues (merge=true) alone: no dependency
 * processing, no GT_MAP_VALUES marking. */
sg_value values_coalesce_raw(const sg_helmchart *c, sg_value user, bool merge, sg_buf *log);
/* MergeTables(dst, src): coalesceTablesFullKey with merge=true (nils kept). */
sg_value values_merge_tables(sg_value dst, sg_value src, sg_buf *log);

/* ---- dependencies (deps.c, pkg/chart/v2/util/dependencies.go) ---- */

/* action.CheckDependencies on the root chart: every Chart.yaml dependency must have a
 * chart (by name) in charts/.  Throws Helm's "an error occurred while checking for
 * chart dependencies. You may need to run `helm dependency build` to fetch missing
 * dependencies: found in Chart.yaml, but missing in charts/ directory: a, b" (v3:
 * "An error ...").  Idempotent. */
void deps_check(const sg_helmchart *c);

/* chartutil.ProcessDependencies(chart, user): resolve aliases and version ranges,
 * apply tags and conditions (disabled subcharts are removed from c->deps, recursively),
 * then import-values (which rewrites each chart's c->values).  Logs Helm's warnings to
 * `log`.  Throws "chart dependencies processing failed: ..." (v4; v3: the bare cause).
 * Runs once per chart (later calls do nothing). */
void deps_process(sg_helmchart *c, sg_value user, sg_buf *log);

/* values_user + values_coalesce. */
sg_value values_build(const sg_helmchart *c, const sg_render_opts *o, sg_buf *log);

/* The .Values of subchart `sub` inside the root's final values (walks the parent
 * chain by name); an empty map if missing.  Result has gotype GT_MAP_VALUES. */
sg_value values_for_chart(const sg_helmchart *sub, sg_value rootvals);

/* Merge src into dst map recursively (later wins; lists replaced) as Helm's mergeMaps
 * for -f files.  Returns dst. */
sg_value values_merge_maps(sg_value dst, sg_value src);

/* coalesceTablesFullKey(dst, src, merge=false): dst authoritative, nulls in dst delete
 * src defaults.  Returns dst.  Exported for deps.c (import-values). */
sg_value values_coalesce_tables(sg_value dst, sg_value src, sg_buf *log);

/* ---- --set parsing (setparse.c, pkg/strvals) ---- */
typedef enum setparse_mode {
    SETP_SET,      /* --set: int64/bool/null typing, {a,b} lists */
    SETP_STRING,   /* --set-string: everything a string */
    SETP_JSON,     /* --set-json: values are JSON */
    SETP_LITERAL,  /* --set-literal: the whole rest is one string */
    SETP_FILE,     /* --set-file: the value is a path whose content is the string */
} setparse_mode;

/* Parse one --set* argument (comma-separated assignments) into map `dst`.  Throws the
 * error text WITHOUT Helm's "failed parsing --set data: " prefix (values_user adds it). */
void setparse_set(sg_value dst, const char *expr, setparse_mode mode);

#endif
