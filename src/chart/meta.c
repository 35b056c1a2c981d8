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

/* A pointer to a struct (*chart.Maintainer, *chart.Dependency): fields from a map of Go
 * field names, printed as an address, JSON through the struct's json tags. */
typedef struct structobj {
    sg_value fields;          /* Go field name -> value */
    const char *const (*tags)[3]; /* {field, json key, "o" if omitempty}, NULL-terminated */
    size_t addr;
} structobj;

static const char *const maint_tags[][3] = {
    { "Name", "name", "o" }, { "Email", "email", "o" }, { "URL", "url", "o" }, { NULL, NULL, NULL },
};
static const char *const dep_tags[][3] = {
    { "Name", "name", "" }, { "Version", "version", "o" }, { "Repository", "repository", "" },
    { "Condition", "condition", "o" }, { "Tags", "tags", "o" }, { "Enabled", "enabled", "o" },
    { "ImportValues", "import-values", "o" }, { "Alias", "alias", "o" }, { NULL, NULL, NULL },
};
static const char *const meta_tags[][3] = {
    { "Name", "name", "o" }, { "Home", "home", "o" }, { "Sources", "sources", "o" },
    { "Version", "version", "o" }, { "Description", "description", "o" }, { "Keywords", "keywords", "o" },
    { "Maintainers", "maintainers", "o" }, { "Icon", "icon", "o" }, { "APIVersion", "apiVersion", "o" },
    { "Condition", "condition", "o" }, { "Tags", "tags", "o" }, { "AppVersion", "appVersion", "o" },
    { "Deprecated", "deprecated", "o" }, { "Annotations", "annotations", "o" },
    { "KubeVersion", "kubeVersion", "o" }, { "Dependencies", "dependencies", "o" }, { "Type", "type", "o" },
    { "IsRoot", "IsRoot", "" }, { NULL, NULL, NULL },
};

static bool is_empty(sg_value v)
{
    switch (v.kind) {
    case VK_NIL: return true;
    case VK_STRING: return v.u.s.n == 0;
    case VK_BOOL: return !v.u.b;
    case VK_LIST: return list_len(v) == 0;
    case VK_MAP: return map_len(v) == 0;
    default: return false;
    }
}

/* encoding/json of a struct: fields in order, omitempty honoured. */
static sg_value struct_json(sg_value fields, const char *const (*tags)[3])
{
    sg_value out = val_map(), v;
    out.gotype = GT_STRUCT;
    for (size_t i = 0; tags[i][0]; i++) {
        if (!map_get(fields, tags[i][0], &v)) v = sg_nil;
        if (tags[i][2][0] && is_empty(v)) continue;
        map_set(out, tags[i][1], v);
    }
    return out;
}

static bool so_field(sg_object *o, const char *name, sg_value *out)
{
    return map_get(((structobj *)o->data)->fields, name, out);
}

static const char *so_string(sg_object *o)
{
    return sg_sprintf("0xc%09zx", ((structobj *)o->data)->addr);
}

static sg_value so_tojson(sg_object *o)
{
    structobj *so = o->data;
    return struct_json(so->fields, so->tags);
}

static const sg_objtype maint_type = { .name = "*chart.Maintainer", .kindname = "ptr", .field = so_field,
                                       .string = so_string, .tojson = so_tojson };
static const sg_objtype dep_type = { .name = "*chart.Dependency", .kindname = "ptr", .field = so_field,
                                     .string = so_string, .tojson = so_tojson };

static size_t next_addr = 0x6e93b0;

static sg_value strlist_of(sg_value l)
{
    sg_value o = val_list(list_len(l));
    o.gotype = GT_LIST_STRING;
    for (size_t i = 0; i < list_len(l); i++) list_push(o, list_get(l, i));
    return o;
}

/* The v3 field values: slices of strings are []string, struct slices hold pointers. */
static sg_value v3_fields(sg_value m)
{
    sg_value f = val_map(), v;
    size_t it = 0;
    sg_mapent *e;
    while (map_next(m, &it, &e)) map_setn(f, e->key, e->klen, e->val);
    if (map_get(f, "Sources", &v)) map_set(f, "Sources", strlist_of(v));
    if (map_get(f, "Keywords", &v)) map_set(f, "Keywords", strlist_of(v));
    static const struct { const char *key; const sg_objtype *t; const char *const (*tags)[3]; } lists[] = {
        { "Maintainers", &maint_type, maint_tags }, { "Dependencies", &dep_type, dep_tags },
    };
    for (int k = 0; k < 2; k++) {
        if (!map_get(f, lists[k].key, &v)) continue;
        sg_value l = val_list(list_len(v));
        for (size_t i = 0; i < list_len(v); i++) {
            sg_value x = list_get(v, i);
            if (x.kind != VK_MAP) { list_push(l, sg_nil); continue; }
            structobj *so = sg_alloc(sizeof *so);
            so->fields = x;
            sg_value t;
            if (map_get(x, "Tags", &t)) map_set(x, "Tags", strlist_of(t));
            so->tags = lists[k].tags;
            so->addr = (next_addr += 0x60);
            list_push(l, val_object(lists[k].t, so));
        }
        map_set(f, lists[k].key, l);
    }
    return f;
}

static bool v3_field(sg_object *o, const char *name, sg_value *out)
{
    sg_value m = *(sg_value *)o->data;
    return map_get(m, name, out);
}

static const char *v3_string(sg_object *o)
{
    sg_value m = *(sg_value *)o->data, v;
    sg_buf b;
    buf_init(&b);
    buf_puts(&b, "{{");
    for (size_t i = 0; meta_tags[i][0] && strcmp(meta_tags[i][0], "IsRoot"); i++) {
        if (i) buf_putc(&b, ' ');
        if (!map_get(m, meta_tags[i][0], &v)) v = sg_nil;
        gofmt_value(&b, v);
    }
    map_get(m, "IsRoot", &v);
    buf_printf(&b, "} %s}", v.u.b ? "true" : "false");
    return b.p;
}

static sg_value v3_tojson(sg_object *o)
{
    return struct_json(*(sg_value *)o->data, meta_tags);
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
    *p = v3_fields(m);
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
