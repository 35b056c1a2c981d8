/* yaml_emit.c - sg_value → YAML text exactly as go-yaml v2's Marshal writes it.
 *
 * go-yaml v2 is a Go port of libyaml 0.1's emitter; this file mirrors that emitter for
 * the subset Marshal uses: block mappings and sequences (indent 2, sequences in a mapping
 * not indented), "{}"/"[]" for empty collections, and the scalar styles plain, single-
 * and double-quoted and literal, chosen by libyaml's analysis and written with its
 * width-80 folding.  The names follow emitterc.go (write_indent, write_indicator,
 * analyze_scalar, select_scalar_style ...); the event state machine is unrolled into
 * recursion, keeping the emitter flags (column, whitespace, indention) exactly.
 *
 * The value layer (what style go-yaml asks for, key order) follows encode.go/sorter.go,
 * and yamlio_marshal adds sigs.k8s.io/yaml's JSON round trip in front.
 */
#include "yaml.h"
#include "json.h"
#include "gofloat.h"
#include "yaml_decode.h"
#include "../base/arena.h"
#include "../value/gonamed.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { S_PLAIN, S_SINGLE, S_DOUBLE, S_LITERAL };

typedef struct emitter {
    sg_buf *b;
    int column;
    bool whitespace, indention, open_ended;
    int indent;
    int flow_level;
    bool root_context, sequence_context, mapping_context, simple_key_context;
    int best_indent, best_width;
    bool v3;       /* go-yaml v3 Encoder flavour (toYamlPretty) */
    bool plain;    /* v3: the next scalar is a time.Time, always written plain (timev) */
    int depth;     /* nesting, bounded so that a cyclic value cannot overflow the stack */
    bool failed;
    /* analysis of the scalar being emitted */
    struct {
        const unsigned char *value;
        size_t length;
        bool multiline, flow_plain_allowed, block_plain_allowed, single_quoted_allowed,
            block_allowed;
        int style;
    } sc;
} emitter;

/* ---- character classes (libyaml's macros on UTF-8 bytes) ---- */

static bool is_space(const unsigned char *s, size_t i, size_t n) { return i < n && s[i] == ' '; }
static bool is_break(const unsigned char *s, size_t i, size_t n)
{
    if (i >= n) return false;
    return s[i] == '\r' || s[i] == '\n' ||
           (s[i] == 0xC2 && i + 1 < n && s[i + 1] == 0x85) ||
           (s[i] == 0xE2 && i + 2 < n && s[i + 1] == 0x80 && (s[i + 2] == 0xA8 || s[i + 2] == 0xA9));
}
static bool is_blankz(const unsigned char *s, size_t i, size_t n)
{
    return i >= n || s[i] == ' ' || s[i] == '\t' || is_break(s, i, n) || s[i] == 0;
}
static unsigned char at(const unsigned char *s, size_t i, size_t n) { return i < n ? s[i] : 0; }
static bool is_printable(const unsigned char *s, size_t i, size_t n)
{
    unsigned char c = s[i], c1 = at(s, i + 1, n), c2 = at(s, i + 2, n);
    return c == 0x0A || (c >= 0x20 && c <= 0x7E) || (c == 0xC2 && c1 >= 0xA0) ||
           (c > 0xC2 && c < 0xED) || (c == 0xED && c1 < 0xA0) || c == 0xEE ||
           (c == 0xEF && !(c1 == 0xBB && c2 == 0xBF) && !(c1 == 0xBF && (c2 == 0xBE || c2 == 0xBF)));
}
static bool is_bom(const unsigned char *s, size_t i, size_t n)
{
    return at(s, i, n) == 0xEF && at(s, i + 1, n) == 0xBB && at(s, i + 2, n) == 0xBF;
}
static size_t width(unsigned char c)
{
    return (c & 0x80) == 0 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
}

/* ---- low-level writers ---- */

static void put(emitter *e, char c) { buf_putc(e->b, c); e->column++; }
static void put_break(emitter *e) { buf_putc(e->b, '\n'); e->column = 0; }
/* Copy one character; *i advances past it. */
static void write_char(emitter *e, const unsigned char *s, size_t *i, size_t n)
{
    size_t w = width(s[*i]);
    if (*i + w > n) w = n - *i;
    buf_put(e->b, (const char *)s + *i, w);
    *i += w;
    e->column++;
}
static void write_break_char(emitter *e, const unsigned char *s, size_t *i, size_t n)
{
    if (s[*i] == '\n') { put_break(e); (*i)++; return; }
    size_t w = width(s[*i]);
    if (*i + w > n) w = n - *i;
    buf_put(e->b, (const char *)s + *i, w);
    *i += w;
    e->column = 0;
}

static void write_indent(emitter *e)
{
    int indent = e->indent >= 0 ? e->indent : 0;
    if (!e->indention || e->column > indent || (e->column == indent && !e->whitespace)) put_break(e);
    while (e->column < indent) put(e, ' ');
    e->whitespace = true;
    e->indention = true;
}

static void write_indicator(emitter *e, const char *ind, bool need_whitespace, bool is_whitespace,
                            bool is_indention)
{
    if (need_whitespace && !e->whitespace) put(e, ' ');
    for (const char *p = ind; *p; p++) put(e, *p);
    e->whitespace = is_whitespace;
    e->indention = e->indention && is_indention;
}

/* ---- scalar analysis and style selection ---- */

static void analyze_scalar(emitter *e, const unsigned char *s, size_t n)
{
    e->sc.value = s;
    e->sc.length = n;
    if (n == 0) {
        e->sc.multiline = false;
        e->sc.flow_plain_allowed = false;
        e->sc.block_plain_allowed = true;
        e->sc.single_quoted_allowed = true;
        e->sc.block_allowed = false;
        return;
    }
    bool block_ind = false, flow_ind = false, line_breaks = false, special = false;
    bool leading_space = false, leading_break = false, trailing_space = false, trailing_break = false;
    bool break_space = false, space_break = false, prev_space = false, prev_break = false;
    bool tabs = false;
    if (n >= 3 && ((s[0] == '-' && s[1] == '-' && s[2] == '-') || (s[0] == '.' && s[1] == '.' && s[2] == '.'))) {
        block_ind = true;
        flow_ind = true;
    }
    bool preceded_ws = true;
    bool followed_ws = is_blankz(s, width(s[0]), n);
    for (size_t i = 0; i < n;) {
        unsigned char c = s[i];
        bool first = i == 0;
        bool last = i + width(c) >= n;
        if (first) {
            if (strchr("#,[]{}&*!|>'\"%@`", c) && c) { flow_ind = true; block_ind = true; }
            if (c == '?' || c == ':') { flow_ind = true; if (followed_ws) block_ind = true; }
            if (c == '-' && followed_ws) { flow_ind = true; block_ind = true; }
        } else {
            if (c && strchr(",?[]{}", c)) flow_ind = true;
            if (c == ':') { flow_ind = true; if (followed_ws) block_ind = true; }
            if (c == '#' && preceded_ws) { flow_ind = true; block_ind = true; }
        }
        if (c == '\t' && e->v3) tabs = true;
        else if (!is_printable(s, i, n)) special = true; /* unicode output is on */
        if (is_break(s, i, n)) line_breaks = true;
        if (c == ' ') {
            if (first) leading_space = true;
            if (last) trailing_space = true;
            if (prev_break) break_space = true;
            prev_space = true;
            prev_break = false;
        } else if (is_break(s, i, n)) {
            if (first) leading_break = true;
            if (last) trailing_break = true;
            if (prev_space) space_break = true;
            prev_break = true;
            prev_space = false;
        } else {
            prev_space = false;
            prev_break = false;
        }
        preceded_ws = is_blankz(s, i, n);
        i += width(c);
        if (i < n) followed_ws = is_blankz(s, i + width(s[i]), n);
    }
    e->sc.multiline = line_breaks;
    e->sc.flow_plain_allowed = true;
    e->sc.block_plain_allowed = true;
    e->sc.single_quoted_allowed = true;
    e->sc.block_allowed = true;
    if (leading_space || leading_break || trailing_space || trailing_break) {
        e->sc.flow_plain_allowed = false;
        e->sc.block_plain_allowed = false;
    }
    if (trailing_space) e->sc.block_allowed = false;
    if (break_space) {
        e->sc.flow_plain_allowed = false;
        e->sc.block_plain_allowed = false;
        e->sc.single_quoted_allowed = false;
    }
    if (tabs) {
        e->sc.flow_plain_allowed = false;
        e->sc.block_plain_allowed = false;
        e->sc.single_quoted_allowed = false;
    }
    if (space_break || special) {
        e->sc.flow_plain_allowed = false;
        e->sc.block_plain_allowed = false;
        e->sc.single_quoted_allowed = false;
        e->sc.block_allowed = false;
    }
    if (line_breaks) {
        e->sc.flow_plain_allowed = false;
        e->sc.block_plain_allowed = false;
    }
    if (flow_ind) e->sc.flow_plain_allowed = false;
    if (block_ind) e->sc.block_plain_allowed = false;
}

static int select_style(emitter *e, int style, bool no_tag)
{
    if (e->simple_key_context && e->sc.multiline) style = S_DOUBLE;
    if (style == S_PLAIN) {
        if ((e->flow_level && !e->sc.flow_plain_allowed) || (!e->flow_level && !e->sc.block_plain_allowed))
            style = S_SINGLE;
        if (!e->sc.length && (e->flow_level || e->simple_key_context)) style = S_SINGLE;
        (void)no_tag; /* plain_implicit is always set by go-yaml when there is no tag */
    }
    if (style == S_SINGLE && !e->sc.single_quoted_allowed) style = S_DOUBLE;
    if (style == S_LITERAL && (!e->sc.block_allowed || e->flow_level || e->simple_key_context))
        style = S_DOUBLE;
    return style;
}

/* ---- scalar writers ---- */

static void write_plain(emitter *e, const unsigned char *s, size_t n, bool allow_breaks)
{
    bool spaces = false, breaks = false;
    if (!e->whitespace) put(e, ' ');
    for (size_t i = 0; i < n;) {
        if (s[i] == ' ') {
            if (allow_breaks && !spaces && e->column > e->best_width && !is_space(s, i + 1, n)) {
                write_indent(e);
                i++;
            } else {
                write_char(e, s, &i, n);
            }
            spaces = true;
        } else if (is_break(s, i, n)) {
            if (!breaks && s[i] == '\n') put_break(e);
            write_break_char(e, s, &i, n);
            e->indention = true;
            breaks = true;
        } else {
            if (breaks) write_indent(e);
            write_char(e, s, &i, n);
            e->indention = false;
            spaces = false;
            breaks = false;
        }
    }
    e->whitespace = false;
    e->indention = false;
}

static void write_single(emitter *e, const unsigned char *s, size_t n, bool allow_breaks)
{
    bool spaces = false, breaks = false;
    write_indicator(e, "'", true, false, false);
    for (size_t i = 0; i < n;) {
        if (s[i] == ' ') {
            if (allow_breaks && !spaces && e->column > e->best_width && i != 0 && i != n - 1 &&
                !is_space(s, i + 1, n)) {
                write_indent(e);
                i++;
            } else {
                write_char(e, s, &i, n);
            }
            spaces = true;
        } else if (is_break(s, i, n)) {
            if (!breaks && s[i] == '\n') put_break(e);
            write_break_char(e, s, &i, n);
            e->indention = true;
            breaks = true;
        } else {
            if (breaks) write_indent(e);
            if (s[i] == '\'') put(e, '\'');
            write_char(e, s, &i, n);
            e->indention = false;
            spaces = false;
            breaks = false;
        }
    }
    write_indicator(e, "'", false, false, false);
}

static void write_double(emitter *e, const unsigned char *s, size_t n, bool allow_breaks)
{
    static const char hex[] = "0123456789ABCDEF";
    bool spaces = false;
    write_indicator(e, "\"", true, false, false);
    for (size_t i = 0; i < n;) {
        if (!is_printable(s, i, n) || is_bom(s, i, n) || is_break(s, i, n) || s[i] == '"' || s[i] == '\\') {
            unsigned char c = s[i];
            size_t w = width(c);
            unsigned v = w == 1 ? c : w == 2 ? (c & 0x1Fu) : w == 3 ? (c & 0x0Fu) : (c & 0x07u);
            for (size_t k = 1; k < w; k++) v = (v << 6) + (at(s, i + k, n) & 0x3Fu);
            i += w;
            put(e, '\\');
            switch (v) {
            case 0x00: put(e, '0'); break;
            case 0x07: put(e, 'a'); break;
            case 0x08: put(e, 'b'); break;
            case 0x09: put(e, 't'); break;
            case 0x0A: put(e, 'n'); break;
            case 0x0B: put(e, 'v'); break;
            case 0x0C: put(e, 'f'); break;
            case 0x0D: put(e, 'r'); break;
            case 0x1B: put(e, 'e'); break;
            case 0x22: put(e, '"'); break;
            case 0x5C: put(e, '\\'); break;
            case 0x85: put(e, 'N'); break;
            case 0xA0: put(e, '_'); break;
            case 0x2028: put(e, 'L'); break;
            case 0x2029: put(e, 'P'); break;
            default: {
                int digits;
                if (v <= 0xFF) { put(e, 'x'); digits = 2; }
                else if (v <= 0xFFFF) { put(e, 'u'); digits = 4; }
                else { put(e, 'U'); digits = 8; }
                for (int k = (digits - 1) * 4; k >= 0; k -= 4) put(e, hex[(v >> k) & 0xF]);
            }
            }
            spaces = false;
        } else if (s[i] == ' ') {
            if (allow_breaks && !spaces && e->column > e->best_width && i != 0 && i != n - 1) {
                write_indent(e);
                if (is_space(s, i + 1, n)) put(e, '\\');
                i++;
            } else {
                write_char(e, s, &i, n);
            }
            spaces = true;
        } else {
            write_char(e, s, &i, n);
            spaces = false;
        }
    }
    write_indicator(e, "\"", false, false, false);
}

static void write_block_hints(emitter *e, const unsigned char *s, size_t n)
{
    if (is_space(s, 0, n) || is_break(s, 0, n)) {
        char hint[2] = { (char)('0' + e->best_indent), 0 };
        write_indicator(e, hint, false, false, false);
    }
    e->open_ended = false;
    const char *chomp = NULL;
    if (n == 0) {
        chomp = "-";
    } else {
        size_t i = n - 1;
        while (i > 0 && (s[i] & 0xC0) == 0x80) i--;
        if (!is_break(s, i, n)) {
            chomp = "-";
        } else if (i == 0) {
            chomp = "+";
            e->open_ended = true;
        } else {
            i--;
            while (i > 0 && (s[i] & 0xC0) == 0x80) i--;
            if (is_break(s, i, n)) {
                chomp = "+";
                e->open_ended = true;
            }
        }
    }
    if (chomp) write_indicator(e, chomp, false, false, false);
}

static void write_literal(emitter *e, const unsigned char *s, size_t n)
{
    bool breaks = true;
    write_indicator(e, "|", true, false, false);
    write_block_hints(e, s, n);
    put_break(e);
    e->indention = true;
    e->whitespace = true;
    for (size_t i = 0; i < n;) {
        if (is_break(s, i, n)) {
            write_break_char(e, s, &i, n);
            e->indention = true;
            breaks = true;
        } else {
            if (breaks) write_indent(e);
            write_char(e, s, &i, n);
            e->indention = false;
            breaks = false;
        }
    }
}

/* ---- nodes ---- */

static void increase_indent(emitter *e, bool flow, bool indentless)
{
    if (e->indent < 0) e->indent = flow ? e->best_indent : 0;
    else if (!indentless) e->indent += e->best_indent;
}

/* Is the string valid UTF-8 (Go's utf8.ValidString)? */
static bool valid_utf8(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        unsigned char c = s[i];
        if (c < 0x80) { i++; continue; }
        size_t w;
        unsigned r, min;
        if (c >= 0xC2 && c <= 0xDF) { w = 2; r = c & 0x1F; min = 0x80; }
        else if (c >= 0xE0 && c <= 0xEF) { w = 3; r = c & 0x0F; min = 0x800; }
        else if (c >= 0xF0 && c <= 0xF4) { w = 4; r = c & 0x07; min = 0x10000; }
        else return false;
        if (i + w > n) return false;
        for (size_t k = 1; k < w; k++) {
            if ((s[i + k] & 0xC0) != 0x80) return false;
            r = (r << 6) | (s[i + k] & 0x3F);
        }
        if (r < min || r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF)) return false;
        i += w;
    }
    return true;
}

/* isBase60Float: ^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$ */
static bool is_base60_float(const char *s)
{
    if (!*s) return false;
    char c = *s;
    if (!((c >= '0' && c <= '9') || ((c == '-' || c == '+') && s[1] >= '0' && s[1] <= '9'))) return false;
    if (!strchr(s, ':')) return false;
    const char *p = s;
    if (*p == '+' || *p == '-') p++;
    if (!(*p >= '0' && *p <= '9')) return false;
    while ((*p >= '0' && *p <= '9') || *p == '_') p++;
    int groups = 0;
    while (*p == ':') {
        p++;
        if (p[0] >= '0' && p[0] <= '5' && p[1] >= '0' && p[1] <= '9') p += 2;
        else if (p[0] >= '0' && p[0] <= '9') p += 1;
        else return false;
        groups++;
    }
    if (!groups) return false;
    if (*p == '.') {
        p++;
        while ((*p >= '0' && *p <= '9') || *p == '_') p++;
    }
    return *p == 0;
}

static void base64_encode(sg_buf *b, const unsigned char *s, size_t n)
{
    static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned)s[i] << 16;
        if (i + 1 < n) v |= (unsigned)s[i + 1] << 8;
        if (i + 2 < n) v |= s[i + 2];
        buf_putc(b, tab[(v >> 18) & 63]);
        buf_putc(b, tab[(v >> 12) & 63]);
        buf_putc(b, i + 1 < n ? tab[(v >> 6) & 63] : '=');
        buf_putc(b, i + 2 < n ? tab[v & 63] : '=');
    }
}

/* go-yaml v2 encodeBase64: lines of 70 characters when longer than 70, else one line. */
static const char *encode_base64(const unsigned char *s, size_t n, size_t *outn)
{
    sg_buf raw;
    buf_init(&raw);
    base64_encode(&raw, s, n);
    const int line_len = 70;
    if (raw.len <= (size_t)line_len) { *outn = raw.len; return raw.p; }
    sg_buf b;
    buf_init(&b);
    for (size_t i = 0; i < raw.len; i += (size_t)line_len) {
        size_t k = raw.len - i < (size_t)line_len ? raw.len - i : (size_t)line_len;
        buf_put(&b, raw.p + i, k);
        buf_putc(&b, '\n');
    }
    *outn = b.len;
    return b.p;
}

/* The text, tag and requested style go-yaml's encoder gives a scalar value. */
static void scalar_of(sg_value v, const char **text, size_t *len, const char **tag, int *style)
{
    sg_buf b;
    buf_init(&b);
    *tag = NULL;
    *style = S_PLAIN;
    switch ((sg_kind)v.kind) {
    case VK_NIL: *text = "null"; *len = 4; return;
    case VK_BOOL: *text = v.u.b ? "true" : "false"; *len = strlen(*text); return;
    case VK_INT: case VK_INT64:
        if (v.gotype == GT_UINT64 || v.gotype == GT_UINT32) buf_printf(&b, "%llu", (unsigned long long)v.u.i);
        else buf_printf(&b, "%lld", (long long)v.u.i);
        break;
    case VK_FLOAT:
        if (isnan(v.u.f)) buf_puts(&b, ".nan");
        else if (isinf(v.u.f)) buf_puts(&b, v.u.f > 0 ? ".inf" : "-.inf");
        else gofloat_format(&b, v.u.f, 'g', 64);
        break;
    case VK_STRING: {
        const unsigned char *s = (const unsigned char *)v.u.s.p;
        size_t n = v.u.s.n;
        bool can_plain = true;
        if (!valid_utf8(s, n)) {
            *tag = "!!binary";
            *text = encode_base64(s, n, len);
        } else {
            sg_value rv;
            const char *rtag = memchr(s, 0, n) ? "!!str" : yl_resolve_plain((const char *)s, &rv);
            can_plain = !strcmp(rtag, "!!str") && !is_base60_float((const char *)s);
            *text = (const char *)s;
            *len = n;
        }
        if (memchr(*text, '\n', *len)) *style = S_LITERAL;
        else if (can_plain) *style = S_PLAIN;
        else *style = S_DOUBLE;
        return;
    }
    default:
        buf_puts(&b, "null");
    }
    *text = b.p;
    *len = b.len;
}

static void emit_node(emitter *e, sg_value v, bool root, bool seq, bool map, bool simple_key);

static void emit_scalar(emitter *e, sg_value v)
{
    const char *text, *tag;
    size_t len;
    int style;
    scalar_of(v, &text, &len, &tag, &style);
    if (e->plain) style = S_PLAIN;
    e->plain = false;
    analyze_scalar(e, (const unsigned char *)text, len);
    style = select_style(e, style, tag == NULL);
    if (tag) {
        /* process_tag: the "!!" handle and its suffix */
        write_indicator(e, "!!", true, false, false);
        for (const char *p = tag + 2; *p; p++) put(e, *p);
        e->whitespace = false;
        e->indention = false;
    }
    int saved = e->indent;
    increase_indent(e, true, false);
    const unsigned char *s = (const unsigned char *)text;
    switch (style) {
    case S_PLAIN: write_plain(e, s, len, !e->simple_key_context); break;
    case S_SINGLE: write_single(e, s, len, !e->simple_key_context); break;
    case S_DOUBLE: write_double(e, s, len, !e->simple_key_context); break;
    default: write_literal(e, s, len); break;
    }
    e->indent = saved;
}

/* go-yaml v2 keyList.Less for string keys ("natural" order, see HELM-FACTS §4.1). */
static bool is_letter(unsigned r)
{
    if (r < 0x80) return (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z');
    if (r < 0x100) return r == 0xAA || r == 0xB5 || r == 0xBA || (r >= 0xC0 && r != 0xD7 && r != 0xF7);
    if ((r >= 0x2000 && r <= 0x2BFF) || (r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFF20) ||
        (r >= 0xE000 && r <= 0xF8FF) || (r >= 0x1F000 && r <= 0x1FAFF) || (r >= 0xFE00 && r <= 0xFE6F))
        return false;
    return true;
}
static bool is_digit(unsigned r) { return r >= '0' && r <= '9'; }

static unsigned *runes(const char *s, size_t n, size_t *count)
{
    unsigned *r = sg_alloc((n + 1) * sizeof *r);
    size_t k = 0;
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        unsigned c = u[i];
        size_t w = width((unsigned char)c);
        unsigned v = w == 1 ? c : w == 2 ? (c & 0x1Fu) : w == 3 ? (c & 0x0Fu) : (c & 0x07u);
        bool ok = w > 1 && i + w <= n;
        for (size_t j = 1; ok && j < w; j++) {
            if ((u[i + j] & 0xC0) != 0x80) ok = false;
            else v = (v << 6) | (u[i + j] & 0x3Fu);
        }
        if (w > 1 && !ok) { v = 0xFFFD; w = 1; }
        r[k++] = v;
        i += w;
    }
    *count = k;
    return r;
}

typedef struct skey { sg_mapent *e; unsigned *r; size_t n; } skey;

/* v3: go-yaml v3's sorter, where after an equal digit a letter sorts first. */
static bool key_less(const skey *a, const skey *b, bool v3)
{
    const unsigned *ar = a->r, *br = b->r;
    bool digits = false;
    for (size_t i = 0; i < a->n && i < b->n; i++) {
        if (ar[i] == br[i]) { digits = is_digit(ar[i]); continue; }
        bool al = is_letter(ar[i]), bl = is_letter(br[i]);
        if (al && bl) return ar[i] < br[i];
        if (al || bl) return (v3 && digits) ? al : bl;
        int64_t an = 0, bn = 0;
        size_t ai, bi;
        if (ar[i] == '0' || br[i] == '0') {
            for (size_t j = i; j-- > 0 && is_digit(ar[j]);) {
                if (ar[j] != '0') { an = 1; bn = 1; break; }
            }
        }
        /* Go's int arithmetic wraps on overflow (no UB): do it in uint64_t */
        for (ai = i; ai < a->n && is_digit(ar[ai]); ai++) an = (int64_t)((uint64_t)an * 10 + (ar[ai] - '0'));
        for (bi = i; bi < b->n && is_digit(br[bi]); bi++) bn = (int64_t)((uint64_t)bn * 10 + (br[bi] - '0'));
        if (an != bn) return an < bn;
        if (ai != bi) return ai < bi;
        return ar[i] < br[i];
    }
    return a->n < b->n;
}

/* Insertion-merge sort (stable) with key_less. */
static void sort_keys(skey *k, size_t n, bool v3)
{
    if (n < 2) return;
    skey *tmp = sg_alloc(n * sizeof *tmp);
    for (size_t w = 1; w < n; w *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * w) {
            size_t mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
            size_t i = lo, j = mid, o = lo;
            while (i < mid && j < hi) tmp[o++] = key_less(&k[j], &k[i], v3) ? k[j++] : k[i++];
            while (i < mid) tmp[o++] = k[i++];
            while (j < hi) tmp[o++] = k[j++];
        }
        memcpy(k, tmp, n * sizeof *k);
    }
}

/* check_simple_key for a string key scalar (analysis already done). */
static bool check_simple_key(emitter *e) { return !e->sc.multiline && e->sc.length <= 128; }

static void emit_map(emitter *e, sg_value m)
{
    size_t n = map_len(m), i = 0;
    if (n == 0) {
        write_indicator(e, "{", true, true, false);
        write_indicator(e, "}", false, false, false);
        return;
    }
    skey *keys = sg_alloc(n * sizeof *keys);
    sg_mapent *ent;
    for (size_t it = 0; map_next(m, &it, &ent) && i < n;) {
        keys[i].e = ent;
        keys[i].r = runes(ent->key, ent->klen, &keys[i].n);
        i++;
    }
    n = i;
    sort_keys(keys, n, e->v3);
    int saved = e->indent;
    increase_indent(e, false, false);
    for (i = 0; i < n; i++) {
        sg_value k = val_str_nocopy(keys[i].e->key, keys[i].e->klen);
        write_indent(e);
        const char *text, *tag;
        size_t len;
        int style;
        scalar_of(k, &text, &len, &tag, &style);
        analyze_scalar(e, (const unsigned char *)text, len);
        size_t extra = tag ? strlen(tag) : 0;
        bool simple = !e->sc.multiline && len + extra <= 128;
        (void)check_simple_key;
        if (simple) {
            emit_node(e, k, false, false, true, true);
            write_indicator(e, ":", false, false, false);
        } else {
            write_indicator(e, "?", true, false, true);
            emit_node(e, k, false, false, true, false);
            write_indent(e);
            write_indicator(e, ":", true, false, true);
        }
        emit_node(e, keys[i].e->val, false, false, true, false);
    }
    e->indent = saved;
}

static void emit_list(emitter *e, sg_value l)
{
    size_t n = list_len(l);
    if (n == 0) {
        write_indicator(e, "[", true, true, false);
        write_indicator(e, "]", false, false, false);
        return;
    }
    int saved = e->indent;
    increase_indent(e, false, !e->v3 && e->mapping_context && !e->indention);
    for (size_t i = 0; i < n; i++) {
        write_indent(e);
        write_indicator(e, "-", true, false, true);
        emit_node(e, list_get(l, i), false, true, false, false);
    }
    e->indent = saved;
}

static void emit_node(emitter *e, sg_value v, bool root, bool seq, bool map, bool simple_key)
{
    if (e->failed) return;
    if (e->depth > 10000) { e->failed = true; return; }
    e->root_context = root;
    e->sequence_context = seq;
    e->mapping_context = map;
    e->simple_key_context = simple_key;
    if (v.kind == VK_OBJECT) {
        /* go-yaml v3 writes a time.Time as its RFC 3339 text, untagged and plain */
        e->plain = e->v3 && !strcmp(v.u.o->type->name, "time.Time");
        v = v.u.o->type->tojson ? v.u.o->type->tojson(v.u.o) : sg_nil;
    } else if (e->v3 && v.kind == VK_INT64 && v.gotype == GT_DURATION) {
        sg_buf d; /* and a time.Duration as its String() */
        buf_init(&d);
        gonamed_duration_string(&d, v.u.i);
        v = val_str_nocopy(d.p, d.len);
    }
    e->depth++;
    if (v.kind == VK_MAP) emit_map(e, v);
    else if (v.kind == VK_LIST && (v.gotype != GT_LIST_BYTES || e->v3)) emit_list(e, v);
    else emit_scalar(e, v);
    e->depth--;
}

/* Appends the document; on failure (a value nested deeper than 10000, i.e. a cycle)
 * appends nothing and returns -1. */
static int emit_document(sg_buf *b, sg_value v, bool v3)
{
    emitter e = { 0 };
    e.v3 = v3;
    e.b = b;
    if (!b->p) buf_init(b);
    size_t start = b->len;
    e.whitespace = true;
    e.indention = true;
    e.indent = -1;
    e.best_indent = 2;
    e.best_width = v3 ? 0x7fffffff : 80;
    emit_node(&e, v, true, false, false, false);
    /* document end (implicit): write_indent */
    e.indent = -1;
    write_indent(&e);
    /* go-yaml v2 writes no "..." at the stream end, even after "|+" (open_ended). */
    if (e.failed) {
        buf_truncate(b, start);
        return -1;
    }
    return 0;
}

void yamlio_emit_raw(sg_buf *b, sg_value v) { emit_document(b, v, false); }
void yamlio_emit_v3(sg_buf *b, sg_value v) { emit_document(b, v, true); }

int yamlio_marshal(sg_buf *b, sg_value v, const char **err)
{
    sg_buf j;
    buf_init(&j);
    if (jsonio_emit(&j, v, 0, err) < 0) return -1;
    sg_value docs;
    if (yl_decode(j.p, j.len, false, &docs, err) < 0) return -1;
    yamlio_emit_raw(b, list_len(docs) ? list_get(docs, 0) : sg_nil);
    return 0;
}

void yamlio_emit(sg_buf *b, sg_value v)
{
    const char *err;
    if (!b->p) buf_init(b);
    size_t start = b->len;
    if (yamlio_marshal(b, v, &err) < 0) return;
    if (b->len > start && b->p[b->len - 1] == '\n') buf_truncate(b, b->len - 1);
}
