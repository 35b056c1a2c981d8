/* fn_toml.c - Helm's toToml (BurntSushi/toml Encoder: v1.4.0 in Helm 3, v1.6.0 in Helm 4)
 * and fromToml (toml.Unmarshal into map[string]interface{}; errors in an "Error" key).
 *
 * The encoder follows encode.go: keys sorted byte-wise, plain values before tables, a
 * blank line before each top-level table, nested tables and their keys indented two
 * spaces per level, nil values skipped, maps inside arrays written inline.
 * The decoder covers TOML 1.0 (tables, arrays of tables, inline tables, dotted and quoted
 * keys, all string forms, integers in every base, floats, inf/nan, booleans, and
 * date-times as time.Time values in BurntSushi's zones).  Its error texts follow BurntSushi's where cheap.
 */
#include "fn_helm.h"
#include "../base/arena.h"
#include "../base/err.h"
#include "../io/gofloat.h"
#include "gotime.h"
#include "../value/gofmt.h"
#include "../value/gonamed.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ encoding */

typedef struct tkey { const char **parts; size_t n; } tkey;

static bool is_bare(const char *s, size_t n)
{
    if (!n) return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-'))
            return false;
    }
    return true;
}

static void put_quoted(sg_buf *b, const char *s, size_t n)
{
    buf_putc(b, '"');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '"': buf_puts(b, "\\\""); break;
        case '\\': buf_puts(b, "\\\\"); break;
        case '\b': buf_puts(b, "\\b"); break;
        case '\t': buf_puts(b, "\\t"); break;
        case '\n': buf_puts(b, "\\n"); break;
        case '\f': buf_puts(b, "\\f"); break;
        case '\r': buf_puts(b, "\\r"); break;
        default:
            if (c < 0x20 || c == 0x7f) buf_printf(b, "\\u%04x", c);
            else buf_putc(b, (char)c);
        }
    }
    buf_putc(b, '"');
}

static void put_keypart(sg_buf *b, const char *s)
{
    size_t n = strlen(s);
    if (is_bare(s, n)) buf_put(b, s, n);
    else put_quoted(b, s, n);
}

static void put_key(sg_buf *b, tkey k)
{
    for (size_t i = 0; i < k.n; i++) {
        if (i) buf_putc(b, '.');
        put_keypart(b, k.parts[i]);
    }
}

static tkey key_add(tkey k, const char *p)
{
    tkey r = { sg_alloc((k.n + 1) * sizeof *r.parts), k.n + 1 };
    if (k.n) memcpy(r.parts, k.parts, k.n * sizeof *r.parts);
    r.parts[k.n] = p;
    return r;
}

typedef struct tenc {
    sg_buf *b;
    bool written;
    int depth;   /* e_element nesting (inline values), bounded against cycles */
} tenc;

static void wf(tenc *e, const char *s) { buf_puts(e->b, s); e->written = true; }
static void newline(tenc *e) { if (e->written) wf(e, "\n"); }
static void indent(tenc *e, tkey k)
{
    for (size_t i = 1; i < k.n; i++) wf(e, "  ");
}

static bool is_time(sg_value v) { return v.kind == VK_OBJECT && !strcmp(v.u.o->type->name, "time.Time"); }

/* An object as the encoder sees it (a time.Time stays itself: it is a datetime). */
static sg_value deobj(sg_value v)
{
    if (v.kind == VK_OBJECT && !is_time(v)) return v.u.o->type->tojson ? v.u.o->type->tojson(v.u.o) : sg_nil;
    return v;
}

/* tomlTypeOfGo: 0 nil, 1 plain value/array, 2 table, 3 array of tables. */
static int ttype_at(sg_value v, int depth);
static int ttype(sg_value v) { return ttype_at(v, 0); }
static int ttype_at(sg_value v, int depth)
{
    v = deobj(v);
    if (depth > 10000) sg_throwf("toml: exceeded max depth");
    if (v.kind == VK_NIL) return 0;
    if (v.kind == VK_MAP) return 2;
    if (v.kind == VK_LIST && v.gotype != GT_LIST_BYTES) {
        size_t n = list_len(v);
        if (!n) return 1;
        bool all = true;
        for (size_t i = 0; i < n; i++) {
            int t = ttype_at(list_get(v, i), depth + 1);
            if (t == 0) sg_throwf("toml: cannot encode array with nil element");
            if (t != 2) all = false;
        }
        return all ? 3 : 1;
    }
    return 1;
}

static void e_map(tenc *e, tkey key, sg_value m, bool inl);

static void e_element_body(tenc *e, sg_value v);

static void e_element(tenc *e, sg_value v)
{
    if (++e->depth > 10000) sg_throwf("toml: exceeded max depth");
    e_element_body(e, v);
    e->depth--;
}

static void e_element_body(tenc *e, sg_value v)
{
    sg_buf *b = e->b;
    e->written = true;
    gotime tm;
    if (gotime_from_value(v, &tm)) {
        /* a datetime, unquoted: local ones (fromToml's zones) in their own TOML form of
         * the UTC wall clock, any other RFC 3339 with nanoseconds */
        static const char *const local_layouts[] = { "2006-01-02T15:04:05.999999999", "2006-01-02",
                                                     "15:04:05.999999999" };
        const char *layout = "2006-01-02T15:04:05.999999999Z07:00";
        for (int k = GOTIME_TOML_DATETIME; k <= GOTIME_TOML_TIME; k++)
            if (tm.loc == gotime_toml_local((gotime_toml_kind)k)) {
                layout = local_layouts[k];
                tm = gotime_in(tm, gotime_utc()); /* v.In(time.UTC).Format(...) */
            }
        gotime_format(b, tm, layout, strlen(layout));
        return;
    }
    if (v.kind == VK_INT64 && v.gotype == GT_DURATION) {
        sg_buf d; /* time.Duration: its String(), quoted */
        buf_init(&d);
        gonamed_duration_string(&d, v.u.i);
        put_quoted(b, d.p, d.len);
        return;
    }
    v = deobj(v);
    switch ((sg_kind)v.kind) {
    case VK_STRING: put_quoted(b, v.u.s.p, v.u.s.n); return;
    case VK_BOOL: buf_puts(b, v.u.b ? "true" : "false"); return;
    case VK_INT: case VK_INT64:
        if (v.gotype == GT_UINT64) buf_printf(b, "%llu", (unsigned long long)v.u.i);
        else buf_printf(b, "%lld", (long long)v.u.i);
        return;
    case VK_FLOAT: {
        double f = v.u.f;
        if (isnan(f)) { buf_puts(b, signbit(f) ? "-nan" : "nan"); return; }
        if (isinf(f)) { buf_puts(b, f < 0 ? "-inf" : "inf"); return; }
        size_t start = b->len;
        gofloat_format(b, f, sg_helm_major >= 4 ? 'g' : 'f', 64);
        const char *s = b->p + start;
        if (!strchr(s, '.') && !(sg_helm_major >= 4 && strchr(s, 'e'))) buf_puts(b, ".0");
        return;
    }
    case VK_LIST: {
        size_t n = list_len(v);
        buf_putc(b, '[');
        for (size_t i = 0; i < n; i++) {
            e_element(e, list_get(v, i));
            if (i + 1 != n) buf_puts(b, ", ");
        }
        buf_putc(b, ']');
        return;
    }
    case VK_MAP: {
        tkey none = { NULL, 0 };
        e_map(e, none, v, true);
        return;
    }
    default:
        sg_throwf("toml: cannot encode a nil value");
    }
}

static void write_kv(tenc *e, tkey key, sg_value v, bool inl)
{
    if (key.n == 0) { e_element(e, v); return; }
    indent(e, key);
    put_keypart(e->b, key.parts[key.n - 1]);
    wf(e, " = ");
    e_element(e, v);
    if (!inl) newline(e);
}

static void e_encode(tenc *e, tkey key, sg_value v);

static void e_table(tenc *e, tkey key, sg_value v)
{
    if (key.n == 1) newline(e);
    if (key.n > 0) {
        indent(e, key);
        wf(e, "[");
        put_key(e->b, key);
        wf(e, "]");
        newline(e);
    }
    e_map(e, key, v, false);
}

static void e_array_of_tables(tenc *e, tkey key, sg_value v)
{
    if (key.n == 0) sg_throwf("toml: top-level values must be Go maps or structs");
    for (size_t i = 0; i < list_len(v); i++) {
        sg_value t = deobj(list_get(v, i));
        if (t.kind == VK_NIL) continue;
        newline(e);
        indent(e, key);
        wf(e, "[[");
        put_key(e->b, key);
        wf(e, "]]");
        newline(e);
        e_map(e, key, t, false);
    }
}

static void e_encode(tenc *e, tkey key, sg_value v)
{
    v = deobj(v);
    if (key.n > 10000) sg_throwf("toml: exceeded max depth");
    switch ((sg_kind)v.kind) {
    case VK_NIL: return;
    case VK_MAP: e_table(e, key, v); return;
    case VK_LIST:
        if (ttype(v) == 3) e_array_of_tables(e, key, v);
        else write_kv(e, key, v, false);
        return;
    default: write_kv(e, key, v, false);
    }
}

static void write_keys(tenc *e, tkey key, sg_mapent **ents, size_t n, bool inl, bool trail)
{
    for (size_t i = 0; i < n; i++) {
        sg_value v = deobj(ents[i]->val);
        if (v.kind == VK_NIL) continue;
        if (inl) {
            tkey k = { &ents[i]->key, 1 };
            write_kv(e, k, v, true);
            if (trail || i + 1 != n) wf(e, ", ");
        } else {
            e_encode(e, key_add(key, ents[i]->key), v);
        }
    }
}

static void e_map(tenc *e, tkey key, sg_value m, bool inl)
{
    size_t n;
    sg_mapent **ents = map_sorted(m, &n);
    sg_mapent **direct = sg_alloc((n + 1) * sizeof *direct), **sub = sg_alloc((n + 1) * sizeof *sub);
    size_t nd = 0, ns = 0;
    for (size_t i = 0; i < n; i++) {
        int t = ttype(ents[i]->val);
        if (t == 2 || t == 3) sub[ns++] = ents[i];
        else direct[nd++] = ents[i];
    }
    if (inl) wf(e, "{");
    write_keys(e, key, direct, nd, inl, ns > 0);
    write_keys(e, key, sub, ns, inl, false);
    if (inl) wf(e, "}");
}

/* toToml: the encoder's output, or its error text. */
sg_value fn_helm_totoml(sg_fcall *c, int argc, sg_value *argv)
{
    sg_value v = deobj(argv[0]);
    if (v.kind == VK_NIL) sg_throwf("reflect: call of reflect.Value.Type on zero Value");
    sg_buf b;
    buf_init(&b);
    tenc e = { &b, false, 0 };
    sg_catch ct;
    if (SG_TRY(&ct)) {
        tkey none = { NULL, 0 };
        e_encode(&e, none, v);
        catch_pop(&ct);
    } else {
        catch_pop(&ct);
        return val_cstr(ct.err && ct.err->msg ? ct.err->msg : "toml: error");
    }
    return val_str_nocopy(b.p, b.len);
}

/* ------------------------------------------------------------------ decoding */

typedef struct tparser {
    const char *s;
    size_t n, i;
    int line;
    const char *err;
    size_t errn;       /* err's length (a message may hold a NUL: the lexer's EOF rune) */
    size_t full_n;     /* the text's length before the cut at a control character */
    bool word_at_ctl;  /* a number/bool/date word ended at that cut: its lexer met the
                        * control character before the value was emitted */
    const char *ctl_key; /* lastkey at that moment */
    const char *lastkey;
    const char *ctx;   /* the key of the last [header]: BurntSushi's parser context */
    bool in_header;    /* parsing a [header] name: lexTableNameStart's messages */
    sg_value root, cur;
    sg_value defined;  /* tables defined by a [header] */
    sg_value inl;      /* inline tables: closed, no [header] may reopen them */
    sg_value aot;      /* "map/key" of each array of tables ([[header]]) */
} tparser;

/* The first error wins: "toml: line N[ (last key "K")]: " and msg's n bytes. */
static int fail_at_n(tparser *p, int line, const char *msg, size_t n)
{
    if (!p->err) {
        sg_buf b;
        buf_init(&b);
        if (p->lastkey) buf_printf(&b, "toml: line %d (last key \"%s\"): ", line, p->lastkey);
        else buf_printf(&b, "toml: line %d: ", line);
        buf_put(&b, msg, n);
        p->err = b.p;
        p->errn = b.len;
    }
    return -1;
}

static int fail_at(tparser *p, int line, const char *msg) { return fail_at_n(p, line, msg, strlen(msg)); }

/* A lexer error (BurntSushi's lx.errorf).  At EOF the lexer moves it up a line: always in
 * toml v1.4.0 (Helm 3), only when the input ends with a newline in v1.6.0 (Helm 4). */
static int tfail(tparser *p, const char *msg)
{
    int line = p->line;
    if (p->i >= p->n && (sg_helm_major < 4 || (p->n && p->s[p->n - 1] == '\n'))) line--;
    return fail_at(p, line, msg);
}

/* A parser error (panicf/panicItemf/panicErr): the line of the item, never moved. */
static int tfail_parse(tparser *p, const char *msg) { return fail_at(p, p->line, msg); }

/* Go's %q of a rune, as the lexer names what it found ('\x00' for EOF). */
static const char *qrune(int r)
{
    sg_buf b;
    buf_init(&b);
    gofmt_quote_rune(&b, r, false);
    return b.p;
}

static char peek(tparser *p, size_t k) { return p->i + k < p->n ? p->s[p->i + k] : 0; }
static bool eof(tparser *p) { return p->i >= p->n; }

static void skip_ws(tparser *p)
{
    while (!eof(p) && (p->s[p->i] == ' ' || p->s[p->i] == '\t')) p->i++;
}

static void skip_comment(tparser *p)
{
    if (peek(p, 0) == '#')
        while (!eof(p) && p->s[p->i] != '\n') p->i++;
}

/* Whitespace, newlines and comments (inside arrays). */
static void skip_all(tparser *p)
{
    for (;;) {
        skip_ws(p);
        skip_comment(p);
        if (peek(p, 0) == '\n') { p->i++; p->line++; continue; }
        if (peek(p, 0) == '\r' && peek(p, 1) == '\n') { p->i += 2; p->line++; continue; }
        break;
    }
}

static int hexv(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static void put_utf8(sg_buf *b, unsigned r)
{
    if (r < 0x80) buf_putc(b, (char)r);
    else if (r < 0x800) { buf_putc(b, (char)(0xC0 | r >> 6)); buf_putc(b, (char)(0x80 | (r & 0x3F))); }
    else if (r < 0x10000) {
        buf_putc(b, (char)(0xE0 | r >> 12)); buf_putc(b, (char)(0x80 | ((r >> 6) & 0x3F)));
        buf_putc(b, (char)(0x80 | (r & 0x3F)));
    } else {
        buf_putc(b, (char)(0xF0 | r >> 18)); buf_putc(b, (char)(0x80 | ((r >> 12) & 0x3F)));
        buf_putc(b, (char)(0x80 | ((r >> 6) & 0x3F))); buf_putc(b, (char)(0x80 | (r & 0x3F)));
    }
}

/* The error of a \\x, \\u or \\U escape (letter d) whose next rune, at p->i, is not a hex
 * digit: lexHexEscape/lexShortUnicodeEscape/lexLongUnicodeEscape quote (%q) the item read
 * so far from start, through that rune; only a read past the end moves the line. */
static int hex_escape_fail(tparser *p, size_t start, char d)
{
    bool at_eof = eof(p);
    if (!at_eof) {
        if (p->s[p->i] == '\n') p->line++;
        p->i++;
        while (!eof(p) && ((unsigned char)p->s[p->i] & 0xC0) == 0x80) p->i++;
    }
    sg_buf qs;
    buf_init(&qs);
    gofmt_quote(&qs, p->s + start, p->i - start);
    const char *m = sg_sprintf("expected %s hexadecimal digits after '\\%c', but got %s instead",
                               d == 'x' ? "two" : d == 'u' ? "four" : "eight", d, qs.p);
    return at_eof ? tfail(p, m) : fail_at(p, p->line, m);
}

static int parse_string(tparser *p, sg_value *out)
{
    char q = peek(p, 0);
    bool multi = peek(p, 1) == q && peek(p, 2) == q;
    sg_buf b;
    buf_init(&b);
    p->i += multi ? 3 : 1;
    size_t start = p->i; /* the lexer's item start */
    if (multi) {
        if (peek(p, 0) == '\n') { p->i++; p->line++; }
        else if (peek(p, 0) == '\r' && peek(p, 1) == '\n') { p->i += 2; p->line++; }
    }
    for (;;) {
        if (eof(p)) {
            if (q == '\'') return tfail(p, multi ? "unexpected EOF; expected \"'''\"" : "unexpected EOF; expected \"'\"");
            return tfail(p, multi ? "unexpected EOF; expected '\"\"\"'" : "unexpected EOF; expected '\"'");
        }
        char c = p->s[p->i];
        if (c == q) {
            if (!multi) { p->i++; break; }
            if (peek(p, 1) == q && peek(p, 2) == q) {
                /* up to two extra quotes belong to the content; a sixth is too many
                 * (lexMultilineString's check after five) */
                size_t extra = 0;
                while (extra < 2 && peek(p, 3 + extra) == q) extra++;
                if (extra == 2 && peek(p, 5) == q)
                    return fail_at(p, p->line, q == '"' ? "unexpected '\"\"\"\"\"\"'" : "unexpected \"''''''\"");
                for (size_t k = 0; k < extra; k++) buf_putc(&b, q);
                p->i += 3 + extra;
                break;
            }
            buf_putc(&b, c);
            p->i++;
            continue;
        }
        if (c == '\n') {
            if (!multi) return tfail(p, "strings cannot contain newlines");
            p->line++;
            buf_putc(&b, c);
            p->i++;
            continue;
        }
        if (c == '\\' && q == '"') {
            char d = peek(p, 1);
            p->i += 2;
            switch (d) {
            case 'b': buf_putc(&b, '\b'); break;
            case 't': buf_putc(&b, '\t'); break;
            case 'n': buf_putc(&b, '\n'); break;
            case 'f': buf_putc(&b, '\f'); break;
            case 'r': buf_putc(&b, '\r'); break;
            case 'e': /* TOML 1.1: toml v1.6.0 (Helm 4) only */
                if (sg_helm_major < 4) return tfail(p, "invalid escape in string '\\e'");
                buf_putc(&b, 0x1b);
                break;
            case 'x': {
                if (sg_helm_major < 4) return tfail(p, "invalid escape in string '\\x'");
                int h1 = hexv(peek(p, 0)), h2 = h1 < 0 ? -1 : hexv(peek(p, 1));
                if (h1 < 0) return hex_escape_fail(p, start, d);
                if (h2 < 0) {
                    p->i++;
                    return hex_escape_fail(p, start, d);
                }
                p->i += 2;
                put_utf8(&b, (unsigned)(h1 * 16 + h2));
                break;
            }
            case '"': buf_putc(&b, '"'); break;
            case '\\': buf_putc(&b, '\\'); break;
            case 'u': case 'U': {
                int nd = d == 'u' ? 4 : 8;
                unsigned r = 0;
                const char *hex = p->s + p->i;
                for (int k = 0; k < nd; k++) {
                    int h = hexv(peek(p, 0));
                    if (h < 0) return hex_escape_fail(p, start, d);
                    r = r * 16 + (unsigned)h;
                    p->i++;
                }
                if ((r >= 0xD800 && r <= 0xDFFF) || r > 0x10FFFF) /* not a rune: utf8.ValidRune */
                    return tfail_parse(p, sg_sprintf("Escaped character '\\u%.*s' is not valid UTF-8.", nd, hex));
                put_utf8(&b, r);
                break;
            }
            case ' ': case '\t': case '\r': case '\n':
                if (multi) {
                    /* line-ending backslash: trim whitespace and newlines */
                    p->i--;
                    while (!eof(p) && (p->s[p->i] == ' ' || p->s[p->i] == '\t' || p->s[p->i] == '\r' ||
                                       p->s[p->i] == '\n')) {
                        if (p->s[p->i] == '\n') p->line++;
                        p->i++;
                    }
                    break;
                }
                /* fallthrough */
            default:
                return tfail(p, sg_sprintf("invalid escape in string '\\%c'", d));
            }
            continue;
        }
        buf_putc(&b, c);
        p->i++;
    }
    *out = val_str_nocopy(b.p, b.len);
    return 0;
}

static int parse_key_part(tparser *p, const char **out, bool first)
{
    skip_ws(p);
    char c = peek(p, 0);
    if (c == '"' || c == '\'') {
        sg_value s;
        if (peek(p, 1) == c && peek(p, 2) == c) return tfail(p, "multi-line strings are not allowed as keys");
        if (parse_string(p, &s) < 0) return -1;
        *out = s.u.s.p;
        return 0;
    }
    if (p->in_header && (c == ']' || eof(p)))
        return tfail(p, "unexpected end of table name (table names cannot be empty)");
    if (p->in_header && c == '.') return tfail(p, "unexpected table separator (table names cannot be empty)");
    size_t st = p->i;
    while (!eof(p) && is_bare(p->s + p->i, 1)) p->i++;
    if (p->i == st) {
        /* lexKeyStart / lexKeyNameStart peek (no EOF shift); an empty bare name ends in
         * lexKeyEnd or lexTableNameEnd, which name the rune found */
        if (!p->in_header && (eof(p) || c == '='))
            return tfail_parse(p, first ? "unexpected '=': key name appears blank" : "unexpected '='");
        if (!p->in_header && c == '.')
            return tfail_parse(p, first ? "unexpected '.': keys cannot start with a '.'" : "unexpected '.'");
        int32_t r;
        gofmt_decode_rune(p->s + p->i, p->n - p->i, &r);
        if (p->in_header)
            return tfail_parse(p, sg_sprintf("expected '.' or ']' to end table name, but got %s instead", qrune(r)));
        return tfail_parse(p, sg_sprintf("expected '.' or '=', but got %s instead", qrune(r)));
    }
    *out = sg_strndup(p->s + st, p->i - st);
    return 0;
}

/* key = part ( '.' part )* ; parts as an arena array. */
static int parse_key(tparser *p, tkey *k)
{
    k->n = 0;
    k->parts = NULL;
    for (;;) {
        const char *part = NULL;
        if (parse_key_part(p, &part, k->n == 0) < 0) return -1;
        *k = key_add(*k, part);
        skip_ws(p);
        if (peek(p, 0) != '.') break;
        p->i++;
    }
    return 0;
}

static int parse_value(tparser *p, sg_value *out);

static bool is_num_char(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
           c == '.' || c == '+' || c == '-' || c == ':';
}

/* n digits at s, their value in *v. */
static bool digits(const char *s, const char *end, int n, int *v)
{
    *v = 0;
    for (int k = 0; k < n; k++) {
        if (s + k >= end || s[k] < '0' || s[k] > '9') return false;
        *v = *v * 10 + (s[k] - '0');
    }
    return true;
}

/* HH:MM[:SS[.frac]] at *s (seconds optional when short_ok); advances *s. */
static bool valid_clock(const char **s, const char *end, bool short_ok)
{
    int h, m, sec;
    const char *t = *s;
    if (!digits(t, end, 2, &h) || t + 2 >= end || t[2] != ':' || !digits(t + 3, end, 2, &m)) return false;
    if (h > 23 || m > 59) return false;
    t += 5;
    if (t < end && *t == ':') {
        if (!digits(t + 1, end, 2, &sec) || sec > 59) return false;
        t += 3;
        if (t < end && *t == '.') {
            const char *f = ++t;
            while (t < end && *t >= '0' && *t <= '9') t++;
            if (t == f) return false;
        }
    } else if (!short_ok) {
        return false;
    }
    *s = t;
    return true;
}

/* Whether BurntSushi's valueDatetime accepts w (after z→Z, t→T, ' '→T): time.Parse with
 * RFC 3339, local date-time, local date, local time; toml v1.6.0 (Helm 4) also takes the
 * forms without seconds. */
static bool valid_datetime(const char *w, size_t n)
{
    const char *s = w, *end = w + n;
    bool short_ok = sg_helm_major >= 4;
    if (n >= 3 && w[2] == ':') return valid_clock(&s, end, short_ok) && s == end;
    int y, mo, d;
    if (!digits(s, end, 4, &y) || n < 10 || s[4] != '-' || !digits(s + 5, end, 2, &mo) || s[7] != '-' ||
        !digits(s + 8, end, 2, &d))
        return false;
    static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1]) return false;
    if (mo == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return false;
    s += 10;
    if (s == end) return true;
    if (*s != 'T' && *s != 't' && *s != ' ') return false;
    s++;
    if (!valid_clock(&s, end, short_ok)) return false;
    if (s == end) return true;
    if ((*s == 'Z' || *s == 'z') && s + 1 == end) return true;
    int oh, om;
    if ((*s != '+' && *s != '-') || !digits(s + 1, end, 2, &oh) || s + 3 >= end || s[3] != ':' ||
        !digits(s + 4, end, 2, &om) || s + 6 != end)
        return false;
    return oh < 24 && om < 60;
}

/* valueDatetime: the time.Time BurntSushi makes of a TOML date/time w (datetimeRepl already
 * applied): the first of its layouts that time.ParseInLocation accepts, an offset date-time
 * in Local, local ones in the fixed zones "datetime-local", "date-local", "time-local"
 * (at Local's offset now; the forms without seconds only in toml v1.6.0, Helm 4).  False if none parses. */
static bool datetime(const char *w, size_t n, sg_value *out)
{
    static const struct {
        const char *layout;
        int zone; /* a gotime_toml_kind, or -1 for Local */
        bool next;
    } forms[] = {
        { "2006-01-02T15:04:05.999999999Z07:00", -1, false },
        { "2006-01-02T15:04:05.999999999", GOTIME_TOML_DATETIME, false },
        { "2006-01-02", GOTIME_TOML_DATE, false },
        { "15:04:05.999999999", GOTIME_TOML_TIME, false },
        { "2006-01-02T15:04Z07:00", -1, true },
        { "2006-01-02T15:04", GOTIME_TOML_DATETIME, true },
        { "15:04", GOTIME_TOML_TIME, true },
    };
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        if (forms[i].next && sg_helm_major < 4) continue;
        const gotime_loc *loc = forms[i].zone < 0 ? gotime_local() : gotime_toml_local((gotime_toml_kind)forms[i].zone);
        gotime t;
        if (!gotime_parse(forms[i].layout, strlen(forms[i].layout), w, n, loc, &t)) {
            *out = gotime_value(t);
            return true;
        }
    }
    return false;
}

/* numUnderscoresOK: each '_' follows a hex digit, and the text ends in one. */
static bool num_underscores_ok(const char *s, size_t n)
{
    if (!strcmp(s, "nan") || !strcmp(s, "+nan") || !strcmp(s, "-nan") || !strcmp(s, "inf") ||
        !strcmp(s, "+inf") || !strcmp(s, "-inf"))
        return true;
    bool accept = false;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '_' && !accept) return false;
        accept = hexv(s[i]) >= 0;
    }
    return accept;
}

/* numHasLeadingZero */
static bool num_leading_zero(const char *s, size_t n)
{
    if (n > 1 && s[0] == '0' && s[1] != 'x' && s[1] != 'o' && s[1] != 'b') return true;
    return n > 2 && (s[0] == '-' || s[0] == '+') && s[1] == '0';
}

static int parse_scalar_word(tparser *p, sg_value *out)
{
    size_t st = p->i;
    while (!eof(p) && (is_num_char(p->s[p->i]) ||
                       (p->s[p->i] == ' ' && p->i > st && p->i + 1 < p->n && p->s[p->i + 1] >= '0' &&
                        p->s[p->i + 1] <= '9' && p->i - st == 10 && p->s[st + 4] == '-')))
        p->i++;
    char *w = sg_strndup(p->s + st, p->i - st);
    size_t n = p->i - st;
    if (n && eof(p) && p->n < p->full_n) {
        p->word_at_ctl = true;
        p->ctl_key = p->lastkey;
    }
    if (!n) {
        if (eof(p)) return tfail(p, "unexpected EOF; expected value");
        return tfail(p, sg_sprintf("expected value but found %s instead", qrune((unsigned char)p->s[p->i])));
    }
    /* lexValue / lexDecimalNumberStart: inf and nan are three letters, the rest is the next item */
    size_t sgn = w[0] == '+' || w[0] == '-';
    if (n >= sgn + 3 && (!strncmp(w + sgn, "inf", 3) || !strncmp(w + sgn, "nan", 3))) {
        p->i = st + sgn + 3;
        p->word_at_ctl = false; /* inf/nan: three letters accepted, nothing read past them */
        *out = val_float(w[sgn] == 'n' ? NAN : w[0] == '-' ? -INFINITY : INFINITY);
        return 0;
    }
    if ((w[0] >= 'a' && w[0] <= 'z') || (w[0] >= 'A' && w[0] <= 'Z')) {
        size_t k = 0;
        while (k < n && ((w[k] >= 'a' && w[k] <= 'z') || (w[k] >= 'A' && w[k] <= 'Z'))) k++;
        if (!((k == 4 && !strncmp(w, "true", 4)) || (k == 5 && !strncmp(w, "false", 5)))) {
            /* lexBool: the letters read, then a backup, so no EOF shift of the line */
            sg_buf q;
            buf_init(&q);
            gofmt_quote(&q, w, k);
            return tfail_parse(p, sg_sprintf("expected value but found %s instead", q.p));
        }
        p->i = st + k;
        *out = val_bool(k == 4);
        return 0;
    }
    if (w[0] == '.' || (sgn && w[1] == '.')) return tfail_parse(p, "floats must start with a digit, not '.'");
    if (w[0] == '_' || w[0] == ':') return tfail_parse(p, sg_sprintf("expected value but found %s instead", qrune((unsigned char)w[0])));
    if (sgn) {
        if (w[1] == '0' && (w[2] == 'x' || w[2] == 'o' || w[2] == 'b'))
            return tfail_parse(p, sg_sprintf("cannot use sign with non-decimal numbers: '%.3s'", w));
        if (!(w[1] >= '0' && w[1] <= '9'))
            return tfail_parse(p, sg_sprintf("expected a digit but got %s", qrune((unsigned char)w[1])));
    }
    /* lexBaseNumberOrDate: 0x/0o/0b digits (and '_'); the lexer stops at the first other character */
    int base = 10;
    if (w[0] == '0' && (w[1] == 'x' || w[1] == 'o' || w[1] == 'b')) {
        base = w[1] == 'x' ? 16 : w[1] == 'o' ? 8 : 2;
        const char *what = base == 16 ? (sg_helm_major < 4 ? "a hexidecimal" /* v1.4.0's spelling */
                                                           : "a hexadecimal")
                           : base == 8 ? "an octal" : "a binary";
        /* the rune after the prefix (peeked: NUL at EOF) must be a digit of the base */
        size_t at = st + 2, rn = at < p->n ? 1 : 0;
        int h = rn ? hexv(p->s[at]) : -1;
        if (h < 0 || h >= base) {
            while (rn && at + rn < p->n && ((unsigned char)p->s[at + rn] & 0xC0) == 0x80) rn++;
            sg_buf m;
            buf_init(&m);
            buf_printf(&m, "not %s number: '%.2s", what, w);
            if (rn) buf_put(&m, p->s + at, rn);
            else buf_putc(&m, 0);
            buf_putc(&m, '\'');
            return fail_at_n(p, p->line, m.p, m.len);
        }
        size_t k = 2;
        while (k < n && (w[k] == '_' || (hexv(w[k]) >= 0 && hexv(w[k]) < base))) k++;
        p->i = st + k;
        w[k] = 0;
        n = k;
    } else {
        /* lexNumberOrDate: digits then '-' or ':' make a date/time */
        size_t k = sgn;
        while (k < n && w[k] >= '0' && w[k] <= '9') k++;
        if (!sgn && k < n && (w[k] == '-' || w[k] == ':')) {
            bool ok = valid_datetime(w, n);
            for (size_t j = 0; j < n; j++) /* datetimeRepl: z→Z, t→T, ' '→T */
                w[j] = w[j] == 'z' ? 'Z' : w[j] == 't' || w[j] == ' ' ? 'T' : w[j];
            if (!ok || !datetime(w, n, out)) {
                sg_buf q;
                buf_init(&q);
                gofmt_quote(&q, w, n);
                return tfail_parse(p, sg_sprintf("invalid datetime: %s", q.p));
            }
            return 0;
        }
    }
    bool isfloat = base == 10 && strpbrk(w, ".eE") != NULL;
    if (!isfloat) {
        if (!num_underscores_ok(w, n))
            return tfail_parse(p, sg_sprintf("Invalid integer \"%s\": underscores must be surrounded by digits", w));
        if (base == 10 && num_leading_zero(w, n))
            return tfail_parse(p, sg_sprintf("Invalid integer \"%s\": cannot have leading zeroes", w));
        const char *s = w + (base == 10 ? 0 : 2);
        bool neg = false;
        if (base == 10 && (*s == '+' || *s == '-')) { neg = *s == '-'; s++; }
        if (!*s) return tfail_parse(p, sg_sprintf("invalid integer: \"%s\"", w));
        unsigned long long v = 0;
        for (; *s; s++) {
            if (*s == '_') continue;
            int h = hexv(*s);
            if (h < 0 || h >= base) return tfail_parse(p, sg_sprintf("invalid integer: \"%s\"", w));
            if (v > (0x8000000000000000ULL - (unsigned)h) / (unsigned)base)
                return tfail_parse(p, sg_sprintf("%s is out of range for int64", w));
            v = v * (unsigned)base + (unsigned)h;
        }
        if (!neg && v > 0x7fffffffffffffffULL)
            return tfail_parse(p, sg_sprintf("%s is out of range for int64", w));
        *out = val_int64(neg ? (int64_t)(0 - v) : (int64_t)v);
        return 0;
    }
    /* valueFloat: underscores per part (split at . e E), a leading zero, '.' then a digit */
    for (size_t a = 0; a < n;) {
        size_t b = a;
        while (b < n && w[b] != '.' && w[b] != 'e' && w[b] != 'E') b++;
        if (b > a) {
            char *part = sg_strndup(w + a, b - a);
            if (!num_underscores_ok(part, b - a))
                return tfail_parse(p, sg_sprintf("Invalid float \"%s\": underscores must be surrounded by digits", w));
            if (a == 0 && num_leading_zero(part, b - a))
                return tfail_parse(p, sg_sprintf("Invalid float \"%s\": cannot have leading zeroes", w));
        }
        a = b + 1;
    }
    for (size_t k = 0; k < n; k++)
        if (w[k] == '.' && !(k + 1 < n && w[k + 1] >= '0' && w[k + 1] <= '9'))
            return tfail_parse(p, sg_sprintf("Invalid float \"%s\": '.' must be followed by one or more digits", w));
    char *d = sg_alloc(n + 1), *q = d;
    for (size_t i = 0; i < n; i++)
        if (w[i] != '_') *q++ = w[i];
    *q = 0;
    char *end;
    double f = strtod(d, &end);
    if (*end || strchr(d, 'x') || strchr(d, 'X') || strchr(d, 'p') || strchr(d, 'P'))
        return tfail_parse(p, sg_sprintf("Invalid float value: \"%s\"", w));
    if (isinf(f)) return tfail_parse(p, sg_sprintf("%s is out of range for float64", w));
    *out = val_float(f);
    return 0;
}

static int set_path(tparser *p, sg_value table, tkey k, sg_value v)
{
    sg_value t = table;
    for (size_t i = 0; i + 1 < k.n; i++) {
        sg_value next;
        if (map_get(t, k.parts[i], &next)) {
            if (next.kind != VK_MAP) {
                sg_buf kc; /* the key context so far */
                buf_init(&kc);
                for (size_t j = 0; j <= i; j++) {
                    if (j) buf_putc(&kc, '.');
                    buf_puts(&kc, k.parts[j]);
                }
                return tfail_parse(p, sg_sprintf("Key '%s' has already been defined.", kc.p));
            }
        } else {
            next = val_map();
            map_set(t, k.parts[i], next);
        }
        t = next;
    }
    if (map_get(t, k.parts[k.n - 1], NULL)) {
        return tfail_parse(p, sg_sprintf("Key '%s' has already been defined.", k.parts[k.n - 1]));
    }
    map_set(t, k.parts[k.n - 1], v);
    return 0;
}

/* Blanks inside an inline table: spaces and comments, and newlines in TOML 1.1 (toml
 * v1.6.0, Helm 4); v1.4.0 (Helm 3) rejects a newline, on its own line. */
static int skip_inline(tparser *p)
{
    for (;;) {
        skip_ws(p);
        skip_comment(p);
        char c = peek(p, 0);
        if (c != '\n' && !(c == '\r' && peek(p, 1) == '\n')) return 0;
        if (sg_helm_major < 4) return tfail_parse(p, "newlines not allowed within inline tables");
        p->i += c == '\r' ? 2 : 1;
        p->line++;
    }
}

static int parse_value(tparser *p, sg_value *out)
{
    skip_ws(p);
    char c = peek(p, 0);
    if (c == '"' || c == '\'') return parse_string(p, out);
    if (c == '[') {
        sg_value l = val_list(0);
        p->i++;
        for (;;) {
            skip_all(p);
            if (peek(p, 0) == ']') { p->i++; break; }
            if (peek(p, 0) == ',') return tfail(p, "unexpected comma");
            sg_value v;
            if (parse_value(p, &v) < 0) return -1;
            list_push(l, v);
            skip_all(p);
            if (peek(p, 0) == ',') { p->i++; continue; }
            if (peek(p, 0) == ']') { p->i++; break; }
            if (eof(p)) return tfail(p, "expected a comma (',') or array terminator (']'), but got end of file");
            return tfail(p, sg_sprintf("expected a comma (',') or array terminator (']'), but got '%c'", peek(p, 0)));
        }
        *out = l;
        return 0;
    }
    if (c == '{') {
        sg_value m = val_map();
        p->i++;
        if (skip_inline(p) < 0) return -1;
        if (peek(p, 0) == '}') { p->i++; *out = m; return 0; }
        const char *outer = p->lastkey;
        for (;;) {
            if (skip_inline(p) < 0) return -1;
            if (peek(p, 0) == '}') { p->i++; break; } /* after ",\n" (Helm 4) */
            if (peek(p, 0) == ',') return tfail(p, "unexpected comma");
            tkey k;
            if (parse_key(p, &k) < 0) return -1;
            skip_ws(p);
            if (peek(p, 0) != '=') return tfail(p, "expected '=' after key in inline table");
            p->i++;
            /* the parser's context: the outer key, then this one */
            sg_buf kb;
            buf_init(&kb);
            if (outer) buf_puts(&kb, outer);
            for (size_t i = 0; i < k.n; i++) {
                if (i || outer) buf_putc(&kb, '.');
                buf_puts(&kb, k.parts[i]);
            }
            p->lastkey = kb.p;
            sg_value v;
            if (parse_value(p, &v) < 0) return -1;
            if (set_path(p, m, k, v) < 0) return -1;
            if (skip_inline(p) < 0) return -1;
            if (peek(p, 0) == ',') {
                p->i++;
                skip_ws(p);
                if (peek(p, 0) != '}') continue;
                /* a trailing comma: TOML 1.1, toml v1.6.0 (Helm 4) only */
                if (sg_helm_major < 4) return tfail(p, "trailing comma not allowed in inline tables");
            }
            if (peek(p, 0) == '}') { p->i++; break; }
            if (eof(p)) return tfail(p, "expected a comma or an inline table terminator '}', but got end of file instead");
            return tfail(p, sg_sprintf("expected a comma or an inline table terminator '}', but got %s instead",
                                       qrune((unsigned char)peek(p, 0))));
        }
        p->lastkey = outer;
        list_push(p->inl, m);
        *out = m;
        return 0;
    }
    return parse_scalar_word(p, out);
}

static int end_of_line(tparser *p)
{
    skip_ws(p);
    skip_comment(p);
    if (eof(p)) return 0;
    if (peek(p, 0) == '\n') { p->i++; p->line++; return 0; }
    if (peek(p, 0) == '\r' && peek(p, 1) == '\n') { p->i += 2; p->line++; return 0; }
    return tfail(p, sg_sprintf("expected a top-level item to end with a newline, comment, or EOF, but got '%c' instead", peek(p, 0)));
}

/* [a.b] or [[a.b]] */
static int parse_header(tparser *p)
{
    bool arr = peek(p, 1) == '[';
    p->i += arr ? 2 : 1;
    tkey k;
    p->in_header = true;
    int rc = parse_key(p, &k);
    p->in_header = false;
    if (rc < 0) return -1;
    skip_ws(p);
    /* peek gives 0 at EOF: the lexer's eof rune, printed '\x00' */
    if (peek(p, 0) != ']')
        return tfail(p, sg_sprintf("expected '.' or ']' to end table name, but got %s instead",
                                   qrune((unsigned char)peek(p, 0))));
    p->i++;
    if (arr) {
        if (peek(p, 0) != ']')
            return tfail(p, sg_sprintf("expected end of table array name delimiter ']', but got %s instead",
                                       qrune((unsigned char)peek(p, 0))));
        p->i++;
    }
    p->lastkey = NULL; /* the parser left the old table: its errors name no key */
    sg_value t = p->root;
    for (size_t i = 0; i + 1 < k.n; i++) {
        sg_value next;
        if (!map_get(t, k.parts[i], &next)) {
            next = val_map();
            map_set(t, k.parts[i], next);
        } else if (next.kind == VK_LIST && list_len(next)) {
            next = list_get(next, list_len(next) - 1);
        }
        if (next.kind != VK_MAP) return tfail_parse(p, sg_sprintf("key \"%s\" is not a table", k.parts[i]));
        t = next;
    }
    const char *last = k.parts[k.n - 1];
    /* BurntSushi names the whole key, with the table path walked so far as the context */
    sg_buf full, pre;
    buf_init(&full);
    buf_init(&pre);
    for (size_t i = 0; i < k.n; i++) {
        if (i) buf_putc(&full, '.');
        buf_puts(&full, k.parts[i]);
        if (i + 1 < k.n) {
            if (i) buf_putc(&pre, '.');
            buf_puts(&pre, k.parts[i]);
        }
    }
    const char *aotkey = sg_sprintf("%p/%s", (void *)t.u.m, last);
    sg_value cur;
    if (arr) {
        sg_value l;
        bool known = false;
        for (size_t i = 0; i < list_len(p->aot); i++)
            if (!strcmp(list_get(p->aot, i).u.s.p, aotkey)) known = true;
        if (!map_get(t, last, &l)) {
            l = val_list(0);
            map_set(t, last, l);
            list_push(p->aot, val_cstr(aotkey));
        } else if (l.kind != VK_LIST || !known) { /* a value's array is not an array of tables */
            return tfail_parse(p, sg_sprintf("Key '%s' was already created and cannot be used as an array.", last));
        }
        cur = val_map();
        list_push(l, cur);
        /* the list header may have been reallocated: store it back */
        map_set(t, last, l);
    } else {
        if (map_get(t, last, &cur)) {
            if (k.n > 1) p->lastkey = pre.p;
            if (cur.kind != VK_MAP) return tfail_parse(p, sg_sprintf("Key '%s' has already been defined.", full.p));
            for (size_t i = 0; i < list_len(p->defined); i++)
                if (list_get(p->defined, i).u.m == cur.u.m)
                    return tfail_parse(p, sg_sprintf("Key '%s' has already been defined.", full.p));
            for (size_t i = 0; i < list_len(p->inl); i++)
                if (list_get(p->inl, i).u.m == cur.u.m)
                    return tfail_parse(p, sg_sprintf("Key '%s' has already been defined.", full.p));
        } else {
            cur = val_map();
            map_set(t, last, cur);
        }
    }
    if (!arr) list_push(p->defined, cur);
    p->cur = cur;
    sg_buf kb;
    buf_init(&kb);
    for (size_t i = 0; i < k.n; i++) {
        if (i) buf_putc(&kb, '.');
        buf_puts(&kb, k.parts[i]);
    }
    p->ctx = p->lastkey = kb.p;
    return end_of_line(p);
}

static int parse_toml(tparser *p)
{
    p->root = val_map();
    p->cur = p->root;
    p->defined = val_list(0);
    p->inl = val_list(0);
    p->aot = val_list(0);
    p->line = 1;
    for (;;) {
        skip_all(p);
        if (eof(p)) return 0;
        if (peek(p, 0) == '[') {
            if (parse_header(p) < 0) return -1;
            continue;
        }
        tkey k;
        if (parse_key(p, &k) < 0) return -1;
        sg_buf kb;
        buf_init(&kb);
        if (p->ctx) buf_puts(&kb, p->ctx);
        for (size_t i = 0; i < k.n; i++) {
            if (i || p->ctx) buf_putc(&kb, '.');
            buf_puts(&kb, k.parts[i]);
        }
        skip_ws(p);
        if (peek(p, 0) != '=') {
            if (eof(p)) return tfail(p, "unexpected EOF; expected key separator '='");
            if (peek(p, 0) == '\n' && sg_helm_major < 4) p->line++; /* v1.4.0 counts the newline first */
            return tfail(p, sg_sprintf("expected '.' or '=', but got %s instead", qrune((unsigned char)peek(p, 0))));
        }
        p->lastkey = kb.p;
        p->i++;
        skip_ws(p);
        if (eof(p)) return tfail(p, "unexpected EOF; expected value");
        if (peek(p, 0) == '\n' || peek(p, 0) == '\r') {
            if (peek(p, 0) == '\n' && sg_helm_major < 4) p->line++; /* v1.4.0 counts the newline first */
            return tfail(p, sg_sprintf("expected value but found %s instead", qrune((unsigned char)peek(p, 0))));
        }
        sg_value v;
        if (parse_value(p, &v) < 0) return -1;
        if (set_path(p, p->cur, k, v) < 0) return -1;
        p->lastkey = p->ctx;
        if (end_of_line(p) < 0) return -1;
    }
}

/* fromToml: toml.Unmarshal into map[string]interface{}; errors in the "Error" key. */
sg_value fn_helm_fromtoml(sg_fcall *c, int argc, sg_value *argv)
{
    tparser p = { 0 };
    p.s = argv[0].u.s.p;
    p.n = argv[0].u.s.n;
    /* The lexer refuses control characters anywhere (a CR only before an LF): parse the text
     * before the first one; unless that fails earlier, the control character is the error. */
    size_t bad = 0, len = p.n;
    while (bad < len) {
        unsigned char ch = (unsigned char)p.s[bad];
        if ((ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') || ch == 0x7f ||
            (ch == '\r' && (bad + 1 == len || p.s[bad + 1] != '\n')))
            break;
        bad++;
    }
    p.full_n = p.n;
    p.n = bad;
    int rc = parse_toml(&p);
    if (bad < len && (rc == 0 || p.i >= bad)) {
        int line = 1;
        for (size_t k = 0; k < bad; k++) line += p.s[k] == '\n';
        p.err = NULL;
        if (p.word_at_ctl) p.lastkey = p.ctl_key;
        fail_at(&p, line, sg_sprintf("TOML files cannot contain control characters: '0x%02x'",
                                     (unsigned char)p.s[bad]));
        rc = -1;
    }
    if (rc < 0) {
        sg_value m = val_map();
        map_set(m, "Error", val_str(p.err, p.errn));
        return m;
    }
    return p.root;
}
