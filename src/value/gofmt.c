/* gofmt.c - Go's fmt (Print/Sprint/Sprintln/Sprintf) and strconv (FormatFloat, Quote)
 * over sg_value, byte for byte as Go 1.25 prints them.
 *
 * The code mirrors the shape of Go's fmt/print.go (printArg/printValue/doPrintf) and
 * fmt/format.go (the flag-driven formatter), so that flags, widths, element-wise verbs
 * and the %!verb(type=value) error forms come out the same.  Float digits come from the
 * C library (exact decimal conversion) and are laid out with strconv's %e/%f/%g rules.
 */
#include "gofmt.h"
#include "gonamed.h"
#include "../base/arena.h"
#include <fenv.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "goprint_tab.h"

/* ------------------------------------------------------------------ UTF-8 */

int gofmt_decode_rune(const char *sp, size_t n, int32_t *r)
{
    const unsigned char *s = (const unsigned char *)sp;
    if (n == 0) { *r = 0xFFFD; return 0; }
    unsigned c = s[0];
    if (c < 0x80) { *r = (int32_t)c; return 1; }
    if (c >= 0xC2 && c <= 0xDF) {
        if (n >= 2 && (s[1] & 0xC0) == 0x80) { *r = (int32_t)(((c & 0x1F) << 6) | (s[1] & 0x3F)); return 2; }
    } else if (c >= 0xE0 && c <= 0xEF) {
        unsigned lo = 0x80, hi = 0xBF;
        if (c == 0xE0) lo = 0xA0;
        if (c == 0xED) hi = 0x9F;
        if (n >= 3 && s[1] >= lo && s[1] <= hi && (s[2] & 0xC0) == 0x80) {
            *r = (int32_t)(((c & 0x0F) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3F));
            return 3;
        }
    } else if (c >= 0xF0 && c <= 0xF4) {
        unsigned lo = 0x80, hi = 0xBF;
        if (c == 0xF0) lo = 0x90;
        if (c == 0xF4) hi = 0x8F;
        if (n >= 4 && s[1] >= lo && s[1] <= hi && (s[2] & 0xC0) == 0x80 && (s[3] & 0xC0) == 0x80) {
            *r = (int32_t)(((c & 0x07) << 18) | ((s[1] & 0x3Fu) << 12) | ((s[2] & 0x3Fu) << 6) | (s[3] & 0x3F));
            return 4;
        }
    }
    *r = 0xFFFD;
    return 1;
}

void gofmt_put_rune(sg_buf *b, int32_t r)
{
    char t[4];
    uint32_t u = (uint32_t)r;
    if (u > 0x10FFFF || (u >= 0xD800 && u <= 0xDFFF)) u = 0xFFFD;
    if (u < 0x80) { t[0] = (char)u; buf_put(b, t, 1); }
    else if (u < 0x800) { t[0] = (char)(0xC0 | (u >> 6)); t[1] = (char)(0x80 | (u & 0x3F)); buf_put(b, t, 2); }
    else if (u < 0x10000) {
        t[0] = (char)(0xE0 | (u >> 12)); t[1] = (char)(0x80 | ((u >> 6) & 0x3F));
        t[2] = (char)(0x80 | (u & 0x3F)); buf_put(b, t, 3);
    } else {
        t[0] = (char)(0xF0 | (u >> 18)); t[1] = (char)(0x80 | ((u >> 12) & 0x3F));
        t[2] = (char)(0x80 | ((u >> 6) & 0x3F)); t[3] = (char)(0x80 | (u & 0x3F)); buf_put(b, t, 4);
    }
}

size_t gofmt_rune_count(const char *s, size_t n)
{
    size_t c = 0;
    int32_t r;
    for (size_t i = 0; i < n; c++) i += (size_t)gofmt_decode_rune(s + i, n - i, &r);
    return c;
}

bool gofmt_isprint(int32_t r)
{
    if (r < 0 || r > 0x10FFFF) return false;
    size_t lo = 0, hi = sizeof goprint_ranges / sizeof goprint_ranges[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if ((uint32_t)r < goprint_ranges[mid][0]) hi = mid;
        else if ((uint32_t)r > goprint_ranges[mid][1]) lo = mid + 1;
        else return true;
    }
    return false;
}

/* ------------------------------------------------------------------ strconv.Quote */

static const char lhex[] = "0123456789abcdef";

static void escaped_rune(sg_buf *b, int32_t r, char quote, bool ascii)
{
    if (r == quote || r == '\\') { buf_putc(b, '\\'); buf_putc(b, (char)r); return; }
    if (ascii) {
        if (r < 0x80 && gofmt_isprint(r)) { buf_putc(b, (char)r); return; }
    } else if (gofmt_isprint(r)) { gofmt_put_rune(b, r); return; }
    switch (r) {
    case '\a': buf_puts(b, "\\a"); return;
    case '\b': buf_puts(b, "\\b"); return;
    case '\f': buf_puts(b, "\\f"); return;
    case '\n': buf_puts(b, "\\n"); return;
    case '\r': buf_puts(b, "\\r"); return;
    case '\t': buf_puts(b, "\\t"); return;
    case '\v': buf_puts(b, "\\v"); return;
    }
    if (r < ' ' || r == 0x7f) {
        buf_puts(b, "\\x"); buf_putc(b, lhex[(r >> 4) & 0xF]); buf_putc(b, lhex[r & 0xF]);
        return;
    }
    if (r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF)) r = 0xFFFD;
    if (r < 0x10000) {
        buf_puts(b, "\\u");
        for (int s = 12; s >= 0; s -= 4) buf_putc(b, lhex[(r >> s) & 0xF]);
    } else {
        buf_puts(b, "\\U");
        for (int s = 28; s >= 0; s -= 4) buf_putc(b, lhex[(r >> s) & 0xF]);
    }
}

static void quote_with(sg_buf *b, const char *s, size_t n, char quote, bool ascii)
{
    buf_putc(b, quote);
    for (size_t i = 0; i < n;) {
        int32_t r;
        int w = gofmt_decode_rune(s + i, n - i, &r);
        if (w == 1 && r == 0xFFFD) {
            buf_puts(b, "\\x");
            buf_putc(b, lhex[((unsigned char)s[i]) >> 4]);
            buf_putc(b, lhex[((unsigned char)s[i]) & 0xF]);
            i++;
            continue;
        }
        escaped_rune(b, r, quote, ascii);
        i += (size_t)w;
    }
    buf_putc(b, quote);
}

void gofmt_quote(sg_buf *b, const char *s, size_t n) { quote_with(b, s, n, '"', false); }
void gofmt_quote_ascii(sg_buf *b, const char *s, size_t n) { quote_with(b, s, n, '"', true); }

void gofmt_quote_rune(sg_buf *b, int32_t r, bool ascii)
{
    if (r < 0 || r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF)) r = 0xFFFD;
    buf_putc(b, '\'');
    escaped_rune(b, r, '\'', ascii);
    buf_putc(b, '\'');
}

static bool can_backquote(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        int32_t r;
        int w = gofmt_decode_rune(s + i, n - i, &r);
        i += (size_t)w;
        if (w > 1) {
            if (r == 0xFEFF) return false;
            continue;
        }
        if (r == 0xFFFD) return false;
        if ((r < ' ' && r != '\t') || r == '`' || r == 0x7F) return false;
    }
    return true;
}

/* ------------------------------------------------------------------ strconv.FormatFloat */

/* Decimal digits of |v|: d[0..nd) with the decimal point after dp digits; no trailing
 * zeros; nd == 0 for zero. */
typedef struct decimal {
    char *d;
    int nd, dp;
} decimal;

static void parse_e(decimal *dc, const char *t)
{
    /* t is "D.DDDDe[+-]XX" or "De[+-]XX" */
    int nd = 0;
    const char *p = t;
    for (; *p && *p != 'e'; p++)
        if (*p >= '0' && *p <= '9') dc->d[nd++] = *p;
    int exp = atoi(p + 1);
    while (nd > 0 && dc->d[nd - 1] == '0') nd--;
    dc->nd = nd;
    dc->dp = nd ? exp + 1 : 0;
}

/* Shortest digits that read back as v (v finite, > 0). */
static void shortest_digits(decimal *dc, double v)
{
    char t[64];
    if (v < 1e15 && v == floor(v)) {
        /* integers below 1e15 are exact: their own digits are the shortest form */
        snprintf(t, sizeof t, "%.0f", v);
        int nd = (int)strlen(t);
        memcpy(dc->d, t, (size_t)nd);
        dc->dp = nd;
        while (nd > 0 && dc->d[nd - 1] == '0') nd--;
        dc->nd = nd;
        return;
    }
    for (int p = 0; p < 17; p++) {
        snprintf(t, sizeof t, "%.*e", p, v);
        if (strtod(t, NULL) == v) break;
        /* Around powers of two the interval of values reading back as v is lopsided:
         * the p-digit neighbour on the far side of v may fit where the nearest does not. */
        int mode = fegetround();
        fesetround(FE_UPWARD);
        snprintf(t, sizeof t, "%.*e", p, v);
        fesetround(mode);
        if (strtod(t, NULL) == v) break;
        fesetround(FE_DOWNWARD);
        snprintf(t, sizeof t, "%.*e", p, v);
        fesetround(mode);
        if (strtod(t, NULL) == v) break;
    }
    parse_e(dc, t);
}

/* v rounded to n significant digits (n >= 1). */
static void sig_digits(decimal *dc, double v, int n)
{
    size_t sz = (size_t)n + 32;
    char *t = sg_alloc(sz);
    snprintf(t, sz, "%.*e", n - 1, v);
    parse_e(dc, t);
}

/* v rounded to `prec` digits after the decimal point. */
static void fixed_digits(decimal *dc, double v, int prec)
{
    size_t sz = (size_t)prec + 340;
    char *t = sg_alloc(sz);
    snprintf(t, sz, "%.*f", prec, v);
    int nd = 0, dp = 0;
    bool point = false, lead = true;
    for (const char *p = t; *p; p++) {
        if (*p == '.') { point = true; continue; }
        if (lead && *p == '0') {
            if (point) dp--;
            continue;
        }
        lead = false;
        dc->d[nd++] = *p;
        if (!point) dp++;
    }
    while (nd > 0 && dc->d[nd - 1] == '0') nd--;
    dc->nd = nd;
    dc->dp = nd ? dp : 0;
}

static void fmt_e(sg_buf *b, bool neg, const decimal *dc, int prec, char fmtc)
{
    if (neg) buf_putc(b, '-');
    buf_putc(b, dc->nd ? dc->d[0] : '0');
    if (prec > 0) {
        buf_putc(b, '.');
        int i = 1;
        int m = dc->nd < prec + 1 ? dc->nd : prec + 1;
        if (i < m) { buf_put(b, dc->d + i, (size_t)(m - i)); i = m; }
        for (; i <= prec; i++) buf_putc(b, '0');
    }
    buf_putc(b, fmtc);
    int exp = dc->dp - 1;
    if (dc->nd == 0) exp = 0;
    if (exp < 0) { buf_putc(b, '-'); exp = -exp; }
    else buf_putc(b, '+');
    if (exp < 10) { buf_putc(b, '0'); buf_putc(b, (char)('0' + exp)); }
    else buf_printf(b, "%d", exp);
}

static void fmt_f(sg_buf *b, bool neg, const decimal *dc, int prec)
{
    if (neg) buf_putc(b, '-');
    if (dc->dp > 0) {
        int m = dc->nd < dc->dp ? dc->nd : dc->dp;
        buf_put(b, dc->d, (size_t)m);
        for (; m < dc->dp; m++) buf_putc(b, '0');
    } else buf_putc(b, '0');
    if (prec > 0) {
        buf_putc(b, '.');
        for (int i = 1; i <= prec; i++) {
            int j = dc->dp + i - 1;
            buf_putc(b, (j >= 0 && j < dc->nd) ? dc->d[j] : '0');
        }
    }
}

static void fmt_b(sg_buf *b, double v)
{
    uint64_t bits;
    memcpy(&bits, &v, sizeof bits);
    int exp = (int)((bits >> 52) & 0x7FF);
    uint64_t mant = bits & ((UINT64_C(1) << 52) - 1);
    if (exp == 0) exp++;
    else mant |= UINT64_C(1) << 52;
    exp += -1023 - 52;
    if (bits >> 63) buf_putc(b, '-');
    buf_printf(b, "%llup", (unsigned long long)mant);
    if (exp >= 0) buf_putc(b, '+');
    buf_printf(b, "%d", exp);
}

/* %x / %X of a float: strconv's hexadecimal mantissa form (prec -1 = shortest). */
static void fmt_x(sg_buf *b, double v, int prec, char fmtc)
{
    uint64_t bits;
    memcpy(&bits, &v, sizeof bits);
    bool neg = bits >> 63;
    int exp = (int)((bits >> 52) & 0x7FF);
    uint64_t mant = bits & ((UINT64_C(1) << 52) - 1);
    if (exp == 0) exp++;
    else mant |= UINT64_C(1) << 52;
    exp += -1023;
    /* strconv.fmtX */
    if (mant == 0) exp = 0;
    mant <<= 60 - 52;
    /* normalize: leading 1 at bit 60 */
    while (mant != 0 && (mant & (UINT64_C(1) << 60)) == 0) { mant <<= 1; exp--; }
    if (prec >= 0 && prec < 15) {
        int sh = (unsigned)prec * 4;
        uint64_t extra = (mant << sh) & ((UINT64_C(1) << 60) - 1);
        mant >>= 60 - sh;
        if ((extra | (mant & 1)) > (UINT64_C(1) << 59)) mant++;
        mant <<= 60 - sh;
        if (mant & (UINT64_C(1) << 61)) { mant >>= 1; exp++; }
    }
    const char *hex = fmtc == 'X' ? "0123456789ABCDEF" : lhex;
    if (neg) buf_putc(b, '-');
    buf_putc(b, '0');
    buf_putc(b, fmtc);
    buf_putc(b, (char)('0' + (int)((mant >> 60) & 1)));
    mant <<= 4;
    if (prec < 0 && mant != 0) {
        buf_putc(b, '.');
        while (mant != 0) { buf_putc(b, hex[(mant >> 60) & 15]); mant <<= 4; }
    } else if (prec > 0) {
        buf_putc(b, '.');
        for (int i = 0; i < prec; i++) { buf_putc(b, hex[(mant >> 60) & 15]); mant <<= 4; }
    }
    buf_putc(b, fmtc == 'X' ? 'P' : 'p');
    if (exp < 0) { buf_putc(b, '-'); exp = -exp; }
    else buf_putc(b, '+');
    if (exp < 10) buf_putc(b, '0');
    buf_printf(b, "%d", exp);
}

void gofmt_float(sg_buf *b, double f, char fmtc, int prec)
{
    if (isnan(f)) { buf_puts(b, "NaN"); return; }
    if (isinf(f)) { buf_puts(b, f > 0 ? "+Inf" : "-Inf"); return; }
    if (fmtc == 'b') { fmt_b(b, f); return; }
    if (fmtc == 'x' || fmtc == 'X') { fmt_x(b, f, prec, fmtc); return; }
    bool neg = signbit(f) != 0;
    double a = fabs(f);
    bool shortest = prec < 0;
    char dbuf[40];
    decimal dc = { dbuf, 0, 0 };
    if (shortest) {
        if (a != 0) shortest_digits(&dc, a);
        switch (fmtc) {
        case 'e': case 'E': prec = dc.nd > 1 ? dc.nd - 1 : 0; break;
        case 'f': prec = dc.nd - dc.dp > 0 ? dc.nd - dc.dp : 0; break;
        default: prec = dc.nd; break;
        }
    } else {
        size_t need = (size_t)prec + 340;
        dc.d = sg_alloc(need);
        if (a != 0) {
            switch (fmtc) {
            case 'e': case 'E': sig_digits(&dc, a, prec + 1); break;
            case 'f': fixed_digits(&dc, a, prec); break;
            default: sig_digits(&dc, a, prec == 0 ? 1 : prec); break;
            }
        }
        if ((fmtc == 'g' || fmtc == 'G') && prec == 0) prec = 1;
    }
    switch (fmtc) {
    case 'e': case 'E': fmt_e(b, neg, &dc, prec, fmtc); return;
    case 'f': fmt_f(b, neg, &dc, prec); return;
    case 'g': case 'G': {
        int eprec = prec;
        if (eprec > dc.nd && dc.nd >= dc.dp) eprec = dc.nd;
        if (shortest) eprec = 6;
        int exp = dc.dp - 1;
        if (exp < -4 || exp >= eprec) {
            if (prec > dc.nd) prec = dc.nd;
            fmt_e(b, neg, &dc, prec - 1, fmtc == 'g' ? 'e' : 'E');
            return;
        }
        if (prec > dc.dp) prec = dc.nd;
        fmt_f(b, neg, &dc, prec - dc.dp > 0 ? prec - dc.dp : 0);
        return;
    }
    }
    buf_putc(b, '%');
    buf_putc(b, fmtc);
}

/* ------------------------------------------------------------------ the formatter (fmt.fmt) */

typedef struct fmtst {
    sg_buf *b;
    int wid, prec;
    bool widp, precp, minus, plus, sharp, space, zero, plusv, sharpv;
    bool erroring; /* inside a %!verb(type=value): Go skips String methods there */
} fmtst;

static void clearflags(fmtst *f)
{
    f->wid = f->prec = 0;
    f->widp = f->precp = f->minus = f->plus = f->sharp = f->space = f->zero = false;
    f->plusv = f->sharpv = false;
}

static void write_padding(fmtst *f, long n)
{
    if (n <= 0) return;
    char c = (f->zero && !f->minus) ? '0' : ' ';
    buf_reserve(f->b, (size_t)n);
    memset(f->b->p + f->b->len, c, (size_t)n);
    f->b->len += (size_t)n;
    f->b->p[f->b->len] = 0;
}

static void pad(fmtst *f, const char *s, size_t n)
{
    if (!f->widp || f->wid == 0) { buf_put(f->b, s, n); return; }
    long width = f->wid - (long)gofmt_rune_count(s, n);
    if (!f->minus) { write_padding(f, width); buf_put(f->b, s, n); }
    else { buf_put(f->b, s, n); write_padding(f, width); }
}

static void fmt_boolean(fmtst *f, bool v) { if (v) pad(f, "true", 4); else pad(f, "false", 5); }

static const char ldigits[] = "0123456789abcdefx";
static const char udigits[] = "0123456789ABCDEFX";

static void fmt_unicode(fmtst *f, uint64_t u)
{
    sg_buf t;
    buf_init(&t);
    int prec = 4;
    if (f->precp && f->prec > 4) prec = f->prec;
    char hex[20];
    int n = 0;
    uint64_t x = u;
    do { hex[n++] = udigits[x & 0xF]; x >>= 4; } while (x);
    buf_puts(&t, "U+");
    for (int i = n; i < prec; i++) buf_putc(&t, '0');
    while (n > 0) buf_putc(&t, hex[--n]);
    if (f->sharp && u <= 0x10FFFF && gofmt_isprint((int32_t)u)) {
        buf_puts(&t, " '");
        gofmt_put_rune(&t, (int32_t)u);
        buf_putc(&t, '\'');
    }
    bool oz = f->zero;
    f->zero = false;
    pad(f, t.p, t.len);
    f->zero = oz;
}

static void fmt_integer(fmtst *f, uint64_t u, int base, bool isSigned, int verb, const char *digits)
{
    bool negative = isSigned && (int64_t)u < 0;
    if (negative) u = -u;
    int prec = 0;
    if (f->precp) {
        prec = f->prec;
        if (prec == 0 && u == 0) {
            bool oz = f->zero;
            f->zero = false;
            write_padding(f, f->wid);
            f->zero = oz;
            return;
        }
    } else if (f->zero && !f->minus && f->widp) {
        prec = f->wid;
        if (negative || f->plus || f->space) prec--;
    }
    char small[128];
    size_t cap = 3 + 70 + (size_t)(prec > 0 ? prec : 0);
    char *buf = small;
    if (cap <= sizeof small) cap = sizeof small;
    else buf = sg_alloc(cap);
    size_t i = cap;
    switch (base) {
    case 10: while (u >= 10) { buf[--i] = (char)('0' + u % 10); u /= 10; } break;
    case 16: while (u >= 16) { buf[--i] = digits[u & 0xF]; u >>= 4; } break;
    case 8: while (u >= 8) { buf[--i] = (char)('0' + (u & 7)); u >>= 3; } break;
    case 2: while (u >= 2) { buf[--i] = (char)('0' + (u & 1)); u >>= 1; } break;
    }
    buf[--i] = digits[u];
    while (i > 0 && prec > (long)(cap - i)) buf[--i] = '0';
    if (f->sharp) {
        switch (base) {
        case 2: buf[--i] = 'b'; buf[--i] = '0'; break;
        case 8: if (buf[i] != '0') buf[--i] = '0'; break;
        case 16: buf[--i] = digits[16]; buf[--i] = '0'; break;
        }
    }
    if (verb == 'O') { buf[--i] = 'o'; buf[--i] = '0'; }
    if (negative) buf[--i] = '-';
    else if (f->plus) buf[--i] = '+';
    else if (f->space) buf[--i] = ' ';
    bool oz = f->zero;
    f->zero = false;
    pad(f, buf + i, cap - i);
    f->zero = oz;
}

/* truncate s to f->prec runes when a precision is present */
static size_t truncate_len(fmtst *f, const char *s, size_t n)
{
    if (!f->precp) return n;
    long k = f->prec;
    size_t i = 0;
    while (i < n) {
        if (--k < 0) return i;
        int32_t r;
        i += (size_t)gofmt_decode_rune(s + i, n - i, &r);
    }
    return n;
}

static void fmt_s(fmtst *f, const char *s, size_t n) { pad(f, s, truncate_len(f, s, n)); }

static void fmt_sbx(fmtst *f, const char *s, size_t n, const char *digits)
{
    size_t length = n;
    if (f->precp && (size_t)f->prec < length) length = (size_t)f->prec;
    long width = 2 * (long)length;
    if (width > 0) {
        if (f->space) {
            if (f->sharp) width *= 2;
            width += (long)length - 1;
        } else if (f->sharp) width += 2;
    } else {
        if (f->widp) write_padding(f, f->wid);
        return;
    }
    if (f->widp && f->wid > width && !f->minus) write_padding(f, f->wid - width);
    sg_buf *b = f->b;
    if (f->sharp) { buf_putc(b, '0'); buf_putc(b, digits[16]); }
    for (size_t i = 0; i < length; i++) {
        if (f->space && i > 0) {
            buf_putc(b, ' ');
            if (f->sharp) { buf_putc(b, '0'); buf_putc(b, digits[16]); }
        }
        unsigned char c = (unsigned char)s[i];
        buf_putc(b, digits[c >> 4]);
        buf_putc(b, digits[c & 0xF]);
    }
    if (f->widp && f->wid > width && f->minus) write_padding(f, f->wid - width);
}

static void fmt_q(fmtst *f, const char *s, size_t n)
{
    n = truncate_len(f, s, n);
    sg_buf t;
    buf_init(&t);
    if (f->sharp && can_backquote(s, n)) {
        buf_putc(&t, '`'); buf_put(&t, s, n); buf_putc(&t, '`');
    } else if (f->plus) gofmt_quote_ascii(&t, s, n);
    else gofmt_quote(&t, s, n);
    pad(f, t.p, t.len);
}

static void fmt_c(fmtst *f, uint64_t c)
{
    int32_t r = c > 0x10FFFF ? 0xFFFD : (int32_t)c;
    sg_buf t;
    buf_init(&t);
    gofmt_put_rune(&t, r);
    pad(f, t.p, t.len);
}

static void fmt_qc(fmtst *f, uint64_t c)
{
    int32_t r = c > 0x10FFFF ? 0xFFFD : (int32_t)c;
    sg_buf t;
    buf_init(&t);
    gofmt_quote_rune(&t, r, f->plus);
    pad(f, t.p, t.len);
}

static void fmt_float(fmtst *f, double v, int verb, int prec)
{
    if (f->precp) prec = f->prec;
    sg_buf t;
    buf_init(&t);
    buf_putc(&t, '+');
    gofmt_float(&t, v, (char)verb, prec);
    char *num = t.p;
    size_t n = t.len;
    if (num[1] == '-' || num[1] == '+') { num++; n--; }
    if (f->space && num[0] == '+' && !f->plus) num[0] = ' ';
    if (num[1] == 'I' || num[1] == 'N') {
        bool oz = f->zero;
        f->zero = false;
        if (num[1] == 'N' && !f->space && !f->plus) { num++; n--; }
        pad(f, num, n);
        f->zero = oz;
        return;
    }
    if (f->sharp && verb != 'b') {
        int digits = 0;
        if (verb == 'v' || verb == 'g' || verb == 'G' || verb == 'x') {
            digits = prec;
            if (digits == -1) digits = 6;
        }
        char tail[16];
        size_t tl = 0;
        bool haspoint = false, sawnz = false;
        for (size_t i = 1; i < n; i++) {
            char c = num[i];
            if (c == '.') { haspoint = true; continue; }
            if (c == 'p' || c == 'P' || ((c == 'e' || c == 'E') && verb != 'x' && verb != 'X')) {
                tl = n - i < sizeof tail ? n - i : sizeof tail;
                memcpy(tail, num + i, tl);
                n = i;
                break;
            }
            if (c != '0') sawnz = true;
            if (sawnz) digits--;
        }
        sg_buf u;
        buf_init(&u);
        buf_put(&u, num, n);
        if (!haspoint) {
            if (n == 2 && num[1] == '0') digits--;
            buf_putc(&u, '.');
        }
        for (; digits > 0; digits--) buf_putc(&u, '0');
        buf_put(&u, tail, tl);
        num = u.p;
        n = u.len;
    }
    if (f->plus || num[0] != '+') {
        if (f->zero && !f->minus && f->widp && f->wid > (long)n) {
            buf_putc(f->b, num[0]);
            write_padding(f, f->wid - (long)n);
            buf_put(f->b, num + 1, n - 1);
            return;
        }
        pad(f, num, n);
        return;
    }
    pad(f, num + 1, n - 1);
}

/* ------------------------------------------------------------------ the printer (fmt.pp) */

static void print_arg(fmtst *f, sg_value v, int verb);
static void print_value(fmtst *f, sg_value v, int verb, int depth, const char *tname);

static void put_verb(sg_buf *b, int verb) { gofmt_put_rune(b, verb); }

static const char *type_of(sg_value v, const char *tname) { return tname ? tname : val_typename(v); }

static void bad_verb(fmtst *f, sg_value v, int verb, const char *tname)
{
    buf_puts(f->b, "%!");
    put_verb(f->b, verb);
    buf_putc(f->b, '(');
    if (v.kind == VK_NIL && !tname) buf_puts(f->b, "<nil>");
    else {
        buf_puts(f->b, type_of(v, tname));
        buf_putc(f->b, '=');
        bool was = f->erroring;
        f->erroring = true;
        print_arg(f, v, 'v');
        f->erroring = was;
    }
    buf_putc(f->b, ')');
}

static bool is_unsigned(sg_value v, const char *tname)
{
    if (tname && tname[0] == 'u') return true;
    return v.gotype == GT_UINT8 || v.gotype == GT_UINT32 || v.gotype == GT_UINT64;
}

static void fmt_int_verb(fmtst *f, sg_value v, int verb, const char *tname)
{
    bool sgn = !is_unsigned(v, tname);
    uint64_t u = (uint64_t)v.u.i;
    switch (verb) {
    case 'v':
        if (f->sharpv && !sgn) {
            bool sh = f->sharp;
            f->sharp = true;
            fmt_integer(f, u, 16, false, 'v', ldigits);
            f->sharp = sh;
        } else fmt_integer(f, u, 10, sgn, verb, ldigits);
        return;
    case 'd': fmt_integer(f, u, 10, sgn, verb, ldigits); return;
    case 'b': fmt_integer(f, u, 2, sgn, verb, ldigits); return;
    case 'o': case 'O': fmt_integer(f, u, 8, sgn, verb, ldigits); return;
    case 'x': fmt_integer(f, u, 16, sgn, verb, ldigits); return;
    case 'X': fmt_integer(f, u, 16, sgn, verb, udigits); return;
    case 'c': fmt_c(f, u); return;
    case 'q': fmt_qc(f, u); return;
    case 'U': fmt_unicode(f, u); return;
    }
    bad_verb(f, v, verb, tname);
}

static void fmt_float_verb(fmtst *f, sg_value v, int verb, const char *tname)
{
    switch (verb) {
    case 'v': fmt_float(f, v.u.f, 'g', -1); return;
    case 'b': case 'g': case 'G': case 'x': case 'X': fmt_float(f, v.u.f, verb, -1); return;
    case 'f': case 'e': case 'E': fmt_float(f, v.u.f, verb, 6); return;
    case 'F': fmt_float(f, v.u.f, 'f', 6); return;
    }
    bad_verb(f, v, verb, tname);
}

static void fmt_string_verb(fmtst *f, const char *s, size_t n, int verb, sg_value v, const char *tname)
{
    switch (verb) {
    case 'v':
        if (f->sharpv) fmt_q(f, s, n);
        else fmt_s(f, s, n);
        return;
    case 's': fmt_s(f, s, n); return;
    case 'x': fmt_sbx(f, s, n, ldigits); return;
    case 'X': fmt_sbx(f, s, n, udigits); return;
    case 'q': fmt_q(f, s, n); return;
    }
    bad_verb(f, v, verb, tname);
}

/* bytes of a []uint8 list */
static char *list_bytes(sg_value v, size_t *n)
{
    size_t len = list_len(v);
    char *p = sg_alloc(len + 1);
    for (size_t i = 0; i < len; i++) p[i] = (char)list_get(v, i).u.i;
    *n = len;
    return p;
}

static void fmt_bytes(fmtst *f, sg_value v, int verb, const char *typestr, int depth)
{
    size_t n;
    char *p = list_bytes(v, &n);
    switch (verb) {
    case 'v': case 'd':
        if (f->sharpv) {
            buf_puts(f->b, typestr);
            if (!v.u.l) { buf_puts(f->b, "(nil)"); return; }
            buf_putc(f->b, '{');
            for (size_t i = 0; i < n; i++) {
                if (i) buf_puts(f->b, ", ");
                bool sh = f->sharp;
                f->sharp = true;
                fmt_integer(f, (unsigned char)p[i], 16, false, 'v', ldigits);
                f->sharp = sh;
            }
            buf_putc(f->b, '}');
        } else {
            buf_putc(f->b, '[');
            for (size_t i = 0; i < n; i++) {
                if (i) buf_putc(f->b, ' ');
                fmt_integer(f, (unsigned char)p[i], 10, false, verb, ldigits);
            }
            buf_putc(f->b, ']');
        }
        return;
    case 's': pad(f, p, truncate_len(f, p, n)); return;
    case 'x': fmt_sbx(f, p, n, ldigits); return;
    case 'X': fmt_sbx(f, p, n, udigits); return;
    case 'q': fmt_q(f, p, n); return;
    }
    /* other verbs: element-wise as a slice of uint8 */
    buf_putc(f->b, '[');
    for (size_t i = 0; i < n; i++) {
        if (i) buf_putc(f->b, ' ');
        print_value(f, val_int((unsigned char)p[i]), verb, depth + 1, "uint8");
    }
    buf_putc(f->b, ']');
}

static const char *elem_type(sg_value list)
{
    switch (list.gotype) {
    case GT_LIST_STRING: return "string";
    case GT_LIST_INT: return "int";
    case GT_LIST_BYTES: return "uint8";
    }
    return NULL; /* interface {} */
}

static void print_elem(fmtst *f, sg_value e, int verb, int depth, const char *et)
{
    if (et) { print_value(f, e, verb, depth, et); return; }
    /* an interface{} element */
    if (e.kind == VK_NIL) {
        if (f->sharpv) buf_puts(f->b, "interface {}(nil)");
        else buf_puts(f->b, "<nil>");
        return;
    }
    print_value(f, e, verb, depth, NULL);
}

static void print_value(fmtst *f, sg_value v, int verb, int depth, const char *tname)
{
    /* %w outside Errorf: Go's handleMethods rejects it for every operand it sees, except
     * that a top-level []byte is printed element by element first. */
    if (verb == 'w' && v.kind != VK_NIL && (depth > 0 || !(v.kind == VK_LIST && v.gotype == GT_LIST_BYTES))) {
        bad_verb(f, v, verb, tname);
        return;
    }
    switch ((sg_kind)v.kind) {
    case VK_NIL:
        if (depth == 0) buf_puts(f->b, "<invalid reflect.Value>");
        else if (verb == 'v') buf_puts(f->b, "<nil>");
        else bad_verb(f, v, verb, tname);
        return;
    case VK_BOOL:
        if (verb == 't' || verb == 'v') fmt_boolean(f, v.u.b);
        else bad_verb(f, v, verb, tname);
        return;
    case VK_INT: case VK_INT64:
        if (gonamed_is(v) && !f->sharpv && !f->erroring && (verb == 'v' || verb == 's' || verb == 'x' || verb == 'X' || verb == 'q')) {
            /* a Stringer (time.Duration, time.Month, time.Weekday) */
            sg_buf sb;
            buf_init(&sb);
            gonamed_string(&sb, v);
            fmt_string_verb(f, sb.p, sb.len, verb, v, tname);
            return;
        }
        fmt_int_verb(f, v, verb, tname);
        return;
    case VK_FLOAT: fmt_float_verb(f, v, verb, tname); return;
    case VK_STRING: fmt_string_verb(f, v.u.s.p, v.u.s.n, verb, v, tname); return;
    case VK_LIST: {
        if (v.gotype == GT_LIST_BYTES) {
            if (depth == 0) { fmt_bytes(f, v, verb, "[]byte", depth); return; }
            if (verb == 's' || verb == 'q' || verb == 'x' || verb == 'X') {
                fmt_bytes(f, v, verb, "[]uint8", depth);
                return;
            }
        }
        const char *et = elem_type(v);
        size_t n = list_len(v);
        if (f->sharpv) {
            buf_puts(f->b, type_of(v, tname));
            if (!v.u.l) { buf_puts(f->b, "(nil)"); return; }
            buf_putc(f->b, '{');
            for (size_t i = 0; i < n; i++) {
                if (i) buf_puts(f->b, ", ");
                print_elem(f, list_get(v, i), verb, depth + 1, et);
            }
            buf_putc(f->b, '}');
        } else {
            buf_putc(f->b, '[');
            for (size_t i = 0; i < n; i++) {
                if (i) buf_putc(f->b, ' ');
                print_elem(f, list_get(v, i), verb, depth + 1, et);
            }
            buf_putc(f->b, ']');
        }
        return;
    }
    case VK_MAP: {
        if (f->sharpv) {
            buf_puts(f->b, type_of(v, tname));
            if (!v.u.m) { buf_puts(f->b, "(nil)"); return; }
            buf_putc(f->b, '{');
        } else buf_puts(f->b, "map[");
        size_t n = 0;
        sg_mapent **ents = v.u.m ? map_sorted(v, &n) : NULL;
        const char *et = v.gotype == GT_MAP_STRING ? "string" : NULL;
        for (size_t i = 0; i < n; i++) {
            if (i) {
                if (f->sharpv) buf_puts(f->b, ", ");
                else buf_putc(f->b, ' ');
            }
            sg_value k = val_str_nocopy(ents[i]->key, ents[i]->klen);
            print_value(f, k, verb, depth + 1, "string");
            buf_putc(f->b, ':');
            print_elem(f, ents[i]->val, verb, depth + 1, et);
        }
        buf_putc(f->b, f->sharpv ? '}' : ']');
        return;
    }
    case VK_OBJECT: {
        const sg_objtype *t = v.u.o->type;
        if (f->sharpv && t->gostring) {
            const char *s = t->gostring(v.u.o);
            pad(f, s, strlen(s));
            return;
        }
        if (!f->sharpv && t->string && (verb == 'v' || verb == 's' || verb == 'x' || verb == 'X' || verb == 'q')) {
            const char *s = t->string(v.u.o);
            fmt_string_verb(f, s, strlen(s), verb, v, tname);
            return;
        }
        if (t->asmap) {
            print_value(f, t->asmap(v.u.o), verb, depth, tname ? tname : t->name);
            return;
        }
        if (verb == 'v' || f->sharpv) {
            /* no printed form known: Go would show the struct's fields */
            const char *s = t->string ? t->string(v.u.o) : "&{}";
            pad(f, s, strlen(s));
            return;
        }
        bad_verb(f, v, verb, tname);
        return;
    }
    }
}

static void print_arg(fmtst *f, sg_value v, int verb)
{
    if (v.kind == VK_NIL) {
        if (verb == 'T' || verb == 'v') pad(f, "<nil>", 5);
        else bad_verb(f, v, verb, NULL);
        return;
    }
    if (verb == 'T') {
        const char *t = val_typename(v);
        fmt_s(f, t, strlen(t));
        return;
    }
    if (verb == 'p') {
        if (v.kind == VK_LIST || v.kind == VK_MAP || v.kind == VK_OBJECT) {
            bool sh = f->sharp;
            f->sharp = !sh;
            fmt_integer(f, (uint64_t)(uintptr_t)(v.kind == VK_LIST ? (void *)v.u.l : v.kind == VK_MAP ? (void *)v.u.m : (void *)v.u.o), 16, false, 'v', ldigits);
            f->sharp = sh;
        } else bad_verb(f, v, verb, NULL);
        return;
    }
    print_value(f, v, verb, 0, NULL);
}

/* ------------------------------------------------------------------ entry points */

void gofmt_value(sg_buf *b, sg_value v)
{
    fmtst f = { 0 };
    clearflags(&f);
    f.b = b;
    print_arg(&f, v, 'v');
}

const char *gofmt_str(sg_value v, size_t *len)
{
    if (v.kind == VK_STRING) {
        if (len) *len = v.u.s.n;
        return v.u.s.p;
    }
    sg_buf b;
    buf_init(&b);
    gofmt_value(&b, v);
    if (len) *len = b.len;
    return b.p;
}

void gofmt_sprint(sg_buf *b, int argc, const sg_value *argv)
{
    bool prevstr = false;
    for (int i = 0; i < argc; i++) {
        bool isstr = argv[i].kind == VK_STRING;
        if (i > 0 && !isstr && !prevstr) buf_putc(b, ' ');
        gofmt_value(b, argv[i]);
        prevstr = isstr;
    }
}

void gofmt_sprintln(sg_buf *b, int argc, const sg_value *argv)
{
    for (int i = 0; i < argc; i++) {
        if (i > 0) buf_putc(b, ' ');
        gofmt_value(b, argv[i]);
    }
    buf_putc(b, '\n');
}

static bool too_large(long x) { return x > 1000000 || x < -1000000; }

static long parsenum(const char *s, size_t start, size_t end, bool *isnum, size_t *newi)
{
    long num = 0;
    *isnum = false;
    size_t i = start;
    if (start >= end) { *newi = end; return 0; }
    for (; i < end && s[i] >= '0' && s[i] <= '9'; i++) {
        if (too_large(num)) { *isnum = false; *newi = end; return 0; }
        num = num * 10 + (s[i] - '0');
        *isnum = true;
    }
    *newi = i;
    return num;
}

static long int_from_arg(int argc, const sg_value *argv, int *argnum, bool *isint)
{
    long num = 0;
    *isint = false;
    if (*argnum < argc) {
        sg_value a = argv[*argnum];
        if (a.kind == VK_INT || a.kind == VK_INT64) {
            if (is_unsigned(a, NULL)) {
                if (a.u.i >= 0) { num = (long)a.u.i; *isint = true; }
            } else { num = (long)a.u.i; *isint = true; }
        }
        (*argnum)++;
        if (too_large(num)) { num = 0; *isint = false; }
    }
    return num;
}

typedef struct pstate {
    bool reordered, goodargnum;
} pstate;

/* returns new i; sets *found */
static size_t arg_number(pstate *ps, int *argnum, const char *fmt, size_t end, size_t i, int numargs, bool *found)
{
    *found = false;
    if (end <= i || fmt[i] != '[') return i;
    ps->reordered = true;
    /* parseArgNumber(format[i:]) */
    size_t len = end - i;
    long index = 0;
    size_t wid = 1;
    bool ok = false;
    if (len >= 3) {
        for (size_t k = 1; k < len; k++) {
            if (fmt[i + k] == ']') {
                bool isnum;
                size_t newi;
                long w = parsenum(fmt + i, 1, k, &isnum, &newi);
                if (!isnum || newi != k) { index = 0; wid = k + 1; ok = false; }
                else { index = w - 1; wid = k + 1; ok = true; }
                break;
            }
        }
    }
    if (ok && index >= 0 && index < numargs) {
        *argnum = (int)index;
        *found = true;
        return i + wid;
    }
    ps->goodargnum = false;
    *found = ok;
    return i + wid;
}

void gofmt_sprintf(sg_buf *b, const char *fmt, size_t end, int argc, const sg_value *argv)
{
    fmtst f = { 0 };
    f.b = b;
    pstate ps = { false, true };
    int argnum = 0;
    bool afterindex = false;
    for (size_t i = 0; i < end;) {
        ps.goodargnum = true;
        size_t lasti = i;
        while (i < end && fmt[i] != '%') i++;
        if (i > lasti) buf_put(b, fmt + lasti, i - lasti);
        if (i >= end) break;
        i++;
        clearflags(&f);
        bool simple_done = false;
        for (; i < end; i++) {
            char c = fmt[i];
            if (c == '#') f.sharp = true;
            else if (c == '0') f.zero = true;
            else if (c == '+') f.plus = true;
            else if (c == '-') f.minus = true;
            else if (c == ' ') f.space = true;
            else {
                if (c >= 'a' && c <= 'z' && argnum < argc) {
                    if (c == 'v' || c == 'w') {
                        f.sharpv = f.sharp; f.sharp = false;
                        f.plusv = f.plus; f.plus = false;
                    }
                    print_arg(&f, argv[argnum], c);
                    argnum++;
                    i++;
                    simple_done = true;
                }
                break;
            }
        }
        if (simple_done) continue;

        i = arg_number(&ps, &argnum, fmt, end, i, argc, &afterindex);
        if (i < end && fmt[i] == '*') {
            i++;
            bool isint;
            f.wid = (int)int_from_arg(argc, argv, &argnum, &isint);
            f.widp = isint;
            if (!f.widp) buf_puts(b, "%!(BADWIDTH)");
            if (f.wid < 0) { f.wid = -f.wid; f.minus = true; f.zero = false; }
            afterindex = false;
        } else {
            bool isnum;
            f.wid = (int)parsenum(fmt, i, end, &isnum, &i);
            f.widp = isnum;
            if (afterindex && f.widp) ps.goodargnum = false;
        }
        if (i + 1 < end && fmt[i] == '.') {
            i++;
            if (afterindex) ps.goodargnum = false;
            i = arg_number(&ps, &argnum, fmt, end, i, argc, &afterindex);
            if (i < end && fmt[i] == '*') {
                i++;
                bool isint;
                f.prec = (int)int_from_arg(argc, argv, &argnum, &isint);
                f.precp = isint;
                if (f.prec < 0) { f.prec = 0; f.precp = false; }
                if (!f.precp) buf_puts(b, "%!(BADPREC)");
                afterindex = false;
            } else {
                bool isnum;
                f.prec = (int)parsenum(fmt, i, end, &isnum, &i);
                f.precp = isnum;
                if (!f.precp) { f.prec = 0; f.precp = true; }
            }
        }
        if (!afterindex) i = arg_number(&ps, &argnum, fmt, end, i, argc, &afterindex);
        if (i >= end) { buf_puts(b, "%!(NOVERB)"); break; }
        int32_t verb;
        i += (size_t)gofmt_decode_rune(fmt + i, end - i, &verb);
        if (verb == '%') { buf_putc(b, '%'); continue; }
        if (!ps.goodargnum) {
            buf_puts(b, "%!"); put_verb(b, verb); buf_puts(b, "(BADINDEX)");
            continue;
        }
        if (argnum >= argc) {
            buf_puts(b, "%!"); put_verb(b, verb); buf_puts(b, "(MISSING)");
            continue;
        }
        if (verb == 'v' || verb == 'w') {
            f.sharpv = f.sharp; f.sharp = false;
            f.plusv = f.plus; f.plus = false;
        }
        print_arg(&f, argv[argnum], verb);
        argnum++;
    }
    if (!ps.reordered && argnum < argc) {
        clearflags(&f);
        buf_puts(b, "%!(EXTRA ");
        for (int k = argnum; k < argc; k++) {
            if (k > argnum) buf_puts(b, ", ");
            if (argv[k].kind == VK_NIL) buf_puts(b, "<nil>");
            else {
                buf_puts(b, val_typename(argv[k]));
                buf_putc(b, '=');
                print_arg(&f, argv[k], 'v');
            }
        }
        buf_putc(b, ')');
    }
}
