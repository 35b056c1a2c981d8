/* chart.c - load a chart (directory or in-memory file list) as Helm's
 * pkg/chart/v2/loader does: LoadDir (walk + .helmignore) then LoadFiles (classify files,
 * Chart.yaml into Metadata with its typing and validation, values.yaml, subcharts).
 */
#include "chart.h"
#include "archive.h"
#include "fsio.h"
#include "../base/arena.h"
#include "../base/err.h"
#include "../base/gopath.h"
#include "../io/yaml.h"
#include "../funcs/semver.h"
#include "../value/gofmt.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define DIR_MAX_FILE (5 << 20) /* helm's archive.MaxDecompressedFileSize */

/* ---- Chart.yaml typing (sigs.k8s.io/yaml into chart.Metadata) ---- */

/* strconv.FormatFloat(f, 'g', -1, 32), as sigs.k8s.io/yaml turns a YAML float into a
 * string field; integral values print as integers (YAML ints use FormatInt). */
static const char *float_field(double f)
{
    if (f == (double)(long long)f && f > -1e18 && f < 1e18) return sg_sprintf("%lld", (long long)f);
    float x = (float)f;
    char tmp[64];
    int prec;
    for (prec = 1; prec <= 9; prec++) {
        snprintf(tmp, sizeof tmp, "%.*e", prec - 1, (double)x);
        if (strtof(tmp, NULL) == x) break;
    }
    /* tmp = d.ddde[+-]XX: digits and exponent */
    char digits[32];
    size_t nd = 0;
    const char *p = tmp;
    bool neg = false;
    if (*p == '-') { neg = true; p++; }
    for (; *p && *p != 'e'; p++)
        if (*p != '.') digits[nd++] = *p;
    digits[nd] = 0;
    int exp = atoi(p + 1);
    while (nd > 1 && digits[nd - 1] == '0') digits[--nd] = 0;
    char out[64];
    size_t o = 0;
    if (neg) out[o++] = '-';
    if (exp < -4 || exp >= 6) { /* shortest 'g': eprec = 6 */
        out[o++] = digits[0];
        if (nd > 1) {
            out[o++] = '.';
            for (size_t i = 1; i < nd; i++) out[o++] = digits[i];
        }
        o += (size_t)snprintf(out + o, sizeof out - o, "e%c%02d", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
    } else if (exp < 0) {
        out[o++] = '0';
        out[o++] = '.';
        for (int i = 0; i < -exp - 1; i++) out[o++] = '0';
        for (size_t i = 0; i < nd; i++) out[o++] = digits[i];
    } else {
        for (int i = 0; i <= exp; i++) out[o++] = (size_t)i < nd ? digits[i] : '0';
        if (nd > (size_t)exp + 1) {
            out[o++] = '.';
            for (size_t i = (size_t)exp + 1; i < nd; i++) out[o++] = digits[i];
        }
    }
    out[o] = 0;
    return sg_strdup(out);
}

static const char *json_kind(sg_value v)
{
    switch (v.kind) {
    case VK_STRING: return "string";
    case VK_BOOL: return "bool";
    case VK_LIST: return "array";
    case VK_MAP: return "object";
    default: return "number";
    }
}

typedef struct tctx { const char *err; const char *structname; } tctx;

static void type_err(tctx *t, sg_value v, const char *field, const char *type)
{
    if (!t->err)
        t->err = sg_sprintf("error unmarshaling JSON: while decoding JSON: json: cannot unmarshal %s into Go "
                            "struct field %s.%s of type %s", json_kind(v), t->structname, field, type);
}

/* A string field: scalars stringified, null stays null (""), others are type errors. */
static sg_value as_string(tctx *t, sg_value v, const char *field)
{
    switch (v.kind) {
    case VK_NIL: case VK_STRING: return v;
    case VK_BOOL: return val_cstr(v.u.b ? "true" : "false");
    case VK_INT: case VK_INT64: return val_cstr(sg_sprintf("%lld", (long long)v.u.i));
    case VK_FLOAT: return val_cstr(float_field(v.u.f));
    default: type_err(t, v, field, "string"); return sg_nil;
    }
}

static sg_value as_strlist(tctx *t, sg_value v, const char *field)
{
    if (v.kind == VK_NIL) return v;
    if (v.kind != VK_LIST) { type_err(t, v, field, "[]string"); return sg_nil; }
    sg_value out = val_list(list_len(v));
    for (size_t i = 0; i < list_len(v); i++) list_push(out, as_string(t, list_get(v, i), field));
    return out;
}

static sg_value as_bool(tctx *t, sg_value v, const char *field)
{
    if (v.kind == VK_NIL || v.kind == VK_BOOL) return v;
    type_err(t, v, field, "bool");
    return sg_nil;
}

static sg_value as_strmap(tctx *t, sg_value v, const char *field)
{
    if (v.kind == VK_NIL) return v;
    if (v.kind != VK_MAP) { type_err(t, v, field, "map[string]string"); return sg_nil; }
    sg_value out = val_map();
    out.gotype = GT_MAP_STRING;
    size_t it = 0;
    sg_mapent *e;
    while (map_next(v, &it, &e)) {
        sg_value s = as_string(t, e->val, field);
        map_setn(out, e->key, e->klen, s.kind == VK_NIL ? val_cstr("") : s);
    }
    return out;
}

static const char *pkgname(void) { return sg_helm_major >= 4 ? "v2" : "chart"; }

/* A list of struct pointers (maintainers, dependencies); each item normalised by fn. */
static sg_value as_structlist(tctx *t, sg_value v, const char *field, const char *tname,
                              sg_value (*fn)(tctx *, sg_value, const char *))
{
    if (v.kind == VK_NIL) return v;
    if (v.kind != VK_LIST) {
        type_err(t, v, field, sg_sprintf("[]*%s.%s", pkgname(), tname));
        return sg_nil;
    }
    sg_value out = val_list(list_len(v));
    for (size_t i = 0; i < list_len(v); i++) {
        sg_value it = list_get(v, i);
        if (it.kind == VK_NIL) { list_push(out, sg_nil); continue; }
        if (it.kind != VK_MAP) {
            type_err(t, it, field, sg_sprintf("%s.%s", pkgname(), tname));
            list_push(out, sg_nil);
            continue;
        }
        const char *saved = t->structname;
        t->structname = tname;
        list_push(out, fn(t, it, field));
        t->structname = saved;
    }
    return out;
}

static sg_value norm_fields(tctx *t, sg_value m, const char *prefix, const char *const *strs,
                            const char *const *lists, const char *const *bools)
{
    sg_value out = val_map();
    size_t it = 0;
    sg_mapent *e;
    while (map_next(m, &it, &e)) {
        const char *k = e->key;
        const char *full = *prefix ? sg_sprintf("%s.%s", prefix, k) : k;
        sg_value v = e->val;
        for (const char *const *s = strs; s && *s; s++)
            if (!strcmp(*s, k)) v = as_string(t, v, full);
        for (const char *const *s = lists; s && *s; s++)
            if (!strcmp(*s, k)) v = as_strlist(t, v, full);
        for (const char *const *s = bools; s && *s; s++)
            if (!strcmp(*s, k)) v = as_bool(t, v, full);
        map_setn(out, e->key, e->klen, v);
    }
    return out;
}

static sg_value norm_maintainer(tctx *t, sg_value m, const char *field)
{
    static const char *const strs[] = { "name", "email", "url", NULL };
    return norm_fields(t, m, field, strs, NULL, NULL);
}

static sg_value norm_dependency(tctx *t, sg_value m, const char *field)
{
    static const char *const strs[] = { "name", "version", "repository", "condition", "alias", NULL };
    static const char *const lists[] = { "tags", NULL };
    static const char *const bools[] = { "enabled", NULL };
    sg_value out = norm_fields(t, m, field, strs, lists, bools);
    sg_value iv;
    if (map_get(out, "import-values", &iv) && iv.kind != VK_NIL && iv.kind != VK_LIST)
        type_err(t, iv, sg_sprintf("%s.import-values", field), "[]interface {}");
    return out;
}

/* Chart.yaml (or requirements.yaml) text → normalised metadata map, or throws. */
static sg_value load_metadata(const char *data, size_t len, const char *what, sg_value into)
{
    sg_value raw;
    const char *err;
    if (yamlio_load(data, len, &raw, &err) != 0) sg_throwf("cannot load %s: %s", what, err);
    if (raw.kind == VK_NIL) raw = val_map();
    if (raw.kind != VK_MAP)
        sg_throwf("cannot load %s: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal %s into Go "
                  "value of type %s.Metadata", what, json_kind(raw), pkgname());
    static const char *const strs[] = { "name", "home", "version", "description", "icon", "apiVersion",
                                        "condition", "tags", "appVersion", "kubeVersion", "type", NULL };
    static const char *const lists[] = { "sources", "keywords", NULL };
    static const char *const bools[] = { "deprecated", NULL };
    tctx t = { NULL, "Metadata" };
    sg_value m = norm_fields(&t, raw, "", strs, lists, bools);
    sg_value v;
    if (map_get(m, "annotations", &v)) map_set(m, "annotations", as_strmap(&t, v, "annotations"));
    if (map_get(m, "maintainers", &v))
        map_set(m, "maintainers", as_structlist(&t, v, "maintainers", "Maintainer", norm_maintainer));
    if (map_get(m, "dependencies", &v))
        map_set(m, "dependencies", as_structlist(&t, v, "dependencies", "Dependency", norm_dependency));
    if (t.err) sg_throwf("cannot load %s: %s", what, t.err);
    /* yaml.Unmarshal into an existing struct: present fields overwrite */
    if (into.kind == VK_MAP) {
        size_t it = 0;
        sg_mapent *e;
        while (map_next(m, &it, &e))
            if (e->val.kind != VK_NIL) map_setn(into, e->key, e->klen, e->val);
        return into;
    }
    return m;
}

static const char *mstr(sg_value meta, const char *key)
{
    sg_value v;
    if (map_get(meta, key, &v) && v.kind == VK_STRING) return v.u.s.p;
    return "";
}

const char *chart_meta_str(const sg_helmchart *c, const char *key) { return mstr(c->metadata, key); }

/* sanitizeString: whitespace → ' ', non-printable runes dropped (ASCII approximation
 * plus pass-through of UTF-8). */
static sg_value sanitize(sg_value v)
{
    if (v.kind != VK_STRING) return v;
    bool clean = true;
    for (size_t i = 0; i < v.u.s.n; i++) {
        unsigned char c = (unsigned char)v.u.s.p[i];
        if (c < 0x20 || c == 0x7f) { clean = false; break; }
    }
    if (clean) return v;
    sg_buf b;
    buf_init(&b);
    for (size_t i = 0; i < v.u.s.n; i++) {
        unsigned char c = (unsigned char)v.u.s.p[i];
        if (c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r') buf_putc(&b, ' ');
        else if (c < 0x20 || c == 0x7f) continue;
        else buf_putc(&b, (char)c);
    }
    return val_str(b.p, b.len);
}

static void sanitize_key(sg_value m, const char *key)
{
    sg_value v;
    if (map_get(m, key, &v)) {
        if (v.kind == VK_STRING) map_set(m, key, sanitize(v));
        else if (v.kind == VK_LIST)
            for (size_t i = 0; i < list_len(v); i++) v.u.l->items[i] = sanitize(list_get(v, i));
    }
}

static bool alias_ok(const char *a)
{
    for (; *a; a++)
        if (!((*a >= 'a' && *a <= 'z') || (*a >= 'A' && *a <= 'Z') || (*a >= '0' && *a <= '9') || *a == '_' ||
              *a == '-'))
            return false;
    return true;
}

/* Metadata.Validate (v4.1.4). */
static void validate(sg_value md)
{
    static const char *const san[] = { "name", "description", "home", "icon", "condition", "tags",
                                       "appVersion", "kubeVersion", "sources", "keywords", NULL };
    for (const char *const *k = san; *k; k++) sanitize_key(md, *k);
    const char *name = mstr(md, "name"), *version = mstr(md, "version"), *type = mstr(md, "type");
    if (!*mstr(md, "apiVersion")) sg_throwf("validation: chart.metadata.apiVersion is required");
    if (!*name) sg_throwf("validation: chart.metadata.name is required");
    if (!strcmp(name, ".") || !strcmp(name, ".."))
        sg_throwf("validation: chart.metadata.name \"%s\" is not allowed", name);
    if (strchr(name, '/')) sg_throwf("validation: chart.metadata.name \"%s\" is invalid", name);
    if (!*version) sg_throwf("validation: chart.metadata.version is required");
    sg_semver sv;
    const char *err;
    if (semver_parse(version, strlen(version), &sv, &err) != 0)
        sg_throwf("validation: chart.metadata.version \"%s\" is invalid", version);
    if (*type && strcmp(type, "application") && strcmp(type, "library"))
        sg_throwf("validation: chart.metadata.type must be application or library");
    sg_value l;
    if (map_get(md, "maintainers", &l) && l.kind == VK_LIST)
        for (size_t i = 0; i < list_len(l); i++) {
            sg_value m = list_get(l, i);
            if (m.kind == VK_NIL) sg_throwf("validation: maintainers must not contain empty or null nodes");
            sanitize_key(m, "name");
            sanitize_key(m, "email");
            sanitize_key(m, "url");
        }
    if (map_get(md, "dependencies", &l) && l.kind == VK_LIST) {
        sg_value seen = val_map();
        for (size_t i = 0; i < list_len(l); i++) {
            sg_value d = list_get(l, i);
            if (d.kind == VK_NIL) sg_throwf("validation: dependencies must not contain empty or null nodes");
            sanitize_key(d, "name");
            sanitize_key(d, "version");
            sanitize_key(d, "repository");
            sanitize_key(d, "condition");
            sanitize_key(d, "tags");
            const char *alias = mstr(d, "alias");
            if (*alias && !alias_ok(alias))
                sg_throwf("validation: dependency \"%s\" has disallowed characters in the alias", mstr(d, "name"));
            const char *key = *alias ? alias : mstr(d, "name");
            if (map_get(seen, key, NULL))
                sg_throwf("validation: more than one dependency with name or alias \"%s\"", key);
            map_set(seen, key, val_bool(true));
        }
    }
}

/* ---- LoadFiles ---- */

typedef struct fvec { sg_chartfile *v; size_t n, cap; } fvec;

static void fpush(fvec *f, sg_chartfile x)
{
    f->v = arena_grow(f->v, f->n, &f->cap, sizeof *f->v, 16);
    f->v[f->n++] = x;
}

static bool has_suffix(const char *s, const char *suf)
{
    size_t n = strlen(s), m = strlen(suf);
    return n >= m && !strcmp(s + n - m, suf);
}

/* filepath.Ext */
static const char *ext(const char *p)
{
    const char *dot = NULL;
    for (const char *q = p; *q; q++) {
        if (*q == '/') dot = NULL;
        else if (*q == '.') dot = q;
    }
    return dot ? dot : "";
}

typedef struct subgroup { const char *name; fvec files; } subgroup;

/* Log lines produced while loading (handed to the root chart's ->log). */
static sg_buf *load_log;

static void load_warn(int v3line, const char *msg)
{
    if (!load_log) return;
    if (sg_helm_major >= 4) {
        buf_puts(load_log, "level=INFO msg=");
        gofmt_quote(load_log, msg, strlen(msg));
        buf_putc(load_log, '\n');
    } else {
        buf_printf(load_log, "load.go:%d: %s\n", v3line, msg);
    }
}

static sg_helmchart *load_files(const sg_chartfile *files, size_t n, const char *dirname);

/* LoadFiles of charts/<dir>/... (or LoadArchive of charts/<dir> when `tgz` is the
 * packaged subchart's file), errors prefixed as Helm does. */
static sg_helmchart *load_subchart(const sg_chartfile *files, size_t n, const char *dir, const char *parent,
                                   const sg_chartfile *tgz)
{
    sg_helmchart *sc = NULL;
    sg_catch ct;
    if (SG_TRY(&ct)) {
        sg_chartfile *af = NULL;
        if (tgz) archive_load_files((const unsigned char *)tgz->data, tgz->len, &af, &n);
        sc = load_files(tgz ? af : files, n, dir);
        catch_pop(&ct);
    } else {
        catch_pop(&ct);
        sg_throwf("error unpacking subchart %s in %s: %s", dir, parent, ct.err->msg);
    }
    return sc;
}

static sg_helmchart *load_files(const sg_chartfile *files, size_t n, const char *dirname)
{
    sg_helmchart *c = sg_alloc(sizeof *c);
    c->dirname = dirname;
    c->values = val_map();
    sg_value md = { 0 };
    bool have_md = false;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(files[i].path, "Chart.yaml")) continue;
        md = load_metadata(files[i].data, files[i].len, "Chart.yaml", have_md ? md : sg_nil);
        have_md = true;
        if (!*mstr(md, "apiVersion")) map_set(md, "apiVersion", val_cstr("v1"));
    }
    fvec tpl = { 0 }, fl = { 0 };
    subgroup *subs = NULL;
    size_t nsubs = 0, capsubs = 0;
    for (size_t i = 0; i < n; i++) {
        const sg_chartfile *f = &files[i];
        const char *p = f->path;
        if (!strcmp(p, "Chart.yaml")) continue;
        if (!strcmp(p, "Chart.lock")) {
            sg_value lk;
            const char *err;
            if (yamlio_load(f->data, f->len, &lk, &err) != 0) sg_throwf("cannot load Chart.lock: %s", err);
            c->lock = f->data;
            c->locklen = f->len;
        } else if (!strcmp(p, "values.yaml")) {
            const char *err;
            sg_value v;
            if (yamlio_load_values(f->data, f->len, &v, &err) != 0) sg_throwf("cannot load values.yaml: %s", err);
            c->values = v.kind == VK_MAP ? v : val_map();
        } else if (!strcmp(p, "values.schema.json")) {
            c->schema = f->data;
            c->schemalen = f->len;
        } else if (!strcmp(p, "requirements.yaml")) {
            if (!have_md) { md = val_map(); have_md = true; }
            bool v1 = !strcmp(mstr(md, "apiVersion"), "v1");
            if (!v1)
                load_warn(120, "Warning: Dependencies are handled in Chart.yaml since apiVersion \"v2\". We "
                               "recommend migrating dependencies to Chart.yaml.");
            md = load_metadata(f->data, f->len, "requirements.yaml", md);
            if (v1) fpush(&fl, *f);
        } else if (!strcmp(p, "requirements.lock")) {
            sg_value lk;
            const char *err;
            if (yamlio_load(f->data, f->len, &lk, &err) != 0) sg_throwf("cannot load requirements.lock: %s", err);
            c->lock = f->data;
            c->locklen = f->len;
            if (!have_md) { md = val_map(); have_md = true; }
            if (strcmp(mstr(md, "apiVersion"), "v1"))
                load_warn(138, "Warning: Dependency locking is handled in Chart.lock since apiVersion \"v2\". We "
                               "recommend migrating to Chart.lock.");
            if (!strcmp(mstr(md, "apiVersion"), "v1")) fpush(&fl, *f);
        } else if (!strncmp(p, "templates/", 10)) {
            fpush(&tpl, *f);
        } else if (!strncmp(p, "charts/", 7)) {
            if (!strcmp(ext(p), ".prov")) { fpush(&fl, *f); continue; }
            const char *fname = p + 7;
            const char *slash = strchr(fname, '/');
            const char *cname = slash ? sg_strndup(fname, (size_t)(slash - fname)) : fname;
            size_t k;
            for (k = 0; k < nsubs; k++)
                if (!strcmp(subs[k].name, cname)) break;
            if (k == nsubs) {
                if (nsubs == capsubs) {
                    size_t cap = capsubs ? capsubs * 2 : 4;
                    subs = sg_realloc(subs, capsubs * sizeof *subs, cap * sizeof *subs);
                    capsubs = cap;
                }
                subs[nsubs].name = cname;
                subs[nsubs].files = (fvec){ 0 };
                nsubs++;
            }
            sg_chartfile sf = *f;
            sf.path = fname;
            fpush(&subs[k].files, sf);
        } else {
            fpush(&fl, *f);
        }
    }
    if (!have_md) sg_throwf("Chart.yaml file is missing");
    validate(md);
    c->metadata = md;
    c->name = mstr(md, "name");
    c->is_library = !strcmp(mstr(md, "type"), "library");
    sg_value dep;
    c->deprecated = map_get(md, "deprecated", &dep) && dep.kind == VK_BOOL && dep.u.b;
    /* kept in load order (Helm's walk order: lexical per directory), which is also the
     * order of CRDObjects */
    c->templates = tpl.v;
    c->ntemplates = tpl.n;
    c->files = fl.v;
    c->nfiles = fl.n;
    /* CRDObjects: files under crds/ with a manifest extension */
    fvec crds = { 0 };
    for (size_t i = 0; i < fl.n; i++)
        if (!strncmp(fl.v[i].path, "crds/", 5) &&
            (has_suffix(fl.v[i].path, ".yaml") || has_suffix(fl.v[i].path, ".yml") ||
             has_suffix(fl.v[i].path, ".json")))
            fpush(&crds, fl.v[i]);
    c->crds = crds.v;
    c->ncrds = crds.n;
    /* subcharts, in directory-name order (Helm's map order is random) */
    for (size_t a = 1; a < nsubs; a++)
        for (size_t b = a; b > 0 && strcmp(subs[b - 1].name, subs[b].name) > 0; b--) {
            subgroup t = subs[b - 1]; subs[b - 1] = subs[b]; subs[b] = t;
        }
    c->deps = sg_alloc((nsubs ? nsubs : 1) * sizeof *c->deps);
    for (size_t k = 0; k < nsubs; k++) {
        const char *sn = subs[k].name;
        if (sn[0] == '_' || sn[0] == '.') continue;
        if (!strcmp(ext(sn), ".tgz")) { /* a packaged subchart (archive.c) */
            const sg_chartfile *f0 = &subs[k].files.v[0];
            if (strcmp(f0->path, sn))
                sg_throwf("error unpacking subchart tar in %s: expected %s, got %s", c->name, sn, f0->path);
            sg_helmchart *sc = load_subchart(NULL, 0, sn, c->name, f0);
            sc->parent = c;
            c->deps[c->ndeps++] = sc;
            continue;
        }
        fvec buff = { 0 };
        for (size_t i = 0; i < subs[k].files.n; i++) {
            sg_chartfile sf = subs[k].files.v[i];
            const char *slash = strchr(sf.path, '/');
            if (!slash) continue;
            sf.path = slash + 1;
            fpush(&buff, sf);
        }
        sg_helmchart *sc = load_subchart(buff.v, buff.n, sn, c->name, NULL);
        sc->parent = c;
        c->deps[c->ndeps++] = sc;
    }
    return c;
}

sg_helmchart *chart_load_files(const char *name, const sg_chartfile *files, size_t n)
{
    (void)name;
    sg_chartfile *cp = sg_alloc((n ? n : 1) * sizeof *cp);
    for (size_t i = 0; i < n; i++) {
        cp[i] = files[i];
        if (cp[i].len >= 3 && memcmp(cp[i].data, "\xEF\xBB\xBF", 3) == 0) { cp[i].data += 3; cp[i].len -= 3; }
    }
    sg_buf *log = sg_alloc(sizeof *log); /* arena-owned: stays valid if loading throws */
    buf_init(log);
    load_log = log;
    sg_helmchart *c = load_files(cp, n, "");
    load_log = NULL;
    c->log = log->len ? log->p : NULL;
    return c;
}

/* ---- LoadDir ---- */

/* filepath.Clean of an absolute path (a relative p is taken as "/" + p). */
static const char *clean_abs(const char *p)
{
    const char *r = p[0] == '/' ? p : sg_sprintf("/%s", p);
    return gopath_clean(r, strlen(r), NULL);
}

static const char *abs_path(const char *dir)
{
    if (dir[0] == '/') return clean_abs(dir);
    char cwd[4096];
    if (!getcwd(cwd, sizeof cwd)) return clean_abs(dir);
    return clean_abs(sg_sprintf("%s/%s", cwd, dir));
}

/* slog's text-handler value: quoted when it needs to be. */
static void slog_val(sg_buf *b, const char *v)
{
    bool q = !*v;
    for (const char *p = v; *p && !q; p++)
        if (*p == ' ' || *p == '"' || *p == '=' || (unsigned char)*p < 0x20 || *p == 0x7f) q = true;
    if (q) gofmt_quote(b, v, strlen(v));
    else buf_puts(b, v);
}

/* filepath.EvalSymlinks, with Go's error text for a dangling link. */
static const char *eval_symlinks(const char *path)
{
    char *r = realpath(path, NULL);
    if (r) {
        const char *c = sg_strdup(r);
        free(r);
        return c;
    }
    int e = errno;
    char tgt[4096];
    ssize_t n = readlink(path, tgt, sizeof tgt - 1);
    const char *where = path;
    if (n > 0) {
        tgt[n] = 0;
        if (tgt[0] == '/') where = clean_abs(tgt);
        else {
            const char *slash = strrchr(path, '/');
            where = clean_abs(sg_sprintf("%.*s/%s", slash ? (int)(slash - path) : 0, path, tgt));
        }
    }
    sg_throwf("error evaluating symlink %s: lstat %s: %s", path, where, fsio_strerror(e));
}

/* The resolved chart directory being walked: a symlink that resolves outside it is not
 * followed (helm follows it and reads any file on the machine; sparkgen warns instead). */
static const char *walk_root;

static bool inside_root(const char *resolved)
{
    if (!walk_root) return true;
    size_t n = strlen(walk_root);
    if (n == 1 && walk_root[0] == '/') return true;
    return strncmp(resolved, walk_root, n) == 0 && (resolved[n] == 0 || resolved[n] == '/');
}

/* sympath.Walk + LoadDir's walk function. */
static void walk(const char *abs, const char *rel, const sg_ignore *ig, fvec *out, sg_buf *log)
{
    const char **names;
    bool *isdir;
    size_t n;
    const char *err;
    if (fsio_list(abs, &names, &isdir, &n, &err) != 0) sg_throwf("%s", err);
    for (size_t i = 0; i < n; i++) {
        const char *full = sg_sprintf("%s/%s", abs, names[i]);
        const char *r = *rel ? sg_sprintf("%s/%s", rel, names[i]) : names[i];
        struct stat st;
        if (lstat(full, &st) != 0) sg_throwf("lstat %s: %s", full, fsio_strerror(errno));
        if (S_ISLNK(st.st_mode)) {
            const char *resolved = eval_symlinks(full);
            if (!inside_root(resolved)) {
                buf_puts(log, "level=WARN msg=\"symbolic link points outside the chart directory; not loaded\" path=");
                slog_val(log, full);
                buf_puts(log, " resolved=");
                slog_val(log, resolved);
                buf_putc(log, '\n');
                continue;
            }
            if (sg_helm_major >= 4) {
                buf_puts(log, "level=INFO msg=\"found symbolic link in path. Contents of linked file included and "
                              "used\" path=");
                slog_val(log, full);
                buf_puts(log, " resolved=");
                slog_val(log, resolved);
                buf_putc(log, '\n');
            } else {
                buf_printf(log, "walk.go:75: found symbolic link in path: %s resolves to %s. Contents of linked file "
                                "included and used\n", full, resolved);
            }
            if (lstat(resolved, &st) != 0) sg_throwf("lstat %s: %s", resolved, fsio_strerror(errno));
        }
        if (S_ISDIR(st.st_mode)) {
            if (ignore_match(ig, r, true)) continue;
            walk(full, r, ig, out, log);
            continue;
        }
        if (ignore_match(ig, r, false)) continue;
        if (!S_ISREG(st.st_mode))
            sg_throwf("cannot load irregular file %s as it has file mode type bits set", full);
        /* helm's loader refuses a file over archive.MaxDecompressedFileSize (3.17 and 4) */
        if (st.st_size > DIR_MAX_FILE) {
            sg_buf q;
            buf_init(&q);
            gofmt_quote(&q, names[i], strlen(names[i]));
            sg_throwf("chart file %s is larger than the maximum file size %d", q.p, DIR_MAX_FILE);
        }
        const char *data;
        size_t len;
        if (fsio_read(full, &data, &len, &err) != 0) sg_throwf("error reading %s: %s", r, err);
        if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) { data += 3; len -= 3; }
        fpush(out, (sg_chartfile){ r, data, len });
    }
}

/* A chart argument that is a file: a packaged chart (archive.c), or Helm's
 * archive.EnsureArchive errors. */
static sg_helmchart *load_file(const char *abs)
{
    const char *data, *err;
    size_t len;
    if (fsio_read(abs, &data, &len, &err) != 0) sg_throwf("file '%s' cannot be read: %s", abs, err);
    if (len >= 3 && (unsigned char)data[0] == 0x1f && (unsigned char)data[1] == 0x8b && (unsigned char)data[2] == 8) {
        sg_chartfile *files;
        size_t n;
        archive_load_files((const unsigned char *)data, len, &files, &n);
        return chart_load_files(abs, files, n);
    }
    if (has_suffix(abs, ".yml") || has_suffix(abs, ".yaml"))
        sg_throwf("file '%s' seems to be a YAML file, but expected a gzipped archive", abs);
    /* http.DetectContentType of a 512-byte zero-padded buffer (approximation: text
     * only when the first 512 bytes are all text) */
    bool binary = len < 512;
    for (size_t i = 0; i < len && i < 512 && !binary; i++) {
        unsigned char c = (unsigned char)data[i];
        if (c <= 0x08 || c == 0x0b || (c >= 0x0e && c <= 0x1a) || (c >= 0x1c && c <= 0x1f)) binary = true;
    }
    sg_throwf("file '%s' does not appear to be a gzipped archive; got '%s'", abs,
              binary ? "application/octet-stream" : "text/plain; charset=utf-8");
}

sg_helmchart *chart_load_dir(const char *arg)
{
    struct stat st;
    /* ChartPathOptions.LocateChart: trim, local path, else a repository reference */
    size_t n = strlen(arg);
    while (n && strchr(" \t\r\n\v\f", arg[n - 1])) n--;
    while (n && strchr(" \t\r\n\v\f", arg[0])) { arg++; n--; }
    const char *dir = sg_strndup(arg, n);
    if (stat(dir, &st) != 0) {
        if (dir[0] == '/' || dir[0] == '.') sg_throwf("path \"%s\" not found", dir);
        const char *slash = strchr(dir, '/');
        if (!slash) sg_throwf("non-absolute URLs should be in form of repo_name/path_to_chart, got: %s", dir);
        sg_throwf("repo %.*s not found", (int)(slash - dir), dir);
    }
    const char *top = abs_path(dir);
    if (!S_ISDIR(st.st_mode)) return load_file(top);
    const char *err;
    if (sg_helm_major >= 4) {
        const char *name = sg_sprintf("%s/Chart.yaml", strcmp(top, "/") ? top : "");
        const char *data;
        size_t len;
        if (fsio_read(name, &data, &len, &err) != 0) sg_throwf("unable to detect chart at %s: %s", name, err);
        sg_value raw;
        if (yamlio_load(data, len, &raw, &err) != 0) sg_throwf("cannot load Chart.yaml: %s", err);
        if (raw.kind != VK_MAP && raw.kind != VK_NIL)
            sg_throwf("cannot load Chart.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal "
                      "%s into Go value of type loader.chartBase", json_kind(raw));
        sg_value av;
        tctx t = { NULL, "chartBase" };
        if (raw.kind == VK_MAP && map_get(raw, "apiVersion", &av)) av = as_string(&t, av, "apiVersion");
        if (t.err) sg_throwf("cannot load Chart.yaml: %s", t.err);
        if (raw.kind == VK_MAP && map_get(raw, "apiVersion", NULL) && av.kind == VK_STRING) {
            const char *a = av.u.s.p;
            if (!strcmp(a, "v3")) sg_throwf("invalid chart apiVersion");
            if (strcmp(a, "v1") && strcmp(a, "v2") && *a) sg_throwf("unsupported chart version");
        }
    }
    const char *ifile = sg_sprintf("%s/.helmignore", top);
    sg_ignore *ig;
    if (stat(ifile, &st) == 0) {
        const char *data;
        size_t len;
        if (fsio_read(ifile, &data, &len, &err) != 0) sg_throwf("%s", err);
        ig = ignore_parse(data, len);
    } else {
        ig = ignore_parse(NULL, 0);
    }
    fvec files = { 0 };
    sg_buf *log = sg_alloc(sizeof *log); /* arena-owned: stays valid if loading throws */
    buf_init(log);
    const char *saved_root = walk_root;
    walk_root = eval_symlinks(strcmp(top, "/") ? top : "/");
    walk(strcmp(top, "/") ? top : "", "", ig, &files, log);
    walk_root = saved_root;
    load_log = log;
    sg_helmchart *c = load_files(files.v, files.n, "");
    load_log = NULL;
    c->log = log->len ? log->p : NULL;
    return c;
}

const char *chart_fullpath(const sg_helmchart *c)
{
    if (!c->parent) return c->name;
    return sg_sprintf("%s/charts/%s", chart_fullpath(c->parent), c->name);
}
