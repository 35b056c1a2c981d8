/* files.c - the .Files object (Helm's pkg/engine/files.go `engine.files`, a
 * map[string][]byte with methods Get, GetBytes, Glob, Lines, AsConfig, AsSecrets), and
 * gobwas/glob matching for Glob.
 */
#include "chart.h"
#include "objarg.h"
#include "../base/arena.h"
#include "../base/buf.h"
#include "../base/err.h"
#include "../io/yaml.h"
#include "../value/gofmt.h"
#include <string.h>

typedef struct filesobj {
    const sg_chartfile *f;   /* sorted by path, unique */
    size_t n;
    sg_value map;            /* cached map path -> []uint8 (VK_NIL until built) */
} filesobj;

static const sg_objtype files_type;

static sg_value new_files(const sg_chartfile *f, size_t n)
{
    filesobj *fo = sg_alloc(sizeof *fo);
    fo->f = f;
    fo->n = n;
    return val_object(&files_type, fo);
}

sg_value files_new(const sg_helmchart *c) { return new_files(c->files, c->nfiles); }

static sg_value bytes_value(const char *p, size_t n)
{
    sg_value l = val_list(n);
    l.gotype = GT_LIST_BYTES;
    for (size_t i = 0; i < n; i++) {
        sg_value b = val_int((unsigned char)p[i]);
        b.gotype = GT_UINT8;
        list_push(l, b);
    }
    return l;
}

static const sg_chartfile *lookup(const filesobj *fo, const char *name)
{
    for (size_t i = 0; i < fo->n; i++)
        if (!strcmp(fo->f[i].path, name)) return &fo->f[i];
    return NULL;
}

/* ---- gobwas/glob (separator '/') ---- */

/* Expand the first {a,b} group of p (respecting nesting and escapes) into alternatives;
 * returns false on unbalanced braces/brackets (a compile error). */
static bool expand(const char *p, const char ***outv, size_t *outn, size_t *cap)
{
    size_t n = strlen(p);
    long open = -1;
    int depth = 0;
    bool inclass = false;
    for (size_t i = 0; i < n; i++) {
        char c = p[i];
        if (c == '\\') { i++; continue; }
        if (inclass) { if (c == ']') inclass = false; continue; }
        if (c == '[') { inclass = true; continue; }
        if (c == '{') {
            if (depth++ == 0) open = (long)i;
        } else if (c == '}' && depth > 0) {
            if (--depth == 0) {
                /* split p[open+1 .. i) on top-level commas */
                size_t start = (size_t)open + 1;
                int d = 0;
                bool cls = false;
                for (size_t j = start; j <= i; j++) {
                    char e = p[j];
                    if (j < i && e == '\\') { j++; continue; }
                    if (cls) { if (e == ']') cls = false; continue; }
                    if (j < i && e == '[') { cls = true; continue; }
                    if (j < i && e == '{') d++;
                    else if (j < i && e == '}') d--;
                    else if (j == i || (e == ',' && d == 0)) {
                        const char *alt = sg_sprintf("%.*s%.*s%s", (int)open, p, (int)(j - start), p + start,
                                                     p + i + 1);
                        if (*outn > 4096) return false;
                        if (!expand(alt, outv, outn, cap)) return false;
                        start = j + 1;
                    }
                }
                return true;
            }
        }
    }
    if (depth != 0 || inclass) return false;
    if (*outn == *cap) {
        size_t c2 = *cap ? *cap * 2 : 8;
        *outv = sg_realloc(*outv, *cap * sizeof **outv, c2 * sizeof **outv);
        *cap = c2;
    }
    (*outv)[(*outn)++] = p;
    return true;
}

static size_t utf8len(const char *s)
{
    unsigned char c = (unsigned char)*s;
    size_t l = c < 0x80 ? 1 : c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    for (size_t i = 1; i < l; i++)
        if (!s[i]) return i;
    return l;
}

static unsigned decode(const char *s, size_t *len)
{
    size_t l = utf8len(s);
    *len = l;
    unsigned char c = (unsigned char)*s;
    if (l == 1) return c;
    unsigned r = c & (0xffu >> (l + 1));
    for (size_t i = 1; i < l; i++) r = (r << 6) | ((unsigned char)s[i] & 0x3f);
    return r;
}

/* Match a brace-free gobwas pattern. Returns 1/0; -1 for a malformed class. */
static int gmatch(const char *p, const char *s, int depth)
{
    if (depth > 200) return 0;
    while (*p) {
        if (*p == '*') {
            bool super = p[1] == '*';
            const char *rest = p + (super ? 2 : 1);
            while (*rest == '*') rest++;
            for (const char *t = s;; ) {
                int m = gmatch(rest, t, depth + 1);
                if (m != 0) return m;
                if (!*t) return 0;
                if (!super && *t == '/') return 0;
                t += utf8len(t);
            }
        }
        if (!*s) return 0;
        if (*p == '?') {
            if (*s == '/') return 0;
            p++;
            s += utf8len(s);
            continue;
        }
        if (*p == '[') {
            const char *q = p + 1;
            bool neg = false;
            if (*q == '!') { neg = true; q++; }
            size_t sl;
            unsigned r = decode(s, &sl);
            bool match = false;
            while (*q && *q != ']') {
                size_t l;
                unsigned lo = decode(q, &l), hi = lo;
                q += l;
                if (*q == '-' && q[1] && q[1] != ']') {
                    q++;
                    hi = decode(q, &l);
                    q += l;
                }
                if (lo <= r && r <= hi) match = true;
            }
            if (*q != ']') return -1;
            if (match == neg) return 0;
            p = q + 1;
            s += sl;
            continue;
        }
        if (*p == '\\' && p[1]) p++;
        size_t pl = utf8len(p);
        if (strncmp(p, s, pl) != 0) return 0;
        p += pl;
        s += pl;
    }
    return *s == 0;
}

typedef struct glob {
    const char **alts;          /* brace-free alternatives */
    size_t n;
    bool all, none;             /* compile error (Helm then matches everything) / never */
    const char *prefix, *suffix; /* gobwas' PrefixSuffix matcher for LIT**LIT */
} glob;

static bool literal(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strchr("*?[]{}\\", s[i])) return false;
    return true;
}

/* glob.Compile(pattern, '/') with the behaviours Helm users can observe: a malformed
 * class ("[", "[]", "[x-]") fails to compile (Helm then uses "**"); unclosed braces are
 * closed at the end (an empty unclosed group matches nothing); a trailing backslash
 * matches nothing; LITERAL**LITERAL is gobwas' PrefixSuffix matcher, which lets the
 * prefix and suffix overlap (prefix "files/", suffix "/y.txt" match "files/y.txt"). */
static glob compile(const char *pattern)
{
    glob g = { 0 };
    size_t plen = strlen(pattern);
    int depth = 0;
    const char *last_open = NULL;
    for (size_t i = 0; i < plen; i++) {
        char c = pattern[i];
        if (c == '\\') {
            if (i + 1 >= plen) { g.none = true; return g; }
            i++;
            continue;
        }
        if (c == '[') {
            size_t j = i + 1;
            if (j < plen && pattern[j] == '!') j++;
            size_t start = j;
            while (j < plen && pattern[j] != ']') j++;
            if (j >= plen || j == start || pattern[j - 1] == '-') { g.all = true; return g; }
            i = j;
            continue;
        }
        if (c == '{') { depth++; last_open = pattern + i; }
        else if (c == '}' && depth > 0) depth--;
    }
    const char *p = pattern;
    if (depth > 0) {
        if (last_open[1] == 0) { g.none = true; return g; }
        sg_buf b;
        buf_init(&b);
        buf_puts(&b, pattern);
        for (int d = 0; d < depth; d++) buf_putc(&b, '}');
        p = b.p;
    }
    const char *ss = strstr(p, "**");
    if (ss && ss != p && ss[2] && ss[2] != '*' && literal(p, (size_t)(ss - p)) && literal(ss + 2, strlen(ss + 2))) {
        g.prefix = sg_strndup(p, (size_t)(ss - p));
        g.suffix = ss + 2;
        return g;
    }
    size_t cap = 0;
    if (!expand(p, &g.alts, &g.n, &cap)) g.all = true;
    return g;
}

static bool gmatch_all(const glob *g, const char *name)
{
    if (g->all) return true;
    if (g->none) return false;
    if (g->prefix) {
        size_t n = strlen(name), pl = strlen(g->prefix), sl = strlen(g->suffix);
        return n >= pl && n >= sl && !memcmp(name, g->prefix, pl) && !memcmp(name + n - sl, g->suffix, sl);
    }
    for (size_t i = 0; i < g->n; i++)
        if (gmatch(g->alts[i], name, 0) == 1) return true;
    return false;
}

bool files_glob_match(const char *pattern, const char *name)
{
    glob g = compile(pattern);
    return gmatch_all(&g, name);
}

/* ---- methods ---- */

static const char *arg_str(const char *meth, int argc, const sg_value *argv)
{
    objarg_count(meth, argc, 1);
    return objarg_str(argv[0]);
}

static const char *path_base(const char *p)
{
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

static const char *b64(const char *p, size_t n)
{
    static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    sg_buf b;
    buf_init(&b);
    const unsigned char *u = (const unsigned char *)p;
    size_t i = 0;
    for (; i + 2 < n; i += 3) {
        unsigned v = (unsigned)u[i] << 16 | (unsigned)u[i + 1] << 8 | u[i + 2];
        char q[4] = { tab[v >> 18], tab[(v >> 12) & 63], tab[(v >> 6) & 63], tab[v & 63] };
        buf_put(&b, q, 4);
    }
    if (n - i == 1) {
        unsigned v = (unsigned)u[i] << 16;
        char q[4] = { tab[v >> 18], tab[(v >> 12) & 63], '=', '=' };
        buf_put(&b, q, 4);
    } else if (n - i == 2) {
        unsigned v = (unsigned)u[i] << 16 | (unsigned)u[i + 1] << 8;
        char q[4] = { tab[v >> 18], tab[(v >> 12) & 63], tab[(v >> 6) & 63], '=' };
        buf_put(&b, q, 4);
    }
    return b.p;
}

static sg_value as_config(const filesobj *fo, bool secrets)
{
    sg_value m = val_map();
    m.gotype = GT_MAP_STRING;
    for (size_t i = 0; i < fo->n; i++) {
        const char *k = path_base(fo->f[i].path);
        if (secrets) map_set(m, k, val_cstr(b64(fo->f[i].data, fo->f[i].len)));
        else map_set(m, k, val_str(fo->f[i].data, fo->f[i].len));
    }
    sg_buf b;
    buf_init(&b);
    yamlio_emit(&b, m);
    return val_str_nocopy(b.p, b.len);
}

static bool files_method(sg_object *o, const char *name, int argc, const sg_value *argv, sg_value *out)
{
    filesobj *fo = o->data;
    if (!strcmp(name, "Get") || !strcmp(name, "GetBytes")) {
        const char *p = arg_str(name, argc, argv);
        const sg_chartfile *f = lookup(fo, p);
        if (name[3]) *out = f ? bytes_value(f->data, f->len) : bytes_value("", 0);
        else *out = f ? val_str(f->data, f->len) : val_str("", 0);
        return true;
    }
    if (!strcmp(name, "Glob")) {
        const char *p = arg_str(name, argc, argv);
        glob g = compile(p);
        sg_chartfile *sel = sg_alloc((fo->n ? fo->n : 1) * sizeof *sel);
        size_t k = 0;
        for (size_t i = 0; i < fo->n; i++)
            if (gmatch_all(&g, fo->f[i].path)) sel[k++] = fo->f[i];
        *out = new_files(sel, k);
        return true;
    }
    if (!strcmp(name, "Lines")) {
        const char *p = arg_str(name, argc, argv);
        const sg_chartfile *f = lookup(fo, p);
        sg_value l = val_list(0);
        l.gotype = GT_LIST_STRING;
        if (f) {
            if (f->len == 0) sg_throwf("runtime error: index out of range [-1]");
            size_t n = f->len;
            if (f->data[n - 1] == '\n') n--;
            size_t start = 0;
            for (size_t i = 0; i <= n; i++)
                if (i == n || f->data[i] == '\n') {
                    list_push(l, val_str(f->data + start, i - start));
                    start = i + 1;
                }
        }
        *out = l;
        return true;
    }
    if (!strcmp(name, "AsConfig") || !strcmp(name, "AsSecrets")) {
        objarg_count(name, argc, 0);
        *out = as_config(fo, name[2] == 'S');
        return true;
    }
    return false;
}

static sg_value files_asmap(sg_object *o)
{
    filesobj *fo = o->data;
    if (fo->map.kind != VK_MAP) {
        sg_value m = val_map();
        for (size_t i = 0; i < fo->n; i++) map_set(m, fo->f[i].path, bytes_value(fo->f[i].data, fo->f[i].len));
        fo->map = m;
    }
    return fo->map;
}

static const char *files_string(sg_object *o)
{
    size_t n;
    return gofmt_str(files_asmap(o), &n);
}

static sg_value files_tojson(sg_object *o) { return files_asmap(o); }

static bool files_truth(sg_object *o) { return ((filesobj *)o->data)->n > 0; }

static const sg_objtype files_type = {
    .name = "engine.files",
    .kindname = "map",
    .field = NULL,
    .method = files_method,
    .string = files_string,
    .tojson = files_tojson,
    .truth = files_truth,
    .asmap = files_asmap,
};
