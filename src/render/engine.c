/* engine.c - Helm's render engine (pkg/engine/engine.go, v4.1.4): build the dot of every
 * enabled chart (recAllTpls), parse every template of the release into one set in
 * sortTemplates order, execute each non-partial file with its chart's dot (after setting
 * .Template), and delete "<no value>" from the output. */
#include "engine.h"
#include "../base/arena.h"
#include "../base/buf.h"
#include "../base/err.h"
#include "../exec/exec.h"
#include "../exec/functab.h"
#include "../tmpl/parse.h"
#include <stdlib.h>
#include <string.h>

/* One template file of the release (Helm's renderable). */
typedef struct renderable {
    const char *name;     /* "<chart full path>/templates/x.yaml" */
    const char *text;
    size_t len;
    sg_value dot;         /* the chart's shared dot map */
    const char *basepath; /* "<chart full path>/templates" */
} renderable;

typedef struct tplvec { renderable *v; size_t n, cap; } tplvec;

static void tv_push(tplvec *tv, renderable r)
{
    tv->v = arena_grow(tv->v, tv->n, &tv->cap, sizeof *tv->v, 32);
    tv->v[tv->n++] = r;
}

static const char *base_name(const char *p)
{
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

static size_t count_slash(const char *s)
{
    size_t n = 0;
    for (; *s; s++) n += *s == '/';
    return n;
}

/* byPathLen reversed: more slashes first; equal counts in reverse byte order. */
static int name_cmp(const void *pa, const void *pb)
{
    const char *a = *(const char *const *)pa, *b = *(const char *const *)pb;
    size_t ca = count_slash(a), cb = count_slash(b);
    if (ca != cb) return ca > cb ? -1 : 1;
    return -strcmp(a, b);
}

void engine_sort_names(const char **names, size_t n)
{
    if (n > 1) qsort(names, n, sizeof *names, name_cmp);
}

static sg_value as_values(sg_value m)
{
    m.gotype = GT_MAP_VALUES;
    return m;
}

/* recAllTpls: the dot of chart c; registers c's templates into tv. `parent` is the
 * parent's dot (NIL for the root; then `values`, `release`, `caps` are used). */
static sg_value rec_all(sg_helmchart *c, sg_value parent, sg_value values, sg_value release, sg_value caps, tplvec *tv)
{
    sg_value subcharts = val_map();
    sg_value next = as_values(val_map());
    map_set(next, "Chart", chart_meta_value(c));
    map_set(next, "Files", files_new(c));
    map_set(next, "Release", release);
    map_set(next, "Capabilities", caps);
    sg_value vals = as_values(val_map());
    if (parent.kind == VK_NIL) vals = as_values(values);
    else {
        sg_value pv, mine;
        if (map_get(parent, "Values", &pv) && pv.kind == VK_MAP && map_get(pv, c->name, &mine) && mine.kind == VK_MAP)
            vals = as_values(mine);
    }
    map_set(next, "Values", vals);
    map_set(next, "Subcharts", subcharts);
    for (size_t i = 0; i < c->ndeps; i++) {
        sg_helmchart *d = c->deps[i];
        if (d->disabled) continue;
        map_set(subcharts, d->name, rec_all(d, next, values, release, caps, tv));
    }
    const char *full = chart_fullpath(c);
    const char *basepath = sg_sprintf("%s/templates", full);
    for (size_t i = 0; i < c->ntemplates; i++) {
        sg_chartfile *t = &c->templates[i];
        /* library charts contribute only their partials */
        if (c->is_library && base_name(t->path)[0] != '_') continue;
        renderable r;
        r.name = sg_sprintf("%s/%s", full, t->path);
        r.text = t->data;
        r.len = t->len;
        r.dot = next;
        r.basepath = basepath;
        tv_push(tv, r);
    }
    return next;
}

static int rend_cmp(const void *pa, const void *pb)
{
    const renderable *a = pa, *b = pb;
    return name_cmp(&a->name, &b->name);
}

/* strings.ReplaceAll(s, "<no value>", "") */
static void strip_no_value(sg_buf *out, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        const char *hit = NULL;
        for (const char *p = s + i; (p = memchr(p, '<', (size_t)(s + n - p))) != NULL; p++)
            if ((size_t)(s + n - p) >= 10 && memcmp(p, "<no value>", 10) == 0) { hit = p; break; }
        if (!hit) { buf_put(out, s + i, n - i); return; }
        buf_put(out, s + i, (size_t)(hit - (s + i)));
        i = (size_t)(hit - s) + 10;
    }
}

mf_file *engine_render(sg_helmchart *root, sg_value values, sg_value release, sg_value caps, size_t *n)
{
    tplvec tv = {0};
    rec_all(root, sg_nil, values, release, caps, &tv);
    if (tv.n > 1) qsort(tv.v, tv.n, sizeof *tv.v, rend_cmp);

    sg_tset *set = tset_new();
    for (size_t i = 0; i < tv.n; i++)
        parse_template(set, tv.v[i].name, tv.v[i].text, tv.v[i].len, fn_exists);

    sg_engine eng;
    exec_engine_init(&eng, set);
    mf_file *out = sg_alloc((tv.n + 1) * sizeof *out);
    size_t k = 0;
    for (size_t i = 0; i < tv.n; i++) {
        renderable *r = &tv.v[i];
        if (base_name(r->name)[0] == '_') continue;
        sg_value tmpl = as_values(val_map());
        map_set(tmpl, "Name", val_cstr(r->name));
        map_set(tmpl, "BasePath", val_cstr(r->basepath));
        map_set(r->dot, "Template", tmpl);
        sg_buf b;
        buf_init(&b);
        exec_template(&eng, r->name, r->dot, &b);
        sg_buf clean;
        buf_init(&clean);
        strip_no_value(&clean, b.p, b.len);
        out[k].path = r->name;
        out[k].text = clean.p;
        out[k].len = clean.len;
        k++;
    }
    *n = k;
    return out;
}

static int manifest_ext(const char *p)
{
    const char *dot = strrchr(base_name(p), '.');
    return dot && (!strcmp(dot, ".yaml") || !strcmp(dot, ".yml") || !strcmp(dot, ".json"));
}

static void crds_rec(sg_helmchart *c, mf_file **v, size_t *n, size_t *cap)
{
    const char *full = chart_fullpath(c);
    for (size_t i = 0; i < c->ncrds; i++) {
        sg_chartfile *f = &c->crds[i];
        if (strncmp(f->path, "crds/", 5) != 0 || !manifest_ext(f->path)) continue;
        if (*n == *cap) {
            size_t nc = *cap ? *cap * 2 : 8;
            *v = sg_realloc(*v, *cap * sizeof **v, nc * sizeof **v);
            *cap = nc;
        }
        (*v)[*n].path = sg_sprintf("%s/%s", full, f->path);
        (*v)[*n].text = f->data;
        (*v)[*n].len = f->len;
        (*n)++;
    }
    for (size_t i = 0; i < c->ndeps; i++)
        if (!c->deps[i]->disabled) crds_rec(c->deps[i], v, n, cap);
}

mf_file *engine_crds(sg_helmchart *root, size_t *n)
{
    mf_file *v = NULL;
    size_t cap = 0;
    *n = 0;
    crds_rec(root, &v, n, &cap);
    return v;
}
