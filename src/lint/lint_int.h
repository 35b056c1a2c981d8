/* lint_int.h - internals shared by the lint checks (one rendered document each). */
#ifndef SG_LINT_INT_H
#define SG_LINT_INT_H
#include "lint.h"
#include "ytree.h"

typedef struct lint_doc {
    const char *path;   /* chart-relative template path ("templates/x.yaml") */
    const char *tmpl;   /* that template's source text, or NULL */
    const char *text;   /* the rendered document */
    yt_node *root;      /* parsed document (a map), or NULL */
    const char *kind, *name, *ns;
    const char *obj;    /* "Kind/name" */
} lint_doc;

/* The template line a node of the rendered document comes from (0 = unknown). */
int lint_locate(const lint_doc *d, const yt_node *n, const char *key);
/* Structural Kubernetes checks of all documents of a release. */
void lint_kube(lint_report *r, lint_doc *docs, size_t n);
/* Spark-aware checks (spark-standalone style env vars). */
void lint_spark(lint_report *r, lint_doc *docs, size_t n);
/* Chart.yaml / values.yaml checks as helm lint (rules/chartfile.go, values.go).
 * Returns false when the chart cannot be rendered (Chart.yaml unusable). */
bool lint_chartfile(lint_report *r, const char *dir);
/* Kubernetes quantity to a double (bytes or cores); false if it does not parse. */
bool lint_quantity(const char *s, double *out);
/* A finding at node n of document d (key names the field for line lookup). */
void lint_at(lint_report *r, int sev, const lint_doc *d, const yt_node *n, const char *key,
             const char *rule, const char *fmt, ...) __attribute__((format(printf, 7, 8)));
#endif
