/* sparkgen.h - the public API: render a Helm chart exactly as `helm template` does.
 *
 * One render per process (or per sg_render ... sg_result_free pair): everything lives in
 * one arena that sg_result_free drops.  Nothing is printed by the library: the result
 * holds the complete stdout text, the stderr log lines (Helm's warnings) and, on failure,
 * Helm's exact error text.  The caller prints them.
 *
 *     sg_render_opts o;
 *     sg_render_opts_init(&o);
 *     o.release_name = "rel";
 *     sg_result *r = sg_render(sg_chart_dir("./mychart"), &o);
 *     fwrite(sg_result_log(r, &n), 1, n, stderr);
 *     int ok = sg_result_ok(r) && sg_result_commit(r) == 0;
 *     const char *out = sg_result_output(r, &n);
 *     fwrite(out, 1, n, stdout);
 *     if (!ok) fprintf(stderr, "Error: %s\n", sg_result_error(r));
 *     sg_result_free(r);
 */
#ifndef SPARKGEN_H
#define SPARKGEN_H
#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A chart source: a directory, or files held in memory (the embedded chart). */
typedef struct sg_chart sg_chart;
/* The outcome of one render. */
typedef struct sg_result sg_result;

/* A list of C strings (used for repeatable flags, in command-line order). */
typedef struct sg_strlist {
    const char **items;
    size_t len;
} sg_strlist;

/* One file of an in-memory chart: path relative to the chart root ("Chart.yaml",
 * "templates/x.yaml", "charts/sub/values.yaml"), and its bytes. */
typedef struct sg_file {
    const char *path;
    const unsigned char *data;
    size_t len;
} sg_file;

/* Everything `helm template` takes from its command line. */
typedef struct sg_render_opts {
    const char *release_name;   /* NULL = "release-name" */
    const char *namespace_name; /* NULL = "default" */
    const char *name_template;  /* --name-template (with one argument): evaluated as the
                                   release name, before anything else is loaded */
    sg_strlist value_files;     /* -f/--values, in order; "-" reads stdin */
    sg_strlist set;             /* --set */
    sg_strlist set_string;      /* --set-string */
    sg_strlist set_json;        /* --set-json */
    sg_strlist set_file;        /* --set-file */
    sg_strlist set_literal;     /* --set-literal */
    const char *kube_version;   /* --kube-version; NULL = Helm's default */
    sg_strlist api_versions;    /* -a/--api-versions (already split on commas) */
    sg_strlist show_only;       /* -s/--show-only */
    const char *output_dir;     /* --output-dir; NULL = stdout */
    bool use_release_name;      /* --release-name: DIR/<release>/... */
    bool include_crds;          /* --include-crds */
    bool skip_tests;            /* --skip-tests */
    bool no_hooks;              /* --no-hooks */
    bool is_upgrade;            /* --is-upgrade */
    bool skip_schema_validation;/* --skip-schema-validation */
    bool debug;                 /* --debug */
    int helm_major;             /* 3 or 4 (0 = the process default, sg_helm_version()) */
} sg_render_opts;

/* Defaults: all zero / NULL, i.e. exactly `helm template CHART`. */
void sg_render_opts_init(sg_render_opts *o);

/* Select the Helm version emulated by default (3 or 4; anything else = 4). */
void sg_set_helm_version(int major);
int sg_helm_version(void);

/* A chart in directory `dir` (loaded during sg_render; errors are reported there).
 * The handle is malloc'ed; free it with sg_chart_free after the render. */
sg_chart *sg_chart_dir(const char *dir);
/* A chart held in memory: `files` (not copied; must outlive the render).  `name` is
 * used where Helm would print the chart path in errors. */
sg_chart *sg_chart_mem(const char *name, const sg_file *files, size_t nfiles);
void sg_chart_free(sg_chart *c);

/* Render.  Never returns NULL (except when out of memory, which aborts).  Nothing is
 * printed and nothing is written to disk: see sg_result_commit. */
sg_result *sg_render(sg_chart *c, const sg_render_opts *o);

/* True when the render succeeded. */
bool sg_result_ok(const sg_result *r);
/* On success, performs the --output-dir writes (temporary file + rename per file) and
 * appends any failure to the error text.  Returns 0 on success (also when there is
 * nothing to write), -1 on failure (then sg_result_ok becomes false). */
int sg_result_commit(sg_result *r);
/* The complete stdout text.  After a failure: what Helm prints before its error (the
 * `wrote ...` lines of --output-dir with --show-only), usually nothing. */
const char *sg_result_output(const sg_result *r, size_t *len);
/* Log lines for stderr (Helm's warnings/INFO lines), printed before any error. */
const char *sg_result_log(const sg_result *r, size_t *len);
/* Helm's error text without the "Error: " prefix and without the final newline (it
 * includes "\n\nUse --debug flag to render out invalid YAML" where Helm adds it).
 * NULL on success. */
const char *sg_result_error(const sg_result *r);
/* Number of rendered documents (manifests, then hooks) and each one's source path
 * and text (for tests and tools). */
size_t sg_result_count(const sg_result *r);
const char *sg_result_doc(const sg_result *r, size_t i, const char **source);
/* Drop the render's memory.  Results of nested renders must be freed in reverse order
 * of their sg_render calls (each render is one arena on a stack). */
void sg_result_free(sg_result *r);

/* Check a --kube-version value as `helm template` does first thing.  Returns NULL when
 * valid, else Helm's message ("invalid kube version 'x': ...") in a malloc'ed string
 * the caller frees. */
char *sg_check_kube_version(const char *v);

/* "sparkgen <version>". */
const char *sg_version(void);

#ifdef __cplusplus
}
#endif
#endif
