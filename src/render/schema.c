/* schema.c - values.schema.json validation with Helm's messages (see schema.h).
 *
 * Errors form a small tree like santhosh-tekuri/jsonschema's: each failing keyword is a
 * leaf at an instance location; a subschema with several failures becomes a
 * "validation failed" node holding them (v4 prints it indented), one failure is passed
 * up as is.  v3 (gojsonschema) prints the leaves flat with its own wording.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "schema.h"
#include "../base/arena.h"
#include "../base/buf.h"
#include "../base/err.h"
#include "../io/json.h"
#include "../value/gofmt.h"
#include "../chart/values.h"
#include <math.h>
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct verr {
    const char *ptr;     /* JSON pointer of the instance ("" = root) */
    const char *path;    /* gojsonschema field path ("(root)", "a.b") */
    const char *msg;     /* v4 message */
    const char *msg3;    /* v3 message */
    struct verr **kids;  /* group: "validation failed" */
    size_t nkids;
} verr;

typedef struct errlist { verr **v; size_t n, cap; } errlist;

static void el_push(errlist *l, verr *e)
{
    if (l->n == l->cap) {
        size_t nc = l->cap ? l->cap * 2 : 8;
        l->v = sg_realloc(l->v, l->cap * sizeof *l->v, nc * sizeof *l->v);
        l->cap = nc;
    }
    l->v[l->n++] = e;
}

typedef struct ctx {
    sg_value root;    /* the whole schema (for $ref) */
} ctx;

static void leaf(errlist *out, const char *ptr, const char *path, const char *msg, const char *msg3)
{
    verr *e = sg_alloc(sizeof *e);
    e->ptr = ptr;
    e->path = path;
    e->msg = msg;
    e->msg3 = msg3;
    el_push(out, e);
}

static const char *jtype(sg_value v)
{
    switch (v.kind) {
    case VK_NIL: return "null";
    case VK_BOOL: return "boolean";
    case VK_INT: case VK_INT64: case VK_FLOAT: return "number";
    case VK_STRING: return "string";
    case VK_LIST: return "array";
    default: return "object";
    }
}

static bool is_integral(sg_value v)
{
    if (v.kind == VK_INT || v.kind == VK_INT64) return true;
    return v.kind == VK_FLOAT && isfinite(v.u.f) && v.u.f == floor(v.u.f);
}

/* gojsonschema's type name of a value */
static const char *jtype3(sg_value v)
{
    if (v.kind == VK_INT || v.kind == VK_INT64 || v.kind == VK_FLOAT) return is_integral(v) ? "integer" : "number";
    return jtype(v);
}

static double num(sg_value v) { return v.kind == VK_FLOAT ? v.u.f : (double)v.u.i; }
static bool is_num(sg_value v) { return v.kind == VK_INT || v.kind == VK_INT64 || v.kind == VK_FLOAT; }

/* A value as santhosh prints it in messages: strings 'x', others as JSON. */
static const char *show(sg_value v)
{
    if (v.kind == VK_STRING) return sg_sprintf("'%s'", v.u.s.p);
    sg_buf b;
    buf_init(&b);
    const char *err;
    if (jsonio_emit(&b, v, JSONIO_NOESCAPE, &err) != 0) return "?";
    return b.p;
}

static const char *show_json(sg_value v)
{
    sg_buf b;
    buf_init(&b);
    const char *err;
    if (jsonio_emit(&b, v, JSONIO_NOESCAPE, &err) != 0) return "?";
    return b.p;
}

static bool type_ok(const char *t, sg_value v)
{
    if (!strcmp(t, "integer")) return is_integral(v);
    if (!strcmp(t, "number")) return is_num(v);
    return !strcmp(t, jtype(v));
}

static int str_cmp(const void *a, const void *b) { return strcmp(*(const char *const *)a, *(const char *const *)b); }

static const char *child_ptr(const char *ptr, const char *key)
{
    sg_buf b;
    buf_init(&b);
    buf_puts(&b, ptr);
    buf_putc(&b, '/');
    for (const char *p = key; *p; p++) {
        if (*p == '~') buf_puts(&b, "~0");
        else if (*p == '/') buf_puts(&b, "~1");
        else buf_putc(&b, *p);
    }
    return b.p;
}

static const char *child_path(const char *path, const char *key)
{
    if (!strcmp(path, "(root)")) return sg_strdup(key);
    return sg_sprintf("%s.%s", path, key);
}

static size_t utf8_len(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++) c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

static bool get(sg_value m, const char *k, sg_value *out) { return m.kind == VK_MAP && map_get(m, k, out); }

static void validate(ctx *cx, sg_value sch, sg_value v, const char *ptr, const char *path, errlist *out);

/* Validate into a fresh list and fold it as santhosh does: 0 -> nothing, 1 -> that
 * error, more -> a "validation failed" group at ptr. */
static void validate_sub(ctx *cx, sg_value sch, sg_value v, const char *ptr, const char *path, errlist *out)
{
    errlist l = {0};
    validate(cx, sch, v, ptr, path, &l);
    if (l.n == 0) return;
    if (l.n == 1) { el_push(out, l.v[0]); return; }
    verr *g = sg_alloc(sizeof *g);
    g->ptr = ptr;
    g->path = path;
    g->msg = "validation failed";
    g->kids = l.v;
    g->nkids = l.n;
    el_push(out, g);
}

static bool valid(ctx *cx, sg_value sch, sg_value v)
{
    errlist l = {0};
    validate(cx, sch, v, "", "(root)", &l);
    return l.n == 0;
}

static sg_value resolve_ref(ctx *cx, const char *ref)
{
    if (strncmp(ref, "#", 1) != 0) return sg_nil;
    sg_value cur = cx->root;
    const char *p = ref + 1;
    while (*p == '/') {
        p++;
        const char *e = strchr(p, '/');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        sg_buf k;
        buf_init(&k);
        for (size_t i = 0; i < n; i++) {
            if (p[i] == '~' && i + 1 < n && p[i + 1] == '0') { buf_putc(&k, '~'); i++; }
            else if (p[i] == '~' && i + 1 < n && p[i + 1] == '1') { buf_putc(&k, '/'); i++; }
            else buf_putc(&k, p[i]);
        }
        sg_value nx;
        if (cur.kind != VK_MAP || !map_get(cur, k.p, &nx)) return sg_nil;
        cur = nx;
        p += n;
    }
    return cur;
}

static bool pattern_match(const char *pat, const char *s, size_t n, bool *bad)
{
    int ec;
    PCRE2_SIZE eo;
    *bad = false;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED, PCRE2_UTF, &ec, &eo, NULL);
    if (!re) { *bad = true; return true; }
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
    int rc = pcre2_match(re, (PCRE2_SPTR)s, n, 0, 0, md, NULL);
    pcre2_match_data_free(md);
    pcre2_code_free(re);
    return rc >= 0;
}

static void validate(ctx *cx, sg_value sch, sg_value v, const char *ptr, const char *path, errlist *out)
{
    if (sch.kind == VK_BOOL) {
        if (!sch.u.b) leaf(out, ptr, path, "false schema", "False always fails validation");
        return;
    }
    if (sch.kind != VK_MAP) return;
    sg_value k;
    if (get(sch, "$ref", &k) && k.kind == VK_STRING) {
        sg_value target = resolve_ref(cx, k.u.s.p);
        if (target.kind != VK_NIL) validate(cx, target, v, ptr, path, out);
    }
    /* type */
    if (get(sch, "type", &k)) {
        bool ok = false;
        const char *want = "", *want3 = "";
        if (k.kind == VK_STRING) {
            ok = type_ok(k.u.s.p, v);
            want = want3 = k.u.s.p;
        } else if (k.kind == VK_LIST) {
            size_t n = list_len(k);
            const char **names = sg_alloc((n + 1) * sizeof *names);
            sg_buf w3;
            buf_init(&w3);
            buf_putc(&w3, '[');
            size_t m = 0;
            for (size_t i = 0; i < n; i++) {
                sg_value t = list_get(k, i);
                if (t.kind != VK_STRING) continue;
                if (type_ok(t.u.s.p, v)) ok = true;
                names[m++] = t.u.s.p;
                if (m > 1) buf_putc(&w3, ',');
                buf_puts(&w3, t.u.s.p);
            }
            buf_putc(&w3, ']');
            qsort(names, m, sizeof *names, str_cmp);
            sg_buf w;
            buf_init(&w);
            for (size_t i = 0; i < m; i++) {
                if (i) buf_puts(&w, " or ");
                buf_puts(&w, names[i]);
            }
            want = w.p;
            want3 = w3.p;
        } else ok = true;
        if (!ok) {
            leaf(out, ptr, path, sg_sprintf("got %s, want %s", jtype(v), want),
                 sg_sprintf("Invalid type. Expected: %s, given: %s", want3, jtype3(v)));
            return;
        }
    }
    /* enum, const */
    if (get(sch, "enum", &k) && k.kind == VK_LIST) {
        bool found = false;
        sg_buf w, w3;
        buf_init(&w);
        buf_init(&w3);
        for (size_t i = 0; i < list_len(k); i++) {
            sg_value e = list_get(k, i);
            if ((is_num(e) && is_num(v) && num(e) == num(v)) || val_deep_equal(e, v)) found = true;
            if (i) { buf_puts(&w, ", "); buf_puts(&w3, ", "); }
            buf_puts(&w, show(e));
            buf_puts(&w3, show_json(e));
        }
        if (!found) {
            const char *last = strrchr(path, '.');
            leaf(out, ptr, path, sg_sprintf("value must be one of %s", w.p),
                 sg_sprintf("%s must be one of the following: %s", last ? last + 1 : path, w3.p));
        }
    }
    if (get(sch, "const", &k)) {
        if (!((is_num(k) && is_num(v) && num(k) == num(v)) || val_deep_equal(k, v))) {
            const char *last = strrchr(path, '.');
            leaf(out, ptr, path, sg_sprintf("value must be %s", show(k)),
                 sg_sprintf("%s does not match: %s", last ? last + 1 : path, show_json(k)));
        }
    }
    /* numbers */
    if (is_num(v)) {
        double x = num(v);
        const char *got = show(v);
        if (get(sch, "minimum", &k) && is_num(k) && x < num(k))
            leaf(out, ptr, path, sg_sprintf("minimum: got %s, want %s", got, show(k)),
                 sg_sprintf("Must be greater than or equal to %s", show(k)));
        if (get(sch, "maximum", &k) && is_num(k) && x > num(k))
            leaf(out, ptr, path, sg_sprintf("maximum: got %s, want %s", got, show(k)),
                 sg_sprintf("Must be less than or equal to %s", show(k)));
        if (get(sch, "exclusiveMinimum", &k) && is_num(k) && x <= num(k))
            leaf(out, ptr, path, sg_sprintf("exclusiveMinimum: got %s, want %s", got, show(k)),
                 sg_sprintf("Must be greater than %s", show(k)));
        if (get(sch, "exclusiveMaximum", &k) && is_num(k) && x >= num(k))
            leaf(out, ptr, path, sg_sprintf("exclusiveMaximum: got %s, want %s", got, show(k)),
                 sg_sprintf("Must be less than %s", show(k)));
        if (get(sch, "multipleOf", &k) && is_num(k) && num(k) > 0) {
            double q = x / num(k);
            if (!isfinite(q) || q != floor(q))
                leaf(out, ptr, path, sg_sprintf("multipleOf: got %s, want %s", got, show(k)),
                     sg_sprintf("Must be a multiple of %s", show(k)));
        }
    }
    /* strings */
    if (v.kind == VK_STRING) {
        size_t n = utf8_len(v.u.s.p, v.u.s.n);
        if (get(sch, "minLength", &k) && is_num(k) && (double)n < num(k))
            leaf(out, ptr, path, sg_sprintf("minLength: got %zu, want %s", n, show(k)),
                 sg_sprintf("String length must be greater than or equal to %s", show(k)));
        if (get(sch, "maxLength", &k) && is_num(k) && (double)n > num(k))
            leaf(out, ptr, path, sg_sprintf("maxLength: got %zu, want %s", n, show(k)),
                 sg_sprintf("String length must be less than or equal to %s", show(k)));
        if (get(sch, "pattern", &k) && k.kind == VK_STRING) {
            bool bad;
            if (!pattern_match(k.u.s.p, v.u.s.p, v.u.s.n, &bad))
                leaf(out, ptr, path, sg_sprintf("%s does not match pattern %s", show(v), show(k)),
                     sg_sprintf("Does not match pattern %s", show(k)));
        }
    }
    /* arrays */
    if (v.kind == VK_LIST) {
        size_t n = list_len(v);
        if (get(sch, "minItems", &k) && is_num(k) && (double)n < num(k))
            leaf(out, ptr, path, sg_sprintf("minItems: got %zu, want %s", n, show(k)),
                 sg_sprintf("Array must have at least %s items", show(k)));
        if (get(sch, "maxItems", &k) && is_num(k) && (double)n > num(k))
            leaf(out, ptr, path, sg_sprintf("maxItems: got %zu, want %s", n, show(k)),
                 sg_sprintf("Array must have at most %s items", show(k)));
        if (get(sch, "uniqueItems", &k) && k.kind == VK_BOOL && k.u.b) {
            for (size_t i = 0; i < n; i++)
                for (size_t j = i + 1; j < n; j++)
                    if (val_deep_equal(list_get(v, i), list_get(v, j))) {
                        leaf(out, ptr, path, sg_sprintf("items at %zu and %zu are equal", i, j),
                             "array items must be unique");
                        i = j = n;
                    }
        }
        if (get(sch, "items", &k) && (k.kind == VK_MAP || k.kind == VK_BOOL)) {
            for (size_t i = 0; i < n; i++) {
                char idx[32];
                snprintf(idx, sizeof idx, "%zu", i);
                validate_sub(cx, k, list_get(v, i), child_ptr(ptr, idx), child_path(path, idx), out);
            }
        }
    }
    /* objects */
    if (v.kind == VK_MAP) {
        size_t n = map_len(v);
        if (get(sch, "minProperties", &k) && is_num(k) && (double)n < num(k))
            leaf(out, ptr, path, sg_sprintf("minProperties: got %zu, want %s", n, show(k)),
                 sg_sprintf("Must have at least %s properties", show(k)));
        if (get(sch, "maxProperties", &k) && is_num(k) && (double)n > num(k))
            leaf(out, ptr, path, sg_sprintf("maxProperties: got %zu, want %s", n, show(k)),
                 sg_sprintf("Must have at most %s properties", show(k)));
        if (get(sch, "required", &k) && k.kind == VK_LIST) {
            sg_buf w;
            buf_init(&w);
            size_t missing = 0;
            for (size_t i = 0; i < list_len(k); i++) {
                sg_value r = list_get(k, i);
                if (r.kind != VK_STRING || map_get(v, r.u.s.p, NULL)) continue;
                if (missing++) buf_puts(&w, ", ");
                buf_printf(&w, "'%s'", r.u.s.p);
                leaf(out, ptr, path, NULL, sg_sprintf("%s is required", r.u.s.p));
            }
            if (missing) {
                /* one v4 message for all; v3 one line each (the leaves above) */
                const char *m4 = sg_sprintf("missing propert%s %s", missing > 1 ? "ies" : "y", w.p);
                out->v[out->n - missing]->msg = m4;
                for (size_t i = out->n - missing + 1; i < out->n; i++) out->v[i]->msg = NULL;
            }
        }
        sg_value props = sg_nil;
        get(sch, "properties", &props);
        if (props.kind == VK_MAP) {
            for (size_t it = 0; ; ) {
                sg_mapent *e;
                if (!map_next(props, &it, &e)) break;
                sg_value pv;
                if (!map_getn(v, e->key, e->klen, &pv)) continue;
                validate_sub(cx, e->val, pv, child_ptr(ptr, e->key), child_path(path, e->key), out);
            }
        }
        if (get(sch, "additionalProperties", &k) && (k.kind == VK_MAP || k.kind == VK_BOOL)) {
            sg_buf w;
            buf_init(&w);
            size_t extra = 0;
            size_t first3 = out->n;
            for (size_t it = 0; ; ) {
                sg_mapent *e;
                if (!map_next(v, &it, &e)) break;
                if (props.kind == VK_MAP && map_getn(props, e->key, e->klen, NULL)) continue;
                if (k.kind == VK_BOOL) {
                    if (k.u.b) continue;
                    if (extra++) buf_puts(&w, ", ");
                    buf_printf(&w, "'%s'", e->key);
                    leaf(out, ptr, path, NULL, sg_sprintf("Additional property %s is not allowed", e->key));
                } else
                    validate_sub(cx, k, e->val, child_ptr(ptr, e->key), child_path(path, e->key), out);
            }
            if (extra) {
                out->v[first3]->msg = sg_sprintf("additional properties %s not allowed", w.p);
                for (size_t i = first3 + 1; i < out->n; i++) out->v[i]->msg = NULL;
            }
        }
    }
    /* combinators */
    if (get(sch, "allOf", &k) && k.kind == VK_LIST)
        for (size_t i = 0; i < list_len(k); i++) validate(cx, list_get(k, i), v, ptr, path, out);
    if (get(sch, "anyOf", &k) && k.kind == VK_LIST) {
        bool any = false;
        for (size_t i = 0; i < list_len(k) && !any; i++) any = valid(cx, list_get(k, i), v);
        if (!any) leaf(out, ptr, path, "anyOf failed", "Must validate at least one schema (anyOf)");
    }
    if (get(sch, "oneOf", &k) && k.kind == VK_LIST) {
        size_t cnt = 0;
        for (size_t i = 0; i < list_len(k); i++) cnt += valid(cx, list_get(k, i), v);
        if (cnt != 1) leaf(out, ptr, path, cnt ? "oneOf failed, subschemas 0, 1 matched" : "oneOf failed, none matched",
                           "Must validate one and only one schema (oneOf)");
    }
    if (get(sch, "not", &k) && valid(cx, k, v))
        leaf(out, ptr, path, "not failed", "Must not validate the schema (not)");
}

static void print4(sg_buf *b, verr *e, int depth)
{
    if (!e->msg) return;
    for (int i = 0; i < depth; i++) buf_puts(b, "  ");
    buf_printf(b, "- at '%s': %s\n", e->ptr, e->msg);
    for (size_t i = 0; i < e->nkids; i++) print4(b, e->kids[i], depth + 1);
}

static void print3(sg_buf *b, verr *e)
{
    if (e->nkids) {
        for (size_t i = 0; i < e->nkids; i++) print3(b, e->kids[i]);
        return;
    }
    if (e->msg3) buf_printf(b, "- %s: %s\n", e->path, e->msg3);
}

const char *schema_errors(const char *schema, size_t len, sg_value values)
{
    sg_value sch;
    const char *err;
    if (jsonio_parse(schema, len, &sch, &err) != 0) return sg_sprintf("%s\n", err);
    ctx cx = { sch };
    errlist l = {0};
    validate(&cx, sch, values, "", "(root)", &l);
    sg_buf b;
    buf_init(&b);
    for (size_t i = 0; i < l.n; i++) {
        if (sg_helm_major == 3) print3(&b, l.v[i]);
        else print4(&b, l.v[i], 0);
    }
    return b.p;
}

/* ValidateAgainstSchema: this chart, then its enabled dependencies. */
static void validate_rec(const sg_helmchart *c, sg_value values, sg_buf *out)
{
    if (c->schema) {
        const char *e = schema_errors(c->schema, c->schemalen, values);
        if (*e) buf_printf(out, "%s:\n%s", c->name, e);
    }
    for (size_t i = 0; i < c->ndeps; i++) {
        const sg_helmchart *d = c->deps[i];
        if (d->disabled) continue;
        sg_value sv = sg_nil;
        if (values.kind == VK_MAP) map_get(values, d->name, &sv);
        if (sv.kind != VK_MAP) sv = val_map();
        validate_rec(d, sv, out);
    }
}

void schema_validate_chart(const sg_helmchart *c, sg_value values)
{
    sg_buf b;
    buf_init(&b);
    validate_rec(c, values, &b);
    if (b.len) sg_throwf("values don't meet the specifications of the schema(s) in the following chart(s):\n%s", b.p);
}
