/* yaml_load.c - YAML text → sg_value the way Helm reads it (sigs.k8s.io/yaml over go-yaml v2).
 *
 * Three steps, as in Go:
 *  1. libyaml events → a node tree with anchors (go-yaml's parser.go), with go-yaml v2's
 *     error text and line rules;
 *  2. nodes → Go-typed values (go-yaml's decode.go + resolve.go: YAML 1.1 scalars, merge
 *     keys, aliases re-decoded each time), map keys stringified as sigs.k8s.io/yaml's
 *     convertToJSONableObject does;
 *  3. the JSON round trip (json.Marshal then decode into interface{}): numbers → float64,
 *     NaN/Inf → "json: unsupported value".
 */
#include "yaml.h"
#include "yaml_decode.h"
#include "gofloat.h"
#include "../base/arena.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

/* ------------------------------------------------------------------ node tree */

enum { N_SCALAR, N_MAP, N_SEQ, N_ALIAS };

typedef struct ynode {
    int kind;
    const char *tag;       /* short form ("!!str") or "" */
    const char *value;     /* scalar text, or alias/anchor name */
    size_t vlen;
    bool implicit;         /* plain scalar without tag */
    struct ynode **kids;
    size_t nk, capk;
    struct ynode *alias;
    bool visiting;         /* alias recursion guard */
    bool flow;             /* a flow-style collection ([...] or {...}) */
} ynode;

typedef struct anchor { const char *name; ynode *node; struct anchor *next; } anchor;

/* libyaml state that must be released even if something throws (arena exhaustion). */
typedef struct ylib {
    yaml_parser_t parser;
    yaml_event_t ev;
    bool parser_live, ev_live;
} ylib;

static void ylib_release(void *p)
{
    ylib *y = p;
    if (y->ev_live) { yaml_event_delete(&y->ev); y->ev_live = false; }
    if (y->parser_live) { yaml_parser_delete(&y->parser); y->parser_live = false; }
}

typedef struct yparser {
    ylib *y;
    anchor *anchors;
    const char *err;
    int depth;
    int coll, flow;     /* nesting of collections, and of flow-style ones among them */
    bool stream_end;
} yparser;

/* go-yaml v2's parser.fail(): the line rules of HELM-FACTS §6. */
static void parse_fail(yparser *p)
{
    yaml_parser_t *yp = &p->y->parser;
    size_t line = 0;
    if (yp->problem_mark.line != 0) {
        line = yp->problem_mark.line;
        if (yp->error == YAML_SCANNER_ERROR) line++;
    } else if (yp->context_mark.line != 0) {
        line = yp->context_mark.line;
    }
    const char *msg = yp->problem ? yp->problem : "unknown problem parsing YAML content";
    if (line) p->err = sg_sprintf("yaml: line %zu: %s", line, msg);
    else p->err = sg_sprintf("yaml: %s", msg);
}

/* Next event into p->y->ev (the previous one is deleted).  -1 on a libyaml error. */
static int next_event(yparser *p)
{
    ylib *y = p->y;
    if (y->ev_live) { yaml_event_delete(&y->ev); y->ev_live = false; }
    if (!yaml_parser_parse(&y->parser, &y->ev)) {
        parse_fail(p);
        return -1;
    }
    y->ev_live = true;
    return 0;
}

static const char *short_tag(const unsigned char *tag)
{
    if (!tag) return "";
    const char *t = (const char *)tag;
    static const char pfx[] = "tag:yaml.org,2002:";
    if (strncmp(t, pfx, sizeof pfx - 1) == 0) return sg_sprintf("!!%s", t + sizeof pfx - 1);
    return sg_strdup(t);
}

static void add_kid(ynode *n, ynode *k)
{
    if (n->nk == n->capk) {
        size_t cap = n->capk ? n->capk * 2 : 4;
        n->kids = sg_realloc(n->kids, n->nk * sizeof *n->kids, cap * sizeof *n->kids);
        n->capk = cap;
    }
    n->kids[n->nk++] = k;
}

static void set_anchor(yparser *p, const unsigned char *name, ynode *n)
{
    if (!name) return;
    anchor *a = sg_alloc(sizeof *a);
    a->name = sg_strdup((const char *)name);
    a->node = n;
    a->next = p->anchors;
    p->anchors = a;
}

#define YAML_MAX_DEPTH 10000 /* go-yaml v2's max_flow_level / max_indents, and encoding/json's
                                maxNestingDepth */

static bool is_flow(const yaml_event_t *ev)
{
    return ev->type == YAML_SEQUENCE_START_EVENT ? ev->data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE
                                                 : ev->data.mapping_start.style == YAML_FLOW_MAPPING_STYLE;
}

/* go-yaml's scanner error for too deep a nesting: "line N: " unless on the first line. */
static void too_deep_yaml(yparser *p, const yaml_event_t *ev)
{
    size_t line = ev->start_mark.line;
    p->err = line ? sg_sprintf("yaml: line %zu: exceeded max depth of %d", line + 1, YAML_MAX_DEPTH)
                  : sg_sprintf("yaml: exceeded max depth of %d", YAML_MAX_DEPTH);
}

/* Enter a collection: false (p->err set) when it is nested too deep.  go-yaml refuses more
 * than 10000 flow levels or block indents; what it accepts, sigs.k8s.io/yaml hands on as
 * JSON, where encoding/json refuses more than 10000 nested values in all.  The YAML errors
 * come first (the whole document is converted before JSON is decoded): past the JSON
 * depth, the rest of the document is only read for them, without building nodes. */
static bool enter_collection(yparser *p)
{
    yaml_event_t *ev = &p->y->ev;
    bool flow = is_flow(ev);
    p->coll++;
    p->flow += flow;
    if (p->flow > YAML_MAX_DEPTH || p->coll - p->flow > YAML_MAX_DEPTH) {
        too_deep_yaml(p, ev);
        return false;
    }
    if (p->coll <= YAML_MAX_DEPTH) return true;
    const char *json_err = ev->type == YAML_SEQUENCE_START_EVENT
                               ? "error unmarshaling JSON: while decoding JSON: invalid character '[' exceeded max depth"
                               : "error unmarshaling JSON: while decoding JSON: invalid character '{' exceeded max depth";
    /* skim the rest of the document for a deeper YAML nesting, with a stack of flow
     * flags for the collections open beyond this point (libyaml closes them all before
     * the document ends) */
    size_t cap = 64, n = 0;
    bool *st = sg_alloc(cap * sizeof *st);
    st[n++] = flow;
    for (;;) {
        if (next_event(p) < 0) return false;
        if (ev->type == YAML_DOCUMENT_END_EVENT || ev->type == YAML_STREAM_END_EVENT) break;
        if (ev->type == YAML_SEQUENCE_START_EVENT || ev->type == YAML_MAPPING_START_EVENT) {
            bool f = is_flow(ev);
            p->coll++;
            p->flow += f;
            if (p->flow > YAML_MAX_DEPTH || p->coll - p->flow > YAML_MAX_DEPTH) {
                too_deep_yaml(p, ev);
                return false;
            }
            st = arena_grow(st, n, &cap, sizeof *st, 64);
            st[n++] = f;
        } else if (ev->type == YAML_SEQUENCE_END_EVENT || ev->type == YAML_MAPPING_END_EVENT) {
            p->coll--;
            if (n > 0)
                p->flow -= st[--n];
            else /* a collection opened before the skim: its style was pushed by parse_node */
                p->flow -= p->coll < p->flow; /* (approximate: keep flow <= coll) */
        }
    }
    p->err = json_err;
    return false;
}

/* Parse one node whose first event is current. */
static ynode *parse_node(yparser *p)
{
    yaml_event_t *ev = &p->y->ev;
    ynode *n = sg_alloc(sizeof *n);
    ++p->depth;
    switch (ev->type) {
    case YAML_SCALAR_EVENT:
        n->kind = N_SCALAR;
        n->tag = short_tag(ev->data.scalar.tag);
        n->value = sg_strndup((const char *)ev->data.scalar.value, ev->data.scalar.length);
        n->vlen = ev->data.scalar.length;
        n->implicit = ev->data.scalar.plain_implicit;
        set_anchor(p, ev->data.scalar.anchor, n);
        break;
    case YAML_ALIAS_EVENT: {
        n->kind = N_ALIAS;
        n->value = sg_strdup((const char *)ev->data.alias.anchor);
        for (anchor *a = p->anchors; a; a = a->next)
            if (strcmp(a->name, n->value) == 0) { n->alias = a->node; break; }
        if (!n->alias) {
            p->err = sg_sprintf("yaml: unknown anchor '%s' referenced", n->value);
            return NULL;
        }
        break;
    }
    case YAML_SEQUENCE_START_EVENT:
        n->flow = is_flow(ev);
        if (!enter_collection(p)) return NULL;
        n->kind = N_SEQ;
        n->tag = short_tag(ev->data.sequence_start.tag);
        set_anchor(p, ev->data.sequence_start.anchor, n);
        for (;;) {
            if (next_event(p) < 0) return NULL;
            if (ev->type == YAML_SEQUENCE_END_EVENT) break;
            ynode *k = parse_node(p);
            if (!k) return NULL;
            add_kid(n, k);
        }
        p->coll--;
        p->flow -= n->flow;
        break;
    case YAML_MAPPING_START_EVENT:
        n->flow = is_flow(ev);
        if (!enter_collection(p)) return NULL;
        n->kind = N_MAP;
        n->tag = short_tag(ev->data.mapping_start.tag);
        set_anchor(p, ev->data.mapping_start.anchor, n);
        for (;;) {
            if (next_event(p) < 0) return NULL;
            if (ev->type == YAML_MAPPING_END_EVENT) break;
            ynode *k = parse_node(p);
            if (!k) return NULL;
            add_kid(n, k);
        }
        p->coll--;
        p->flow -= n->flow;
        break;
    default:
        p->err = sg_sprintf("yaml: attempted to go past the end of stream; corrupted value?");
        return NULL;
    }
    p->depth--;
    return n;
}

/* The next document's root node; *root = NULL at the end of the stream.  An empty
 * document gives an empty plain scalar (null). */
static int parse_document(yparser *p, ynode **root)
{
    *root = NULL;
    if (p->stream_end) return 0;
    if (next_event(p) < 0) return -1;
    if (p->y->ev.type == YAML_STREAM_START_EVENT && next_event(p) < 0) return -1;
    if (p->y->ev.type == YAML_STREAM_END_EVENT) { p->stream_end = true; return 0; }
    if (p->y->ev.type != YAML_DOCUMENT_START_EVENT) {
        p->err = "yaml: expected document start";
        return -1;
    }
    p->anchors = NULL;
    if (next_event(p) < 0) return -1;
    ynode *n = parse_node(p);
    if (!n) return -1;
    if (next_event(p) < 0) return -1; /* DOCUMENT-END */
    *root = n;
    return 0;
}

/* ------------------------------------------------------------------ resolve */

static bool in_list(const char *s, const char *const *l)
{
    for (; *l; l++)
        if (strcmp(s, *l) == 0) return true;
    return false;
}

static const char *const yes_words[] = { "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE",
                                         "on", "On", "ON", NULL };
static const char *const no_words[] = { "n", "N", "no", "No", "NO", "false", "False", "FALSE",
                                        "off", "Off", "OFF", NULL };
static const char *const null_words[] = { "", "~", "null", "Null", "NULL", NULL };
static const char *const nan_words[] = { ".nan", ".NaN", ".NAN", NULL };
static const char *const inf_words[] = { ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", NULL };
static const char *const ninf_words[] = { "-.inf", "-.Inf", "-.INF", NULL };

/* Go's strconv.ParseInt/ParseUint(s, 0, 64) (s without underscores). */
static bool parse_goint(const char *s, bool allow_sign, bool *neg, uint64_t *mag)
{
    *neg = false;
    if (*s == '+' || *s == '-') {
        if (!allow_sign) return false;
        *neg = *s == '-';
        s++;
    }
    int base = 10;
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) { base = 16; s += 2; }
    else if (s[0] == '0' && (s[1] == 'o' || s[1] == 'O')) { base = 8; s += 2; }
    else if (s[0] == '0' && (s[1] == 'b' || s[1] == 'B')) { base = 2; s += 2; }
    else if (s[0] == '0' && s[1]) { base = 8; s += 1; }
    if (!*s) return false;
    uint64_t v = 0;
    for (; *s; s++) {
        int d;
        if (*s >= '0' && *s <= '9') d = *s - '0';
        else if (*s >= 'a' && *s <= 'z') d = *s - 'a' + 10;
        else if (*s >= 'A' && *s <= 'Z') d = *s - 'A' + 10;
        else return false;
        if (d >= base) return false;
        if (v > (UINT64_MAX - (uint64_t)d) / (uint64_t)base) return false;
        v = v * (uint64_t)base + (uint64_t)d;
    }
    *mag = v;
    return true;
}

/* ^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$ */
static bool yaml_style_float(const char *s)
{
    if (*s == '+' || *s == '-') s++;
    if (*s == '.') {
        s++;
        if (!(*s >= '0' && *s <= '9')) return false;
        while (*s >= '0' && *s <= '9') s++;
    } else {
        if (!(*s >= '0' && *s <= '9')) return false;
        while (*s >= '0' && *s <= '9') s++;
        if (*s == '.') {
            s++;
            while (*s >= '0' && *s <= '9') s++;
        }
    }
    if (*s == 'e' || *s == 'E') {
        s++;
        if (*s == '+' || *s == '-') s++;
        if (!(*s >= '0' && *s <= '9')) return false;
        while (*s >= '0' && *s <= '9') s++;
    }
    return *s == 0;
}

/* Go's strconv.ParseFloat(s, 64) for the decimal forms YAML can reach; false on syntax
 * errors and on overflow (ErrRange). */
static bool parse_gofloat(const char *s, double *out)
{
    const char *p = s;
    if (*p == '+' || *p == '-') p++;
    bool digits = false;
    while (*p >= '0' && *p <= '9') { p++; digits = true; }
    if (*p == '.') { p++; while (*p >= '0' && *p <= '9') { p++; digits = true; } }
    if (!digits) return false;
    if (*p == 'e' || *p == 'E') {
        p++;
        if (*p == '+' || *p == '-') p++;
        if (!(*p >= '0' && *p <= '9')) return false;
        while (*p >= '0' && *p <= '9') p++;
    }
    if (*p) return false;
    double d = strtod(s, NULL);
    if (isinf(d)) return false;
    *out = d;
    return true;
}

static int getnum(const char **s, int maxd, int mind)
{
    int v = 0, n = 0;
    while (**s >= '0' && **s <= '9' && n < maxd) { v = v * 10 + (**s - '0'); (*s)++; n++; }
    return n < mind ? -1 : v;
}

static bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

/* go-yaml v2 parseTimestamp: time.Parse with "2006-1-2T15:4:5.999999999Z07:00" (also 't'),
 * "2006-1-2 15:4:5.999999999" and "2006-1-2". */
bool yl_is_timestamp(const char *s)
{
    int i = 0;
    while (s[i] >= '0' && s[i] <= '9') i++;
    if (i != 4 || s[i] != '-') return false;
    const char *p = s + 5;
    int year = atoi(s);
    int mon = getnum(&p, 2, 1);
    if (mon < 1 || mon > 12 || *p++ != '-') return false;
    int day = getnum(&p, 2, 1);
    static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (day < 1 || day > mdays[mon - 1] + (mon == 2 && leap(year))) return false;
    if (!*p) return true;
    char sep = *p++;
    if (sep != 'T' && sep != 't' && sep != ' ') return false;
    int h = getnum(&p, 2, 1);
    if (h < 0 || h > 23 || *p++ != ':') return false;
    int m = getnum(&p, 2, 1);
    if (m < 0 || m > 59 || *p++ != ':') return false;
    int sec = getnum(&p, 2, 1);
    if (sec < 0 || sec > 59) return false;
    if (*p == '.' || *p == ',') {
        p++;
        if (!(*p >= '0' && *p <= '9')) return false;
        while (*p >= '0' && *p <= '9') p++;
    }
    if (sep == ' ') return *p == 0;
    if (*p == 'Z') return p[1] == 0;
    if (*p != '+' && *p != '-') return false;
    p++;
    if (!(p[0] >= '0' && p[0] <= '9' && p[1] >= '0' && p[1] <= '9' && p[2] == ':' &&
          p[3] >= '0' && p[3] <= '9' && p[4] >= '0' && p[4] <= '9' && p[5] == 0))
        return false;
    return (p[0] - '0') * 10 + (p[1] - '0') < 24 && (p[3] - '0') * 10 + (p[4] - '0') < 60;
}

static bool resolvable_tag(const char *tag)
{
    return !*tag || !strcmp(tag, "!!str") || !strcmp(tag, "!!bool") || !strcmp(tag, "!!int") ||
           !strcmp(tag, "!!float") || !strcmp(tag, "!!timestamp") || !strcmp(tag, "!!null");
}

/* go-yaml v2 resolve() without the tag check: returns the resolved tag and value. */
const char *yl_resolve_plain(const char *in, sg_value *out)
{
    *out = val_str(in, strlen(in));
    unsigned char c = (unsigned char)in[0];
    int hint;
    if (!c) hint = 'N';
    else if (c == '+' || c == '-') hint = 'S';
    else if (c >= '0' && c <= '9') hint = 'D';
    else if (strchr("yYnNtTfFoO~", c)) hint = 'M';
    else if (c == '.') hint = '.';
    else hint = 0;
    if (!hint) return "!!str";
    if (in_list(in, yes_words)) { *out = val_bool(true); return "!!bool"; }
    if (in_list(in, no_words)) { *out = val_bool(false); return "!!bool"; }
    if (in_list(in, null_words)) { *out = sg_nil; return "!!null"; }
    if (in_list(in, nan_words)) { *out = val_float(NAN); return "!!float"; }
    if (in_list(in, inf_words)) { *out = val_float(INFINITY); return "!!float"; }
    if (in_list(in, ninf_words)) { *out = val_float(-INFINITY); return "!!float"; }
    if (!strcmp(in, "<<")) return "!!merge";
    if (hint == '.') {
        double d;
        if (parse_gofloat(in, &d)) { *out = val_float(d); return "!!float"; }
        return "!!str";
    }
    if (hint == 'D' || hint == 'S') {
        if (yl_is_timestamp(in)) return "!!timestamp";
        size_t n = strlen(in);
        char *plain = sg_alloc(n + 1), *q = plain;
        for (const char *s = in; *s; s++)
            if (*s != '_') *q++ = *s;
        *q = 0;
        bool neg;
        uint64_t mag;
        if (parse_goint(plain, true, &neg, &mag)) {
            if (!neg && mag <= INT64_MAX) { *out = val_int64((int64_t)mag); return "!!int"; }
            if (neg && mag <= (uint64_t)INT64_MAX + 1) {
                *out = val_int64(mag == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)mag);
                return "!!int";
            }
            if (!neg) {
                *out = val_int64((int64_t)mag);
                out->gotype = GT_UINT64;
                return "!!int";
            }
        }
        double d;
        if (yaml_style_float(plain) && parse_gofloat(plain, &d)) {
            *out = val_float(d);
            return "!!float";
        }
        /* 0b.../-0b... were handled by parse_goint (Go's base-0 ParseInt knows 0b). */
        return "!!str";
    }
    return "!!str";
}

/* ------------------------------------------------------------------ decode */

typedef struct ydecoder {
    const char *err;
    ynode *bad_node;          /* map holding the first key sigs.k8s.io/yaml cannot convert */
    sg_value bad_key, bad_val;
    long decode_count, alias_count;
    int alias_depth;
} ydecoder;

static int decode(ydecoder *d, ynode *n, sg_value *out);

static int failf(ydecoder *d, const char *msg)
{
    if (!d->err) d->err = msg;
    return -1;
}

static int b64val(int c)
{
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
}

/* base64.StdEncoding.DecodeString (ignores \r and \n). */
static bool b64decode(const char *s, size_t n, sg_buf *b)
{
    unsigned acc = 0;
    int bits = 0, pad = 0, count = 0;
    for (size_t i = 0; i < n; i++) {
        int c = (unsigned char)s[i];
        if (c == '\r' || c == '\n') continue;
        count++;
        if (c == '=') { pad++; continue; }
        if (pad) return false;
        int v = b64val(c);
        if (v < 0) return false;
        acc = (acc << 6) | (unsigned)v;
        bits += 6;
        if (bits >= 8) { bits -= 8; buf_putc(b, (char)((acc >> bits) & 0xff)); }
    }
    if (count % 4 != 0 || pad > 2) return false;
    return true;
}

static int decode_scalar(ydecoder *d, ynode *n, sg_value *out)
{
    if (!*n->tag && !n->implicit) { *out = val_str_nocopy(n->value, n->vlen); return 0; }
    const char *tag = n->tag;
    if (!resolvable_tag(tag)) {
        if (!strcmp(tag, "!!binary")) {
            sg_buf b;
            buf_init(&b);
            if (!b64decode(n->value, n->vlen, &b))
                return failf(d, "yaml: !!binary value contains invalid base64 data");
            *out = val_str_nocopy(b.p, b.len);
            return 0;
        }
        *out = val_str_nocopy(n->value, n->vlen);
        return 0;
    }
    if (!strcmp(tag, "!!str")) { *out = val_str_nocopy(n->value, n->vlen); return 0; }
    sg_value v;
    const char *rtag = yl_resolve_plain(n->value, &v);
    if (!strcmp(rtag, "!!timestamp") || !strcmp(rtag, "!!merge")) v = val_str_nocopy(n->value, n->vlen);
    if (*tag && strcmp(tag, rtag) != 0) {
        if (!strcmp(tag, "!!float") && !strcmp(rtag, "!!int") && v.gotype != GT_UINT64) {
            v = val_float((double)v.u.i);
        } else {
            return failf(d, sg_sprintf("yaml: cannot decode %s `%s` as a %s", rtag, n->value, tag));
        }
    }
    *out = v;
    return 0;
}

/* %+#v of a decoded key/value (Go syntax), as the "unsupported map key" and "invalid map
 * key" messages print them. */
static void gosyntax_to(sg_buf *b, sg_value v, bool top)
{
    switch ((sg_kind)v.kind) {
    case VK_NIL: buf_puts(b, top ? "<nil>" : "interface {}(nil)"); return;
    case VK_BOOL: buf_puts(b, v.u.b ? "true" : "false"); return;
    case VK_INT: case VK_INT64:
        if (v.gotype == GT_UINT64) buf_printf(b, "0x%llx", (unsigned long long)v.u.i);
        else buf_printf(b, "%lld", (long long)v.u.i);
        return;
    case VK_FLOAT: gofloat_format(b, v.u.f, 'g', 64); return;
    case VK_STRING:
        buf_putc(b, '"');
        for (size_t i = 0; i < v.u.s.n; i++) {
            unsigned char c = (unsigned char)v.u.s.p[i];
            if (c == '"' || c == '\\') { buf_putc(b, '\\'); buf_putc(b, (char)c); }
            else if (c == '\n') buf_puts(b, "\\n");
            else if (c == '\t') buf_puts(b, "\\t");
            else if (c < 0x20 || c == 0x7f) buf_printf(b, "\\x%02x", c);
            else buf_putc(b, (char)c);
        }
        buf_putc(b, '"');
        return;
    case VK_LIST:
        buf_puts(b, "[]interface {}{");
        for (size_t i = 0; i < list_len(v); i++) {
            if (i) buf_puts(b, ", ");
            gosyntax_to(b, list_get(v, i), false);
        }
        buf_putc(b, '}');
        return;
    case VK_MAP: {
        buf_puts(b, "map[interface {}]interface {}{");
        size_t n;
        sg_mapent **e = map_sorted(v, &n);
        for (size_t i = 0; i < n; i++) {
            if (i) buf_puts(b, ", ");
            gosyntax_to(b, val_str_nocopy(e[i]->key, e[i]->klen), false);
            buf_putc(b, ':');
            gosyntax_to(b, e[i]->val, false);
        }
        buf_putc(b, '}');
        return;
    }
    default: buf_puts(b, "?"); return;
    }
}

static const char *gosyntax(sg_value v)
{
    sg_buf b;
    buf_init(&b);
    gosyntax_to(&b, v, true);
    return b.p;
}

/* Map key → string as sigs.k8s.io/yaml does; NULL (and d->err) for unsupported keys. */
static const char *key_string(ydecoder *d, sg_value k, sg_value v, size_t *klen)
{
    sg_buf b;
    buf_init(&b);
    switch ((sg_kind)k.kind) {
    case VK_STRING: *klen = k.u.s.n; return k.u.s.p;
    case VK_INT: case VK_INT64:
        if (k.gotype == GT_UINT64) break; /* uint64 keys are unsupported */
        buf_printf(&b, "%lld", (long long)k.u.i);
        *klen = b.len;
        return b.p;
    case VK_FLOAT: {
        double f = k.u.f;
        if (isnan(f)) buf_puts(&b, ".nan");
        else if (isinf(f)) buf_puts(&b, f > 0 ? ".inf" : "-.inf");
        else gofloat_format(&b, f, 'g', 32);
        *klen = b.len;
        return b.p;
    }
    case VK_BOOL:
        *klen = k.u.b ? 4 : 5;
        return k.u.b ? "true" : "false";
    default: break;
    }
    return NULL;
}

/* sigs.k8s.io/yaml's error for a key it cannot stringify (nil or uint64). */
static const char *unsupported_key(sg_value k, sg_value v)
{
    const char *tn = k.kind == VK_NIL ? "%!s(<nil>)" : k.gotype == GT_UINT64 ? "uint64" : "?";
    return sg_sprintf("unsupported map key of type: %s, key: %s, value: %s", tn, gosyntax(k),
                      gosyntax(v));
}

static bool is_merge(ynode *n)
{
    return n->kind == N_SCALAR && n->vlen == 2 && !strcmp(n->value, "<<") &&
           (n->implicit || !strcmp(n->tag, "!!merge"));
}

static void copy_into(sg_value dst, sg_value src)
{
    sg_mapent *e;
    for (size_t it = 0; map_next(src, &it, &e);) map_setn(dst, e->key, e->klen, e->val);
}

static ynode *deref(ynode *n) { return n->kind == N_ALIAS ? n->alias : n; }

static int merge(ydecoder *d, ynode *n, sg_value out)
{
    static const char want[] = "yaml: map merge requires map or sequence of maps as the value";
    sg_value v;
    ynode *t = deref(n);
    if (t->kind == N_MAP) {
        if (decode(d, n, &v) < 0) return -1;
        copy_into(out, v);
        return 0;
    }
    if (n->kind == N_SEQ) {
        for (size_t i = n->nk; i-- > 0;) {
            if (deref(n->kids[i])->kind != N_MAP) return failf(d, want);
            if (decode(d, n->kids[i], &v) < 0) return -1;
            copy_into(out, v);
        }
        return 0;
    }
    return failf(d, want);
}

static int decode(ydecoder *d, ynode *n, sg_value *out)
{
    d->decode_count++;
    if (d->alias_depth > 0) d->alias_count++;
    if (d->alias_count > 100 && d->decode_count > 1000) {
        double ratio = d->decode_count <= 400000 ? 0.99
                     : d->decode_count >= 4000000 ? 0.10
                     : 0.99 - 0.89 * ((double)(d->decode_count - 400000) / 3600000.0);
        if ((double)d->alias_count / (double)d->decode_count > ratio)
            return failf(d, "yaml: document contains excessive aliasing");
    }
    switch (n->kind) {
    case N_SCALAR: return decode_scalar(d, n, out);
    case N_ALIAS: {
        if (n->alias->visiting)
            return failf(d, sg_sprintf("yaml: anchor '%s' value contains itself", n->value));
        n->alias->visiting = true;
        d->alias_depth++;
        int rc = decode(d, n->alias, out);
        d->alias_depth--;
        n->alias->visiting = false;
        return rc;
    }
    case N_SEQ: {
        sg_value l = val_list(n->nk);
        n->visiting = true;
        for (size_t i = 0; i < n->nk; i++) {
            sg_value v;
            if (decode(d, n->kids[i], &v) < 0) return -1;
            list_push(l, v);
        }
        n->visiting = false;
        *out = l;
        return 0;
    }
    case N_MAP: {
        sg_value m = val_map();
        n->visiting = true;
        for (size_t i = 0; i + 1 < n->nk; i += 2) {
            if (is_merge(n->kids[i])) {
                if (merge(d, n->kids[i + 1], m) < 0) return -1;
                continue;
            }
            sg_value k, v;
            if (decode(d, n->kids[i], &k) < 0) return -1;
            if (k.kind == VK_MAP || k.kind == VK_LIST)
                return failf(d, sg_sprintf("yaml: invalid map key: %s", gosyntax(k)));
            if (decode(d, n->kids[i + 1], &v) < 0) return -1;
            size_t kl;
            const char *ks = key_string(d, k, v, &kl);
            if (!ks) {
                /* go-yaml keeps the pair (a later equal key overwrites it); the conversion
                 * fails only once the whole document decoded: remember the first such key */
                if (!d->bad_node || (d->bad_node == n && d->bad_key.kind == k.kind && d->bad_key.u.i == k.u.i)) {
                    d->bad_node = n;
                    d->bad_key = k;
                    d->bad_val = v;
                }
                continue;
            }
            map_setn(m, ks, kl, v);
        }
        n->visiting = false;
        *out = m;
        return 0;
    }
    }
    return failf(d, "yaml: bad node");
}

/* ------------------------------------------------------------------ JSON round trip */

/* json.Marshal then decode into interface{}: numbers → float64; NaN/Inf are errors. */
static int json_normalize(sg_value *v, const char **err)
{
    switch ((sg_kind)v->kind) {
    case VK_INT: case VK_INT64:
        *v = val_float(v->gotype == GT_UINT64 ? (double)(uint64_t)v->u.i : (double)v->u.i);
        return 0;
    case VK_FLOAT:
        if (isnan(v->u.f) || isinf(v->u.f)) {
            *err = sg_sprintf("json: unsupported value: %s",
                              isnan(v->u.f) ? "NaN" : v->u.f > 0 ? "+Inf" : "-Inf");
            return -1;
        }
        /* -0 marshals as "-0", which decodes as -0: kept */
        return 0;
    case VK_LIST:
        for (size_t i = 0; i < list_len(*v); i++)
            if (json_normalize(&v->u.l->items[i], err) < 0) return -1;
        return 0;
    case VK_MAP: {
        /* json.Marshal visits keys in sorted order: the first bad value in that order wins */
        size_t n;
        sg_mapent **e = map_sorted(*v, &n);
        for (size_t i = 0; i < n; i++)
            if (json_normalize(&e[i]->val, err) < 0) return -1;
        return 0;
    }
    default: return 0;
    }
}

/* ------------------------------------------------------------------ entry points */

/* go-yaml v2 accepts only "%YAML 1.1" (libyaml 0.2.5 also takes 1.2): check the directives
 * that open the stream.  Returns the error text or NULL. */
static const char *check_yaml_directive(const char *text, size_t len)
{
    size_t i = 0, line = 0;
    while (i < len) {
        size_t e = i;
        while (e < len && text[e] != '\n') e++;
        const char *l = text + i;
        size_t n = e - i;
        size_t k = 0;
        while (k < n && (l[k] == ' ' || l[k] == '\t' || l[k] == '\r')) k++;
        if (k == n || l[k] == '#') { i = e + 1; line++; continue; }
        if (k != 0 || n < 5 || strncmp(l, "%YAML", 5) != 0) {
            if (l[0] == '%') { i = e + 1; line++; continue; } /* another directive */
            return NULL;
        }
        k = 5;
        if (k >= n || (l[k] != ' ' && l[k] != '\t')) return NULL;
        while (k < n && (l[k] == ' ' || l[k] == '\t')) k++;
        long major = 0, minor = 0;
        size_t d = k;
        while (k < n && l[k] >= '0' && l[k] <= '9' && k - d < 10) major = major * 10 + (l[k++] - '0');
        if (k - d > 9) return NULL; /* "extremely long version number": the scanner says so */
        if (k == d || k >= n || l[k] != '.') return NULL;
        d = ++k;
        while (k < n && l[k] >= '0' && l[k] <= '9' && k - d < 10) minor = minor * 10 + (l[k++] - '0');
        if (k == d || k - d > 9) return NULL;
        if (major == 1 && minor == 1) return NULL;
        if (line) return sg_sprintf("yaml: line %zu: found incompatible YAML document", line);
        return "yaml: found incompatible YAML document";
    }
    return NULL;
}

int yl_decode(const char *text, size_t len, bool all, sg_value *docs, const char **err)
{
    const char *verr = check_yaml_directive(text, len);
    if (verr) { *err = verr; return -1; }
    ylib *y = sg_alloc(sizeof *y);
    arena_defer(ylib_release, y);
    if (!yaml_parser_initialize(&y->parser)) {
        *err = "yaml: out of memory";
        return -1;
    }
    y->parser_live = true;
    yaml_parser_set_input_string(&y->parser, (const unsigned char *)text, len);
    yparser p = { .y = y };
    ydecoder d = { 0 };
    *docs = val_list(1);
    int rc = 0;
    for (;;) {
        ynode *root;
        if (parse_document(&p, &root) < 0) { *err = p.err; rc = -1; break; }
        if (!root) break;
        sg_value v;
        if (decode(&d, root, &v) < 0) { *err = d.err; rc = -1; break; }
        if (d.bad_node) { *err = unsupported_key(d.bad_key, d.bad_val); rc = -1; break; }
        list_push(*docs, v);
        if (!all) break;
    }
    ylib_release(y);
    return rc;
}

static const char *wrap(const char *prefix, const char *e) { return sg_sprintf("%s%s", prefix, e); }

/* sigs.k8s.io/yaml's prefix for a YAML error; encoding/json's own errors (too deep) go bare. */
static const char *conv_err(const char *e)
{
    static const char json[] = "error unmarshaling JSON: ";
    if (strncmp(e, json, sizeof json - 1) == 0) return e;
    return wrap("error converting YAML to JSON: ", e);
}

int yamlio_load_all(const char *text, size_t len, sg_value *docs, const char **err)
{
    const char *e;
    if (yl_decode(text, len, true, docs, &e) < 0) {
        *err = conv_err(e);
        return -1;
    }
    for (size_t i = 0; i < list_len(*docs); i++) {
        if (json_normalize(&docs->u.l->items[i], &e) < 0) {
            *err = wrap("error converting YAML to JSON: ", e);
            return -1;
        }
    }
    return 0;
}

int yamlio_load(const char *text, size_t len, sg_value *out, const char **err)
{
    sg_value docs;
    const char *e;
    if (yl_decode(text, len, false, &docs, &e) < 0) {
        *err = conv_err(e);
        return -1;
    }
    sg_value v = list_len(docs) ? list_get(docs, 0) : sg_nil;
    if (json_normalize(&v, &e) < 0) {
        *err = wrap("error converting YAML to JSON: ", e);
        return -1;
    }
    *out = v;
    return 0;
}

/* Name of the JSON type of v as encoding/json's UnmarshalTypeError says it. */
const char *yl_json_kind(sg_value v)
{
    switch ((sg_kind)v.kind) {
    case VK_LIST: return "array";
    case VK_MAP: return "object";
    case VK_STRING: return "string";
    case VK_BOOL: return "bool";
    case VK_NIL: return "null";
    default: return "number";
    }
}

/* Recursive merge of src into dst (maps merged, everything else replaced). */
static void merge_values(sg_value dst, sg_value src)
{
    sg_mapent *e;
    for (size_t it = 0; map_next(src, &it, &e);) {
        sg_value cur;
        if (e->val.kind == VK_MAP && map_getn(dst, e->key, e->klen, &cur) && cur.kind == VK_MAP)
            merge_values(cur, e->val);
        else
            map_setn(dst, e->key, e->klen, e->val);
    }
}

/* k8s.io/apimachinery's YAMLReader over a LineReader, as Helm 4's LoadValues reads a file:
 * lines lose "\n"/"\r\n" and get "\n" back; a line starting with "---" ends a document
 * (only spaces or a comment may follow it).  Returns the chunks as a list of strings, or
 * NULL with *err set. */
static sg_value split_documents(const char *text, size_t len, const char **err)
{
    sg_value chunks = val_list(1);
    sg_buf cur;
    buf_init(&cur);
    size_t i = 0;
    while (i < len) {
        const char *nl = memchr(text + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - text) : len;
        size_t next = nl ? end + 1 : len;
        size_t l = end - i;
        if (nl && l > 0 && text[end - 1] == '\r') l--;
        const char *line = text + i;
        if (l >= 3 && line[0] == '-' && line[1] == '-' && line[2] == '-') {
            size_t a = 3, b = l;
            while (a < b && (line[a] == ' ' || line[a] == '\t' || line[a] == '\r' || line[a] == '\v' || line[a] == '\f')) a++;
            while (b > a && (line[b - 1] == ' ' || line[b - 1] == '\t' || line[b - 1] == '\r' || line[b - 1] == '\v' || line[b - 1] == '\f')) b--;
            if (b > a && line[a] != '#') {
                *err = sg_sprintf("error reading yaml document: invalid Yaml document separator: %.*s",
                                  (int)(b - a), line + a);
                return sg_nil;
            }
            if (cur.len) {
                list_push(chunks, val_str_nocopy(cur.p, cur.len));
                buf_init(&cur);
            }
            i = next;
            continue;
        }
        buf_put(&cur, line, l);
        buf_putc(&cur, '\n');
        i = next;
    }
    if (cur.len) list_push(chunks, val_str_nocopy(cur.p, cur.len));
    return chunks;
}

static const char *not_a_map(sg_value v)
{
    return sg_sprintf("error unmarshaling JSON: while decoding JSON: json: cannot unmarshal %s into "
                      "Go value of type map[string]interface {}", yl_json_kind(v));
}

int yamlio_load_values(const char *text, size_t len, sg_value *out, const char **err)
{
    const char *e;
    sg_value v;
    if (sg_helm_major < 4) {
        /* chartutil.ReadValues: yaml.Unmarshal of the whole file, first document only */
        if (yamlio_load(text, len, &v, &e) < 0) { *err = e; return -1; }
        if (v.kind == VK_NIL) v = val_map();
        if (v.kind != VK_MAP) { *err = not_a_map(v); return -1; }
        *out = v;
        return 0;
    }
    /* Helm 4 LoadValues: every document of the stream, merged (later wins) */
    sg_value chunks = split_documents(text, len, &e);
    if (chunks.kind == VK_NIL) { *err = e; return -1; }
    sg_value m = val_map();
    for (size_t i = 0; i < list_len(chunks); i++) {
        sg_value c = list_get(chunks, i);
        if (yamlio_load(c.u.s.p, c.u.s.n, &v, &e) < 0) {
            *err = wrap("cannot unmarshal yaml document: ", e);
            return -1;
        }
        if (v.kind == VK_NIL) continue;
        if (v.kind != VK_MAP) {
            *err = wrap("cannot unmarshal yaml document: ", not_a_map(v));
            return -1;
        }
        merge_values(m, v);
    }
    *out = m;
    return 0;
}
