/* schema_v3.c - values.schema.json as helm v3.17.3 validates it: a port of the rules of
 * xeipuuv/gojsonschema v1.2.0 (schema.go parses, validation.go validates).
 *
 * Parsing walks each subschema's keywords in gojsonschema's fixed order and stops at the
 * first bad one with its message ("required must be of an array"); it knows drafts 4, 6
 * and 7 by their exact "$schema" URL, and any other (or none) is its "hybrid" draft.  No
 * metaschema is consulted: keywords it does not know ($defs, prefixItems...) are ignored,
 * and a subschema reached only through them is never parsed.  A "$ref" replaces its
 * whole subschema (every draft); a first "$ref" to a target stops the parsing of its
 * siblings.
 *
 * Validation appends errors in gojsonschema's order: combinators (anyOf, oneOf, allOf,
 * not, dependencies, if) first, then the type's own keywords (array items before
 * minItems), then const/enum, then an object's properties.  anyOf/oneOf/contains add the
 * errors of their best-scoring failed subschema, allOf all of them, before or after its
 * own line as gojsonschema does.  Go map iteration (properties, patternProperties,
 * additionalProperties, dependencies) is random in helm; here it is document order.
 * Each error prints as "- <field>: <description>". */
#include "schema_v3.h"
#include "schema_json.h"
#include "schema_ref.h"
#include "schema_ext.h"
#include "../base/arena.h"
#include "../base/buf.h"
#include "../funcs/regex.h"
#include "../io/json.h"
#include "../value/gofmt.h"
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { D4 = 4, D6 = 6, D7 = 7, HYBRID = 1000 };

typedef struct s3 s3;
typedef struct named { const char *name; s3 *s; sg_regex *re; const char **deps; size_t ndeps; } named;

struct s3 {
    int pass;                    /* -1: an object schema; 0/1: false/true */
    s3 *ref;                     /* $ref target: replaces everything else */
    const char *types[8];
    size_t ntypes;
    named *props, *pats, *deps;
    size_t nprops, npats, ndeps;
    int addl;                    /* 0 none, 1 boolean (addl_ok), 2 schema */
    bool addl_ok;
    s3 *addls, *propnames;
    s3 **items;
    size_t nitems;
    bool items_single;
    int addit;                   /* like addl */
    bool addit_ok;
    s3 *addits;
    bool has_mult, has_min, has_emin, has_max, has_emax;
    sg_value mult, min, emin, max, emax;
    long long minlen, maxlen, minprops, maxprops, minitems, maxitems; /* -1: absent */
    sg_regex *pattern;
    const char *pattern_src, *format;
    const char **required;
    size_t nrequired;
    bool unique;
    s3 *contains;
    const char *cnst;            /* marshalWithoutNumber text */
    const char **enums;
    size_t nenums;
    s3 **oneof, **anyof, **allof;
    size_t noneof, nanyof, nallof;
    s3 *not, *if_, *then_, *else_;
};

typedef struct refent { const char *key; s3 *s; } refent;

typedef struct p3 {
    sg_value root;
    int draft;
    const char *err;             /* the first parse error */
    refent *refs;                /* gojsonschema's referencePool */
    size_t nrefs, caprefs;
    schema_refs *ids;            /* the documents $id names, absolute $refs */
} p3;

/* ---------------------------------------------------------------- helpers */

static bool is_map(sg_value v) { return v.kind == VK_MAP; }
static bool is_map_or_bool(sg_value v) { return v.kind == VK_MAP || v.kind == VK_BOOL; }
static bool has(sg_value m, const char *k, sg_value *out) { return map_get(m, k, out); }

static void *grow(void *p, size_t n, size_t *cap, size_t sz)
{
    if (n < *cap) return p;
    size_t nc = *cap ? *cap * 2 : 8;
    p = sg_realloc(p, *cap * sz, nc * sz);
    *cap = nc;
    return p;
}

/* marshalWithoutNumber: json.Marshal after a round trip through float64 numbers. */
static const char *mwn(sg_value v)
{
    sg_buf b;
    buf_init(&b);
    const char *err;
    if (jsonio_emit(&b, schema_plain(v), 0, &err) != 0) return "?";
    return b.p;
}

/* mustBeInteger: a number whose text parses as an int64 ("1.0" and "1e2" do not). */
static bool must_int(sg_value v, long long *out)
{
    if (!schema_is_num(v)) return false;
    const char *t = schema_num_text(v);
    if (!t) {
        double f = schema_num(v);
        if (f != floor(f) || fabs(f) > 9.2e18) return false;
        *out = (long long)f;
        return true;
    }
    const char *p = t;
    if (*p == '-') p++;
    if (!*p) return false;
    for (const char *q = p; *q; q++)
        if (!isdigit((unsigned char)*q)) return false;
    if (strlen(p) > 19 || (strlen(p) == 19 && strcmp(p, *t == '-' ? "9223372036854775808" : "9223372036854775807") > 0))
        return false;
    *out = strtoll(t, NULL, 10);
    return true;
}

static bool type_known(const char *t)
{
    static const char *const all[] = { "array", "boolean", "integer", "number", "null", "object", "string" };
    for (size_t i = 0; i < 7; i++)
        if (!strcmp(t, all[i])) return true;
    return false;
}

static const char *invalid_type(const char *expected, const char *given)
{
    return sg_sprintf("Invalid type. Expected: %s, given: %s", expected, given);
}

/* ---------------------------------------------------------------- $ref */

/* gojsonpointer's Get of fragment `frag` (already URL-decoded) in doc. */
static const char *pointer_get(sg_value doc, const char *frag, sg_value *out)
{
    *out = doc;
    if (frag[0] != '/') return NULL; /* not a pointer: the whole document */
    const char *p = frag + 1;
    for (;;) {
        const char *e = strchr(p, '/');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        char *tok = sg_strndup(p, n);
        sg_buf k;
        buf_init(&k);
        for (size_t i = 0; i < n; i++) {
            if (tok[i] == '~' && tok[i + 1] == '1') { buf_putc(&k, '/'); i++; }
            else if (tok[i] == '~' && tok[i + 1] == '0') { buf_putc(&k, '~'); i++; }
            else buf_putc(&k, tok[i]);
        }
        if (out->kind == VK_MAP) {
            if (!map_get(*out, k.p, out)) return sg_sprintf("Object has no key '%s'", k.p);
        } else if (out->kind == VK_LIST) {
            char *end;
            long idx = strtol(tok, &end, 10);
            if (!n || *end) return sg_sprintf("Invalid array index '%s'", tok);
            if (idx < 0 || (size_t)idx >= list_len(*out))
                return sg_sprintf("Out of bound array[0,%zu] index '%ld'", list_len(*out), idx);
            *out = list_get(*out, (size_t)idx);
        } else
            return sg_sprintf("Invalid token reference '%s'", tok);
        if (!e) break;
        p = e + 1;
    }
    return NULL;
}

static const char *url_decode(const char *s)
{
    if (!strchr(s, '%')) return s;
    sg_buf d;
    buf_init(&d);
    for (const char *q = s; *q; q++) {
        if (q[0] == '%' && isxdigit((unsigned char)q[1]) && isxdigit((unsigned char)q[2])) {
            char hex[3] = { q[1], q[2], 0 };
            buf_putc(&d, (char)strtol(hex, NULL, 16));
            q += 2;
        } else
            buf_putc(&d, *q);
    }
    return d.p;
}

/* pool.GetDocument for an absolute reference: an identified subschema, or a pointer
 * into one; anything else would be loaded, and only canonical URLs can be (schema_ext.c:
 * an http(s) document, not fetched, is taken as the empty schema). */
static const char *get_document(p3 *p, const char *ref, sg_value *out)
{
    const char *frag;
    if (!schema_refs_lookup(p->ids, ref, out, &frag)) {
        const char *err = schema_ext_load3(ref);
        if (!err) *out = val_map();
        return err;
    }
    return frag ? pointer_get(*out, url_decode(frag), out) : NULL;
}

/* ---------------------------------------------------------------- parsing */

static s3 *parse(p3 *p, sg_value node);

static s3 **parse_list(p3 *p, sg_value l, size_t *n)
{
    *n = list_len(l);
    s3 **v = sg_alloc((*n + 1) * sizeof *v);
    for (size_t i = 0; i < *n; i++)
        if (!(v[i] = parse(p, list_get(l, i)))) return NULL;
    return v;
}

static bool parse_count(p3 *p, sg_value m, const char *kw, long long *out)
{
    sg_value k;
    *out = -1;
    if (!has(m, kw, &k)) return true;
    long long v;
    if (!must_int(k, &v)) { p->err = sg_sprintf("%s must be of an integer", kw); return false; }
    if (v < 0) { p->err = sg_sprintf("%s must be greater than or equal to 0", kw); return false; }
    *out = v;
    return true;
}

/* exclusiveMinimum/exclusiveMaximum by draft (the bound keyword parsed before it). */
static bool parse_exclusive(p3 *p, sg_value m, const char *kw, const char *boundkw, bool *has_bound, sg_value *bound,
                            bool *has_ex, sg_value *ex)
{
    sg_value k;
    if (!has(m, kw, &k)) return true;
    if (p->draft == D4 || (p->draft == HYBRID && k.kind == VK_BOOL)) {
        if (k.kind != VK_BOOL) { p->err = invalid_type("boolean", kw); return false; }
        if (!*has_bound) { p->err = sg_sprintf("%s cannot be used without %s", kw, boundkw); return false; }
        if (k.u.b) { *has_ex = true; *ex = *bound; *has_bound = false; }
        return true;
    }
    if (!schema_is_num(k)) { p->err = invalid_type(p->draft == HYBRID ? "boolean/number" : "number", kw); return false; }
    *has_ex = true;
    *ex = k;
    return true;
}

static s3 *parse(p3 *p, sg_value node)
{
    s3 *s = sg_alloc(sizeof *s);
    memset(s, 0, sizeof *s);
    s->pass = -1;
    if (p->draft >= D6 && node.kind == VK_BOOL) {
        s->pass = node.u.b;
        return s;
    }
    if (!is_map(node)) { p->err = "Expected: valid schema, given: Invalid JSON"; return NULL; }
    sg_value m = node, k;
    const char *keyid = p->draft == D4 ? "id" : p->draft == HYBRID && has(m, "id", NULL) ? "id" : "$id";
    if (has(m, keyid, &k) && k.kind != VK_STRING) { p->err = invalid_type("string", keyid); return NULL; }
    if (has(m, "definitions", &k)) {
        if (k.kind == VK_BOOL) { /* isKind lets it through; the map assertion panics */
            p->err = "unable to validate schema: interface conversion: interface {} is bool, not map[string]interface {}";
            return NULL;
        }
        if (!is_map(k)) { p->err = invalid_type("array of schemas", "definitions"); return NULL; }
        for (size_t it = 0;;) {
            sg_mapent *e;
            if (!map_next(k, &it, &e)) break;
            if (!is_map_or_bool(e->val)) { p->err = invalid_type("array of schemas", "definitions"); return NULL; }
            if (!parse(p, e->val)) return NULL;
        }
    }
    if (has(m, "title", &k) && k.kind != VK_STRING) { p->err = invalid_type("string", "title"); return NULL; }
    if (has(m, "description", &k) && k.kind != VK_STRING) { p->err = invalid_type("string", "description"); return NULL; }
    if (has(m, "$ref", &k)) {
        if (k.kind != VK_STRING) { p->err = invalid_type("string", "$ref"); return NULL; }
        const char *ref = schema_refs_abs(p->ids, m);
        for (size_t i = 0; i < p->nrefs; i++)
            if (!strcmp(p->refs[i].key, ref)) { s->ref = p->refs[i].s; break; }
        if (!s->ref) {
            /* parseReference: pooled before its target is parsed (recursion ends there) */
            s3 *t = sg_alloc(sizeof *t);
            memset(t, 0, sizeof *t);
            t->pass = -1;
            p->refs = grow(p->refs, p->nrefs, &p->caprefs, sizeof *p->refs);
            p->refs[p->nrefs].key = ref;
            p->refs[p->nrefs++].s = t;
            sg_value doc;
            const char *e = get_document(p, ref, &doc);
            if (e) { p->err = e; return NULL; }
            if (!is_map_or_bool(doc)) { p->err = "valid schema must be of type object"; return NULL; }
            s3 *parsed = parse(p, doc);
            if (!parsed) return NULL;
            *t = *parsed;
            s->ref = t;
            return s;
        }
    }
    if (has(m, "type", &k)) {
        sg_value one[1] = { k };
        size_t n = 1;
        sg_value *ts = one;
        if (k.kind == VK_LIST) { n = list_len(k); ts = k.u.l->items; }
        else if (k.kind != VK_STRING) { p->err = invalid_type("string/array of strings", "type"); return NULL; }
        for (size_t i = 0; i < n; i++) {
            if (schema_is_num(ts[i])) { /* a json.Number's reflect kind is string: the assertion panics */
                p->err = "unable to validate schema: interface conversion: interface {} is json.Number, not string";
                return NULL;
            }
            if (ts[i].kind != VK_STRING) { p->err = invalid_type("string/array of strings", "type"); return NULL; }
            const char *t = ts[i].u.s.p;
            if (!type_known(t)) {
                p->err = sg_sprintf("has a primitive type that is NOT VALID -- given: /%s/ Expected valid values "
                                    "are:[array boolean integer number null object string]", t);
                return NULL;
            }
            for (size_t j = 0; j < s->ntypes; j++)
                if (!strcmp(s->types[j], t)) { p->err = sg_sprintf("%s type is duplicated", t); return NULL; }
            s->types[s->ntypes++] = t;
        }
    }
    if (has(m, "properties", &k)) {
        if (!is_map(k)) { p->err = "properties must be of type object"; return NULL; }
        s->props = sg_alloc((map_len(k) + 1) * sizeof *s->props);
        for (size_t it = 0;;) {
            sg_mapent *e;
            if (!map_next(k, &it, &e)) break;
            named *n = &s->props[s->nprops++];
            n->name = e->key;
            if (!(n->s = parse(p, e->val))) return NULL;
        }
    }
    if (has(m, "additionalProperties", &k)) {
        if (k.kind == VK_BOOL) { s->addl = 1; s->addl_ok = k.u.b; }
        else if (is_map(k)) { s->addl = 2; if (!(s->addls = parse(p, k))) return NULL; }
        else { p->err = invalid_type("boolean/valid schema", "additionalProperties"); return NULL; }
    }
    if (has(m, "patternProperties", &k)) {
        if (!is_map(k)) { p->err = invalid_type("valid schema", "patternProperties"); return NULL; }
        s->pats = sg_alloc((map_len(k) + 1) * sizeof *s->pats);
        for (size_t it = 0;;) {
            sg_mapent *e;
            if (!map_next(k, &it, &e)) break;
            const char *rerr;
            named *n = &s->pats[s->npats++];
            n->name = e->key;
            if (!(n->re = regex_compile(e->key, e->klen, &rerr))) {
                p->err = sg_sprintf("Invalid regex pattern '%s'", e->key);
                return NULL;
            }
            if (!(n->s = parse(p, e->val))) return NULL;
        }
    }
    if (p->draft >= D6 && has(m, "propertyNames", &k)) {
        if (!is_map_or_bool(k)) { p->err = invalid_type("valid schema", "patternProperties"); return NULL; }
        if (!(s->propnames = parse(p, k))) return NULL;
    }
    if (has(m, "dependencies", &k)) {
        if (!is_map(k)) { p->err = "dependencies must be of type object"; return NULL; }
        s->deps = sg_alloc((map_len(k) + 1) * sizeof *s->deps);
        for (size_t it = 0;;) {
            sg_mapent *e;
            if (!map_next(k, &it, &e)) break;
            named d = { e->key, NULL, NULL, NULL, 0 };
            if (e->val.kind == VK_LIST) {
                d.deps = sg_alloc((list_len(e->val) + 1) * sizeof *d.deps);
                for (size_t i = 0; i < list_len(e->val); i++) {
                    sg_value x = list_get(e->val, i);
                    if (x.kind != VK_STRING) { p->err = "dependency must be of type schema or array of strings"; return NULL; }
                    d.deps[d.ndeps++] = x.u.s.p;
                }
                if (!d.ndeps) continue; /* an empty list registers nothing */
            } else if (is_map_or_bool(e->val)) {
                if (!(d.s = parse(p, e->val))) return NULL;
            } else {
                p->err = "dependency must be of type schema or array of strings";
                return NULL;
            }
            s->deps[s->ndeps++] = d;
        }
    }
    if (has(m, "items", &k)) {
        if (k.kind == VK_LIST) {
            s->items = sg_alloc((list_len(k) + 1) * sizeof *s->items);
            for (size_t i = 0; i < list_len(k); i++) {
                sg_value x = list_get(k, i);
                if (!is_map_or_bool(x)) { p->err = invalid_type("valid schema/array of schemas", "items"); return NULL; }
                if (!(s->items[s->nitems++] = parse(p, x))) return NULL;
            }
        } else if (is_map_or_bool(k)) {
            s->items = sg_alloc(sizeof *s->items);
            if (!(s->items[0] = parse(p, k))) return NULL;
            s->nitems = 1;
            s->items_single = true;
        } else {
            p->err = invalid_type("valid schema/array of schemas", "items");
            return NULL;
        }
    }
    if (has(m, "additionalItems", &k)) {
        if (k.kind == VK_BOOL) { s->addit = 1; s->addit_ok = k.u.b; }
        else if (is_map(k)) { s->addit = 2; if (!(s->addits = parse(p, k))) return NULL; }
        else { p->err = invalid_type("boolean/valid schema", "additionalItems"); return NULL; }
    }
    if (has(m, "multipleOf", &k)) {
        if (!schema_is_num(k)) { p->err = invalid_type("number", "multipleOf"); return NULL; }
        if (schema_num(k) <= 0) { p->err = "multipleOf must be strictly greater than 0"; return NULL; }
        s->has_mult = true;
        s->mult = k;
    }
    if (has(m, "minimum", &k)) {
        if (!schema_is_num(k)) { p->err = "minimum must be of a number"; return NULL; }
        s->has_min = true;
        s->min = k;
    }
    if (!parse_exclusive(p, m, "exclusiveMinimum", "minimum", &s->has_min, &s->min, &s->has_emin, &s->emin)) return NULL;
    if (has(m, "maximum", &k)) {
        if (!schema_is_num(k)) { p->err = "maximum must be of a number"; return NULL; }
        s->has_max = true;
        s->max = k;
    }
    if (!parse_exclusive(p, m, "exclusiveMaximum", "maximum", &s->has_max, &s->max, &s->has_emax, &s->emax)) return NULL;
    if (!parse_count(p, m, "minLength", &s->minlen) || !parse_count(p, m, "maxLength", &s->maxlen)) return NULL;
    if (s->minlen >= 0 && s->maxlen >= 0 && s->minlen > s->maxlen) {
        p->err = "minLength cannot be greater than maxLength";
        return NULL;
    }
    if (has(m, "pattern", &k)) {
        if (k.kind != VK_STRING) { p->err = "pattern must be of a string"; return NULL; }
        const char *rerr;
        if (!(s->pattern = regex_compile(k.u.s.p, k.u.s.n, &rerr))) { p->err = "pattern must be a valid regex"; return NULL; }
        s->pattern_src = k.u.s.p;
    }
    if (has(m, "format", &k)) {
        if (k.kind != VK_STRING) { p->err = "format must be of type string"; return NULL; }
        s->format = k.u.s.p;
    }
    if (!parse_count(p, m, "minProperties", &s->minprops) || !parse_count(p, m, "maxProperties", &s->maxprops)) return NULL;
    if (s->minprops >= 0 && s->maxprops >= 0 && s->minprops > s->maxprops) {
        p->err = "minProperties cannot be greater than maxProperties";
        return NULL;
    }
    if (has(m, "required", &k)) {
        if (k.kind != VK_LIST) { p->err = "required must be of an array"; return NULL; }
        s->required = sg_alloc((list_len(k) + 1) * sizeof *s->required);
        for (size_t i = 0; i < list_len(k); i++) {
            sg_value x = list_get(k, i);
            if (x.kind != VK_STRING) { p->err = "required items must be string"; return NULL; }
            for (size_t j = 0; j < s->nrequired; j++)
                if (!strcmp(s->required[j], x.u.s.p)) { p->err = "required items must be unique"; return NULL; }
            s->required[s->nrequired++] = x.u.s.p;
        }
    }
    if (!parse_count(p, m, "minItems", &s->minitems) || !parse_count(p, m, "maxItems", &s->maxitems)) return NULL;
    if (has(m, "uniqueItems", &k)) {
        if (k.kind != VK_BOOL) { p->err = "uniqueItems must be of a boolean"; return NULL; }
        s->unique = k.u.b;
    }
    if (p->draft >= D6 && has(m, "contains", &k) && !(s->contains = parse(p, k))) return NULL;
    if (p->draft >= D6 && has(m, "const", &k)) s->cnst = mwn(k);
    if (has(m, "enum", &k)) {
        if (k.kind != VK_LIST) { p->err = "enum must be of an array"; return NULL; }
        s->enums = sg_alloc((list_len(k) + 1) * sizeof *s->enums);
        for (size_t i = 0; i < list_len(k); i++) {
            const char *t = mwn(list_get(k, i));
            for (size_t j = 0; j < s->nenums; j++)
                if (!strcmp(s->enums[j], t)) { p->err = "enum items must be unique"; return NULL; }
            s->enums[s->nenums++] = t;
        }
    }
    static const char *const combs[] = { "oneOf", "anyOf", "allOf" };
    s3 ***lists[] = { &s->oneof, &s->anyof, &s->allof };
    size_t *counts[] = { &s->noneof, &s->nanyof, &s->nallof };
    for (size_t c = 0; c < 3; c++) {
        if (!has(m, combs[c], &k)) continue;
        /* gojsonschema names anyOf in allOf's message */
        if (k.kind != VK_LIST) { p->err = sg_sprintf("%s must be of an array", c == 2 ? "anyOf" : combs[c]); return NULL; }
        if (!(*lists[c] = parse_list(p, k, counts[c]))) return NULL;
    }
    if (has(m, "not", &k)) {
        if (!is_map_or_bool(k)) { p->err = "not must be of an object"; return NULL; }
        if (!(s->not = parse(p, k))) return NULL;
    }
    if (p->draft >= D7) {
        static const char *const conds[] = { "if", "then", "else" };
        s3 **slots[] = { &s->if_, &s->then_, &s->else_ };
        for (size_t c = 0; c < 3; c++) {
            if (!has(m, conds[c], &k)) continue;
            if (!is_map_or_bool(k)) { p->err = sg_sprintf("%s must be of an object", conds[c]); return NULL; }
            if (!(*slots[c] = parse(p, k))) return NULL;
        }
    }
    return s;
}

/* ---------------------------------------------------------------- validation */

typedef struct r3 {
    const char **lines;
    size_t n, cap;
    int score;
} r3;

/* Result.addInternalError: "<field>: <description>", score -2. */
static void add_err(r3 *r, const char *ctx, const char *desc)
{
    const char *field = !strncmp(ctx, "(root).", 7) ? ctx + 7 : ctx;
    r->lines = grow(r->lines, r->n, &r->cap, sizeof *r->lines);
    r->lines[r->n++] = sg_sprintf("%s: %s", field, desc);
    r->score -= 2;
}

static const char *field_of(const char *ctx) { return !strncmp(ctx, "(root).", 7) ? ctx + 7 : ctx; }

static void merge(r3 *r, const r3 *o)
{
    for (size_t i = 0; i < o->n; i++) {
        r->lines = grow(r->lines, r->n, &r->cap, sizeof *r->lines);
        r->lines[r->n++] = o->lines[i];
    }
    r->score += o->score;
}

static const char *sub_ctx(const char *ctx, const char *key) { return sg_sprintf("%s.%s", ctx, key); }

static bool is_int_value(sg_value v)
{
    if (v.kind == VK_INT || v.kind == VK_INT64) return true;
    return v.kind == VK_FLOAT && isfinite(v.u.f) && v.u.f == floor(v.u.f);
}

static bool has_type(const s3 *s, const char *t)
{
    for (size_t i = 0; i < s->ntypes; i++)
        if (!strcmp(s->types[i], t)) return true;
    return false;
}

static const char *types_str(const s3 *s)
{
    if (s->ntypes == 1) return s->types[0];
    sg_buf b;
    buf_init(&b);
    buf_putc(&b, '[');
    for (size_t i = 0; i < s->ntypes; i++) {
        if (i) buf_putc(&b, ',');
        buf_puts(&b, s->types[i]);
    }
    buf_putc(&b, ']');
    return b.p;
}

/* big.Float %v of a bound: the shortest 'g' form. */
static const char *gnum(sg_value v)
{
    sg_buf b;
    buf_init(&b);
    gofmt_float(&b, schema_num(v), 'g', -1);
    return b.p;
}

static void validate(const s3 *s, sg_value v, r3 *r, const char *ctx);

static r3 sub_validate(const s3 *s, sg_value v, const char *ctx)
{
    r3 r = { 0 };
    validate(s, v, &r, ctx);
    return r;
}

static void validate_schema(const s3 *s, sg_value v, r3 *r, const char *ctx)
{
    if (s->nanyof) {
        bool ok = false;
        r3 best = { 0 };
        bool have_best = false;
        for (size_t i = 0; i < s->nanyof && !ok; i++) {
            r3 x = sub_validate(s->anyof[i], v, ctx);
            ok = x.n == 0;
            if (!ok && (!have_best || x.score > best.score)) { best = x; have_best = true; }
        }
        if (!ok) {
            add_err(r, ctx, "Must validate at least one schema (anyOf)");
            if (have_best) merge(r, &best);
        }
    }
    if (s->noneof) {
        size_t nvalid = 0;
        r3 best = { 0 };
        bool have_best = false;
        for (size_t i = 0; i < s->noneof; i++) {
            r3 x = sub_validate(s->oneof[i], v, ctx);
            if (x.n == 0) nvalid++;
            else if (nvalid == 0 && (!have_best || x.score > best.score)) { best = x; have_best = true; }
        }
        if (nvalid != 1) {
            add_err(r, ctx, "Must validate one and only one schema (oneOf)");
            if (nvalid == 0 && have_best) merge(r, &best);
        }
    }
    if (s->nallof) {
        size_t nvalid = 0;
        for (size_t i = 0; i < s->nallof; i++) {
            r3 x = sub_validate(s->allof[i], v, ctx);
            if (x.n == 0) nvalid++;
            merge(r, &x);
        }
        if (nvalid != s->nallof) add_err(r, ctx, "Must validate all the schemas (allOf)");
    }
    if (s->not) {
        r3 x = sub_validate(s->not, v, ctx);
        if (x.n == 0) add_err(r, ctx, "Must not validate the schema (not)");
    }
    if (s->ndeps && v.kind == VK_MAP) {
        for (size_t i = 0; i < s->ndeps; i++) {
            const named *d = &s->deps[i];
            if (!map_get(v, d->name, NULL)) continue;
            if (d->s) {
                validate(d->s, v, r, ctx);
                continue;
            }
            for (size_t j = 0; j < d->ndeps; j++)
                if (!map_get(v, d->deps[j], NULL)) add_err(r, ctx, sg_sprintf("Has a dependency on %s", d->deps[j]));
        }
    }
    if (s->if_) {
        r3 x = sub_validate(s->if_, v, ctx);
        if (s->then_ && x.n == 0) {
            r3 t = sub_validate(s->then_, v, ctx);
            if (t.n) {
                add_err(r, ctx, "Must validate \"then\" as \"if\" was valid");
                merge(r, &t);
            }
        }
        if (s->else_ && x.n != 0) {
            r3 e = sub_validate(s->else_, v, ctx);
            if (e.n) {
                add_err(r, ctx, "Must validate \"else\" as \"if\" was not valid");
                merge(r, &e);
            }
        }
    }
    r->score++;
}

static void validate_common(const s3 *s, sg_value v, r3 *r, const char *ctx)
{
    if (s->cnst) {
        if (strcmp(mwn(v), s->cnst)) add_err(r, ctx, sg_sprintf("%s does not match: %s", field_of(ctx), s->cnst));
    }
    if (s->nenums) {
        const char *t = mwn(v);
        bool found = false;
        for (size_t i = 0; i < s->nenums && !found; i++) found = !strcmp(t, s->enums[i]);
        if (!found) {
            sg_buf b;
            buf_init(&b);
            for (size_t i = 0; i < s->nenums; i++) {
                if (i) buf_puts(&b, ", ");
                buf_puts(&b, s->enums[i]);
            }
            add_err(r, ctx, sg_sprintf("%s must be one of the following: %s", field_of(ctx), b.p));
        }
    }
    r->score++;
}

static void validate_array(const s3 *s, sg_value v, r3 *r, const char *ctx)
{
    size_t n = list_len(v);
    char idx[32];
    if (s->items_single) {
        for (size_t i = 0; i < n; i++) {
            snprintf(idx, sizeof idx, "%zu", i);
            r3 x = sub_validate(s->items[0], list_get(v, i), sub_ctx(ctx, idx));
            merge(r, &x);
        }
    } else if (s->nitems) {
        for (size_t i = 0; i < s->nitems && i < n; i++) {
            snprintf(idx, sizeof idx, "%zu", i);
            r3 x = sub_validate(s->items[i], list_get(v, i), sub_ctx(ctx, idx));
            merge(r, &x);
        }
        if (s->nitems < n) {
            if (s->addit == 1 && !s->addit_ok) add_err(r, ctx, "No additional items allowed on array");
            else if (s->addit == 2)
                for (size_t i = s->nitems; i < n; i++) {
                    snprintf(idx, sizeof idx, "%zu", i);
                    r3 x = sub_validate(s->addits, list_get(v, i), sub_ctx(ctx, idx));
                    merge(r, &x);
                }
        }
    }
    if (s->minitems >= 0 && (long long)n < s->minitems)
        add_err(r, ctx, sg_sprintf("Array must have at least %lld items", s->minitems));
    if (s->maxitems >= 0 && (long long)n > s->maxitems)
        add_err(r, ctx, sg_sprintf("Array must have at most %lld items", s->maxitems));
    if (s->unique) {
        /* each item equal (as JSON text) to an earlier one names the latest such */
        const char **texts = sg_alloc((n + 1) * sizeof *texts);
        for (size_t j = 0; j < n; j++) {
            texts[j] = mwn(list_get(v, j));
            for (size_t i = j; i-- > 0;)
                if (!strcmp(texts[i], texts[j])) {
                    add_err(r, ctx, sg_sprintf("array items[%zu,%zu] must be unique", i, j));
                    break;
                }
        }
    }
    if (s->contains) {
        bool ok = false;
        r3 best = { 0 };
        bool have_best = false;
        for (size_t i = 0; i < n && !ok; i++) {
            snprintf(idx, sizeof idx, "%zu", i);
            r3 x = sub_validate(s->contains, list_get(v, i), sub_ctx(ctx, idx));
            if (x.n == 0) ok = true;
            else if (!have_best || x.score > best.score) { best = x; have_best = true; }
        }
        if (!ok) {
            add_err(r, ctx, "At least one of the items must match");
            if (have_best) merge(r, &best);
        }
    }
    r->score++;
}

static void validate_object(const s3 *s, sg_value v, r3 *r, const char *ctx)
{
    size_t n = map_len(v);
    if (s->minprops >= 0 && (long long)n < s->minprops)
        add_err(r, ctx, sg_sprintf("Must have at least %lld properties", s->minprops));
    if (s->maxprops >= 0 && (long long)n > s->maxprops)
        add_err(r, ctx, sg_sprintf("Must have at most %lld properties", s->maxprops));
    for (size_t i = 0; i < s->nrequired; i++) {
        if (map_get(v, s->required[i], NULL)) r->score++;
        else add_err(r, ctx, sg_sprintf("%s is required", s->required[i]));
    }
    for (size_t it = 0;;) {
        sg_mapent *e;
        if (!map_next(v, &it, &e)) break;
        bool found = false;
        for (size_t i = 0; i < s->nprops && !found; i++) found = !strcmp(s->props[i].name, e->key);
        bool matched = false;
        for (size_t i = 0; i < s->npats; i++)
            if (regex_match(s->pats[i].re, e->key, e->klen)) {
                matched = true;
                r3 x = sub_validate(s->pats[i].s, e->val, sub_ctx(ctx, e->key));
                merge(r, &x);
            }
        if (matched) r->score++;
        if (found || matched) continue;
        if (s->addl == 1 && !s->addl_ok) add_err(r, ctx, sg_sprintf("Additional property %s is not allowed", e->key));
        else if (s->addl == 2) {
            r3 x = sub_validate(s->addls, e->val, sub_ctx(ctx, e->key));
            merge(r, &x);
        }
    }
    if (s->propnames)
        for (size_t it = 0;;) {
            sg_mapent *e;
            if (!map_next(v, &it, &e)) break;
            r3 x = sub_validate(s->propnames, val_str(e->key, e->klen), ctx);
            if (x.n) {
                add_err(r, ctx, sg_sprintf("Property name of \"%s\" does not match", e->key));
                merge(r, &x);
            }
        }
    r->score++;
}

static void validate_string(const s3 *s, sg_value v, r3 *r, const char *ctx)
{
    long long n = (long long)gofmt_rune_count(v.u.s.p, v.u.s.n);
    if (s->minlen >= 0 && n < s->minlen)
        add_err(r, ctx, sg_sprintf("String length must be greater than or equal to %lld", s->minlen));
    if (s->maxlen >= 0 && n > s->maxlen)
        add_err(r, ctx, sg_sprintf("String length must be less than or equal to %lld", s->maxlen));
    if (s->pattern && !regex_match(s->pattern, v.u.s.p, v.u.s.n))
        add_err(r, ctx, sg_sprintf("Does not match pattern '%s'", s->pattern_src));
    if (s->format && !schema_format_ok3(s->format, v)) add_err(r, ctx, sg_sprintf("Does not match format '%s'", s->format));
    r->score++;
}

static void validate_number(const s3 *s, sg_value v, r3 *r, const char *ctx)
{
    double x = schema_num(v);
    if (s->has_mult && !schema_multiple_of(x, schema_num(s->mult)))
        add_err(r, ctx, sg_sprintf("Must be a multiple of %s", gnum(s->mult)));
    if (s->has_max && x > schema_num(s->max)) add_err(r, ctx, sg_sprintf("Must be less than or equal to %s", gnum(s->max)));
    if (s->has_emax && x >= schema_num(s->emax)) add_err(r, ctx, sg_sprintf("Must be less than %s", gnum(s->emax)));
    if (s->has_min && x < schema_num(s->min)) add_err(r, ctx, sg_sprintf("Must be greater than or equal to %s", gnum(s->min)));
    if (s->has_emin && x <= schema_num(s->emin)) add_err(r, ctx, sg_sprintf("Must be greater than %s", gnum(s->emin)));
    if (s->format && !schema_format_ok3(s->format, v)) add_err(r, ctx, sg_sprintf("Does not match format '%s'", s->format));
    r->score++;
}

/* Nesting of validate calls: a $ref cycle that never descends into the value overflows
 * gojsonschema's stack (helm v3 dies with a Go stack dump); here it stops at a bound. */
static int depth;

/* validateRecursive */
static void validate(const s3 *s, sg_value v, r3 *r, const char *ctx)
{
    if (depth > 1000) return;
    if (s->pass >= 0) {
        if (!s->pass) add_err(r, ctx, "False always fails validation");
        return;
    }
    if (s->ref) {
        depth++;
        validate(s->ref, v, r, ctx);
        depth--;
        return;
    }
    const char *given;
    bool ok;
    switch (v.kind) {
    case VK_NIL: given = "null"; ok = has_type(s, "null"); break;
    case VK_INT: case VK_INT64: case VK_FLOAT:
        given = is_int_value(v) ? "integer" : "number";
        ok = has_type(s, "number") || (is_int_value(v) && has_type(s, "integer"));
        break;
    case VK_LIST: given = "array"; ok = has_type(s, "array"); break;
    case VK_MAP: given = "object"; ok = has_type(s, "object"); break;
    case VK_BOOL: given = "boolean"; ok = has_type(s, "boolean"); break;
    case VK_STRING: given = "string"; ok = has_type(s, "string"); break;
    default: given = "object"; ok = true; break;
    }
    if (s->ntypes && !ok) {
        add_err(r, ctx, sg_sprintf("Invalid type. Expected: %s, given: %s", types_str(s), given));
        return;
    }
    validate_schema(s, v, r, ctx);
    if (schema_is_num(v)) validate_number(s, v, r, ctx);
    else if (v.kind == VK_LIST) validate_array(s, v, r, ctx);
    else if (v.kind == VK_MAP) validate_object(s, v, r, ctx);
    validate_common(s, v, r, ctx);
    if (v.kind == VK_STRING) validate_string(s, v, r, ctx);
    if (v.kind == VK_MAP)
        for (size_t i = 0; i < s->nprops; i++) {
            sg_value c;
            if (map_get(v, s->props[i].name, &c)) validate(s->props[i].s, c, r, sub_ctx(ctx, s->props[i].name));
        }
    r->score++;
}

/* ---------------------------------------------------------------- entry */

static int draft_of(sg_value sch)
{
    sg_value s;
    if (!is_map(sch) || !has(sch, "$schema", &s) || s.kind != VK_STRING) return HYBRID;
    /* gojsonreference's URL string: an empty fragment is dropped */
    size_t n = s.u.s.n;
    if (n && s.u.s.p[n - 1] == '#') n--;
    static const char *const urls[] = { "http://json-schema.org/draft-04/schema", "http://json-schema.org/draft-06/schema",
                                        "http://json-schema.org/draft-07/schema" };
    static const int ds[] = { D4, D6, D7 };
    for (size_t i = 0; i < 3; i++)
        if (strlen(urls[i]) == n && !memcmp(urls[i], s.u.s.p, n)) return ds[i];
    return HYBRID;
}

const char *schema_v3_errors(sg_value sch, sg_value values)
{
    sg_value s;
    if (is_map(sch) && has(sch, "$schema", &s) && s.kind != VK_STRING) return "$schema must be of type string";
    p3 p = { .root = sch, .draft = draft_of(sch) };
    p.ids = schema_refs_build(sch, "", p.draft, true);
    s3 *root = parse(&p, sch);
    if (!root) return p.err;
    if (values.kind == VK_NIL) values = val_map();
    r3 r = { 0 };
    depth = 0;
    validate(root, values, &r, "(root)");
    sg_buf b;
    buf_init(&b);
    for (size_t i = 0; i < r.n; i++) buf_printf(&b, "- %s\n", r.lines[i]);
    return b.p;
}
