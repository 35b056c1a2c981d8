/* deps.c - chart dependencies as `helm template` processes them: CheckDependencies
 * (pkg/action/install.go) and ProcessDependencies (pkg/chart/v2/util/dependencies.go):
 * aliases and version ranges, tags, conditions, removal of disabled subcharts, and
 * import-values.  Mirrors processDependencyEnabled, processDependencyTags,
 * processDependencyConditions, getAliasDependency, processImportValues.
 */
#include "values.h"
#include "../base/arena.h"
#include "../base/err.h"
#include "../funcs/semver.h"
#include "../value/gofmt.h"
#include <string.h>

/* ---- small helpers over the normalised metadata ---- */

static const char *dstr(sg_value m, const char *key)
{
    sg_value v;
    if (m.kind == VK_MAP && map_get(m, key, &v) && v.kind == VK_STRING) return v.u.s.p;
    return "";
}

/* Metadata.Dependencies: the list, or NIL when Chart.yaml has none (Go nil slice). */
static sg_value meta_deps(const sg_helmchart *c)
{
    sg_value v;
    if (c->metadata.kind == VK_MAP && map_get(c->metadata, "dependencies", &v) && v.kind == VK_LIST) return v;
    return sg_nil;
}

/* chartutil.IsCompatibleRange(constraint, ver) */
static bool compatible(const char *constraint, const char *ver)
{
    bool ok = false;
    const char *err;
    if (semver_satisfies(constraint, ver, &ok, &err) != 0) return false;
    return ok;
}

static void logwarn_v4(sg_buf *log, const char *msg, const char *const *kv, size_t n)
{
    if (!log) return;
    buf_puts(log, "level=WARN msg=");
    gofmt_quote(log, msg, strlen(msg));
    for (size_t i = 0; i + 1 < n; i += 2) {
        buf_printf(log, " %s=", kv[i]);
        const char *v = kv[i + 1];
        bool q = !*v;
        for (const char *p = v; *p && !q; p++)
            if (*p == ' ' || *p == '"' || *p == '=' || (unsigned char)*p < 0x20 || *p == 0x7f) q = true;
        if (q) gofmt_quote(log, v, strlen(v));
        else buf_puts(log, v);
    }
    buf_putc(log, '\n');
}

static void logline_v3(sg_buf *log, int line, const char *msg)
{
    if (log) buf_printf(log, "dependencies.go:%d: %s\n", line, msg);
}

/* ---- CheckDependencies ---- */

void deps_check(const sg_helmchart *c)
{
    sg_value reqs = meta_deps(c);
    if (c->deps_checked || list_len(reqs) == 0) return;
    ((sg_helmchart *)c)->deps_checked = true;
    sg_buf missing;
    buf_init(&missing);
    for (size_t i = 0; i < list_len(reqs); i++) {
        const char *name = dstr(list_get(reqs, i), "name");
        bool found = false;
        for (size_t j = 0; j < c->ndeps && !found; j++) found = !strcmp(c->deps[j]->name, name);
        if (!found) buf_printf(&missing, "%s%s", missing.len ? ", " : "", name);
    }
    if (missing.len)
        sg_throwf("%s occurred while checking for chart dependencies. You may need to run `helm dependency build` to "
                  "fetch missing dependencies: found in Chart.yaml, but missing in charts/ directory: %s",
                  sg_helm_major >= 4 ? "an error" : "An error", missing.p);
}

/* ---- values paths (common.Values Table / PathValue) ---- */

/* Table(name): walk '.'-separated maps; NULL *errkey on success. */
static sg_value table(sg_value v, const char *name, const char **errkey)
{
    *errkey = NULL;
    const char *p = name;
    for (;;) {
        const char *dot = strchr(p, '.');
        const char *k = dot ? sg_strndup(p, (size_t)(dot - p)) : p;
        sg_value next;
        if (v.kind != VK_MAP || !map_get(v, k, &next)) { *errkey = k; return v; }
        if (next.kind != VK_MAP) { *errkey = k; return val_map(); }
        v = next;
        if (!dot) return v;
        p = dot + 1;
    }
}

/* PathValue(path): true and *out for a non-table value (nil included). */
static bool path_value(sg_value v, const char *path, sg_value *out)
{
    const char *dot = strrchr(path, '.');
    sg_value t = v;
    const char *key = path;
    if (dot) {
        const char *err;
        t = table(v, sg_strndup(path, (size_t)(dot - path)), &err);
        if (err) return false;
        key = dot + 1;
    }
    sg_value x;
    if (t.kind != VK_MAP || !map_get(t, key, &x) || x.kind == VK_MAP) return false;
    *out = x;
    return true;
}

/* ---- tags and conditions ---- */

static void set_enabled(sg_value req, bool on) { map_set(req, "enabled", val_bool(on)); }

static bool is_enabled(sg_value req)
{
    sg_value v;
    return map_get(req, "enabled", &v) && v.kind == VK_BOOL && v.u.b;
}

static void process_tags(sg_value reqs, sg_value cvals, sg_buf *log)
{
    const char *err;
    sg_value vt = table(cvals, "tags", &err);
    if (err) return;
    for (size_t i = 0; i < list_len(reqs); i++) {
        sg_value r = list_get(reqs, i), tags;
        if (r.kind != VK_MAP) continue;
        bool has_true = false, has_false = false;
        if (map_get(r, "tags", &tags) && tags.kind == VK_LIST)
            for (size_t j = 0; j < list_len(tags); j++) {
                sg_value k = list_get(tags, j), b;
                if (k.kind != VK_STRING || !map_get(vt, k.u.s.p, &b)) continue;
                if (b.kind == VK_BOOL) {
                    if (b.u.b) has_true = true;
                    else has_false = true;
                } else if (sg_helm_major >= 4) {
                    const char *kv[] = { "tag", k.u.s.p, "chart", dstr(r, "name") };
                    logwarn_v4(log, "returned non-bool value", kv, 4);
                } else {
                    logline_v3(log, 94, sg_sprintf("Warning: Tag '%s' for chart %s returned non-bool value", k.u.s.p,
                                                   dstr(r, "name")));
                }
            }
        if (!has_true && has_false) set_enabled(r, false);
        else set_enabled(r, true);
    }
}

static void process_conditions(sg_value reqs, sg_value cvals, const char *cpath, sg_buf *log)
{
    for (size_t i = 0; i < list_len(reqs); i++) {
        sg_value r = list_get(reqs, i);
        if (r.kind != VK_MAP) continue;
        const char *cond = dstr(r, "condition");
        size_t n = strlen(cond);
        while (n && strchr(" \t\n\r\v\f", cond[n - 1])) n--;
        while (n && strchr(" \t\n\r\v\f", cond[0])) { cond++; n--; }
        const char *all = sg_strndup(cond, n);
        const char *p = all;
        for (;;) {
            const char *comma = strchr(p, ',');
            const char *c = comma ? sg_strndup(p, (size_t)(comma - p)) : p;
            if (*c) {
                sg_value vv;
                if (path_value(cvals, sg_sprintf("%s%s", cpath, c), &vv)) {
                    if (vv.kind == VK_BOOL) {
                        set_enabled(r, vv.u.b);
                        break;
                    }
                    if (sg_helm_major >= 4) {
                        const char *kv[] = { "path", c, "chart", dstr(r, "name") };
                        logwarn_v4(log, "returned non-bool value", kv, 4);
                    } else {
                        logline_v3(log, 63, sg_sprintf("Warning: Condition path '%s' for chart %s returned non-bool "
                                                       "value", c, dstr(r, "name")));
                    }
                }
            }
            if (!comma) break;
            p = comma + 1;
        }
    }
}

/* ---- aliases ---- */

static sg_value copy_map(sg_value m)
{
    sg_value o = val_map();
    o.gotype = m.gotype;
    size_t it = 0;
    sg_mapent *e;
    while (map_next(m, &it, &e)) map_setn(o, e->key, e->klen, e->val);
    return o;
}

/* getAliasDependency: a copy of the chart named dep.name whose version satisfies dep's
 * range, renamed to the alias. */
static sg_helmchart *alias_dependency(sg_helmchart *const *charts, size_t n, sg_value dep)
{
    const char *name = dstr(dep, "name");
    for (size_t i = 0; i < n; i++) {
        sg_helmchart *c = charts[i];
        if (!c || strcmp(c->name, name)) continue;
        if (!compatible(dstr(dep, "version"), dstr(c->metadata, "version"))) continue;
        sg_helmchart *out = sg_alloc(sizeof *out);
        *out = *c;
        out->metadata = copy_map(c->metadata);
        sg_value md = meta_deps(c);
        if (md.kind == VK_LIST) {
            sg_value l = val_list(list_len(md));
            for (size_t j = 0; j < list_len(md); j++) {
                sg_value d = list_get(md, j);
                list_push(l, d.kind == VK_MAP ? copy_map(d) : d);
            }
            map_set(out->metadata, "dependencies", l);
        }
        out->deps = sg_alloc((c->ndeps ? c->ndeps : 1) * sizeof *out->deps);
        for (size_t j = 0; j < c->ndeps; j++) {
            sg_helmchart *cp = sg_alloc(sizeof *cp);
            *cp = *c->deps[j];
            cp->parent = out;
            out->deps[j] = cp;
        }
        const char *alias = dstr(dep, "alias");
        if (*alias) {
            out->name = alias;
            map_set(out->metadata, "name", val_cstr(alias));
        }
        return out;
    }
    return NULL;
}

/* ---- processDependencyEnabled ---- */

static void process_enabled(sg_helmchart *c, sg_value v, const char *path, sg_buf *log)
{
    sg_value reqs = meta_deps(c);
    if (reqs.kind != VK_LIST) return;
    size_t cap = c->ndeps + list_len(reqs) + 1, n = 0;
    sg_helmchart **cd = sg_alloc(cap * sizeof *cd);
    for (size_t i = 0; i < c->ndeps; i++) {
        sg_helmchart *ex = c->deps[i];
        bool declared = false;
        for (size_t j = 0; j < list_len(reqs) && !declared; j++) {
            sg_value r = list_get(reqs, j);
            declared = r.kind == VK_MAP && !strcmp(ex->name, dstr(r, "name")) &&
                       compatible(dstr(r, "version"), dstr(ex->metadata, "version"));
        }
        if (!declared) cd[n++] = ex;
    }
    for (size_t j = 0; j < list_len(reqs); j++) {
        sg_value r = list_get(reqs, j);
        if (r.kind != VK_MAP) continue;
        sg_helmchart *a = alias_dependency(c->deps, c->ndeps, r);
        if (a) {
            a->parent = c;
            cd[n++] = a;
        }
        if (*dstr(r, "alias")) map_set(r, "name", val_cstr(dstr(r, "alias")));
    }
    c->deps = cd;
    c->ndeps = n;
    for (size_t j = 0; j < list_len(reqs); j++)
        if (list_get(reqs, j).kind == VK_MAP) set_enabled(list_get(reqs, j), true);
    sg_value cvals = values_coalesce_raw(c, v, false, log);
    process_tags(reqs, cvals, log);
    process_conditions(reqs, cvals, path, log);
    /* remove the disabled ones */
    sg_value rm = val_map();
    for (size_t j = 0; j < list_len(reqs); j++) {
        sg_value r = list_get(reqs, j);
        if (r.kind == VK_MAP && !is_enabled(r)) map_set(rm, dstr(r, "name"), val_bool(true));
    }
    size_t k = 0;
    for (size_t i = 0; i < c->ndeps; i++)
        if (!map_get(rm, c->deps[i]->name, NULL)) c->deps[k++] = c->deps[i];
    c->ndeps = k;
    sg_value kept = val_list(list_len(reqs));
    for (size_t j = 0; j < list_len(reqs); j++) {
        sg_value r = list_get(reqs, j);
        if (r.kind != VK_MAP || !map_get(rm, dstr(r, "name"), NULL)) list_push(kept, r);
    }
    for (size_t i = 0; i < c->ndeps; i++)
        process_enabled(c->deps[i], cvals, sg_sprintf("%s%s.", path, c->deps[i]->name), log);
    map_set(c->metadata, "dependencies", kept);
}

/* ---- import-values ---- */

/* pathToMap(path, data) */
static sg_value path_to_map(const char *path, sg_value data)
{
    if (!strcmp(path, ".")) return data;
    size_t n = 1;
    for (const char *p = path; *p; p++) n += *p == '.';
    const char **parts = sg_alloc(n * sizeof *parts);
    size_t k = 0;
    const char *p = path;
    for (;;) {
        const char *dot = strchr(p, '.');
        parts[k++] = dot ? sg_strndup(p, (size_t)(dot - p)) : p;
        if (!dot) break;
        p = dot + 1;
    }
    sg_value cur = data;
    for (size_t i = k; i-- > 0;) {
        sg_value m = val_map();
        map_set(m, parts[i], cur);
        cur = m;
    }
    return cur;
}

static void import_warn(sg_buf *log, const char *chart, const char *errkey, bool from_chart)
{
    const char *err = sg_sprintf("\"%s\" is not a table", errkey);
    if (sg_helm_major >= 4) {
        if (from_chart) {
            const char *kv[] = { "chart", chart, "error", err };
            logwarn_v4(log, "ImportValues missing table from chart", kv, 4);
        } else {
            const char *kv[] = { "error", err };
            logwarn_v4(log, "ImportValues missing table", kv, 2);
        }
    } else if (from_chart) {
        logline_v3(log, 269, sg_sprintf("Warning: ImportValues missing table from chart %s: %s", chart, err));
    } else {
        logline_v3(log, 286, sg_sprintf("Warning: ImportValues missing table: %s", err));
    }
}

static void process_import_values(sg_helmchart *c, sg_buf *log)
{
    sg_value reqs = meta_deps(c);
    if (reqs.kind != VK_LIST) return;
    sg_value cvals = values_coalesce_raw(c, sg_nil, true, log);
    sg_value b = val_map();
    for (size_t j = 0; j < list_len(reqs); j++) {
        sg_value r = list_get(reqs, j), ivs;
        if (r.kind != VK_MAP) continue;
        const char *rname = dstr(r, "name");
        sg_value outiv = sg_nil;
        if (map_get(r, "import-values", &ivs) && ivs.kind == VK_LIST) {
            for (size_t i = 0; i < list_len(ivs); i++) {
                sg_value iv = list_get(ivs, i);
                const char *child, *parent;
                if (iv.kind == VK_MAP) {
                    sg_value cv = sg_nil, pv = sg_nil;
                    map_get(iv, "child", &cv);
                    map_get(iv, "parent", &pv);
                    size_t l;
                    child = gofmt_str(cv, &l);
                    parent = gofmt_str(pv, &l);
                } else if (iv.kind == VK_STRING) {
                    child = sg_sprintf("exports.%s", iv.u.s.p);
                    parent = ".";
                } else {
                    continue;
                }
                sg_value om = val_map();
                om.gotype = GT_MAP_STRING;
                map_set(om, "child", val_cstr(child));
                map_set(om, "parent", val_cstr(parent));
                if (outiv.kind != VK_LIST) outiv = val_list(4);
                list_push(outiv, om);
                const char *errkey;
                sg_value vv = table(cvals, sg_sprintf("%s.%s", rname, child), &errkey);
                if (errkey) {
                    import_warn(log, rname, errkey, iv.kind == VK_MAP);
                    continue;
                }
                b = values_merge_tables(b, iv.kind == VK_MAP ? path_to_map(parent, vv) : vv, log);
            }
        }
        if (outiv.kind == VK_LIST) map_set(r, "import-values", outiv);
        else map_del(r, "import-values");
    }
    cvals = val_deep_copy(cvals);
    c->values = values_merge_tables(cvals, b, log);
}

static void process_import_rec(sg_helmchart *c, sg_buf *log)
{
    for (size_t i = 0; i < c->ndeps; i++) process_import_rec(c->deps[i], log);
    process_import_values(c, log);
}

void deps_process(sg_helmchart *c, sg_value user, sg_buf *log)
{
    if (c->deps_done) return;
    c->deps_done = true;
    sg_catch ct;
    if (SG_TRY(&ct)) {
        process_enabled(c, user.kind == VK_MAP ? user : val_map(), "", log);
        process_import_rec(c, log);
        catch_pop(&ct);
    } else {
        catch_pop(&ct);
        if (sg_helm_major < 4) sg_throw(ct.err);
        if (log) {
            buf_puts(log, "level=ERROR msg=\"chart dependencies processing failed\" error=");
            gofmt_quote(log, ct.err->msg, strlen(ct.err->msg));
            buf_putc(log, '\n');
        }
        sg_throwf("chart dependencies processing failed: %s", ct.err->msg);
    }
}
