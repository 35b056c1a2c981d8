/* regex.c - Go regexp on PCRE2: RE2 syntax checked and translated as Go's regexp/syntax
 * parses it (Go 1.25, Perl flags), plus Go's match iteration (FindAll, ReplaceAll,
 * Split, Expand) and QuoteMeta.
 *
 * The translation emits an explicit PCRE2 pattern that never relies on PCRE2's own
 * option semantics: every literal is \x{..}; case folding wraps each atom in (?i:..);
 * `.`, ^, $, \d, \s, \w and POSIX classes become Go's exact (ASCII) sets; every capture
 * is a plain ( ... ) and names are kept here, since Go allows names PCRE2 refuses.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "regex.h"
#include "../base/arena.h"
#include "../base/err.h"
#include "../value/gofmt.h"
#include "../value/gounicode.h"
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct sg_regex {
    pcre2_code *code;
    pcre2_match_data *md;
    int ncap;
    const char **names;    /* [0..ncap], "" when unnamed */
    char *pat;             /* Go pattern (cache key), malloc'd */
    size_t patn;
    struct sg_regex *next; /* cache list */
    struct sg_regex **prevp;
};

static struct sg_regex *cache;

enum { F_FOLD = 1, F_DOTNL = 2, F_ONELINE = 4, F_NONGREEDY = 8 };

#define MAXREPEAT 1000

typedef struct group {
    unsigned flags;    /* flags at the '(' (restored at ')') */
    size_t out_start;  /* start of the group in the output */
    long need;         /* max repeat need inside */
    bool pseudo_only;  /* flags-only: never (never pushed) */
} group;

typedef struct tr {
    const char *s;       /* whole pattern */
    size_t n;
    size_t i;            /* current position */
    sg_buf out;
    unsigned flags;
    int ncap;
    sg_buf names;        /* names as NUL-separated list, index = capture number */
    const char **namev;
    size_t namecap;
    group *st;
    size_t nst, capst;
    long atom;           /* output offset of the last atom of the concatenation, -1 none */
    long atom_need;
    long need;           /* current group's max need */
    const char *err;     /* Go error text */
} tr;

/* ---------------------------------------------------------------- errors */

static void seterr(tr *t, const char *code, const char *expr, size_t en)
{
    if (t->err) return;
    sg_buf b;
    buf_init(&b);
    buf_puts(&b, "error parsing regexp: ");
    buf_puts(&b, code);
    buf_puts(&b, ": `");
    buf_put(&b, expr, en);
    buf_putc(&b, '`');
    t->err = b.p;
}

#define E_CLASS "invalid character class"
#define E_RANGE "invalid character class range"
#define E_ESC "invalid escape sequence"
#define E_NAMED "invalid named capture"
#define E_PERL "invalid or unsupported Perl syntax"
#define E_REPOP "invalid nested repetition operator"
#define E_REPSIZE "invalid repeat count"
#define E_UTF8 "invalid UTF-8"
#define E_BRACKET "missing closing ]"
#define E_PAREN "missing closing )"
#define E_REPARG "missing argument to repetition operator"
#define E_TRAIL "trailing backslash at end of expression"
#define E_UNPAREN "unexpected )"
#define E_DEPTH "expression nests too deeply"

/* nextRune: decode at position i; false (and ErrInvalidUTF8 with the rest) if invalid. */
static bool next_rune(tr *t, size_t *i, int32_t *r)
{
    int w = gofmt_decode_rune(t->s + *i, t->n - *i, r);
    if (w == 0) { *r = 0xFFFD; return true; } /* at end: RuneError, width 0 */
    if (*r == 0xFFFD && w == 1) {
        seterr(t, E_UTF8, t->s + *i, t->n - *i);
        return false;
    }
    *i += (size_t)w;
    return true;
}

static bool check_utf8(tr *t, size_t a, size_t b)
{
    for (size_t i = a; i < b;) {
        int32_t r;
        int w = gofmt_decode_rune(t->s + i, b - i, &r);
        if (r == 0xFFFD && w == 1) { seterr(t, E_UTF8, t->s + i, t->n - i); return false; }
        i += (size_t)w;
    }
    return true;
}

/* ---------------------------------------------------------------- output */

static void put_cp(sg_buf *b, int32_t c)
{
    if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) buf_putc(b, (char)c);
    else buf_printf(b, "\\x{%x}", (unsigned)c);
}

static void put_range(sg_buf *b, int32_t lo, int32_t hi)
{
    put_cp(b, lo);
    if (hi != lo) {
        buf_putc(b, '-');
        put_cp(b, hi);
    }
}

/* Start an atom: records where it begins in the output. */
static void atom_begin(tr *t)
{
    t->atom = (long)t->out.len;
    t->atom_need = 0;
}

/* Emit a complete atom, wrapped for case folding when asked. */
static void emit_atom(tr *t, const char *pcre, bool foldable)
{
    atom_begin(t);
    if (foldable && (t->flags & F_FOLD)) {
        buf_puts(&t->out, "(?i:");
        buf_puts(&t->out, pcre);
        buf_putc(&t->out, ')');
    } else {
        buf_puts(&t->out, pcre);
    }
}

static void emit_literal(tr *t, int32_t c)
{
    sg_buf b;
    buf_init(&b);
    put_cp(&b, c);
    emit_atom(t, b.p, true);
}

/* ---------------------------------------------------------------- classes */

typedef struct cgroup { const char *name; const char *ranges; } cgroup;

/* Ranges as pairs of bytes lo,hi (ASCII only). */
static const cgroup perl_groups[] = {
    { "d", "09" },
    { "s", "\t\n\f\f\r\r  " },
    { "w", "09AZ__az" },
};
static const cgroup posix_groups[] = {
    { "alnum", "09AZaz" },
    { "alpha", "AZaz" },
    { "ascii", "\x01\x7f" }, /* NUL handled specially (lo 0) */
    { "blank", "\t\t  " },
    { "cntrl", "\x01\x1f\x7f\x7f" },
    { "digit", "09" },
    { "graph", "!~" },
    { "lower", "az" },
    { "print", " ~" },
    { "punct", "!/:@[`{~" },
    { "space", "\t\r  " },
    { "upper", "AZ" },
    { "word", "09AZ__az" },
    { "xdigit", "09AFaf" },
};

/* Append an ASCII group (positive or negated) as class items. `nul` adds U+0000 (ascii,
 * cntrl start at 0).  With `fold`, a negated group is the complement of the case-folded
 * group, as Go's appendGroup computes it (so (?i)\W excludes U+017F and U+212A). */
static void put_group(sg_buf *b, const char *rg, bool nul, bool neg, bool fold)
{
    size_t n = strlen(rg);
    if (!neg) {
        if (nul) put_range(b, 0, 0);
        for (size_t k = 0; k < n; k += 2) put_range(b, (unsigned char)rg[k], (unsigned char)rg[k + 1]);
        return;
    }
    /* membership bitmap of the (folded) ASCII set, plus the two non-ASCII folds */
    bool in[128] = { false };
    bool long_s = false, kelvin = false;
    if (nul) in[0] = true;
    for (size_t k = 0; k < n; k += 2)
        for (int c = (unsigned char)rg[k]; c <= (unsigned char)rg[k + 1]; c++) in[c] = true;
    if (fold) {
        for (int c = 'A'; c <= 'Z'; c++)
            if (in[c] || in[c + 32]) in[c] = in[c + 32] = true;
        long_s = in['s'];
        kelvin = in['k'];
    }
    int32_t next = 0;
    for (int32_t c = 0; c < 128; c++) {
        if (!in[c]) continue;
        if (next <= c - 1) put_range(b, next, c - 1);
        next = c + 1;
    }
    int32_t extra[2] = { long_s ? 0x17F : -1, kelvin ? 0x212A : -1 };
    for (int k = 0; k < 2; k++) {
        if (extra[k] < 0) continue;
        if (next <= extra[k] - 1) put_range(b, next, extra[k] - 1);
        next = extra[k] + 1;
    }
    put_range(b, next, 0x10FFFF);
}

static bool perl_class(const char *p, size_t n, sg_buf *b, bool fold)
{
    if (n < 2 || p[0] != '\\') return false;
    char c = p[1];
    char lc = (char)(c | 0x20);
    for (size_t k = 0; k < sizeof perl_groups / sizeof perl_groups[0]; k++) {
        if (perl_groups[k].name[0] == lc && (c == lc || c == (char)(lc - 32))) {
            put_group(b, perl_groups[k].ranges, false, c != lc, fold);
            return true;
        }
    }
    return false;
}

/* Go's canonicalName. */
static void canonical(const char *s, size_t n, sg_buf *b)
{
    bool first = true;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '_' || c == '-' || c == ' ') continue;
        if (first) {
            if (c >= 'a' && c <= 'z') c = (char)(c - 32);
            first = false;
        } else if (c >= 'A' && c <= 'Z') {
            c = (char)(c + 32);
        }
        buf_putc(b, c);
    }
}

static const char *const go_categories[] = {
    "C", "Cc", "Cf", "Cn", "Co", "Cs", "L", "Ll", "Lm", "Lo", "Lt", "Lu", "M", "Mc", "Me", "Mn",
    "N", "Nd", "Nl", "No", "P", "Pc", "Pd", "Pe", "Pf", "Pi", "Po", "Ps", "S", "Sc", "Sk", "Sm",
    "So", "Z", "Zl", "Zp", "Zs", NULL,
};
/* Go's script names that survive canonicalName (Go 1.25 looks scripts up by the canonical
 * name, so Old_Italic or SignWriting are not found). */
static const char *const go_scripts[] = {
    "Adlam", "Ahom", "Arabic", "Armenian", "Avestan", "Balinese", "Bamum", "Batak", "Bengali",
    "Bhaiksuki", "Bopomofo", "Brahmi", "Braille", "Buginese", "Buhid", "Carian", "Chakma",
    "Cham", "Cherokee", "Chorasmian", "Common", "Coptic", "Cuneiform", "Cypriot", "Cyrillic",
    "Deseret", "Devanagari", "Dogra", "Duployan", "Elbasan", "Elymaic", "Ethiopic", "Georgian",
    "Glagolitic", "Gothic", "Grantha", "Greek", "Gujarati", "Gurmukhi", "Han", "Hangul",
    "Hanunoo", "Hatran", "Hebrew", "Hiragana", "Inherited", "Javanese", "Kaithi", "Kannada",
    "Katakana", "Kawi", "Kharoshthi", "Khmer", "Khojki", "Khudawadi", "Lao", "Latin", "Lepcha",
    "Limbu", "Lisu", "Lycian", "Lydian", "Mahajani", "Makasar", "Malayalam", "Mandaic",
    "Manichaean", "Marchen", "Medefaidrin", "Miao", "Modi", "Mongolian", "Mro", "Multani",
    "Myanmar", "Nabataean", "Nandinagari", "Newa", "Nko", "Nushu", "Ogham", "Oriya", "Osage",
    "Osmanya", "Palmyrene", "Phoenician", "Rejang", "Runic", "Samaritan", "Saurashtra",
    "Sharada", "Shavian", "Siddham", "Sinhala", "Sogdian", "Soyombo", "Sundanese", "Syriac",
    "Tagalog", "Tagbanwa", "Takri", "Tamil", "Tangsa", "Tangut", "Telugu", "Thaana", "Thai",
    "Tibetan", "Tifinagh", "Tirhuta", "Toto", "Ugaritic", "Vai", "Vithkuqi", "Wancho",
    "Yezidi", "Yi", NULL,
};
static const char *const go_aliases[][2] = {
    { "Casedletter", "L&" }, { "Closepunctuation", "Pe" }, { "Combiningmark", "M" },
    { "Connectorpunctuation", "Pc" }, { "Control", "Cc" }, { "Currencysymbol", "Sc" },
    { "Dashpunctuation", "Pd" }, { "Decimalnumber", "Nd" }, { "Enclosingmark", "Me" },
    { "Finalpunctuation", "Pf" }, { "Format", "Cf" }, { "Initialpunctuation", "Pi" },
    { "Letter", "L" }, { "Letternumber", "Nl" }, { "Lineseparator", "Zl" },
    { "Lowercaseletter", "Ll" }, { "Mark", "M" }, { "Mathsymbol", "Sm" },
    { "Modifierletter", "Lm" }, { "Modifiersymbol", "Sk" }, { "Nonspacingmark", "Mn" },
    { "Number", "N" }, { "Openpunctuation", "Ps" }, { "Other", "C" }, { "Otherletter", "Lo" },
    { "Othernumber", "No" }, { "Otherpunctuation", "Po" }, { "Othersymbol", "So" },
    { "Paragraphseparator", "Zp" }, { "Privateuse", "Co" }, { "Punctuation", "P" },
    { "Separator", "Z" }, { "Spaceseparator", "Zs" }, { "Spacingmark", "Mc" },
    { "Surrogate", "Cs" }, { "Symbol", "S" }, { "Titlecaseletter", "Lt" },
    { "Unassigned", "Cn" }, { "Uppercaseletter", "Lu" }, { "Cntrl", "Cc" }, { "Digit", "Nd" },
    { "Punct", "P" }, { NULL, NULL },
};

/* A script as class items.  PCRE2 10.42 predates Unicode 15's Kawi and Nag Mundari, so
 * those are written out as their code point ranges. */
static void script_items(sg_buf *b, const char *name, bool neg)
{
    static const struct { const char *name; int32_t r[8]; } extra[] = {
        { "Kawi", { 0x11F00, 0x11F10, 0x11F12, 0x11F3A, 0x11F3E, 0x11F59, -1 } },
        { "Nag_Mundari", { 0x1E4D0, 0x1E4F9, -1 } },
    };
    for (size_t i = 0; i < sizeof extra / sizeof extra[0]; i++) {
        if (strcmp(extra[i].name, name)) continue;
        const int32_t *r = extra[i].r;
        if (!neg) {
            for (int k = 0; r[k] >= 0; k += 2) put_range(b, r[k], r[k + 1]);
            return;
        }
        int32_t next = 0;
        for (int k = 0; r[k] >= 0; k += 2) {
            if (next <= r[k] - 1) put_range(b, next, r[k] - 1);
            next = r[k + 1] + 1;
        }
        put_range(b, next, 0x10FFFF);
        return;
    }
    buf_printf(b, "%s{sc:%s}", neg ? "\\P" : "\\p", name);
}

/* Go 1.23 (helm v3.17.3) looked names up exactly: "Any", unicode.Categories (no Cn, no
 * LC) and unicode.Scripts with their underscores. */
static const char *const go123_scripts[] = {
    "Anatolian_Hieroglyphs", "Bassa_Vah", "Canadian_Aboriginal", "Caucasian_Albanian",
    "Cypro_Minoan", "Dives_Akuru", "Egyptian_Hieroglyphs", "Gunjala_Gondi", "Hanifi_Rohingya",
    "Imperial_Aramaic", "Inscriptional_Pahlavi", "Inscriptional_Parthian", "Kayah_Li",
    "Khitan_Small_Script", "Linear_A", "Linear_B", "Masaram_Gondi", "Meetei_Mayek",
    "Mende_Kikakui", "Meroitic_Cursive", "Meroitic_Hieroglyphs", "Nag_Mundari", "New_Tai_Lue",
    "Nyiakeng_Puachue_Hmong", "Ol_Chiki", "Old_Hungarian", "Old_Italic", "Old_North_Arabian",
    "Old_Permic", "Old_Persian", "Old_Sogdian", "Old_South_Arabian", "Old_Turkic", "Old_Uyghur",
    "Pahawh_Hmong", "Pau_Cin_Hau", "Phags_Pa", "Psalter_Pahlavi", "SignWriting", "Sora_Sompeng",
    "Syloti_Nagri", "Tai_Le", "Tai_Tham", "Tai_Viet", "Warang_Citi", "Zanabazar_Square", NULL,
};

static bool unicode_items_go123(const char *name, size_t n, bool neg, sg_buf *b)
{
    char *c = sg_strndup(name, n);
    if (!strcmp(c, "Any")) {
        if (!neg) put_range(b, 0, 0x10FFFF);
        else buf_puts(b, "\\P{Any}");
        return true;
    }
    const char *pp = neg ? "\\P" : "\\p";
    for (int k = 0; go_categories[k]; k++) {
        if (strcmp(c, go_categories[k]) || !strcmp(c, "Cn")) continue;
        if (!strcmp(c, "C")) {
            if (!neg) buf_puts(b, "\\p{Cc}\\p{Cf}\\p{Co}\\p{Cs}");
            else buf_puts(b, "\\P{C}\\p{Cn}");
        } else {
            buf_printf(b, "%s{%s}", pp, c);
        }
        return true;
    }
    bool found = false;
    for (int k = 0; !found && go_scripts[k]; k++) found = !strcmp(c, go_scripts[k]);
    for (int k = 0; !found && go123_scripts[k]; k++) found = !strcmp(c, go123_scripts[k]);
    if (!found) return false;
    script_items(b, c, neg);
    return true;
}

/* Class items (inside [...]) for a Unicode table; false if Go has no such table. */
static bool unicode_items(const char *name, size_t n, bool neg, sg_buf *b)
{
    if (sg_helm_major < 4) return unicode_items_go123(name, n, neg, b);
    sg_buf cn;
    buf_init(&cn);
    canonical(name, n, &cn);
    const char *c = cn.p;
    const char *cat = NULL, *script = NULL;
    if (!strcmp(c, "Any")) {
        if (!neg) put_range(b, 0, 0x10FFFF);
        else buf_puts(b, "\\P{Any}");
        return true;
    }
    if (!strcmp(c, "Assigned")) { cat = "Cn"; neg = !neg; }
    else if (!strcmp(c, "Ascii")) {
        if (!neg) put_range(b, 0, 0x7F);
        else put_range(b, 0x80, 0x10FFFF);
        return true;
    } else if (!strcmp(c, "Lc")) cat = "L&";
    for (int k = 0; !cat && go_categories[k]; k++)
        if (!strcmp(c, go_categories[k])) cat = go_categories[k];
    for (int k = 0; !cat && !script && go_scripts[k]; k++)
        if (!strcmp(c, go_scripts[k])) script = go_scripts[k];
    for (int k = 0; !cat && !script && go_aliases[k][0]; k++)
        if (!strcmp(c, go_aliases[k][0])) cat = go_aliases[k][1];
    if (!cat && !script) return false;
    const char *pp = neg ? "\\P" : "\\p";
    if (script) script_items(b, script, neg);
    else if (!strcmp(cat, "C")) {
        /* Go's C (Other) is Cc|Cf|Co|Cs: no unassigned code points */
        if (!neg) buf_puts(b, "\\p{Cc}\\p{Cf}\\p{Co}\\p{Cs}");
        else buf_puts(b, "\\P{C}\\p{Cn}");
    } else buf_printf(b, "%s{%s}", pp, cat);
    return true;
}

/* parseUnicodeClass at t->i (which is at '\\' followed by p/P).  Appends class items to b
 * and advances; false on error. */
static bool parse_unicode(tr *t, sg_buf *b)
{
    size_t start = t->i;
    bool neg = t->s[start + 1] == 'P';
    size_t i = start + 2;
    int32_t c;
    if (!next_rune(t, &i, &c)) return false;
    const char *name;
    size_t nn;
    size_t seqend;
    if (c != '{') {
        seqend = i;
        name = t->s + start + 2;
        nn = i - (start + 2);
    } else {
        const char *e = memchr(t->s + start, '}', t->n - start);
        if (!e) {
            if (!check_utf8(t, start, t->n)) return false;
            seterr(t, E_RANGE, t->s + start, t->n - start);
            return false;
        }
        seqend = (size_t)(e - t->s) + 1;
        name = t->s + start + 3;
        nn = (size_t)(e - name);
        if (!check_utf8(t, (size_t)(name - t->s), (size_t)(e - t->s))) return false;
    }
    if (nn > 0 && name[0] == '^') { neg = !neg; name++; nn--; }
    if (!unicode_items(name, nn, neg, b)) {
        seterr(t, E_RANGE, t->s + start, seqend - start);
        return false;
    }
    t->i = seqend;
    return true;
}

static int unhex(int32_t c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static bool isalnum_ascii(int32_t c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* parseEscape at t->i (a '\\'): the rune; false on error. */
static bool parse_escape(tr *t, int32_t *out)
{
    size_t s = t->i;
    size_t i = s + 1;
    if (i >= t->n) { seterr(t, E_TRAIL, "", 0); return false; }
    int32_t c;
    if (!next_rune(t, &i, &c)) return false;
    switch (c) {
    default:
        if (c < 0x80 && !isalnum_ascii(c)) { *out = c; t->i = i; return true; }
        break;
    case '1': case '2': case '3': case '4': case '5': case '6': case '7':
        if (i >= t->n || t->s[i] < '0' || t->s[i] > '7') break;
        /* fallthrough */
    case '0': {
        int32_t r = c - '0';
        for (int k = 1; k < 3; k++) {
            if (i >= t->n || t->s[i] < '0' || t->s[i] > '7') break;
            r = r * 8 + (t->s[i] - '0');
            i++;
        }
        *out = r;
        t->i = i;
        return true;
    }
    case 'x': {
        if (i >= t->n) break;
        if (!next_rune(t, &i, &c)) return false;
        if (c == '{') {
            int nhex = 0;
            int32_t r = 0;
            bool bad = false;
            for (;;) {
                if (i >= t->n) { bad = true; break; }
                if (!next_rune(t, &i, &c)) return false;
                if (c == '}') break;
                int v = unhex(c);
                if (v < 0) { bad = true; break; }
                r = r * 16 + v;
                if (r > 0x10FFFF) { bad = true; break; }
                nhex++;
            }
            if (bad || nhex == 0) break;
            *out = r;
            t->i = i;
            return true;
        }
        int x = unhex(c);
        if (!next_rune(t, &i, &c)) return false;
        int y = unhex(c);
        if (x < 0 || y < 0) break;
        *out = x * 16 + y;
        t->i = i;
        return true;
    }
    case 'a': *out = 7; t->i = i; return true;
    case 'f': *out = 12; t->i = i; return true;
    case 'n': *out = 10; t->i = i; return true;
    case 'r': *out = 13; t->i = i; return true;
    case 't': *out = 9; t->i = i; return true;
    case 'v': *out = 11; t->i = i; return true;
    }
    seterr(t, E_ESC, t->s + s, i - s);
    return false;
}

/* parseClassChar */
static bool class_char(tr *t, size_t whole, int32_t *r)
{
    if (t->i >= t->n) { seterr(t, E_BRACKET, t->s + whole, t->n - whole); return false; }
    if (t->s[t->i] == '\\') return parse_escape(t, r);
    return next_rune(t, &t->i, r);
}

/* parseClass at '[' */
static bool parse_class(tr *t)
{
    size_t whole = t->i;
    t->i++;
    sg_buf items;
    buf_init(&items);
    bool neg = false;
    if (t->i < t->n && t->s[t->i] == '^') { neg = true; t->i++; }
    bool first = true;
    while (t->i >= t->n || t->s[t->i] != ']' || first) {
        first = false;
        const char *p = t->s + t->i;
        size_t left = t->n - t->i;
        /* [:alnum:] */
        if (left > 2 && p[0] == '[' && p[1] == ':') {
            const char *e = NULL;
            for (size_t k = 2; k + 1 < left; k++)
                if (p[k] == ':' && p[k + 1] == ']') { e = p + k; break; }
            if (e) {
                size_t nl = (size_t)(e - p) + 2;
                const char *nm = p + 2;
                size_t nmn = (size_t)(e - nm);
                bool gneg = false;
                if (nmn > 0 && nm[0] == '^') { gneg = true; nm++; nmn--; }
                const cgroup *g = NULL;
                for (size_t k = 0; k < sizeof posix_groups / sizeof posix_groups[0]; k++)
                    if (strlen(posix_groups[k].name) == nmn && !memcmp(posix_groups[k].name, nm, nmn))
                        g = &posix_groups[k];
                if (!g) { seterr(t, E_RANGE, p, nl); return false; }
                bool nul = !strcmp(g->name, "ascii") || !strcmp(g->name, "cntrl");
                put_group(&items, g->ranges, nul, gneg, (t->flags & F_FOLD) != 0);
                t->i += nl;
                continue;
            }
        }
        if (left >= 2 && p[0] == '\\' && (p[1] == 'p' || p[1] == 'P')) {
            if (!parse_unicode(t, &items)) return false;
            continue;
        }
        if (perl_class(p, left, &items, (t->flags & F_FOLD) != 0)) { t->i += 2; continue; }
        size_t rng = t->i;
        int32_t lo, hi;
        if (!class_char(t, whole, &lo)) return false;
        hi = lo;
        if (t->n - t->i >= 2 && t->s[t->i] == '-' && t->s[t->i + 1] != ']') {
            t->i++;
            if (!class_char(t, whole, &hi)) return false;
            if (hi < lo) { seterr(t, E_RANGE, t->s + rng, t->i - rng); return false; }
        }
        put_range(&items, lo, hi);
    }
    t->i++; /* ] */
    sg_buf a;
    buf_init(&a);
    if (items.len == 0) {
        /* [^\x{0}-\x{10ffff}] never reaches here; an empty class cannot be written */
        buf_puts(&a, neg ? "(?s:.)" : "(?!)");
    } else {
        buf_puts(&a, neg ? "[^" : "[");
        buf_put(&a, items.p, items.len);
        buf_putc(&a, ']');
    }
    emit_atom(t, a.p, true);
    return true;
}

/* ---------------------------------------------------------------- groups, repeats */

static void push_group(tr *t, unsigned flags)
{
    if (t->nst == t->capst) {
        size_t nc = t->capst ? t->capst * 2 : 8;
        t->st = sg_realloc(t->st, t->capst * sizeof *t->st, nc * sizeof *t->st);
        t->capst = nc;
    }
    group *g = &t->st[t->nst++];
    g->flags = flags;
    g->out_start = t->out.len;
    g->need = t->need;   /* saved parent need */
    t->need = 0;
    t->atom = -1;
}

static void add_name(tr *t, int cap, const char *name, size_t n)
{
    if ((size_t)cap >= t->namecap) {
        size_t nc = t->namecap ? t->namecap * 2 : 8;
        while (nc <= (size_t)cap) nc *= 2;
        t->namev = sg_realloc(t->namev, t->namecap * sizeof *t->namev, nc * sizeof *t->namev);
        t->namecap = nc;
    }
    t->namev[cap] = sg_strndup(name, n);
}

/* parsePerlFlags at "(?" */
static bool parse_perl_flags(tr *t)
{
    const char *s = t->s + t->i;
    size_t sn = t->n - t->i;
    bool startsP = sn > 4 && s[2] == 'P' && s[3] == '<';
    bool startsName = sn > 3 && s[2] == '<';
    if (startsP || startsName) {
        size_t ex = startsP ? 4 : 3;
        const char *e = memchr(s, '>', sn);
        if (!e) {
            if (!check_utf8(t, t->i, t->n)) return false;
            seterr(t, E_NAMED, s, sn);
            return false;
        }
        size_t end = (size_t)(e - s);
        const char *name = s + ex;
        size_t nn = end > ex ? end - ex : 0;
        if (end < ex) nn = 0;
        if (!check_utf8(t, t->i + ex, t->i + end)) return false;
        bool ok = nn > 0;
        for (size_t k = 0; k < nn && ok; k++) {
            char c = name[k];
            if (c != '_' && !isalnum_ascii((unsigned char)c)) ok = false;
        }
        if (!ok) { seterr(t, E_NAMED, s, end + 1); return false; }
        t->ncap++;
        add_name(t, t->ncap, name, nn);
        push_group(t, t->flags);
        buf_putc(&t->out, '(');
        t->i += end + 1;
        return true;
    }
    size_t i = t->i + 2;
    unsigned flags = t->flags;
    int sign = 1;
    bool saw = false;
    /* Go inverts the flags on '-'; track set and clear masks instead */
    unsigned set = 0, clr = 0;
    while (i < t->n) {
        int32_t c;
        if (!next_rune(t, &i, &c)) return false;
        unsigned f = 0;
        bool invert_m = false;
        switch (c) {
        case 'i': f = F_FOLD; break;
        case 'm': f = F_ONELINE; invert_m = true; break;
        case 's': f = F_DOTNL; break;
        case 'U': f = F_NONGREEDY; break;
        case '-':
            if (sign < 0) goto bad;
            sign = -1;
            saw = false;
            continue;
        case ':': case ')':
            if (sign < 0 && !saw) goto bad;
            flags = (flags | set) & ~clr;
            if (c == ':') {
                push_group(t, t->flags);
                buf_puts(&t->out, "(?:");
            }
            t->flags = flags;
            t->i = i;
            return true;
        default:
            goto bad;
        }
        /* 'm' clears OneLine when positive, sets it when negated */
        bool on = (sign > 0) != invert_m;
        if (on) { set |= f; clr &= ~f; }
        else { clr |= f; set &= ~f; }
        saw = true;
    }
bad:
    seterr(t, E_PERL, t->s + t->i, i - t->i);
    return false;
}

/* Apply a repetition to the last atom: wraps it as (?:atom) and appends the quantifier. */
static bool apply_repeat(tr *t, const char *q, bool is_repeat, int min, int max,
                         size_t before, long *last_repeat)
{
    unsigned flags = t->flags;
    size_t after = t->i;
    if (after < t->n && t->s[after] == '?') {
        after++;
        flags ^= F_NONGREEDY;
    }
    if (*last_repeat >= 0) {
        seterr(t, E_REPOP, t->s + *last_repeat, after - (size_t)*last_repeat);
        return false;
    }
    if (t->atom < 0) {
        seterr(t, E_REPARG, t->s + before, after - before);
        return false;
    }
    long sub_need = t->atom_need;
    long need = sub_need;
    if (is_repeat) {
        long m = max;
        if (m == 0) need = 0;
        else {
            if (m < 0) m = min;
            if (m > 0) need = m * (sub_need > 1 ? sub_need : 1);
        }
        if ((min >= 2 || max >= 2) && need > MAXREPEAT) {
            seterr(t, E_REPSIZE, t->s + before, after - before);
            return false;
        }
    }
    /* wrap */
    size_t a = (size_t)t->atom;
    size_t alen = t->out.len - a;
    char *copy = sg_strndup(t->out.p + a, alen);
    buf_truncate(&t->out, a);
    buf_puts(&t->out, "(?:");
    buf_put(&t->out, copy, alen);
    buf_putc(&t->out, ')');
    buf_puts(&t->out, q);
    if (flags & F_NONGREEDY) buf_putc(&t->out, '?');
    t->atom_need = need;
    if (need > t->need) t->need = need;
    t->i = after;
    *last_repeat = (long)before;
    return true;
}

/* Go's parseInt: decimal, no leading zeros; -1 when too big.  False if no digits. */
static bool parse_int(tr *t, size_t *i, long *out)
{
    size_t k = *i;
    if (k >= t->n || t->s[k] < '0' || t->s[k] > '9') return false;
    if (k + 1 < t->n && t->s[k] == '0' && t->s[k + 1] >= '0' && t->s[k + 1] <= '9') return false;
    long n = 0;
    bool big = false;
    for (; k < t->n && t->s[k] >= '0' && t->s[k] <= '9'; k++) {
        if (big) continue;
        if (n >= 100000000) { big = true; n = -1; continue; }
        n = n * 10 + (t->s[k] - '0');
    }
    *i = k;
    *out = n;
    return true;
}

/* parseRepeat: {min}, {min,}, {min,max}; false if not of that form. min = -1 when too big. */
static bool parse_repeat(tr *t, int *min, int *max, size_t *end)
{
    size_t i = t->i;
    if (i >= t->n || t->s[i] != '{') return false;
    i++;
    long lo, hi;
    if (!parse_int(t, &i, &lo)) return false;
    if (i >= t->n) return false;
    if (t->s[i] != ',') hi = lo;
    else {
        i++;
        if (i >= t->n) return false;
        if (t->s[i] == '}') hi = -1;
        else if (!parse_int(t, &i, &hi)) return false;
        else if (hi < 0) lo = -1;
    }
    if (i >= t->n || t->s[i] != '}') return false;
    *min = (int)lo;
    *max = (int)hi;
    *end = i + 1;
    return true;
}

/* ---------------------------------------------------------------- main parse */

static const char *translate(tr *t)
{
    long last_repeat = -1;
    t->flags = F_ONELINE;
    t->atom = -1;
    while (t->i < t->n && !t->err) {
        long repeat = -1;
        char c = t->s[t->i];
        switch (c) {
        default: {
            int32_t r;
            if (!next_rune(t, &t->i, &r)) return NULL;
            emit_literal(t, r);
            break;
        }
        case '(':
            if (t->n - t->i >= 2 && t->s[t->i + 1] == '?') {
                if (!parse_perl_flags(t)) return NULL;
                break;
            }
            t->ncap++;
            push_group(t, t->flags);
            buf_putc(&t->out, '(');
            t->i++;
            break;
        case '|':
            buf_putc(&t->out, '|');
            t->atom = -1;
            t->i++;
            break;
        case ')': {
            if (t->nst == 0) { seterr(t, E_UNPAREN, t->s, t->n); return NULL; }
            group *g = &t->st[--t->nst];
            buf_putc(&t->out, ')');
            long inner = t->need;
            t->need = g->need > inner ? g->need : inner;
            t->flags = g->flags;
            t->atom = (long)g->out_start;
            t->atom_need = inner;
            t->i++;
            break;
        }
        case '^':
            emit_atom(t, (t->flags & F_ONELINE) ? "\\A" : "(?<![^\\n])", false);
            t->i++;
            break;
        case '$':
            emit_atom(t, (t->flags & F_ONELINE) ? "\\z" : "(?![^\\n])", false);
            t->i++;
            break;
        case '.':
            emit_atom(t, (t->flags & F_DOTNL) ? "(?s:.)" : "[^\\n]", false);
            t->i++;
            break;
        case '[':
            if (!parse_class(t)) return NULL;
            break;
        case '*': case '+': case '?': {
            size_t before = t->i;
            t->i++;
            char q[2] = { c, 0 };
            if (!apply_repeat(t, q, false, 0, 0, before, &last_repeat)) return NULL;
            repeat = (long)before;
            break;
        }
        case '{': {
            size_t before = t->i, end;
            int min, max;
            if (!parse_repeat(t, &min, &max, &end)) {
                emit_literal(t, '{');
                t->i++;
                break;
            }
            t->i = end;
            if (min < 0 || min > MAXREPEAT || max > MAXREPEAT || (max >= 0 && min > max)) {
                seterr(t, E_REPSIZE, t->s + before, end - before);
                return NULL;
            }
            char q[48];
            if (max == min) snprintf(q, sizeof q, "{%d}", min);
            else if (max < 0) snprintf(q, sizeof q, "{%d,}", min);
            else snprintf(q, sizeof q, "{%d,%d}", min, max);
            if (!apply_repeat(t, q, true, min, max, before, &last_repeat)) return NULL;
            repeat = (long)before;
            break;
        }
        case '\\': {
            if (t->n - t->i >= 2) {
                char d = t->s[t->i + 1];
                const char *op = NULL;
                if (d == 'A') op = "\\A";
                else if (d == 'b') op = "\\b";
                else if (d == 'B') op = "\\B";
                else if (d == 'z') op = "\\z";
                if (op) { emit_atom(t, op, false); t->i += 2; break; }
                if (d == 'C') { seterr(t, E_ESC, t->s + t->i, 2); return NULL; }
                if (d == 'Q') {
                    size_t i = t->i + 2;
                    const char *e = NULL;
                    for (size_t k = i; k + 1 < t->n; k++)
                        if (t->s[k] == '\\' && t->s[k + 1] == 'E') { e = t->s + k; break; }
                    size_t lend = e ? (size_t)(e - t->s) : t->n;
                    while (i < lend) {
                        int32_t r;
                        int w = gofmt_decode_rune(t->s + i, lend - i, &r);
                        if (r == 0xFFFD && w == 1) { seterr(t, E_UTF8, t->s + i, lend - i); return NULL; }
                        i += (size_t)w;
                        emit_literal(t, r);
                    }
                    t->i = e ? lend + 2 : t->n;
                    break;
                }
                if (d == 'p' || d == 'P') {
                    sg_buf items;
                    buf_init(&items);
                    if (!parse_unicode(t, &items)) return NULL;
                    sg_buf a;
                    buf_init(&a);
                    buf_printf(&a, "[%s]", items.p);
                    emit_atom(t, a.p, true);
                    break;
                }
                sg_buf items;
                buf_init(&items);
                if (perl_class(t->s + t->i, t->n - t->i, &items, (t->flags & F_FOLD) != 0)) {
                    sg_buf a;
                    buf_init(&a);
                    buf_printf(&a, "[%s]", items.p);
                    emit_atom(t, a.p, true);
                    t->i += 2;
                    break;
                }
            }
            int32_t r;
            if (!parse_escape(t, &r)) return NULL;
            emit_literal(t, r);
            break;
        }
        }
        last_repeat = repeat;
    }
    if (t->err) return NULL;
    if (t->nst > 0) { seterr(t, E_PAREN, t->s, t->n); return NULL; }
    return t->out.p;
}

/* ---------------------------------------------------------------- compile + cache */

static void regex_free(void *p)
{
    struct sg_regex *re = p;
    if (re->next) re->next->prevp = re->prevp;
    *re->prevp = re->next;
    pcre2_match_data_free(re->md);
    pcre2_code_free(re->code);
    free(re->pat);
    free(re->names);
    free(re);
}

sg_regex *regex_compile(const char *pat, size_t n, const char **err)
{
    for (struct sg_regex *re = cache; re; re = re->next)
        if (re->patn == n && !memcmp(re->pat, pat, n)) return re;
    tr t;
    memset(&t, 0, sizeof t);
    t.s = pat;
    t.n = n;
    buf_init(&t.out);
    const char *pc = translate(&t);
    if (!pc) {
        *err = t.err;
        return NULL;
    }
    int ec;
    PCRE2_SIZE eo;
    pcre2_code *code = pcre2_compile((PCRE2_SPTR)t.out.p, t.out.len,
                                     PCRE2_UTF | PCRE2_NEVER_BACKSLASH_C,
                                     &ec, &eo, NULL);
    if (!code) {
        char msg[256];
        pcre2_get_error_message(ec, (PCRE2_UCHAR *)msg, sizeof msg);
        *err = sg_sprintf("error parsing regexp: expression too large: `%.*s` (%s)", (int)n, pat, msg);
        return NULL;
    }
    struct sg_regex *re = calloc(1, sizeof *re);
    if (!re) abort();
    re->code = code;
    re->md = pcre2_match_data_create_from_pattern(code, NULL);
    re->ncap = t.ncap;
    re->names = calloc((size_t)t.ncap + 1, sizeof *re->names);
    re->pat = malloc(n + 1);
    if (!re->md || !re->names || !re->pat) abort();
    memcpy(re->pat, pat, n);
    re->pat[n] = 0;
    re->patn = n;
    for (int k = 0; k <= t.ncap; k++)
        re->names[k] = ((size_t)k < t.namecap && t.namev[k]) ? t.namev[k] : "";
    /* names live in the arena that also frees the entry */
    re->next = cache;
    re->prevp = &cache;
    if (cache) cache->prevp = &re->next;
    cache = re;
    arena_defer(regex_free, re);
    return re;
}

/* strconv.CanBackquote */
static bool can_backquote(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        int32_t r;
        int w = gofmt_decode_rune(s + i, n - i, &r);
        if (w > 1) {
            if (r == 0xFEFF) return false;
            i += (size_t)w;
            continue;
        }
        if (r == 0xFFFD) return false;
        unsigned char c = (unsigned char)s[i];
        if ((c < ' ' && c != '\t') || c == '`' || c == 0x7F) return false;
        i++;
    }
    return true;
}

sg_regex *regex_must_compile(const char *pat, size_t n)
{
    const char *err;
    sg_regex *re = regex_compile(pat, n, &err);
    if (re) return re;
    sg_buf b;
    buf_init(&b);
    buf_puts(&b, "regexp: Compile(");
    if (can_backquote(pat, n)) {
        buf_putc(&b, '`');
        buf_put(&b, pat, n);
        buf_putc(&b, '`');
    } else {
        gofmt_quote(&b, pat, n);
    }
    buf_puts(&b, "): ");
    buf_puts(&b, err);
    sg_throwf("%s", b.p);
}

int regex_numcap(const sg_regex *re) { return re->ncap; }

const char *regex_capname(const sg_regex *re, int i)
{
    return (i >= 0 && i <= re->ncap) ? re->names[i] : "";
}

/* ---------------------------------------------------------------- matching */

/* A subject as PCRE2 sees it.  Go decodes each invalid UTF-8 byte as U+FFFD of width 1, so
 * such a subject is matched on a copy where every invalid byte is U+FFFD, with offsets
 * mapped back to the original. */
typedef struct subject {
    const char *s;      /* original */
    size_t n;
    const char *m;      /* matched text (== s when valid) */
    size_t mn;
    size_t *to_orig;    /* offsets in m -> offsets in s (NULL when valid) */
    size_t *to_m;       /* offsets in s -> offsets in m */
} subject;

static subject prepare(const char *s, size_t n)
{
    subject sj = { s, n, s, n, NULL, NULL };
    size_t bad = 0;
    for (size_t i = 0; i < n;) {
        int32_t r;
        int w = gofmt_decode_rune(s + i, n - i, &r);
        if (r == 0xFFFD && w == 1) bad++;
        i += (size_t)w;
    }
    if (!bad) return sj;
    size_t mn = n + 2 * bad;
    char *m = sg_alloc(mn + 1);
    sj.to_orig = sg_alloc(sizeof(size_t) * (mn + 1));
    sj.to_m = sg_alloc(sizeof(size_t) * (n + 1));
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        int32_t r;
        int w = gofmt_decode_rune(s + i, n - i, &r);
        sj.to_m[i] = o;
        if (r == 0xFFFD && w == 1) {
            sj.to_orig[o] = i; sj.to_orig[o + 1] = i; sj.to_orig[o + 2] = i;
            memcpy(m + o, "\xef\xbf\xbd", 3);
            o += 3;
        } else {
            for (int k = 0; k < w; k++) {
                sj.to_orig[o + (size_t)k] = i;
                if (k) sj.to_m[i + (size_t)k] = o + (size_t)k;
            }
            memcpy(m + o, s + i, (size_t)w);
            o += (size_t)w;
        }
        i += (size_t)w;
    }
    sj.to_m[n] = o;
    sj.to_orig[o] = n;
    sj.m = m;
    sj.mn = mn;
    return sj;
}

static bool exec_subject(const sg_regex *re, const subject *sj, size_t pos, long *ovec)
{
    if (pos > sj->n) return false;
    size_t mpos = sj->to_m ? sj->to_m[pos] : pos;
    int rc = pcre2_match(re->code, (PCRE2_SPTR)sj->m, sj->mn, mpos, PCRE2_NO_UTF_CHECK, re->md, NULL);
    if (rc == PCRE2_ERROR_NOMATCH) return false;
    if (rc < 0) {
        char msg[256];
        pcre2_get_error_message(rc, (PCRE2_UCHAR *)msg, sizeof msg);
        sg_throwf("regexp: match failed: %s", msg);
    }
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(re->md);
    for (int k = 0; k <= re->ncap; k++) {
        if (k < rc && ov[2 * k] != PCRE2_UNSET) {
            size_t a = ov[2 * k], b = ov[2 * k + 1];
            if (sj->to_orig) { a = sj->to_orig[a]; b = sj->to_orig[b]; }
            ovec[2 * k] = (long)a;
            ovec[2 * k + 1] = (long)b;
        } else {
            ovec[2 * k] = ovec[2 * k + 1] = -1;
        }
    }
    return true;
}

bool regex_exec(const sg_regex *re, const char *s, size_t n, size_t pos, long *ovec)
{
    subject sj = prepare(s, n);
    return exec_subject(re, &sj, pos, ovec);
}

bool regex_match(const sg_regex *re, const char *s, size_t n)
{
    subject sj = prepare(s, n);
    int rc = pcre2_match(re->code, (PCRE2_SPTR)sj.m, sj.mn, 0, PCRE2_NO_UTF_CHECK, re->md, NULL);
    if (rc >= 0) return true;
    if (rc == PCRE2_ERROR_NOMATCH) return false;
    if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT || rc == PCRE2_ERROR_HEAPLIMIT) {
        /* Go's matcher is linear: whether any match exists is what the DFA answers */
        int ws[4096];
        pcre2_match_data *md = pcre2_match_data_create(64, NULL);
        if (!md) abort();
        rc = pcre2_dfa_match(re->code, (PCRE2_SPTR)sj.m, sj.mn, 0, PCRE2_NO_UTF_CHECK, md, NULL, ws, sizeof ws / sizeof ws[0]);
        pcre2_match_data_free(md);
        if (rc >= 0 || rc == PCRE2_ERROR_DFA_WSSIZE) return rc >= 0 || rc == PCRE2_ERROR_DFA_WSSIZE;
        if (rc == PCRE2_ERROR_NOMATCH) return false;
    }
    char msg[256];
    pcre2_get_error_message(rc, (PCRE2_UCHAR *)msg, sizeof msg);
    sg_throwf("regexp: match failed: %s", msg);
}

/* Width of the rune at s[pos] (0 at the end), as utf8.DecodeRuneInString. */
static size_t rune_width(const char *s, size_t n, size_t pos)
{
    if (pos >= n) return 0;
    int32_t r;
    return (size_t)gofmt_decode_rune(s + pos, n - pos, &r);
}

/* Go's allMatches: calls fn for each accepted match (at most lim, lim < 0 = all). */
typedef void (*match_fn)(void *ctx, const long *ov);

static void all_matches(const sg_regex *re, const char *s, size_t n, long lim, match_fn fn, void *ctx)
{
    if (lim < 0) lim = (long)n + 1;
    long *ov = sg_alloc(sizeof(long) * 2 * ((size_t)re->ncap + 1));
    subject sj = prepare(s, n);
    size_t pos = 0;
    long prev_end = -1;
    for (long i = 0; i < lim && pos <= n;) {
        if (!exec_subject(re, &sj, pos, ov)) break;
        bool accept = true;
        if ((size_t)ov[1] == pos) {
            if (ov[0] == prev_end) accept = false;
            size_t w = rune_width(s, n, pos);
            pos = w ? pos + w : n + 1;
        } else {
            pos = (size_t)ov[1];
        }
        prev_end = ov[1];
        if (accept) {
            fn(ctx, ov);
            i++;
        }
    }
}

typedef struct fa_ctx { sg_value list; const char *s; } fa_ctx;

static void fa_add(void *p, const long *ov)
{
    fa_ctx *c = p;
    list_push(c->list, val_str(c->s + ov[0], (size_t)(ov[1] - ov[0])));
}

sg_value regex_find_all(const sg_regex *re, const char *s, size_t n, long lim)
{
    fa_ctx c = { val_list(0), s };
    c.list.gotype = GT_LIST_STRING;
    if (lim != 0) all_matches(re, s, n, lim, fa_add, &c);
    if (list_len(c.list) == 0) c.list.u.l = NULL; /* Go returns a nil []string */
    return c.list;
}

typedef struct ix_ctx { long *v; size_t len, cap; } ix_ctx;

static void ix_add(void *p, const long *ov)
{
    ix_ctx *c = p;
    if (c->len + 2 > c->cap) {
        size_t nc = c->cap ? c->cap * 2 : 16;
        c->v = sg_realloc(c->v, c->cap * sizeof(long), nc * sizeof(long));
        c->cap = nc;
    }
    c->v[c->len++] = ov[0];
    c->v[c->len++] = ov[1];
}

sg_value regex_split(const sg_regex *re, const char *s, size_t n, long lim)
{
    sg_value out = val_list(0);
    out.gotype = GT_LIST_STRING;
    if (lim == 0) { out.u.l = NULL; return out; }
    if (re->patn > 0 && n == 0) {
        list_push(out, val_str("", 0));
        return out;
    }
    ix_ctx c = { 0 };
    all_matches(re, s, n, lim, ix_add, &c);
    size_t beg = 0, end = 0;
    for (size_t k = 0; k < c.len; k += 2) {
        if (lim > 0 && (long)list_len(out) == lim - 1) break;
        end = (size_t)c.v[k];
        if (c.v[k + 1] != 0) list_push(out, val_str(s + beg, end - beg));
        beg = (size_t)c.v[k + 1];
    }
    if (end != n) list_push(out, val_str(s + beg, n - beg));
    return out;
}

/* Go's regexp extract(): a $name / ${name} reference at str. */
static bool extract(const char *str, size_t n, const char **name, size_t *nn, long *num, size_t *used)
{
    if (n == 0) return false;
    size_t off = 0;
    bool brace = false;
    if (str[0] == '{') { brace = true; off = 1; }
    size_t i = off;
    while (i < n) {
        int32_t r;
        int w = gofmt_decode_rune(str + i, n - i, &r);
        if (!gouni_isletter(r) && !gouni_isdigit(r) && r != '_') break;
        i += (size_t)w;
    }
    if (i == off) return false;
    *name = str + off;
    *nn = i - off;
    if (brace) {
        if (i >= n || str[i] != '}') return false;
        i++;
    }
    long v = 0;
    for (size_t k = 0; k < *nn; k++) {
        char c = (*name)[k];
        if (c < '0' || c > '9' || v >= 100000000) { v = -1; break; }
        v = v * 10 + (c - '0');
    }
    if ((*name)[0] == '0' && *nn > 1) v = -1;
    *num = v;
    *used = i;
    return true;
}

static void expand(sg_buf *out, const sg_regex *re, const char *tmpl, size_t tn, const char *s, const long *ov)
{
    size_t i = 0;
    while (i < tn) {
        const char *d = memchr(tmpl + i, '$', tn - i);
        if (!d) break;
        size_t k = (size_t)(d - tmpl);
        buf_put(out, tmpl + i, k - i);
        i = k + 1;
        if (i < tn && tmpl[i] == '$') {
            buf_putc(out, '$');
            i++;
            continue;
        }
        const char *name;
        size_t nn, used;
        long num;
        if (!extract(tmpl + i, tn - i, &name, &nn, &num, &used)) {
            buf_putc(out, '$');
            continue;
        }
        i += used;
        if (num >= 0) {
            if (num <= re->ncap && ov[2 * num] >= 0)
                buf_put(out, s + ov[2 * num], (size_t)(ov[2 * num + 1] - ov[2 * num]));
        } else {
            for (int g = 0; g <= re->ncap; g++) {
                if (strlen(re->names[g]) == nn && !memcmp(re->names[g], name, nn) && ov[2 * g] >= 0) {
                    buf_put(out, s + ov[2 * g], (size_t)(ov[2 * g + 1] - ov[2 * g]));
                    break;
                }
            }
        }
    }
    buf_put(out, tmpl + i, tn - i);
}

void regex_replace_all(sg_buf *out, const sg_regex *re, const char *s, size_t n,
                       const char *repl, size_t rn, bool literal)
{
    long *ov = sg_alloc(sizeof(long) * 2 * ((size_t)re->ncap + 1));
    size_t last_end = 0, search = 0;
    subject sj = prepare(s, n);
    while (search <= n) {
        if (!exec_subject(re, &sj, search, ov)) break;
        buf_put(out, s + last_end, (size_t)ov[0] - last_end);
        if ((size_t)ov[1] > last_end || ov[0] == 0) {
            if (literal) buf_put(out, repl, rn);
            else expand(out, re, repl, rn, s, ov);
        }
        last_end = (size_t)ov[1];
        size_t w = rune_width(s, n, search);
        if (search + w > (size_t)ov[1]) search += w;
        else if (search + 1 > (size_t)ov[1]) search++;
        else search = (size_t)ov[1];
    }
    buf_put(out, s + last_end, n - last_end);
}

void regex_quote_meta(sg_buf *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (strchr("\\.+*?()|[]{}^$", s[i]) && s[i]) buf_putc(out, '\\');
        buf_putc(out, s[i]);
    }
}

/* For tests: the PCRE2 pattern a Go pattern translates to (NULL on a Go error). */
const char *regex_debug_pcre(const char *pat, size_t n);
const char *regex_debug_pcre(const char *pat, size_t n)
{
    tr t;
    memset(&t, 0, sizeof t);
    t.s = pat;
    t.n = n;
    buf_init(&t.out);
    return translate(&t);
}
