/* lint.h - `sparkgen lint`: helm lint's chart checks plus structural and Spark-aware checks
 * of every rendered manifest.  A layer above render: it talks to the renderer only through
 * include/sparkgen.h.  All memory comes from an arena that lint_run pushes (lint_report_free
 * pops it), so a report must be freed before any render started after it is freed.
 */
#ifndef SG_LINT_H
#define SG_LINT_H
#include "sparkgen.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Severities, in helm lint's order and with its numbering (support.InfoSev ...). */
enum { LINT_INFO = 1, LINT_WARNING = 2, LINT_ERROR = 4 };

/* One finding.  path: chart-relative file ("Chart.yaml", "templates/x.yaml"); line: the
 * template line it comes from (0 = not known / not a template line); rule: a stable id
 * ("helm", "name-dns1123", ...); object: "Kind/name" of the rendered object or NULL. */
typedef struct lint_finding {
    int sev;
    const char *path;
    int line;
    const char *rule;
    const char *object;
    const char *msg;
    const char *file;   /* where an annotation points: chart-relative file (may differ from
                           path: helm reports render errors under "templates/") */
    int fline;          /* that file's line (0 = unknown) */
} lint_finding;

typedef struct lint_report {
    const char *chart;      /* the CHART argument as given */
    lint_finding *items;
    size_t n, cap;
    int highest;            /* highest severity seen (0 = none) */
    bool fatal;             /* the chart could not be checked at all (helm's "Error unable to check ...") */
    const char *fatal_msg;
    bool values_error;      /* -f/--set could not be read: helm lint stops with "Error: MSG"
                               (fatal_msg) before linting anything */
    void *priv;             /* the render result kept alive with the report */
} lint_report;

/* Output formats of `sparkgen lint --output`. */
enum { LINT_OUT_TEXT, LINT_OUT_JSON, LINT_OUT_GITHUB };

/* Lint the chart in directory `dir` rendered with `o` (release name/namespace/values).
 * Returns a report allocated in a new arena (free with lint_report_free). */
lint_report *lint_run(const char *dir, const sg_render_opts *o);
/* Lint already-rendered manifests: `text` is a multi-document YAML stream read from
 * `path` (a file of `helm template` output); "# Source:" comments name the templates. */
lint_report *lint_run_manifests(const char *path, const char *text, size_t len);
void lint_report_free(lint_report *r);

/* Record a finding (the strings are copied into the report's arena). */
void lint_add(lint_report *r, int sev, const char *path, int line, const char *rule,
              const char *object, const char *fmt, ...) __attribute__((format(printf, 7, 8)));

/* True when the report fails: any error, or any warning when `strict`. */
bool lint_failed(const lint_report *r, bool strict);

/* Print the report of one chart as text (helm lint's shape: "==> Linting CHART", one
 * "[SEVERITY] path[:line]: message" line per finding, a blank line) or as GitHub workflow
 * annotations (::error file=...,line=...::message); `color` adds ANSI colors to text. */
void lint_print(FILE *f, const lint_report *r, int fmt, bool color);
/* --output json: one stable array over all charts, a finding per object:
 * {"chart","severity","path","line","rule","object","message"} in the order found. */
void lint_print_json(FILE *f, lint_report *const *rs, size_t n);

#endif
