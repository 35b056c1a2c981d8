/* chart.h - a Helm chart loaded into memory (Helm's chart.Chart), and the built-in
 * objects derived from it (.Chart, .Release, .Files, .Capabilities).
 *
 * Loading follows helm v4.1.4 pkg/chart/v2/loader: Chart.yaml (validated), values.yaml,
 * values.schema.json, templates/..., crds/..., charts/<sub>/ (directory subcharts, loaded
 * recursively), charts/NAME.tgz (packaged subcharts, archive.c), every other file goes to
 * .Files.  `.helmignore` rules (pkg/ignore) and
 * the built-in rule `templates/.?*` are applied while reading a directory.
 *
 * Note: the public handle `sg_chart` of include/sparkgen.h is a chart *source*; the loaded
 * chart is `sg_helmchart` (no clash).  Everything lives in the current arena.
 */
#ifndef SG_CHART_H
#define SG_CHART_H
#include <stdbool.h>
#include <stddef.h>
#include "../base/buf.h"
#include "../value/value.h"

/* One file of a chart; `path` is relative to the chart root, '/'-separated. */
typedef struct sg_chartfile {
    const char *path;
    const char *data;   /* data[len] == 0 */
    size_t len;
} sg_chartfile;

typedef struct sg_helmchart sg_helmchart;
struct sg_helmchart {
    const char *name;          /* Chart.yaml name (an alias replaces it later, deps.c) */
    const char *dirname;       /* directory name under the parent's charts/ ("" for root) */
    sg_value metadata;         /* Chart.yaml as loaded (map; scalars of string fields are
                                  stringified as Helm's Metadata struct does) */
    sg_value values;           /* values.yaml (map, maybe empty), gotype GT_DEFAULT;
                                  deps_process replaces it as import-values does */
    const char *schema;        /* values.schema.json bytes, or NULL */
    size_t schemalen;
    sg_chartfile *templates;   /* templates/... (after ignore rules), in load order */
    size_t ntemplates;
    sg_chartfile *files;       /* everything .Files sees, in load order (directory walk:
                                  lexical per directory, as Go's sympath.Walk) */
    size_t nfiles;
    sg_chartfile *crds;        /* crds/...{.yaml,.yml,.json} in load order (CRDObjects) */
    size_t ncrds;
    sg_helmchart **deps;       /* subcharts from charts/ (directories), sorted by dir name;
                                  after deps_process: Helm's order (undeclared first, then
                                  Chart.yaml order), aliases applied, disabled ones gone */
    size_t ndeps;
    sg_helmchart *parent;      /* NULL for the root */
    const char *lock;          /* Chart.lock bytes or NULL */
    size_t locklen;
    bool is_library;           /* type: library */
    bool deprecated;           /* deprecated: true */
    bool disabled;             /* unused: deps.c removes disabled subcharts from deps */
    bool deps_checked, deps_done; /* deps.c bookkeeping */
    const char *log;           /* root only: Helm's log lines printed while loading (symlink
                                  notices, requirements.yaml/.lock warnings of v2 charts),
                                  each ending in "\n", or NULL.  The caller puts
                                  them on stderr right after loading (before the
                                  deprecation warning), as Helm does. */
};

/* Load the chart named by a `helm template` CHART argument: a directory (and its
 * directory subcharts).  Follows Helm's LocateChart for missing paths ("path \"./x\" not
 * found", "repo a not found", "non-absolute URLs should be in form of ...") and its
 * archive checks for files (a packaged .tgz chart is loaded by archive.c).  Throws an
 * SG_ERR_PLAIN error with Helm's text (without "Error: ") on failure, e.g.
 *   v4 "unable to detect chart at DIR/Chart.yaml: open DIR/Chart.yaml: no such file or directory"
 *   "validation: chart.metadata.version \"x\" is invalid". */
sg_helmchart *chart_load_dir(const char *dir);

/* Load a chart from an in-memory file list (paths relative to the chart root; files
 * under charts/<dir>/ become subcharts).  Data is not copied: it must outlive the
 * render.  `name` is what Helm would print as the chart path in errors.  Throws as
 * chart_load_dir. */
sg_helmchart *chart_load_files(const char *name, const sg_chartfile *files, size_t n);

/* A string field of Chart.yaml ("version", "appVersion", "kubeVersion", "type" ...),
 * or "" when absent. */
const char *chart_meta_str(const sg_helmchart *c, const char *key);

/* Template path prefix of a chart as Helm prints it: "root/charts/sub". */
const char *chart_fullpath(const sg_helmchart *c);

/* ---- .helmignore (ignore.c) ---- */
typedef struct sg_ignore sg_ignore;
/* Parse .helmignore text (plus Helm's built-in `templates/.?*` rule). Throws on a bad
 * pattern with Helm's text. text may be NULL. */
sg_ignore *ignore_parse(const char *text, size_t len);
/* True if `path` (relative, '/'-separated) is ignored; is_dir says it names a directory. */
bool ignore_match(const sg_ignore *ig, const char *path, bool is_dir);
/* Go's path/filepath.Match(pattern, name) with '/' separator: 1 match, 0 no, -1 bad
 * pattern (ErrBadPattern, "syntax error in pattern"). */
int ignore_fnmatch(const char *pattern, const char *name);

/* ---- built-in objects ---- */

/* .Chart: v4 a map[string]interface{} with Go field names (Name, Version, ..., IsRoot);
 * v3 a struct-like object `struct { chart.Metadata; IsRoot bool }` (meta.c). */
sg_value chart_meta_value(const sg_helmchart *c);

/* .Release: map {Name, Namespace, IsInstall, IsUpgrade, Revision (int 1), Service "Helm"}. */
sg_value chart_release_value(const char *name, const char *ns, bool is_upgrade);

/* .Files (files.c): an object of Go type engine.files over c->files. */
sg_value files_new(const sg_helmchart *c);
/* gobwas/glob match with '/' separator (* ? ** [..] {a,b}); an invalid pattern matches
 * everything (Helm ignores the compile error).  Exported for tests. */
bool files_glob_match(const char *pattern, const char *name);

/* .Capabilities (caps.c): kube_version NULL = Helm's default (v1.35.0 in v4, v1.32.0 in
 * v3); api_versions are appended to the default list verbatim.  Throws Helm's
 * "invalid kube version 'X': ..." text on a bad --kube-version. */
sg_value caps_new(const char *kube_version, const char *const *api_versions, size_t n);
/* The effective kube version string "v1.35.0" of a caps value (for kubeVersion checks:
 * Helm prints "... incompatible with Kubernetes v1.35.0"). */
const char *caps_kube_version(sg_value caps);
/* The raw semver text used for constraint checks (Capabilities.KubeVersion.Version). */
const char *caps_kube_semver(sg_value caps);

#endif
