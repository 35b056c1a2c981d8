/* setparse.c - the --set mini-language (Helm's pkg/strvals parser.go and literal_parser.go).
 *
 * Mirrors strvals function for function (parse, key, listItem, keyIndex, valList, val,
 * emptyVal, typedVal, setIndex).  Go errors are modelled as `const char *` messages with
 * one sentinel, EOFERR: strvals wraps io.EOF with %w in places and its loop stops
 * silently on anything that `errors.Is(err, io.EOF)`, so a wrapped EOF is still EOFERR.
 * Go's recovered panics (failed type assertions) become "unable to parse key: ...".
 */
#include "values.h"
#include "fsio.h"
#include "../base/arena.h"
#include "../base/buf.h"
#include "../base/err.h"
#include "../io/json.h"
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#define MAX_INDEX 65536
#define MAX_NESTED_NAME_LEVEL 30

static const char EOFERR[] = "EOF";

typedef struct parser {
    const char *s;
    size_t pos, len;
    setparse_mode mode;
    jmp_buf *panic;          /* innermost key()'s recover point */
    int depth;               /* nesting of [i][j]... (C stack guard; Go has none) */
    const char *panicmsg;
} parser;

/* a run of bytes read by runesUntil */
typedef struct runes { const char *p; size_t n; } runes;

/* Go's panic for a failed `x.(T)` type assertion, recovered by key(). */
static _Noreturn void assert_panic(parser *t, sg_value v, const char *want)
{
    const char *have = v.kind == VK_NIL ? "nil" : val_typename(v);
    if (v.kind == VK_MAP) have = "map[string]interface {}";
    if (v.kind == VK_LIST) have = "[]interface {}";
    t->panicmsg = sg_sprintf("interface conversion: interface {} is %s, not %s", have, want);
    longjmp(*t->panic, 1);
}

static sg_value as_map(parser *t, sg_value v)
{
    if (v.kind != VK_MAP) assert_panic(t, v, "map[string]interface {}");
    return v;
}

static sg_value as_list(parser *t, sg_value v)
{
    if (v.kind != VK_LIST) assert_panic(t, v, "[]interface {}");
    return v;
}

/* runesUntil: read up to a stop byte; `\x` takes x literally (not in literal mode).
 * Returns NULL, or EOFERR with what was read so far; *last is the stop byte. */
static const char *runes_until(parser *t, const char *stop, bool escapes, runes *out, int *last)
{
    sg_buf b;
    buf_init(&b);
    *last = -1;
    for (;;) {
        if (t->pos >= t->len) {
            out->p = b.p; out->n = b.len;
            return EOFERR;
        }
        char c = t->s[t->pos++];
        if (strchr(stop, c) && c) {
            *last = (unsigned char)c;
            out->p = b.p; out->n = b.len;
            return NULL;
        }
        if (escapes && c == '\\') {
            if (t->pos >= t->len) {
                out->p = b.p; out->n = b.len;
                return EOFERR;
            }
            buf_putc(&b, t->s[t->pos++]);
            continue;
        }
        buf_putc(&b, c);
    }
}

static bool eq_fold(runes r, const char *w)
{
    size_t n = strlen(w);
    if (r.n != n) return false;
    for (size_t i = 0; i < n; i++) {
        char c = r.p[i];
        if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
        if (c != w[i]) return false;
    }
    return true;
}

/* strconv.ParseInt(s, 10, 64) success test. */
static bool parse_int64(const char *s, size_t n, int64_t *out)
{
    size_t i = 0;
    bool neg = false;
    if (n == 0) return false;
    if (s[0] == '+' || s[0] == '-') { neg = s[0] == '-'; i = 1; }
    if (i >= n) return false;
    uint64_t acc = 0;
    for (; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return false;
        unsigned d = (unsigned)(s[i] - '0');
        if (acc > (UINT64_MAX - d) / 10) return false;
        acc = acc * 10 + d;
    }
    if (neg) {
        if (acc > (uint64_t)INT64_MAX + 1) return false;
        *out = acc == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)acc;
    } else {
        if (acc > (uint64_t)INT64_MAX) return false;
        *out = (int64_t)acc;
    }
    return true;
}

/* typedVal: --set typing (--set-string keeps strings). */
static sg_value typed_val(runes r, bool st)
{
    if (st) return val_str(r.p, r.n);
    if (eq_fold(r, "true")) return val_bool(true);
    if (eq_fold(r, "false")) return val_bool(false);
    if (eq_fold(r, "null")) return sg_nil;
    if (r.n == 1 && r.p[0] == '0') return val_int64(0);
    int64_t iv;
    if (r.n != 0 && r.p[0] != '0' && parse_int64(r.p, r.n, &iv)) return val_int64(iv);
    return val_str(r.p, r.n);
}

/* The parser's value reader: typedVal, or the file contents for --set-file. */
static const char *reader(parser *t, runes r, sg_value *out)
{
    if (t->mode == SETP_FILE) {
        const char *path = sg_strndup(r.p, r.n);
        const char *data, *err;
        size_t n;
        if (fsio_read(path, &data, &n, &err) != 0) {
            *out = val_str("", 0);
            return err;
        }
        *out = val_str_nocopy(data, n);
        return NULL;
    }
    *out = typed_val(r, t->mode == SETP_STRING);
    return NULL;
}

static void set(sg_value data, runes k, sg_value v)
{
    if (k.n == 0) return;
    map_setn(data, k.p, k.n, v);
}

/* setIndex: grow with nils; errors for negative and huge indexes. */
static const char *set_index(sg_value *list, long index, sg_value v)
{
    if (index < 0) return sg_sprintf("negative %ld index not allowed", index);
    if (index > MAX_INDEX)
        return sg_sprintf("index of %ld is greater than maximum supported index of %d", index, MAX_INDEX);
    if (list->kind != VK_LIST) *list = val_list(0);
    while (list_len(*list) <= (size_t)index) list_push(*list, sg_nil);
    list->u.l->items[index] = v;
    return NULL;
}

/* %q of a []rune: ['a' 'b']. */
static const char *quote_runes(runes r)
{
    sg_buf b;
    buf_init(&b);
    buf_putc(&b, '[');
    for (size_t i = 0; i < r.n;) {
        if (i) buf_putc(&b, ' ');
        unsigned char c = (unsigned char)r.p[i];
        size_t l = c < 0x80 ? 1 : c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
        if (i + l > r.n) l = 1;
        buf_putc(&b, '\'');
        if (c == '\'' || c == '\\') { buf_putc(&b, '\\'); buf_putc(&b, (char)c); }
        else if (c == '\n') buf_puts(&b, "\\n");
        else if (c == '\t') buf_puts(&b, "\\t");
        else if (c == '\r') buf_puts(&b, "\\r");
        else if (c < 0x20 || c == 0x7f) buf_printf(&b, "\\x%02x", c);
        else buf_put(&b, r.p + i, l);
        buf_putc(&b, '\'');
        i += l;
    }
    buf_putc(&b, ']');
    return b.p;
}

/* keyIndex: digits up to ']' through strconv.Atoi. */
static const char *key_index(parser *t, long *out)
{
    runes v;
    int last;
    if (runes_until(t, "]", t->mode != SETP_LITERAL, &v, &last)) return EOFERR;
    const char *s = sg_strndup(v.p, v.n);
    int64_t iv;
    if (!parse_int64(v.p, v.n, &iv)) {
        bool range = v.n > 0;
        size_t i = (v.n && (v.p[0] == '+' || v.p[0] == '-')) ? 1 : 0;
        if (i >= v.n) range = false;
        for (; i < v.n; i++)
            if (v.p[i] < '0' || v.p[i] > '9') range = false;
        return sg_sprintf("error parsing index: strconv.Atoi: parsing \"%s\": %s", s,
                          range ? "value out of range" : "invalid syntax");
    }
    *out = (long)iv;
    return NULL;
}

/* emptyVal: skip blanks up to ',' or EOF (empty) or another char (not consumed). */
static bool empty_val(parser *t)
{
    for (;;) {
        if (t->pos >= t->len) return true;
        char c = t->s[t->pos++];
        if (c == ',') return true;
        if (!(c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f')) {
            t->pos--;
            return false;
        }
    }
}

/* The extent of one JSON value at t->pos (json.Decoder reads exactly one value). */
static size_t json_extent(parser *t)
{
    size_t i = t->pos;
    while (i < t->len && strchr(" \t\r\n", t->s[i])) i++;
    if (i >= t->len) return 0;
    char c = t->s[i];
    if (c == '{' || c == '[' || c == '"') {
        int depth = 0;
        bool instr = false;
        for (; i < t->len; i++) {
            char d = t->s[i];
            if (instr) {
                if (d == '\\') i++;
                else if (d == '"') { instr = false; if (depth == 0) return i + 1 - t->pos; }
                continue;
            }
            if (d == '"') instr = true;
            else if (d == '{' || d == '[') depth++;
            else if (d == '}' || d == ']') { if (--depth == 0) return i + 1 - t->pos; }
        }
        return t->len - t->pos;
    }
    while (i < t->len && (strchr("+-.eE", t->s[i]) || (t->s[i] >= '0' && t->s[i] <= '9') ||
                          (t->s[i] >= 'a' && t->s[i] <= 'z') || (t->s[i] >= 'A' && t->s[i] <= 'Z')))
        i++;
    return i - t->pos;
}

/* json.NewDecoder(rest).Decode(&v), then discard what it consumed. */
static const char *json_val(parser *t, sg_value *out)
{
    size_t n = json_extent(t);
    const char *err;
    if (n == 0) return "unexpected EOF";
    if (jsonio_parse(t->s + t->pos, n, out, &err) != 0) return err;
    t->pos += n;
    return NULL;
}

/* val: up to ',' (or everything in literal mode). */
static const char *val(parser *t, runes *out)
{
    int last;
    if (t->mode == SETP_LITERAL) return runes_until(t, "", false, out, &last);
    return runes_until(t, ",", true, out, &last);
}

static const char NOTLIST[] = "not a list";

/* valList: `{a,b}` lists; NOTLIST when the value does not start with '{'. */
static const char *value_list(parser *t, sg_value *out)
{
    *out = val_list(0);
    if (t->pos >= t->len) return EOFERR;
    if (t->s[t->pos] != '{') return NOTLIST;
    t->pos++;
    for (;;) {
        runes rs;
        int last;
        if (runes_until(t, ",}", true, &rs, &last)) return "list must terminate with '}'";
        sg_value v;
        const char *e = reader(t, rs, &v);
        if (last == '}') {
            if (t->pos < t->len && t->s[t->pos] == ',') t->pos++;
            list_push(*out, v);
            return e;
        }
        if (e) return e;
        list_push(*out, v);
    }
}

static const char *key(parser *t, sg_value data, int level);

/* listItem: what follows `[i]`. */
static const char *list_item(parser *t, sg_value *list, long i, int level)
{
    if (i < 0) return sg_sprintf("negative %ld index not allowed", i);
    runes k;
    int last;
    const char *err = runes_until(t, "[.=", t->mode != SETP_LITERAL, &k, &last);
    if (k.n > 0) return sg_sprintf("unexpected data at end of array index: %s", quote_runes(k));
    if (err) return err;
    if (last == '=') {
        if (t->mode == SETP_JSON) {
            if (empty_val(t)) return set_index(list, i, sg_nil);
            sg_value jv;
            if ((err = json_val(t, &jv))) return err;
            if ((err = set_index(list, i, jv))) return err;
            empty_val(t);
            return NULL;
        }
        if (t->mode == SETP_LITERAL) {
            runes v;
            val(t, &v);
            return set_index(list, i, val_str(v.p, v.n));
        }
        sg_value vl;
        const char *e = value_list(t, &vl);
        if (!e) return set_index(list, i, vl);
        if (e == EOFERR) return set_index(list, i, val_str("", 0));
        if (e == NOTLIST) {
            runes rs;
            val(t, &rs);
            sg_value v;
            if ((e = reader(t, rs, &v))) return e;
            return set_index(list, i, v);
        }
        return e;
    }
    if (last == '[') {
        long next;
        if ((err = key_index(t, &next))) return err;
        if (++t->depth > 10000) return "list index nesting is too deep";
        sg_value crt = sg_nil;
        if (list->kind == VK_LIST && list_len(*list) > (size_t)i) {
            sg_value ex = list_get(*list, (size_t)i);
            if (ex.kind != VK_NIL) crt = as_list(t, ex);
        }
        if ((err = list_item(t, &crt, next, level))) return err;
        if (crt.kind != VK_LIST) crt = val_list(0);
        return set_index(list, i, crt);
    }
    if (last == '.') {
        sg_value inner = val_map();
        if (list->kind == VK_LIST && list_len(*list) > (size_t)i) {
            sg_value ex = list_get(*list, (size_t)i);
            if (ex.kind == VK_MAP) inner = ex;
            else list->u.l->items[i] = inner;
        }
        if ((err = key(t, inner, level))) return err;
        return set_index(list, i, inner);
    }
    return sg_sprintf("parse error: unexpected token %d", last);
}

/* key: one assignment (recursing through `.` and `[i]`); Go's deferred recover turns
 * type-assertion panics into "unable to parse key: ...". */
static const char *key_body(parser *t, sg_value data, int level);

static const char *key(parser *t, sg_value data, int level)
{
    jmp_buf jb;
    jmp_buf *volatile saved = t->panic;
    t->panic = &jb;
    if (setjmp(jb) != 0) {
        t->panic = saved;
        return sg_sprintf("unable to parse key: %s", t->panicmsg);
    }
    const char *res = key_body(t, data, level);
    t->panic = saved;
    return res;
}

static const char *key_body(parser *t, sg_value data, int level)
{
    const char *res;
    bool lit = t->mode == SETP_LITERAL;
    runes k;
    int last;
    const char *err = runes_until(t, lit ? "=[." : "=[,.", !lit, &k, &last);
    if (err) {
        res = k.n == 0 ? err : sg_sprintf("key \"%s\" has no value", sg_strndup(k.p, k.n));
        goto out;
    }
    if (last == '[') {
        long i;
        if ((res = key_index(t, &i))) goto out;
        sg_value list = val_list(0), ex;
        if (map_getn(data, k.p, k.n, &ex)) list = as_list(t, ex);
        res = list_item(t, &list, i, level);
        if (list.kind != VK_LIST) list = val_list(0);
        set(data, k, list);
        goto out;
    }
    if (last == '=') {
        if (t->mode == SETP_JSON) {
            if (empty_val(t)) { set(data, k, sg_nil); res = NULL; goto out; }
            sg_value jv;
            if ((res = json_val(t, &jv))) goto out;
            set(data, k, jv);
            empty_val(t);
            res = NULL;
            goto out;
        }
        if (lit) {
            runes v;
            val(t, &v);
            set(data, k, val_str(v.p, v.n));
            res = NULL;
            goto out;
        }
        sg_value vl;
        const char *e = value_list(t, &vl);
        if (!e) { set(data, k, vl); res = NULL; goto out; }
        if (e == EOFERR) { set(data, k, val_str("", 0)); res = e; goto out; }
        if (e == NOTLIST) {
            runes rs;
            val(t, &rs);
            sg_value v;
            res = reader(t, rs, &v);
            set(data, k, v);
            goto out;
        }
        res = e;
        goto out;
    }
    if (last == ',') {
        set(data, k, val_str("", 0));
        res = sg_sprintf("key \"%s\" has no value (cannot end with ,)", sg_strndup(k.p, k.n));
        goto out;
    }
    /* last == '.' */
    if (++level > MAX_NESTED_NAME_LEVEL) {
        res = sg_sprintf("value name nested level is greater than maximum supported nested level of %d",
                         MAX_NESTED_NAME_LEVEL);
        goto out;
    }
    sg_value inner = val_map(), ex;
    if (map_getn(data, k.p, k.n, &ex)) inner = as_map(t, ex);
    const char *e = key(t, inner, level);
    if (!e && map_len(inner) == 0) {
        res = sg_sprintf("key map \"%s\" has no value", sg_strndup(k.p, k.n));
        goto out;
    }
    if (map_len(inner) != 0) set(data, k, inner);
    res = e;
out:
    return res;
}

void setparse_set(sg_value dst, const char *expr, setparse_mode mode)
{
    parser t = { .s = expr, .pos = 0, .len = strlen(expr), .mode = mode };
    for (;;) {
        const char *err = key(&t, dst, 0);
        if (!err) continue;
        if (err == EOFERR) return;
        sg_throwf("%s", err);
    }
}
