/* parse.c - the template parser: a port of Go 1.25's text/template/parse/parse.go plus
 * the literal rules of node.go (newNumber) and strconv (Unquote, ParseInt/Uint/Float).
 *
 * One `parser` exists per tree being built (the file's top tree, each {{define}} and each
 * {{block}}), all sharing one lexer, exactly as Go's Tree values share t.lex: this keeps
 * Go's per-tree token look-ahead, variable stack and range depth, and therefore the line
 * numbers its errors report (the line of the tree's most recently lexed token).
 */
#include "parse.h"
#include "lex.h"
#include "../base/arena.h"
#include "../base/buf.h"
#include "../base/err.h"
#include "../value/conv.h"
#include "../value/gofmt.h"
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

/* Internal node kinds for {{end}} and {{else}}: never stored in a tree. */
#define N_END_ ((sg_nodetype)1000)
#define N_ELSE_ ((sg_nodetype)1001)

typedef struct pctx {
    sg_lexer lex;
    const char *text;
    size_t len;
    const char *parse_name;
    bool (*has_func)(const char *name);
    sg_tset *trees;           /* this parse's tree set (Go's treeSet) */
    const char *stack_base;   /* frame address when parsing started */
    size_t stack_budget;      /* bytes of C stack the recursion may use */
    int nest_depth;           /* if/with/range/block nesting (our limit; Go has none) */
} pctx;

typedef struct pvar { const char *s; size_t n; } pvar;

typedef struct parser {
    pctx *c;
    sg_tree *tree;
    sg_item token[3];
    int peek_count;
    pvar *vars;
    size_t nvars, capvars;
    int action_line;
    int range_depth;
    int stack_depth;
} parser;

/* ---- errors ---- */

_Noreturn static void fail(parser *p, const char *msg)
{
    sg_error *e = err_new(SG_ERR_PARSE, msg);
    e->tmpl = p->c->parse_name;
    e->loc = sg_sprintf("%s:%d", p->c->parse_name, p->token[0].line);
    sg_throw(e);
}

static const char *quoted(const char *s, size_t n)
{
    sg_buf b;
    buf_init(&b);
    lex_quote(&b, s, n);
    return b.p;
}

_Noreturn static void unexpected(parser *p, const sg_item *tok, const char *context)
{
    if (tok->type == ITEM_ERROR) {
        const char *extra = "";
        if (p->action_line != 0 && p->action_line != tok->line) {
            bool act = tok->len >= 7 && memcmp(tok->val + tok->len - 7, " action", 7) == 0;
            extra = sg_sprintf("%s started at %s:%d", act ? "" : " in action", p->c->parse_name,
                               p->action_line);
        }
        fail(p, sg_sprintf("%.*s%s", (int)tok->len, tok->val, extra));
    }
    fail(p, sg_sprintf("unexpected %s in %s", lex_item_string(tok), context));
}

/* Guard against C stack exhaustion on absurd nesting (Go has growable stacks). */
static void check_stack(parser *p)
{
    const char *here = (const char *)__builtin_frame_address(0);
    size_t used = p->c->stack_base > here ? (size_t)(p->c->stack_base - here)
                                          : (size_t)(here - p->c->stack_base);
    if (used > p->c->stack_budget) fail(p, "max expression depth exceeded");
}

/* ---- token stream (Go's next/backup/peek with three-token look-ahead) ---- */

static sg_item next(parser *p)
{
    if (p->peek_count > 0) p->peek_count--;
    else p->token[0] = lex_next(&p->c->lex);
    return p->token[p->peek_count];
}

static void backup(parser *p) { p->peek_count++; }

static void backup2(parser *p, sg_item t1)
{
    p->token[1] = t1;
    p->peek_count = 2;
}

static void backup3(parser *p, sg_item t2, sg_item t1)
{
    p->token[1] = t1;
    p->token[2] = t2;
    p->peek_count = 3;
}

static sg_item peek(parser *p)
{
    if (p->peek_count > 0) return p->token[p->peek_count - 1];
    p->peek_count = 1;
    p->token[0] = lex_next(&p->c->lex);
    return p->token[0];
}

static sg_item next_non_space(parser *p)
{
    sg_item t;
    do t = next(p);
    while (t.type == ITEM_SPACE);
    return t;
}

static sg_item peek_non_space(parser *p)
{
    sg_item t = next_non_space(p);
    backup(p);
    return t;
}

static sg_item expect(parser *p, sg_itemtype want, const char *context)
{
    sg_item t = next_non_space(p);
    if (t.type != want) unexpected(p, &t, context);
    return t;
}

/* ---- nodes ---- */

static sg_node *newnode(parser *p, sg_nodetype type, size_t pos)
{
    sg_node *n = sg_alloc(sizeof *n);
    n->type = type;
    n->pos = pos;
    n->tree = p->tree;
    return n;
}

static const char *node_str_for(const sg_node *n)
{
    if (n->type == N_END_) return "{{end}}";
    if (n->type == N_ELSE_) return "{{else}}";
    return node_string(n);
}

/* Split "a.b.c" (after a leading '.' for fields) into arena strings. */
static void split_idents(const char *s, size_t n, const char ***out, size_t *count)
{
    size_t parts = 1;
    for (size_t i = 0; i < n; i++) if (s[i] == '.') parts++;
    const char **v = sg_alloc(parts * sizeof *v);
    size_t k = 0, st = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i == n || s[i] == '.') {
            v[k++] = sg_strndup(s + st, i - st);
            st = i + 1;
        }
    }
    *out = v;
    *count = k;
}

static sg_node *new_variable(parser *p, size_t pos, const char *s, size_t n)
{
    sg_node *v = newnode(p, N_VARIABLE, pos);
    split_idents(s, n, &v->u.field.ident, &v->u.field.nident);
    return v;
}

static sg_node *new_field(parser *p, size_t pos, const char *s, size_t n)
{
    sg_node *f = newnode(p, N_FIELD, pos);
    split_idents(s + 1, n - 1, &f->u.field.ident, &f->u.field.nident);
    return f;
}

/* ---- Go strconv: UnquoteChar / Unquote ---- */

static int unhex(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* strconv.UnquoteChar: false on ErrSyntax; *used gets the bytes consumed. */
static bool unquote_char(const char *s, size_t n, char quote, int32_t *value, bool *multibyte,
                         size_t *used)
{
    *multibyte = false;
    if (n == 0) return false;
    unsigned char c = (unsigned char)s[0];
    if (c == (unsigned char)quote && (quote == '\'' || quote == '"')) return false;
    if (c >= 0x80) {
        int w;
        *value = lex_decode_rune(s, n, &w);
        *multibyte = true;
        *used = (size_t)w;
        return true;
    }
    if (c != '\\') {
        *value = c;
        *used = 1;
        return true;
    }
    if (n <= 1) return false;
    char e = s[1];
    size_t k = 2;
    int32_t v = 0;
    switch (e) {
    case 'a': v = '\a'; break;
    case 'b': v = '\b'; break;
    case 'f': v = '\f'; break;
    case 'n': v = '\n'; break;
    case 'r': v = '\r'; break;
    case 't': v = '\t'; break;
    case 'v': v = '\v'; break;
    case 'x': case 'u': case 'U': {
        size_t nd = e == 'x' ? 2 : e == 'u' ? 4 : 8;
        if (n - k < nd) return false;
        uint32_t acc = 0;
        for (size_t j = 0; j < nd; j++) {
            int x = unhex(s[k + j]);
            if (x < 0) return false;
            acc = acc << 4 | (uint32_t)x;
        }
        k += nd;
        if (e == 'x') { v = (int32_t)acc; break; }
        if (acc > 0x10FFFF || (acc >= 0xD800 && acc <= 0xDFFF)) return false;
        v = (int32_t)acc;
        *multibyte = true;
        break;
    }
    case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
        v = e - '0';
        if (n - k < 2) return false;
        for (int j = 0; j < 2; j++) {
            int x = s[k + (size_t)j] - '0';
            if (x < 0 || x > 7) return false;
            v = (v << 3) | x;
        }
        k += 2;
        if (v > 255) return false;
        break;
    }
    case '\\': v = '\\'; break;
    case '\'': case '"':
        if (e != quote) return false;
        v = e;
        break;
    default:
        return false;
    }
    *value = v;
    *used = k;
    return true;
}

static bool utf8_valid(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        int w;
        int32_t r = lex_decode_rune(s + i, n - i, &w);
        if (r == 0xFFFD && w == 1) return false;
        i += (size_t)w;
    }
    return true;
}

/* strconv.Unquote of a whole lexed string token ("..." or `...`; the lexer never gives '...'). */
static bool go_unquote(const char *in, size_t n, const char **out, size_t *outlen)
{
    if (n < 2) return false;
    char q = in[0];
    const char *e = memchr(in + 1, q, n - 1);
    if (!e) return false;
    size_t end = (size_t)(e - in) + 1;
    if (q == '`') {
        if (end != n) return false;
        sg_buf b;
        buf_init(&b);
        for (size_t i = 1; i < end - 1; i++) if (in[i] != '\r') buf_putc(&b, in[i]);
        *out = b.p;
        *outlen = b.len;
        return true;
    }
    if (q != '"') return false;
    if (!memchr(in, '\\', end) && !memchr(in, '\n', end) && utf8_valid(in + 1, end - 2)) {
        if (end != n) return false;
        *out = sg_strndup(in + 1, end - 2);
        *outlen = end - 2;
        return true;
    }
    sg_buf b;
    buf_init(&b);
    size_t i = 1;
    while (i < n && in[i] != q) {
        int32_t r;
        bool mb;
        size_t used;
        if (in[i] == '\n' || !unquote_char(in + i, n - i, q, &r, &mb, &used)) return false;
        i += used;
        if (r < 0x80 || !mb) buf_putc(&b, (char)r);
        else gofmt_put_rune(&b, r);
    }
    if (!(i < n && in[i] == q)) return false;
    i++;
    if (i != n) return false;
    *out = b.p;
    *outlen = b.len;
    return true;
}

/* ---- Go strconv: ParseUint / ParseInt / ParseFloat (base 0, 64 bits) ---- */

enum { NUM_OK, NUM_SYNTAX, NUM_RANGE };

static char lower(char c) { return (char)(c | ('x' - 'X')); }

static int parse_uint(const char *s, size_t n, uint64_t *out)
{
    *out = 0;
    if (n == 0) return NUM_SYNTAX;
    const char *s0 = s;
    size_t n0 = n;
    unsigned base = 10;
    if (s[0] == '0') {
        if (n >= 3 && lower(s[1]) == 'b') { base = 2; s += 2; n -= 2; }
        else if (n >= 3 && lower(s[1]) == 'o') { base = 8; s += 2; n -= 2; }
        else if (n >= 3 && lower(s[1]) == 'x') { base = 16; s += 2; n -= 2; }
        else { base = 8; s += 1; n -= 1; }
    }
    uint64_t cutoff = UINT64_MAX / base + 1, v = 0;
    bool underscores = false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        unsigned d;
        if (c == '_') { underscores = true; continue; }
        if (c >= '0' && c <= '9') d = (unsigned)(c - '0');
        else if (lower(c) >= 'a' && lower(c) <= 'z') d = (unsigned)(lower(c) - 'a' + 10);
        else return NUM_SYNTAX;
        if (d >= base) return NUM_SYNTAX;
        if (v >= cutoff) { *out = UINT64_MAX; return NUM_RANGE; }
        v *= base;
        uint64_t v1 = v + d;
        if (v1 < v) { *out = UINT64_MAX; return NUM_RANGE; }
        v = v1;
    }
    if (underscores && !conv_underscore_ok(s0, n0)) return NUM_SYNTAX;
    *out = v;
    return NUM_OK;
}

static int parse_int(const char *s, size_t n, int64_t *out)
{
    *out = 0;
    if (n == 0) return NUM_SYNTAX;
    bool neg = false;
    if (s[0] == '+') { s++; n--; }
    else if (s[0] == '-') { s++; n--; neg = true; }
    uint64_t un;
    int err = parse_uint(s, n, &un);
    if (err != NUM_OK && err != NUM_RANGE) return err;
    uint64_t cutoff = (uint64_t)1 << 63;
    if (!neg && un >= cutoff) return NUM_RANGE;
    if (neg && un > cutoff) return NUM_RANGE;
    *out = neg ? (int64_t)(0 - un) : (int64_t)un;
    return NUM_OK;
}

/* Go's readFloat syntax check (decimal or hex with mandatory p exponent), then strtod on
 * the text without underscores (glibc rounds correctly, as Go does). */
static int parse_float(const char *s, size_t n, double *out)
{
    *out = 0;
    size_t i = 0;
    bool underscores = false, hex = false, sawdot = false, sawdigits = false;
    if (i < n && (s[i] == '+' || s[i] == '-')) i++;
    if (i + 2 < n && s[i] == '0' && lower(s[i + 1]) == 'x') { hex = true; i += 2; }
    for (; i < n; i++) {
        char c = s[i];
        if (c == '_') { underscores = true; continue; }
        if (c == '.') { if (sawdot) break; sawdot = true; continue; }
        if (c >= '0' && c <= '9') { sawdigits = true; continue; }
        if (hex && lower(c) >= 'a' && lower(c) <= 'f') { sawdigits = true; continue; }
        break;
    }
    if (!sawdigits) return NUM_SYNTAX;
    char expc = hex ? 'p' : 'e';
    if (i < n && lower(s[i]) == expc) {
        i++;
        if (i >= n) return NUM_SYNTAX;
        if (s[i] == '+' || s[i] == '-') i++;
        if (i >= n || s[i] < '0' || s[i] > '9') return NUM_SYNTAX;
        for (; i < n && ((s[i] >= '0' && s[i] <= '9') || s[i] == '_'); i++)
            if (s[i] == '_') underscores = true;
    } else if (hex) {
        return NUM_SYNTAX;
    }
    if (underscores && !conv_underscore_ok(s, i)) return NUM_SYNTAX;
    if (i != n) return NUM_SYNTAX;
    char *t = sg_alloc(n + 1), *q = t;
    for (size_t k = 0; k < n; k++) if (s[k] != '_') *q++ = s[k];
    *q = 0;
    double f = strtod(t, NULL);
    if (isinf(f)) return NUM_RANGE;
    *out = f;
    return NUM_OK;
}

static bool f_is_int(double f) { return f >= -9223372036854775808.0 && f < 9223372036854775808.0 && f == trunc(f); }
static bool f_is_uint(double f) { return f >= 0 && f < 18446744073709551616.0 && f == trunc(f); }

static void simplify_complex(sg_node *n)
{
    n->u.number.is_float = n->u.number.cim == 0;
    if (n->u.number.is_float) {
        double f = n->u.number.cre;
        n->u.number.f = f;
        n->u.number.is_int = f_is_int(f);
        if (n->u.number.is_int) n->u.number.i = (int64_t)f;
        n->u.number.is_uint = f_is_uint(f);
        if (n->u.number.is_uint) n->u.number.u = (uint64_t)f;
    }
}

/* fmt's floatToken: the end of the float token starting at i (sign, digits, 0x prefix,
 * point, exponent), used to split a complex constant as fmt.Sscan does. */
static size_t float_token(const char *s, size_t n, size_t i)
{
    const char *digits = "0123456789_", *exp = "eEpP";
    if (i < n && (s[i] == '+' || s[i] == '-')) i++;
    /* "nan" / "inf": fmt consumes each letter it accepts, even when the word fails */
    static const char *const words[2] = { "nN" "aA" "nN", "iI" "nN" "fF" };
    for (int w = 0; w < 2; w++) {
        int k = 0;
        while (k < 3 && i < n && s[i] && (s[i] == words[w][2 * k] || s[i] == words[w][2 * k + 1])) { i++; k++; }
        if (k == 3) return i;
    }
    if (i + 1 < n && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X')) {
        digits = "0123456789aAbBcCdDeEfF_";
        exp = "pP";
        i += 2;
    } else if (i < n && s[i] == '0') {
        i++;
    }
    while (i < n && s[i] && strchr(digits, s[i])) i++;
    if (i < n && s[i] == '.') {
        i++;
        while (i < n && s[i] && strchr(digits, s[i])) i++;
    }
    if (i < n && s[i] && strchr(exp, s[i])) {
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-')) i++;
        while (i < n && s[i] && strchr("0123456789_", s[i])) i++;
    }
    return i;
}

/* Go's newNumber; returns NULL and sets *err on failure. */
static sg_node *new_number(parser *p, const sg_item *tok, const char **err)
{
    const char *text = tok->val;
    size_t n = tok->len;
    sg_node *nd = newnode(p, N_NUMBER, tok->pos);
    nd->u.number.text = sg_strndup(text, n);
    if (tok->type == ITEM_CHAR_CONSTANT) {
        int32_t r;
        bool mb;
        size_t used;
        if (!unquote_char(text + 1, n - 1, text[0], &r, &mb, &used)) { *err = "invalid syntax"; return NULL; }
        if (!(n - 1 - used == 1 && text[1 + used] == '\'')) {
            *err = sg_sprintf("malformed character constant: %.*s", (int)n, text);
            return NULL;
        }
        nd->u.number.i = r;
        nd->u.number.is_int = true;
        nd->u.number.u = (uint64_t)r;
        nd->u.number.is_uint = true;
        nd->u.number.f = r;
        nd->u.number.is_float = true;
        return nd;
    }
    if (tok->type == ITEM_COMPLEX) {
        /* fmt.Sscan(text, &complex128): two fmt float tokens, a sign between, then 'i'. */
        size_t k = float_token(text, n, 0), k2;
        double re, im;
        if (k >= n || (text[k] != '+' && text[k] != '-') ||
            (k2 = float_token(text, n, k)) >= n || text[k2] != 'i') {
            *err = "syntax error scanning complex number";
            return NULL;
        }
        int e1 = parse_float(text, k, &re), e2 = NUM_OK;
        if (e1 == NUM_OK) e2 = parse_float(text + k, k2 - k, &im);
        if (e1 != NUM_OK || e2 != NUM_OK) {
            bool first = e1 != NUM_OK;
            *err = sg_sprintf("strconv.ParseFloat: parsing %s: %s",
                              first ? quoted(text, k) : quoted(text + k, k2 - k),
                              (first ? e1 : e2) == NUM_RANGE ? "value out of range" : "invalid syntax");
            return NULL;
        }
        nd->u.number.is_complex = true;
        nd->u.number.cre = re;
        nd->u.number.cim = im;
        simplify_complex(nd);
        return nd;
    }
    if (n > 0 && text[n - 1] == 'i') {
        double f;
        if (parse_float(text, n - 1, &f) == NUM_OK) {
            nd->u.number.is_complex = true;
            nd->u.number.cre = 0;
            nd->u.number.cim = f;
            simplify_complex(nd);
            return nd;
        }
    }
    uint64_t u;
    if (parse_uint(text, n, &u) == NUM_OK) {
        nd->u.number.is_uint = true;
        nd->u.number.u = u;
    }
    int64_t i;
    if (parse_int(text, n, &i) == NUM_OK) {
        nd->u.number.is_int = true;
        nd->u.number.i = i;
        if (i == 0) {
            nd->u.number.is_uint = true;
            nd->u.number.u = 0;
        }
    }
    if (nd->u.number.is_int) {
        nd->u.number.is_float = true;
        nd->u.number.f = (double)nd->u.number.i;
    } else if (nd->u.number.is_uint) {
        nd->u.number.is_float = true;
        nd->u.number.f = (double)nd->u.number.u;
    } else {
        double f;
        if (parse_float(text, n, &f) == NUM_OK) {
            bool looks_float = false;
            for (size_t k = 0; k < n; k++)
                if (strchr(".eEpP", text[k]) && text[k]) looks_float = true;
            if (!looks_float) {
                *err = sg_sprintf("integer overflow: %s", quoted(text, n));
                return NULL;
            }
            nd->u.number.is_float = true;
            nd->u.number.f = f;
            if (f_is_int(f)) { nd->u.number.is_int = true; nd->u.number.i = (int64_t)f; }
            if (f_is_uint(f)) { nd->u.number.is_uint = true; nd->u.number.u = (uint64_t)f; }
        }
    }
    if (!nd->u.number.is_int && !nd->u.number.is_uint && !nd->u.number.is_float) {
        *err = sg_sprintf("illegal number syntax: %s", quoted(text, n));
        return NULL;
    }
    return nd;
}

/* ---- variables ---- */

static void push_var(parser *p, const char *s, size_t n)
{
    if (p->nvars == p->capvars) {
        size_t nc = p->capvars ? p->capvars * 2 : 8;
        p->vars = sg_realloc(p->vars, p->capvars * sizeof *p->vars, nc * sizeof *p->vars);
        p->capvars = nc;
    }
    p->vars[p->nvars++] = (pvar){ s, n };
}

static sg_node *use_var(parser *p, const sg_item *tok)
{
    sg_node *v = new_variable(p, tok->pos, tok->val, tok->len);
    const char *name = v->u.field.ident[0];
    size_t len = strlen(name);
    for (size_t i = 0; i < p->nvars; i++)
        if (p->vars[i].n == len && memcmp(p->vars[i].s, name, len) == 0) return v;
    fail(p, sg_sprintf("undefined variable %s", quoted(name, len)));
}

/* ---- tree set helpers ---- */

static void parser_init(parser *p, pctx *c, const char *name)
{
    memset(p, 0, sizeof *p);
    p->c = c;
    p->tree = sg_alloc(sizeof *p->tree);
    p->tree->name = name;
    p->tree->parse_name = c->parse_name;
    p->tree->text = c->text;
    p->tree->textlen = c->len;
    push_var(p, "$", 1);
}

/* Go's Tree.add: install into this parse's tree set. */
static void tree_add(parser *p)
{
    sg_tree *old = tset_get(p->c->trees, p->tree->name);
    if (!old || parse_is_empty_tree(old->root)) {
        tset_put(p->c->trees, p->tree);
        return;
    }
    if (!parse_is_empty_tree(p->tree->root))
        fail(p, sg_sprintf("template: multiple definition of template %s",
                           quoted(p->tree->name, strlen(p->tree->name))));
}

/* ---- grammar ---- */

static sg_node *pipeline(parser *p, const char *context, sg_itemtype end);
static sg_node *text_or_action(parser *p);
static sg_node *if_control(parser *p);
static sg_node *with_control(parser *p);

static sg_node *new_list(parser *p, size_t pos) { return newnode(p, N_LIST, pos); }

/* itemList: textOrAction* up to {{end}} or {{else}}, returned in *next. */
static sg_node *item_list(parser *p, sg_node **next_out)
{
    sg_node *list = new_list(p, peek_non_space(p).pos);
    while (peek_non_space(p).type != ITEM_EOF) {
        sg_node *n = text_or_action(p);
        if (n->type == N_END_ || n->type == N_ELSE_) {
            *next_out = n;
            return list;
        }
        nodelist_push(&list->u.list, n);
    }
    fail(p, "unexpected EOF");
}

static void check_pipeline(parser *p, sg_node *pipe, const char *context)
{
    if (pipe->u.pipe.cmds.len == 0) fail(p, sg_sprintf("missing value for %s", context));
    for (size_t i = 1; i < pipe->u.pipe.cmds.len; i++) {
        sg_node *c = pipe->u.pipe.cmds.items[i];
        switch (c->u.command.args.items[0]->type) {
        case N_BOOL: case N_DOT: case N_NIL: case N_NUMBER: case N_STRING:
            fail(p, sg_sprintf("non executable command in pipeline stage %zu", i + 1));
        default: break;
        }
    }
}

static sg_node *term(parser *p)
{
    sg_item tok = next_non_space(p);
    switch (tok.type) {
    case ITEM_IDENTIFIER: {
        char *name = sg_strndup(tok.val, tok.len);
        if (p->c->has_func && !p->c->has_func(name))
            fail(p, sg_sprintf("function %s not defined", quoted(tok.val, tok.len)));
        sg_node *n = newnode(p, N_IDENTIFIER, tok.pos);
        n->u.ident.name = name;
        return n;
    }
    case ITEM_DOT: return newnode(p, N_DOT, tok.pos);
    case ITEM_NIL: return newnode(p, N_NIL, tok.pos);
    case ITEM_VARIABLE: return use_var(p, &tok);
    case ITEM_FIELD: return new_field(p, tok.pos, tok.val, tok.len);
    case ITEM_BOOL: {
        sg_node *n = newnode(p, N_BOOL, tok.pos);
        n->u.boolean.val = tok.len == 4 && memcmp(tok.val, "true", 4) == 0;
        return n;
    }
    case ITEM_CHAR_CONSTANT: case ITEM_COMPLEX: case ITEM_NUMBER: {
        const char *err = NULL;
        sg_node *n = new_number(p, &tok, &err);
        if (!n) fail(p, err);
        return n;
    }
    case ITEM_LEFT_PAREN: {
        if (p->stack_depth >= PARSE_MAX_PAREN_DEPTH) fail(p, "max expression depth exceeded");
        check_stack(p);
        p->stack_depth++;
        sg_node *r = pipeline(p, "parenthesized pipeline", ITEM_RIGHT_PAREN);
        p->stack_depth--;
        return r;
    }
    case ITEM_STRING: case ITEM_RAW_STRING: {
        const char *s;
        size_t len;
        if (!go_unquote(tok.val, tok.len, &s, &len)) fail(p, "invalid syntax");
        sg_node *n = newnode(p, N_STRING, tok.pos);
        n->u.string.quoted = sg_strndup(tok.val, tok.len);
        n->u.string.text = s;
        n->u.string.len = len;
        return n;
    }
    default:
        break;
    }
    backup(p);
    return NULL;
}

/* operand: term .Field* */
static sg_node *operand(parser *p)
{
    sg_node *node = term(p);
    if (!node) return NULL;
    if (peek(p).type == ITEM_FIELD) {
        sg_node *chain = newnode(p, N_CHAIN, peek(p).pos);
        chain->u.chain.node = node;
        size_t cap = 0;
        while (peek(p).type == ITEM_FIELD) {
            sg_item f = next(p);
            if (chain->u.chain.nfields == cap) {
                size_t nc = cap ? cap * 2 : 4;
                chain->u.chain.fields = sg_realloc((void *)chain->u.chain.fields, cap * sizeof(char *),
                                                   nc * sizeof(char *));
                cap = nc;
            }
            chain->u.chain.fields[chain->u.chain.nfields++] = sg_strndup(f.val + 1, f.len - 1);
        }
        switch (node->type) {
        case N_FIELD: case N_VARIABLE: {
            /* Go rebuilds the field/variable from chain.String() at the chain's position. */
            sg_node *m = newnode(p, node->type, chain->pos);
            size_t k = node->u.field.nident + chain->u.chain.nfields;
            const char **id = sg_alloc(k * sizeof *id);
            memcpy(id, node->u.field.ident, node->u.field.nident * sizeof *id);
            memcpy(id + node->u.field.nident, chain->u.chain.fields,
                   chain->u.chain.nfields * sizeof *id);
            m->u.field.ident = id;
            m->u.field.nident = k;
            node = m;
            break;
        }
        case N_BOOL: case N_STRING: case N_NUMBER: case N_NIL: case N_DOT: {
            const char *s = node_string(node);
            fail(p, sg_sprintf("unexpected . after term %s", quoted(s, strlen(s))));
        }
        default:
            node = chain;
        }
    }
    return node;
}

/* command: operand (space operand)* */
static sg_node *command(parser *p)
{
    sg_node *cmd = newnode(p, N_COMMAND, peek_non_space(p).pos);
    for (;;) {
        peek_non_space(p);
        sg_node *op = operand(p);
        if (op) nodelist_push(&cmd->u.command.args, op);
        sg_item tok = next(p);
        if (tok.type == ITEM_SPACE) continue;
        if (tok.type == ITEM_RIGHT_DELIM || tok.type == ITEM_RIGHT_PAREN) backup(p);
        else if (tok.type != ITEM_PIPE) unexpected(p, &tok, "operand");
        break;
    }
    if (cmd->u.command.args.len == 0) fail(p, "empty command");
    return cmd;
}

/* pipeline: declarations? command ('|' command)* */
static sg_node *pipeline(parser *p, const char *context, sg_itemtype end)
{
    sg_item tok = peek_non_space(p);
    sg_node *pipe = newnode(p, N_PIPE, tok.pos);
    bool is_range = strcmp(context, "range") == 0;
decls:;
    sg_item v = peek_non_space(p);
    if (v.type == ITEM_VARIABLE) {
        next(p);
        sg_item after = peek(p);
        sg_item nx = peek_non_space(p);
        if (nx.type == ITEM_ASSIGN || nx.type == ITEM_DECLARE) {
            pipe->u.pipe.is_assign = nx.type == ITEM_ASSIGN;
            next_non_space(p);
            nodelist_push(&pipe->u.pipe.decl, new_variable(p, v.pos, v.val, v.len));
            push_var(p, v.val, v.len);
        } else if (nx.type == ITEM_CHAR && nx.len == 1 && nx.val[0] == ',') {
            next_non_space(p);
            nodelist_push(&pipe->u.pipe.decl, new_variable(p, v.pos, v.val, v.len));
            push_var(p, v.val, v.len);
            if (is_range && pipe->u.pipe.decl.len < 2) {
                sg_itemtype t = peek_non_space(p).type;
                if (t == ITEM_VARIABLE || t == ITEM_RIGHT_DELIM || t == ITEM_RIGHT_PAREN) goto decls;
                fail(p, "range can only initialize variables");
            }
            fail(p, sg_sprintf("too many declarations in %s", context));
        } else if (after.type == ITEM_SPACE) {
            backup3(p, v, after);
        } else {
            backup2(p, v);
        }
    }
    for (;;) {
        tok = next_non_space(p);
        if (tok.type == end) {
            check_pipeline(p, pipe, context);
            return pipe;
        }
        switch (tok.type) {
        case ITEM_BOOL: case ITEM_CHAR_CONSTANT: case ITEM_COMPLEX: case ITEM_DOT: case ITEM_FIELD:
        case ITEM_IDENTIFIER: case ITEM_NUMBER: case ITEM_NIL: case ITEM_RAW_STRING: case ITEM_STRING:
        case ITEM_VARIABLE: case ITEM_LEFT_PAREN:
            backup(p);
            nodelist_push(&pipe->u.pipe.cmds, command(p));
            break;
        default:
            unexpected(p, &tok, context);
        }
    }
}

static sg_node *parse_control(parser *p, sg_nodetype type, const char *context)
{
    size_t nvars = p->nvars;
    if (++p->c->nest_depth > PARSE_MAX_NEST_DEPTH) fail(p, "max expression depth exceeded");
    sg_node *pipe = pipeline(p, context, ITEM_RIGHT_DELIM);
    sg_node *next_n = NULL, *else_list = NULL;
    if (type == N_RANGE) p->range_depth++;
    sg_node *list = item_list(p, &next_n);
    if (type == N_RANGE) p->range_depth--;
    if (next_n->type == N_ELSE_) {
        if (type == N_IF && peek(p).type == ITEM_IF) {
            next(p);
            else_list = new_list(p, next_n->pos);
            nodelist_push(&else_list->u.list, if_control(p));
        } else if (type == N_WITH && peek(p).type == ITEM_WITH) {
            next(p);
            else_list = new_list(p, next_n->pos);
            nodelist_push(&else_list->u.list, with_control(p));
        } else {
            else_list = item_list(p, &next_n);
            if (next_n->type != N_END_) fail(p, sg_sprintf("expected end; found %s", node_str_for(next_n)));
        }
    }
    p->nvars = nvars;
    p->c->nest_depth--;
    sg_node *n = newnode(p, type, pipe->pos);
    n->u.branch.pipe = pipe;
    n->u.branch.list = list;
    n->u.branch.else_list = else_list;
    return n;
}

static sg_node *if_control(parser *p) { return parse_control(p, N_IF, "if"); }
static sg_node *with_control(parser *p) { return parse_control(p, N_WITH, "with"); }
static sg_node *range_control(parser *p) { return parse_control(p, N_RANGE, "range"); }

static sg_node *break_control(parser *p, const sg_item *kw, bool is_break)
{
    const char *ctx = is_break ? "{{break}}" : "{{continue}}";
    sg_item t = next_non_space(p);
    if (t.type != ITEM_RIGHT_DELIM) unexpected(p, &t, ctx);
    if (p->range_depth == 0) fail(p, sg_sprintf("%s outside {{range}}", ctx));
    return newnode(p, is_break ? N_BREAK : N_CONTINUE, kw->pos);
}

static sg_node *end_control(parser *p)
{
    return newnode(p, N_END_, expect(p, ITEM_RIGHT_DELIM, "end").pos);
}

static sg_node *else_control(parser *p)
{
    sg_item pk = peek_non_space(p);
    if (pk.type == ITEM_IF || pk.type == ITEM_WITH) return newnode(p, N_ELSE_, pk.pos);
    sg_item t = expect(p, ITEM_RIGHT_DELIM, "else");
    return newnode(p, N_ELSE_, t.pos);
}

static const char *parse_template_name(parser *p, const sg_item *tok, const char *context)
{
    if (tok->type == ITEM_STRING || tok->type == ITEM_RAW_STRING) {
        const char *s;
        size_t len;
        if (!go_unquote(tok->val, tok->len, &s, &len)) fail(p, "invalid syntax");
        return s;
    }
    unexpected(p, tok, context);
}

static sg_node *block_control(parser *p)
{
    const char *context = "block clause";
    sg_item tok = next_non_space(p);
    const char *name = parse_template_name(p, &tok, context);
    sg_node *pipe = pipeline(p, context, ITEM_RIGHT_DELIM);

    parser *b = sg_alloc(sizeof *b);
    parser_init(b, p->c, name);
    sg_node *end = NULL;
    if (++p->c->nest_depth > PARSE_MAX_NEST_DEPTH) fail(p, "max expression depth exceeded");
    b->tree->root = item_list(b, &end);
    p->c->nest_depth--;
    if (end->type != N_END_) fail(p, sg_sprintf("unexpected %s in %s", node_str_for(end), context));
    tree_add(b);

    sg_node *n = newnode(p, N_TEMPLATE, tok.pos);
    n->u.tmpl.name = name;
    n->u.tmpl.pipe = pipe;
    return n;
}

static sg_node *template_control(parser *p)
{
    const char *context = "template clause";
    sg_item tok = next_non_space(p);
    const char *name = parse_template_name(p, &tok, context);
    sg_node *pipe = NULL;
    if (next_non_space(p).type != ITEM_RIGHT_DELIM) {
        backup(p);
        pipe = pipeline(p, context, ITEM_RIGHT_DELIM);
    }
    sg_node *n = newnode(p, N_TEMPLATE, tok.pos);
    n->u.tmpl.name = name;
    n->u.tmpl.pipe = pipe;
    return n;
}

/* action: control | command ("|" command)* ; the left delimiter is past. */
static sg_node *action(parser *p)
{
    sg_item tok = next_non_space(p);
    switch (tok.type) {
    case ITEM_BLOCK: return block_control(p);
    case ITEM_BREAK: return break_control(p, &tok, true);
    case ITEM_CONTINUE: return break_control(p, &tok, false);
    case ITEM_ELSE: return else_control(p);
    case ITEM_END: return end_control(p);
    case ITEM_IF: return if_control(p);
    case ITEM_RANGE: return range_control(p);
    case ITEM_TEMPLATE: return template_control(p);
    case ITEM_WITH: return with_control(p);
    default: break;
    }
    backup(p);
    tok = peek(p);
    sg_node *n = newnode(p, N_ACTION, tok.pos);
    n->u.action.pipe = pipeline(p, "command", ITEM_RIGHT_DELIM);
    return n;
}

static sg_node *text_or_action(parser *p)
{
    check_stack(p);
    sg_item tok = next_non_space(p);
    switch (tok.type) {
    case ITEM_TEXT: {
        sg_node *n = newnode(p, N_TEXT, tok.pos);
        n->u.text.text = tok.val;
        n->u.text.len = tok.len;
        return n;
    }
    case ITEM_LEFT_DELIM: {
        p->action_line = tok.line;
        sg_node *n = action(p);
        p->action_line = 0;
        return n;
    }
    case ITEM_COMMENT: {
        sg_node *n = newnode(p, N_COMMENT, tok.pos);
        n->u.comment.text = sg_strndup(tok.val, tok.len);
        return n;
    }
    default:
        unexpected(p, &tok, "input");
    }
}

/* {{define "name"}} ... {{end}}; the define keyword is past. */
static void parse_definition(parser *p)
{
    const char *context = "define clause";
    sg_item name = next_non_space(p);
    if (name.type != ITEM_STRING && name.type != ITEM_RAW_STRING) unexpected(p, &name, context);
    const char *s;
    size_t len;
    if (!go_unquote(name.val, name.len, &s, &len)) fail(p, "invalid syntax");
    p->tree->name = s;
    expect(p, ITEM_RIGHT_DELIM, context);
    sg_node *end = NULL;
    p->tree->root = item_list(p, &end);
    if (end->type != N_END_) fail(p, sg_sprintf("unexpected %s in %s", node_str_for(end), context));
    tree_add(p);
}

/* The top level: like itemList but also takes {{define}}; runs to EOF. */
static void parse_top(parser *t)
{
    t->tree->root = new_list(t, peek(t).pos);
    while (peek(t).type != ITEM_EOF) {
        if (peek(t).type == ITEM_LEFT_DELIM) {
            sg_item delim = next(t);
            if (next_non_space(t).type == ITEM_DEFINE) {
                parser *d = sg_alloc(sizeof *d);
                parser_init(d, t->c, "definition");
                parse_definition(d);
                continue;
            }
            backup2(t, delim);
        }
        sg_node *n = text_or_action(t);
        if (n->type == N_END_ || n->type == N_ELSE_) fail(t, sg_sprintf("unexpected %s", node_str_for(n)));
        nodelist_push(&t->tree->root->u.list, n);
    }
}

static bool is_unicode_space(int32_t r)
{
    switch (r) {
    case '\t': case '\n': case '\v': case '\f': case '\r': case ' ': case 0x85: case 0xA0:
    case 0x1680: case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000:
        return true;
    }
    return r >= 0x2000 && r <= 0x200A;
}

bool parse_is_empty_tree(const sg_node *n)
{
    if (!n) return true;
    switch (n->type) {
    case N_COMMENT: return true;
    case N_LIST:
        for (size_t i = 0; i < n->u.list.len; i++)
            if (!parse_is_empty_tree(n->u.list.items[i])) return false;
        return true;
    case N_TEXT:
        for (size_t i = 0; i < n->u.text.len;) {
            int w;
            int32_t r = lex_decode_rune(n->u.text.text + i, n->u.text.len - i, &w);
            if (!is_unicode_space(r) || (r == 0xFFFD && w == 1)) return false;
            i += (size_t)w;
        }
        return true;
    default:
        return false;
    }
}

static size_t stack_budget(void)
{
    struct rlimit rl;
    size_t lim = 8u << 20;
    if (getrlimit(RLIMIT_STACK, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY) lim = (size_t)rl.rlim_cur;
    if (lim > (64u << 20)) lim = 64u << 20;
    return lim / 4;
}

typedef struct pjob {
    sg_tset *set;
    const char *name, *text;
    size_t len;
    bool (*has_func)(const char *name);
    size_t budget;
    sg_tree *result;
    sg_error *err;
} pjob;

static sg_tree *do_parse(pjob *j)
{
    pctx *c = sg_alloc(sizeof *c);
    c->text = sg_strndup(j->text, j->len);
    c->len = j->len;
    c->parse_name = sg_strdup(j->name);
    c->has_func = j->has_func;
    c->trees = tset_new();
    c->stack_base = (const char *)__builtin_frame_address(0);
    c->stack_budget = j->budget;
    lex_init(&c->lex, c->text, c->len);
    if (j->has_func) {
        c->lex.break_ok = !j->has_func("break");
        c->lex.continue_ok = !j->has_func("continue");
    }
    parser *t = sg_alloc(sizeof *t);
    parser_init(t, c, c->parse_name);
    parse_top(t);
    tree_add(t);
    size_t n;
    const char **names = tset_names(c->trees, &n);
    for (size_t i = 0; i < n; i++) tset_add(j->set, tset_get(c->trees, names[i]));
    return t->tree;
}

/* The parser recurses once per nesting level, as Go's does; Go's stacks grow, ours do
 * not.  So the parse runs on a thread with a roomy stack (the caller waits, so the
 * arena and the catch chain are never used concurrently); errors are caught there and
 * re-thrown here.  Without the thread, the parse runs inline with a smaller budget. */
enum { PARSE_STACK = 60u << 20, PARSE_STACK_MARGIN = 1u << 20 }; /* ASan wants <= 64MB */

static void *parse_thread(void *arg)
{
    pjob *j = arg;
    sg_catch c;
    if (SG_TRY(&c)) {
        j->result = do_parse(j);
        catch_pop(&c);
    } else {
        catch_pop(&c);
        j->err = c.err;
    }
    return NULL;
}

sg_tree *parse_template(sg_tset *set, const char *name, const char *text, size_t len,
                        bool (*has_func)(const char *name))
{
    pjob j = { set, name, text, len, has_func, PARSE_STACK - PARSE_STACK_MARGIN, NULL, NULL };
    /* Nesting is bounded by the number of '{' and '(' bytes: when even that depth fits
     * the inline budget (a few KB per level at worst), skip the thread (~50us). */
    size_t opens = 0;
    for (size_t i = 0; i < len; i++) opens += text[i] == '{' || text[i] == '(';
    size_t inline_budget = stack_budget();
    if (opens < inline_budget / 8192) {
        j.budget = inline_budget;
        return do_parse(&j);
    }
    pthread_attr_t attr;
    pthread_t th;
    bool threaded = false;
    if (pthread_attr_init(&attr) == 0) {
        if (pthread_attr_setstacksize(&attr, PARSE_STACK) == 0 &&
            pthread_create(&th, &attr, parse_thread, &j) == 0) {
            pthread_join(th, NULL);
            threaded = true;
        }
        pthread_attr_destroy(&attr);
    }
    if (!threaded) {
        j.budget = inline_budget;
        return do_parse(&j);
    }
    if (j.err) sg_throw(j.err);
    return j.result;
}
