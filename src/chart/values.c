/* values.c - user values (-f, --set family) and Helm's coalescing of values across a
 * chart and its subcharts (pkg/cli/values/options.go, pkg/chart/common/util/coalesce.go).
 *
 * Functions mirror coalesce.go: coalesce, coalesceDeps, coalesceGlobals, coalesceValues,
 * coalesceTablesFullKey (v4.1.4, or v3.17.3 where they differ).  Log lines are formatted per Helm version: v4
 * through slog's text handler (`level=INFO msg="..."`), v3 through the standard logger
 * with Lshortfile (`coalesce.go:LINE: ...`).
 */
#include "values.h"
#include "fsio.h"
#include "../base/arena.h"
#include "../base/err.h"
#include "../io/json.h"
#include "../io/yaml.h"
#include "../value/gofmt.h"
#include <string.h>

/* ---- logging ---- */

enum logsite {
    LOG_SKIPPED,        /* warning: skipped value for %s.%s: Not a table. */
    LOG_OVERWRITE,      /* warning: cannot overwrite table with non table for %s (%v) */
    LOG_DESTTABLE,      /* warning: destination for %s is a table. Ignoring non-table value (%v) */
    LOG_GLOB_DEST,      /* warning: skipping globals because destination %s is not a table. */
    LOG_GLOB_SRC,       /* warning: skipping globals because source %s is not a table. */
    LOG_GLOB_CONFLICT,  /* Conflict: cannot merge map onto non-map for %q. Skipping. */
    LOG_GLOB_KEYTABLE,  /* key %s is table. Skipping */
};

/* helm v3.17.3 pkg/chartutil/coalesce.go line of each log.Printf call. */
static const int v3_line[] = { 237, 298, 301, 138, 145, 161, 175 };

static void logline(sg_buf *log, enum logsite site, const char *msg)
{
    if (!log) return;
    if (sg_helm_major >= 4) {
        buf_puts(log, "level=INFO msg=");
        gofmt_quote(log, msg, strlen(msg));
        buf_putc(log, '\n');
    } else {
        buf_printf(log, "coalesce.go:%d: %s\n", v3_line[site], msg);
    }
}

static const char *vstr(sg_value v)
{
    size_t n;
    return gofmt_str(v, &n);
}

static const char *concat_prefix(const char *a, const char *b)
{
    if (!*a) return b;
    return sg_sprintf("%s.%s", a, b);
}

static bool istable(sg_value v) { return v.kind == VK_MAP; }

/* ---- -f files and --set ---- */

sg_value values_merge_maps(sg_value dst, sg_value src)
{
    size_t it = 0;
    sg_mapent *e;
    while (map_next(src, &it, &e)) {
        const char *k = e->key;
        size_t kl = e->klen;
        sg_value v = e->val, bv;
        if (v.kind == VK_MAP && map_getn(dst, k, kl, &bv) && bv.kind == VK_MAP) {
            /* mergeMaps builds a fresh map: copy bv so earlier aliases are untouched */
            sg_value nm = val_map();
            values_merge_maps(nm, bv);
            map_setn(dst, k, kl, values_merge_maps(nm, v));
            continue;
        }
        map_setn(dst, k, kl, v);
    }
    return dst;
}

static void set_one(sg_value base, const char *expr, setparse_mode mode, const char *flag)
{
    sg_catch c;
    if (SG_TRY(&c)) {
        setparse_set(base, expr, mode);
        catch_pop(&c);
    } else {
        catch_pop(&c);
        sg_throwf("failed parsing %s data: %s", flag, c.err->msg);
    }
}

static void set_all(sg_value base, const sg_strlist *l, setparse_mode mode, const char *flag)
{
    for (size_t i = 0; i < l->len; i++) set_one(base, l->items[i], mode, flag);
}

static void set_json_one(sg_value base, const char *s)
{
    sg_catch c;
    if (SG_TRY(&c)) {
        setparse_set(base, s, SETP_JSON);
        catch_pop(&c);
    } else {
        catch_pop(&c);
        sg_throwf("failed parsing --set-json data %s", s);
    }
}

/* Trimmed text starts with '{' (v4's whole-object form of --set-json). */
static bool json_object_form(const char *s)
{
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\v' || *s == '\f') s++;
    return *s == '{';
}

sg_value values_user(const sg_render_opts *o)
{
    sg_value base = val_map();
    for (size_t i = 0; i < o->value_files.len; i++) {
        const char *path = o->value_files.items[i];
        const char *trimmed = path;
        while (*trimmed == ' ' || *trimmed == '\t' || *trimmed == '\n') trimmed++;
        const char *data, *err;
        size_t n;
        bool is_stdin = strncmp(trimmed, "-", 1) == 0 && trimmed[1 + strspn(trimmed + 1, " \t\n\r")] == 0;
        if (fsio_read(is_stdin ? "-" : path, &data, &n, &err) != 0) sg_throwf("%s", err);
        sg_value cur;
        if (yamlio_load_values(data, n, &cur, &err) != 0)
            sg_throwf("failed to parse %s: %s", path, err);
        if (cur.kind != VK_MAP) cur = val_map();
        values_merge_maps(base, cur);
    }
    for (size_t i = 0; i < o->set_json.len; i++) {
        const char *s = o->set_json.items[i];
        if (sg_helm_major >= 4 && json_object_form(s)) {
            sg_value m;
            const char *err;
            if (jsonio_parse(s, strlen(s), &m, &err) != 0 || m.kind != VK_MAP)
                sg_throwf("failed parsing --set-json data JSON: %s", s);
            values_merge_maps(base, m);
            continue;
        }
        set_json_one(base, s);
    }
    set_all(base, &o->set, SETP_SET, "--set");
    set_all(base, &o->set_string, SETP_STRING, "--set-string");
    set_all(base, &o->set_file, SETP_FILE, "--set-file");
    set_all(base, &o->set_literal, SETP_LITERAL, "--set-literal");
    return base;
}

/* ---- coalescing ---- */

typedef struct cctx { sg_buf *log; } cctx;

/* coalesceTablesFullKey: dst is authoritative. */
static sg_value coalesce_tables(cctx *x, sg_value dst, sg_value src, const char *prefix, bool merge)
{
    if (src.kind != VK_MAP) return dst;
    if (dst.kind != VK_MAP) return src;
    /* keys of src holding non-nil values before src is modified */
    size_t n;
    sg_mapent **keys = map_sorted(src, &n);
    sg_value nonnil = val_map();
    for (size_t i = 0; i < n; i++)
        if (keys[i]->val.kind != VK_NIL) map_setn(nonnil, keys[i]->key, keys[i]->klen, val_bool(true));
    size_t it = 0;
    sg_mapent *e;
    bool v4 = sg_helm_major >= 4;
    if (v4)  /* v4.1.4 marks user nulls in src too (v3.17.3 does not) */
        while (map_next(dst, &it, &e))
            if (e->val.kind == VK_NIL) map_setn(src, e->key, e->klen, sg_nil);
    it = 0;
    while (map_next(src, &it, &e)) {
        const char *key = e->key;
        size_t klen = e->klen;
        sg_value val = e->val, dv;
        const char *fullkey = concat_prefix(prefix, key);
        bool ok = map_getn(dst, key, klen, &dv);
        if (ok && !merge && dv.kind == VK_NIL && (!v4 || map_getn(nonnil, key, klen, NULL))) {
            map_del(dst, key);
        } else if (!ok) {
            map_setn(dst, key, klen, val);
        } else if (istable(val)) {
            if (istable(dv)) coalesce_tables(x, dv, val, fullkey, merge);
            else logline(x->log, LOG_OVERWRITE,
                      sg_sprintf("warning: cannot overwrite table with non table for %s (%s)", fullkey, vstr(val)));
        } else if (istable(dv) && val.kind != VK_NIL) {
            logline(x->log, LOG_DESTTABLE,
                 sg_sprintf("warning: destination for %s is a table. Ignoring non-table value (%s)", fullkey,
                            vstr(val)));
        }
    }
    return dst;
}

sg_value values_coalesce_tables(sg_value dst, sg_value src, sg_buf *log)
{
    cctx x = { log };
    return coalesce_tables(&x, dst, src, "", false);
}

static bool is_child_chart(const sg_helmchart *c, const char *key)
{
    for (size_t i = 0; i < c->ndeps; i++)
        if (!c->deps[i]->disabled && strcmp(c->deps[i]->name, key) == 0) return true;
    return false;
}

/* coalesceValues: the chart's own values.yaml under v (v wins). */
static void coalesce_values(cctx *x, const sg_helmchart *c, sg_value v, const char *prefix, bool merge)
{
    const char *subprefix = concat_prefix(prefix, c->name);
    sg_value vc = c->values.kind == VK_MAP ? val_deep_copy(c->values) : val_map();
    size_t it = 0;
    sg_mapent *e;
    while (map_next(vc, &it, &e)) {
        const char *key = e->key;
        sg_value val = e->val, value;
        if (map_get(v, key, &value)) {
            if (value.kind == VK_NIL && !merge) {
                map_del(v, key);
            } else if (value.kind == VK_MAP) {
                if (val.kind != VK_MAP) {
                    if (val.kind != VK_NIL)
                        logline(x->log, LOG_SKIPPED,
                             sg_sprintf("warning: skipped value for %s.%s: Not a table.", subprefix, key));
                } else {
                    bool m2 = is_child_chart(c, key) ? true : merge;
                    coalesce_tables(x, value, val, concat_prefix(subprefix, key), m2);
                }
            }
        } else {
            map_set(v, key, val);
        }
    }
}

/* coalesceGlobals: push src's `global` into dest's. */
static void coalesce_globals(cctx *x, sg_value dest, sg_value src, const char *prefix)
{
    sg_value dg, sgl, t;
    if (!map_get(dest, "global", &t)) dg = val_map();
    else if (t.kind == VK_MAP) dg = t;
    else {
        logline(x->log, LOG_GLOB_DEST, "warning: skipping globals because destination global is not a table.");
        return;
    }
    if (!map_get(src, "global", &t)) sgl = val_map();
    else if (t.kind == VK_MAP) sgl = t;
    else {
        logline(x->log, LOG_GLOB_SRC, "warning: skipping globals because source global is not a table.");
        return;
    }
    size_t it = 0;
    sg_mapent *e;
    while (map_next(sgl, &it, &e)) {
        const char *key = e->key;
        sg_value val = e->val, dv;
        if (istable(val)) {
            sg_value vv = val_map();
            size_t j = 0;
            sg_mapent *f;
            while (map_next(val, &j, &f)) map_setn(vv, f->key, f->klen, f->val);
            if (!map_get(dg, key, &dv)) {
                map_set(dg, key, vv);
            } else if (dv.kind != VK_MAP) {
                sg_buf q;
                buf_init(&q);
                gofmt_quote(&q, key, strlen(key));
                logline(x->log, LOG_GLOB_CONFLICT, sg_sprintf("Conflict: cannot merge map onto non-map for %s. Skipping.", q.p));
            } else {
                coalesce_tables(x, vv, dv, concat_prefix(prefix, key), true);
                map_set(dg, key, vv);
            }
        } else if (map_get(dg, key, &dv) && istable(dv)) {
            logline(x->log, LOG_GLOB_KEYTABLE, sg_sprintf("key %s is table. Skipping", key));
        } else {
            map_set(dg, key, val);
        }
    }
    map_set(dest, "global", dg);
}

static sg_value coalesce(cctx *x, const sg_helmchart *c, sg_value dest, const char *prefix, bool merge);

/* coalesceDeps: each enabled subchart's section, with globals pushed down. */
static sg_value coalesce_deps(cctx *x, const sg_helmchart *c, sg_value dest, const char *prefix, bool merge)
{
    for (size_t i = 0; i < c->ndeps; i++) {
        const sg_helmchart *sub = c->deps[i];
        if (sub->disabled) continue;
        sg_value cv;
        if (!map_get(dest, sub->name, &cv)) {
            map_set(dest, sub->name, val_map());
        } else if (!istable(cv)) {
            sg_buf b;
            buf_init(&b);
            gofmt_sprintf(&b, "%t", 2, 1, &cv);
            sg_throwf("type mismatch on %s: %s", sub->name, b.p);
        }
        map_get(dest, sub->name, &cv);
        const char *subprefix = concat_prefix(prefix, c->name);
        coalesce_globals(x, cv, dest, subprefix);
        map_set(dest, sub->name, coalesce(x, sub, cv, subprefix, merge));
    }
    return dest;
}

static sg_value coalesce(cctx *x, const sg_helmchart *c, sg_value dest, const char *prefix, bool merge)
{
    coalesce_values(x, c, dest, prefix, merge);
    return coalesce_deps(x, c, dest, prefix, merge);
}

sg_value values_coalesce_raw(const sg_helmchart *c, sg_value user, bool merge, sg_buf *log)
{
    cctx x = { log };
    sg_value v = user.kind == VK_MAP ? val_deep_copy(user) : val_map();
    return coalesce(&x, c, v, "", merge);
}

sg_value values_merge_tables(sg_value dst, sg_value src, sg_buf *log)
{
    cctx x = { log };
    return coalesce_tables(&x, dst, src, "", true);
}

sg_value values_coalesce(const sg_helmchart *c, sg_value user, sg_buf *log)
{
    deps_check(c);
    deps_process((sg_helmchart *)c, user, log);
    sg_value v = values_coalesce_raw(c, user, false, log);
    v.gotype = GT_MAP_VALUES;
    return v;
}

sg_value values_build(const sg_helmchart *c, const sg_render_opts *o, sg_buf *log)
{
    return values_coalesce(c, values_user(o), log);
}

sg_value values_for_chart(const sg_helmchart *sub, sg_value rootvals)
{
    const sg_helmchart *chain[64];
    size_t n = 0;
    for (const sg_helmchart *p = sub; p && p->parent && n < 64; p = p->parent) chain[n++] = p;
    sg_value v = rootvals;
    while (n > 0) {
        sg_value next;
        if (v.kind != VK_MAP || !map_get(v, chain[--n]->name, &next) || next.kind != VK_MAP) {
            v = val_map();
            break;
        }
        v = next;
    }
    v.gotype = GT_MAP_VALUES;
    return v;
}
