/* lex.c - the template lexer, a line-by-line port of Go 1.25's text/template/parse/lex.go
 * (state functions become a state enum driven by lex_next).  See lex.h. */
#include "lex.h"
#include "../base/arena.h"
#include "../value/gofmt.h"
#include <stdio.h>
#include <string.h>

#include "lex_utab.h"

#define EOF_RUNE (-1)
#define RUNE_ERROR 0xFFFD

static const char LEFT_DELIM[] = "{{", RIGHT_DELIM[] = "}}";
static const char LEFT_COMMENT[] = "/*", RIGHT_COMMENT[] = "*/";
enum { DELIM_LEN = 2, TRIM_MARKER_LEN = 2 };

/* ---- Unicode and UTF-8 (Go's unicode/utf8 semantics) ---- */

static bool in_table(const uint32_t (*t)[2], size_t n, int32_t r)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t m = lo + (hi - lo) / 2;
        if ((uint32_t)r < t[m][0]) hi = m;
        else if ((uint32_t)r > t[m][1]) lo = m + 1;
        else return true;
    }
    return false;
}
#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

bool lex_is_letter(int32_t r)
{
    if (r < 0x80) return (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z');
    return in_table(utab_letter, NELEM(utab_letter), r);
}

bool lex_is_digit(int32_t r)
{
    if (r < 0x80) return r >= '0' && r <= '9';
    return in_table(utab_digit, NELEM(utab_digit), r);
}

bool lex_is_print(int32_t r) { return gofmt_isprint(r); }

int32_t lex_decode_rune(const char *str, size_t n, int *w)
{
    const unsigned char *s = (const unsigned char *)str;
    unsigned c = s[0];
    *w = 1;
    if (c < 0x80) return (int32_t)c;
    int need;
    uint32_t r;
    unsigned lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) { need = 1; r = c & 0x1F; }
    else if (c >= 0xE0 && c <= 0xEF) {
        need = 2; r = c & 0x0F;
        if (c == 0xE0) lo = 0xA0;
        if (c == 0xED) hi = 0x9F; /* no surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3; r = c & 0x07;
        if (c == 0xF0) lo = 0x90;
        if (c == 0xF4) hi = 0x8F;
    } else return RUNE_ERROR;
    if ((size_t)need >= n) return RUNE_ERROR;
    for (int i = 1; i <= need; i++) {
        unsigned b = s[i];
        if (i == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xBF)) return RUNE_ERROR;
        r = (r << 6) | (b & 0x3F);
    }
    *w = need + 1;
    return (int32_t)r;
}

/* utf8.DecodeLastRuneInString(s[0..n)): width of the last rune. */
static int last_rune_width(const char *str, size_t n, int32_t *rp)
{
    const unsigned char *s = (const unsigned char *)str;
    if (n == 0) { *rp = RUNE_ERROR; return 0; }
    size_t end = n, start = end - 1;
    if (s[start] < 0x80) { *rp = s[start]; return 1; }
    size_t lim = end >= 4 ? end - 4 : 0;
    /* for start--; start >= lim; start-- { if RuneStart(s[start]) break } */
    long st = (long)start - 1;
    for (; st >= (long)lim; st--)
        if ((s[st] & 0xC0) != 0x80) break;
    if (st < 0) st = 0;
    int w;
    int32_t r = lex_decode_rune(str + st, end - (size_t)st, &w);
    if ((size_t)st + (size_t)w != end) { *rp = RUNE_ERROR; return 1; }
    *rp = r;
    return w;
}

void lex_quote(sg_buf *b, const char *s, size_t n) { gofmt_quote(b, s, n); }

/* fmt's %#U: U+0041 'A' (the quoted form only for printable runes). */
static void put_U(sg_buf *b, int32_t r)
{
    buf_printf(b, "U+%04X", (unsigned)r);
    if (lex_is_print(r)) {
        buf_puts(b, " '");
        gofmt_put_rune(b, r);
        buf_putc(b, '\'');
    }
}

const char *lex_item_string(const sg_item *it)
{
    if (it->type == ITEM_EOF) return "EOF";
    if (it->type == ITEM_ERROR) return sg_strndup(it->val, it->len);
    sg_buf b;
    buf_init(&b);
    if (it->type > ITEM_KEYWORD) {
        buf_putc(&b, '<');
        buf_put(&b, it->val, it->len);
        buf_putc(&b, '>');
        return b.p;
    }
    /* %.10q: truncate to 10 runes, quote, then "..." */
    size_t runes = 0, i = 0;
    while (i < it->len && runes < 10) {
        int w;
        lex_decode_rune(it->val + i, it->len - i, &w);
        i += (size_t)w;
        runes++;
    }
    if (i < it->len) {
        lex_quote(&b, it->val, i);
        buf_puts(&b, "...");
    } else {
        lex_quote(&b, it->val, it->len);
    }
    return b.p;
}

/* ---- the scanner ---- */

typedef enum state {
    S_NONE, S_TEXT, S_LEFT_DELIM, S_COMMENT, S_RIGHT_DELIM, S_INSIDE, S_SPACE, S_IDENT,
    S_FIELD, S_VARIABLE, S_CHAR, S_NUMBER, S_QUOTE, S_RAW_QUOTE,
} state;

static bool has_prefix(const sg_lexer *l, size_t at, const char *p, size_t n)
{
    return at <= l->len && l->len - at >= n && memcmp(l->input + at, p, n) == 0;
}

/* strings.Index(input[from:], p) relative to from, or -1. */
static long index_of(const sg_lexer *l, size_t from, const char *p)
{
    if (from >= l->len) return -1;
    const char *base = l->input + from;
    size_t n = l->len - from;
    for (const char *q = base; (q = memchr(q, p[0], n - (size_t)(q - base))) != NULL; q++) {
        if ((size_t)(base + n - q) < 2) return -1;
        if (q[1] == p[1]) return (long)(q - base);
    }
    return -1;
}

static int count_nl(const char *s, size_t n)
{
    int c = 0;
    for (const char *p = s; (p = memchr(p, '\n', n - (size_t)(p - s))) != NULL; p++) c++;
    return c;
}

static bool is_space(int32_t r) { return r == ' ' || r == '\t' || r == '\r' || r == '\n'; }
static bool is_alnum(int32_t r) { return r == '_' || lex_is_letter(r) || lex_is_digit(r); }

static bool has_left_trim(const sg_lexer *l, size_t at)
{
    return at <= l->len && l->len - at >= 2 && l->input[at] == '-' && is_space((unsigned char)l->input[at + 1]);
}

static bool has_right_trim(const sg_lexer *l, size_t at)
{
    return at <= l->len && l->len - at >= 2 && is_space((unsigned char)l->input[at]) && l->input[at + 1] == '-';
}

static int32_t next(sg_lexer *l)
{
    if (l->pos >= l->len) { l->at_eof = true; return EOF_RUNE; }
    int w;
    int32_t r = lex_decode_rune(l->input + l->pos, l->len - l->pos, &w);
    l->pos += (size_t)w;
    if (r == '\n') l->line++;
    return r;
}

static void backup(sg_lexer *l)
{
    if (!l->at_eof && l->pos > 0) {
        int32_t r;
        int w = last_rune_width(l->input, l->pos, &r);
        l->pos -= (size_t)w;
        if (r == '\n') l->line--;
    }
}

static int32_t peek(sg_lexer *l)
{
    int32_t r = next(l);
    backup(l);
    return r;
}

static sg_item this_item(sg_lexer *l, sg_itemtype t)
{
    sg_item i = { t, l->start, l->input + l->start, l->pos - l->start, l->start_line };
    l->start = l->pos;
    l->start_line = l->line;
    return i;
}

static state emit_item(sg_lexer *l, sg_item i) { l->item = i; return S_NONE; }
static state emit(sg_lexer *l, sg_itemtype t) { return emit_item(l, this_item(l, t)); }

static void ignore(sg_lexer *l)
{
    l->line += count_nl(l->input + l->start, l->pos - l->start);
    l->start = l->pos;
    l->start_line = l->line;
}

static bool accept(sg_lexer *l, const char *valid)
{
    int32_t r = next(l);
    if (r > 0 && r < 0x80 && strchr(valid, (int)r)) return true;
    backup(l);
    return false;
}

static void accept_run(sg_lexer *l, const char *valid)
{
    for (;;) {
        int32_t r = next(l);
        if (!(r > 0 && r < 0x80 && strchr(valid, (int)r))) break;
    }
    backup(l);
}

static state errorf_msg(sg_lexer *l, const char *msg)
{
    l->item = (sg_item){ ITEM_ERROR, l->start, msg, strlen(msg), l->start_line };
    l->start = 0;
    l->pos = 0;
    l->len = 0;
    return S_NONE;
}

static state error_rune(sg_lexer *l, const char *prefix, int32_t r)
{
    sg_buf b;
    buf_init(&b);
    buf_puts(&b, prefix);
    put_U(&b, r);
    return errorf_msg(l, b.p);
}

static state error_numsyntax(sg_lexer *l)
{
    sg_buf b;
    buf_init(&b);
    buf_puts(&b, "bad number syntax: ");
    lex_quote(&b, l->input + l->start, l->pos - l->start);
    return errorf_msg(l, b.p);
}

static size_t right_trim_length(const char *s, size_t n)
{
    size_t k = n;
    while (k > 0 && is_space((unsigned char)s[k - 1])) k--;
    return n - k;
}

static size_t left_trim_length(const char *s, size_t n)
{
    size_t k = 0;
    while (k < n && is_space((unsigned char)s[k])) k++;
    return k;
}

static void at_right_delim(sg_lexer *l, bool *delim, bool *trim)
{
    *delim = *trim = false;
    if (has_right_trim(l, l->pos) && has_prefix(l, l->pos + TRIM_MARKER_LEN, RIGHT_DELIM, DELIM_LEN)) {
        *delim = *trim = true;
        return;
    }
    if (has_prefix(l, l->pos, RIGHT_DELIM, DELIM_LEN)) *delim = true;
}

static state lex_text(sg_lexer *l)
{
    long x = index_of(l, l->pos, LEFT_DELIM);
    if (x >= 0) {
        if (x > 0) {
            l->pos += (size_t)x;
            size_t trim = 0;
            size_t delim_end = l->pos + DELIM_LEN;
            if (has_left_trim(l, delim_end))
                trim = right_trim_length(l->input + l->start, l->pos - l->start);
            l->pos -= trim;
            l->line += count_nl(l->input + l->start, l->pos - l->start);
            sg_item i = this_item(l, ITEM_TEXT);
            l->pos += trim;
            ignore(l);
            if (i.len > 0) return emit_item(l, i);
        }
        return S_LEFT_DELIM;
    }
    l->pos = l->len;
    if (l->pos > l->start) {
        l->line += count_nl(l->input + l->start, l->pos - l->start);
        return emit(l, ITEM_TEXT);
    }
    return emit(l, ITEM_EOF);
}

static state lex_left_delim(sg_lexer *l)
{
    l->pos += DELIM_LEN;
    bool trim = has_left_trim(l, l->pos);
    size_t after = trim ? TRIM_MARKER_LEN : 0;
    if (has_prefix(l, l->pos + after, LEFT_COMMENT, 2)) {
        l->pos += after;
        ignore(l);
        return S_COMMENT;
    }
    sg_item i = this_item(l, ITEM_LEFT_DELIM);
    l->inside_action = true;
    l->pos += after;
    ignore(l);
    l->paren_depth = 0;
    return emit_item(l, i);
}

static state lex_comment(sg_lexer *l)
{
    l->pos += 2;
    long x = index_of(l, l->pos, RIGHT_COMMENT);
    if (x < 0) return errorf_msg(l, "unclosed comment");
    l->pos += (size_t)x + 2;
    bool delim, trim;
    at_right_delim(l, &delim, &trim);
    if (!delim) return errorf_msg(l, "comment ends before closing delimiter");
    l->line += count_nl(l->input + l->start, l->pos - l->start);
    sg_item i = this_item(l, ITEM_COMMENT);
    if (trim) l->pos += TRIM_MARKER_LEN;
    l->pos += DELIM_LEN;
    if (trim) l->pos += left_trim_length(l->input + l->pos, l->len - l->pos);
    ignore(l);
    if (l->emit_comment) return emit_item(l, i);
    return S_TEXT;
}

static state lex_right_delim(sg_lexer *l)
{
    bool delim, trim;
    at_right_delim(l, &delim, &trim);
    if (trim) {
        l->pos += TRIM_MARKER_LEN;
        ignore(l);
    }
    l->pos += DELIM_LEN;
    sg_item i = this_item(l, ITEM_RIGHT_DELIM);
    if (trim) {
        l->pos += left_trim_length(l->input + l->pos, l->len - l->pos);
        ignore(l);
    }
    l->inside_action = false;
    return emit_item(l, i);
}

static state lex_inside_action(sg_lexer *l)
{
    bool delim, trim;
    at_right_delim(l, &delim, &trim);
    if (delim) {
        if (l->paren_depth == 0) return S_RIGHT_DELIM;
        return errorf_msg(l, "unclosed left paren");
    }
    int32_t r = next(l);
    if (r == EOF_RUNE) return errorf_msg(l, "unclosed action");
    if (is_space(r)) { backup(l); return S_SPACE; }
    switch (r) {
    case '=': return emit(l, ITEM_ASSIGN);
    case ':':
        if (next(l) != '=') return errorf_msg(l, "expected :=");
        return emit(l, ITEM_DECLARE);
    case '|': return emit(l, ITEM_PIPE);
    case '"': return S_QUOTE;
    case '`': return S_RAW_QUOTE;
    case '$': return S_VARIABLE;
    case '\'': return S_CHAR;
    case '.':
        if (l->pos < l->len) {
            char c = l->input[l->pos];
            if (c < '0' || '9' < c) return S_FIELD;
        }
        backup(l);
        return S_NUMBER;
    case '(':
        l->paren_depth++;
        return emit(l, ITEM_LEFT_PAREN);
    case ')':
        l->paren_depth--;
        if (l->paren_depth < 0) return errorf_msg(l, "unexpected right paren");
        return emit(l, ITEM_RIGHT_PAREN);
    }
    if (r == '+' || r == '-' || (r >= '0' && r <= '9')) { backup(l); return S_NUMBER; }
    if (is_alnum(r)) { backup(l); return S_IDENT; }
    if (r < 0x80 && r >= 0x20 && r < 0x7f) return emit(l, ITEM_CHAR);
    return error_rune(l, "unrecognized character in action: ", r);
}

static state lex_space(sg_lexer *l)
{
    int nspaces = 0;
    for (;;) {
        int32_t r = peek(l);
        if (!is_space(r)) break;
        next(l);
        nspaces++;
    }
    if (has_right_trim(l, l->pos - 1) && has_prefix(l, l->pos - 1 + TRIM_MARKER_LEN, RIGHT_DELIM, DELIM_LEN)) {
        backup(l);
        if (nspaces == 1) return S_RIGHT_DELIM;
    }
    return emit(l, ITEM_SPACE);
}

static bool at_terminator(sg_lexer *l)
{
    int32_t r = peek(l);
    if (is_space(r)) return true;
    switch (r) {
    case EOF_RUNE: case '.': case ',': case '|': case ':': case ')': case '(':
        return true;
    }
    return has_prefix(l, l->pos, RIGHT_DELIM, DELIM_LEN);
}

static const struct { const char *word; sg_itemtype type; } keywords[] = {
    { "block", ITEM_BLOCK }, { "break", ITEM_BREAK }, { "continue", ITEM_CONTINUE },
    { "define", ITEM_DEFINE }, { "else", ITEM_ELSE }, { "end", ITEM_END }, { "if", ITEM_IF },
    { "range", ITEM_RANGE }, { "nil", ITEM_NIL }, { "template", ITEM_TEMPLATE }, { "with", ITEM_WITH },
};

static state lex_identifier(sg_lexer *l)
{
    for (;;) {
        int32_t r = next(l);
        if (is_alnum(r)) continue;
        backup(l);
        const char *word = l->input + l->start;
        size_t n = l->pos - l->start;
        if (!at_terminator(l)) return error_rune(l, "bad character ", r);
        for (size_t k = 0; k < NELEM(keywords); k++) {
            if (strlen(keywords[k].word) == n && memcmp(keywords[k].word, word, n) == 0) {
                sg_itemtype t = keywords[k].type;
                if ((t == ITEM_BREAK && !l->break_ok) || (t == ITEM_CONTINUE && !l->continue_ok))
                    return emit(l, ITEM_IDENTIFIER);
                return emit(l, t);
            }
        }
        if ((n == 4 && memcmp(word, "true", 4) == 0) || (n == 5 && memcmp(word, "false", 5) == 0))
            return emit(l, ITEM_BOOL);
        return emit(l, ITEM_IDENTIFIER);
    }
}

static state lex_field_or_variable(sg_lexer *l, sg_itemtype typ)
{
    if (at_terminator(l)) return emit(l, typ == ITEM_VARIABLE ? ITEM_VARIABLE : ITEM_DOT);
    int32_t r;
    for (;;) {
        r = next(l);
        if (!is_alnum(r)) { backup(l); break; }
    }
    if (!at_terminator(l)) return error_rune(l, "bad character ", r);
    return emit(l, typ);
}

static state lex_variable(sg_lexer *l)
{
    if (at_terminator(l)) return emit(l, ITEM_VARIABLE);
    return lex_field_or_variable(l, ITEM_VARIABLE);
}

static state lex_char(sg_lexer *l)
{
    for (;;) {
        int32_t r = next(l);
        if (r == '\\') {
            r = next(l);
            if (r != EOF_RUNE && r != '\n') continue;
            return errorf_msg(l, "unterminated character constant");
        }
        if (r == EOF_RUNE || r == '\n') return errorf_msg(l, "unterminated character constant");
        if (r == '\'') break;
    }
    return emit(l, ITEM_CHAR_CONSTANT);
}

static bool scan_number(sg_lexer *l)
{
    accept(l, "+-");
    const char *digits = "0123456789_";
    if (accept(l, "0")) {
        if (accept(l, "xX")) digits = "0123456789abcdefABCDEF_";
        else if (accept(l, "oO")) digits = "01234567_";
        else if (accept(l, "bB")) digits = "01_";
    }
    accept_run(l, digits);
    if (accept(l, ".")) accept_run(l, digits);
    size_t nd = strlen(digits);
    if (nd == 11 && accept(l, "eE")) {
        accept(l, "+-");
        accept_run(l, "0123456789_");
    }
    if (nd == 23 && accept(l, "pP")) {
        accept(l, "+-");
        accept_run(l, "0123456789_");
    }
    accept(l, "i");
    if (is_alnum(peek(l))) {
        next(l);
        return false;
    }
    return true;
}

static state lex_number(sg_lexer *l)
{
    if (!scan_number(l)) return error_numsyntax(l);
    int32_t sign = peek(l);
    if (sign == '+' || sign == '-') {
        if (!scan_number(l) || l->input[l->pos - 1] != 'i') return error_numsyntax(l);
        return emit(l, ITEM_COMPLEX);
    }
    return emit(l, ITEM_NUMBER);
}

static state lex_quote_state(sg_lexer *l)
{
    for (;;) {
        int32_t r = next(l);
        if (r == '\\') {
            r = next(l);
            if (r != EOF_RUNE && r != '\n') continue;
            return errorf_msg(l, "unterminated quoted string");
        }
        if (r == EOF_RUNE || r == '\n') return errorf_msg(l, "unterminated quoted string");
        if (r == '"') break;
    }
    return emit(l, ITEM_STRING);
}

static state lex_raw_quote(sg_lexer *l)
{
    for (;;) {
        int32_t r = next(l);
        if (r == EOF_RUNE) return errorf_msg(l, "unterminated raw quoted string");
        if (r == '`') break;
    }
    return emit(l, ITEM_RAW_STRING);
}

void lex_init(sg_lexer *l, const char *input, size_t len)
{
    memset(l, 0, sizeof *l);
    l->input = input;
    l->len = len;
    l->line = l->start_line = 1;
    l->break_ok = l->continue_ok = true;
}

sg_item lex_next(sg_lexer *l)
{
    l->item = (sg_item){ ITEM_EOF, l->pos, "EOF", 3, l->start_line };
    state s = l->inside_action ? S_INSIDE : S_TEXT;
    for (;;) {
        switch (s) {
        case S_NONE: return l->item;
        case S_TEXT: s = lex_text(l); break;
        case S_LEFT_DELIM: s = lex_left_delim(l); break;
        case S_COMMENT: s = lex_comment(l); break;
        case S_RIGHT_DELIM: s = lex_right_delim(l); break;
        case S_INSIDE: s = lex_inside_action(l); break;
        case S_SPACE: s = lex_space(l); break;
        case S_IDENT: s = lex_identifier(l); break;
        case S_FIELD: s = lex_field_or_variable(l, ITEM_FIELD); break;
        case S_VARIABLE: s = lex_variable(l); break;
        case S_CHAR: s = lex_char(l); break;
        case S_NUMBER: s = lex_number(l); break;
        case S_QUOTE: s = lex_quote_state(l); break;
        case S_RAW_QUOTE: s = lex_raw_quote(l); break;
        }
    }
}
