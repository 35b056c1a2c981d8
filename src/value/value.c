/* value.c - construction, containers, truthiness, type names, equality of sg_value. */
#include "value.h"
#include "../base/arena.h"
#include <stdlib.h>
#include <string.h>

int sg_helm_major = 4;
const sg_value sg_nil = { .kind = VK_NIL };

sg_value val_bool(bool b) { sg_value v = { .kind = VK_BOOL }; v.u.b = b; return v; }
sg_value val_int(int64_t i) { sg_value v = { .kind = VK_INT }; v.u.i = i; return v; }
sg_value val_int64(int64_t i) { sg_value v = { .kind = VK_INT64 }; v.u.i = i; return v; }
sg_value val_float(double f) { sg_value v = { .kind = VK_FLOAT }; v.u.f = f; return v; }

sg_value val_str_nocopy(const char *p, size_t n)
{
    sg_value v = { .kind = VK_STRING };
    v.u.s.p = p;
    v.u.s.n = n;
    return v;
}

sg_value val_str(const char *p, size_t n) { return val_str_nocopy(sg_strndup(p, n), n); }
sg_value val_cstr(const char *s) { return val_str(s, strlen(s)); }

sg_value val_list(size_t cap)
{
    sg_value v = { .kind = VK_LIST };
    v.u.l = sg_alloc(sizeof(sg_list));
    if (cap) {
        v.u.l->items = sg_alloc(cap * sizeof(sg_value));
        v.u.l->cap = cap;
    }
    return v;
}

sg_value val_object(const sg_objtype *t, void *data)
{
    sg_value v = { .kind = VK_OBJECT };
    v.u.o = sg_alloc(sizeof(sg_object));
    v.u.o->type = t;
    v.u.o->data = data;
    return v;
}

void list_push(sg_value l, sg_value x)
{
    sg_list *L = l.u.l;
    if (L->len == L->cap) {
        size_t cap = L->cap ? L->cap * 2 : 4;
        L->items = sg_realloc(L->items, L->len * sizeof(sg_value), cap * sizeof(sg_value));
        L->cap = cap;
    }
    L->items[L->len++] = x;
}

/* ---- maps: insertion-ordered entries + open addressing index ---- */

static uint64_t hash(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (size_t i = 0; i < n; i++) { h ^= (unsigned char)s[i]; h *= 1099511628211ULL; }
    return h;
}

sg_value val_map(void)
{
    sg_value v = { .kind = VK_MAP };
    v.u.m = sg_alloc(sizeof(sg_map));
    return v;
}

static void reindex(sg_map *m, size_t isize)
{
    m->isize = isize;
    m->index = sg_alloc(isize * sizeof(int32_t));
    memset(m->index, 0xff, isize * sizeof(int32_t));
    for (size_t i = 0; i < m->nents; i++) {
        if (!m->ents[i].live) continue;
        size_t j = hash(m->ents[i].key, m->ents[i].klen) & (isize - 1);
        while (m->index[j] >= 0) j = (j + 1) & (isize - 1);
        m->index[j] = (int32_t)i;
    }
}

static long find(const sg_map *m, const char *key, size_t klen, size_t *slot)
{
    if (!m->isize) return -1;
    size_t j = hash(key, klen) & (m->isize - 1);
    for (;;) {
        int32_t k = m->index[j];
        if (k < 0) { if (slot) *slot = j; return -1; }
        const sg_mapent *e = &m->ents[k];
        if (e->live && e->klen == klen && memcmp(e->key, key, klen) == 0) {
            if (slot) *slot = j;
            return k;
        }
        j = (j + 1) & (m->isize - 1);
    }
}

bool map_getn(sg_value mv, const char *key, size_t klen, sg_value *out)
{
    if (mv.kind != VK_MAP || !mv.u.m) return false;
    long k = find(mv.u.m, key, klen, NULL);
    if (k < 0) return false;
    if (out) *out = mv.u.m->ents[k].val;
    return true;
}

bool map_get(sg_value m, const char *key, sg_value *out) { return map_getn(m, key, strlen(key), out); }

void map_setn(sg_value mv, const char *key, size_t klen, sg_value v)
{
    sg_map *m = mv.u.m;
    long k = find(m, key, klen, NULL);
    if (k >= 0) { m->ents[k].val = v; return; }
    if (m->nents == m->cap) {
        /* compact dead entries before growing */
        size_t cap = m->cap ? m->cap * 2 : 8;
        m->ents = sg_realloc(m->ents, m->nents * sizeof(sg_mapent), cap * sizeof(sg_mapent));
        m->cap = cap;
    }
    sg_mapent *e = &m->ents[m->nents++];
    e->key = sg_strndup(key, klen);
    e->klen = klen;
    e->val = v;
    e->live = true;
    m->live++;
    if (m->nents * 2 > m->isize) reindex(m, m->isize ? m->isize * 2 : 16);
    else {
        size_t j = hash(key, klen) & (m->isize - 1);
        while (m->index[j] >= 0) j = (j + 1) & (m->isize - 1);
        m->index[j] = (int32_t)(m->nents - 1);
    }
}

void map_set(sg_value m, const char *key, sg_value v) { map_setn(m, key, strlen(key), v); }

bool map_del(sg_value mv, const char *key)
{
    sg_map *m = mv.u.m;
    long k = find(m, key, strlen(key), NULL);
    if (k < 0) return false;
    m->ents[k].live = false;
    m->live--;
    reindex(m, m->isize); /* rebuild probe chains without the dead entry */
    return true;
}

bool map_next(sg_value mv, size_t *it, sg_mapent **e)
{
    sg_map *m = mv.u.m;
    if (!m) return false;
    while (*it < m->nents) {
        sg_mapent *x = &m->ents[(*it)++];
        if (x->live) { *e = x; return true; }
    }
    return false;
}

static int entcmp(const void *a, const void *b)
{
    const sg_mapent *x = *(sg_mapent *const *)a, *y = *(sg_mapent *const *)b;
    size_t n = x->klen < y->klen ? x->klen : y->klen;
    int c = memcmp(x->key, y->key, n);
    if (c) return c;
    return x->klen < y->klen ? -1 : x->klen > y->klen;
}

sg_mapent **map_ordered(sg_value mv, size_t *n)
{
    size_t cnt = map_len(mv), i = 0, it = 0;
    sg_mapent **arr = sg_alloc((cnt ? cnt : 1) * sizeof *arr), *e;
    while (map_next(mv, &it, &e)) arr[i++] = e;
    *n = cnt;
    return arr;
}

sg_mapent **map_sorted(sg_value mv, size_t *n)
{
    sg_mapent **arr = map_ordered(mv, n);
    qsort(arr, *n, sizeof *arr, entcmp);
    return arr;
}

/* ---- predicates ---- */

bool val_truth(sg_value v)
{
    switch ((sg_kind)v.kind) {
    case VK_NIL: return false;
    case VK_BOOL: return v.u.b;
    case VK_INT: case VK_INT64: return v.u.i != 0;
    case VK_FLOAT: return v.u.f != 0;
    case VK_STRING: return v.u.s.n != 0;
    case VK_LIST: return list_len(v) != 0;
    case VK_MAP: return map_len(v) != 0;
    case VK_OBJECT: return v.u.o->type->truth ? v.u.o->type->truth(v.u.o) : true;
    }
    return false;
}

bool val_empty(sg_value v)
{
    /* sprig empty: reflect zero-ness; structs are never empty */
    return !val_truth(v);
}

const char *val_typename(sg_value v)
{
    switch ((sg_kind)v.kind) {
    case VK_NIL: return "<nil>";
    case VK_BOOL: return "bool";
    case VK_INT:
        if (v.gotype == GT_MONTH) return "time.Month";
        if (v.gotype == GT_WEEKDAY) return "time.Weekday";
        return v.gotype == GT_UINT8 ? "uint8" : v.gotype == GT_INT32 ? "int32" : "int";
    case VK_INT64:
        if (v.gotype == GT_DURATION) return "time.Duration";
        return v.gotype == GT_UINT32 ? "uint32" : v.gotype == GT_UINT64 ? "uint64" : "int64";
    case VK_FLOAT: return "float64";
    case VK_STRING: return "string";
    case VK_LIST:
        switch (v.gotype) {
        case GT_LIST_STRING: return "[]string";
        case GT_LIST_INT: return "[]int";
        case GT_LIST_BYTES: return "[]uint8";
        case GT_LIST_LIST: return "[][]interface {}";
        default: return "[]interface {}";
        }
    case VK_MAP:
        if (v.gotype == GT_MAP_VALUES) return sg_helm_major >= 4 ? "common.Values" : "chartutil.Values";
        if (v.gotype == GT_MAP_STRING) return "map[string]string";
        return "map[string]interface {}";
    case VK_OBJECT: return v.u.o->type->name;
    }
    return "?";
}

const char *val_kindname(sg_value v)
{
    switch ((sg_kind)v.kind) {
    case VK_NIL: return "invalid";
    case VK_BOOL: return "bool";
    case VK_INT: return v.gotype == GT_UINT8 ? "uint8" : v.gotype == GT_INT32 ? "int32" : "int";
    case VK_INT64: return v.gotype == GT_UINT32 ? "uint32" : v.gotype == GT_UINT64 ? "uint64" : "int64";
    case VK_FLOAT: return "float64";
    case VK_STRING: return "string";
    case VK_LIST: return "slice";
    case VK_MAP: return "map";
    case VK_OBJECT: return v.u.o->type->kindname ? v.u.o->type->kindname : "struct";
    }
    return "invalid";
}

bool val_deep_equal(sg_value a, sg_value b)
{
    if (a.kind != b.kind) return false;
    if (strcmp(val_typename(a), val_typename(b)) != 0) return false;
    switch ((sg_kind)a.kind) {
    case VK_NIL: return true;
    case VK_BOOL: return a.u.b == b.u.b;
    case VK_INT: case VK_INT64: return a.u.i == b.u.i;
    case VK_FLOAT: return a.u.f == b.u.f;
    case VK_STRING: return a.u.s.n == b.u.s.n && memcmp(a.u.s.p, b.u.s.p, a.u.s.n) == 0;
    case VK_LIST:
        if (list_len(a) != list_len(b)) return false;
        for (size_t i = 0; i < list_len(a); i++)
            if (!val_deep_equal(list_get(a, i), list_get(b, i))) return false;
        return true;
    case VK_MAP: {
        if (map_len(a) != map_len(b)) return false;
        size_t it = 0;
        sg_mapent *e;
        while (map_next(a, &it, &e)) {
            sg_value o;
            if (!map_getn(b, e->key, e->klen, &o) || !val_deep_equal(e->val, o)) return false;
        }
        return true;
    }
    case VK_OBJECT: return a.u.o == b.u.o || a.u.o->data == b.u.o->data;
    }
    return false;
}

sg_value val_deep_copy(sg_value v)
{
    if (v.kind == VK_LIST) {
        sg_value c = val_list(list_len(v));
        c.gotype = v.gotype;
        for (size_t i = 0; i < list_len(v); i++) list_push(c, val_deep_copy(list_get(v, i)));
        return c;
    }
    if (v.kind == VK_MAP) {
        sg_value c = val_map();
        c.gotype = v.gotype;
        size_t it = 0;
        sg_mapent *e;
        while (map_next(v, &it, &e)) map_setn(c, e->key, e->klen, val_deep_copy(e->val));
        return c;
    }
    return v;
}
