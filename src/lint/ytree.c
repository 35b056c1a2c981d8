/* ytree.c - libyaml events to a line-annotated tree (lint only: no Go typing beyond
 * what the checks need).  The parser is released before anything can throw. */
#include "ytree.h"
#include "../base/arena.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

typedef struct anchor { const char *name; yt_node *node; struct anchor *next; } anchor;

static yt_node *mk(int kind, int line)
{
    yt_node *n = sg_alloc(sizeof *n);
    n->kind = kind;
    n->line = line;
    return n;
}

static void push(yt_node *p, yt_node *k, yt_node *v, size_t *cap)
{
    if (p->n == *cap) {
        size_t nc = *cap ? *cap * 2 : 8;
        p->vals = sg_realloc(p->vals, *cap * sizeof *p->vals, nc * sizeof *p->vals);
        if (p->kind == YT_MAP) p->keys = sg_realloc(p->keys, *cap * sizeof *p->keys, nc * sizeof *p->keys);
        *cap = nc;
    }
    if (p->kind == YT_MAP) p->keys[p->n] = k;
    p->vals[p->n++] = v;
}

/* Parse one node starting at event ev (already taken).  Returns NULL on parser error. */
static yt_node *node(yaml_parser_t *ps, yaml_event_t *ev, anchor **anchors, int depth)
{
    int line = (int)ev->start_mark.line + 1;
    yt_node *n = NULL;
    const char *anc = NULL;
    if (depth > 200) return NULL;
    switch (ev->type) {
    case YAML_ALIAS_EVENT:
        for (anchor *a = *anchors; a; a = a->next)
            if (!strcmp(a->name, (char *)ev->data.alias.anchor)) return a->node;
        return mk(YT_NULL, line);
    case YAML_SCALAR_EVENT:
        n = mk(YT_SCALAR, line);
        n->s = sg_strndup((char *)ev->data.scalar.value, ev->data.scalar.length);
        n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE && !ev->data.scalar.tag;
        if (ev->data.scalar.anchor) anc = sg_strdup((char *)ev->data.scalar.anchor);
        break;
    case YAML_SEQUENCE_START_EVENT:
    case YAML_MAPPING_START_EVENT: {
        bool map = ev->type == YAML_MAPPING_START_EVENT;
        n = mk(map ? YT_MAP : YT_SEQ, line);
        unsigned char *a = map ? ev->data.mapping_start.anchor : ev->data.sequence_start.anchor;
        if (a) anc = sg_strdup((char *)a);
        size_t cap = 0;
        for (;;) {
            yaml_event_t e;
            if (!yaml_parser_parse(ps, &e)) return NULL;
            if (e.type == YAML_MAPPING_END_EVENT || e.type == YAML_SEQUENCE_END_EVENT) { yaml_event_delete(&e); break; }
            yt_node *k = node(ps, &e, anchors, depth + 1);
            yaml_event_delete(&e);
            if (!k) return NULL;
            if (!map) { push(n, NULL, k, &cap); continue; }
            if (!yaml_parser_parse(ps, &e)) return NULL;
            yt_node *v = node(ps, &e, anchors, depth + 1);
            yaml_event_delete(&e);
            if (!v) return NULL;
            if (k->kind == YT_SCALAR && !strcmp(k->s, "<<") && v->kind == YT_MAP) {
                for (size_t i = 0; i < v->n; i++)
                    if (!yt_get(n, v->keys[i]->s)) push(n, v->keys[i], v->vals[i], &cap);
                continue;
            }
            push(n, k, v, &cap);
        }
        break;
    }
    default:
        return mk(YT_NULL, line);
    }
    if (anc) {
        anchor *a = sg_alloc(sizeof *a);
        a->name = anc;
        a->node = n;
        a->next = *anchors;
        *anchors = a;
    }
    return n;
}

int yt_parse(const char *text, size_t len, yt_node ***docs, const char **err)
{
    yaml_parser_t ps;
    yaml_parser_initialize(&ps);
    yaml_parser_set_input_string(&ps, (const unsigned char *)text, len);
    size_t nd = 0, cap = 0;
    yt_node **out = NULL;
    anchor *anchors = NULL;
    int rc = 0;
    for (;;) {
        yaml_event_t e;
        if (!yaml_parser_parse(&ps, &e)) { rc = -1; break; }
        if (e.type == YAML_STREAM_END_EVENT) { yaml_event_delete(&e); break; }
        if (e.type == YAML_STREAM_START_EVENT || e.type == YAML_DOCUMENT_END_EVENT) { yaml_event_delete(&e); continue; }
        if (e.type == YAML_DOCUMENT_START_EVENT) {
            yaml_event_delete(&e);
            anchors = NULL;
            if (!yaml_parser_parse(&ps, &e)) { rc = -1; break; }
            yt_node *n = node(&ps, &e, &anchors, 0);
            yaml_event_delete(&e);
            if (!n) { rc = -1; break; }
            if (nd == cap) {
                size_t nc = cap ? cap * 2 : 8;
                out = sg_realloc(out, cap * sizeof *out, nc * sizeof *out);
                cap = nc;
            }
            out[nd++] = n;
            continue;
        }
        yaml_event_delete(&e);
    }
    if (rc) {
        *err = ps.problem ? sg_sprintf("line %d: %s", (int)ps.problem_mark.line + 1, ps.problem)
                          : sg_strdup("invalid YAML");
        if (ps.context) *err = sg_sprintf("line %d: %s %s", (int)ps.problem_mark.line + 1, ps.problem ? ps.problem : "", ps.context);
    }
    yaml_parser_delete(&ps);
    *docs = out;
    return rc ? -1 : (int)nd;
}

yt_node *yt_get(const yt_node *m, const char *key)
{
    if (!m || m->kind != YT_MAP) return NULL;
    for (size_t i = 0; i < m->n; i++)
        if (m->keys[i]->kind == YT_SCALAR && !strcmp(m->keys[i]->s, key)) return m->vals[i];
    return NULL;
}

yt_node *yt_path(const yt_node *m, const char *path)
{
    char seg[128];
    const yt_node *cur = m;
    while (cur && *path) {
        size_t k = strcspn(path, ".");
        if (k >= sizeof seg) return NULL;
        memcpy(seg, path, k);
        seg[k] = 0;
        cur = yt_get(cur, seg);
        path += k;
        if (*path == '.') path++;
    }
    return (yt_node *)cur;
}

const char *yt_str(const yt_node *n) { return n && n->kind == YT_SCALAR ? n->s : NULL; }

bool yt_isnull(const yt_node *n)
{
    if (!n || n->kind == YT_NULL) return true;
    if (n->kind != YT_SCALAR || !n->plain) return false;
    return !*n->s || !strcmp(n->s, "~") || !strcmp(n->s, "null") || !strcmp(n->s, "Null") || !strcmp(n->s, "NULL");
}

bool yt_int(const yt_node *n, long long *out)
{
    if (!n || n->kind != YT_SCALAR || !n->plain || !*n->s) return false;
    char *end;
    errno = 0;
    long long v = strtoll(n->s, &end, 10);
    if (*end || errno) return false;
    *out = v;
    return true;
}
