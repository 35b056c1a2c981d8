/* json.c - JSON reading and writing with Go encoding/json semantics (see json.h).
 *
 * Reading mirrors json.Unmarshal into interface{}: the whole input is first checked for
 * syntax (Go's checkValid, so syntax errors win and carry Go's scanner messages), then
 * decoded.  Writing mirrors json.Marshal / MarshalIndent / Encoder.SetEscapeHTML(false).
 */
#include "json.h"
#include "../base/arena.h"
#include "../value/gofmt.h"
#include "gofloat.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ reading */

typedef struct jparser {
    const unsigned char *s;
    size_t n, i;
    const char *err;      /* the syntax error: Go's checkValid runs first, so it wins */
    const char *type_err; /* the first number out of float64 range (Go's saveError) */
    int depth;
} jparser;

/* Go's quoteChar: how the scanner names an offending byte. */
static const char *quote_char(int c)
{
    if (c == '\'') return "'\\''";
    if (c == '"') return "'\"'";
    if (c >= 0x20 && c < 0x7f) return sg_sprintf("'%c'", c);
    switch (c) {
    case '\a': return "'\\a'";
    case '\b': return "'\\b'";
    case '\f': return "'\\f'";
    case '\n': return "'\\n'";
    case '\r': return "'\\r'";
    case '\t': return "'\\t'";
    case '\v': return "'\\v'";
    }
    if (c < 0x20 || c == 0x7f) return sg_sprintf("'\\x%02x'", c);
    return "'\\ufffd'"; /* a byte >= 0x80 outside a string: Go decodes a rune; approximate */
}

static int fail(jparser *p, const char *ctx)
{
    if (!p->err) {
        if (p->i >= p->n) p->err = "unexpected end of JSON input";
        else p->err = sg_sprintf("invalid character %s %s", quote_char(p->s[p->i]), ctx);
    }
    return -1;
}

static void skip_ws(jparser *p)
{
    while (p->i < p->n && (p->s[p->i] == ' ' || p->s[p->i] == '\t' || p->s[p->i] == '\n' ||
                           p->s[p->i] == '\r'))
        p->i++;
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Length of the valid UTF-8 sequence at s (n bytes left), or 0 if invalid. */
static size_t utf8_len(const unsigned char *s, size_t n, unsigned *rune)
{
    unsigned c = s[0];
    if (c < 0x80) { *rune = c; return 1; }
    size_t len;
    unsigned r, min;
    if (c >= 0xc2 && c <= 0xdf) { len = 2; r = c & 0x1f; min = 0x80; }
    else if (c >= 0xe0 && c <= 0xef) { len = 3; r = c & 0x0f; min = 0x800; }
    else if (c >= 0xf0 && c <= 0xf4) { len = 4; r = c & 0x07; min = 0x10000; }
    else return 0;
    if (n < len) return 0;
    for (size_t k = 1; k < len; k++) {
        if ((s[k] & 0xc0) != 0x80) return 0;
        r = (r << 6) | (s[k] & 0x3f);
    }
    if (r < min || r > 0x10ffff || (r >= 0xd800 && r <= 0xdfff)) return 0;
    *rune = r;
    return len;
}

static int parse_value(jparser *p, sg_value *out);

static int parse_string(jparser *p, sg_value *out)
{
    sg_buf b;
    buf_init(&b);
    p->i++; /* opening quote */
    for (;;) {
        if (p->i >= p->n) return fail(p, "");
        unsigned c = p->s[p->i];
        if (c == '"') { p->i++; break; }
        if (c < 0x20) return fail(p, "in string literal");
        if (c == '\\') {
            p->i++;
            if (p->i >= p->n) return fail(p, "");
            c = p->s[p->i];
            switch (c) {
            case '"': case '\\': case '/': buf_putc(&b, (char)c); p->i++; continue;
            case 'b': buf_putc(&b, '\b'); p->i++; continue;
            case 'f': buf_putc(&b, '\f'); p->i++; continue;
            case 'n': buf_putc(&b, '\n'); p->i++; continue;
            case 'r': buf_putc(&b, '\r'); p->i++; continue;
            case 't': buf_putc(&b, '\t'); p->i++; continue;
            case 'u': {
                unsigned r = 0;
                p->i++;
                for (int k = 0; k < 4; k++) {
                    if (p->i >= p->n) return fail(p, "");
                    int h = hexval(p->s[p->i]);
                    if (h < 0) return fail(p, "in \\u hexadecimal character escape");
                    r = r * 16 + (unsigned)h;
                    p->i++;
                }
                if (r >= 0xd800 && r < 0xdc00 && p->i + 6 <= p->n && p->s[p->i] == '\\' &&
                    p->s[p->i + 1] == 'u') {
                    unsigned r2 = 0;
                    int ok = 1;
                    for (int k = 0; k < 4; k++) {
                        int h = hexval(p->s[p->i + 2 + k]);
                        if (h < 0) { ok = 0; break; }
                        r2 = r2 * 16 + (unsigned)h;
                    }
                    if (ok && r2 >= 0xdc00 && r2 < 0xe000) {
                        r = 0x10000 + ((r - 0xd800) << 10) + (r2 - 0xdc00);
                        p->i += 6;
                    }
                }
                gofmt_put_rune(&b, (int32_t)r);
                continue;
            }
            default: return fail(p, "in string escape code");
            }
        }
        if (c < 0x80) { buf_putc(&b, (char)c); p->i++; continue; }
        unsigned r;
        size_t l = utf8_len(p->s + p->i, p->n - p->i, &r);
        if (!l) { gofmt_put_rune(&b, 0xfffd); p->i++; continue; }
        buf_put(&b, (const char *)p->s + p->i, l);
        p->i += l;
    }
    *out = val_str_nocopy(b.p, b.len);
    return 0;
}

static int isdig(jparser *p) { return p->i < p->n && p->s[p->i] >= '0' && p->s[p->i] <= '9'; }

static int parse_number(jparser *p, sg_value *out)
{
    size_t start = p->i;
    if (p->s[p->i] == '-') {
        p->i++;
        if (!isdig(p)) return fail(p, "in numeric literal");
    }
    if (p->s[p->i] == '0') p->i++;
    else while (isdig(p)) p->i++;
    if (p->i < p->n && p->s[p->i] == '.') {
        p->i++;
        if (!isdig(p)) return fail(p, "after decimal point in numeric literal");
        while (isdig(p)) p->i++;
    }
    if (p->i < p->n && (p->s[p->i] == 'e' || p->s[p->i] == 'E')) {
        p->i++;
        if (p->i < p->n && (p->s[p->i] == '+' || p->s[p->i] == '-')) p->i++;
        if (!isdig(p)) return fail(p, "in exponent of numeric literal");
        while (isdig(p)) p->i++;
    }
    char *t = sg_strndup((const char *)p->s + start, p->i - start);
    double d = strtod(t, NULL);
    if (isinf(d)) {
        /* Go records the error, leaves the value nil and decodes on */
        if (!p->type_err)
            p->type_err = sg_sprintf("json: cannot unmarshal number %s into Go value of type float64", t);
        *out = sg_nil;
        return 0;
    }
    *out = val_float(d);
    return 0;
}

static int parse_literal(jparser *p, const char *word, sg_value v, sg_value *out)
{
    size_t wl = strlen(word);
    for (size_t k = 0; k < wl; k++) {
        if (p->i >= p->n) return fail(p, "");
        if (p->s[p->i] != (unsigned char)word[k]) {
            if (k == 0) return fail(p, "looking for beginning of value");
            return fail(p, sg_sprintf("in literal %s (expecting '%c')", word, word[k]));
        }
        p->i++;
    }
    *out = v;
    return 0;
}

static int parse_value(jparser *p, sg_value *out)
{
    skip_ws(p);
    if (p->i >= p->n) return fail(p, "");
    if (++p->depth > 10000) {
        p->err = "exceeded max depth";
        return -1;
    }
    int rc;
    unsigned c = p->s[p->i];
    if (c == '{') {
        sg_value m = val_map();
        p->i++;
        skip_ws(p);
        if (p->i < p->n && p->s[p->i] == '}') { p->i++; *out = m; p->depth--; return 0; }
        for (;;) {
            skip_ws(p);
            if (p->i >= p->n || p->s[p->i] != '"')
                return fail(p, "looking for beginning of object key string");
            sg_value k, v;
            if (parse_string(p, &k) < 0) return -1;
            skip_ws(p);
            if (p->i >= p->n || p->s[p->i] != ':') return fail(p, "after object key");
            p->i++;
            if (parse_value(p, &v) < 0) return -1;
            map_setn(m, k.u.s.p, k.u.s.n, v);
            skip_ws(p);
            if (p->i < p->n && p->s[p->i] == ',') { p->i++; continue; }
            if (p->i < p->n && p->s[p->i] == '}') { p->i++; break; }
            return fail(p, "after object key:value pair");
        }
        *out = m;
        rc = 0;
    } else if (c == '[') {
        sg_value l = val_list(0);
        p->i++;
        skip_ws(p);
        if (p->i < p->n && p->s[p->i] == ']') { p->i++; *out = l; p->depth--; return 0; }
        for (;;) {
            sg_value v;
            if (parse_value(p, &v) < 0) return -1;
            list_push(l, v);
            skip_ws(p);
            if (p->i < p->n && p->s[p->i] == ',') { p->i++; continue; }
            if (p->i < p->n && p->s[p->i] == ']') { p->i++; break; }
            return fail(p, "after array element");
        }
        *out = l;
        rc = 0;
    } else if (c == '"') {
        rc = parse_string(p, out);
    } else if (c == '-' || (c >= '0' && c <= '9')) {
        rc = parse_number(p, out);
    } else if (c == 't') {
        rc = parse_literal(p, "true", val_bool(true), out);
    } else if (c == 'f') {
        rc = parse_literal(p, "false", val_bool(false), out);
    } else if (c == 'n') {
        rc = parse_literal(p, "null", sg_nil, out);
    } else {
        return fail(p, "looking for beginning of value");
    }
    p->depth--;
    return rc;
}

int jsonio_parse(const char *text, size_t len, sg_value *out, const char **err)
{
    jparser p = { (const unsigned char *)text, len, 0, NULL, NULL, 0 };
    sg_value v;
    if (parse_value(&p, &v) < 0) {
        *err = p.err;
        return -1;
    }
    skip_ws(&p);
    if (p.i < p.n) {
        fail(&p, "after top-level value");
        *err = p.err;
        return -1;
    }
    *out = v;
    if (p.type_err) {
        *err = p.type_err;
        return -2;
    }
    return 0;
}

/* ------------------------------------------------------------------ writing */

void jsonio_float(sg_buf *b, double f)
{
    double a = fabs(f);
    char fmtc = 'f';
    if (a != 0 && (a < 1e-6 || a >= 1e21)) fmtc = 'e';
    size_t start = b->len;
    gofloat_format(b, f, fmtc, 64);
    if (fmtc == 'e') {
        /* clean up e-09 to e-9 */
        size_t n = b->len - start;
        char *s = b->p + start;
        if (n >= 4 && s[n - 4] == 'e' && s[n - 3] == '-' && s[n - 2] == '0') {
            s[n - 2] = s[n - 1];
            buf_truncate(b, b->len - 1);
        }
    }
}

static const char hexd[] = "0123456789abcdef";

static void put_jstring(sg_buf *b, const char *sp, size_t n, int html)
{
    const unsigned char *s = (const unsigned char *)sp;
    buf_putc(b, '"');
    size_t i = 0;
    while (i < n) {
        unsigned c = s[i];
        if (c < 0x80) {
            if (c >= 0x20 && c != '"' && c != '\\' && !(html && (c == '<' || c == '>' || c == '&'))) {
                buf_putc(b, (char)c);
            } else {
                switch (c) {
                case '"': case '\\': buf_putc(b, '\\'); buf_putc(b, (char)c); break;
                case '\b': buf_puts(b, "\\b"); break;
                case '\f': buf_puts(b, "\\f"); break;
                case '\n': buf_puts(b, "\\n"); break;
                case '\r': buf_puts(b, "\\r"); break;
                case '\t': buf_puts(b, "\\t"); break;
                default:
                    buf_puts(b, "\\u00");
                    buf_putc(b, hexd[c >> 4]);
                    buf_putc(b, hexd[c & 15]);
                }
            }
            i++;
            continue;
        }
        unsigned r;
        size_t l = utf8_len(s + i, n - i, &r);
        if (!l) { buf_puts(b, "\\ufffd"); i++; continue; }
        if (r == 0x2028 || r == 0x2029) buf_printf(b, "\\u%04x", r);
        else buf_put(b, (const char *)s + i, l);
        i += l;
    }
    buf_putc(b, '"');
}

static void put_base64(sg_buf *b, sg_value list)
{
    static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t n = list_len(list);
    buf_putc(b, '"');
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned)(list_get(list, i).u.i & 0xff) << 16;
        if (i + 1 < n) v |= (unsigned)(list_get(list, i + 1).u.i & 0xff) << 8;
        if (i + 2 < n) v |= (unsigned)(list_get(list, i + 2).u.i & 0xff);
        buf_putc(b, tab[(v >> 18) & 63]);
        buf_putc(b, tab[(v >> 12) & 63]);
        buf_putc(b, i + 1 < n ? tab[(v >> 6) & 63] : '=');
        buf_putc(b, i + 2 < n ? tab[v & 63] : '=');
    }
    buf_putc(b, '"');
}

typedef struct jwriter {
    sg_buf *b;
    int flags;
    const char *err;
    const void **stack; /* containers being encoded, past Go's cycle-check depth */
    size_t nstack, capstack;
} jwriter;

/* Go's encoder starts detecting cycles (by container identity) after 1000 nested levels. */
static int enter(jwriter *w, const void *p, int depth, const char *gotype)
{
    if (depth < 1000 || !p) return 0;
    for (size_t i = 0; i < w->nstack; i++) {
        if (w->stack[i] == p) {
            w->err = sg_sprintf("json: unsupported value: encountered a cycle via %s", gotype);
            return -1;
        }
    }
    if (w->nstack == w->capstack) {
        size_t cap = w->capstack ? w->capstack * 2 : 64;
        w->stack = sg_realloc(w->stack, w->nstack * sizeof *w->stack, cap * sizeof *w->stack);
        w->capstack = cap;
    }
    w->stack[w->nstack++] = p;
    return 0;
}

static void leave(jwriter *w, const void *p, int depth)
{
    if (depth >= 1000 && p) w->nstack--;
}

static void newline(jwriter *w, int depth)
{
    buf_putc(w->b, '\n');
    for (int k = 0; k < depth; k++) buf_puts(w->b, "  ");
}

static int emit(jwriter *w, sg_value v, int depth)
{
    sg_buf *b = w->b;
    int pretty = w->flags & JSONIO_PRETTY;
    switch ((sg_kind)v.kind) {
    case VK_NIL: buf_puts(b, "null"); return 0;
    case VK_BOOL: buf_puts(b, v.u.b ? "true" : "false"); return 0;
    case VK_INT:
    case VK_INT64:
        if (v.gotype == GT_UINT64) buf_printf(b, "%llu", (unsigned long long)v.u.i);
        else buf_printf(b, "%lld", (long long)v.u.i);
        return 0;
    case VK_FLOAT:
        if (isnan(v.u.f) || isinf(v.u.f)) {
            w->err = sg_sprintf("json: unsupported value: %s",
                                isnan(v.u.f) ? "NaN" : v.u.f > 0 ? "+Inf" : "-Inf");
            return -1;
        }
        jsonio_float(b, v.u.f);
        return 0;
    case VK_STRING:
        put_jstring(b, v.u.s.p, v.u.s.n, !(w->flags & JSONIO_NOESCAPE));
        return 0;
    case VK_LIST: {
        if (v.gotype == GT_LIST_BYTES) { put_base64(b, v); return 0; }
        if (!v.u.l) { buf_puts(b, "null"); return 0; }
        size_t n = list_len(v);
        if (enter(w, v.u.l, depth, val_typename(v)) < 0) return -1;
        buf_putc(b, '[');
        for (size_t i = 0; i < n; i++) {
            if (i) buf_putc(b, ',');
            if (pretty) newline(w, depth + 1);
            if (emit(w, list_get(v, i), depth + 1) < 0) return -1;
        }
        if (pretty && n) newline(w, depth);
        buf_putc(b, ']');
        leave(w, v.u.l, depth);
        return 0;
    }
    case VK_MAP: {
        if (!v.u.m) { buf_puts(b, "null"); return 0; }
        size_t n;
        /* Go encodes struct fields in declaration order, map keys sorted */
        sg_mapent **e = v.gotype == GT_STRUCT ? map_ordered(v, &n) : map_sorted(v, &n);
        if (enter(w, v.u.m, depth, val_typename(v)) < 0) return -1;
        buf_putc(b, '{');
        for (size_t i = 0; i < n; i++) {
            if (i) buf_putc(b, ',');
            if (pretty) newline(w, depth + 1);
            put_jstring(b, e[i]->key, e[i]->klen, !(w->flags & JSONIO_NOESCAPE));
            buf_puts(b, pretty ? ": " : ":");
            if (emit(w, e[i]->val, depth + 1) < 0) return -1;
        }
        if (pretty && n) newline(w, depth);
        buf_putc(b, '}');
        leave(w, v.u.m, depth);
        return 0;
    }
    case VK_OBJECT:
        if (v.u.o->type->jsonerr) {
            const char *err = v.u.o->type->jsonerr(v.u.o);
            if (err) {
                w->err = sg_sprintf("json: error calling MarshalJSON for type %s: %s", v.u.o->type->name, err);
                return -1;
            }
        }
        if (v.u.o->type->tojson) return emit(w, v.u.o->type->tojson(v.u.o), depth + 1);
        if (v.u.o->type->string) {
            const char *s = v.u.o->type->string(v.u.o);
            put_jstring(b, s, strlen(s), !(w->flags & JSONIO_NOESCAPE));
            return 0;
        }
        buf_puts(b, "{}");
        return 0;
    }
    buf_puts(b, "null");
    return 0;
}

int jsonio_emit(sg_buf *b, sg_value v, int flags, const char **err)
{
    size_t start = b->p ? b->len : 0;
    jwriter w = { b, flags, NULL, NULL, 0, 0 };
    if (emit(&w, v, 0) < 0) {
        buf_truncate(b, start);
        if (err) *err = w.err;
        return -1;
    }
    return 0;
}
