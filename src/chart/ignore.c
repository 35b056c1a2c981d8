/* ignore.c - .helmignore rules (Helm's pkg/ignore/rules.go) on top of Go's
 * path/filepath.Match.
 *
 * Rules are evaluated in order; the first positive match ignores the path; a negated
 * rule (`!x`) ignores every path it does NOT match.  A trailing `/` restricts a rule to
 * directories; a leading `/` anchors it; a rule without `/` matches the base name only.
 */
#include "chart.h"
#include "../base/arena.h"
#include "../base/err.h"
#include <string.h>

typedef struct pattern {
    const char *rule;
    bool negate, must_dir;
    enum { M_ROOT, M_PATH, M_BASE } how;
} pattern;

struct sg_ignore {
    pattern *p;
    size_t n, cap;
};

/* ---- Go's filepath.Match ('/' separator) ---- */

static size_t rune_len(const char *s, size_t n)
{
    unsigned char c = (unsigned char)s[0];
    size_t l = c < 0x80 ? 1 : c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    return l > n ? 1 : l;
}

static unsigned rune_at(const char *s, size_t n, size_t *len)
{
    unsigned char c = (unsigned char)s[0];
    size_t l = rune_len(s, n);
    *len = l;
    if (l == 1) return c;
    unsigned r = c & (0xff >> (l + 1));
    for (size_t i = 1; i < l; i++) r = (r << 6) | ((unsigned char)s[i] & 0x3f);
    return r;
}

/* scanChunk: split off the leading run of stars and the chunk up to the next star. */
static void scan_chunk(const char **pat, size_t *plen, bool *star, const char **chunk, size_t *clen)
{
    const char *p = *pat;
    size_t n = *plen;
    *star = false;
    while (n > 0 && *p == '*') { p++; n--; *star = true; }
    bool inrange = false;
    size_t i;
    for (i = 0; i < n; i++) {
        char c = p[i];
        if (c == '\\') { if (i + 1 < n) i++; }
        else if (c == '[') inrange = true;
        else if (c == ']') inrange = false;
        else if (c == '*' && !inrange) break;
    }
    *chunk = p;
    *clen = i;
    *pat = p + i;
    *plen = n - i;
}

/* getEsc: one (possibly escaped) rune of a character class. -1 = bad pattern. */
static int get_esc(const char **c, size_t *n, unsigned *r)
{
    if (*n == 0 || **c == '-' || **c == ']') return -1;
    if (**c == '\\') {
        (*c)++; (*n)--;
        if (*n == 0) return -1;
    }
    size_t l;
    *r = rune_at(*c, *n, &l);
    *c += l; *n -= l;
    if (*n == 0) return -1;
    return 0;
}

/* matchChunk: chunk against the start of s. Returns 1 match (rest in *rest), 0 no,
 * -1 bad pattern. */
static int match_chunk(const char *c, size_t cn, const char *s, size_t sn, const char **rest, size_t *restn)
{
    bool failed = false;
    while (cn > 0) {
        if (!failed && sn == 0) failed = true;
        switch (*c) {
        case '[': {
            unsigned r = 0;
            size_t l = 0;
            if (!failed) { r = rune_at(s, sn, &l); s += l; sn -= l; }
            c++; cn--;
            bool negated = false;
            if (cn > 0 && *c == '^') { negated = true; c++; cn--; }
            bool match = false;
            int nrange = 0;
            for (;;) {
                if (cn > 0 && *c == ']' && nrange > 0) { c++; cn--; break; }
                unsigned lo, hi;
                if (get_esc(&c, &cn, &lo) < 0) return -1;
                hi = lo;
                if (*c == '-') {
                    c++; cn--;
                    if (get_esc(&c, &cn, &hi) < 0) return -1;
                }
                if (lo <= r && r <= hi) match = true;
                nrange++;
            }
            if (match == negated) failed = true;
            break;
        }
        case '?':
            if (!failed) {
                if (*s == '/') failed = true;
                size_t l;
                rune_at(s, sn, &l);
                s += l; sn -= l;
            }
            c++; cn--;
            break;
        case '\\':
            c++; cn--;
            if (cn == 0) return -1;
            /* fallthrough */
        default:
            if (!failed) {
                if (*c != *s) failed = true;
                else { s++; sn--; }
            }
            c++; cn--;
            break;
        }
    }
    if (failed) return 0;
    *rest = s;
    *restn = sn;
    return 1;
}

int ignore_fnmatch(const char *pat_, const char *name)
{
    const char *pat = pat_, *s = name;
    size_t pn = strlen(pat_), sn = strlen(name);
    while (pn > 0) {
        bool star;
        const char *chunk;
        size_t cn;
        scan_chunk(&pat, &pn, &star, &chunk, &cn);
        if (star && cn == 0) return memchr(s, '/', sn) == NULL;
        const char *t;
        size_t tn;
        int m = match_chunk(chunk, cn, s, sn, &t, &tn);
        if (m < 0) return -1;
        if (m == 1 && (tn == 0 || pn > 0)) { s = t; sn = tn; continue; }
        if (star) {
            bool found = false;
            for (size_t i = 0; i < sn && s[i] != '/'; i++) {
                m = match_chunk(chunk, cn, s + i + 1, sn - i - 1, &t, &tn);
                if (m < 0) return -1;
                if (m == 1) {
                    if (pn == 0 && tn > 0) continue;
                    s = t; sn = tn;
                    found = true;
                    break;
                }
            }
            if (found) continue;
        }
        /* Before returning false with no error, check that the rest of the pattern is
         * well-formed (Go 1.16+). */
        while (pn > 0) {
            scan_chunk(&pat, &pn, &star, &chunk, &cn);
            if (match_chunk(chunk, cn, "", 0, &t, &tn) < 0) return -1;
        }
        return 0;
    }
    return sn == 0;
}

/* ---- rules ---- */

static void trim(const char **s, size_t *n)
{
    while (*n > 0 && strchr(" \t\r\n\v\f", (*s)[0])) { (*s)++; (*n)--; }
    while (*n > 0 && strchr(" \t\r\n\v\f", (*s)[*n - 1])) (*n)--;
}

static void parse_rule(sg_ignore *ig, const char *line, size_t n)
{
    trim(&line, &n);
    if (n == 0 || line[0] == '#') return;
    char *rule = sg_strndup(line, n);
    if (strstr(rule, "**")) sg_throwf("double-star (**) syntax is not supported");
    if (ignore_fnmatch(rule, "abc") < 0) sg_throwf("syntax error in pattern");
    pattern p = { 0 };
    if (rule[0] == '!') { p.negate = true; rule++; }
    size_t len = strlen(rule);
    if (len > 0 && rule[len - 1] == '/') { p.must_dir = true; rule[--len] = 0; }
    if (rule[0] == '/') { p.how = M_ROOT; rule++; }
    else if (strchr(rule, '/')) p.how = M_PATH;
    else p.how = M_BASE;
    p.rule = rule;
    if (ig->n == ig->cap) {
        size_t cap = ig->cap ? ig->cap * 2 : 8;
        ig->p = sg_realloc(ig->p, ig->cap * sizeof *ig->p, cap * sizeof *ig->p);
        ig->cap = cap;
    }
    ig->p[ig->n++] = p;
}

sg_ignore *ignore_parse(const char *text, size_t len)
{
    sg_ignore *ig = sg_alloc(sizeof *ig);
    if (text) {
        if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) { text += 3; len -= 3; }
        size_t i = 0;
        while (i < len) {
            size_t j = i;
            while (j < len && text[j] != '\n') j++;
            size_t e = j;
            if (e > i && text[e - 1] == '\r') e--; /* bufio.ScanLines drops a \r */
            parse_rule(ig, text + i, e - i);
            i = j + 1;
        }
    }
    parse_rule(ig, "templates/.?*", 13); /* AddDefaults */
    return ig;
}

static const char *base_name(const char *p)
{
    /* filepath.Base: strip trailing slashes, then the last element */
    size_t n = strlen(p);
    while (n > 1 && p[n - 1] == '/') n--;
    size_t i = n;
    while (i > 0 && p[i - 1] != '/') i--;
    if (n == 0) return ".";
    return sg_strndup(p + i, n - i);
}

bool ignore_match(const sg_ignore *ig, const char *path, bool is_dir)
{
    if (!*path || !strcmp(path, ".") || !strcmp(path, "./")) return false;
    for (size_t i = 0; i < ig->n; i++) {
        const pattern *p = &ig->p[i];
        const char *subject = p->how == M_BASE ? base_name(path) : path;
        if (p->negate) {
            if (p->must_dir && !is_dir) return true;
            if (ignore_fnmatch(p->rule, subject) != 1) return true;
            continue;
        }
        if (p->must_dir && !is_dir) continue;
        if (ignore_fnmatch(p->rule, subject) == 1) return true;
    }
    return false;
}
