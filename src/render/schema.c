/* schema.c - values.schema.json validation with Helm's messages (see schema.h).
 *
 * v4: the error tree of santhosh-tekuri/jsonschema v6.0.2, built in its order: a
 * subschema that fails returns one error, or a "validation failed" group of several;
 * type, const and enum failures end a subschema's checks; allOf/anyOf/oneOf carry their
 * subschemas' errors as causes; a $ref failure is a "validation failed" node that the
 * printer skips when it has a single cause; the root group is flattened.  Numbers in
 * messages are printed as golang.org/x/text/message prints them in English ("1,500",
 * "1.5×10⁰⁷").  Draft from "$schema" (none = 2020-12): draft 4 boolean exclusive bounds,
 * $ref replacing its siblings before 2019-09, items arrays before 2020-12.
 * Schema literals print as written (json.Number: "1.10", "1e3").  Compile-time errors
 * (bad JSON, an unresolvable $ref or anchor, the schema failing its metaschema) are
 * printed as helm prints them: without the trailing newline.  Formats: schema_fmt4.c;
 * $ref targets: schema_ref.c.  Helm v3 is schema_v3.c, entirely.
 */
#include "schema.h"
#include "schema_json.h"
#include "schema_v3.h"
#include "schema_fmt4.h"
#include "schema_ref.h"
#include "schema_ext.h"
#include "../base/arena.h"
#include "../base/buf.h"
#include "../base/err.h"
#include "../funcs/regex.h"
#include "../io/json.h"
#include "../value/gofmt.h"
#include "../chart/values.h"
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { EK_LEAF, EK_GROUP, EK_COMB, EK_REF };

typedef struct verr {
    int kind;
    const char *ptr;     /* JSON pointer of the instance ("" = root) */
    const char *msg;
    struct verr **kids;  /* causes */
    size_t nkids;
} verr;

typedef struct errlist { verr **v; size_t n, cap; } errlist;

static void el_push(errlist *l, verr *e)
{
    if (!e) return;
    if (l->n == l->cap) {
        size_t nc = l->cap ? l->cap * 2 : 8;
        l->v = sg_realloc(l->v, l->cap * sizeof *l->v, nc * sizeof *l->v);
        l->cap = nc;
    }
    l->v[l->n++] = e;
}

/* santhosh's validation scope: a subschema applied to one value, entered through a
 * "$ref" (kw) or as a subschema of the scope below it. */
typedef struct scope {
    sg_value sch, v;
    const char *kw;
} scope;

typedef struct ctx {
    sg_value root;       /* the whole schema */
    int draft;           /* 4, 6, 7, 2019, 2020 */
    schema_refs *refs;   /* base URIs, $id documents, anchors */
    scope *scopes;       /* the validation stack */
    size_t nscopes, capscopes;
    const char *entry_kw; /* "$ref" while validate_ref enters its target */
    sg_buf *log;         /* helm's log lines (the unresolved-URN warning), or NULL */
} ctx;

static verr *mkerr(int kind, const char *ptr, const char *msg)
{
    verr *e = sg_alloc(sizeof *e);
    memset(e, 0, sizeof *e);
    e->kind = kind;
    e->ptr = ptr;
    e->msg = msg;
    return e;
}

static void leaf(errlist *out, const char *ptr, const char *msg)
{
    el_push(out, mkerr(EK_LEAF, ptr, msg));
}

/* ---------------------------------------------------------------- value helpers */

static bool is_num(sg_value v) { return schema_is_num(v); }
static double num(sg_value v) { return schema_num(v); }

static const char *jtype(sg_value v)
{
    if (is_num(v)) return "number";
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
    return is_num(v) && isfinite(num(v)) && num(v) == floor(num(v));
}

static bool type_ok(const char *t, sg_value v)
{
    if (!strcmp(t, "integer")) return is_integral(v);
    if (!strcmp(t, "number")) return is_num(v);
    return !strcmp(t, jtype(v));
}

/* JSON equality as santhosh's equals: numbers by value, containers deeply. */
static bool jequal(sg_value a, sg_value b)
{
    if (is_num(a) && is_num(b)) return num(a) == num(b);
    if (a.kind != b.kind) return false;
    if (a.kind == VK_LIST) {
        size_t n = list_len(a);
        if (n != list_len(b)) return false;
        for (size_t i = 0; i < n; i++)
            if (!jequal(list_get(a, i), list_get(b, i))) return false;
        return true;
    }
    if (a.kind == VK_MAP) {
        if (map_len(a) != map_len(b)) return false;
        for (size_t it = 0; ; ) {
            sg_mapent *e;
            if (!map_next(a, &it, &e)) break;
            sg_value bv;
            if (!map_getn(b, e->key, e->klen, &bv) || !jequal(e->val, bv)) return false;
        }
        return true;
    }
    return val_deep_equal(a, b);
}

static bool get(sg_value m, const char *k, sg_value *out) { return m.kind == VK_MAP && map_get(m, k, out); }

/* ---------------------------------------------------------------- message text */

/* santhosh's quote(): Go %q, then \" -> " and ' -> \'. */
static const char *quote(const char *s, size_t n)
{
    sg_buf q, b;
    buf_init(&q);
    gofmt_quote(&q, s, n);
    buf_init(&b);
    buf_putc(&b, '\'');
    for (size_t i = 1; i + 1 < q.len; i++) {
        if (q.p[i] == '\\' && q.p[i + 1] == '"') { buf_putc(&b, '"'); i++; }
        else if (q.p[i] == '\\' && q.p[i + 1] == '\\') { buf_puts(&b, "\\\\"); i++; }
        else if (q.p[i] == '\'') buf_puts(&b, "\\'");
        else buf_putc(&b, q.p[i]);
    }
    buf_putc(&b, '\'');
    return b.p;
}

static const char *quotez(const char *s) { return quote(s, strlen(s)); }

static const char *join_quoted(const char **names, size_t n)
{
    sg_buf b;
    buf_init(&b);
    for (size_t i = 0; i < n; i++) {
        if (i) buf_puts(&b, ", ");
        buf_puts(&b, quotez(names[i]));
    }
    return b.p;
}

/* Digits with English grouping: "-1234567.5" -> "-1,234,567.5". */
static void put_grouped(sg_buf *b, const char *s)
{
    if (*s == '-') buf_putc(b, *s++);
    size_t n = strcspn(s, ".");
    for (size_t i = 0; i < n; i++) {
        if (i && (n - i) % 3 == 0) buf_putc(b, ',');
        buf_putc(b, s[i]);
    }
    buf_puts(b, s + n);
}

/* x/text message.Printer %d in English. */
static const char *xint(long long v)
{
    char t[32];
    snprintf(t, sizeof t, "%lld", v);
    sg_buf b;
    buf_init(&b);
    put_grouped(&b, t);
    return b.p;
}

/* x/text message.Printer %v of a float64 in English: shortest digits, grouped decimal
 * for exponents -4..5, else "d.ddd×10ⁿⁿ" with a superscript exponent of 2+ digits. */
static const char *xfloat(double f)
{
    static const char *const sup[] = { "\u2070", "\u00b9", "\u00b2", "\u00b3", "\u2074",
                                       "\u2075", "\u2076", "\u2077", "\u2078", "\u2079" };
    sg_buf e, b;
    buf_init(&e);
    buf_init(&b);
    if (f == 0 || !isfinite(f)) {
        gofmt_float(&b, f, 'g', -1);
        return b.p;
    }
    gofmt_float(&e, f, 'e', -1);           /* -d.ddde+XX */
    const char *x = strchr(e.p, 'e');
    int exp = atoi(x + 1);
    if (exp >= -4 && exp < 6) {
        sg_buf d;
        buf_init(&d);
        gofmt_float(&d, f, 'f', -1);
        put_grouped(&b, d.p);
        return b.p;
    }
    buf_put(&b, e.p, (size_t)(x - e.p));
    buf_puts(&b, "\u00d710");
    if (exp < 0) { buf_puts(&b, "\u207b"); exp = -exp; }
    char t[16];
    snprintf(t, sizeof t, "%02d", exp);
    for (const char *p = t; *p; p++) buf_puts(&b, sup[*p - '0']);
    return b.p;
}

static const char *xnum(sg_value v) { return xfloat(num(v)); }

/* Go fmt %v of a JSON value (santhosh's display() for primitives). */
static const char *display(sg_value v)
{
    if (v.kind == VK_STRING) return quote(v.u.s.p, v.u.s.n);
    if (v.kind == VK_NIL) return "<nil>";
    if (schema_num_text(v)) return schema_num_text(v); /* json.Number prints its text */
    sg_buf b;
    buf_init(&b);
    gofmt_value(&b, v);
    return b.p;
}

/* A schema literal in santhosh's messages: its json.Number text ("1.10", "1e3"); a plain
 * float64 (a schema whose duplicate keys defeated schema_json_parse's pairing) prints
 * integral values as digits, others as their shortest decimal. */
static const char *literal(sg_value v)
{
    if (v.kind != VK_FLOAT) return display(v);
    double f = v.u.f;
    sg_buf b;
    buf_init(&b);
    if (isfinite(f) && f == floor(f) && fabs(f) < 1e21) buf_printf(&b, "%.0f", f);
    else gofmt_float(&b, f, 'f', -1);
    return b.p;
}

static bool primitive(sg_value v) { return v.kind != VK_LIST && v.kind != VK_MAP; }

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

/* ---------------------------------------------------------------- $ref */

/* JSON pointer `ref` ("#/a/b", URL-encoded) applied to doc. */
static bool pointer_walk(sg_value doc, const char *ref, sg_value *out)
{
    if (strchr(ref, '%')) { /* the fragment is URL-decoded before it is read as a pointer */
        sg_buf d;
        buf_init(&d);
        for (const char *q = ref; *q; q++) {
            if (q[0] == '%' && isxdigit((unsigned char)q[1]) && isxdigit((unsigned char)q[2])) {
                char hex[3] = { q[1], q[2], 0 };
                buf_putc(&d, (char)strtol(hex, NULL, 16));
                q += 2;
            } else buf_putc(&d, *q);
        }
        ref = d.p;
    }
    sg_value cur = doc;
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
        if (cur.kind == VK_MAP) {
            if (!map_get(cur, k.p, &nx)) return false;
        } else if (cur.kind == VK_LIST) {
            char *end;
            unsigned long i = strtoul(k.p, &end, 10);
            if (!k.len || *end || i >= list_len(cur)) return false;
            nx = list_get(cur, i);
        } else return false;
        cur = nx;
        p += n;
    }
    if (*p) return false;
    *out = cur;
    return true;
}

/* The subschema that sch's "$ref" names (resolved against sch's base URI).  False when
 * it names nothing: *why is then santhosh's compile error, or NULL for an http(s)
 * document (not fetched).  A document outside values.schema.json: schema_ext.c. */
static bool resolve_ref(ctx *cx, sg_value sch, sg_value *out, const char **why)
{
    const char *abs = schema_refs_abs(cx->refs, sch), *frag;
    sg_value doc;
    *why = NULL;
    if (!abs) return false;
    if (!schema_refs_lookup(cx->refs, abs, &doc, &frag)) {
        const char *h = strchr(abs, '#');
        bool is_true;
        if ((*why = schema_ext_load4(abs, cx->log, &is_true)) || !is_true) return false;
        doc = val_bool(true); /* helm's permissive URN schema */
        frag = h ? h + 1 : NULL;
        if (frag && !*frag) frag = NULL;
    }
    if (!frag) { *out = doc; return true; }
    if (!*frag || frag[0] == '/' || frag[0] == '%') {
        if (pointer_walk(doc, sg_sprintf("#%s", frag), out)) return true;
        *why = sg_sprintf("json-pointer in \"%s\" not found", abs);
        return false;
    }
    *why = sg_sprintf("anchor in \"%s\" not found in schema \"%.*s\"", abs, (int)(strchr(abs, '#') - abs), abs);
    return false;
}

/* ---------------------------------------------------------------- validation */

static verr *validate(ctx *cx, sg_value sch, sg_value v, const char *ptr);

static bool valid(ctx *cx, sg_value sch, sg_value v) { return validate(cx, sch, v, "") == NULL; }

static verr *comb(const char *ptr, const char *msg, errlist *causes)
{
    verr *e = mkerr(EK_COMB, ptr, msg);
    e->kids = causes->v;
    e->nkids = causes->n;
    return e;
}

static verr *validate_ref(ctx *cx, sg_value sch, sg_value v, const char *ptr)
{
    sg_value target;
    const char *why;
    if (!resolve_ref(cx, sch, &target, &why)) return NULL;
    cx->entry_kw = "$ref";
    verr *e = validate(cx, target, v, ptr);
    if (!e) return NULL;
    verr *r = mkerr(EK_REF, ptr, "validation failed");
    if (e->kind == EK_GROUP) {
        r->kids = e->kids;
        r->nkids = e->nkids;
    } else {
        r->kids = sg_alloc(sizeof *r->kids);
        r->kids[0] = e;
        r->nkids = 1;
    }
    return r;
}

/* The names of `req` (a list) missing from object v, or NULL. */
static const char **missing_names(sg_value v, sg_value req, size_t *n)
{
    *n = 0;
    if (req.kind != VK_LIST) return NULL;
    const char **names = sg_alloc((list_len(req) + 1) * sizeof *names);
    for (size_t i = 0; i < list_len(req); i++) {
        sg_value r = list_get(req, i);
        if (r.kind == VK_STRING && !map_getn(v, r.u.s.p, r.u.s.n, NULL)) names[(*n)++] = r.u.s.p;
    }
    return *n ? names : NULL;
}

/* The count bounds "min<what>"/"max<what>" of sch against a count n (minLength, maxItems...). */
static void count_bounds(sg_value sch, const char *what, size_t n, const char *ptr, errlist *out)
{
    static const char *const side[] = { "min", "max" };
    for (int i = 0; i < 2; i++) {
        const char *kw = sg_sprintf("%s%s", side[i], what);
        sg_value k;
        if (get(sch, kw, &k) && is_num(k) && (i == 0 ? (double)n < num(k) : (double)n > num(k)))
            leaf(out, ptr, sg_sprintf("%s: got %s, want %s", kw, xint((long long)n), xint((long long)num(k))));
    }
}

static void obj_validate(ctx *cx, sg_value sch, sg_value v, const char *ptr, errlist *out)
{
    sg_value k;
    size_t n = map_len(v);
    count_bounds(sch, "Properties", n, ptr, out);
    size_t nmiss;
    const char **miss;
    if (get(sch, "required", &k) && (miss = missing_names(v, k, &nmiss))) {
        verr *e = mkerr(EK_LEAF, ptr,
                        nmiss == 1 ? sg_sprintf("missing property %s", quotez(miss[0]))
                                   : sg_sprintf("missing properties %s", join_quoted(miss, nmiss)));
        el_push(out, e);
    }
    sg_value deps;
    if (get(sch, "dependencies", &deps) && deps.kind == VK_MAP) {
        for (size_t it = 0; ; ) {
            sg_mapent *d;
            if (!map_next(deps, &it, &d)) break;
            if (!map_getn(v, d->key, d->klen, NULL)) continue;
            if (d->val.kind == VK_LIST) {
                if ((miss = missing_names(v, d->val, &nmiss))) {
                    verr *e = mkerr(EK_LEAF, ptr, sg_sprintf("properties %s required, if %s exists",
                                                                  join_quoted(miss, nmiss), quotez(d->key)));
                    el_push(out, e);
                }
            } else
                el_push(out, validate(cx, d->val, v, ptr));
        }
    }
    sg_value props = sg_nil, pats = sg_nil, addl = sg_nil;
    get(sch, "properties", &props);
    get(sch, "patternProperties", &pats);
    bool has_addl = get(sch, "additionalProperties", &addl) && (addl.kind == VK_MAP || addl.kind == VK_BOOL);
    const char **extra = sg_alloc((n + 1) * sizeof *extra);
    size_t nextra = 0;
    for (size_t it = 0; ; ) {
        sg_mapent *e;
        if (!map_next(v, &it, &e)) break;
        bool evaluated = false;
        sg_value ps;
        const char *cp = NULL;
        if (props.kind == VK_MAP && map_getn(props, e->key, e->klen, &ps)) {
            evaluated = true;
            cp = child_ptr(ptr, e->key);
            el_push(out, validate(cx, ps, e->val, cp));
        }
        if (pats.kind == VK_MAP) {
            for (size_t jt = 0; ; ) {
                sg_mapent *p;
                if (!map_next(pats, &jt, &p)) break;
                const char *rerr;
                sg_regex *re = regex_compile(p->key, p->klen, &rerr);
                if (!re || !regex_match(re, e->key, e->klen)) continue;
                evaluated = true;
                if (!cp) cp = child_ptr(ptr, e->key);
                el_push(out, validate(cx, p->val, e->val, cp));
            }
        }
        if (!evaluated && has_addl) {
            if (addl.kind == VK_BOOL) {
                if (!addl.u.b) extra[nextra++] = e->key;
            } else
                el_push(out, validate(cx, addl, e->val, child_ptr(ptr, e->key)));
        }
    }
    if (nextra) {
        verr *e = mkerr(EK_LEAF, ptr, sg_sprintf("additional properties %s not allowed", join_quoted(extra, nextra)));
        el_push(out, e);
    }
    if (cx->draft == 4) return;
    if (get(sch, "propertyNames", &k)) {
        for (size_t it = 0; ; ) {
            sg_mapent *e;
            if (!map_next(v, &it, &e)) break;
            verr *pe = validate(cx, k, val_str(e->key, e->klen), "");
            if (!pe) continue;
            /* santhosh validates the name as a fresh document: its errors sit at '' */
            verr *r = mkerr(EK_COMB, "", sg_sprintf("invalid propertyName %s", quotez(e->key)));
            if (pe->kind == EK_GROUP) { r->kids = pe->kids; r->nkids = pe->nkids; }
            else { r->kids = sg_alloc(sizeof *r->kids); r->kids[0] = pe; r->nkids = 1; }
            el_push(out, r);
        }
    }
    if (cx->draft < 2019) return;
    if (get(sch, "dependentSchemas", &deps) && deps.kind == VK_MAP) {
        for (size_t it = 0; ; ) {
            sg_mapent *d;
            if (!map_next(deps, &it, &d)) break;
            if (map_getn(v, d->key, d->klen, NULL)) el_push(out, validate(cx, d->val, v, ptr));
        }
    }
    if (get(sch, "dependentRequired", &deps) && deps.kind == VK_MAP) {
        for (size_t it = 0; ; ) {
            sg_mapent *d;
            if (!map_next(deps, &it, &d)) break;
            if (map_getn(v, d->key, d->klen, NULL) && (miss = missing_names(v, d->val, &nmiss)))
                leaf(out, ptr, sg_sprintf("properties %s required, if %s exists", join_quoted(miss, nmiss), quotez(d->key)));
        }
    }
}

static void arr_validate(ctx *cx, sg_value sch, sg_value v, const char *ptr, errlist *out)
{
    sg_value k;
    size_t n = list_len(v);
    count_bounds(sch, "Items", n, ptr, out);
    if (get(sch, "uniqueItems", &k) && k.kind == VK_BOOL && k.u.b) {
        for (size_t i = 0; i < n; i++)
            for (size_t j = i + 1; j < n; j++)
                if (jequal(list_get(v, i), list_get(v, j))) {
                    leaf(out, ptr, sg_sprintf("items at %s and %s are equal", xint((long long)i), xint((long long)j)));
                    i = j = n;
                }
    }
    char idx[32];
    size_t evaluated = 0;
    if (cx->draft < 2020) {
        if (get(sch, "items", &k)) {
            if (k.kind == VK_LIST) {
                evaluated = n < list_len(k) ? n : list_len(k);
                for (size_t i = 0; i < evaluated; i++) {
                    snprintf(idx, sizeof idx, "%zu", i);
                    el_push(out, validate(cx, list_get(k, i), list_get(v, i), child_ptr(ptr, idx)));
                }
                sg_value ai;
                if (get(sch, "additionalItems", &ai)) {
                    if (ai.kind == VK_BOOL && !ai.u.b && evaluated != n)
                        leaf(out, ptr, sg_sprintf("last %s additionalItem(s) not allowed", xint((long long)(n - evaluated))));
                    else if (ai.kind == VK_MAP)
                        for (size_t i = evaluated; i < n; i++) {
                            /* santhosh names these by their index among the extra items */
                            snprintf(idx, sizeof idx, "%zu", i - evaluated);
                            el_push(out, validate(cx, ai, list_get(v, i), child_ptr(ptr, idx)));
                        }
                }
            } else if (k.kind == VK_MAP || k.kind == VK_BOOL) {
                for (size_t i = 0; i < n; i++) {
                    snprintf(idx, sizeof idx, "%zu", i);
                    el_push(out, validate(cx, k, list_get(v, i), child_ptr(ptr, idx)));
                }
            }
        }
    } else {
        sg_value pre;
        if (get(sch, "prefixItems", &pre) && pre.kind == VK_LIST) {
            evaluated = n < list_len(pre) ? n : list_len(pre);
            for (size_t i = 0; i < evaluated; i++) {
                snprintf(idx, sizeof idx, "%zu", i);
                el_push(out, validate(cx, list_get(pre, i), list_get(v, i), child_ptr(ptr, idx)));
            }
        }
        if (get(sch, "items", &k) && (k.kind == VK_MAP || k.kind == VK_BOOL))
            for (size_t i = evaluated; i < n; i++) {
                snprintf(idx, sizeof idx, "%zu", i - evaluated);
                el_push(out, validate(cx, k, list_get(v, i), child_ptr(ptr, idx)));
            }
    }
    if (cx->draft >= 6 && get(sch, "contains", &k)) {
        errlist errs = {0};
        size_t matched = 0;
        sg_buf at; /* the matched indices as Go prints []int inside its brackets */
        buf_init(&at);
        for (size_t i = 0; i < n; i++) {
            snprintf(idx, sizeof idx, "%zu", i);
            verr *e = validate(cx, k, list_get(v, i), child_ptr(ptr, idx));
            if (e) el_push(&errs, e);
            else {
                if (matched++) buf_putc(&at, ' ');
                buf_puts(&at, idx);
            }
        }
        sg_value mc;
        if (cx->draft >= 2019 && get(sch, "minContains", &mc) && is_num(mc)) {
            if ((double)matched < num(mc))
                el_push(out, comb(ptr, matched ? sg_sprintf("min %s items required to match contains schema, but matched %s items at %s",
                                                                  xint((long long)num(mc)), xint((long long)matched), at.p)
                                                     : sg_sprintf("min %s items required to match contains schema, but none matched", xint((long long)num(mc))), &errs));
        } else if (!matched)
            el_push(out, comb(ptr, "no items match contains schema", &errs));
        if (cx->draft >= 2019 && get(sch, "maxContains", &mc) && is_num(mc) && (double)matched > num(mc))
            leaf(out, ptr, sg_sprintf("max %s items required to match contains schema, but matched %s items at %s",
                                            xint((long long)num(mc)), xint((long long)matched), at.p));
    }
}

static void num_validate(ctx *cx, sg_value sch, sg_value v, const char *ptr, errlist *out)
{
    sg_value k;
    double x = num(v);
    const char *got = xnum(v);
    bool has_min = get(sch, "minimum", &k) && is_num(k);
    sg_value mn = k;
    bool has_max = get(sch, "maximum", &k) && is_num(k);
    sg_value mx = k;
    sg_value emn = sg_nil, emx = sg_nil;
    bool has_emn = false, has_emx = false;
    if (cx->draft == 4) {
        if (get(sch, "exclusiveMinimum", &k) && k.kind == VK_BOOL && k.u.b && has_min) { emn = mn; has_emn = true; has_min = false; }
        if (get(sch, "exclusiveMaximum", &k) && k.kind == VK_BOOL && k.u.b && has_max) { emx = mx; has_emx = true; has_max = false; }
    } else {
        has_emn = get(sch, "exclusiveMinimum", &emn) && is_num(emn);
        has_emx = get(sch, "exclusiveMaximum", &emx) && is_num(emx);
    }
    if (has_min && x < num(mn))
        leaf(out, ptr, sg_sprintf("minimum: got %s, want %s", got, xnum(mn)));
    if (has_max && x > num(mx))
        leaf(out, ptr, sg_sprintf("maximum: got %s, want %s", got, xnum(mx)));
    if (has_emn && x <= num(emn))
        leaf(out, ptr, sg_sprintf("exclusiveMinimum: got %s, want %s", got, xnum(emn)));
    if (has_emx && x >= num(emx))
        leaf(out, ptr, sg_sprintf("exclusiveMaximum: got %s, want %s", got, xnum(emx)));
    if (get(sch, "multipleOf", &k) && is_num(k) && num(k) > 0 && !schema_multiple_of(x, num(k)))
        leaf(out, ptr, sg_sprintf("multipleOf: got %s, want %s", got, xnum(k)));
}

static void str_validate(ctx *cx, sg_value sch, sg_value v, const char *ptr, errlist *out)
{
    (void)cx;
    sg_value k;
    size_t n = gofmt_rune_count(v.u.s.p, v.u.s.n);
    count_bounds(sch, "Length", n, ptr, out);
    if (get(sch, "pattern", &k) && k.kind == VK_STRING) {
        const char *rerr;
        sg_regex *re = regex_compile(k.u.s.p, k.u.s.n, &rerr);
        if (re && !regex_match(re, v.u.s.p, v.u.s.n))
            leaf(out, ptr, sg_sprintf("%s does not match pattern %s", quote(v.u.s.p, v.u.s.n), quote(k.u.s.p, k.u.s.n)));
    }
}

static void cond_validate(ctx *cx, sg_value sch, sg_value v, const char *ptr, errlist *out)
{
    sg_value k;
    if (get(sch, "not", &k) && valid(cx, k, v))
        leaf(out, ptr, "'not' failed");
    if (get(sch, "allOf", &k) && k.kind == VK_LIST) {
        errlist errs = {0};
        for (size_t i = 0; i < list_len(k); i++) el_push(&errs, validate(cx, list_get(k, i), v, ptr));
        if (errs.n) el_push(out, comb(ptr, "'allOf' failed", &errs));
    }
    if (get(sch, "anyOf", &k) && k.kind == VK_LIST && list_len(k)) {
        errlist errs = {0};
        bool matched = false;
        for (size_t i = 0; i < list_len(k) && !matched; i++) {
            verr *e = validate(cx, list_get(k, i), v, ptr);
            if (e) el_push(&errs, e);
            else matched = true;
        }
        if (!matched) el_push(out, comb(ptr, "'anyOf' failed", &errs));
    }
    if (get(sch, "oneOf", &k) && k.kind == VK_LIST && list_len(k)) {
        errlist errs = {0};
        long matched = -1;
        for (size_t i = 0; i < list_len(k); i++) {
            verr *e = validate(cx, list_get(k, i), v, ptr);
            if (e) {
                if (matched == -1) el_push(&errs, e);
            } else if (matched == -1) matched = (long)i;
            else {
                leaf(out, ptr, sg_sprintf("'oneOf' failed, subschemas %s, %s matched", xint(matched), xint((long long)i)));
                break;
            }
        }
        if (matched == -1)
            el_push(out, comb(ptr, "'oneOf' failed, none matched", &errs));
    }
    if (cx->draft >= 7 && get(sch, "if", &k)) {
        sg_value t;
        bool ok = valid(cx, k, v);
        verr *e = NULL;
        if (ok) {
            if (!(k.kind == VK_BOOL && !k.u.b) && get(sch, "then", &t)) e = validate(cx, t, v, ptr);
        } else if (!(k.kind == VK_BOOL && k.u.b) && get(sch, "else", &t))
            e = validate(cx, t, v, ptr);
        el_push(out, e);
    }
}

/* Whether schema sch (applied to the object v, 2019-09+) evaluates property key: its
 * properties, patternProperties, additionalProperties or unevaluatedProperties, or a
 * subschema that applies and passes ($ref, allOf, anyOf, oneOf, if/then/else,
 * dependentSchemas). */
static bool evaluates(ctx *cx, sg_value sch, sg_value v, const char *key, size_t klen, int depth)
{
    sg_value k;
    if (sch.kind != VK_MAP || depth > 32) return false;
    /* depth 0 is the schema whose own unevaluatedProperties asks */
    if (get(sch, "additionalProperties", &k) || (depth && get(sch, "unevaluatedProperties", &k))) return true;
    if (get(sch, "properties", &k) && k.kind == VK_MAP && map_getn(k, key, klen, NULL)) return true;
    if (get(sch, "patternProperties", &k) && k.kind == VK_MAP)
        for (size_t it = 0; ; ) {
            sg_mapent *p;
            if (!map_next(k, &it, &p)) break;
            const char *rerr;
            sg_regex *re = regex_compile(p->key, p->klen, &rerr);
            if (re && regex_match(re, key, klen)) return true;
        }
    sg_value t;
    const char *why;
    if (get(sch, "$ref", &k) && k.kind == VK_STRING && resolve_ref(cx, sch, &t, &why) && evaluates(cx, t, v, key, klen, depth + 1))
        return true;
    static const char *const combs[] = { "allOf", "anyOf", "oneOf" };
    for (size_t c = 0; c < 3; c++)
        if (get(sch, combs[c], &k) && k.kind == VK_LIST)
            for (size_t i = 0; i < list_len(k); i++)
                if (valid(cx, list_get(k, i), v) && evaluates(cx, list_get(k, i), v, key, klen, depth + 1)) return true;
    if (get(sch, "if", &k)) {
        bool ok = valid(cx, k, v);
        if (ok && evaluates(cx, k, v, key, klen, depth + 1)) return true;
        if (get(sch, ok ? "then" : "else", &t) && evaluates(cx, t, v, key, klen, depth + 1)) return true;
    }
    if (get(sch, "dependentSchemas", &k) && k.kind == VK_MAP)
        for (size_t it = 0; ; ) {
            sg_mapent *d;
            if (!map_next(k, &it, &d)) break;
            if (map_getn(v, d->key, d->klen, NULL) && evaluates(cx, d->val, v, key, klen, depth + 1)) return true;
        }
    return false;
}

/* Whether schema sch (applied to the array v, 2019-09+) evaluates item i: its items,
 * prefixItems (items arrays and additionalItems before 2020-12), matching contains
 * (2020-12), unevaluatedItems, or a subschema that applies and passes. */
static bool evaluates_item(ctx *cx, sg_value sch, sg_value v, size_t i, int depth)
{
    sg_value k;
    if (sch.kind != VK_MAP || depth > 32) return false;
    if (depth && get(sch, "unevaluatedItems", &k)) return true;
    if (cx->draft < 2020) {
        if (get(sch, "additionalItems", &k)) return true;
        if (get(sch, "items", &k) && (k.kind != VK_LIST || i < list_len(k))) return true;
    } else {
        if (get(sch, "items", &k)) return true;
        if (get(sch, "prefixItems", &k) && k.kind == VK_LIST && i < list_len(k)) return true;
        if (get(sch, "contains", &k) && valid(cx, k, list_get(v, i))) return true;
    }
    sg_value t;
    const char *why;
    if (get(sch, "$ref", &k) && k.kind == VK_STRING && resolve_ref(cx, sch, &t, &why) && valid(cx, t, v) &&
        evaluates_item(cx, t, v, i, depth + 1))
        return true;
    static const char *const combs[] = { "allOf", "anyOf", "oneOf" };
    for (size_t c = 0; c < 3; c++)
        if (get(sch, combs[c], &k) && k.kind == VK_LIST)
            for (size_t j = 0; j < list_len(k); j++)
                if (valid(cx, list_get(k, j), v) && evaluates_item(cx, list_get(k, j), v, i, depth + 1)) return true;
    if (get(sch, "if", &k)) {
        bool ok = valid(cx, k, v);
        if (ok && evaluates_item(cx, k, v, i, depth + 1)) return true;
        if (get(sch, ok ? "then" : "else", &t) && valid(cx, t, v) && evaluates_item(cx, t, v, i, depth + 1)) return true;
    }
    return false;
}

/* unevaluatedProperties and unevaluatedItems (2019-09+): each property or item that
 * no other keyword of sch or of its passing subschemas evaluated. */
static void uneval_validate(ctx *cx, sg_value sch, sg_value v, const char *ptr, errlist *out)
{
    sg_value u;
    if (cx->draft < 2019) return;
    if (v.kind == VK_MAP && get(sch, "unevaluatedProperties", &u))
        for (size_t it = 0;;) {
            sg_mapent *e;
            if (!map_next(v, &it, &e)) break;
            if (!evaluates(cx, sch, v, e->key, e->klen, 0)) el_push(out, validate(cx, u, e->val, child_ptr(ptr, e->key)));
        }
    if (v.kind == VK_LIST && get(sch, "unevaluatedItems", &u))
        for (size_t i = 0; i < list_len(v); i++)
            if (!evaluates_item(cx, sch, v, i, 0)) {
                char idx[32];
                snprintf(idx, sizeof idx, "%zu", i);
                el_push(out, validate(cx, u, list_get(v, i), child_ptr(ptr, idx)));
            }
}

/* The same JSON value (not an equal one): no descent into a child between two scopes. */
static bool same_value(sg_value a, sg_value b)
{
    if (a.kind != b.kind) return false;
    switch (a.kind) {
    case VK_NIL: return true;
    case VK_BOOL: return a.u.b == b.u.b;
    case VK_INT: case VK_INT64: return a.u.i == b.u.i;
    case VK_FLOAT: return !memcmp(&a.u.f, &b.u.f, sizeof a.u.f);
    case VK_STRING: return a.u.s.p == b.u.s.p && a.u.s.n == b.u.s.n;
    case VK_LIST: return a.u.l == b.u.l;
    case VK_MAP: return a.u.m == b.u.m;
    default: return a.u.o == b.u.o;
    }
}

/* scope.kwLoc(): the keyword path from the root scope to scope i. */
static const char *kw_loc(ctx *cx, size_t i)
{
    const char *loc = "";
    for (; i > 0; i--) {
        const scope *sc = &cx->scopes[i];
        if (sc->kw) loc = sg_sprintf("/%s%s", sc->kw, loc);
        else {
            const char *cur = schema_refs_location(cx->refs, sc->sch), *par = schema_refs_location(cx->refs, cx->scopes[i - 1].sch);
            if (!cur) cur = "";
            if (!par) par = "";
            size_t pl = strlen(par);
            loc = sg_sprintf("%s%s", strncmp(cur, par, pl) ? cur : cur + pl, loc);
        }
    }
    return loc;
}

static verr *validate_in(ctx *cx, sg_value sch, sg_value v, const char *ptr);

/* validate_in inside a new scope; a subschema re-entered for the same value with no
 * descent in between is santhosh's reference cycle (an error, not a loop). */
static verr *validate(ctx *cx, sg_value sch, sg_value v, const char *ptr)
{
    const char *kw = cx->entry_kw;
    cx->entry_kw = NULL;
    if (sch.kind != VK_MAP) return validate_in(cx, sch, v, ptr);
    if (cx->nscopes == cx->capscopes) {
        size_t nc = cx->capscopes ? cx->capscopes * 2 : 32;
        cx->scopes = sg_realloc(cx->scopes, cx->capscopes * sizeof *cx->scopes, nc * sizeof *cx->scopes);
        cx->capscopes = nc;
    }
    size_t me = cx->nscopes++;
    cx->scopes[me] = (scope){ sch, v, kw };
    verr *e = NULL;
    for (size_t i = me; i-- > 0 && same_value(cx->scopes[i].v, v);)
        if (cx->scopes[i].sch.u.m == sch.u.m) {
            const char *loc = schema_refs_location(cx->refs, sch);
            sg_buf u;
            buf_init(&u);
            const char *url = sg_sprintf("file:///values.schema.json#%s", loc ? loc : "");
            gofmt_quote(&u, url, strlen(url));
            e = mkerr(EK_LEAF, ptr, sg_sprintf("both %s and %s resolve to %s causing reference cycle", kw_loc(cx, me),
                                               kw_loc(cx, i), u.p));
            break;
        }
    if (!e) e = validate_in(cx, sch, v, ptr);
    cx->nscopes = me;
    return e;
}

static verr *validate_in(ctx *cx, sg_value sch, sg_value v, const char *ptr)
{
    if (sch.kind == VK_BOOL)
        return sch.u.b ? NULL : mkerr(EK_LEAF, ptr, "false schema");
    if (sch.kind != VK_MAP) return NULL;
    sg_value k;
    errlist out = {0};
    bool has_ref = get(sch, "$ref", &k) && k.kind == VK_STRING;
    if (has_ref && cx->draft < 2019) return validate_ref(cx, sch, v, ptr);
    if (get(sch, "type", &k)) {
        bool ok = false;
        const char *want = "";
        if (k.kind == VK_STRING) {
            ok = type_ok(k.u.s.p, v);
            want = k.u.s.p;
        } else if (k.kind == VK_LIST) {
            /* santhosh's Types.ToStrings order, not alphabetical */
            static const char *const order[] = { "null", "boolean", "number", "integer", "string", "array", "object" };
            size_t n = list_len(k);
            sg_buf w;
            buf_init(&w);
            for (size_t i = 0; i < n; i++) {
                sg_value t = list_get(k, i);
                if (t.kind == VK_STRING && type_ok(t.u.s.p, v)) ok = true;
            }
            size_t m = 0;
            for (size_t o = 0; o < sizeof order / sizeof *order; o++)
                for (size_t i = 0; i < n; i++) {
                    sg_value t = list_get(k, i);
                    if (t.kind == VK_STRING && !strcmp(t.u.s.p, order[o])) {
                        if (m++) buf_puts(&w, " or ");
                        buf_puts(&w, order[o]);
                        break;
                    }
                }
            want = w.p;
        } else ok = true;
        if (!ok)
            return mkerr(EK_LEAF, ptr, sg_sprintf("got %s, want %s", jtype(v), want));
    }
    if (cx->draft >= 6 && get(sch, "const", &k) && !jequal(k, v)) {
        return mkerr(EK_LEAF, ptr, primitive(k) ? sg_sprintf("value must be %s", literal(k)) : "'const' failed");
    }
    if (get(sch, "enum", &k) && k.kind == VK_LIST) {
        bool found = false, prim = true;
        sg_buf w;
        buf_init(&w);
        for (size_t i = 0; i < list_len(k); i++) {
            sg_value e = list_get(k, i);
            if (jequal(e, v)) found = true;
            if (!primitive(e)) prim = false;
            if (i) buf_puts(&w, ", ");
            buf_puts(&w, literal(e));
        }
        if (!found) {
            const char *m = !prim ? "'enum' failed"
                            : list_len(k) == 1 ? sg_sprintf("value must be %s", w.p)
                            : sg_sprintf("value must be one of %s", w.p);
            return mkerr(EK_LEAF, ptr, m);
        }
    }
    if (cx->draft < 2019 && get(sch, "format", &k) && k.kind == VK_STRING) {
        const char *fe = schema_format4(k.u.s.p, v);
        if (fe) return mkerr(EK_LEAF, ptr, sg_sprintf("%s is not valid %s: %s", display(v), k.u.s.p, fe));
    }
    if (has_ref) el_push(&out, validate_ref(cx, sch, v, ptr));
    if (v.kind == VK_MAP) obj_validate(cx, sch, v, ptr, &out);
    else if (v.kind == VK_LIST) arr_validate(cx, sch, v, ptr, &out);
    else if (v.kind == VK_STRING) str_validate(cx, sch, v, ptr, &out);
    else if (is_num(v)) num_validate(cx, sch, v, ptr, &out);
    cond_validate(cx, sch, v, ptr, &out);
    uneval_validate(cx, sch, v, ptr, &out);
    if (out.n == 0) return NULL;
    if (out.n == 1) return out.v[0];
    verr *g = mkerr(EK_GROUP, ptr, "validation failed");
    g->kids = out.v;
    g->nkids = out.n;
    return g;
}

/* ---------------------------------------------------------------- compile-time checks */

typedef struct chk { ctx *cx; const char *err; } chk;

/* The chain of "'allOf' failed" lines santhosh reports (against the 2020-12
 * metaschema) for a keyword error at schema pointer kwptr inside subschemas sptrs. */
static const char *meta_error_d(int draft, const char **sptrs, size_t n, const char *kwptr, const char *msg);
static const char *meta_error(const char **sptrs, size_t n, const char *kwptr, const char *msg)
{
    return meta_error_d(2020, sptrs, n, kwptr, msg);
}

/* Appends msg, its continuation lines indented by `depth` levels. */
static void put_indented(sg_buf *b, const char *msg, size_t depth)
{
    for (const char *p = msg; *p; p++) {
        buf_putc(b, *p);
        if (*p == '\n')
            for (size_t d = 0; d < depth; d++) buf_puts(b, "  ");
    }
}

/* The metaschema error for keyword pointer kwptr (msg may hold nested "\n  - at" lines).
 * 2020-12 wraps it in one "'allOf' failed" per enclosing subschema, the innermost
 * omitted when `top` (a keyword of the metaschema's own properties, not of a vocabulary:
 * definitions, dependencies); the draft-04/06/07 metaschemas are flat. */
static const char *meta_error_x(int draft, const char **sptrs, size_t n, const char *kwptr, const char *msg, bool top)
{
    sg_buf b;
    buf_init(&b);
    buf_puts(&b, "\"file:///values.schema.json#\" is not valid against metaschema: jsonschema validation failed with ");
    if (draft != 2020) {
        buf_printf(&b, "'http://json-schema.org/draft-0%d/schema#'\n- at %s: ", draft, quotez(kwptr));
        put_indented(&b, msg, 0);
        return b.p;
    }
    buf_puts(&b, "'https://json-schema.org/draft/2020-12/schema#'");
    if (top && n) n--;
    for (size_t i = 0; i < n; i++) {
        buf_putc(&b, '\n');
        for (size_t d = 0; d < i; d++) buf_puts(&b, "  ");
        buf_printf(&b, "- at %s: 'allOf' failed", quotez(sptrs[i]));
    }
    buf_putc(&b, '\n');
    for (size_t d = 0; d < n; d++) buf_puts(&b, "  ");
    buf_printf(&b, "- at %s: ", quotez(kwptr));
    put_indented(&b, msg, n);
    return b.p;
}

static const char *meta_error_d(int draft, const char **sptrs, size_t n, const char *kwptr, const char *msg)
{
    return meta_error_x(draft, sptrs, n, kwptr, msg, false);
}

static void check_schema(chk *c, sg_value sch, const char **stack, size_t depth, const char *sptr);

static void check_sub(chk *c, sg_value sch, const char **stack, size_t depth, const char *sptr, const char *kw)
{
    sg_value k;
    if (!get(sch, kw, &k)) return;
    if (k.kind == VK_MAP && (!strcmp(kw, "properties") || !strcmp(kw, "patternProperties") || !strcmp(kw, "$defs") ||
                             !strcmp(kw, "definitions") || !strcmp(kw, "dependentSchemas"))) {
        for (size_t it = 0; ; ) {
            sg_mapent *e;
            if (!map_next(k, &it, &e) || c->err) break;
            check_schema(c, e->val, stack, depth, child_ptr(child_ptr(sptr, kw), e->key));
        }
    } else if (k.kind == VK_LIST && (!strcmp(kw, "allOf") || !strcmp(kw, "anyOf") || !strcmp(kw, "oneOf") ||
                                     !strcmp(kw, "prefixItems") || !strcmp(kw, "items"))) {
        for (size_t i = 0; i < list_len(k) && !c->err; i++) {
            char idx[32];
            snprintf(idx, sizeof idx, "%zu", i);
            check_schema(c, list_get(k, i), stack, depth, child_ptr(child_ptr(sptr, kw), idx));
        }
    } else if (k.kind == VK_MAP)
        check_schema(c, k, stack, depth, child_ptr(sptr, kw));
}

/* The 2020-12 metaschema's verdict on the JSON types of one schema's keywords (the
 * first offending keyword in a fixed order; NULL when all fit). */
/* Drafts 6/7 wrap minLength/minItems/minProperties in allOf (nonNegativeIntegerDefault0). */
static const char *default0(int draft, const char *kw, const char *kwptr, const char *msg)
{
    if (draft == 2020 || (strcmp(kw, "minLength") && strcmp(kw, "minItems") && strcmp(kw, "minProperties"))) return msg;
    return sg_sprintf("'allOf' failed\n  - at %s: %s", quotez(kwptr), msg);
}

/* Whether keyword kw is in draft's metaschema with the type meta_type_error expects. */
static bool meta_kw(int draft, const char *kw)
{
    static const char *const only2020[] = { "items", "prefixItems", "$defs", "dependentSchemas", "dependentRequired",
                                            "unevaluatedProperties", "unevaluatedItems", "minContains", "maxContains" };
    if (draft == 2020) return true;
    for (size_t i = 0; i < sizeof only2020 / sizeof *only2020; i++)
        if (!strcmp(kw, only2020[i])) return false;
    static const char *const since6[] = { "contains", "propertyNames", "const", "examples" };
    if (draft == 4)
        for (size_t i = 0; i < sizeof since6 / sizeof *since6; i++)
            if (!strcmp(kw, since6[i])) return false;
    return !(draft <= 6 && (!strcmp(kw, "if") || !strcmp(kw, "then") || !strcmp(kw, "else")));
}

static const char *meta_type_error(int draft, sg_value sch, const char **stack, size_t depth, const char *sptr)
{
    static const char *const schemas[] = { "additionalProperties", "items", "contains", "propertyNames", "not", "if",
                                           "then", "else", "unevaluatedProperties", "unevaluatedItems" };
    static const char *const numbers[] = { "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf" };
    static const char *const counts[] = { "minLength", "maxLength", "minItems", "maxItems", "minProperties",
                                          "maxProperties", "minContains", "maxContains" };
    static const char *const strings[] = { "pattern", "format", "$ref" };
    static const char *const objects[] = { "properties", "patternProperties", "$defs", "dependentSchemas",
                                           "dependentRequired" };
    static const char *const arrays[] = { "allOf", "anyOf", "oneOf", "prefixItems", "required", "enum" };
    sg_value k;
    for (size_t i = 0; i < sizeof schemas / sizeof *schemas; i++)
        if (meta_kw(draft, schemas[i]) && get(sch, schemas[i], &k) && k.kind != VK_MAP && k.kind != VK_BOOL)
            return meta_error_d(draft, stack, depth, child_ptr(sptr, schemas[i]), sg_sprintf("got %s, want boolean or object", jtype(k)));
    for (size_t i = 0; i < sizeof numbers / sizeof *numbers; i++)
        if (get(sch, numbers[i], &k) && !is_num(k) && !(draft == 4 && !strncmp(numbers[i], "exclusive", 9)))
            return meta_error_d(draft, stack, depth, child_ptr(sptr, numbers[i]), sg_sprintf("got %s, want number", jtype(k)));
    for (size_t i = 0; i < sizeof counts / sizeof *counts; i++)
        if (meta_kw(draft, counts[i]) && get(sch, counts[i], &k) && !(is_num(k) && is_integral(k)))
            return meta_error_d(draft, stack, depth, child_ptr(sptr, counts[i]),
                                default0(draft, counts[i], child_ptr(sptr, counts[i]), sg_sprintf("got %s, want integer", jtype(k))));
        else if (meta_kw(draft, counts[i]) && get(sch, counts[i], &k) && num(k) < 0)
            return meta_error_d(draft, stack, depth, child_ptr(sptr, counts[i]),
                                default0(draft, counts[i], child_ptr(sptr, counts[i]), sg_sprintf("minimum: got %s, want 0", xnum(k))));
    for (size_t i = 0; i < sizeof strings / sizeof *strings; i++)
        if (get(sch, strings[i], &k) && k.kind != VK_STRING)
            return meta_error_d(draft, stack, depth, child_ptr(sptr, strings[i]), sg_sprintf("got %s, want string", jtype(k)));
    for (size_t i = 0; i < sizeof objects / sizeof *objects; i++)
        if (meta_kw(draft, objects[i]) && get(sch, objects[i], &k) && k.kind != VK_MAP)
            return meta_error_d(draft, stack, depth, child_ptr(sptr, objects[i]), sg_sprintf("got %s, want object", jtype(k)));
    for (size_t i = 0; i < sizeof arrays / sizeof *arrays; i++)
        if (meta_kw(draft, arrays[i]) && get(sch, arrays[i], &k) && k.kind != VK_LIST)
            return meta_error_d(draft, stack, depth, child_ptr(sptr, arrays[i]), sg_sprintf("got %s, want array", jtype(k)));
    if (draft == 4)
        for (size_t i = 0; i < 2; i++) {
            const char *kw = i ? "exclusiveMaximum" : "exclusiveMinimum";
            if (get(sch, kw, &k) && k.kind != VK_BOOL)
                return meta_error_d(draft, stack, depth, child_ptr(sptr, kw), sg_sprintf("got %s, want boolean", jtype(k)));
        }
    if (get(sch, "uniqueItems", &k) && k.kind != VK_BOOL)
        return meta_error_d(draft, stack, depth, child_ptr(sptr, "uniqueItems"), sg_sprintf("got %s, want boolean", jtype(k)));
    return NULL;
}

static const char *const simple_types[] = { "array", "boolean", "integer", "null", "number", "object", "string" };

static bool simple_type(sg_value t)
{
    for (size_t i = 0; i < 7; i++)
        if (t.kind == VK_STRING && !strcmp(t.u.s.p, simple_types[i])) return true;
    return false;
}

/* The first pair of equal items of list l ("items at i and j are equal"), or NULL. */
static const char *equal_items(sg_value l)
{
    for (size_t i = 0; i < list_len(l); i++)
        for (size_t j = i + 1; j < list_len(l); j++)
            if (jequal(list_get(l, i), list_get(l, j)))
                return sg_sprintf("items at %s and %s are equal", xint((long long)i), xint((long long)j));
    return NULL;
}

/* The metaschema's verdict on the values (not just the JSON types) of one schema's
 * keywords: simpleTypes, stringArray (required), schemaArray minItems, enum (before
 * 2020), multipleOf > 0, annotation strings, definitions/dependencies objects, regex
 * formats, draft 4's exclusiveMinimum dependency.  NULL when all fit. */
static const char *meta_value_error(int draft, sg_value sch, const char **stack, size_t depth, const char *sptr)
{
    sg_value k;
    const char *kp;
    if (get(sch, "type", &k) && !simple_type(k)) {
        kp = child_ptr(sptr, "type");
        sg_buf w;
        buf_init(&w);
        buf_puts(&w, "value must be one of ");
        for (size_t i = 0; i < 7; i++) buf_printf(&w, "%s'%s'", i ? ", " : "", simple_types[i]);
        const char *alt = NULL, *altp = kp;
        if (k.kind != VK_LIST) alt = sg_sprintf("got %s, want array", jtype(k));
        else if (!list_len(k)) alt = "minItems: got 0, want 1";
        else {
            for (size_t i = 0; i < list_len(k) && !alt; i++)
                if (!simple_type(list_get(k, i))) {
                    char idx[32];
                    snprintf(idx, sizeof idx, "%zu", i);
                    altp = child_ptr(kp, idx);
                    alt = w.p;
                }
            if (!alt) alt = equal_items(k);
        }
        if (alt)
            return meta_error_d(draft, stack, depth, kp, sg_sprintf("'anyOf' failed\n  - at %s: %s\n  - at %s: %s", quotez(kp), w.p,
                                                                     quotez(altp), alt));
    }
    if (get(sch, "required", &k) && k.kind == VK_LIST) {
        kp = child_ptr(sptr, "required");
        if (draft == 4 && !list_len(k)) return meta_error_d(draft, stack, depth, kp, "minItems: got 0, want 1");
        for (size_t i = 0; i < list_len(k); i++)
            if (list_get(k, i).kind != VK_STRING) {
                char idx[32];
                snprintf(idx, sizeof idx, "%zu", i);
                return meta_error_d(draft, stack, depth, child_ptr(kp, idx), sg_sprintf("got %s, want string", jtype(list_get(k, i))));
            }
        const char *e = equal_items(k);
        if (e) return meta_error_d(draft, stack, depth, kp, e);
    }
    static const char *const arrays[] = { "allOf", "anyOf", "oneOf", "prefixItems" };
    for (size_t i = 0; i < 4; i++)
        if (meta_kw(draft, arrays[i]) && get(sch, arrays[i], &k) && k.kind == VK_LIST && !list_len(k))
            return meta_error_d(draft, stack, depth, child_ptr(sptr, arrays[i]), "minItems: got 0, want 1");
    if (draft != 2020 && get(sch, "enum", &k) && k.kind == VK_LIST) {
        kp = child_ptr(sptr, "enum");
        if (!list_len(k)) return meta_error_d(draft, stack, depth, kp, "minItems: got 0, want 1");
        const char *e = equal_items(k);
        if (e) return meta_error_d(draft, stack, depth, kp, e);
    }
    if (get(sch, "multipleOf", &k) && is_num(k) && num(k) <= 0)
        return meta_error_d(draft, stack, depth, child_ptr(sptr, "multipleOf"), sg_sprintf("exclusiveMinimum: got %s, want 0", xnum(k)));
    static const char *const strs[] = { "title", "description", "$comment" };
    for (size_t i = 0; i < 3; i++)
        if ((i < 2 || draft >= 7) && get(sch, strs[i], &k) && k.kind != VK_STRING)
            return meta_error_d(draft, stack, depth, child_ptr(sptr, strs[i]), sg_sprintf("got %s, want string", jtype(k)));
    static const char *const tops[] = { "definitions", "dependencies" };
    for (size_t i = 0; i < 2; i++)
        if (get(sch, tops[i], &k) && k.kind != VK_MAP)
            return meta_error_x(draft, stack, depth, child_ptr(sptr, tops[i]), sg_sprintf("got %s, want object", jtype(k)), true);
    const char *rerr;
    if (draft != 2020 && get(sch, "pattern", &k) && k.kind == VK_STRING && !regex_compile(k.u.s.p, k.u.s.n, &rerr))
        return meta_error_d(draft, stack, depth, child_ptr(sptr, "pattern"), sg_sprintf("%s is not valid regex: %s", quote(k.u.s.p, k.u.s.n), rerr));
    if ((draft == 2020 || draft == 7) && get(sch, "patternProperties", &k) && k.kind == VK_MAP)
        for (size_t it = 0;;) {
            sg_mapent *e;
            if (!map_next(k, &it, &e)) break;
            if (!regex_compile(e->key, e->klen, &rerr))
                return meta_error_d(draft, stack, depth, "",
                                    sg_sprintf("invalid propertyName %s\n  - at '': %s is not valid regex: %s", quotez(e->key),
                                               quotez(e->key), rerr));
        }
    if (draft == 4)
        for (size_t i = 0; i < 2; i++) {
            const char *kw = i ? "exclusiveMaximum" : "exclusiveMinimum", *bound = i ? "maximum" : "minimum";
            if (get(sch, kw, &k) && !get(sch, bound, NULL))
                return meta_error_d(draft, stack, depth, sptr, sg_sprintf("properties '%s' required, if '%s' exists", bound, kw));
        }
    return NULL;
}

static void check_schema(chk *c, sg_value sch, const char **stack, size_t depth, const char *sptr)
{
    if (sch.kind != VK_MAP || c->err || depth >= 64) return;
    stack[depth++] = sptr;
    sg_value k;
    if (get(sch, "$ref", &k) && k.kind == VK_STRING) {
        sg_value t;
        const char *why;
        if (!resolve_ref(c->cx, sch, &t, &why) && why) {
            c->err = why;
            return;
        }
    }
    if (c->cx->draft == 2020 && get(sch, "pattern", &k) && k.kind == VK_STRING) {
        const char *rerr;
        if (!regex_compile(k.u.s.p, k.u.s.n, &rerr)) {
            c->err = meta_error(stack, depth, child_ptr(sptr, "pattern"),
                                sg_sprintf("%s is not valid regex: %s", quote(k.u.s.p, k.u.s.n), rerr));
            return;
        }
    }
    if (c->cx->draft != 2019 && ((c->err = meta_type_error(c->cx->draft, sch, stack, depth, sptr)) ||
                                 (c->err = meta_value_error(c->cx->draft, sch, stack, depth, sptr))))
        return;
    static const char *const kws[] = { "$defs", "definitions", "properties", "patternProperties", "additionalProperties",
                                       "items", "prefixItems", "contains", "propertyNames", "allOf", "anyOf", "oneOf",
                                       "not", "if", "then", "else", "dependentSchemas" };
    for (size_t i = 0; i < sizeof kws / sizeof *kws && !c->err; i++) check_sub(c, sch, stack, depth, sptr, kws[i]);
}

static int draft_of(sg_value sch)
{
    sg_value s;
    if (!get(sch, "$schema", &s) || s.kind != VK_STRING) return 2020;
    const char *p = s.u.s.p;
    if (strstr(p, "draft-04")) return 4;
    if (strstr(p, "draft-06")) return 6;
    if (strstr(p, "draft-07")) return 7;
    if (strstr(p, "2019-09")) return 2019;
    return 2020;
}

/* ---------------------------------------------------------------- printing */

static void print4(sg_buf *b, verr *e, int depth)
{
    if (e->kind == EK_REF && e->nkids == 1) {
        print4(b, e->kids[0], depth);
        return;
    }
    for (int i = 0; i < depth; i++) buf_puts(b, "  ");
    buf_printf(b, "- at %s: %s\n", quotez(e->ptr), e->msg);
    for (size_t i = 0; i < e->nkids; i++) print4(b, e->kids[i], depth + 1);
}

/* schema_errors, appending helm's log lines (v4's unresolved-URN warning) to log. */
static const char *schema_errors_log(const char *schema, size_t len, sg_value values, sg_buf *log)
{
    sg_value sch;
    const char *err;
    if (schema_json_parse(schema, len, &sch, &err) != 0) {
        /* helm decodes with a json.Decoder: a truncated document is "unexpected EOF" */
        if (!strcmp(err, "unexpected end of JSON input")) err = "unexpected EOF";
        return err;
    }
    if (sg_helm_major == 3) return schema_v3_errors(sch, values);
    ctx cx = { sch, draft_of(sch), NULL };
    cx.log = log;
    cx.refs = schema_refs_build(sch, "file:///values.schema.json", cx.draft, false);
    chk c = { &cx, NULL };
    const char *stack[64];
    check_schema(&c, sch, stack, 0, "");
    if (c.err) return c.err;
    verr *e = validate(&cx, sch, values, "");
    sg_buf b;
    buf_init(&b);
    if (!e) return "";
    verr **top = &e;
    size_t ntop = 1;
    if (e->kind == EK_GROUP) { top = e->kids; ntop = e->nkids; }
    for (size_t i = 0; i < ntop; i++) print4(&b, top[i], 0);
    return b.p;
}

const char *schema_errors(const char *schema, size_t len, sg_value values)
{
    return schema_errors_log(schema, len, values, NULL);
}

/* ValidateAgainstSchema: this chart, then its enabled dependencies. */
static void validate_rec(const sg_helmchart *c, sg_value values, sg_buf *out, sg_buf *log)
{
    if (c->schema) {
        const char *e = schema_errors_log(c->schema, c->schemalen, values, log);
        if (*e) buf_printf(out, "%s:\n%s", c->name, e);
    }
    for (size_t i = 0; i < c->ndeps; i++) {
        const sg_helmchart *d = c->deps[i];
        if (d->disabled) continue;
        /* helm skips a subchart whose values are absent or null */
        sg_value sv = sg_nil;
        if (values.kind == VK_MAP) map_get(values, d->name, &sv);
        if (sg_helm_major == 3) {
            if (sv.kind != VK_MAP) sv = val_map();
        } else if (sv.kind == VK_NIL) continue;
        else if (sv.kind != VK_MAP) {
            buf_printf(out, "%s:\ninvalid type for values: expected object (map), got %s\n", d->name, val_typename(sv));
            continue;
        }
        validate_rec(d, sv, out, log);
    }
}

void schema_validate_chart(const sg_helmchart *c, sg_value values, sg_buf *log)
{
    sg_buf b;
    buf_init(&b);
    validate_rec(c, values, &b, log);
    if (b.len) sg_throwf("values don't meet the specifications of the schema(s) in the following chart(s):\n%s", b.p);
}
