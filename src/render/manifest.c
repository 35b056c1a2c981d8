/* manifest.c - Helm's manifest assembly (releaseutil.SortManifests + action.renderResources
 * + the `helm template` command's output code): rendered files in, exact stdout out.
 *
 * Steps (HELM-FACTS 1.1 and 2): drop NOTES/partials/empty files; walk files in byte order
 * of their path; split each trimmed file with `(?:^|\s*\n)---\s*`; trim each document;
 * decode its head as sigs.k8s.io/yaml into releaseutil.SimpleHead would (with Go's json
 * error texts); hooks vs manifests; stable sort by install order; frame; CRDs first;
 * trim; hooks appended; then --show-only or the --output-dir plan.
 */
#include "manifest.h"
#include "../base/arena.h"
#include "../base/err.h"
#include "../base/gopath.h"
#include "../base/limits.h"
#include "../io/yaml.h"
#include "../value/gofmt.h"
#include "../value/value.h"
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---------------------------------------------------------------- trimming / splitting */

/* Decode one UTF-8 rune at s[i] (len n); sets *w to its width (1 on invalid bytes,
 * rune = 0xFFFD as Go's RuneError). */
static uint32_t rune_at(const unsigned char *s, size_t n, size_t i, size_t *w)
{
    unsigned c = s[i];
    if (c < 0x80) { *w = 1; return c; }
    int need = c >= 0xC2 && c < 0xE0 ? 1 : c >= 0xE0 && c < 0xF0 ? 2 : c >= 0xF0 && c < 0xF5 ? 3 : -1;
    if (need < 0 || i + (size_t)need >= n) { *w = 1; return 0xFFFD; }
    uint32_t r = c & (0x3F >> need);
    for (int k = 1; k <= need; k++) {
        unsigned d = s[i + (size_t)k];
        if ((d & 0xC0) != 0x80) { *w = 1; return 0xFFFD; }
        r = (r << 6) | (d & 0x3F);
    }
    if ((need == 2 && (r < 0x800 || (r >= 0xD800 && r <= 0xDFFF))) || (need == 3 && (r < 0x10000 || r > 0x10FFFF))) {
        *w = 1;
        return 0xFFFD;
    }
    *w = (size_t)need + 1;
    return r;
}

/* unicode.IsSpace */
static int is_uspace(uint32_t r)
{
    switch (r) {
    case '\t': case '\n': case '\v': case '\f': case '\r': case ' ': case 0x85: case 0xA0:
    case 0x1680: case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000:
        return 1;
    }
    return r >= 0x2000 && r <= 0x200A;
}

void manifest_trim(const char *s, size_t len, size_t *start, size_t *end)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t a = 0, w;
    while (a < len) {
        uint32_t r = rune_at(u, len, a, &w);
        if (!is_uspace(r)) break;
        a += w;
    }
    size_t b = len;
    while (b > a) {
        /* step back to the start of the last rune (utf8.DecodeLastRune) */
        size_t p = b - 1;
        while (p > a && (u[p] & 0xC0) == 0x80 && b - p < 4) p--;
        uint32_t r = rune_at(u, b, p, &w);
        if (p + w != b) { p = b - 1; r = 0xFFFD; }
        if (!is_uspace(r)) break;
        b = p;
    }
    *start = a;
    *end = b;
}

/* RE2 \s: [\t\n\f\r ] */
static int re_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }

/* Leftmost-first match of (?:^|\s*\n)---\s* in s[from..n); returns 1 and the bounds. */
static int sep_find(const char *s, size_t n, size_t from, size_t *ms, size_t *me)
{
    size_t p = from;
    while (p < n) {
        size_t dash = (size_t)-1;
        if (p == 0 && n >= 3 && memcmp(s, "---", 3) == 0) dash = 0;
        else if (re_space(s[p])) {
            size_t q = p;
            while (q < n && re_space(s[q])) q++;
            if (s[q - 1] == '\n' && q + 3 <= n && memcmp(s + q, "---", 3) == 0) dash = q;
            else { p = q; continue; }
        }
        if (dash != (size_t)-1) {
            size_t e = dash + 3;
            while (e < n && re_space(s[e])) e++;
            *ms = p;
            *me = e;
            return 1;
        }
        p++;
    }
    return 0;
}

const char **manifest_split(const char *text, size_t len, size_t **lens, size_t *n)
{
    /* Go's Regexp.Split(s, -1) */
    size_t cap = 8, cnt = 0;
    const char **pieces = sg_alloc(cap * sizeof *pieces);
    size_t *pl = sg_alloc(cap * sizeof *pl);
    if (len == 0) {
        pieces[0] = text;
        pl[0] = 0;
        *lens = pl;
        *n = 1;
        return pieces;
    }
    size_t beg = 0, end = 0, ms, me, from = 0;
    while (from < len && sep_find(text, len, from, &ms, &me)) {
        end = ms;
        if (cnt == cap) {
            pieces = sg_realloc(pieces, cap * sizeof *pieces, 2 * cap * sizeof *pieces);
            pl = sg_realloc(pl, cap * sizeof *pl, 2 * cap * sizeof *pl);
            cap *= 2;
        }
        pieces[cnt] = text + beg;
        pl[cnt++] = end - beg;
        beg = me;
        from = me;
    }
    if (end != len) {
        if (cnt == cap) {
            pieces = sg_realloc(pieces, cap * sizeof *pieces, (cap + 1) * sizeof *pieces);
            pl = sg_realloc(pl, cap * sizeof *pl, (cap + 1) * sizeof *pl);
        }
        pieces[cnt] = text + beg;
        pl[cnt++] = len - beg;
    }
    *lens = pl;
    *n = cnt;
    return pieces;
}

/* ---------------------------------------------------------------- kind order */

static const char *const install_order[] = {
    "PriorityClass", "Namespace", "NetworkPolicy", "ResourceQuota", "LimitRange",
    "PodSecurityPolicy", "PodDisruptionBudget", "ServiceAccount", "Secret", "SecretList",
    "ConfigMap", "StorageClass", "PersistentVolume", "PersistentVolumeClaim",
    "CustomResourceDefinition", "ClusterRole", "ClusterRoleList", "ClusterRoleBinding",
    "ClusterRoleBindingList", "Role", "RoleList", "RoleBinding", "RoleBindingList", "Service",
    "DaemonSet", "Pod", "ReplicationController", "ReplicaSet", "Deployment",
    "HorizontalPodAutoscaler", "StatefulSet", "Job", "CronJob", "IngressClass", "Ingress",
    "APIService",
    /* v4 only */
    "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration",
};
enum { N_ORDER_V3 = 36, N_ORDER_V4 = 38 };

int manifest_kind_rank(const char *kind, int helm_major)
{
    int n = helm_major == 3 ? N_ORDER_V3 : N_ORDER_V4;
    for (int i = 0; i < n; i++)
        if (strcmp(kind, install_order[i]) == 0) return i;
    return -1;
}

/* ---------------------------------------------------------------- filepath.Match */

/* filepath.getEsc: one possibly escaped rune of a class; -1 on ErrBadPattern. */
static int get_esc(const char **pp, const char *pend, uint32_t *r)
{
    const char *p = *pp;
    if (p >= pend || *p == '-' || *p == ']') return -1;
    if (*p == '\\') { p++; if (p >= pend) return -1; }
    size_t w;
    *r = rune_at((const unsigned char *)p, (size_t)(pend - p), 0, &w);
    if (*r == 0xFFFD && w == 1) return -1;
    p += w;
    if (p >= pend) return -1;
    *pp = p;
    return 0;
}

/* A character class: *pp points after '['; consumes through ']'.  Sets *ok when rune r
 * is in the class.  -1 on ErrBadPattern. */
static int match_class(const char **pp, const char *pend, uint32_t r, int *ok)
{
    const char *p = *pp;
    int negated = 0, matched = 0, nrange = 0;
    if (p < pend && *p == '^') { negated = 1; p++; }
    for (;;) {
        if (p < pend && *p == ']' && nrange > 0) { p++; break; }
        uint32_t lo, hi;
        if (get_esc(&p, pend, &lo) < 0) return -1;
        hi = lo;
        if (*p == '-') {
            p++;
            if (get_esc(&p, pend, &hi) < 0) return -1;
        }
        if (lo <= r && r <= hi) matched = 1;
        nrange++;
    }
    *pp = p;
    *ok = matched != negated;
    return 0;
}

/* Match one pattern chunk (no '*') against the start of name; returns rest or NULL.
 * *bad set on a syntax error. */
static const char *match_chunk(const char *chunk, const char *cend, const char *s, const char *send, int *bad)
{
    const char *p = chunk;
    int failed = 0;
    while (p < cend) {
        if (!failed && s >= send) failed = 1;
        if (*p == '[') {
            uint32_t r = 0;
            size_t w = 0;
            if (!failed) r = rune_at((const unsigned char *)s, (size_t)(send - s), 0, &w);
            p++;
            int ok = 0;
            if (match_class(&p, cend, r, &ok) < 0) { *bad = 1; return NULL; }
            if (!failed) { if (!ok) failed = 1; else s += w; }
        } else if (*p == '?') {
            if (!failed) {
                if (*s == '/') failed = 1;
                size_t w;
                rune_at((const unsigned char *)s, (size_t)(send - s), 0, &w);
                s += w;
            }
            p++;
        } else if (*p == '\\') {
            p++;
            if (p >= cend) { *bad = 1; return NULL; }
            if (!failed) { if (*p != *s) failed = 1; s++; }
            p++;
        } else {
            if (!failed) { if (*p != *s) failed = 1; s++; }
            p++;
        }
    }
    return failed ? NULL : s;
}

/* Split off the next chunk: *star = leading stars, chunk up to the next unescaped '*'
 * outside brackets. */
static void scan_chunk(const char **pat, const char *pend, int *star, const char **cs, const char **ce)
{
    const char *p = *pat;
    *star = 0;
    while (p < pend && *p == '*') { p++; *star = 1; }
    *cs = p;
    int inrange = 0;
    while (p < pend) {
        if (*p == '\\') { if (p + 1 < pend) p++; }
        else if (*p == '[') inrange = 1;
        else if (*p == ']') inrange = 0;
        else if (*p == '*' && !inrange) break;
        p++;
    }
    *ce = p;
    *pat = p;
}

int manifest_glob(const char *pattern, const char *name)
{
    const char *pat = pattern, *pend = pattern + strlen(pattern);
    const char *s = name, *send = name + strlen(name);
    int bad = 0;
    while (pat < pend) {
        int star;
        const char *cs, *ce;
        scan_chunk(&pat, pend, &star, &cs, &ce);
        if (star && cs == ce) {
            /* trailing * matches the rest iff it has no '/' */
            return memchr(s, '/', (size_t)(send - s)) == NULL;
        }
        const char *t = match_chunk(cs, ce, s, send, &bad);
        if (bad) return -1;
        if (t && (t == send || pat < pend)) { s = t; continue; }
        if (star) {
            int found = 0;
            for (const char *i = s; i < send && *i != '/'; i++) {
                t = match_chunk(cs, ce, i + 1, send, &bad);
                if (bad) return -1;
                if (t) {
                    if (pat >= pend && t != send) continue;
                    s = t;
                    found = 1;
                    break;
                }
            }
            if (found) continue;
        }
        /* Go checks the rest of the pattern for syntax errors before failing */
        while (pat < pend) {
            scan_chunk(&pat, pend, &star, &cs, &ce);
            match_chunk(cs, ce, send, send, &bad);
            if (bad) return -1;
        }
        return 0;
    }
    return s == send;
}

/* ---------------------------------------------------------------- SimpleHead decoding */

typedef struct head {
    const char *kind;   /* "" when absent */
    const char *name;
    sg_value ann;       /* map of string values, or nil */
} head;

static const char *json_type(sg_value v)
{
    switch (v.kind) {
    case VK_STRING: return "string";
    case VK_BOOL: return "bool";
    case VK_INT: case VK_INT64: case VK_FLOAT: return "number";
    case VK_LIST: return "array";
    default: return "object";
    }
}

/* strconv.FormatFloat(f, 'g', -1, 32) */
static const char *float32_g(double f)
{
    float x = (float)f;
    char tmp[64];
    for (int prec = 1; prec <= 9; prec++) {
        snprintf(tmp, sizeof tmp, "%.*e", prec - 1, (double)x);
        if (strtof(tmp, NULL) == x) {
            /* decimal exponent */
            int exp10 = atoi(strchr(tmp, 'e') + 1);
            if (exp10 < -4 || exp10 >= 21) {
                /* Go: %e form with at least 2 exponent digits */
                char *e = strchr(tmp, 'e');
                char mant[40];
                size_t ml = (size_t)(e - tmp);
                memcpy(mant, tmp, ml);
                mant[ml] = 0;
                return sg_sprintf("%se%c%02d", mant, exp10 < 0 ? '-' : '+', exp10 < 0 ? -exp10 : exp10);
            }
            snprintf(tmp, sizeof tmp, "%.*f", prec - 1 - exp10 > 0 ? prec - 1 - exp10 : 0, (double)x);
            return sg_strdup(tmp);
        }
    }
    return sg_sprintf("%g", (double)x);
}

/* A scalar decoded into a Go string field (sigs.k8s.io/yaml converts YAML scalars to
 * strings when the target is a string).  Returns NULL for lists/maps. */
static const char *scalar_string(sg_value v)
{
    switch (v.kind) {
    case VK_NIL: return "";
    case VK_STRING: return v.u.s.p;
    case VK_BOOL: return v.u.b ? "true" : "false";
    case VK_INT: case VK_INT64: return sg_sprintf("%lld", (long long)v.u.i);
    case VK_FLOAT:
        if (v.u.f == (double)(int64_t)v.u.f && v.u.f > -9.2e18 && v.u.f < 9.2e18)
            return sg_sprintf("%lld", (long long)(int64_t)v.u.f);
        return float32_g(v.u.f);
    default: return NULL;
    }
}

/* ASCII case-insensitive equality (encoding/json's field matching). */
static int fold_eq(const char *a, size_t an, const char *b)
{
    size_t bn = strlen(b);
    if (an != bn) return 0;
    for (size_t i = 0; i < an; i++) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z') x = (char)(x + 32);
        if (y >= 'A' && y <= 'Z') y = (char)(y + 32);
        if (x != y) return 0;
    }
    return 1;
}

static const char *unmarshal_err(sg_value v, const char *field, const char *type)
{
    return sg_sprintf("error unmarshaling JSON: while decoding JSON: json: cannot unmarshal %s into Go struct field %s of type %s",
                      json_type(v), field, type);
}

/* Decode `doc` into h; returns NULL or the error text (after "YAML parse error on P: "). */
static const char *head_decode(sg_value doc, head *h, int helm_major)
{
    h->kind = "";
    h->name = "";
    h->ann = sg_nil;
    if (doc.kind == VK_NIL) return NULL;
    if (doc.kind != VK_MAP)
        return sg_sprintf("error unmarshaling JSON: while decoding JSON: json: cannot unmarshal %s into Go value of type %s.SimpleHead",
                          json_type(doc), helm_major == 3 ? "releaseutil" : "util");
    const char *first = NULL;
    size_t n;
    sg_mapent **ents = map_sorted(doc, &n);
    for (size_t i = 0; i < n; i++) {
        sg_mapent *e = ents[i];
        if (fold_eq(e->key, e->klen, "apiVersion") || fold_eq(e->key, e->klen, "kind")) {
            int is_kind = fold_eq(e->key, e->klen, "kind");
            const char *s = scalar_string(e->val);
            if (!s) {
                if (!first) first = unmarshal_err(e->val, is_kind ? "SimpleHead.kind" : "SimpleHead.apiVersion", "string");
            } else if (is_kind && e->val.kind != VK_NIL) h->kind = s;
        } else if (fold_eq(e->key, e->klen, "metadata")) {
            sg_value md = e->val;
            if (md.kind == VK_NIL) continue;
            if (md.kind != VK_MAP) {
                if (!first)
                    first = unmarshal_err(md, "SimpleHead.metadata",
                                          "struct { Name string \"json:\\\"name\\\"\"; Annotations map[string]string \"json:\\\"annotations\\\"\" }");
                continue;
            }
            size_t mn;
            sg_mapent **mes = map_sorted(md, &mn);
            for (size_t j = 0; j < mn; j++) {
                sg_mapent *me = mes[j];
                if (fold_eq(me->key, me->klen, "name")) {
                    const char *s = scalar_string(me->val);
                    if (!s) { if (!first) first = unmarshal_err(me->val, ".metadata.name", "string"); }
                    else if (me->val.kind != VK_NIL) h->name = s;
                } else if (fold_eq(me->key, me->klen, "annotations")) {
                    sg_value av = me->val;
                    if (av.kind == VK_NIL) { h->ann = sg_nil; continue; }
                    if (av.kind != VK_MAP) {
                        if (!first) first = unmarshal_err(av, ".metadata.annotations", "map[string]string");
                        continue;
                    }
                    sg_value out = h->ann.kind == VK_MAP ? h->ann : val_map();
                    size_t an;
                    sg_mapent **aes = map_sorted(av, &an);
                    for (size_t k = 0; k < an; k++) {
                        const char *s = scalar_string(aes[k]->val);
                        if (!s) {
                            if (!first) first = unmarshal_err(aes[k]->val, ".metadata.annotations", "string");
                            continue;
                        }
                        map_setn(out, aes[k]->key, aes[k]->klen, val_cstr(s));
                    }
                    h->ann = out;
                }
            }
        }
    }
    return first;
}

/* ---------------------------------------------------------------- hooks */

static const char *const hook_events[] = {
    "pre-install", "post-install", "pre-delete", "post-delete", "pre-upgrade",
    "post-upgrade", "pre-rollback", "post-rollback", "test", "test-success",
};

/* Classify: returns 0 = not a hook, 1 = hook (sets *is_test), -1 = unknown hook. */
static int hook_classify(const head *h, const char **types, int *is_test)
{
    *is_test = 0;
    if (h->ann.kind != VK_MAP || map_len(h->ann) == 0) return 0;
    sg_value v;
    if (!map_get(h->ann, "helm.sh/hook", &v)) return 0;
    *types = v.u.s.p;
    const char *s = v.u.s.p;
    size_t n = v.u.s.n;
    size_t i = 0;
    for (;;) {
        size_t j = i;
        while (j < n && s[j] != ',') j++;
        size_t a, b;
        manifest_trim(s + i, j - i, &a, &b);
        char *item = sg_strndup(s + i + a, b - a);
        for (char *c = item; *c; c++)
            if (*c >= 'A' && *c <= 'Z') *c = (char)(*c + 32);
        int known = 0;
        for (size_t k = 0; k < sizeof hook_events / sizeof *hook_events; k++)
            if (strcmp(item, hook_events[k]) == 0) {
                known = 1;
                if (k >= 8) *is_test = 1;
            }
        if (!known) return -1;
        if (j >= n) break;
        i = j + 1;
    }
    return 1;
}

void manifest_slog_value(sg_buf *b, const char *s)
{
    size_t n = strlen(s);
    int quote = n == 0;
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0, w; i < n && !quote; i += w) {
        uint32_t r = rune_at(u, n, i, &w);
        if (r == '=' || r == '"' || is_uspace(r) || r < 0x20 || r == 0x7F || (r >= 0x80 && r < 0xA0) || r == 0xFFFD)
            quote = 1;
    }
    if (quote) gofmt_quote(b, s, n);
    else buf_put(b, s, n);
}

/* ---------------------------------------------------------------- assembly */

typedef struct doc {
    mf_doc d;
    size_t idx;
    int rank;
    int is_test;
} doc;

static int doc_cmp(const void *pa, const void *pb)
{
    const doc *a = pa, *b = pb;
    if (a->rank < 0 && b->rank < 0) {
        int c = strcmp(a->d.kind, b->d.kind);
        if (c) return c;
    } else if (a->rank < 0) return 1;
    else if (b->rank < 0) return -1;
    else if (a->rank != b->rank) return a->rank < b->rank ? -1 : 1;
    return a->idx < b->idx ? -1 : a->idx > b->idx;
}

static int path_cmp(const void *pa, const void *pb)
{
    const mf_file *a = *(const mf_file *const *)pa, *b = *(const mf_file *const *)pb;
    return strcmp(a->path, b->path);
}

static int ends_with(const char *s, const char *suf)
{
    size_t n = strlen(s), m = strlen(suf);
    return n >= m && memcmp(s + n - m, suf, m) == 0;
}

static const char *base_name(const char *p)
{
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

typedef struct docvec { doc *v; size_t n, cap; } docvec;

static void dv_push(docvec *dv, doc d)
{
    dv->v = arena_grow(dv->v, dv->n, &dv->cap, sizeof *dv->v, 16);
    dv->v[dv->n++] = d;
}

typedef struct plan { mf_write *w; size_t n, cap; } plan;

static void plan_add(plan *p, sg_buf *out, const char *dir, const char *name, const char *data, size_t len, int mode)
{
    p->w = arena_grow(p->w, p->n, &p->cap, sizeof *p->w, 16);
    sg_buf b;
    buf_init(&b);
    buf_printf(&b, "---\n# Source: %s\n", name);
    buf_put(&b, data, len);
    buf_putc(&b, '\n');
    mf_write *w = &p->w[p->n++];
    w->path = sg_sprintf("%s/%s", dir, name);
    w->data = b.p;
    w->len = b.len;
    w->mode = mode;
    buf_printf(out, "wrote %s\n", w->path);
}

/* Go's path.Clean for a '/'-separated path (base/gopath.c). */
static const char *clean_path(const char *p) { return gopath_clean(p, strlen(p), NULL); }

/* The regexp `# Source: [^/]+/(.+)` applied to a piece: the captured path, or NULL. */
static const char *source_capture(const char *s, size_t n)
{
    static const char pfx[] = "# Source: ";
    for (size_t i = 0; i + 10 <= n; i++) {
        if (memcmp(s + i, pfx, 10) != 0) continue;
        size_t k = i + 10;
        while (k < n && s[k] != '/') k++;
        if (k == i + 10 || k >= n) continue;
        size_t c = k + 1, e = c;
        while (e < n && s[e] != '\n') e++;
        if (e == c) continue;
        return sg_strndup(s + c, e - c);
    }
    return NULL;
}

static void frame(sg_buf *b, const char *path, const char *text, size_t len)
{
    buf_printf(b, "---\n# Source: %s\n", path);
    buf_put(b, text, len);
    buf_putc(b, '\n');
}

void manifest_build(const mf_file *files, size_t nfiles, const mf_file *crds, size_t ncrds,
                    const mf_opts *o, mf_result *res)
{
    int major = o->helm_major == 3 ? 3 : 4;
    memset(res, 0, sizeof *res);
    buf_init(&res->out);
    buf_init(&res->log);

    /* files in byte order of their path, without NOTES, partials and empty files */
    const mf_file **fs = sg_alloc((nfiles + 1) * sizeof *fs);
    size_t nf = 0;
    for (size_t i = 0; i < nfiles; i++) {
        const mf_file *f = &files[i];
        if (ends_with(f->path, "NOTES.txt") || base_name(f->path)[0] == '_') continue;
        size_t a, b;
        manifest_trim(f->text, f->len, &a, &b);
        if (a == b) continue;
        fs[nf++] = f;
    }
    qsort(fs, nf, sizeof *fs, path_cmp);

    docvec gen = {0}, hooks = {0};
    uint64_t ndocs = 0;
    for (size_t i = 0; i < nf; i++) {
        const mf_file *f = fs[i];
        size_t a, b;
        manifest_trim(f->text, f->len, &a, &b);
        size_t *lens, np;
        const char **pieces = manifest_split(f->text + a, b - a, &lens, &np);
        for (size_t k = 0; k < np; k++) {
            if (lens[k] == 0) continue;
            /* limits.h: helm needs ~80 us a document (16 s for 200000); each costs
             * sparkgen a YAML parse and ~3 KiB */
            if (sg_limit.max_documents && ++ndocs > sg_limit.max_documents)
                sg_throwf("document limit exceeded: the release has more than %llu YAML documents "
                          "(raise it with --max-documents)", (unsigned long long)sg_limit.max_documents);
            size_t ta, tb;
            manifest_trim(pieces[k], lens[k], &ta, &tb);
            const char *text = sg_strndup(pieces[k] + ta, tb - ta);
            size_t tlen = tb - ta;
            /* the decoded document is only read for its head: its memory (~2-5 KiB) is
             * given back once kind and hook types are copied out (limits.h) */
            sg_amark am = arena_mark();
            sg_value v;
            const char *err = NULL;
            if (yamlio_load(text, tlen, &v, &err) != 0)
                sg_throwf("YAML parse error on %s: %s", f->path, err);
            head h;
            err = head_decode(v, &h, major);
            if (err) sg_throwf("YAML parse error on %s: %s", f->path, err);
            doc d = {0};
            d.d.path = f->path;
            d.d.text = text;
            d.d.len = tlen;
            d.d.kind = h.kind;
            d.rank = manifest_kind_rank(h.kind, major);
            const char *types = "";
            int is_test = 0;
            int hk = hook_classify(&h, &types, &is_test);
            char *kind_tmp = strdup(d.d.kind), *types_tmp = strdup(types);
            if (kind_tmp && types_tmp) {
                arena_reset(am);
                d.d.kind = sg_strdup(kind_tmp);
                types = sg_strdup(types_tmp);
            }
            free(kind_tmp);
            free(types_tmp);
            if (hk < 0) {
                if (major == 3) {
                    buf_puts(&res->log, "manifest_sorter.go:190: info: skipping unknown hook: ");
                    gofmt_quote(&res->log, types, strlen(types));
                    buf_putc(&res->log, '\n');
                } else {
                    buf_puts(&res->log, "level=INFO msg=\"skipping unknown hooks\" hookTypes=");
                    manifest_slog_value(&res->log, types);
                    buf_putc(&res->log, '\n');
                }
                continue;
            }
            if (hk > 0) {
                d.d.hook = true;
                d.is_test = is_test;
                d.idx = hooks.n;
                dv_push(&hooks, d);
            } else {
                d.idx = gen.n;
                dv_push(&gen, d);
            }
        }
    }
    if (gen.n) qsort(gen.v, gen.n, sizeof *gen.v, doc_cmp);
    if (hooks.n) qsort(hooks.v, hooks.n, sizeof *hooks.v, doc_cmp);

    /* the documents list: manifests then emitted hooks */
    res->docs = sg_alloc((gen.n + hooks.n + 1) * sizeof *res->docs);
    for (size_t i = 0; i < gen.n; i++) res->docs[res->ndocs++] = gen.v[i].d;
    if (!o->no_hooks)
        for (size_t i = 0; i < hooks.n; i++)
            if (!(o->skip_tests && hooks.v[i].is_test)) res->docs[res->ndocs++] = hooks.v[i].d;

    plan pl = {0};
    sg_buf wrote;
    buf_init(&wrote);
    const char *od = o->output_dir;
    const char *newdir = od;
    if (od && o->release_dir) newdir = clean_path(sg_sprintf("%s/%s", od, o->release_dir));

    /* release manifest: CRDs then manifests */
    sg_buf rel;
    buf_init(&rel);
    sg_value written = val_map(); /* fileWritten of renderResources */
    if (o->include_crds) {
        for (size_t i = 0; i < ncrds; i++) {
            if (!od) frame(&rel, crds[i].path, crds[i].text, crds[i].len);
            else {
                int mode = map_get(written, crds[i].path, NULL) ? MF_APPEND : MF_CREATE;
                plan_add(&pl, &wrote, od, crds[i].path, crds[i].text, crds[i].len, mode);
                map_set(written, crds[i].path, val_bool(true));
            }
        }
    }
    for (size_t i = 0; i < gen.n; i++) {
        mf_doc *d = &gen.v[i].d;
        if (!od) frame(&rel, d->path, d->text, d->len);
        else {
            int mode = map_get(written, d->path, NULL) ? MF_APPEND : MF_CREATE;
            plan_add(&pl, &wrote, newdir, d->path, d->text, d->len, mode);
            map_set(written, d->path, val_bool(true));
        }
    }

    sg_buf man;
    buf_init(&man);
    size_t ra, rb;
    manifest_trim(rel.p, rel.len, &ra, &rb);
    buf_put(&man, rel.p + ra, rb - ra);
    buf_putc(&man, '\n');
    if (!o->no_hooks) {
        for (size_t i = 0; i < hooks.n; i++) {
            if (o->skip_tests && hooks.v[i].is_test) continue;
            mf_doc *d = &hooks.v[i].d;
            if (!od) frame(&man, d->path, d->text, d->len);
            else plan_add(&pl, &wrote, newdir, d->path, d->text, d->len, MF_APPEND_EXISTING);
        }
    }

    if (o->n_show_only > 0) {
        size_t *lens, np;
        size_t ma, mb;
        manifest_trim(man.p, man.len, &ma, &mb);
        const char **pieces = manifest_split(man.p + ma, mb - ma, &lens, &np);
        sg_buf out;
        buf_init(&out);
        for (size_t s = 0; s < o->n_show_only; s++) {
            const char *pat = o->show_only[s];
            int missing = 1;
            for (size_t k = 0; k < np; k++) {
                if (lens[k] == 0) continue;
                size_t ta, tb;
                manifest_trim(pieces[k], lens[k], &ta, &tb);
                const char *cap = source_capture(pieces[k] + ta, tb - ta);
                if (!cap || manifest_glob(pat, cap) != 1) continue;
                buf_puts(&out, "---\n");
                buf_put(&out, pieces[k] + ta, tb - ta);
                buf_putc(&out, '\n');
                missing = 0;
            }
            if (missing) {
                const char *msg = sg_sprintf("could not find template %s in chart", pat);
                if (!od) sg_throwf("%s", msg);
                res->late_error = msg; /* helm has written the files already */
                buf_truncate(&out, 0);
                break;
            }
        }
        buf_put(&res->out, wrote.p, wrote.len);
        buf_put(&res->out, out.p, out.len);
    } else {
        buf_put(&res->out, wrote.p, wrote.len);
        buf_put(&res->out, man.p, man.len);
    }
    res->writes = pl.w;
    res->nwrites = pl.n;
}

/* ---------------------------------------------------------------- writing */

/* Go-style lowercase errno text ("permission denied"). */
static const char *go_strerror(int e)
{
    char *s = sg_strdup(strerror(e));
    if (s[0] >= 'A' && s[0] <= 'Z') s[0] = (char)(s[0] + 32);
    return s;
}

/* os.MkdirAll(dir, 0755) with Go's error texts. */
static int mkdir_all(const char *dir, const char **errmsg)
{
    struct stat st;
    if (stat(dir, &st) == 0) {
        if (S_ISDIR(st.st_mode)) return 0;
        *errmsg = sg_sprintf("mkdir %s: not a directory", dir);
        return -1;
    }
    /* parent first */
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/') n--;
    size_t i = n;
    while (i > 0 && dir[i - 1] != '/') i--;
    while (i > 1 && dir[i - 1] == '/') i--;
    if (i > 0) {
        if (mkdir_all(sg_strndup(dir, i), errmsg) != 0) return -1;
    }
    if (mkdir(dir, 0755) != 0) {
        int e = errno;
        if (e == EEXIST && stat(dir, &st) == 0 && S_ISDIR(st.st_mode)) return 0;
        *errmsg = sg_sprintf("mkdir %s: %s", dir, go_strerror(e));
        return -1;
    }
    return 0;
}

/* ensureDirectoryForFile: a Stat error other than "not exist" is returned as is. */
static int ensure_dir(const char *dir, const char **errmsg)
{
    struct stat st;
    if (stat(dir, &st) != 0 && errno != ENOENT) {
        *errmsg = sg_sprintf("stat %s: %s", dir, go_strerror(errno));
        return -1;
    }
    return mkdir_all(dir, errmsg);
}

static const char *dir_of(const char *path)
{
    const char *s = strrchr(path, '/');
    if (!s) return ".";
    if (s == path) return "/";
    return sg_strndup(path, (size_t)(s - path));
}

int manifest_commit(const mf_result *res, const char **errmsg)
{
    if (res->nwrites == 0) return 0;
    /* final content per path, in first-write order */
    sg_value idx = val_map();
    size_t n = 0;
    const char **paths = sg_alloc(res->nwrites * sizeof *paths);
    sg_buf *bufs = sg_alloc(res->nwrites * sizeof *bufs);
    bool *hookonly = sg_alloc(res->nwrites * sizeof *hookonly);
    for (size_t i = 0; i < res->nwrites; i++) {
        const mf_write *w = &res->writes[i];
        sg_value v;
        size_t k;
        if (map_get(idx, w->path, &v)) {
            k = (size_t)v.u.i;
            if (w->mode == MF_CREATE) buf_truncate(&bufs[k], 0);
        } else {
            k = n++;
            paths[k] = w->path;
            hookonly[k] = w->mode == MF_APPEND_EXISTING;
            buf_init(&bufs[k]);
            map_set(idx, w->path, val_int((int64_t)k));
            if (w->mode == MF_APPEND_EXISTING || w->mode == MF_APPEND) {
                /* existing file on disk: its content is kept */
                FILE *f = fopen(w->path, "rb");
                if (f) {
                    char tmp[65536];
                    size_t got;
                    while ((got = fread(tmp, 1, sizeof tmp, f)) > 0) buf_put(&bufs[k], tmp, got);
                    fclose(f);
                } else if (w->mode == MF_APPEND) {
                    *errmsg = sg_sprintf("open %s: %s", w->path, go_strerror(errno));
                    return -1;
                }
            }
        }
        buf_put(&bufs[k], w->data, w->len);
    }
    /* phase 1: every target's content into a temporary file beside it */
    const char **tmps = sg_alloc((n + 1) * sizeof *tmps);
    int fail = 0;
    size_t k;
    for (k = 0; k < n; k++) {
        fail = hookonly[k] ? -2 : -1;
        if (ensure_dir(clean_path(dir_of(paths[k])), errmsg) != 0) break; /* filepath.Dir cleans */
        tmps[k] = sg_sprintf("%s.sparkgen-tmp-%ld", paths[k], (long)getpid());
        struct stat st;
        mode_t mode = stat(paths[k], &st) == 0 ? (st.st_mode & 07777) : 0666; /* os.Create: 0666 &^ umask */
        int fd = open(tmps[k], O_WRONLY | O_CREAT | O_TRUNC, mode);
        if (fd < 0) {
            *errmsg = sg_sprintf("open %s: %s", paths[k], go_strerror(errno));
            break;
        }
        size_t off = 0;
        int e = 0;
        while (off < bufs[k].len) {
            ssize_t w = write(fd, bufs[k].p + off, bufs[k].len - off);
            if (w < 0) {
                if (errno == EINTR) continue;
                e = errno;
                break;
            }
            off += (size_t)w;
        }
        if (close(fd) != 0 && !e) e = errno;
        if (e) {
            unlink(tmps[k]);
            *errmsg = sg_sprintf("write %s: %s", paths[k], go_strerror(e));
            break;
        }
    }
    if (k < n) {
        for (size_t j = 0; j < k; j++) unlink(tmps[j]);
        return fail;
    }
    /* phase 2: all into place */
    for (k = 0; k < n; k++) {
        if (rename(tmps[k], paths[k]) != 0) {
            int e = errno;
            for (size_t j = k; j < n; j++) unlink(tmps[j]);
            *errmsg = sg_sprintf("open %s: %s", paths[k], go_strerror(e));
            return hookonly[k] ? -2 : -1;
        }
    }
    return 0;
}
