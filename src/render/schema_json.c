/* schema_json.c - schema documents with json.Number literals (see schema_json.h).
 *
 * The document is decoded by jsonio_parse (Go's encoding/json texts for broken JSON);
 * then the number tokens of the text, in document order, are paired with the numbers of
 * the tree walked in insertion order.  When a duplicate key makes the two disagree, the
 * numbers stay plain float64. */
#include "schema_json.h"
#include "../base/arena.h"
#include "../io/json.h"
#include "../base/buf.h"
#include "../value/gofmt.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct snum {
    double f;
    const char *text;
} snum;

static const sg_objtype num_type = { .name = "json.Number", .kindname = "string" };

typedef struct toks {
    const char **text;
    size_t n, cap, next;
} toks;

static void scan_numbers(const char *s, size_t len, toks *t)
{
    for (size_t i = 0; i < len;) {
        char c = s[i];
        if (c == '"') {
            for (i++; i < len && s[i] != '"'; i++)
                if (s[i] == '\\') i++;
            i++;
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            size_t a = i;
            while (i < len && (strchr("0123456789eE.+-", s[i]) && s[i])) i++;
            if (t->n == t->cap) {
                size_t nc = t->cap ? t->cap * 2 : 16;
                t->text = sg_realloc(t->text, t->cap * sizeof *t->text, nc * sizeof *t->text);
                t->cap = nc;
            }
            t->text[t->n++] = sg_strndup(s + a, i - a);
        } else
            i++;
    }
}

static size_t count_numbers(sg_value v)
{
    size_t n = 0;
    if (v.kind == VK_FLOAT) return 1;
    if (v.kind == VK_LIST)
        for (size_t i = 0; i < list_len(v); i++) n += count_numbers(list_get(v, i));
    if (v.kind == VK_MAP)
        for (size_t it = 0;;) {
            sg_mapent *e;
            if (!map_next(v, &it, &e)) break;
            n += count_numbers(e->val);
        }
    return n;
}

static sg_value decorate(sg_value v, toks *t)
{
    if (v.kind == VK_FLOAT) {
        snum *d = sg_alloc(sizeof *d);
        d->f = v.u.f;
        d->text = t->text[t->next++];
        return val_object(&num_type, d);
    }
    if (v.kind == VK_LIST)
        for (size_t i = 0; i < list_len(v); i++) v.u.l->items[i] = decorate(v.u.l->items[i], t);
    if (v.kind == VK_MAP)
        for (size_t it = 0;;) {
            sg_mapent *e;
            if (!map_next(v, &it, &e)) break;
            e->val = decorate(e->val, t);
        }
    return v;
}

int schema_json_parse(const char *text, size_t len, sg_value *out, const char **err)
{
    if (jsonio_parse(text, len, out, err) != 0) return -1;
    toks t = { 0 };
    scan_numbers(text, len, &t);
    if (t.n == count_numbers(*out)) *out = decorate(*out, &t);
    return 0;
}

bool schema_is_num(sg_value v)
{
    return v.kind == VK_INT || v.kind == VK_INT64 || v.kind == VK_FLOAT ||
           (v.kind == VK_OBJECT && v.u.o->type == &num_type);
}

double schema_num(sg_value v)
{
    switch (v.kind) {
    case VK_INT: case VK_INT64: return (double)v.u.i;
    case VK_FLOAT: return v.u.f;
    case VK_OBJECT: return v.u.o->type == &num_type ? ((snum *)v.u.o->data)->f : 0;
    default: return 0;
    }
}

const char *schema_num_text(sg_value v)
{
    return v.kind == VK_OBJECT && v.u.o->type == &num_type ? ((snum *)v.u.o->data)->text : NULL;
}

sg_value schema_plain(sg_value v)
{
    if (schema_is_num(v)) return val_float(schema_num(v));
    if (v.kind == VK_LIST) {
        sg_value l = val_list(list_len(v));
        for (size_t i = 0; i < list_len(v); i++) list_push(l, schema_plain(list_get(v, i)));
        return l;
    }
    if (v.kind == VK_MAP) {
        sg_value m = val_map();
        for (size_t it = 0;;) {
            sg_mapent *e;
            if (!map_next(v, &it, &e)) break;
            map_setn(m, e->key, e->klen, schema_plain(e->val));
        }
        return m;
    }
    return v;
}

static const char *rat_str(double f)
{
    sg_buf b;
    buf_init(&b);
    gofmt_float(&b, f, 'e', -1);
    return b.p;
}

bool schema_multiple_of(double x, double m)
{
    const char *xs = rat_str(x), *ms = rat_str(m);
    __int128 xv = 0, mv = 0;
    int xe = 0, me = 0, xneg = 0;
    for (int pass = 0; pass < 2; pass++) {
        const char *s = pass ? ms : xs;
        __int128 *val = pass ? &mv : &xv;
        int *ex = pass ? &me : &xe;
        int frac = 0, seen_dot = 0;
        if (*s == '-') { if (!pass) xneg = 1; s++; }
        for (; *s && *s != 'e'; s++) {
            if (*s == '.') { seen_dot = 1; continue; }
            *val = *val * 10 + (*s - '0');
            frac += seen_dot;
        }
        *ex = (*s == 'e' ? atoi(s + 1) : 0) - frac;
    }
    (void)xneg;
    if (mv == 0) return true;
    int e = xe < me ? xe : me;
    for (int i = e; i < xe; i++) { if (xv > ((__int128)1 << 120)) goto approx; xv *= 10; }
    for (int i = e; i < me; i++) { if (mv > ((__int128)1 << 120)) goto approx; mv *= 10; }
    return xv % mv == 0;
approx: {
        double q = x / m;
        return isfinite(q) && q == floor(q);
    }
}
