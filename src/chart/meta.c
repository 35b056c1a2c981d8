/* meta.c - the .Chart and .Release built-in objects.
 *
 * .Chart in v4 is structToMap(chart.Metadata) plus IsRoot: a map[string]interface{} with
 * Go field names.  In v3 it is a value of type `struct { chart.Metadata; IsRoot bool }`,
 * modelled as a native object with the same fields, Go's struct printing and the JSON
 * form of the embedded struct (json tags, omitempty).
 */
#include "chart.h"
#include "../base/arena.h"
#include "../base/buf.h"
#include "../value/gofmt.h"
#include <string.h>

static sg_value sfield(sg_value m, const char *key)
{
    sg_value v;
    if (map_get(m, key, &v) && v.kind == VK_STRING) return v;
    return val_str("", 0);
}

static sg_value blfield(sg_value m, const char *key)
{
    sg_value v;
    if (map_get(m, key, &v) && v.kind == VK_BOOL) return v;
    return val_bool(false);
}

static sg_value lfield(sg_value m, const char *key)
{
    sg_value v, out = val_list(0);
    if (map_get(m, key, &v) && v.kind == VK_LIST)
        for (size_t i = 0; i < list_len(v); i++) {
            sg_value x = list_get(v, i);
            list_push(out, x.kind == VK_NIL ? val_str("", 0) : x);
        }
    return out;
}

static sg_value maintainer_map(sg_value m)
{
    if (m.kind != VK_MAP) return sg_nil;
    sg_value o = val_map();
    map_set(o, "Name", sfield(m, "name"));
    map_set(o, "Email", sfield(m, "email"));
    map_set(o, "URL", sfield(m, "url"));
    return o;
}

static sg_value dependency_map(sg_value d)
{
    if (d.kind != VK_MAP) return sg_nil;
    sg_value o = val_map(), iv;
    map_set(o, "Name", sfield(d, "name"));
    map_set(o, "Version", sfield(d, "version"));
    map_set(o, "Repository", sfield(d, "repository"));
    map_set(o, "Condition", sfield(d, "condition"));
    map_set(o, "Tags", lfield(d, "tags"));
    map_set(o, "Enabled", blfield(d, "enabled"));
    if (map_get(d, "import-values", &iv) && iv.kind == VK_LIST) map_set(o, "ImportValues", iv);
    else map_set(o, "ImportValues", val_list(0));
    map_set(o, "Alias", sfield(d, "alias"));
    return o;
}

static sg_value structlist(sg_value m, const char *key, sg_value (*fn)(sg_value))
{
    sg_value v, out = val_list(0);
    if (map_get(m, key, &v) && v.kind == VK_LIST)
        for (size_t i = 0; i < list_len(v); i++) list_push(out, fn(list_get(v, i)));
    return out;
}

/* structToMap(Metadata) + IsRoot */
static sg_value meta_map(const sg_helmchart *c)
{
    sg_value md = c->metadata, m = val_map(), v;
    map_set(m, "Name", c->name ? val_cstr(c->name) : sfield(md, "name"));
    map_set(m, "Home", sfield(md, "home"));
    map_set(m, "Sources", lfield(md, "sources"));
    map_set(m, "Version", sfield(md, "version"));
    map_set(m, "Description", sfield(md, "description"));
    map_set(m, "Keywords", lfield(md, "keywords"));
    map_set(m, "Maintainers", structlist(md, "maintainers", maintainer_map));
    map_set(m, "Icon", sfield(md, "icon"));
    map_set(m, "APIVersion", sfield(md, "apiVersion"));
    map_set(m, "Condition", sfield(md, "condition"));
    map_set(m, "Tags", sfield(md, "tags"));
    map_set(m, "AppVersion", sfield(md, "appVersion"));
    map_set(m, "Deprecated", blfield(md, "deprecated"));
    if (map_get(md, "annotations", &v) && v.kind == VK_MAP) map_set(m, "Annotations", v);
    else {
        sg_value e = { .kind = VK_MAP, .gotype = GT_MAP_STRING }; /* Go nil map */
        map_set(m, "Annotations", e);
    }
    map_set(m, "KubeVersion", sfield(md, "kubeVersion"));
    map_set(m, "Dependencies", structlist(md, "dependencies", dependency_map));
    map_set(m, "Type", sfield(md, "type"));
    map_set(m, "IsRoot", val_bool(c->parent == NULL));
    return m;
}

/* ---- v3: struct { chart.Metadata; IsRoot bool } ---- */

static bool v3_field(sg_object *o, const char *name, sg_value *out)
{
    sg_value m = *(sg_value *)o->data;
    return map_get(m, name, out);
}

static const char *v3_string(sg_object *o)
{
    sg_value m = *(sg_value *)o->data, v;
    static const char *const order[] = { "Name", "Home", "Sources", "Version", "Description", "Keywords",
                                         "Maintainers", "Icon", "APIVersion", "Condition", "Tags", "AppVersion",
                                         "Deprecated", "Annotations", "KubeVersion", "Dependencies", "Type", NULL };
    sg_buf b;
    buf_init(&b);
    buf_puts(&b, "{{");
    for (const char *const *k = order; *k; k++) {
        if (k != order) buf_putc(&b, ' ');
        map_get(m, *k, &v);
        if (!strcmp(*k, "Maintainers") || !strcmp(*k, "Dependencies")) {
            /* slices of pointers print as addresses */
            buf_putc(&b, '[');
            for (size_t i = 0; i < list_len(v); i++)
                buf_printf(&b, "%s0xc%09zx", i ? " " : "", (size_t)0x6e93b0 + i * 0x60);
            buf_putc(&b, ']');
        } else {
            gofmt_value(&b, v);
        }
    }
    map_get(m, "IsRoot", &v);
    buf_printf(&b, "} %s}", v.u.b ? "true" : "false");
    return b.p;
}

/* json.Marshal of the embedded Metadata (json tags, omitempty) plus IsRoot. */
static sg_value v3_tojson(sg_object *o)
{
    sg_value m = *(sg_value *)o->data, out = val_map(), v;
    static const char *const keys[][2] = {
        { "Name", "name" }, { "Home", "home" }, { "Sources", "sources" }, { "Version", "version" },
        { "Description", "description" }, { "Keywords", "keywords" }, { "Icon", "icon" },
        { "APIVersion", "apiVersion" }, { "Condition", "condition" }, { "Tags", "tags" },
        { "AppVersion", "appVersion" }, { "Deprecated", "deprecated" }, { "Annotations", "annotations" },
        { "KubeVersion", "kubeVersion" }, { "Type", "type" }, { NULL, NULL },
    };
    for (size_t i = 0; keys[i][0]; i++) {
        if (!map_get(m, keys[i][0], &v)) continue;
        if ((v.kind == VK_STRING && v.u.s.n == 0) || (v.kind == VK_LIST && list_len(v) == 0) ||
            (v.kind == VK_MAP && map_len(v) == 0) || (v.kind == VK_BOOL && !v.u.b))
            continue;
        map_set(out, keys[i][1], v);
    }
    sg_value l;
    if (map_get(m, "Maintainers", &l) && list_len(l)) {
        sg_value ml = val_list(list_len(l));
        for (size_t i = 0; i < list_len(l); i++) {
            sg_value x = list_get(l, i), y = val_map(), f;
            if (x.kind == VK_MAP) {
                static const char *const mk[][2] = { { "Name", "name" }, { "Email", "email" }, { "URL", "url" } };
                for (int j = 0; j < 3; j++)
                    if (map_get(x, mk[j][0], &f) && f.kind == VK_STRING && f.u.s.n) map_set(y, mk[j][1], f);
            }
            list_push(ml, x.kind == VK_MAP ? y : sg_nil);
        }
        map_set(out, "maintainers", ml);
    }
    if (map_get(m, "Dependencies", &l) && list_len(l)) {
        sg_value dl = val_list(list_len(l));
        for (size_t i = 0; i < list_len(l); i++) {
            sg_value x = list_get(l, i), y = val_map(), f;
            if (x.kind == VK_MAP) {
                map_get(x, "Name", &f); map_set(y, "name", f);
                if (map_get(x, "Version", &f) && f.u.s.n) map_set(y, "version", f);
                map_get(x, "Repository", &f); map_set(y, "repository", f);
                if (map_get(x, "Condition", &f) && f.u.s.n) map_set(y, "condition", f);
                if (map_get(x, "Tags", &f) && list_len(f)) map_set(y, "tags", f);
                if (map_get(x, "Enabled", &f) && f.u.b) map_set(y, "enabled", f);
                if (map_get(x, "ImportValues", &f) && list_len(f)) map_set(y, "import-values", f);
                if (map_get(x, "Alias", &f) && f.u.s.n) map_set(y, "alias", f);
            }
            list_push(dl, x.kind == VK_MAP ? y : sg_nil);
        }
        map_set(out, "dependencies", dl);
    }
    map_get(m, "IsRoot", &v);
    map_set(out, "IsRoot", v);
    return out;
}

static const sg_objtype meta_v3_type = {
    .name = "struct { chart.Metadata; IsRoot bool }",
    .kindname = "struct",
    .field = v3_field,
    .string = v3_string,
    .tojson = v3_tojson,
};

sg_value chart_meta_value(const sg_helmchart *c)
{
    sg_value m = meta_map(c);
    if (sg_helm_major >= 4) return m;
    sg_value *p = sg_alloc(sizeof *p);
    *p = m;
    return val_object(&meta_v3_type, p);
}

sg_value chart_release_value(const char *name, const char *ns, bool is_upgrade)
{
    sg_value r = val_map();
    map_set(r, "Name", val_cstr(name ? name : "release-name"));
    map_set(r, "Namespace", val_cstr(ns ? ns : "default"));
    map_set(r, "IsInstall", val_bool(!is_upgrade));
    map_set(r, "IsUpgrade", val_bool(is_upgrade));
    map_set(r, "Revision", val_int(1));
    map_set(r, "Service", val_cstr("Helm"));
    return r;
}
