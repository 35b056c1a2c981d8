/* semver.c - Masterminds/semver versions and constraints (see semver.h): v3.4.0 as
 * Helm v4.1.4 links it, or v3.3.0 (Helm v3.17.3) when sg_helm_major is 3.
 *
 * Versions are parsed by hand: the loose regex NewVersion uses is deterministic.
 * Constraints go through PCRE2 with the very regexes Masterminds compiles (Go's \s is
 * spelled [\t\n\f\r ], `$` is end-only), because their leftmost-first matching decides
 * what counts as a constraint, and PCRE2's backtracking picks the same matches.
 * The compiled patterns and one match-data block live for the whole process (they are
 * not arena memory and nothing here can throw while they are in use).
 *
 * v3.3.0 differs only in: capitalised error texts, empty prerelease/metadata parts
 * accepted by the validators (reachable through StrictNewVersion and Set*), and the
 * prerelease rule of constraints (per constraint: a prerelease version only matches a
 * constraint that names a prerelease; `!=` applies it only to wildcard constraints),
 * where v3.4.0 decides per AND group.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "semver.h"
#include "../base/arena.h"
#include "../base/buf.h"
#include "../value/value.h"
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Masterminds v3.3.0 semantics (Helm 3) instead of v3.4.0. */
static bool old(void) { return sg_helm_major < 4; }

enum { E_INVALID, E_EMPTY, E_CHARS, E_ZERO, E_META, E_PRE };
static const char *const etext[2][6] = {
    { "invalid semantic version", "version string empty", "invalid characters in version",
      "version segment starts with 0", "invalid metadata string", "invalid prerelease string" },
    { "Invalid Semantic Version", "Version string empty", "Invalid characters in version",
      "Version segment starts with 0", "Invalid Metadata string", "Invalid Prerelease string" },
};
static const char *E(int code) { return etext[old()][code]; }

/* ---------------------------------------------------------------- versions */

static bool isdig(char c) { return c >= '0' && c <= '9'; }
static bool isident(char c)
{
    return isdig(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
}

/* strconv.ParseUint(s, 10, 64): 0 ok, 1 syntax error, 2 out of range. */
static int parse_uint(const char *s, size_t n, uint64_t *out)
{
    uint64_t v = 0;
    if (n == 0) return 1;
    for (size_t i = 0; i < n; i++) {
        if (!isdig(s[i])) return 1;
        unsigned d = (unsigned)(s[i] - '0');
        if (v > (UINT64_MAX - d) / 10) return 2;
        v = v * 10 + d;
    }
    *out = v;
    return 0;
}

/* Go's strconv error text for ParseUint of s (s holds no characters needing quotes
 * other than '"' and '\\', which we escape). */
static const char *parse_uint_error(const char *s, size_t n, int rc)
{
    sg_buf b;
    buf_init(&b);
    buf_puts(&b, "strconv.ParseUint: parsing \"");
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') { buf_putc(&b, '\\'); buf_putc(&b, (char)c); }
        else if (c < 0x20 || c == 0x7f) buf_printf(&b, "\\x%02x", c);
        else buf_putc(&b, (char)c);
    }
    buf_puts(&b, rc == 2 ? "\": value out of range" : "\": invalid syntax");
    return b.p;
}

static bool contains_only_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isdig(s[i])) return false;
    return true;
}

static bool contains_only_allowed(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isident(s[i])) return false;
    return true;
}

/* validatePrerelease: dot-separated, non-empty, no leading zero in numeric parts. */
static const char *validate_pre(const char *p, size_t n)
{
    size_t i = 0;
    for (;;) {
        size_t j = i;
        while (j < n && p[j] != '.') j++;
        size_t len = j - i;
        if (len == 0 && !old()) return E(E_PRE);
        if (contains_only_digits(p + i, len)) {
            if (len > 1 && p[i] == '0') return E(E_ZERO);
        } else if (!contains_only_allowed(p + i, len)) {
            return E(E_PRE);
        }
        if (j >= n) return NULL;
        i = j + 1;
    }
}

static const char *validate_meta(const char *p, size_t n)
{
    size_t i = 0;
    for (;;) {
        size_t j = i;
        while (j < n && p[j] != '.') j++;
        if ((j == i && !old()) || !contains_only_allowed(p + i, j - i)) return E(E_META);
        if (j >= n) return NULL;
        i = j + 1;
    }
}

/* Match `[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*` at s[i..]; returns the end, or i if none. */
static size_t scan_idents(const char *s, size_t n, size_t i)
{
    size_t j = i;
    if (j >= n || !isident(s[j])) return i;
    while (j < n && isident(s[j])) j++;
    while (j + 1 < n && s[j] == '.' && isident(s[j + 1])) {
        j++;
        while (j < n && isident(s[j])) j++;
    }
    return j;
}

static int segment(const char *s, size_t n, uint64_t *out, const char **err)
{
    int rc = parse_uint(s, n, out);
    if (rc) {
        *err = sg_sprintf("%s parsing version segment: %s", old() ? "Error" : "error",
                          parse_uint_error(s, n, rc));
        return -1;
    }
    return 0;
}

const char *semver_validate_prerelease(const char *s, size_t n) { return validate_pre(s, n); }
const char *semver_validate_metadata(const char *s, size_t n) { return validate_meta(s, n); }

int semver_parse(const char *s, size_t n, sg_semver *out, const char **err)
{
    /* looseSemVerRegex, anchored:
     * v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-(IDENTS))?(\+(IDENTS))? */
    size_t i = 0, ms, me, ns = 0, ne = 0, ps = 0, pe = 0, pres = 0, pree = 0, mets = 0, mete = 0;
    if (i < n && s[i] == 'v') i++;
    ms = i;
    while (i < n && isdig(s[i])) i++;
    me = i;
    if (me == ms) { *err = E(E_INVALID); return -1; }
    if (i + 1 < n && s[i] == '.' && isdig(s[i + 1])) {
        ns = ++i;
        while (i < n && isdig(s[i])) i++;
        ne = i;
        if (i + 1 < n && s[i] == '.' && isdig(s[i + 1])) {
            ps = ++i;
            while (i < n && isdig(s[i])) i++;
            pe = i;
        }
    }
    if (i < n && s[i] == '-') {
        size_t j = scan_idents(s, n, i + 1);
        if (j > i + 1) { pres = i + 1; pree = j; i = j; }
    }
    if (i < n && s[i] == '+') {
        size_t j = scan_idents(s, n, i + 1);
        if (j > i + 1) { mets = i + 1; mete = j; i = j; }
    }
    if (i != n) { *err = E(E_INVALID); return -1; }

    memset(out, 0, sizeof *out);
    out->original = sg_strndup(s, n);
    out->pre = sg_strndup(s + pres, pree - pres);
    out->metadata = sg_strndup(s + mets, mete - mets);
    if (segment(s + ms, me - ms, &out->major, err)) return -1;
    if (ne > ns && segment(s + ns, ne - ns, &out->minor, err)) return -1;
    if (pe > ps && segment(s + ps, pe - ps, &out->patch, err)) return -1;
    if (pree > pres && (*err = validate_pre(s + pres, pree - pres))) return -1;
    if (mete > mets && (*err = validate_meta(s + mets, mete - mets))) return -1;
    return 0;
}

int semver_parse_strict(const char *s, size_t n, sg_semver *out, const char **err)
{
    if (n == 0) { *err = E(E_EMPTY); return -1; }
    /* strings.SplitN(v, ".", 3) */
    const char *d1 = memchr(s, '.', n);
    if (!d1) { *err = E(E_INVALID); return -1; }
    const char *d2 = memchr(d1 + 1, '.', (size_t)(s + n - d1 - 1));
    if (!d2) { *err = E(E_INVALID); return -1; }
    const char *p[3] = { s, d1 + 1, d2 + 1 };
    size_t l[3] = { (size_t)(d1 - s), (size_t)(d2 - d1 - 1), (size_t)(s + n - d2 - 1) };

    memset(out, 0, sizeof *out);
    out->original = sg_strndup(s, n);
    out->pre = "";
    out->metadata = "";
    const char *plus = memchr(p[2], '+', l[2]);
    if (plus) {
        size_t ml = (size_t)(p[2] + l[2] - plus - 1);
        out->metadata = sg_strndup(plus + 1, ml);
        l[2] = (size_t)(plus - p[2]);
        if ((*err = validate_meta(plus + 1, ml))) return -1;
    }
    const char *dash = memchr(p[2], '-', l[2]);
    if (dash) {
        size_t pl = (size_t)(p[2] + l[2] - dash - 1);
        out->pre = sg_strndup(dash + 1, pl);
        l[2] = (size_t)(dash - p[2]);
        if ((*err = validate_pre(dash + 1, pl))) return -1;
    }
    for (int k = 0; k < 3; k++) {
        if (!contains_only_digits(p[k], l[k])) { *err = E(E_CHARS); return -1; }
        if (l[k] > 1 && p[k][0] == '0') { *err = E(E_ZERO); return -1; }
    }
    uint64_t *dst[3] = { &out->major, &out->minor, &out->patch };
    for (int k = 0; k < 3; k++) {
        int rc = parse_uint(p[k], l[k], dst[k]);
        if (rc) { *err = parse_uint_error(p[k], l[k], rc); return -1; }
    }
    return 0;
}

static int cmp_u64(uint64_t a, uint64_t b) { return a < b ? -1 : a > b; }

/* comparePrePart, quirks included (equal numbers spelled differently compare -1). */
static int compare_pre_part(const char *s, size_t sn, const char *o, size_t on)
{
    if (sn == on && memcmp(s, o, sn) == 0) return 0;
    if (sn == 0) return -1;
    if (on == 0) return 1;
    uint64_t si = 0, oi = 0;
    bool onum = parse_uint(o, on, &oi) == 0, snum = parse_uint(s, sn, &si) == 0;
    if (!onum && !snum) {
        size_t m = sn < on ? sn : on;
        int c = memcmp(s, o, m);
        bool gt = c > 0 || (c == 0 && sn > on);
        return gt ? 1 : -1;
    }
    if (!onum) return -1;
    if (!snum) return 1;
    return si > oi ? 1 : -1;
}

static size_t count_parts(const char *s)
{
    size_t k = 1;
    for (; *s; s++) k += *s == '.';
    return k;
}

/* The i-th dot-separated part of s ("" past the end). */
static const char *nth_part(const char *s, size_t i, size_t *len)
{
    while (i > 0) {
        const char *d = strchr(s, '.');
        if (!d) { *len = 0; return ""; }
        s = d + 1;
        i--;
    }
    const char *d = strchr(s, '.');
    *len = d ? (size_t)(d - s) : strlen(s);
    return s;
}

static int compare_pre(const char *a, const char *b)
{
    size_t na = count_parts(a), nb = count_parts(b), l = na > nb ? na : nb;
    for (size_t i = 0; i < l; i++) {
        size_t la = 0, lb = 0;
        const char *pa = i < na ? nth_part(a, i, &la) : "";
        const char *pb = i < nb ? nth_part(b, i, &lb) : "";
        int d = compare_pre_part(pa, la, pb, lb);
        if (d) return d;
    }
    return 0;
}

int semver_compare(const sg_semver *a, const sg_semver *b)
{
    int d;
    if ((d = cmp_u64(a->major, b->major))) return d;
    if ((d = cmp_u64(a->minor, b->minor))) return d;
    if ((d = cmp_u64(a->patch, b->patch))) return d;
    bool ap = a->pre && *a->pre, bp = b->pre && *b->pre;
    if (!ap && !bp) return 0;
    if (!ap) return 1;
    if (!bp) return -1;
    return compare_pre(a->pre, b->pre);
}

const char *semver_string(const sg_semver *v)
{
    sg_buf b;
    buf_init(&b);
    buf_printf(&b, "%llu.%llu.%llu", (unsigned long long)v->major,
               (unsigned long long)v->minor, (unsigned long long)v->patch);
    if (v->pre && *v->pre) buf_printf(&b, "-%s", v->pre);
    if (v->metadata && *v->metadata) buf_printf(&b, "+%s", v->metadata);
    return b.p;
}

/* ---------------------------------------------------------------- regexes */

#define WS "[\\t\\n\\f\\r ]"
#define OPS "=||!=|>|<|>=|=>|<=|=<|~|~>|\\^"
#define CV "v?([0-9|x|X|\\*]+)(\\.[0-9|x|X|\\*]+)?(\\.[0-9|x|X|\\*]+)?" \
           "(-([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?" \
           "(\\+([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?"

enum { RX_CONSTRAINT, RX_RANGE, RX_FIND, RX_VALID, RX_N };
static const char *const rx_src[RX_N] = {
    "^" WS "*(" OPS ")" WS "*(" CV ")" WS "*$",
    WS "*(" CV ")" WS "+-" WS "+(" CV ")" WS "*",
    "(" OPS ")" WS "*(" CV ")",
    "^(" WS "*(" OPS ")" WS "*(" CV ")" WS "*)((?:" WS "+|," WS "*)(" OPS ")" WS "*(" CV ")" WS "*)*$",
};
static pcre2_code *rx[RX_N];
static pcre2_match_data *md;
/* Backtracking bound: pathological constraint strings ("1  1  1 ... !") fail quickly
 * instead of taking exponential time; RE2 (Go) is linear, and such strings are invalid
 * there too. */
static pcre2_match_context *mctx;

#define MAXG 24 /* capture groups we read, +1 */

typedef struct match {
    size_t ov[2 * MAXG];
    const char *s;
} match;

static void rx_init(void)
{
    if (md) return;
    for (int i = 0; i < RX_N; i++) {
        int ec;
        PCRE2_SIZE eo;
        rx[i] = pcre2_compile((PCRE2_SPTR)rx_src[i], PCRE2_ZERO_TERMINATED,
                              PCRE2_DOLLAR_ENDONLY, &ec, &eo, NULL);
        if (!rx[i]) {
            fprintf(stderr, "sparkgen: internal error: semver regex %d does not compile\n", i);
            abort();
        }
    }
    md = pcre2_match_data_create(MAXG, NULL);
    mctx = pcre2_match_context_create(NULL);
    if (!md || !mctx) { fprintf(stderr, "sparkgen: out of memory\n"); abort(); }
    pcre2_set_match_limit(mctx, 200000);
}

/* Run regex r on s[0..n) from `start`; on success copy the offsets into *m. */
static bool rx_match(int r, const char *s, size_t n, size_t start, match *m)
{
    rx_init();
    int rc = pcre2_match(rx[r], (PCRE2_SPTR)s, n, start, 0, md, mctx);
    if (rc < 0) return false;
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
    uint32_t cnt = pcre2_get_ovector_count(md);
    for (uint32_t i = 0; i < MAXG; i++) {
        if (i < cnt && i < (uint32_t)rc && ov[2 * i] != PCRE2_UNSET) {
            m->ov[2 * i] = ov[2 * i];
            m->ov[2 * i + 1] = ov[2 * i + 1];
        } else {
            m->ov[2 * i] = m->ov[2 * i + 1] = 0; /* unmatched group: "" as in Go */
        }
    }
    m->s = s;
    return true;
}

static size_t glen(const match *m, int g) { return m->ov[2 * g + 1] - m->ov[2 * g]; }
static const char *gptr(const match *m, int g) { return m->s + m->ov[2 * g]; }
static char *gdup(const match *m, int g) { return sg_strndup(gptr(m, g), glen(m, g)); }

/* ---------------------------------------------------------------- constraints */

typedef enum op { OP_TILDE_OR_EQ, OP_NE, OP_GT, OP_LT, OP_GE, OP_LE, OP_TILDE, OP_CARET } op;

typedef struct constraint {
    sg_semver con;
    const char *orig;      /* the version text, e.g. "4.x" */
    const char *origfunc;  /* the operator as written */
    op fn;
    bool minor_dirty, dirty, patch_dirty;
} constraint;

typedef struct group {
    constraint *c;
    size_t n;
    bool has_pre;
} group;

struct sg_semver_constraints {
    group *g;
    size_t n;
};

static op op_of(const char *s)
{
    if (!*s || !strcmp(s, "=")) return OP_TILDE_OR_EQ;
    if (!strcmp(s, "!=")) return OP_NE;
    if (!strcmp(s, ">")) return OP_GT;
    if (!strcmp(s, "<")) return OP_LT;
    if (!strcmp(s, ">=") || !strcmp(s, "=>")) return OP_GE;
    if (!strcmp(s, "<=") || !strcmp(s, "=<")) return OP_LE;
    if (!strcmp(s, "~") || !strcmp(s, "~>")) return OP_TILDE;
    return OP_CARET;
}

static bool is_x(const char *s, size_t n)
{
    return n == 1 && (*s == 'x' || *s == 'X' || *s == '*');
}

/* TrimPrefix(".", group g) */
static void trim_dot(const match *m, int g, const char **p, size_t *n)
{
    *p = gptr(m, g);
    *n = glen(m, g);
    if (*n && **p == '.') { (*p)++; (*n)--; }
}

/* parseConstraint(c) for a non-empty c. */
static int parse_one(const char *c, size_t n, constraint *out, const char **err)
{
    match m;
    if (!rx_match(RX_CONSTRAINT, c, n, 0, &m)) {
        *err = sg_sprintf("improper constraint: %.*s", (int)n, c);
        return -1;
    }
    memset(out, 0, sizeof *out);
    out->orig = gdup(&m, 2);
    out->origfunc = gdup(&m, 1);
    out->fn = op_of(out->origfunc);
    const char *ver = out->orig, *mp, *pp;
    size_t mpn, ppn;
    trim_dot(&m, 4, &mp, &mpn);
    trim_dot(&m, 5, &pp, &ppn);
    if (is_x(gptr(&m, 3), glen(&m, 3)) || glen(&m, 3) == 0) {
        ver = sg_sprintf("0.0.0%s", gdup(&m, 6));
        out->dirty = true;
    } else if (is_x(mp, mpn) || glen(&m, 4) == 0) {
        out->minor_dirty = out->dirty = true;
        ver = sg_sprintf("%s.0.0%s", gdup(&m, 3), gdup(&m, 6));
    } else if (is_x(pp, ppn) || glen(&m, 5) == 0) {
        out->dirty = out->patch_dirty = true;
        ver = sg_sprintf("%s%s.0%s", gdup(&m, 3), gdup(&m, 4), gdup(&m, 6));
    }
    const char *verr;
    if (semver_parse(ver, strlen(ver), &out->con, &verr)) {
        *err = old() ? "constraint Parser Error" : "constraint parser error";
        return -1;
    }
    return 0;
}

/* rewriteRange: "A - B" becomes ">= A, <= B " (first occurrence of each match text). */
static const char *rewrite_range(const char *s, size_t n)
{
    /* collect all matches on the original text first, as FindAllStringSubmatch does */
    typedef struct rr { const char *all, *a, *b; size_t alln; } rr;
    rr *list = NULL;
    size_t cnt = 0, cap = 0, pos = 0;
    match m;
    while (pos <= n && rx_match(RX_RANGE, s, n, pos, &m)) {
        if (cnt == cap) {
            size_t nc = cap ? cap * 2 : 4;
            list = sg_realloc(list, cap * sizeof *list, nc * sizeof *list);
            cap = nc;
        }
        list[cnt].all = gdup(&m, 0);
        list[cnt].alln = glen(&m, 0);
        list[cnt].a = gdup(&m, 1);
        list[cnt].b = gdup(&m, 11);
        cnt++;
        pos = m.ov[1] > m.ov[0] ? m.ov[1] : m.ov[1] + 1;
    }
    char *o = sg_strndup(s, n);
    for (size_t i = 0; i < cnt; i++) {
        char *hit = list[i].alln ? strstr(o, list[i].all) : o;
        if (!hit) continue;
        char *t = sg_sprintf(">= %s, <= %s ", list[i].a, list[i].b);
        o = sg_sprintf("%.*s%s%s", (int)(hit - o), o, t, hit + list[i].alln);
    }
    return o;
}

sg_semver_constraints *semver_constraint_parse(const char *s, size_t n, const char **err)
{
    if (memchr(s, 0, n)) { /* Go strings may hold NUL; no constraint regex accepts it */
        *err = sg_sprintf("improper constraint: %.*s", (int)n, s);
        /* Go prints the whole segment including the NUL; close enough for a C string */
        return NULL;
    }
    const char *c = rewrite_range(s, n);
    size_t cn = strlen(c);
    sg_semver_constraints *cs = sg_alloc(sizeof *cs);
    /* strings.Split(c, "||") */
    size_t ng = 1;
    for (const char *p = c; (p = strstr(p, "||")); p += 2) ng++;
    cs->g = sg_alloc(ng * sizeof *cs->g);
    cs->n = ng;
    const char *seg = c;
    for (size_t k = 0; k < ng; k++) {
        const char *end = strstr(seg, "||");
        size_t sl = end ? (size_t)(end - seg) : (size_t)(c + cn - seg);
        match m;
        if (!rx_match(RX_VALID, seg, sl, 0, &m)) {
            *err = sg_sprintf("improper constraint: %.*s", (int)sl, seg);
            return NULL;
        }
        group *g = &cs->g[k];
        size_t cap = 0, pos = 0;
        while (pos <= sl && rx_match(RX_FIND, seg, sl, pos, &m)) {
            if (g->n == cap) {
                size_t nc = cap ? cap * 2 : 4;
                g->c = sg_realloc(g->c, cap * sizeof *g->c, nc * sizeof *g->c);
                cap = nc;
            }
            if (parse_one(gptr(&m, 0), glen(&m, 0), &g->c[g->n], err)) return NULL;
            if (*g->c[g->n].con.pre) g->has_pre = true;
            g->n++;
            pos = m.ov[1] > m.ov[0] ? m.ov[1] : m.ov[1] + 1;
        }
        if (g->n == 0) {
            /* cs == nil: the whole segment is parsed (the empty string means ">=0.0.0") */
            g->c = sg_alloc(sizeof *g->c);
            if (sl) {
                if (parse_one(seg, sl, &g->c[0], err)) return NULL;
            } else {
                constraint *x = &g->c[0];
                memset(x, 0, sizeof *x);
                semver_parse_strict("0.0.0", 5, &x->con, err);
                x->orig = "";
                x->origfunc = "";
                x->dirty = true;
            }
            if (*g->c[0].con.pre) g->has_pre = true;
            g->n = 1;
        }
        seg = end ? end + 2 : c + cn;
    }
    return cs;
}

/* ---------------------------------------------------------------- checks */

static bool has_pre(const sg_semver *v) { return v->pre && *v->pre; }

static bool c_tilde(const sg_semver *v, const constraint *c, bool inc)
{
    if (has_pre(v) && !inc) return false;
    if (semver_compare(v, &c->con) < 0) return false;
    if (c->con.major == 0 && c->con.minor == 0 && c->con.patch == 0 && !c->minor_dirty &&
        !c->patch_dirty)
        return true;
    if (v->major != c->con.major) return false;
    if (v->minor != c->con.minor && !c->minor_dirty) return false;
    return true;
}

static bool c_check(const constraint *c, const sg_semver *v, bool inc)
{
    /* every operator starts with the prerelease rule (v3.3.0: `!=` only when dirty) */
    if (has_pre(v) && !inc && (c->fn != OP_NE || c->dirty || !old())) return false;
    switch (c->fn) {
    case OP_TILDE_OR_EQ:
        if (c->dirty) return c_tilde(v, c, inc);
        return semver_compare(v, &c->con) == 0;
    case OP_NE:
        if (c->dirty) {
            if (c->con.major != v->major) return true;
            if (c->con.minor != v->minor && !c->minor_dirty) return true;
            else if (c->minor_dirty) return false;
            else if (c->con.patch != v->patch && !c->patch_dirty) return true;
            else if (c->patch_dirty) {
                if (has_pre(v) || has_pre(&c->con))
                    return compare_pre(v->pre, c->con.pre) != 0;
                return false;
            }
        }
        return semver_compare(v, &c->con) != 0;
    case OP_GT:
        if (!c->dirty) return semver_compare(v, &c->con) == 1;
        if (v->major > c->con.major) return true;
        if (v->major < c->con.major) return false;
        if (c->minor_dirty) return false;
        if (c->patch_dirty) return v->minor > c->con.minor;
        return semver_compare(v, &c->con) == 1;
    case OP_LT: return semver_compare(v, &c->con) < 0;
    case OP_GE: return semver_compare(v, &c->con) >= 0;
    case OP_LE:
        if (!c->dirty) return semver_compare(v, &c->con) <= 0;
        if (v->major > c->con.major) return false;
        if (v->major == c->con.major && v->minor > c->con.minor && !c->minor_dirty) return false;
        return true;
    case OP_TILDE: return c_tilde(v, c, inc);
    case OP_CARET:
        if (semver_compare(v, &c->con) < 0) return false;
        if (c->con.major > 0 || c->minor_dirty) return v->major == c->con.major;
        if (c->con.major == 0 && v->major > 0) return false;
        if (c->con.minor > 0 || c->patch_dirty) return v->minor == c->con.minor;
        if (c->con.minor == 0 && v->minor > 0) return false;
        return c->con.patch == v->patch;
    }
    return false;
}

bool semver_check(const sg_semver_constraints *cs, const sg_semver *v)
{
    for (size_t i = 0; i < cs->n; i++) {
        bool joy = true;
        for (size_t k = 0; k < cs->g[i].n && joy; k++)
            if (!c_check(&cs->g[i].c[k], v, old() ? has_pre(&cs->g[i].c[k].con) : cs->g[i].has_pre))
                joy = false;
        if (joy) return true;
    }
    return false;
}

const char *semver_constraint_string(const sg_semver_constraints *cs)
{
    sg_buf b;
    buf_init(&b);
    for (size_t i = 0; i < cs->n; i++) {
        if (i) buf_puts(&b, " || ");
        for (size_t k = 0; k < cs->g[i].n; k++) {
            if (k) buf_putc(&b, ' ');
            buf_puts(&b, cs->g[i].c[k].origfunc);
            buf_puts(&b, cs->g[i].c[k].orig);
        }
    }
    return b.p;
}

int semver_satisfies(const char *cons, const char *version, bool *ok, const char **err)
{
    sg_semver_constraints *c = semver_constraint_parse(cons, strlen(cons), err);
    if (!c) return -1;
    sg_semver v;
    if (semver_parse(version, strlen(version), &v, err)) return -1;
    *ok = semver_check(c, &v);
    return 0;
}
