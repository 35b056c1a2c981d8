/* fn_helm.c - Helm's YAML/JSON conversion functions (pkg/engine/funcs.go) and Sprig's
 * JSON family (toPrettyJson, toRawJson, must* forms), over io/yaml.h and io/json.h.
 *
 * Helm's non-must forms never fail: toYaml/toJson give "" on error, fromYaml/fromJson
 * put the error text in an "Error" key, fromYamlArray/fromJsonArray return a one-item
 * list holding it.  Must forms throw Go's error text (exec adds "error calling NAME: ").
 */
#include "fn_helm.h"
#include "../base/arena.h"
#include "../base/err.h"
#include "../io/json.h"
#include "../io/yaml.h"
#include <string.h>

static sg_value str_of(sg_buf *b) { return val_str_nocopy(b->p, b->len); }

/* toYaml: sigs.k8s.io/yaml.Marshal, one trailing "\n" trimmed; "" on error. */
sg_value fn_helm_toyaml(sg_fcall *c, int argc, sg_value *argv)
{
    sg_buf b;
    buf_init(&b);
    yamlio_emit(&b, argv[0]);
    return str_of(&b);
}

/* mustToYaml (Helm 4): as toYaml, but errors are returned. */
sg_value fn_helm_musttoyaml(sg_fcall *c, int argc, sg_value *argv)
{
    sg_buf b;
    const char *err;
    buf_init(&b);
    if (yamlio_marshal(&b, argv[0], &err) < 0) sg_throwf("error marshaling into JSON: %s", err);
    if (b.len && b.p[b.len - 1] == '\n') buf_truncate(&b, b.len - 1);
    return str_of(&b);
}

/* toYamlPretty: go-yaml v3 Encoder with indent 2 (no JSON round trip); "" on error. */
sg_value fn_helm_toyamlpretty(sg_fcall *c, int argc, sg_value *argv)
{
    sg_buf b;
    buf_init(&b);
    yamlio_emit_v3(&b, argv[0]);
    if (b.len && b.p[b.len - 1] == '\n') buf_truncate(&b, b.len - 1);
    return str_of(&b);
}

static sg_value json_or_empty(sg_value v, int flags)
{
    sg_buf b;
    const char *err;
    buf_init(&b);
    if (jsonio_emit(&b, v, flags, &err) < 0) return val_str("", 0);
    return str_of(&b);
}

static sg_value json_or_throw(sg_value v, int flags)
{
    sg_buf b;
    const char *err;
    buf_init(&b);
    if (jsonio_emit(&b, v, flags, &err) < 0) sg_throwf("%s", err);
    return str_of(&b);
}

sg_value fn_helm_tojson(sg_fcall *c, int argc, sg_value *argv) { return json_or_empty(argv[0], 0); }
sg_value fn_helm_musttojson(sg_fcall *c, int argc, sg_value *argv) { return json_or_throw(argv[0], 0); }
sg_value fn_helm_toprettyjson(sg_fcall *c, int argc, sg_value *argv)
{
    return json_or_empty(argv[0], JSONIO_PRETTY);
}
sg_value fn_helm_musttoprettyjson(sg_fcall *c, int argc, sg_value *argv)
{
    return json_or_throw(argv[0], JSONIO_PRETTY);
}
/* Sprig's toRawJson panics on error; text/template turns the panic into an error. */
sg_value fn_helm_torawjson(sg_fcall *c, int argc, sg_value *argv)
{
    return json_or_throw(argv[0], JSONIO_NOESCAPE);
}
sg_value fn_helm_musttorawjson(sg_fcall *c, int argc, sg_value *argv)
{
    return json_or_throw(argv[0], JSONIO_NOESCAPE);
}

static const char *type_error(sg_value v, const char *gotype)
{
    const char *k = v.kind == VK_LIST ? "array" : v.kind == VK_MAP ? "object"
                  : v.kind == VK_STRING ? "string" : v.kind == VK_BOOL ? "bool" : "number";
    return sg_sprintf("json: cannot unmarshal %s into Go value of type %s", k, gotype);
}

static sg_value error_map(const char *msg)
{
    sg_value m = val_map();
    map_set(m, "Error", val_cstr(msg));
    return m;
}

static sg_value error_list(const char *msg)
{
    sg_value l = val_list(1);
    list_push(l, val_cstr(msg));
    return l;
}

static sg_value nil_list(void)
{
    sg_value l = { .kind = VK_LIST };
    return l; /* []interface{}(nil) */
}

/* fromYaml: yaml.Unmarshal into map[string]interface{}; errors in the "Error" key. */
sg_value fn_helm_fromyaml(sg_fcall *c, int argc, sg_value *argv)
{
    sg_value v;
    const char *err;
    if (yamlio_load(argv[0].u.s.p, argv[0].u.s.n, &v, &err) < 0) return error_map(err);
    if (v.kind == VK_NIL) return val_map();
    if (v.kind != VK_MAP)
        return error_map(sg_sprintf("error unmarshaling JSON: while decoding JSON: %s",
                                    type_error(v, "map[string]interface {}")));
    return v;
}

/* fromYamlArray: yaml.Unmarshal into []interface{}; an error gives [error text]. */
sg_value fn_helm_fromyamlarray(sg_fcall *c, int argc, sg_value *argv)
{
    sg_value v;
    const char *err;
    if (yamlio_load(argv[0].u.s.p, argv[0].u.s.n, &v, &err) < 0) return error_list(err);
    if (v.kind == VK_NIL) return val_list(0); /* JSON null lands on the interface, not the slice */
    if (v.kind != VK_LIST)
        return error_list(sg_sprintf("error unmarshaling JSON: while decoding JSON: %s",
                                     type_error(v, "[]interface {}")));
    return v;
}

/* fromJson: json.Unmarshal into map[string]interface{}; errors in the "Error" key. */
sg_value fn_helm_fromjson(sg_fcall *c, int argc, sg_value *argv)
{
    sg_value v;
    const char *err;
    int rc = jsonio_parse(argv[0].u.s.p, argv[0].u.s.n, &v, &err);
    if (rc == -1) return error_map(err);
    if (v.kind == VK_NIL) {
        sg_value nilmap = { .kind = VK_MAP };
        return nilmap; /* json null sets the map to nil */
    }
    /* a top-level value of another kind is skipped: its type error is the first one */
    if (v.kind != VK_MAP) return error_map(type_error(v, "map[string]interface {}"));
    if (rc < 0) map_set(v, "Error", val_cstr(err)); /* the keys decoded stay */
    return v;
}

/* fromJsonArray: json.Unmarshal into []interface{}; an error gives [error text]. */
sg_value fn_helm_fromjsonarray(sg_fcall *c, int argc, sg_value *argv)
{
    sg_value v;
    const char *err;
    int rc = jsonio_parse(argv[0].u.s.p, argv[0].u.s.n, &v, &err);
    if (rc == -1) return error_list(err);
    if (v.kind == VK_NIL) return nil_list();
    /* a top-level value of another kind is skipped: its type error is the first one */
    if (v.kind != VK_LIST) return error_list(type_error(v, "[]interface {}"));
    if (rc < 0) return error_list(err);
    return v;
}

/* Sprig mustFromJson: json.Unmarshal into interface{}; errors are returned. */
sg_value fn_helm_mustfromjson(sg_fcall *c, int argc, sg_value *argv)
{
    sg_value v;
    const char *err;
    if (jsonio_parse(argv[0].u.s.p, argv[0].u.s.n, &v, &err) < 0) sg_throwf("%s", err);
    return v;
}
