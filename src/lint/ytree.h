/* ytree.h - a small YAML tree with source lines, for the lint checks (libyaml, arena). */
#ifndef SG_LINT_YTREE_H
#define SG_LINT_YTREE_H
#include <stdbool.h>
#include <stddef.h>

enum { YT_NULL, YT_SCALAR, YT_MAP, YT_SEQ };

typedef struct yt_node {
    int kind;
    int line;                 /* 1-based line in the parsed text */
    const char *s;            /* scalar text */
    bool plain;               /* unquoted scalar (may be a number/bool/null) */
    struct yt_node **keys;    /* maps: key nodes (scalars) */
    struct yt_node **vals;    /* maps: values; sequences: items */
    size_t n;
} yt_node;

/* Parse every document of text.  Returns the number of documents (*docs: arena array),
 * or -1 with *err (arena string, "line N: problem") on a syntax error. */
int yt_parse(const char *text, size_t len, yt_node ***docs, const char **err);
/* Map lookup (NULL when absent or m is not a map). */
yt_node *yt_get(const yt_node *m, const char *key);
/* Path lookup: "spec.template.metadata.labels". */
yt_node *yt_path(const yt_node *m, const char *path);
/* Scalar text or NULL. */
const char *yt_str(const yt_node *n);
/* A plain integer scalar: stores it and returns true. */
bool yt_int(const yt_node *n, long long *out);
/* Null: absent, YT_NULL, or a plain "null"/"~"/"" scalar. */
bool yt_isnull(const yt_node *n);
#endif
